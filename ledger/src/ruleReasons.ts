import { homeName, JOINT_HOME, type Rule } from '@linju/contract';

/** What a reason may say of the refused cell: its header, the value sent, the column's least value, a date the store compared it with. */
export interface RuleContext {
  /** The value the row sent for the field (a date as YYYY-MM-DD, a number), if it is worth repeating. */
  value?: string;
  header?: string;
  /** The column's least value (the store's MIN). */
  min?: number;
  /** The most the store takes for the field (its MAX), from its message. */
  max?: string;
  /** The date the store compared a date with (the organization's founding, the start), from its message. */
  limit?: string;
  /** The values the store allows (its vocabulary, 、-separated), from its message. */
  allowed?: string;
  /** What the row's dates must fall in the life of: 队伍 for a team's records, else 组织. */
  owner?: string;
}

const was = (value: string | undefined) => (value === undefined ? '' : `，填写的是 ${value}`);
const spaced = (value: string | undefined) => (value === undefined ? '' : ` ${value} `);
const since = (limit: string | undefined) => (limit ? `（${limit}）` : '');

/**
 * The store's input rules (`extensions.rule` of a BAD_USER_INPUT) as a clerk reads them in the
 * import report: whole Chinese sentences that say the value and what is allowed, never the store's
 * English or an internal ID.
 */
export const RULE_REASONS: Readonly<Record<Rule, (context: RuleContext) => string>> = {
  required: () => '必填，不能为空',
  'too-long': ({ value }) => (value === undefined ? '内容过长' : `内容过长（${[...value].length} 字），请删减`),
  malformed: ({ value }) => `格式不正确${value === undefined ? '' : `：${value}`}`,
  'future-date': ({ value }) => `日期不能晚于今天${value === undefined ? '' : `：${value}`}`,
  'before-founding': ({ value, limit, owner = '组织' }) => `日期${spaced(value)}早于所引用${owner}的成立日期${since(limit)}`,
  'before-start': ({ value, limit }) => `日期${spaced(value)}早于开始日期${since(limit)}`,
  negative: ({ value }) => `不能为负数${was(value)}`,
  'too-small': ({ header, min, value }) => (min === undefined ? `数值过小${was(value)}` : `${header ?? '数值'}至少为 ${min}${was(value)}`),
  'too-large': ({ header, max, value }) => `${max === undefined ? '数值过大' : `${header ?? '数值'}至多为 ${max}`}${was(value)}；请检查单位，或是否多填了零`,
  'unknown-kind': ({ value, allowed }) => `${value === undefined ? '类别' : `“${value}”`}不在可选范围内${allowed ? `；可选：${allowed}` : ''}`,
  'malformed-id': () => 'ID 格式不正确，应为系统中记录的全局 ID',
  // The store's own Chinese says whose record the field must be (本方, the joint office's alliance) and whose it was: only its fallback is here.
  'wrong-jurisdiction': () => '所填 ID 属于另一方或联合办公室，此列不能引用它',
  'wrong-type': () => 'ID 所指记录的类型不对',
  'not-cross-border': () => '不是跨界记录',
  'post-taken': ({ value }) => `${value === undefined ? '该职务' : `职务“${value}”`}已有任职人；请先结束现任者的任职，再导入本行`,
  dissolved: () => '所引用的组织已撤销',
  ended: () => '所引用的记录已结束',
  closed: () => '所引用的记录已关闭',
  'self-reference': () => '不能引用自身',
  'parent-kind': () => '上级党组织不能领导这一类别的组织（党委可领导党委、党总支和党支部，党总支只能领导党支部，党支部下不能设立下级党组织）',
  duplicate: () => '与已有记录重复',
  'not-member': () => '不是该联盟的成员',
  period: () => '时间段不正确',
  'check-digit': () => '校验位不正确',
  mismatch: () => '与其他列不一致',
  'too-early': ({ value }) => `日期过早${value === undefined ? '' : `：${value}`}`,
  'not-applicable': () => '该条件不适用于此列表',
  'not-withdrawable': () => '该记录不能撤销登记（组织请撤销或撤并，职务请离任）',
  withdrawn: () => '该记录已撤销，无需再次撤销',
  'in-use': () => '该记录仍被其他记录引用（如队伍的行动记录），请先撤销引用它的记录',
  'unknown-region': () => '本方没有这个区划（区划 ID 有误，或该区划已不存在）',
  'unknown-alliance': () => `${homeName(JOINT_HOME.key)}没有这个联盟（联盟 ID 有误，或该联盟已不存在）`,
  'same-record': () => '已登记：与已登记的记录相同，未重复写入',
  'same-identity': () => '已登记过同一记录，内容与本行不同：如需更正，请先撤销原记录（撤销登记或撤销本次导入）再导入',
};

/**
 * Rules the import report words itself when the store names one of the ledger's columns: its
 * reason repeats the cell's value and the column's bound, which the store's own Chinese (made for
 * the API, naming the API's fields) does not. For the other rules the store's Chinese is the more
 * precise (which digit of an ID card number, which organization was dissolved, and when).
 */
export const LEDGER_WORDED: ReadonlySet<Rule> = new Set<Rule>([
  'required',
  'too-long',
  'future-date',
  'before-founding',
  'before-start',
  'negative',
  'too-small',
  'too-large',
  'unknown-kind',
  'malformed-id',
  'wrong-type',
  'post-taken',
  'too-early',
]);
