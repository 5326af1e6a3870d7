import { WITHDRAWN_STATUSES } from '@linju/contract/withdrawStatuses';

/**
 * How an import's result reads, from its counts by status (已导入, 已存在, 错误, 未导入, 已更正): `all` when
 * every row is in the store (written now or before), `partial` when some are and others were refused,
 * `none` when rows were refused and none is in the store. The panel colours its box by it (green,
 * amber, red) and says what the clerk should do, so a file of which nothing was written never looks
 * like a success.
 */
export type ImportOutcome = 'all' | 'partial' | 'none';

export function importOutcome(counts: Readonly<Record<string, number>>): ImportOutcome {
  const count = (status: string) => counts[status] ?? 0;
  const refused = count('错误') + count('未导入');
  if (refused === 0) return 'all';
  return count('已导入') + count('已存在') + count('已更正') > 0 ? 'partial' : 'none';
}

/** The sentence after the counts: nothing for `all`, what to do for the others. */
export const IMPORT_OUTCOME_ADVICE: Readonly<Record<ImportOutcome, string>> = {
  all: '',
  partial: '部分行未导入：请按下表原因更正这些行后再导入。',
  none: '未写入任何行：请按下表原因更正后再导入。',
};

const WITHDRAWN: ReadonlySet<string> = new Set(WITHDRAWN_STATUSES);

/** How an import reads once its withdrawal answered: every row it wrote withdrawn, or some still in the store. */
export type WithdrawnOutcome = 'withdrawn' | 'partly-withdrawn';

/** The sentence under the counts of an import withdrawn. */
export const WITHDRAWN_OUTCOME_ADVICE: Readonly<Record<WithdrawnOutcome, string>> = {
  withdrawn: '本次导入写入的行已全部撤销，不再计入列表与统计。',
  'partly-withdrawn': '本次导入写入的行部分已撤销；仍为“已导入”的行未撤销，原因见撤销结果。',
};

/**
 * An import's rows and counts (as the import answered them) once its withdrawal answered (done, or
 * stopped partway by an outage): each 已导入 row the withdrawal says is withdrawn (已撤销, or 此前已撤销
 * by an earlier run) reads 已撤销, counted as such; `outcome` says whether any row it wrote is still
 * in the store. A retry's answer names every row again, so each answer is applied to the import's own.
 */
export function afterWithdrawal<Row extends { line: number; status: string }>(
  rows: readonly Row[],
  counts: Readonly<Record<string, number>>,
  withdrawal: readonly { line: number; status: string }[],
): { rows: Row[]; counts: Record<string, number>; outcome: WithdrawnOutcome } {
  const withdrawn = new Set(withdrawal.filter((row) => WITHDRAWN.has(row.status)).map((row) => row.line));
  const shown = rows.map((row) => (row.status === '已导入' && withdrawn.has(row.line) ? { ...row, status: '已撤销' } : row));
  const now = shown.filter((row) => row.status === '已撤销').length;
  const left = Math.max(0, (counts['已导入'] ?? 0) - now);
  return { rows: shown, counts: { ...counts, 已导入: left, 已撤销: now }, outcome: left === 0 ? 'withdrawn' : 'partly-withdrawn' };
}
