import type { Rule } from '@linju/contract';
import { fieldLabel } from '@linju/contract/fieldLabels';
import { sideName } from './gatewayClient.ts';
import { sideOfToken } from './sideOfToken.ts';
import { otherSideWords, signInAs } from './writerRefusal.ts';
import { LEDGER_WORDED, RULE_REASONS } from './ruleReasons.ts';
import type { RowProblem } from './parseLedgerRows.ts';
import type { LedgerKind } from './kinds/index.ts';

/** A message written in Chinese starts with a Chinese character (an English one may quote a Chinese value). */
const CHINESE = /^[\u4e00-\u9fff（“]/;
const BY_CODE: Readonly<Record<string, string>> = {
  BAD_USER_INPUT: '取值不符合登记规则',
  NOT_FOUND: '引用的记录不存在',
  FORBIDDEN: '无权写入该记录',
  CONFLICT: '与现有记录冲突',
  DANGLING_REFERENCE: '引用的记录不存在或已删除',
};

/** A refusal as the store states it: a GraphQL error's message and extensions, or a bulk write's row result. */
export interface Refusal {
  message: string;
  code?: unknown;
  field?: unknown;
  rule?: unknown;
}

/** A GraphQL error as a refusal. */
export const refusalOf = (error: { message: string; extensions?: Record<string, unknown> }): Refusal => ({ ...error.extensions, message: error.message });

/**
 * The Chinese of a message, or the message when it is in one language: the house style is
 * "中文 / English", the Chinese half sometimes led by the field's API name (`title 含有…`).
 */
const chineseOf = (message: string): string => (message.includes(' / ') ? message.split(' / ')[0]!.replace(/^[A-Za-z.]+\s+(?=[\u4e00-\u9fff])/, '') : message);

/**
 * Why the gateway refused a whole call (no row was looked at), in Chinese: an operator importing
 * into the other side's store is told which side's ledgers they may import.
 */
export function callRefusal(target: { token: string; side: string }, error: { message: string; extensions?: Record<string, unknown> } | undefined): string {
  const into = sideName(target.side);
  if (error?.extensions?.code === 'FORBIDDEN') {
    const own = sideOfToken(target.token);
    return own && own !== target.side ? otherSideWords(own, 'import', target.side) : `无权写入${into}的库；${signInAs(target.side)}`;
  }
  const chinese = error && chineseOf(error.message);
  return chinese && CHINESE.test(chinese) ? chinese : `网关拒绝了写入${into}的库${error ? `（${BY_CODE[String(error.extensions?.code)] ?? '请联系管理员'}）` : '，没有返回结果'}`;
}

/** Why a row another operator imported is not written again (the store's `another-sender`); 已存在 when the row is of the caller's region (`reaskAnotherSender`). */
export const IMPORTED_BY_ANOTHER = '该行已由另一位操作员导入，未重复写入';

/** Values a reason repeats: what the clerk typed, as read (a date, a number, text); not a reference, which the import made an ID. */
const REPEATED_TYPES = new Set(['date', 'count', 'amount', 'text']);
const ISO_DATE = /\d{4}-\d{2}-\d{2}/g;
/** The store names the values it allows last, after a colon, in Chinese (`… is not one of: 培训、座谈交流`). */
const ALLOWED = /: ([\u4e00-\u9fff][^:]*)$/;
/** The store names its bound of a figure as `… is more than 1000, which cannot be right` (subgraph-runtime/src/writes/validate.ts). */
const MAXIMUM = /is more than (\d+(?:\.\d+)?)/;

/**
 * The store's refusal as the clerk reads it: the column of the field it names, and a reason in
 * Chinese. For a rule the ledger words itself ({@link LEDGER_WORDED}, on one of its columns) the
 * rule says it, with the row's value (`input`, as sent) and the column's limits; otherwise the
 * store's Chinese (its Chinese half) is taken, and failing that the rule's; never the store's English.
 */
export function problemOf(refusal: Refusal, kind: LedgerKind, input: Readonly<Record<string, unknown>> = {}): RowProblem {
  // An outside-region refusal names no field: the record that places the row is the kind's region field.
  const field = refusal.rule === 'outside-region' ? kind.regionField : typeof refusal.field === 'string' ? refusal.field.split('.').pop() : undefined;
  const found = kind.columns.find((c) => c.field === field);
  const column = found?.header ?? null;
  // The column names the field: a reason led by its Chinese name as a heading (上级党组织：党支部下…) drops it.
  const heading = [column, field && fieldLabel(field)].find((name) => name && chineseOf(refusal.message).startsWith(`${name}：`));
  const chinese = chineseOf(refusal.message).slice(heading ? heading.length + 1 : 0);
  if (refusal.code === 'IDEMPOTENCY_KEY_REUSED') {
    return { column: null, reason: refusal.rule === 'another-sender' ? IMPORTED_BY_ANOTHER : '该行此前已以不同内容导入过，未重复写入' };
  }
  const ledgerWorded = found !== undefined && LEDGER_WORDED.has(refusal.rule as Rule);
  if (CHINESE.test(chinese) && !ledgerWorded) return { column, reason: chinese };
  const rule = RULE_REASONS[refusal.rule as Rule];
  if (!rule) return { column, reason: BY_CODE[String(refusal.code)] ?? '写入失败，请联系管理员' };
  const sent = field === undefined ? undefined : input[field];
  const value = found && REPEATED_TYPES.has(found.type) && (typeof sent === 'string' || typeof sent === 'number') ? String(sent) : undefined;
  const limit = refusal.message.match(ISO_DATE)?.find((date) => date !== value);
  const allowed = ALLOWED.exec(refusal.message)?.[1];
  const max = refusal.rule === 'too-large' ? MAXIMUM.exec(refusal.message)?.[1] : undefined;
  // A team's records (队伍活动) live within the team's life, the others within an organization's.
  const owner = kind.columns.some((c) => c.reference?.list === 'teams') ? '队伍' : '组织';
  return { column, reason: rule({ value, header: column ?? undefined, min: found?.min, max, limit, allowed, owner }) };
}
