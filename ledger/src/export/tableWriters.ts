import { once } from 'node:events';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { csvInert, csvQuoted } from '@linju/contract';
import type { CellKind, ExportColumn } from './exportColumns.ts';
import { CAPTION_SIZE, captionHeight, CELL_ALIGNMENT, CELL_BORDER, columnWidth, LINE_HEIGHT, pageSetup, printAreaOf, rowHeight, shownText } from './printLayout.ts';
import { HIDDEN, HIDDEN_TEXT, UNAVAILABLE, UNAVAILABLE_TEXT, type Cell, type ExportTable } from './ExportTable.ts';

export type ExportFormat = 'xlsx' | 'csv';

export const CONTENT_TYPES: Readonly<Record<ExportFormat, string>> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

/** What an export wrote, and the most it held at once (the proof that it streams). */
export interface ExportStats {
  /** Rows written under the header. */
  rows: number;
  /** Records read (an alliance with three members is one record and three rows). */
  records: number;
  pages: number;
  /** The most rows held in memory at once: one page's, never the list's. */
  maxRowsHeld: number;
  /** What the gateway said the filter keeps, summed over the sides read; null for a figure table. */
  totalCount: number | null;
  /** The note on cells written UNAVAILABLE (`unavailableNote`), when any was; null when every cell was read. */
  unavailable: string | null;
}

const BOOLEAN_TEXT = { true: '是', false: '否' } as const;

/** A cell as text (CSV), or as what a workbook stores: a date cell, a number, text. */
function plain(value: Cell, kind: CellKind): string | number | Date | null {
  if (value === null || value === '') return null;
  if (value === HIDDEN) return HIDDEN_TEXT;
  if (value === UNAVAILABLE) return UNAVAILABLE_TEXT;
  if (typeof value === 'boolean') return BOOLEAN_TEXT[`${value}`];
  if (kind === 'date' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(`${value}T00:00:00Z`);
  return value;
}

/**
 * Text Excel would take for a number and change for good on opening a CSV: digits with a leading
 * zero (a landline 08252345678, a code 0825: the zero is dropped), or more than 11 digits (a resident
 * ID number 510904198503128593: shown as 5.10904E+17, and beyond 15 digits the last ones are lost).
 */
const NUMBER_LIKE = /^(?:0\d+|\d{12,})$/;

/**
 * Such text is written `="…"`, a formula whose result is that text: Excel (and LibreOffice, which
 * evaluates it) shows every digit as text, and Excel saves it back as the plain digits; the import
 * reads `="…"` as what it holds (`plainValue` in readCell.ts). A leading tab or apostrophe would
 * stay in the cell (the apostrophe visibly), and in the value a program reads.
 */
const keptAsText = (text: string) => (NUMBER_LIKE.test(text) ? `="${text}"` : text);

function csvCell(value: Cell, kind: CellKind): string {
  const cell = plain(value, kind);
  if (cell === null) return '';
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return csvQuoted(typeof cell === 'string' && typeof value === 'string' ? keptAsText(csvInert(cell)) : String(cell));
}

/** Waits while the output's buffer is full, so a slow reader (a browser) slows the reading of pages. */
async function drained(output: Writable): Promise<void> {
  if (output.writableNeedDrain) await once(output, 'drain');
}

type Pages = ReturnType<ExportTable['pages']>;

/** The pages of a table with the first, already read, put back in front. */
async function* resumed(first: IteratorResult<{ rows: Cell[][]; records: number }>, rest: Pages): Pages {
  if (first.done) return;
  yield first.value;
  yield* rest;
}

/** Writes the table's pages as they come, counting what is held; `put` writes one page's rows. */
async function writePages(table: ExportTable, pages: Pages, output: Writable, put: (rows: Cell[][]) => void): Promise<ExportStats> {
  const stats: ExportStats = { rows: 0, records: 0, pages: 0, maxRowsHeld: 0, totalCount: null, unavailable: null };
  for await (const { rows, records } of pages) {
    stats.maxRowsHeld = Math.max(stats.maxRowsHeld, rows.length);
    put(rows);
    stats.rows += rows.length;
    stats.records += records;
    stats.pages += 1;
    await drained(output);
  }
  stats.totalCount = table.totalCount();
  stats.unavailable = table.unavailable?.() ?? null;
  return stats;
}

/** UTF-8 with a byte-order mark (so Excel reads Chinese), a header row, CRLF line ends; ends the output. */
export async function writeCsv(table: ExportTable, output: Writable): Promise<ExportStats> {
  const line = (cells: string[]) => `${cells.join(',')}\r\n`;
  output.write(`\uFEFF${line(table.columns.map((c) => csvQuoted(c.header)))}`);
  const stats = await writePages(table, table.pages(), output, (rows) => {
    output.write(rows.map((row) => line(row.map((value, i) => csvCell(value, table.columns[i]!.cell)))).join(''));
  });
  output.end();
  await once(output, 'finish');
  return stats;
}

const NUMBER_FORMATS: Partial<Record<CellKind, string>> = { date: 'yyyy-mm-dd' };

/** Excel's limit on a sheet's name, and the characters it refuses in one. */
const sheetName = (title: string) => title.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31);

/** Each column's width: its header and the values of the first page (the one read before the file is opened). */
function widthsOf(columns: readonly ExportColumn[], rows: readonly Cell[][]): number[] {
  return columns.map((c, i) => columnWidth([c.header, ...rows.map((row) => shownText(plain(row[i] ?? null, c.cell)))], { least: c.idWidth, whole: c.idWidth !== undefined }));
}

/** A workbook's columns: the list's, its global IDs' (`idWidth`) moved last. */
export const inWorkbookOrder = <C extends Pick<ExportColumn, 'idWidth'>>(columns: readonly C[]): C[] => [...columns.filter((c) => c.idWidth === undefined), ...columns.filter((c) => c.idWidth !== undefined)];

/**
 * A workbook's table with its global IDs' columns last (`printed` the columns before them): on screen
 * a clerk reads a record by its name first, and printed the IDs are left out (the print area ends
 * before them). A global ID was the first and widest column (56 of the alliances' 226 width units), and
 * fitting it to the page's width printed every list at about half size. A CSV keeps the list's order.
 */
function idsLast(table: ExportTable): { table: ExportTable; printed?: number } {
  const order = inWorkbookOrder([...table.columns.keys()].map((i) => ({ i, idWidth: table.columns[i]!.idWidth }))).map(({ i }) => i);
  const printed = table.columns.filter((c) => c.idWidth === undefined).length;
  // Nothing to leave out when every column is an ID (no such list) or none is.
  if (printed === table.columns.length || printed === 0) return { table };
  const pages = table.pages.bind(table);
  return {
    printed,
    table: {
      ...table,
      columns: order.map((i) => table.columns[i]!),
      async *pages() {
        for await (const page of pages()) yield { ...page, rows: page.rows.map((row) => order.map((i) => row[i] ?? null)) };
      },
      totalCount: () => table.totalCount(),
    },
  };
}

/**
 * A note across the printed columns (`widths`), in dark red, wrapped, its row as tall as its lines:
 * what a clerk must know of the table before using it (cells not read: `unavailableNote`).
 */
function addNote(sheet: ExcelJS.Worksheet, text: string, widths: readonly number[]): void {
  const row = sheet.addRow([text]);
  row.font = { bold: true, color: { argb: 'FFC00000' } };
  row.height = rowHeight([text], [widths.reduce((sum, w) => sum + w, 0)]) ?? LINE_HEIGHT;
  sheet.mergeCells(row.number, 1, row.number, Math.max(1, widths.length));
  row.commit();
}

/**
 * An .xlsx written by exceljs's streaming writer: each row committed as it is written (no shared
 * strings table, which would hold every text), a caption when the table has one, a note under it
 * when cells could not be read (below the table when that is known only on a later page), a bold header
 * row frozen with a filter, each column
 * as wide as its longest value on the first page (text longer than the widest a column gets, or a
 * longer value on a later page, wraps in its cell), dates as date cells and numbers as numbers,
 * printed a page wide. Ends the output.
 */
export async function writeXlsx(whole: ExportTable, output: Writable): Promise<ExportStats> {
  const { table, printed } = idsLast(whole);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  // The widths precede the rows in the file: the first page is held back until they are measured.
  const pages = table.pages();
  const first = await pages.next();
  const widths = widthsOf(table.columns, first.done ? [] : first.value.rows);
  const printedWidths = widths.slice(0, printed ?? widths.length);
  // Cells not read (UNAVAILABLE) in the pages read so far: said above the header, where a clerk reads first.
  const notice = table.unavailable?.() ?? null;
  const headerRow = 1 + (table.caption ? 1 : 0) + (notice ? 1 : 0);
  const sheet = workbook.addWorksheet(sheetName(table.title), { views: [{ state: 'frozen', ySplit: headerRow }], pageSetup: pageSetup(printedWidths, headerRow) });
  sheet.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: headerRow, column: table.columns.length } };
  sheet.columns = table.columns.map((c, i) => ({ key: String(i), width: widths[i], style: { alignment: CELL_ALIGNMENT, border: CELL_BORDER, ...(NUMBER_FORMATS[c.cell] ? { numFmt: NUMBER_FORMATS[c.cell] } : {}) } }));
  if (table.caption) {
    // Across the printed columns (not the global IDs' after them, which print leaves out), so it is
    // never measured into the first column, and as tall as it wraps to within them.
    const caption = sheet.addRow([table.caption]);
    caption.font = { bold: true, size: CAPTION_SIZE };
    caption.height = captionHeight(table.caption, printedWidths);
    if (printedWidths.length > 1) sheet.mergeCells(1, 1, 1, printedWidths.length);
    caption.commit();
  }
  if (notice) addNote(sheet, notice, printedWidths);
  const header = sheet.addRow(table.columns.map((c) => c.header));
  header.font = { bold: true };
  header.commit();
  const stats = await writePages(table, resumed(first, pages), output, (rows) => {
    for (const row of rows) {
      const cells = row.map((value, i) => plain(value, table.columns[i]!.cell));
      const added = sheet.addRow(cells);
      // A value wider than its column wraps: the row is made tall enough for it, or it would print over the next.
      const height = rowHeight(cells.map(shownText), widths);
      if (height) added.height = height;
      added.commit();
    }
  });
  // Cells found unread only on a later page (the joint office went down during the export): said below the table.
  const late = !notice && stats.unavailable !== null;
  if (late) addNote(sheet, stats.unavailable!, printedWidths);
  // The print area, known once every row is written (the workbook's defined names are written last): the columns before the IDs.
  if (printed !== undefined) sheet.pageSetup.printArea = printAreaOf(printed, headerRow + stats.rows + (late ? 1 : 0));
  sheet.commit();
  await workbook.commit();
  return stats;
}

export const WRITERS: Readonly<Record<ExportFormat, (table: ExportTable, output: Writable) => Promise<ExportStats>>> = { xlsx: writeXlsx, csv: writeCsv };
