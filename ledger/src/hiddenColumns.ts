import type ExcelJS from 'exceljs';

/** The columns a sheet hides (counted from 1): hidden by hand, or folded in an outline (the file marks each the same). */
export function hiddenColumnsOf(sheet: ExcelJS.Worksheet): number[] {
  const columns = (sheet.columns ?? []) as readonly (Partial<ExcelJS.Column> | undefined)[];
  return columns.flatMap((column, i) => (column?.hidden ? [i + 1] : []));
}

/** After a hidden column's header in the sentence of the columns read as nothing: 本文件的“联系人（隐藏列）”列不导入. */
export const HIDDEN_COLUMN = '（隐藏列）';
