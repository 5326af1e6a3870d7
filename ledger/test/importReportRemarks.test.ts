import { expect, test } from 'vitest';
import { importReport, ledgerKind } from '../src/index.ts';
import type { RowOutcome } from '../src/importLedger.ts';
import { readImportReport } from '../src/withdrawImport.ts';

/**
 * The import's report keeps the rows as they were typed, the clerk's remarks column (备注) too: read as nothing by the import,
 * it was dropped from the report. It comes after the report's columns, so that a withdrawal still reads the report's kind and
 * each row's content from the ledger's columns before 行号.
 */
test('the report keeps the clerk’s 备注 after its own columns, and a withdrawal still reads it', async () => {
  const kind = ledgerKind('activities');
  const cells = { 类别: '培训', 名称: '带备注', 举办日期: '2025-03-05', 主办组织: '磨溪镇党委', 场次: 1, 人次: 12, 引进人才: 0, 所属联盟ID: null, 备注: '补录，见会议纪要' };
  const rows: RowOutcome[] = [
    { line: 2, cells, input: {}, problems: [], status: '已导入', recordId: 'sichuan:Activity:one' },
    { line: 3, cells: { ...cells, 备注: null }, input: null, problems: [{ column: '人次', reason: '不能为负数' }], status: '错误', recordId: null },
  ];
  const workbook = importReport(kind, Object.assign(rows, { remarks: ['备注'] }));
  const sheet = workbook.getWorksheet('导入结果')!;
  const values = sheet.getSheetValues().slice(1).map((r) => (r as unknown[]).slice(1));
  expect(values[0]).toEqual([...kind.columns.map((c) => c.header), '行号', '状态', '出错列', '原因', '记录ID', '备注']);
  expect(values[1]!.at(-1)).toBe('补录，见会议纪要');
  expect(values[2]!.length).toBeLessThan(values[0]!.length);
  const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
  const read = await readImportReport({ bytes, name: '带备注.导入结果.xlsx' });
  expect(read.kind?.kind).toBe('activities');
  expect(read.rows.map((r) => [r.line, r.status, r.recordId])).toEqual([[2, '已导入', 'sichuan:Activity:one'], [3, '错误', null]]);
});
