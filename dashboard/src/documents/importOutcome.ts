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
