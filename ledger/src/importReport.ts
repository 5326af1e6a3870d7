import { basename, dirname, extname, join } from 'node:path';
import ExcelJS from 'exceljs';
import { CELL_ALIGNMENT, CELL_BORDER, columnWidth, pageSetup, rowHeight, shownText } from './export/printLayout.ts';
import { cellError, plainValue } from './readCell.ts';
import { styleHeader } from './ledgerTemplate.ts';
import type { RowOutcome } from './importLedger.ts';
import { countedStatuses } from './importBatches.ts';
import type { LedgerKind } from './kinds/index.ts';
import { absentColumnsSentence } from './kinds/mayBeAbsent.ts';
import { monthDayDates, monthDayDatesSentence } from './monthDayDates.ts';
import { chosenNamesakesSentence } from './chosenNamesakes.ts';
import { passedOverSentence, remarkColumnsSentence, type PassedOverRows } from './readLedgerFile.ts';

import { REPORT_COLUMNS } from './reportColumns.ts';

export { REPORT_COLUMNS };

/**
 * Widths and page setup as the exports have them (one rule, `printLayout.ts`): each column as wide
 * as its values, the header included, longer text wrapped; printed a page wide, landscape when wide,
 * the header row on every page.
 */
export function printAsExports(sheet: ExcelJS.Worksheet, whole: readonly boolean[] = []): void {
  const widths = sheet.columns.map((column, i) => columnWidth(Array.from(column.values ?? [], shownText), { whole: whole[i] }));
  sheet.columns.forEach((column, i) => {
    column.width = widths[i];
    column.alignment = CELL_ALIGNMENT;
    column.border = CELL_BORDER;
  });
  sheet.pageSetup = { ...sheet.pageSetup, ...pageSetup(widths) };
  // A row whose text wraps (a long reason) is made tall enough for it, or it would print over the next.
  sheet.eachRow((row, line) => {
    if (line === 1) return;
    const height = rowHeight(widths.map((_, i) => shownText(row.getCell(i + 1).value)), widths);
    if (height) row.height = height;
  });
}

/** The report's sheet of rows (a 汇总 sheet follows). */
export const IMPORT_REPORT_SHEET = '导入结果';

/** `<dir>/<name>.导入结果.xlsx` beside the input. */
export function reportPath(input: string): string {
  return join(dirname(input), `${basename(input, extname(input))}.导入结果.xlsx`);
}

/**
 * A preview's report (`--preview`): its sheet and file are named 预检结果, never 导入结果, and its rows that would be
 * imported are 可导入, so it is not taken for an import's result, and `--withdraw` refuses it (a preview wrote nothing).
 */
export const PREVIEW_REPORT_SHEET = '预检结果';

/** What a preview's report calls the rows the import would write (an import's says 已导入). */
export const PREVIEW_IMPORTED = '可导入';

/** What a preview's report calls the registered people the import would correct (an import's says 已更正). */
export const PREVIEW_CORRECTED = '可更正';

/** A status as a preview says it: 可导入, 可更正, the others as they are. */
export const previewStatus = (status: string): string => (status === '已导入' ? PREVIEW_IMPORTED : status === '已更正' ? PREVIEW_CORRECTED : status);

/** `<dir>/<name>.预检结果.xlsx` beside the input: a preview's report. */
export function previewReportPath(input: string): string {
  return join(dirname(input), `${basename(input, extname(input))}.${PREVIEW_REPORT_SHEET}.xlsx`);
}

/** 第 12 行“举办日期”：日期不能晚于今天：2099-01-01 (第 3 行：… when no column is to blame): one problem of a row, as a line. */
export const problemLine = (line: number, problem: { column: string | null; reason: string }) => `第 ${line} 行${problem.column ? `“${problem.column}”` : ''}：${problem.reason}`;

/** The 状态 of filled rows the import read as no record (a title, a 合计 row, rows of only a 序号): listed, never imported. */
export const PASSED_OVER_STATUS = '略过' as const;

/** How many filled rows were passed over. */
export const passedOverCount = (passedOver: readonly PassedOverRows[]): number => passedOver.reduce((n, p) => n + p.count, 0);

/** The 汇总's row that says which optional columns the file did not have. */
export const ABSENT_COLUMNS_LABEL = '说明';

/** A preview's report says, in its 汇总, that it wrote nothing and what to do next. */
export const PREVIEW_NOTE = '这是预检结果：预检没有写入任何记录，也无需撤销。请在原台账文件中改正出错的行，再导入原台账文件（不加 --preview）。';

/** The 汇总's row that says why an import stopped partway (a store's outage), its rows not written 未导入. */
export const STOPPED_LABEL = '服务中断（未导入的行请稍后重新导入同一文件）';

/** The same row of an import the clerk stopped (Ctrl-C: `interruption.ts`), which no outage stopped. */
export const INTERRUPTED_LABEL = '导入被中断（未导入的行请重新导入同一文件）';

/**
 * What is said of an import a store's outage stopped partway (the command's line, the documents
 * server's message): why, that its report was kept and where (`where`: 结果工作簿 <path> 中, or
 * 随本回答返回的结果工作簿“<name>”中), that it withdraws what was written, and that the file is imported again.
 */
export function stoppedSentence(outcomes: readonly RowOutcome[] & { stopped?: string }, where: string): string {
  const written = outcomes.filter((o) => o.status === '已导入').length;
  const left = outcomes.filter((o) => o.status === '未导入').length;
  return `导入中途停止：${outcomes.stopped ?? ''}；已写入的 ${written} 行在${where}记为“已导入”（含记录ID），撤销本次导入要用它，请保留；其余 ${left} 行未导入，请稍后重新导入同一文件（已写入的行不会重复写入）`;
}

/** What the command's line says of them, after the counts: 略过 2 行：第 1 行为表头上方的标题，未导入；第 37 行为合计行，未导入。 (nothing when none). */
export function passedOverSummary(passedOver: readonly PassedOverRows[]): string {
  if (!passedOver.length) return '';
  return `${PASSED_OVER_STATUS} ${passedOverCount(passedOver)} 行：${passedOver.map(passedOverSentence).join('；')}。`;
}

/**
 * The original rows with their status (and the clerk's remarks columns, 备注, after the report's columns), and for a refused row each column and reason (one line per
 * problem); among them, at their 行号, the rows passed over (略过, why in 原因: 第 37 行为合计行，未导入).
 * The 汇总 says, once, which optional columns the file did not have (说明: 文件中没有“所属联盟ID”列，各行按未填写导入),
 * and which date cells showed no year (说明: 第3、5行的“举办日期”单元格只显示月日，按单元格中保存的年份（2025年）导入，请核对),
 * and, for an import a store's outage stopped partway, why ({@link STOPPED_LABEL}; {@link INTERRUPTED_LABEL} when a signal stopped it).
 */
export function importReport(kind: LedgerKind, outcomes: readonly RowOutcome[] & { passedOver?: readonly PassedOverRows[]; absent?: readonly string[]; remarks?: readonly string[]; stopped?: string }, { preview = false, interrupted = false } = {}): ExcelJS.Workbook {
  const passedOver = outcomes.passedOver ?? [];
  const workbook = new ExcelJS.Workbook();
  // A preview's (预检结果): the rows it would import are 可导入, and it says it wrote nothing ({@link PREVIEW_REPORT_SHEET}).
  const said = (status: string) => (preview ? previewStatus(status) : status);
  const sheet = workbook.addWorksheet(preview ? PREVIEW_REPORT_SHEET : IMPORT_REPORT_SHEET);
  const ledger = kind.columns.map((c) => c.header);
  // The clerk's remarks columns (备注), read as nothing, kept as typed after the report's own: the ledger's columns before
  // 行号 stay the kind's, as a withdrawal reads them (`readImportReport`: the kind, each row's content).
  const remarks = outcomes.remarks ?? [];
  sheet.columns = [...ledger, ...REPORT_COLUMNS, ...remarks].map((header) => ({ header }));
  styleHeader(sheet);
  const lines: ({ line: number; row: RowOutcome } | { line: number; passed: PassedOverRows })[] = [
    ...outcomes.map((row) => ({ line: row.line, row })),
    ...passedOver.map((passed) => ({ line: passed.line, passed })),
  ].sort((a, b) => a.line - b.line);
  for (const entry of lines) {
    if ('passed' in entry) {
      sheet.addRow([...ledger.map(() => null), entry.line, PASSED_OVER_STATUS, null, passedOverSentence(entry.passed), null]);
      continue;
    }
    const { row } = entry;
    const original = ledger.map((h) => plainValue(row.cells[h]) ?? cellError(row.cells[h]) ?? null);
    const base = [...original, row.line, said(row.status)];
    const remarked = remarks.map((h) => plainValue(row.cells[h]) ?? null);
    if (!row.problems.length) sheet.addRow([...base, null, null, row.recordId, ...remarked]);
    // A row with a note and a record (已存在 as a registered namesake) keeps its record ID beside the note.
    else for (const p of row.problems) sheet.addRow([...base, p.column, p.reason, row.recordId, ...remarked]);
  }
  kind.columns.forEach((c, i) => {
    if (c.type === 'date') sheet.getColumn(i + 1).numFmt = 'yyyy-mm-dd';
  });
  // An ID, typed (所属联盟ID) or written (记录ID), is read whole: never wrapped.
  printAsExports(sheet, [...kind.columns.map((c) => c.type === 'id'), ...REPORT_COLUMNS.map((h) => h === '记录ID')]);
  const summary = workbook.addWorksheet('汇总');
  summary.columns = [{ header: '状态' }, { header: '行数' }];
  styleHeader(summary);
  for (const status of countedStatuses(outcomes)) summary.addRow([said(status), outcomes.filter((o) => o.status === status).length]);
  if (passedOver.length) summary.addRow([PASSED_OVER_STATUS, passedOverCount(passedOver)]);
  if (outcomes.stopped !== undefined) summary.addRow([interrupted ? INTERRUPTED_LABEL : STOPPED_LABEL, outcomes.stopped]);
  if (outcomes.absent?.length) summary.addRow([ABSENT_COLUMNS_LABEL, absentColumnsSentence(outcomes.absent, kind)]);
  if (outcomes.remarks?.length) summary.addRow([ABSENT_COLUMNS_LABEL, remarkColumnsSentence(outcomes.remarks)]);
  const monthDay = monthDayDatesSentence(monthDayDates(kind, outcomes));
  if (monthDay) summary.addRow([ABSENT_COLUMNS_LABEL, monthDay]);
  const chosen = chosenNamesakesSentence(outcomes);
  if (chosen) summary.addRow([ABSENT_COLUMNS_LABEL, chosen]);
  if (preview) summary.addRow([ABSENT_COLUMNS_LABEL, PREVIEW_NOTE]);
  printAsExports(summary);
  return workbook;
}
