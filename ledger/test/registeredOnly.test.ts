import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { operationHash, readManifest } from '@linju/schema/operations';
import { federationSnapshot, type Federation } from '@linju/testing';
import { exportableLists, importLedger, ledgerKind, ledgerTemplate, operatorRecords } from '../src/index.ts';
import { recordLists, SIDE_PATH } from '../src/export/recordLists.ts';
import { inWorkbookOrder } from '../src/export/tableWriters.ts';
import { recordListDocument } from '../src/export/recordTable.ts';
import { post, readWholeList } from '../src/gatewayClient.ts';
import { ledgerOperations } from '../src/ledgerOperations.ts';
import { namesRead } from '../src/listReads.ts';
import { startDocumentsBehindGateway, type DocumentsBehindGateway } from './documentsBehindGateway.ts';

/**
 * The ledger against a gateway that answers registered operations only
 * (LINJU_REGISTERED_OPERATIONS_ONLY=true, the committed manifest), as production runs it: every
 * document the ledger sends is registered exactly as it is sent; through the documents server
 * behind the gateway's /documents/, every list and figure table exports, the briefing downloads and
 * a 安居区 operator's ledger previews (nothing written) and imports (written once); the command's
 * template reads the operator's own records and the single-write path writes; anything else is
 * still refused.
 */

const ACTIVITIES = ledgerKind('activities');
const ORGANIZER = ACTIVITIES.columns.find((c) => c.field === 'organizerId')!;
let running: DocumentsBehindGateway;
let federation: Federation;

beforeAll(async () => {
  // The committed manifest, as in production.
  running = await startDocumentsBehindGateway({ registeredOperations: { only: true } });
  federation = running.federation;
}, 120_000);
afterAll(() => running?.stop());

const call: DocumentsBehindGateway['call'] = (path, init) => running.call(path, init);
const caller = () => ({ gatewayUrl: federation.gatewayUrl, token: running.token });

/** A day `days` before today, `YYYY-MM-DD`: after the organizations were founded, not after today. */
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

/** An activities ledger of these rows (类别, 名称, 举办日期, 主办组织), as uploaded. */
async function activitiesLedger(name: string, rows: readonly (readonly [string, string, string, string])[]): Promise<{ name: string; bytes: Buffer }> {
  const workbook = ledgerTemplate(ACTIVITIES);
  const sheet = workbook.getWorksheet(ACTIVITIES.sheet)!;
  for (const row of rows) sheet.addRow([...row, 1, 10, 0, null]);
  return { name, bytes: Buffer.from(await workbook.xlsx.writeBuffer()) };
}

/** A live organization of the operator's own region whose name names no other live one of Sichuan (so the import resolves it). */
async function ownOrganization(): Promise<string> {
  const own = await operatorRecords({ ...caller(), side: 'sichuan' }, ACTIVITIES);
  expect(own[ORGANIZER.field]!.length).toBeGreaterThan(0);
  for (const name of own[ORGANIZER.field]!) {
    const named = await readWholeList<{ name: string; dissolvedOn?: string | null }>(caller(), 'sichuan', namesRead(ORGANIZER.reference!), { search: name }, name);
    if (named.filter((o) => o.name === name && !o.dissolvedOn).length === 1) return name;
  }
  throw new Error('no organization of 安居区 has a name of its own');
}

describe('the ledger on a registered-only gateway', () => {
  test('every document the ledger can send is in the committed manifest, exactly as sent', async () => {
    const registered = new Set(Object.keys((await readManifest()).operations));
    const operations = ledgerOperations();
    expect(operations.map(({ name }) => name)).toEqual(expect.arrayContaining(['LedgerExportActivitiesSichuan', 'LedgerExportPeopleChongqing', 'LedgerExportAlliances', 'LedgerExportFigures', 'LedgerExportActivitiesByMonthSichuan', 'LedgerExportActivitiesByMonth', 'LedgerSichuanImportActivities', 'LedgerChongqingImportPeople', 'LedgerOrganizationsNamesSichuan', 'LedgerRegionsChongqing', 'LedgerSichuanWithdrawRecord', 'LedgerChongqingDataAsOf']));
    expect(operations.filter(({ document }) => !registered.has(operationHash(document))).map(({ name }) => name)).toEqual([]);
  });

  test('every list and figure table exports through the documents server, activities as .xlsx with their rows; the briefing downloads', async () => {
    for (const { name } of exportableLists()) {
      const response = await call(`/documents/export?list=${name}&format=csv`);
      expect(response.status, `${name}: ${response.status === 200 ? '' : await response.clone().text()}`).toBe(200);
      await response.arrayBuffer();
    }
    const xlsx = await call('/documents/export?list=activities&side=sichuan&format=xlsx&from=2021-01-01&to=2021-06-30');
    expect(xlsx.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    const sheet = workbook.worksheets[0]!;
    // Under the caption naming the period it was filtered by.
    expect(sheet.getRow(1).getCell(1).value).toBe('四川省活动 2021年上半年');
    // One side's list: no 辖区 column (the caption names the side).
    expect((sheet.getRow(2).values as unknown[]).slice(1)).toEqual(inWorkbookOrder(recordLists().get('activities')!.columns.filter((c) => c.path[0] !== SIDE_PATH)).map((c) => c.header));
    expect(sheet.rowCount).toBeGreaterThan(1);
    const briefing = await call('/documents/report?period=2021-01-01..2021-06-30&format=docx');
    expect(briefing.status).toBe(200);
    expect(Buffer.from(await briefing.arrayBuffer()).subarray(0, 2).toString()).toBe('PK');
  }, 120_000);

  test('a 安居区 operator previews a ledger (nothing written) and imports it (written once) through the documents server', async () => {
    const organizer = await ownOrganization();
    const tag = Date.now().toString(36);
    const ledger = await activitiesLedger('安居区活动台账.xlsx', [
      ['座谈交流', `登记制导入${tag}-1`, daysAgo(7), organizer],
      ['培训', `登记制导入${tag}-2`, daysAgo(6), organizer],
    ]);
    const path = (route: string) => `/documents/import/${route}?kind=activities&side=sichuan&mode=row-by-row&name=${encodeURIComponent(ledger.name)}`;
    const counts = async (route: string) => {
      const response = await call(path(route), { method: 'POST', body: ledger.bytes });
      expect(response.status).toBe(200);
      return ((await response.json()) as { counts: Record<string, number> }).counts;
    };

    const before = await federationSnapshot(federation.subgraphs);
    expect(await counts('preview')).toMatchObject({ 已导入: 2, 错误: 0 });
    expect(await federationSnapshot(federation.subgraphs)).toEqual(before);
    expect(await counts('confirm')).toMatchObject({ 已导入: 2, 错误: 0 });
    const written = await federationSnapshot(federation.subgraphs);
    expect(written).not.toEqual(before);
    expect(await counts('confirm')).toMatchObject({ 已导入: 0, 已存在: 2, 错误: 0 });
    expect(await federationSnapshot(federation.subgraphs)).toEqual(written);
  }, 60_000);

  test('the single-write path (the bulk write’s baseline) writes each row once too', async () => {
    const organizer = await ownOrganization();
    const file = await activitiesLedger('逐条.xlsx', [['座谈交流', `登记制逐条${Date.now().toString(36)}`, daysAgo(5), organizer]]);
    const options = { ...caller(), file, kind: ACTIVITIES, side: 'sichuan', via: 'single' as const };
    expect((await importLedger(options)).map((o) => [o.status, o.problems])).toEqual([['已导入', []]]);
    expect((await importLedger(options)).map((o) => o.status)).toEqual(['已存在']);
  });

  test('an import is withdrawn by its report through the documents server (撤销本次导入): each record once, a second run says 此前已撤销; a blank reason, a file that is not a report, no token refused', async () => {
    const organizer = await ownOrganization();
    const tag = Date.now().toString(36);
    const ledger = await activitiesLedger('撤销.xlsx', [['座谈交流', `登记制撤销${tag}-1`, daysAgo(4), organizer], ['培训', `登记制撤销${tag}-2`, daysAgo(3), organizer]]);
    const imported = await call(`/documents/import/confirm?kind=activities&side=sichuan&mode=row-by-row&name=${encodeURIComponent(ledger.name)}`, { method: 'POST', body: ledger.bytes });
    const { report } = (await imported.json()) as { report: { name: string; base64: string } };
    expect(report.name).toBe('撤销.导入结果.xlsx');
    const withdraw = (reason: string, body: Buffer = Buffer.from(report.base64, 'base64'), as?: string | null) =>
      call(`/documents/import/withdraw?name=${encodeURIComponent(report.name)}&reason=${encodeURIComponent(reason)}`, { method: 'POST', body, as });
    type Answer = { counts: Record<string, number>; summary: string; rows: { line: number; status: string; reason: string | null }[]; result: { name: string; base64: string } };

    const first = await withdraw('导入了错误的文件');
    expect(first.status).toBe(200);
    const answer = (await first.json()) as Answer;
    expect(answer.counts).toEqual({ 已撤销: 2, 此前已撤销: 0, 错误: 0, 未撤销: 0 });
    expect(answer.summary).toBe('已撤销 2 行，此前已撤销 0 行，错误 0 行');
    expect(answer.result.name).toBe('撤销.撤销结果.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(answer.result.base64, 'base64') as unknown as ArrayBuffer);
    expect(workbook.getWorksheet('撤销结果')!.getColumn(4).values.slice(1)).toEqual(['状态', '已撤销', '已撤销']);

    const snapshot = await federationSnapshot(federation.subgraphs);
    const again = (await (await withdraw('导入了错误的文件')).json()) as Answer;
    expect(again.rows.map((r) => [r.line, r.status])).toEqual([[2, '此前已撤销'], [3, '此前已撤销']]);
    expect(await federationSnapshot(federation.subgraphs)).toEqual(snapshot);

    const refusals: [Response, number, string, RegExp][] = [
      [await withdraw('  '), 400, 'BAD_LEDGER', /^请填写撤销原因（不能为空）/],
      [await withdraw('导入了错误的文件', ledger.bytes), 400, 'BAD_LEDGER', /不是导入结果工作簿（这是活动台账本身/],
      [await withdraw('导入了错误的文件', undefined, null), 401, 'UNAUTHENTICATED', /请先登录/],
    ];
    for (const [response, status, code, message] of refusals) {
      expect(response.status).toBe(status);
      expect(await response.json()).toMatchObject({ code, message: expect.stringMatching(message) });
    }
    expect(await federationSnapshot(federation.subgraphs)).toEqual(snapshot);
  });

  test('anything else is refused: a document of no client, and a ledger document changed by one character', async () => {
    const unregistered = await federation.query('{ jurisdictions { key } }');
    expect(unregistered.errors?.[0]?.extensions?.['code']).toBe('OPERATION_NOT_REGISTERED');
    const document = recordListDocument(recordLists().get('activities')!, 'sichuan');
    const variables = { filter: {}, after: null, counted: false };
    const changed = document.replace('first: 100', 'first: 99');
    expect((await federation.query(changed, variables, { as: 'sichuan-operator' })).errors?.[0]?.extensions?.['code']).toBe('OPERATION_NOT_REGISTERED');
    // The ledger itself sends no document the manifest lacks: it fails before the gateway is asked.
    await expect(post(caller(), changed, variables)).rejects.toThrow(/does not register[^]*ledgerOperations\(\)/);
    expect((await post(caller(), document, variables)).errors).toBeUndefined();
  });
});
