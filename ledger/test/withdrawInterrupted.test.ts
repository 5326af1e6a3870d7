import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { importLedger, importReport, ledgerKind, ledgerTemplate, withdrawImport } from '../src/index.ts';
import { post } from '../src/gatewayClient.ts';
import { withdrawDocument } from '../src/withdrawDocuments.ts';
import { notReachedInterrupted, notReachedWithdrawn } from '../src/withdrawImport.ts';
import { WITHDRAWAL_INTERRUPTED_LABEL, WITHDRAWAL_SHEET } from '../src/withdrawalReport.ts';
import { pressCtrlC } from './ctrlC.ts';
import { countOf, startAsAnjuClerk, type AnjuClerk } from './importHelpers.ts';

/**
 * Ctrl-C during `npm run import -- --withdraw`, as during an import (importInterrupted.test.ts): the command stops
 * withdrawing, waits for the withdrawal in flight, writes the result workbook (已撤销 and the rest 未撤销, saying why) and
 * says so, and exits 130. It died at once, no result written: which records were withdrawn only the lists could tell. The
 * clerk's Ctrl-C is a SIGINT to the terminal's whole process group, sent by a proxy in front of the gateway as the second
 * withdrawal arrives, passed on once the command has said it is stopping: so that withdrawal is in flight when it comes.
 */

let clerk: AnjuClerk;
beforeAll(async () => {
  clerk = await startAsAnjuClerk();
}, 180_000);
afterAll(() => clerk?.stop());

test('Ctrl-C: no record withdrawn after it, the one in flight awaited, the result written (已撤销, the rest 未撤销), exit 130; run again, the rest withdrawn', async () => {
  const kind = ledgerKind('activities');
  const workbook = ledgerTemplate(kind);
  const tag = Date.now().toString(36);
  for (let i = 0; i < 6; i++) workbook.getWorksheet(kind.sheet)!.addRow(['培训', `撤销中断${tag}-${i}`, '2024-03-02', clerk.anju[0]!.id, 1, 10, 0, null]);
  const file = join(clerk.dir, '撤销中断.xlsx');
  await workbook.xlsx.writeFile(file);
  const options = { kind, side: 'sichuan', gatewayUrl: clerk.federation.gatewayUrl, token: clerk.token };
  const outcomes = await importLedger({ ...options, file });
  expect(outcomes.map((o) => o.status)).toEqual(Array(6).fill('已导入'));
  const report = join(clerk.dir, '撤销中断.导入结果.xlsx');
  await importReport(kind, outcomes).xlsx.writeFile(report);
  // The last record withdrawn before (by hand): not reached by the run Ctrl-C stops, it is still said 此前已撤销, not 未撤销.
  const byHand = await post(options, withdrawDocument('sichuan'), { id: outcomes[5]!.recordId, reason: '手工撤销', key: null });
  expect(byHand.errors).toBeUndefined();
  const imported = await countOf(clerk.federation, 'activities');

  // The second withdrawal: Ctrl-C.
  const { code, signal, stdout, stderr, writes } = await pressCtrlC(clerk.federation.gatewayUrl, ['--withdraw', report, '--reason', '测试中断撤销', '--token', clerk.token], {
    writes: /^mutation LedgerSichuanWithdrawRecord/, at: 2, notice: '正在停止撤销',
  });

  expect(stderr).toContain('撤销被中断（按下了 Ctrl-C）。正在停止撤销：不再撤销新的记录，等待正在进行的撤销完成后写出撤销结果工作簿');
  expect(writes.map((w) => w.id), 'no withdrawal sent after Ctrl-C but the one in flight').toEqual(outcomes.slice(0, 2).map((o) => o.recordId));
  const result = join(clerk.dir, '撤销中断.撤销结果.xlsx');
  expect(stdout).toContain(`已撤销 2 行，此前已撤销 1 行，错误 0 行，未撤销 3 行；撤销中途停止：撤销被中断（按下了 Ctrl-C），未撤销的行请用同一导入结果工作簿重新撤销（已撤销的行不会重复撤销）`);
  expect(stdout).toContain(`结果见 ${result}`);
  // npm, signalled too, ends by the same signal once the command has exited: a shell says 130 either way.
  expect(code === 130 || signal === 'SIGINT', `exit ${code} ${signal}`).toBe(true);
  const written = new ExcelJS.Workbook();
  await written.xlsx.readFile(result);
  const rows = written.getWorksheet(WITHDRAWAL_SHEET)!.getSheetValues().slice(2).map((r) => (r as unknown[]).slice(1));
  expect(rows.map(([line, , id, status, why]) => [line, id, status, why ?? null])).toEqual(outcomes.map((o, i) => [
    o.line, o.recordId, i < 2 ? '已撤销' : i < 5 ? '未撤销' : '此前已撤销',
    i < 2 ? null : i < 5 ? notReachedInterrupted('撤销被中断（按下了 Ctrl-C）') : notReachedWithdrawn('撤销被中断（按下了 Ctrl-C）'),
  ]));
  expect(written.getWorksheet('汇总')!.getSheetValues().slice(1).map((r) => (r as unknown[]).slice(1))).toContainEqual([WITHDRAWAL_INTERRUPTED_LABEL, '撤销被中断（按下了 Ctrl-C）']);
  expect(await countOf(clerk.federation, 'activities')).toBe(imported - 2);

  // Run again with the same report: the two 此前已撤销, the rest withdrawn now.
  const again = await withdrawImport({ ...options, report, reason: '测试中断撤销' });
  expect(again.outcomes.map((o) => o.status)).toEqual(['此前已撤销', '此前已撤销', '已撤销', '已撤销', '已撤销', '此前已撤销']);
  expect(await countOf(clerk.federation, 'activities')).toBe(imported - 5);
}, 300_000);
