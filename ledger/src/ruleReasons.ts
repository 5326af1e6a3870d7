import type { Rule } from '@linju/contract';

/**
 * The store's input rules (`extensions.rule` of a BAD_USER_INPUT) as a clerk reads them, for the
 * import report: the store's own message follows in brackets where it is English only.
 */
export const RULE_REASONS: Readonly<Record<Rule, string>> = {
  required: '必填，不能为空',
  'too-long': '内容过长',
  malformed: '格式不正确',
  'future-date': '日期不能晚于今天',
  'before-founding': '日期早于所引用组织的成立日期',
  'before-start': '日期早于开始日期',
  negative: '不能为负数',
  'too-small': '数值过小',
  'too-large': '数值过大',
  'unknown-kind': '类别不在可选范围内',
  'malformed-id': 'ID 格式不正确',
  'wrong-jurisdiction': 'ID 不属于本方',
  'wrong-type': 'ID 所指记录的类型不对',
  'not-cross-border': '不是跨界记录',
  'post-taken': '该职务已有任职人',
  dissolved: '所引用的组织已撤销',
  ended: '所引用的记录已结束',
  closed: '所引用的记录已关闭',
  'self-reference': '不能引用自身',
  duplicate: '与已有记录重复',
  'not-member': '不是该联盟的成员',
  period: '时间段不正确',
  'check-digit': '校验位不正确',
  mismatch: '与其他列不一致',
  'too-early': '日期过早',
  'not-applicable': '该条件不适用于此列表',
};
