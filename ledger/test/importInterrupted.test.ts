import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { INTERRUPTED_LABEL } from '../src/importReport.ts';
import { ledgerKind, ledgerTemplate } from '../src/index.ts';
import { pressCtrlC } from './ctrlC.ts';
import { countOf, readReport, startAsAnjuClerk, type AnjuClerk } from './importHelpers.ts';

/**
 * Ctrl-C during `npm run import`: the command stops sending, waits for the write in flight, writes the report of what
 * was written and says where, and exits 130. It died at once: 2000 rows of 6000 written and no report, so they could
 * never be withdrawn (the resumed import called them 已存在). The clerk's Ctrl-C is a SIGINT to the terminal's whole
 * process group (npm, sh, tsx and the command), sent here by a proxy in front of the gateway as the second bulk write
 * arrives, which it passes on once the command has said it is stopping: so the write is in flight when the signal comes.
 */

let clerk: AnjuClerk;
beforeAll(async () => {
  clerk = await startAsAnjuClerk();
}, 180_000);
afterAll(() => clerk?.stop());

/** `<name>测试.xlsx`: 2500 activities, three calls of the bulk write (1000, 1000 and 500 rows). */
async function ledgerOf2500(name: string): Promise<string> {
  const kind = ledgerKind('activities');
  const workbook = ledgerTemplate(kind);
  const sheet = workbook.getWorksheet(kind.sheet)!;
  const tag = Date.now().toString(36);
  for (let i = 0; i < 2500; i++) sheet.addRow(['培训', `${name}${tag}-${i}`, '2024-03-01', clerk.anju[0]!.id, 1, 10, 0, null]);
  const file = join(clerk.dir, `${name}测试.xlsx`);
  await workbook.xlsx.writeFile(file);
  return file;
}

test('Ctrl-C: no write sent after it, the one in flight awaited, the report written (已导入 with IDs, the rest 未导入), exit 130', async () => {
  const file = await ledgerOf2500('中断');
  const before = await countOf(clerk.federation, 'activities');

  // The second call of the bulk write: Ctrl-C.
  const { code, signal, stdout, stderr, writes } = await pressCtrlC(clerk.federation.gatewayUrl, ['--file', file, '--kind', 'activities', '--token', clerk.token], {
    writes: /^mutation LedgerSichuanImportActivities/, at: 2, notice: '正在停止导入',
  });

  expect(stderr).toContain('导入被中断（按下了 Ctrl-C）。正在停止导入：不再发送新的行，等待已发出的写入完成后写出结果工作簿');
  expect(writes.map((w) => (w.rows as unknown[]).length), 'no write sent after Ctrl-C but the one in flight').toEqual([1000, 1000]);
  const report = join(clerk.dir, '中断测试.导入结果.xlsx');
  expect(stdout).toContain(`导入中途停止：导入被中断（按下了 Ctrl-C）；已写入的 2000 行在结果工作簿 ${report} 中记为“已导入”（含记录ID），撤销本次导入要用它，请保留；其余 500 行未导入`);
  // npm, signalled too, ends by the same signal once the command has exited: a shell says 130 either way.
  expect(code === 130 || signal === 'SIGINT', `exit ${code} ${signal}`).toBe(true);
  const rows = await readReport(report);
  const imported = rows.filter((r) => r['状态'] === '已导入');
  expect(imported).toHaveLength(2000);
  expect(imported.every((r) => /^sichuan:Activity:/.test(String(r['记录ID'])))).toBe(true);
  const left = rows.filter((r) => r['状态'] === '未导入');
  expect(left.map((r) => r['行号'])).toEqual(Array.from({ length: 500 }, (_, i) => 2002 + i));
  expect(new Set(left.map((r) => r['原因']))).toEqual(new Set(['导入被中断（按下了 Ctrl-C），本行未发送、未写入；请重新导入同一文件（已写入的行不会重复写入）']));
  expect(await countOf(clerk.federation, 'activities')).toBe(before + 2000);
  const summary = new ExcelJS.Workbook();
  await summary.xlsx.readFile(report);
  expect(summary.getWorksheet('汇总')!.getSheetValues().slice(1).map((r) => (r as unknown[]).slice(1))).toContainEqual([INTERRUPTED_LABEL, '导入被中断（按下了 Ctrl-C）']);
}, 300_000);

test('SIGHUP (the terminal closed, an SSH connection dropped): stopped as by Ctrl-C, stdout gone, the report still written', async () => {
  const file = await ledgerOf2500('挂断');
  const before = await countOf(clerk.federation, 'activities');

  // The hangup reaches the whole group as the second bulk write arrives; stdout is closed with it (EPIPE from then on).
  const { code, signal, stderr, writes } = await pressCtrlC(clerk.federation.gatewayUrl, ['--file', file, '--kind', 'activities', '--token', clerk.token], {
    writes: /^mutation LedgerSichuanImportActivities/, at: 2, notice: '正在停止导入', signal: 'SIGHUP',
  });

  expect(stderr).toContain('导入被中断（终端已关闭或连接已断开，收到信号 SIGHUP）。正在停止导入');
  expect(writes.map((w) => (w.rows as unknown[]).length), 'no write sent after the hangup but the one in flight').toEqual([1000, 1000]);
  // npm and tsx die of the hangup; the command's own 129 is not theirs.
  expect(code === 129 || signal === 'SIGHUP', `exit ${code} ${signal}`).toBe(true);
  const rows = await readReport(join(clerk.dir, '挂断测试.导入结果.xlsx'));
  expect(rows.filter((r) => r['状态'] === '已导入')).toHaveLength(2000);
  expect(new Set(rows.filter((r) => r['状态'] === '未导入').map((r) => r['原因']))).toEqual(new Set(['导入被中断（终端已关闭或连接已断开，收到信号 SIGHUP），本行未发送、未写入；请重新导入同一文件（已写入的行不会重复写入）']));
  expect(await countOf(clerk.federation, 'activities')).toBe(before + 2000);
}, 300_000);
