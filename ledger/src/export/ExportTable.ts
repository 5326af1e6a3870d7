import type { ExportColumn } from './exportColumns.ts';

/** A cell the caller may not read (the gateway answered null with FORBIDDEN on its path): written as （无权查看）. */
export const HIDDEN = Symbol('hidden');
export const HIDDEN_TEXT = '（无权查看）';

/**
 * A cell only the joint office's store fills (所属联盟 of a side's record, the joint total and the
 * joint office's own counts in the figure table) while that store could not answer: the rest of the
 * table is the sides' own and is written whole, this cell as UNAVAILABLE_TEXT, never blank (a blank
 * 所属联盟 says the record names no alliance), and the table says why once (`unavailableNote`).
 */
export const UNAVAILABLE = Symbol('unavailable');
export const UNAVAILABLE_TEXT = '（暂缺：联合办公室数据暂不可用）';

/**
 * What a table with UNAVAILABLE cells says of them, once (a workbook's line above its header, the
 * documents server's X-Linju-Notice, the CLI's line): which cells, why, and to export again later.
 * `cells`: where they are, e.g. “所属联盟”列.
 */
export const unavailableNote = (cells: string): string =>
  `注：导出时遂潼联合办公室的数据暂时无法读取，${cells}中标为“${UNAVAILABLE_TEXT}”的单元格未能填写，其余内容均已导出；请待联合办公室恢复后重新导出，以补全这些单元格。`;

/** A value as read from the gateway: dates as `YYYY-MM-DD`, numbers, booleans, text; null is blank. */
export type Cell = string | number | boolean | null | typeof HIDDEN | typeof UNAVAILABLE;

/**
 * What an export writes: a title (the sheet's name and the file's), its columns, and its rows one
 * page at a time, each page read from the gateway only when the previous one has been written.
 */
export interface ExportTable {
  title: string;
  /**
   * A line above the table in a workbook, saying what it is, of which period and by what it is
   * filtered (联合总览 2021年上半年; 四川省活动 2021年上半年 类别：培训), so a printed
   * sheet says what it covers. A CSV has none: its first line is the header.
   */
  caption?: string;
  columns: readonly ExportColumn[];
  /** Pages of rows; the records behind a page (`records`) may be fewer than its rows (an alliance is one row per member). */
  pages(): AsyncGenerator<{ rows: Cell[][]; records: number }>;
  /** The number of records the gateway says the filter keeps (summed over the sides read), once the pages are read; null for a figure table. */
  totalCount(): number | null;
  /**
   * The note on the table's UNAVAILABLE cells (`unavailableNote`) once any has been read (the pages
   * read when the table was opened, then each one as it is written); null while none has.
   */
  unavailable?(): string | null;
}

/** The value at a path of a record; a list on the way is joined with 、 (an agreement's signatories). */
export function valueAt(record: unknown, path: readonly string[]): Cell {
  let value: unknown = record;
  for (const [i, field] of path.entries()) {
    if (value === null || value === undefined) return null;
    if (Array.isArray(value)) {
      const parts = value.map((item) => valueAt(item, path.slice(i))).filter((v) => v !== null && v !== HIDDEN && v !== UNAVAILABLE);
      return parts.join('、');
    }
    value = (value as Record<string, unknown>)[field];
  }
  return value === undefined ? null : (value as Cell);
}
