import type { LedgerColumn } from './LedgerKind.ts';

/**
 * Whether a clerk's ledger may leave the column out, each row then read as if its cell were blank:
 * an optional column whose blank cell means "not recorded" (a text, an ID such as 所属联盟ID, a
 * date, a record's name, one of its vocabulary). Never a required column, nor a count or an amount:
 * their blank cell is the store's default (0, or 1 for 场次), so a whole column of them missing
 * would import every row with that figure and change the totals without a word.
 */
export const mayBeAbsent = (column: LedgerColumn): boolean => !column.required && column.type !== 'count' && column.type !== 'amount';

/** 文件中没有“所属联盟ID”列，各行按未填写导入 (nothing when the file has every column): said once for a file, never assumed in silence. */
export const absentColumnsSentence = (absent: readonly string[]): string =>
  absent.length ? `文件中没有${absent.map((h) => `“${h}”`).join('、')}列，各行按未填写导入` : '';
