import type { Rule } from '@linju/contract';
import { RULE_REASONS } from './ruleReasons.ts';
import type { RowProblem } from './parseLedgerRows.ts';
import type { LedgerKind } from './kinds/index.ts';

/** A message written in Chinese starts with a Chinese character (an English one may quote a Chinese value). */
const CHINESE = /^[\u4e00-\u9fff（“]/;
const BY_CODE: Readonly<Record<string, string>> = {
  BAD_USER_INPUT: '取值不符合登记规则',
  NOT_FOUND: '引用的记录不存在',
  FORBIDDEN: '无权写入该记录',
  CONFLICT: '与现有记录冲突',
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

/** The store's refusal as the clerk reads it: the column of the field it names, and the Chinese part of its message. */
export function problemOf(refusal: Refusal, kind: LedgerKind): RowProblem {
  // An outside-region refusal names no field: the record that places the row is the kind's region field.
  const field = refusal.rule === 'outside-region' ? kind.regionField : typeof refusal.field === 'string' ? refusal.field.split('.').pop() : undefined;
  const column = kind.columns.find((c) => c.field === field)?.header ?? null;
  // The house style is "中文 / English"; a message in one language is taken whole.
  const chinese = refusal.message.split(' / ')[0]!;
  if (refusal.code === 'IDEMPOTENCY_KEY_REUSED') return { column: null, reason: '该行已由另一位操作员导入（或以不同内容导入过），未重复写入' };
  if (CHINESE.test(chinese)) return { column, reason: chinese };
  const reason = RULE_REASONS[refusal.rule as Rule] ?? BY_CODE[String(refusal.code)] ?? '写入失败';
  return { column, reason: `${reason}（${refusal.message}）` };
}
