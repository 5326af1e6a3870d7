import type { LedgerKind } from './kinds/index.ts';
import { readCell } from './readCell.ts';

/** A date column's cells shown as 月日 only (3月12日): the rows (their numbers as the clerk sees them) and the years the cells hold. */
export interface MonthDayDates {
  readonly header: string;
  readonly lines: readonly number[];
  readonly years: readonly number[];
}

/**
 * The date cells of a ledger's rows that show a month and a day but no year (Chinese Excel's 月日,
 * built-in 28 and 58, or `mm-dd`: `formatWithoutYear` in readCell.ts), by column. Excel stored a
 * year the clerk never saw, the year the cell was typed in: right for this year's activities, wrong
 * for last year's ledger typed in January. Refusing them would refuse a whole ledger of this year's
 * work over a year that is most often right, and nothing in a cell says which; so they are read with
 * the year they hold, and said, with that year, for the clerk to check ({@link monthDayDatesSentence}).
 */
export function monthDayDates(kind: LedgerKind, rows: readonly { line: number; cells: Record<string, unknown> }[]): MonthDayDates[] {
  return kind.columns
    .filter((column) => column.type === 'date')
    .flatMap((column) => {
      const found = rows.flatMap((row) => {
        const cell = readCell(row.cells[column.header], 'date');
        return 'value' in cell && cell.yearNotShown !== undefined ? [{ line: row.line, year: cell.yearNotShown }] : [];
      });
      if (!found.length) return [];
      const lines = [...new Set(found.map((f) => f.line))].sort((a, b) => a - b);
      return [{ header: column.header, lines, years: [...new Set(found.map((f) => f.year))].sort((a, b) => a - b) }];
    });
}

/** How many runs of rows a sentence names before 等: a whole ledger of such cells is not listed row by row. */
const MOST_RUNS = 12;

/** 3、5、7–9: rows in runs; after {@link MOST_RUNS} runs, 等 and how many rows in all. */
export function linesText(lines: readonly number[]): string {
  const runs: [number, number][] = [];
  for (const line of lines) {
    const last = runs.at(-1);
    if (last && line === last[1] + 1) last[1] = line;
    else runs.push([line, line]);
  }
  const named = runs.slice(0, MOST_RUNS).map(([a, b]) => (a === b ? `${a}` : `${a}–${b}`)).join('、');
  return runs.length > MOST_RUNS ? `${named}等${lines.length}` : named;
}

/**
 * 第3、5行的“活动日期”单元格只显示月日，按单元格中保存的年份（2026年）导入，请核对 ('' when none): said in the
 * command's line, the report's 汇总 and the documents server's answer, as the absent columns are.
 */
export const monthDayDatesSentence = (list: readonly MonthDayDates[]): string =>
  list
    .map(({ header, lines, years }) => `第${linesText(lines)}行的“${header}”单元格只显示月日，按单元格中保存的年份（${years.map((y) => `${y}年`).join('、')}）导入，请核对`)
    .join('；');
