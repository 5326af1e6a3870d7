import { JSZip } from './excelZip.ts';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { federationSnapshot } from '@linju/testing';
import { ledgerKind, ledgerTemplate } from '../src/index.ts';
import { importReport } from '../src/importReport.ts';
import { monthDayDates, monthDayDatesSentence } from '../src/monthDayDates.ts';
import { parseLedgerRows } from '../src/parseLedgerRows.ts';
import { readLedgerFile } from '../src/readLedgerFile.ts';
import type { ImportAnswer } from '../src/server/importRoutes.ts';
import { startDocumentsBehindGateway, type DocumentsBehindGateway } from './documentsBehindGateway.ts';
import { importCommand, organizationsOf } from './importHelpers.ts';

/**
 * A date cell shown as 月日 only (3月12日 typed into Chinese Excel: built-in 28 or 58, m"月"d"日", or a
 * format such as mm-dd): Excel stored a year the clerk never saw, the year it was typed in. It is read
 * with that year, and said with it, row by row, in the command's line, the report's 汇总 and the
 * documents server's answer, as absent columns are: it was stored without a word.
 */

const ACTIVITIES = ledgerKind('activities');
const DATE = ACTIVITIES.columns.findIndex((c) => c.header === '举办日期') + 1;
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ledger-month-day-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** An activities ledger whose rows 2–5 are dated 2025-03-1x, each shown in `formats[i]`; `builtIn` replaces a format by a built-in id alone, as Chinese Excel saves it. */
async function ledgerWith(organizer: string, formats: string[], builtIn?: { format: string; id: number }): Promise<string> {
  const workbook = ledgerTemplate(ACTIVITIES);
  const sheet = workbook.getWorksheet(ACTIVITIES.sheet)!;
  formats.forEach((numFmt, i) => {
    const row = sheet.getRow(i + 2);
    row.values = ['座谈交流', `月日格式座谈会${i + 2}`, new Date(Date.UTC(2025, 2, 12 + i)), organizer, 1, 10, 0, null];
    row.getCell(DATE).numFmt = numFmt;
  });
  let buffer: Buffer = Buffer.from(await workbook.xlsx.writeBuffer());
  if (builtIn) {
    const zip = await JSZip.loadAsync(buffer);
    const styles = await zip.file('xl/styles.xml')!.async('string');
    const custom = new RegExp(`<numFmt numFmtId="(\\d+)" formatCode="${builtIn.format.replaceAll('"', '&quot;')}"/>`).exec(styles)!;
    zip.file('xl/styles.xml', styles.replace(custom[0], '').replaceAll(`numFmtId="${custom[1]}"`, `numFmtId="${builtIn.id}"`));
    buffer = await zip.generateAsync({ type: 'nodebuffer' });
  }
  const path = join(dir, `ledger-${formats.length}-${builtIn?.id ?? 'custom'}.xlsx`);
  await writeFile(path, buffer);
  return path;
}

describe('a date cell shown as 月日 only', () => {
  test.each([
    ['m"月"d"日"', undefined],
    ['mm-dd', undefined],
    ['m/d', undefined],
    ['d-mmm', undefined],
    ['[$-804]m"月"d"日";@', undefined],
    // Chinese Excel saves 3月12日 typed by the id of its built-in 月日 format alone, with no format text.
    ['yy/m/d', { format: 'yy/m/d', id: 58 }],
    ['yy/m/d', { format: 'yy/m/d', id: 28 }],
  ])('%s (%o) is read with the year the cell holds, and said: rows 3 and 5', async (numFmt, builtIn) => {
    const path = await ledgerWith('磨溪镇党委', ['yyyy-mm-dd', numFmt, 'yyyy"年"m"月"d"日"', numFmt], builtIn);
    const table = await readLedgerFile(path, ACTIVITIES);
    const rows = parseLedgerRows(table.rows, ACTIVITIES);
    expect(rows.map((r) => [r.line, r.input?.heldOn ?? r.problems])).toEqual([[2, '2025-03-12'], [3, '2025-03-13'], [4, '2025-03-14'], [5, '2025-03-15']]);
    const dates = monthDayDates(ACTIVITIES, table.rows);
    expect(dates).toEqual([{ header: '举办日期', lines: [3, 5], years: [2025] }]);
    expect(monthDayDatesSentence(dates)).toBe('第3、5行的“举办日期”单元格只显示月日，按单元格中保存的年份（2025年）导入，请核对');
    // The report's 汇总 says it under 说明.
    const summary: unknown[][] = [];
    importReport(ACTIVITIES, Object.assign(rows.map((r) => ({ ...r, status: '错误' as const, recordId: null })), { passedOver: [], absent: [] })).getWorksheet('汇总')!.eachRow((row) => summary.push([row.getCell(1).value, row.getCell(2).value]));
    expect(summary.filter(([label]) => label === '说明')).toEqual([['说明', '第3、5行的“举办日期”单元格只显示月日，按单元格中保存的年份（2025年）导入，请核对']]);
  });

  test('formats with a year say nothing (yyyy-mm-dd, m/d/yy, 年月日, built-in 14)', async () => {
    const path = await ledgerWith('磨溪镇党委', ['yyyy-mm-dd', 'm/d/yy', 'yyyy"年"m"月"d"日"', 'mm-dd-yy']);
    expect(monthDayDates(ACTIVITIES, (await readLedgerFile(path, ACTIVITIES)).rows)).toEqual([]);
  });

  test('many rows are said in runs, and after twelve runs with 等 and how many; two years both named', () => {
    const lines = [3, 4, 5, 7, ...Array.from({ length: 12 }, (_, i) => 10 + 2 * i)];
    expect(monthDayDatesSentence([{ header: '举办日期', lines, years: [2025, 2026] }])).toBe(
      '第3–5、7、10、12、14、16、18、20、22、24、26、28等16行的“举办日期”单元格只显示月日，按单元格中保存的年份（2025年、2026年）导入，请核对',
    );
  });
});

describe('said through the documents server and the command', () => {
  let running: DocumentsBehindGateway;
  beforeAll(async () => {
    running = await startDocumentsBehindGateway();
  }, 120_000);
  afterAll(() => running?.stop());

  test('the preview’s answer and the command’s line name rows 3 and 5 and the year taken; nothing is written', async () => {
    const organizer = (await organizationsOf(running.federation, '安居区')).find((o) => o.foundedOn < '2025-01-01')!.name;
    const path = await ledgerWith(organizer, ['yyyy-mm-dd', 'm"月"d"日"', 'yyyy-mm-dd', 'm"月"d"日"']);
    const before = await federationSnapshot(running.federation.subgraphs);
    const response = await running.call(`/documents/import/preview?kind=activities&side=sichuan&name=${encodeURIComponent('活动台账.xlsx')}`, { method: 'POST', body: await readFile(path) });
    expect(response.status).toBe(200);
    const answer = (await response.json()) as ImportAnswer;
    expect(answer.rows.map((r) => [r.line, r.status])).toEqual([[2, '已导入'], [3, '已导入'], [4, '已导入'], [5, '已导入']]);
    expect(answer.monthDayDates).toEqual([{ header: '举办日期', lines: [3, 5], years: [2025] }]);
    expect(answer.monthDayDatesNote).toBe('第3、5行的“举办日期”单元格只显示月日，按单元格中保存的年份（2025年）导入，请核对');
    const { code, stdout, stderr } = await importCommand(['--file', path, '--kind', 'activities', '--side', 'sichuan', '--preview', '--gateway', running.federation.gatewayUrl, '--token', running.token]);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toContain('错误 0 行。第3、5行的“举办日期”单元格只显示月日，按单元格中保存的年份（2025年）导入，请核对。');
    expect(await federationSnapshot(running.federation.subgraphs)).toEqual(before);
  }, 300_000);
});
