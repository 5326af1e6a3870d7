import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mintDevToken } from '@linju/gateway/devKeys';
import { todayInChina } from '@linju/contract/todayInChina';
import { createLogger } from '@linju/observability';
import { federationSnapshot, freePort, type Federation } from '@linju/testing';
import { importLedger, importReport, ledgerKind, ledgerTemplate, LedgerError, withdrawImport } from '../src/index.ts';
import { post } from '../src/gatewayClient.ts';
import { withdrawDocument } from '../src/withdrawDocuments.ts';
import { withdrawKey, withdrawnBefore } from '../src/withdrawImport.ts';
import { startDocumentsServer } from '../src/server/documentsServer.ts';
import type { ImportAnswer } from '../src/server/importRoutes.ts';
import { countOf, importCommand, readReport, startAsAnjuClerk, type AnjuClerk, type Org } from './importHelpers.ts';

/**
 * 撤销本次导入: a 安居区 clerk imports an activities ledger through a real gateway into real stores,
 * then withdraws that import by its report (`npm run import -- --withdraw <report> --reason …`):
 * the rows it wrote (已导入) leave the list and the figures, exactly those; the result workbook
 * says each row; a second run changes nothing and says 此前已撤销; a run resumed after an
 * interruption withdraws the rest once; another region's clerk is refused row by row
 * (outside-region); a file that is not a report, a blank reason, a report without 已导入 rows and a
 * store down are refused, changing nothing.
 */

const ACTIVITIES = ledgerKind('activities');
const PERIOD = { from: '2024-09-01', to: '2024-09-30' };

let clerk: AnjuClerk | undefined;
let federation: Federation;
let dir: string;
let token: string;
let anju: Org[];
beforeAll(async () => {
  clerk = await startAsAnjuClerk();
  ({ federation, dir, token, anju } = clerk);
}, 120_000);
afterAll(() => clerk?.stop());

const importFile = (file: string) => importCommand(['--file', file, '--kind', 'activities', '--side', 'sichuan', '--gateway', federation.gatewayUrl, '--token', token]);
const withdrawFile = (report: string, reason: string, as = token) => importCommand(['--withdraw', report, '--reason', reason, '--gateway', federation.gatewayUrl, '--token', as]);
const reportOf = (file: string) => file.replace(/\.xlsx$/, '.导入结果.xlsx');
const resultOf = (file: string) => file.replace(/\.xlsx$/, '.撤销结果.xlsx');

/** A filled activities ledger written to `dir`: rows of 类别, 名称, 举办日期 (in September 2024), 主办组织, 场次, 人次. */
async function ledgerFile(name: string, rows: unknown[][]): Promise<string> {
  const workbook = ledgerTemplate(ACTIVITIES);
  for (const row of rows) workbook.getWorksheet(ACTIVITIES.sheet)!.addRow(row);
  await workbook.xlsx.writeFile(join(dir, name));
  return join(dir, name);
}

/** Sichuan's activities of September 2024 as its figures count them (public, through the gateway). */
async function septemberActivities(): Promise<number> {
  const answer = await federation.query<{ sichuan: { activitiesByMonth: { activities: number }[] } }>(
    'query ($period: PeriodInput) { sichuan { activitiesByMonth(period: $period) { activities } } }',
    { period: PERIOD },
  );
  return answer.data!.sichuan.activitiesByMonth.reduce((sum, m) => sum + m.activities, 0);
}

/** The result workbook's rows (行号, 记录ID, 状态, 原因), what each row was (内容), and its summary sheet. */
async function readResult(path: string): Promise<{ rows: unknown[][]; contents: unknown[]; summary: Record<string, unknown> }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const sheet = workbook.getWorksheet('撤销结果')!;
  expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(['行号', '内容', '记录ID', '状态', '原因']);
  const rows: unknown[][] = [];
  const contents: unknown[] = [];
  sheet.eachRow((row, line) => {
    if (line === 1) return;
    rows.push([1, 3, 4, 5].map((c) => row.getCell(c).value));
    contents.push(row.getCell(2).value);
  });
  const summary: Record<string, unknown> = {};
  workbook.getWorksheet('汇总')!.eachRow((row, line) => {
    if (line > 1) summary[String(row.getCell(1).value)] = row.getCell(2).value;
  });
  return { rows, contents, summary };
}

/** A 安居区 activity row of September 2024. */
const row = (title: string, day: number, org: Org = anju[0]!) => ['培训', title, `2024-09-${String(day).padStart(2, '0')}`, org.id, 1, 20, 0, null];

test('a record withdrawn before is said with China’s day, not UTC’s: 23:30Z is the next day in China', () => {
  expect(withdrawnBefore('2026-12-06T23:30:00.000Z', '导入了错误的文件')).toBe('已于 2026-12-07 撤销（原因：导入了错误的文件），本次未重复撤销');
  expect(withdrawnBefore('2026-12-06T15:59:59.999Z', '导入了错误的文件')).toBe('已于 2026-12-06 撤销（原因：导入了错误的文件），本次未重复撤销');
});

describe('withdrawing an import by its report (撤销本次导入)', () => {
  test('the rows an import wrote leave the list and the figures, exactly those; the result workbook says each; a second run changes nothing and says 此前已撤销', async () => {
    const tag = Date.now().toString(36);
    // A row imported before, by another file: in the wrong file it is 已存在, and stays.
    const earlier = await ledgerFile('此前导入.xlsx', [row(`撤销-此前-${tag}`, 1)]);
    expect((await importFile(earlier)).stdout).toContain('已导入 1 行');

    const wrongRows = [0, 1, 2, 3, 4].map((i) => row(`撤销-错误文件-${tag}-${i}`, 2 + i, anju[i % anju.length]));
    const file = await ledgerFile('错误的台账.xlsx', [
      ...wrongRows,
      row(`撤销-此前-${tag}`, 1), // 已存在 (the earlier file's)
      wrongRows[0]!, // a repeat within the file: 已存在, the same record as line 2
      ['培训', `撤销-未来-${tag}`, '2099-09-01', anju[0]!.id, 1, 20, 0, null], // 错误
    ]);
    const [listed, counted] = [await countOf(federation, 'activities'), await septemberActivities()];
    const imported = await importFile(file);
    expect(imported.stdout).toContain('已导入 5 行，已存在 2 行，错误 1 行');
    expect(await countOf(federation, 'activities')).toBe(listed + 5);
    expect(await septemberActivities()).toBe(counted + 5);
    const ids = (await readReport(reportOf(file))).filter((r) => r['状态'] === '已导入').map((r) => r['记录ID']);
    expect(ids).toHaveLength(5);

    const first = await withdrawFile(reportOf(file), '导入了错误的文件');
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout.trim().split('\n')).toEqual([
      `${reportOf(file)}：撤销活动台账的导入——已撤销 5 行，此前已撤销 0 行，错误 0 行；另有 1 行与本文件中已导入的行重复，是同一条记录，随之撤销；已存在的 1 行是此前已登记的记录（此前的导入或看板登记），未撤销（如需撤销，请用写入它们的那次导入的结果工作簿，或按记录ID撤销登记）。结果见 ${resultOf(file)}`,
    ]);
    // Exactly the rows the import wrote: the earlier file's record stays, in the list and the figures.
    expect(await countOf(federation, 'activities')).toBe(listed);
    expect(await septemberActivities()).toBe(counted);
    const { rows, contents, summary } = await readResult(resultOf(file));
    expect(rows).toEqual(ids.map((id, i) => [i + 2, id, '已撤销', null]));
    // What each row was, from the report's own ledger columns (类别 · 名称).
    expect(contents).toEqual(wrongRows.map((r) => `培训 · ${String(r[1])}`));
    expect(summary).toMatchObject({ 撤销原因: '导入了错误的文件', 已撤销: 5, 此前已撤销: 0, 错误: 0, '已存在（此前的导入写入，未撤销）': 1 });
    // Kept with the reason and who withdrew it, in the store's archive.
    const archived = await federation.subgraphs['sichuan']!.pool.query<{ id: string; reason: string; withdrawn_by: string; withdrawn_at: Date }>('SELECT id, reason, withdrawn_by, withdrawn_at FROM withdrawn_record WHERE id = ANY($1) ORDER BY id', [ids]);
    expect(archived.rows.map((r) => [r.reason, r.withdrawn_by])).toEqual(Array(5).fill(['导入了错误的文件', '李华（anju-clerk）']));

    // Run again (the same reason: each key's replay; another reason: the store says it was withdrawn): nothing changes.
    const snapshot = await federationSnapshot(federation.subgraphs);
    for (const [n, reason] of [[2, '导入了错误的文件'], [3, '再次撤销']] as const) {
      const again = await withdrawFile(reportOf(file), reason);
      expect(again.code, again.stderr).toBe(0);
      expect(again.stdout).toContain('已撤销 0 行，此前已撤销 5 行，错误 0 行');
      // The earlier result is kept (it was overwritten by every run): this one is numbered beside it.
      const numbered = resultOf(file).replace(/\.xlsx$/, `(${n}).xlsx`);
      expect(again.stdout).toContain(`结果见 ${numbered}（此前的撤销结果 ${resultOf(file)} 未覆盖）`);
      expect((await readResult(resultOf(file))).summary).toMatchObject({ 已撤销: 5 });
      // The day each was withdrawn, exactly: China's day of the store's withdrawn_at.
      const withdrawnOn = new Map(archived.rows.map((r) => [r.id, todayInChina(new Date(r.withdrawn_at))]));
      expect((await readResult(numbered)).rows).toEqual(ids.map((id, i) => [i + 2, id, '此前已撤销', `已于 ${withdrawnOn.get(String(id))} 撤销（原因：导入了错误的文件），本次未重复撤销`]));
      expect(await federationSnapshot(federation.subgraphs)).toEqual(snapshot);
    }
    expect(await countOf(federation, 'activities')).toBe(listed);
  }, 300_000);

  test('importing the same file again (every row 已存在) keeps the report that can withdraw the first import: the new one is <name>.导入结果(2).xlsx, and the command says so', async () => {
    const tag = Date.now().toString(36);
    const file = await ledgerFile(`重复导入-${tag}.xlsx`, [row(`撤销-重复导入-${tag}-0`, 3), row(`撤销-重复导入-${tag}-1`, 4)]);
    expect((await importFile(file)).stdout).toContain('已导入 2 行，已存在 0 行，错误 0 行');
    const second = await importFile(file);
    const kept = reportOf(file);
    const renamed = kept.replace(/\.xlsx$/, '(2).xlsx');
    expect(second.stdout.trim()).toBe(`${file}：已导入 0 行，已存在 2 行，错误 0 行。结果见 ${renamed}（${kept} 记有此前导入写入的行，撤销那次导入要用它，未覆盖）`);
    expect((await readReport(kept)).map((r) => r['状态'])).toEqual(['已导入', '已导入']);
    expect((await readReport(renamed)).map((r) => r['状态'])).toEqual(['已存在', '已存在']);
    // A third run: the next free name, the first report still kept.
    expect((await importFile(file)).stdout).toContain(`结果见 ${kept.replace(/\.xlsx$/, '(3).xlsx')}（`);
    // The kept report withdraws the first import.
    expect((await withdrawFile(kept, '导入了错误的文件')).stdout).toContain('已撤销 2 行，此前已撤销 0 行，错误 0 行');
  }, 120_000);

  test('resumed after an interruption, a run withdraws the rest once and says which were withdrawn before', async () => {
    const tag = Date.now().toString(36);
    const outcomes = await importLedger({ file: await ledgerFile('续撤.xlsx', [0, 1, 2, 3].map((i) => row(`撤销-续-${tag}-${i}`, 10 + i))), kind: ACTIVITIES, side: 'sichuan', gatewayUrl: federation.gatewayUrl, token });
    const report = join(dir, '续撤.导入结果.xlsx');
    await importReport(ACTIVITIES, outcomes).xlsx.writeFile(report);
    const ids = outcomes.map((o) => o.recordId!);
    // What an interrupted run had done: the first two withdrawn, each with its key.
    const caller = { gatewayUrl: federation.gatewayUrl, token };
    for (const id of ids.slice(0, 2)) expect((await post(caller, withdrawDocument('sichuan'), { id, reason: '撤销中断', key: withdrawKey(id) })).errors).toBeUndefined();
    const listed = await countOf(federation, 'activities');
    const resumed = await withdrawImport({ report, reason: '撤销中断', ...caller });
    expect(resumed.outcomes.map((o) => [o.recordId, o.status])).toEqual(ids.map((id, i) => [id, i < 2 ? '此前已撤销' : '已撤销']));
    expect(await countOf(federation, 'activities')).toBe(listed - 2);
  });

  test('another region’s clerk withdrawing a 安居区 import is refused row by row (outside-region), and nothing changes', async () => {
    const tag = Date.now().toString(36);
    const file = await ledgerFile('他区.xlsx', [row(`撤销-他区-${tag}-0`, 20), row(`撤销-他区-${tag}-1`, 21, anju[1])]);
    expect((await importFile(file)).stdout).toContain('已导入 2 行');
    const chuanshan = await mintDevToken(federation.devKeys, 'sichuan-operator', 'chuanshan-clerk', '1h', { name: '王芳', region: '510903' });
    const snapshot = await federationSnapshot(federation.subgraphs);
    const refused = await withdrawFile(reportOf(file), '不是本区的记录', chuanshan);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toContain('已撤销 0 行，此前已撤销 0 行，错误 2 行');
    expect((await readResult(resultOf(file))).rows).toEqual([
      [2, expect.stringMatching(/^sichuan:Activity:/), '错误', expect.stringMatching(/^船山区（510903）的操作员只能.*本区划内的记录/)],
      [3, expect.stringMatching(/^sichuan:Activity:/), '错误', expect.stringMatching(/^船山区（510903）的操作员只能.*本区划内的记录/)],
    ]);
    expect(await federationSnapshot(federation.subgraphs)).toEqual(snapshot);
    // A Chongqing clerk's token does not reach Sichuan's store: refused as a whole, as its import into Sichuan would be; nothing is sent.
    const chongqing = await mintDevToken(federation.devKeys, 'chongqing-operator', 'cq-clerk', '1h', { name: '周静' });
    const otherSide = await withdrawFile(reportOf(file), '不是本方的记录', chongqing);
    expect(otherSide.code).toBe(1);
    expect(otherSide.stderr).toContain('撤销失败：只能撤销本方（重庆市）的导入，不能写入四川省的库。未撤销任何记录。');
    // The importing clerk may.
    expect((await withdrawFile(reportOf(file), '导入了错误的文件')).stdout).toContain('已撤销 2 行，此前已撤销 0 行，错误 0 行');
  }, 120_000);

  test('a preview (--preview) names each refused row’s line, column and reason and writes <name>.预检结果.xlsx (可导入, 错误), no 导入结果; --withdraw refuses that workbook, a preview having written nothing', async () => {
    const tag = Date.now().toString(36);
    const file = await ledgerFile('预检.xlsx', [row(`预检-好-${tag}`, 3), ['聚餐', `预检-类别-${tag}`, '2024-09-04', anju[0]!.id, 1, 20, 0, null], ['培训', `预检-日期-${tag}`, '2099-09-05', anju[0]!.id, 1, 20, 0, null]]);
    const snapshot = await federationSnapshot(federation.subgraphs);
    const preview = await importCommand(['--file', file, '--kind', 'activities', '--side', 'sichuan', '--preview', '--gateway', federation.gatewayUrl, '--token', token]);
    const report = file.replace(/\.xlsx$/, '.预检结果.xlsx');
    // It printed the counts only (错误 2 行) and wrote no report: the clerk could not find the errors without importing for real.
    expect(preview.stdout.trim().split('\n')).toEqual([
      `${file}：预检（未写入任何内容）——可导入 1 行，已存在 0 行，错误 2 行。预检结果见 ${report}`,
      '出错的行（改正后再导入）：',
      expect.stringMatching(/^ {2}第 3 行“类别”：“聚餐”不在可选范围内/),
      '  第 4 行“举办日期”：日期不能晚于今天：2099-09-05',
    ]);
    expect(preview.code).toBe(2);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(report);
    expect(workbook.getWorksheet('导入结果')).toBeUndefined();
    const at = ACTIVITIES.columns.length;
    const lines: unknown[][] = [];
    workbook.getWorksheet('预检结果')!.eachRow((r, line) => line > 1 && lines.push([r.getCell(at + 1).value, r.getCell(at + 2).value, r.getCell(at + 3).value]));
    expect(lines).toEqual([[2, '可导入', null], [3, '错误', '类别'], [4, '错误', '举办日期']]);
    await expect(readReport(reportOf(file)).catch(() => 'none')).resolves.toBe('none');
    const withdrawn = await withdrawFile(report, '导入了错误的文件');
    expect(withdrawn.code).toBe(1);
    expect(withdrawn.stderr.trim()).toBe(`撤销失败：“${report}”是预检结果工作簿，不是导入结果：预检没有写入任何记录，无需撤销。要撤销一次导入，请指定导入时生成的结果工作簿（台账文件名.导入结果.xlsx）。未撤销任何记录。`);
    expect(await federationSnapshot(federation.subgraphs)).toEqual(snapshot);
  }, 120_000);

  test('a file that is not an import report, a blank reason, a report without 已导入 rows: refused as a whole, nothing changed', async () => {
    const tag = Date.now().toString(36);
    const ledger = await ledgerFile('只有错误.xlsx', [['培训', `撤销-只错-${tag}`, '2099-09-01', anju[0]!.id, 1, 20, 0, null]]);
    expect((await importFile(ledger)).stdout).toContain('已导入 0 行，已存在 0 行，错误 1 行');
    const other = new ExcelJS.Workbook();
    other.addWorksheet('导入结果').addRow(['类别', '名称', '行号', '状态']);
    const wrongHeaders = join(dir, '别的表.xlsx');
    await other.xlsx.writeFile(wrongHeaders);
    const csv = join(dir, '台账.csv');
    const snapshot = await federationSnapshot(federation.subgraphs);
    const cases: [string[], string][] = [
      [['--withdraw', ledger, '--reason', '导入了错误的文件'], `撤销失败：“${ledger}”不是导入结果工作簿（这是活动台账本身，不是它的导入结果）：请指定导入时生成的结果工作簿（台账文件名.导入结果.xlsx）。未撤销任何记录。`],
      [['--withdraw', wrongHeaders, '--reason', '导入了错误的文件'], `撤销失败：“${wrongHeaders}”不是导入结果工作簿（工作表“导入结果”缺少列：“出错列”、“原因”、“记录ID”）：请指定导入时生成的结果工作簿（台账文件名.导入结果.xlsx），不要改动其表头。未撤销任何记录。`],
      [['--withdraw', csv, '--reason', '导入了错误的文件'], `撤销失败：找不到文件：${csv}`],
      [['--withdraw', reportOf(ledger), '--reason', '  '], '撤销失败：请用 --reason 写明撤销原因（不能为空），如 --reason "导入了错误的文件"；撤销原因随被撤销的记录留档。未撤销任何记录。'],
      [['--withdraw', reportOf(ledger)], '撤销失败：请用 --reason 写明撤销原因（不能为空）'],
      [['--withdraw', reportOf(ledger), '--reason', '导入了错误的文件'], `撤销失败：“${reportOf(ledger)}”中没有状态为“已导入”的行，本次导入没有写入任何记录。未撤销任何记录。`],
    ];
    for (const [args, said] of cases) {
      const result = await importCommand([...args, '--gateway', federation.gatewayUrl, '--token', token]);
      expect(result.code, result.stderr).toBe(1);
      expect(result.stderr.trim()).toContain(said);
      expect(result.stdout).toBe('');
    }
    expect(await federationSnapshot(federation.subgraphs)).toEqual(snapshot);
  }, 120_000);

  test('with Sichuan’s PostgreSQL stopped the run stops as an outage to retry, nothing withdrawn; run again once it is back, it withdraws each row', async () => {
    const tag = Date.now().toString(36);
    const outcomes = await importLedger({ file: await ledgerFile('停库.xlsx', [row(`撤销-停库-${tag}`, 25)]), kind: ACTIVITIES, side: 'sichuan', gatewayUrl: federation.gatewayUrl, token });
    const report = join(dir, '停库.导入结果.xlsx');
    await importReport(ACTIVITIES, outcomes).xlsx.writeFile(report);
    const options = { report, reason: '导入了错误的文件', gatewayUrl: federation.gatewayUrl, token };
    const listed = await countOf(federation, 'activities');
    const database = federation.subgraphs['sichuan']!.database;
    await database.stopDatabase();
    let refusal: unknown;
    try {
      refusal = await withdrawImport(options).catch((e: unknown) => e);
    } finally {
      await database.startDatabase();
    }
    expect(refusal).toBeInstanceOf(LedgerError);
    expect(refusal).toMatchObject({ kind: 'store-unavailable', message: expect.stringMatching(/^四川省的数据库暂时无法连接；未撤销任何记录，请稍后重试。$/) });
    expect(await countOf(federation, 'activities')).toBe(listed);
    expect((await withdrawImport(options)).outcomes.map((o) => o.status)).toEqual(['已撤销']);
    expect(await countOf(federation, 'activities')).toBe(listed - 1);
  }, 120_000);

  test('a store down partway keeps the progress: the result workbook says which rows were withdrawn and which 未撤销（服务中断，请重试）, the exit code is 3; run again once it is back, the rest are withdrawn', async () => {
    const tag = Date.now().toString(36);
    const rows = Array.from({ length: 150 }, (_, i) => row(`撤销-中途停库-${tag}-${i}`, 1 + (i % 28)));
    const outcomes = await importLedger({ file: await ledgerFile('中途停库.xlsx', rows), kind: ACTIVITIES, side: 'sichuan', gatewayUrl: federation.gatewayUrl, token });
    const report = join(dir, '中途停库.导入结果.xlsx');
    await importReport(ACTIVITIES, outcomes).xlsx.writeFile(report);
    const ids = outcomes.map((o) => o.recordId!);
    expect(ids.every(Boolean)).toBe(true);
    const sichuan = federation.subgraphs['sichuan']!;
    const archived = async () => Number((await sichuan.pool.query<{ n: string }>('SELECT count(*) AS n FROM withdrawn_record WHERE id = ANY($1)', [ids])).rows[0]!.n);
    const listed = await countOf(federation, 'activities');
    // The command runs; once a few of its rows are withdrawn, Sichuan's PostgreSQL stops under it.
    const running = withdrawFile(report, '导入了错误的文件');
    let stoppedAfter = 0;
    try {
      await expect.poll(archived, { timeout: 60_000, interval: 10 }).toBeGreaterThanOrEqual(3);
      await sichuan.database.stopDatabase();
      const stopped = await running;
      expect(stopped.code, stopped.stderr).toBe(3);
      expect(stopped.stdout).toMatch(/已撤销 \d+ 行，此前已撤销 0 行，错误 0 行，未撤销 \d+ 行；服务中断，撤销中途停止：四川省的数据库暂时无法连接；已撤销的记录不受影响/);
      const { rows: written, summary } = await readResult(join(dir, '中途停库.撤销结果.xlsx'));
      expect(written.map((r) => r[1])).toEqual(ids);
      const statuses = written.map((r) => r[2]);
      stoppedAfter = statuses.filter((s) => s === '已撤销').length;
      expect(stoppedAfter).toBeGreaterThanOrEqual(3);
      // Withdrawn rows first, then every row not reached, each said so.
      expect(statuses).toEqual([...Array(stoppedAfter).fill('已撤销'), ...Array(ids.length - stoppedAfter).fill('未撤销')]);
      expect(written.filter((r) => r[2] === '未撤销').every((r) => r[3] === '服务中断，请重试')).toBe(true);
      expect(summary).toMatchObject({ 已撤销: stoppedAfter, 未撤销: ids.length - stoppedAfter, '服务中断（未撤销的行请稍后重新撤销）': expect.stringMatching(/^四川省的数据库暂时无法连接/) });
    } finally {
      await running;
      await sichuan.database.startDatabase();
    }
    // Back: the same report withdraws the rest, each once; those withdrawn before the outage (and one whose answer it may have lost) are 此前已撤销.
    const again = await withdrawImport({ report, reason: '导入了错误的文件', gatewayUrl: federation.gatewayUrl, token });
    expect(again.stopped).toBeUndefined();
    expect(again.outcomes.map((o) => o.recordId)).toEqual(ids);
    expect(again.outcomes.slice(0, stoppedAfter).every((o) => o.status === '此前已撤销')).toBe(true);
    expect(again.outcomes.every((o) => o.status === '已撤销' || o.status === '此前已撤销')).toBe(true);
    expect(await archived()).toBe(ids.length);
    expect(await countOf(federation, 'activities')).toBe(listed - ids.length);
  }, 180_000);

  test('an import a store’s outage stops partway still writes its report (the rows written 已导入 with their IDs, the rest 未导入, exit code 3), which withdraws exactly what was written; the run that resumes it keeps that report', async () => {
    const tag = Date.now().toString(36);
    // Three calls of the bulk write (MAX_IMPORT_ROWS = 1000 a call): the store stops once the first is written.
    const rows = Array.from({ length: 2500 }, (_, i) => row(`导入-中途停库-${tag}-${i}`, 1 + (i % 28)));
    const file = await ledgerFile('导入中途停库.xlsx', rows);
    const listed = await countOf(federation, 'activities');
    const sichuan = federation.subgraphs['sichuan']!;
    const running = importFile(file);
    let written: Record<string, unknown>[] = [];
    try {
      await expect.poll(() => countOf(federation, 'activities'), { timeout: 120_000, interval: 20 }).toBeGreaterThanOrEqual(listed + 1000);
      await sichuan.database.stopDatabase();
      const stopped = await running;
      expect(stopped.code, stopped.stderr).toBe(3);
      written = await readReport(reportOf(file));
      const imported = written.filter((r) => r['状态'] === '已导入');
      const left = written.filter((r) => r['状态'] === '未导入');
      expect(imported.length).toBeGreaterThanOrEqual(1000);
      expect(left.length).toBeGreaterThanOrEqual(500);
      expect(imported.length + left.length).toBe(rows.length);
      expect(imported.every((r) => typeof r['记录ID'] === 'string' && String(r['记录ID']).startsWith('sichuan:Activity:'))).toBe(true);
      expect(left.every((r) => /^服务中断（四川省的数据库暂时无法连接.*），(未能确认本行是否写入|本行未发送、未写入)；请稍后重新导入同一文件/.test(String(r['原因'])))).toBe(true);
      expect(stopped.stdout).toContain(`${file}：导入中途停止：四川省的数据库暂时无法连接`);
      expect(stopped.stdout).toContain(`已写入的 ${imported.length} 行在结果工作簿 ${reportOf(file)} 中记为“已导入”（含记录ID），撤销本次导入要用它，请保留；其余 ${left.length} 行未导入，请稍后重新导入同一文件`);
      expect(stopped.stdout).toContain(`已导入 ${imported.length} 行，已存在 0 行，错误 0 行，未导入 ${left.length} 行`);
    } finally {
      await running;
      await sichuan.database.startDatabase();
    }
    const imported = written.filter((r) => r['状态'] === '已导入').map((r) => String(r['记录ID']));
    // Resumed: the rest written; the report of the interrupted run, which alone lists the rows it wrote, is kept.
    const resumed = await importFile(file);
    expect(resumed.code, resumed.stderr).toBe(0);
    const second = reportOf(file).replace(/\.xlsx$/, '(2).xlsx');
    expect(resumed.stdout).toContain(`结果见 ${second}（${reportOf(file)} 记有此前导入写入的行，撤销那次导入要用它，未覆盖）`);
    expect((await readReport(reportOf(file))).filter((r) => r['状态'] === '已导入').map((r) => String(r['记录ID']))).toEqual(imported);
    const again = await readReport(second);
    expect(again.filter((r) => r['状态'] === '已存在').map((r) => String(r['记录ID']))).toEqual(expect.arrayContaining(imported));
    const rest = again.filter((r) => r['状态'] === '已导入').length;
    expect(await countOf(federation, 'activities')).toBe(listed + rows.length);
    // Withdrawn by each report, every row goes: the interrupted run's by its report, the rest by the resumed run's.
    const first = await withdrawImport({ report: reportOf(file), reason: '导入了错误的文件', gatewayUrl: federation.gatewayUrl, token });
    expect(first.outcomes.map((o) => o.status)).toEqual(imported.map(() => '已撤销'));
    expect(await countOf(federation, 'activities')).toBe(listed + rows.length - imported.length);
    const then = await withdrawImport({ report: second, reason: '导入了错误的文件', gatewayUrl: federation.gatewayUrl, token });
    expect(then.outcomes.filter((o) => o.status === '已撤销')).toHaveLength(rest);
    // A row of the call the outage cut may have been written with its answer lost (未导入, then 已存在 on resuming): neither report withdraws it.
    expect(await countOf(federation, 'activities')).toBe(listed + rows.length - imported.length - rest);
  }, 600_000);

  test('through the documents server alike: an import a store’s outage stops partway is 503 STORE_UNAVAILABLE with its answer and report, which withdraws what was written', async () => {
    const tag = Date.now().toString(36);
    const rows = Array.from({ length: 2500 }, (_, i) => row(`文档-中途停库-${tag}-${i}`, 1 + (i % 28)));
    const file = await ledgerFile('文档中途停库.xlsx', rows);
    const port = await freePort();
    const documents = await startDocumentsServer({ port, gatewayUrl: federation.gatewayUrl, logger: createLogger('documents', { level: 'silent' }) });
    const call = (path: string, body: Buffer) => fetch(`http://127.0.0.1:${port}${path}`, { method: 'POST', body, headers: { authorization: `Bearer ${token}` } });
    const listed = await countOf(federation, 'activities');
    const sichuan = federation.subgraphs['sichuan']!;
    try {
      const answering = call(`/documents/import/confirm?kind=activities&side=sichuan&name=${encodeURIComponent('文档中途停库.xlsx')}`, await readFile(file));
      let body: ImportAnswer & { code: string; message: string };
      try {
        await expect.poll(() => countOf(federation, 'activities'), { timeout: 120_000, interval: 20 }).toBeGreaterThanOrEqual(listed + 1000);
        await sichuan.database.stopDatabase();
        const response = await answering;
        expect(response.status).toBe(503);
        body = (await response.json()) as typeof body;
      } finally {
        await answering.catch(() => undefined);
        await sichuan.database.startDatabase();
      }
      const before = await countOf(federation, 'activities');
      expect(body.code).toBe('STORE_UNAVAILABLE');
      expect(body.stopped).toMatch(/^四川省的数据库暂时无法连接/);
      const written = body.counts['已导入']!;
      expect(written).toBeGreaterThanOrEqual(1000);
      expect(written + body.counts['未导入']!).toBe(rows.length);
      expect(body.message).toMatch(new RegExp(`^导入中途停止：四川省的数据库暂时无法连接.*；已写入的 ${written} 行在随本回答返回的结果工作簿“文档中途停库\\.导入结果\\.xlsx”中记为“已导入”（含记录ID），撤销本次导入要用它`));
      expect(body.report!.name).toBe('文档中途停库.导入结果.xlsx');
      const withdrawn = await call(`/documents/import/withdraw?name=${encodeURIComponent(body.report!.name)}&reason=${encodeURIComponent('导入了错误的文件')}`, Buffer.from(body.report!.base64, 'base64'));
      expect(withdrawn.status).toBe(200);
      expect(((await withdrawn.json()) as { counts: Record<string, number> }).counts).toMatchObject({ 已撤销: written, 错误: 0 });
      // Exactly what the report says was written is withdrawn.
      expect(await countOf(federation, 'activities')).toBe(before - written);
    } finally {
      await documents.stop();
    }
  }, 600_000);
});
