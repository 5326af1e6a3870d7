import ExcelJS from 'exceljs';
import { WITHDRAW_STATUSES } from '@linju/contract/withdrawStatuses';
import { printAsExports } from './importReport.ts';
import { styleHeader } from './ledgerTemplate.ts';
import { withdrawCounts, type WithdrawResult } from './withdrawImport.ts';

/** The result workbook's sheet of rows (a 汇总 sheet follows). */
export const WITHDRAWAL_SHEET = '撤销结果';
const COLUMNS = ['行号', '内容', '记录ID', '状态', '原因'] as const;

/** The 汇总's row of a withdrawal stopped by Ctrl-C (or SIGTERM): why. */
export const WITHDRAWAL_INTERRUPTED_LABEL = '撤销中途停止（未撤销的行请用同一导入结果工作簿重新撤销）';

/**
 * The result of withdrawing an import (`<name>.撤销结果.xlsx`): each 已导入 row of its report with
 * what it is (内容), its record and what became of it (已撤销, 此前已撤销 with when and why, 错误 with the reason, 未撤销
 * when a store went down partway),
 * printed as the import's report is; and a 汇总 sheet with the counts, the reason given, and the
 * report's rows left alone.
 */
export function withdrawalReport(result: WithdrawResult, details: { report: string; reason: string }): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(WITHDRAWAL_SHEET);
  sheet.columns = COLUMNS.map((header) => ({ header }));
  styleHeader(sheet);
  for (const o of result.outcomes) sheet.addRow([o.line, o.content, o.recordId, o.status, o.reason]);
  printAsExports(sheet, COLUMNS.map((h) => h === '记录ID'));
  const summary = workbook.addWorksheet('汇总');
  summary.columns = [{ header: '项目' }, { header: '内容' }];
  styleHeader(summary);
  summary.addRow(['导入结果工作簿', details.report]);
  summary.addRow(['撤销原因', details.reason.trim()]);
  const counts = withdrawCounts(result.outcomes);
  for (const status of WITHDRAW_STATUSES) if (status !== '未撤销' || counts[status]) summary.addRow([status, counts[status]]);
  if (result.stopped) summary.addRow(['服务中断（未撤销的行请稍后重新撤销）', result.stopped]);
  if (result.interrupted) summary.addRow([WITHDRAWAL_INTERRUPTED_LABEL, result.interrupted]);
  summary.addRow(['已存在（此前的导入写入，未撤销）', result.existing]);
  if (result.repeats) summary.addRow(['已存在（与本文件已导入的行重复，随之撤销）', result.repeats]);
  printAsExports(summary);
  return workbook;
}
