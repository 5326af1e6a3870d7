import type ExcelJS from 'exceljs';

/**
 * How a sheet the ledger writes is printed: its columns' widths and its page setup. The exports and
 * the import's result workbook both take them from here, so they print alike.
 */

/**
 * Characters a CJK font draws twice as wide as a digit: CJK ideographs and punctuation, kana,
 * Hangul, full-width forms, and the quotes, dashes and ellipsis a Chinese name is typed with (“一约四会”,
 * 观音村—大佛村), which a CJK font draws full width too.
 */
const WIDE = /[\u1100-\u115F\u2014\u2018\u2019\u201C\u201D\u2026\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA960-\uA97F\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u{20000}-\u{3FFFD}]/u;

/** A text's width in a sheet's units (the width of a digit): a wide character counts 2. */
export function textWidth(text: string): number {
  let width = 0;
  for (const character of text) width += WIDE.test(character) ? 2 : 1;
  return width;
}

/** The text a cell shows, for measuring: a date as yyyy-mm-dd, blank as nothing. */
export function shownText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value);
}

/** The widest a column is made for its values: a longer text wraps in its cell rather than shrink the whole page to fit its width. */
export const WIDEST = 50;
const NARROWEST = 6;
const MARGIN = 2;

/**
 * A column's width: its longest line (the header's included) and a margin, within NARROWEST and
 * WIDEST. An identifier (`whole`: a global ID, which must not wrap) is as wide as it is, however
 * wide, and at least `least` (a record written through the API has a longer ID than a first page
 * may show).
 */
export function columnWidth(texts: Iterable<string>, { least = 0, whole = false }: { least?: number; whole?: boolean } = {}): number {
  let longest = 0;
  for (const text of texts) for (const line of text.split('\n')) longest = Math.max(longest, textWidth(line));
  const width = Math.max(NARROWEST, least, longest + MARGIN);
  return whole ? width : Math.min(WIDEST, width);
}

/** Points one line of a cell's text takes (11 pt, a CJK font's line included): Excel's default row is 15. */
export const LINE_HEIGHT = 15;

/**
 * The height of a row whose text wraps, in points: as many lines as its most wrapped cell takes at
 * its column's width (the width's margin left out, so a value the width was measured on takes one
 * line), or undefined when every value fits on one line (the row keeps the default height). Excel
 * lays a row without a height out by its content, but LibreOffice keeps the default and prints the
 * wrapped lines over the rows below, so a row that wraps is given its height.
 */
export function rowHeight(texts: readonly string[], widths: readonly number[]): number | undefined {
  let lines = 1;
  for (const [i, text] of texts.entries()) {
    const room = Math.max(1, (widths[i] ?? WIDEST) - MARGIN);
    const cell = text.split('\n').reduce((sum, line) => sum + Math.max(1, Math.ceil(textWidth(line) / room)), 0);
    lines = Math.max(lines, cell);
  }
  return lines > 1 ? lines * LINE_HEIGHT : undefined;
}

/** A table's caption above its header: bold, in 14 pt (a sheet's widths are in 11 pt digits). */
export const CAPTION_SIZE = 14;

/**
 * The height of a caption row (points) across columns of `widths`: one line of 14 pt in 24 pt, and
 * 20 pt more for each further line it wraps to. A caption wider than a narrow table (四川省川渝通办事项按类别统计
 * 2021年上半年 over 类别 and 事项（件）) kept one line's 24 pt, so LibreOffice printed its second line
 * under the header row and the period and the alliance it names were lost on paper.
 */
export function captionHeight(text: string, widths: readonly number[]): number {
  const room = Math.max(1, widths.reduce((sum, w) => sum + w, 0) - MARGIN);
  const lines = Math.max(1, Math.ceil((textWidth(text) * CAPTION_SIZE) / 11 / room));
  return 4 + 20 * lines;
}

/** How a cell of a measured column is aligned: at the top, text wrapped at the column's width (so nothing is cut). */
export const CELL_ALIGNMENT: Partial<ExcelJS.Alignment> = { vertical: 'top', wrapText: true };

const THIN: Partial<ExcelJS.Border> = { style: 'thin' };

/**
 * Every cell of a table ruled, as a printed 台账 is: without lines a number or date, drawn at the right
 * of its cell, runs into the text drawn at the left of the next (人次 0 then 白马镇… printed 0白马镇…,
 * 2021-06-05白马镇党委), since neither Excel nor LibreOffice prints the grid unless asked.
 */
export const CELL_BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/** About how many characters' width an A4 page prints upright at full size between its margins. */
const PORTRAIT_WIDTH = 90;
const A4 = 9;

/** A column's letters by its number (1 → A, 27 → AA). */
export function columnLetters(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/**
 * A print area of the first `columns` columns and `rows` rows, as exceljs takes it: A$1:I$70, which
 * it writes $A$1:$I$70. Written A1:I70 ($A1:$I70, not absolute), LibreOffice ignored it and printed every column.
 */
export const printAreaOf = (columns: number, rows: number): string => `A$1:${columnLetters(columns)}$${Math.max(1, rows)}`;

/**
 * Printed, a sheet fits the page's width (as many pages tall as it takes: fitToHeight 0), on A4,
 * turned landscape when its printed columns (`widths`) are wider than an upright page, with its first
 * `headerRows` (the header row, and a caption above it) repeated on every page. Excel ignores
 * fitToWidth without fitToPage.
 */
export function pageSetup(widths: readonly number[], headerRows = 1): Partial<ExcelJS.PageSetup> {
  const wide = widths.reduce((sum, w) => sum + w, 0) > PORTRAIT_WIDTH;
  return { paperSize: A4, orientation: wide ? 'landscape' : 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `1:${headerRows}` };
}
