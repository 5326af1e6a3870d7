import { shownText } from './export/printLayout.ts';
import { plainValue } from './readCell.ts';

/** A ledger cell as the pages show it: its text, a date as yyyy-mm-dd, blank as nothing. */
export const cellText = (value: unknown): string => shownText(plainValue(value));

/**
 * What a ledger row is, in a few words: its first two filled cells in the ledger's column order
 * (类别 · 名称, 姓名 · 性别), as the import's table and the withdrawal's (page and result workbook)
 * show it beside the row's 行号.
 */
export function rowContent(cells: readonly unknown[]): string {
  return cells.map(cellText).filter(Boolean).slice(0, 2).join(' · ');
}
