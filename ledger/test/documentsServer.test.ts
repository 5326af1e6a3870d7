import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createLogger } from '@linju/observability';
import { federationSnapshot, freePort, type Federation } from '@linju/testing';
import { ledgerKind, ledgerTemplate, MAX_FILE_BYTES } from '../src/index.ts';
import { startDocumentsServer, type RunningDocumentsServer } from '../src/server/documentsServer.ts';
import { startDocumentsBehindGateway, type DocumentsBehindGateway } from './documentsBehindGateway.ts';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importCommand, offeredNames } from './importHelpers.ts';
import type { ImportAnswer } from '../src/server/importRoutes.ts';

/**
 * The documents server as the dashboard reaches it: through the real gateway's `/documents/`
 * (LINJU_DOCUMENTS_URL), which passes each request on with the caller's own token, to a documents
 * server that reads and writes through that same gateway, over real stores. A 安居区 operator
 * previews a small ledger (nothing written), imports it (2 rows written, the others named with
 * column and reason, the report workbook returned), imports it again (nothing written); exports
 * and the briefing download with their Chinese names; bad requests are refused in Chinese.
 */

const ACTIVITIES = ledgerKind('activities');
let running: DocumentsBehindGateway;
let federation: Federation;
let documents: RunningDocumentsServer;
let token: string;

beforeAll(async () => {
  running = await startDocumentsBehindGateway();
  ({ federation, documents, token } = running);
}, 120_000);
afterAll(() => running?.stop());

const call: DocumentsBehindGateway['call'] = (path, init) => running.call(path, init);

/** Live organizations of a Sichuan region, by the region's name. */
async function organizationsOf(regionName: string): Promise<{ id: string; name: string }[]> {
  const regions = await federation.query<{ jurisdictions: { regions: { edges: { node: { id: string; name: string } }[] } }[] }>(
    `query ($search: String) { jurisdictions(keys: ["sichuan"]) { regions(filter: { search: $search }, first: 5) { edges { node { id name } } } } }`,
    { search: regionName },
  );
  if (!regions.data) throw new Error(JSON.stringify(regions.errors));
  const region = regions.data!.jurisdictions[0]!.regions.edges.map((e) => e.node).find((r) => r.name === regionName)!;
  const orgs = await federation.query<{ jurisdictions: { organizations: { edges: { node: { id: string; name: string; foundedOn: string; dissolvedOn: string | null } }[] } }[] }>(
    `query ($regionId: ID) { jurisdictions(keys: ["sichuan"]) { organizations(filter: { regionId: $regionId }, first: 100) { edges { node { id name foundedOn dissolvedOn } } } } }`,
    { regionId: region.id },
  );
  return orgs.data!.jurisdictions[0]!.organizations.edges.map((e) => e.node).filter((o) => !o.dissolvedOn && o.foundedOn < '2024-01-01');
}

async function activityCount(): Promise<number> {
  const answer = await federation.query<{ jurisdictions: { activities: { totalCount: number } }[] }>(`{ jurisdictions(keys: ["sichuan"]) { activities { totalCount } } }`);
  return answer.data!.jurisdictions[0]!.activities.totalCount;
}


describe('the documents server behind the gateway', () => {
  test('a 安居区 operator previews a ledger (nothing written), imports it (good rows once, bad rows named), and imports it again (nothing written)', async () => {
    const anju = await organizationsOf('安居区');
    const chuanshan = await organizationsOf('船山区');
    const yongxing = chuanshan.find((o) => o.name.includes('永兴镇'))!;
    const tag = Date.now().toString(36);
    const workbook = ledgerTemplate(ACTIVITIES);
    const sheet = workbook.getWorksheet(ACTIVITIES.sheet)!;
    sheet.addRow(['座谈交流', `看板导入${tag}-1`, '2024-03-01', anju[0]!.name, 1, 20, 0, null]);
    sheet.addRow(['培训', `看板导入${tag}-2`, new Date(Date.UTC(2024, 2, 2)), anju[0]!.id, 2, 30, 0, null]);
    sheet.addRow(['聚餐', `看板导入${tag}-3`, '2024-03-03', anju[0]!.id, 1, 1, 0, null]);
    sheet.addRow(['培训', `看板导入${tag}-4`, '2024-03-04', yongxing.name, 1, 1, 0, null]);
    const body = Buffer.from(await workbook.xlsx.writeBuffer());
    const path = (route: string) => `/documents/import/${route}?kind=activities&side=sichuan&mode=row-by-row&name=${encodeURIComponent('安居区活动台账.xlsx')}`;

    const before = await activityCount();
    const snapshot = await federationSnapshot(federation.subgraphs);
    const preview = await call(path('preview'), { method: 'POST', body });
    expect(preview.status).toBe(200);
    const previewed = (await preview.json()) as ImportAnswer;
    expect(previewed.counts).toMatchObject({ 已导入: 2, 已存在: 0, 错误: 2 });
    expect(previewed.rows.map((r) => [r.line, r.status, r.problems[0]?.column ?? null])).toEqual([[2, '已导入', null], [3, '已导入', null], [4, '错误', '类别'], [5, '错误', '主办组织']]);
    expect(previewed.rows[3]!.problems[0]!.reason).toMatch(/安居区（510904）的操作员只能写入本区划内的记录/);
    expect(previewed.rows[0]!.cells['名称']).toBe(`看板导入${tag}-1`);
    expect(await federationSnapshot(federation.subgraphs)).toEqual(snapshot);

    const confirm = await call(path('confirm'), { method: 'POST', body });
    expect(confirm.status).toBe(200);
    const imported = (await confirm.json()) as ImportAnswer;
    expect(imported.counts).toMatchObject({ 已导入: 2, 已存在: 0, 错误: 2 });
    expect(await activityCount()).toBe(before + 2);
    expect(imported.report!.name).toBe('安居区活动台账.导入结果.xlsx');
    const report = new ExcelJS.Workbook();
    await report.xlsx.load(Buffer.from(imported.report!.base64, 'base64') as unknown as ArrayBuffer);
    const statuses: unknown[] = [];
    report.getWorksheet('导入结果')!.eachRow((row, line) => line > 1 && statuses.push(row.getCell(ACTIVITIES.columns.length + 2).value));
    expect(statuses).toEqual(['已导入', '已导入', '错误', '错误']);

    const again = (await (await call(path('confirm'), { method: 'POST', body })).json()) as ImportAnswer;
    expect(again.counts).toMatchObject({ 已导入: 0, 已存在: 2, 错误: 2 });
    expect(await activityCount()).toBe(before + 2);
  });

  test('rows a ledger holds but are no record (its title, a 合计 row, rows of only a 序号) are told, not passed over in silence: the preview, the import and its report workbook, the command', async () => {
    const anju = await organizationsOf('安居区');
    const tag = Date.now().toString(36);
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Sheet1');
    sheet.addRow(['安居区2024年3月党建联建活动台账']);
    sheet.mergeCells('A1:I1');
    sheet.addRow(['序号', ...ACTIVITIES.columns.map((c) => c.header)]);
    sheet.addRow([1, '座谈交流', `略过提示${tag}-1`, '2024-03-01', anju[0]!.id, 1, 20, 0, null]);
    sheet.addRow([2, '培训', `略过提示${tag}-2`, '2024-03-02', anju[0]!.id, 1, 30, 0, null]);
    sheet.addRow([3]);
    sheet.addRow([4]);
    sheet.addRow(['合计', null, null, null, null, 2, 50, 0, null]);
    const body = Buffer.from(await workbook.xlsx.writeBuffer());
    const path = (route: string) => `/documents/import/${route}?kind=activities&side=sichuan&mode=all-or-nothing&name=${encodeURIComponent('略过.xlsx')}`;
    const said = ['第 1 行为表头上方的标题，未导入', '第 5–6 行只填了序号，未导入', '第 7 行为合计行，未导入'];
    const shown = [[1, '略过', said[0]], [3, '已导入', null], [4, '已导入', null], [5, '略过', said[1]], [7, '略过', said[2]]];
    const preview = (await (await call(path('preview'), { method: 'POST', body })).json()) as ImportAnswer & { passedOver: { reason: string }[]; passedOverSummary: string };
    expect(preview.counts).toMatchObject({ 已导入: 2, 错误: 0, 略过: 4 });
    expect(preview.rows.map((r) => [r.line, r.status, r.problems[0]?.reason ?? null])).toEqual(shown);
    expect(preview.passedOver.map((p) => p.reason)).toEqual(said);
    expect(preview.passedOverSummary).toBe(`略过 4 行：${said.join('；')}。`);

    const imported = (await (await call(path('confirm'), { method: 'POST', body })).json()) as ImportAnswer;
    expect(imported.counts).toMatchObject({ 已导入: 2, 略过: 4 });
    expect(imported.rows.map((r) => [r.line, r.status, r.problems[0]?.reason ?? null])).toEqual(shown);
    const report = new ExcelJS.Workbook();
    await report.xlsx.load(Buffer.from(imported.report!.base64, 'base64') as unknown as ArrayBuffer);
    const lines: unknown[][] = [];
    const at = ACTIVITIES.columns.length;
    report.getWorksheet('导入结果')!.eachRow((row, line) => line > 1 && lines.push([row.getCell(at + 1).value, row.getCell(at + 2).value, row.getCell(at + 4).value ?? null]));
    expect(lines).toEqual(shown);
    const summary: unknown[][] = [];
    report.getWorksheet('汇总')!.eachRow((row) => summary.push([row.getCell(1).value, row.getCell(2).value]));
    expect(summary).toContainEqual(['略过', 4]);

    // The command's line says them too (a preview: nothing written).
    const dir = await mkdtemp(join(tmpdir(), 'ledger-passed-'));
    try {
      const file = join(dir, '略过.xlsx');
      await workbook.xlsx.writeFile(file);
      const result = await importCommand(['--file', file, '--kind', 'activities', '--side', 'sichuan', '--preview', '--gateway', federation.gatewayUrl, '--token', token]);
      expect(result.code).toBe(0);
      expect(result.stdout.trim()).toBe(`${file}：预检（未写入任何内容）——可导入 0 行，已存在 2 行，错误 0 行。略过 4 行：${said.join('；')}。预检结果见 ${join(dir, '略过.预检结果.xlsx')}`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);

  test('a clerk’s own ledger of every kind, headed as a clerk heads it (组织部台账: 姓名, 所在党支部, 身份证号, 任职时间, 职务, 事项名称, 受理时间 …): imported, each record with the values typed', async () => {
    const anju = await organizationsOf('安居区');
    const village = anju.find((o) => /村/.test(o.name)) ?? anju[0]!;
    const tag = Date.now().toString(36);
    const chongqing = await federation.query<{ jurisdictions: { regions: { edges: { node: { id: string; name: string } }[] } }[] }>(`{ jurisdictions(keys: ["chongqing"]) { regions(first: 1) { edges { node { id name } } } } }`);
    const far = chongqing.data!.jurisdictions[0]!.regions.edges[0]!.node;
    const person = `台账人员${tag}`;
    const team = `台账巡逻队${tag}`;
    // Each kind's ledger as a clerk makes it: a sheet of the clerk's name, a title, 序号, the clerk's own headers in the clerk's order, a footer.
    const ledgers: [kind: string, headers: string[], row: unknown[]][] = [
      ['people', ['姓名（必填）', '性别', '所在党支部', '手机号码', '身份证号', '出生年月日', '家庭住址'], [person, '男', anju[0]!.name, '13800001111', '510904198503128593', '1985-03-12', '磨溪镇白马村3组']],
      ['teams', ['队伍名称', '队伍性质', '队伍小类', '所属党组织', '成立时间', '所属联盟ID'], [team, '志愿服务队', '巡逻队', anju[0]!.name, '2024-02-01', null]],
      ['team-actions', ['行动队伍', '行动类型', '行动时间', '行动次数'], [team, '日常巡逻', '2024-02-19', 3]],
      ['service-cases', ['事项名称', '受理时间', '办理地点', '服务人数', '服务户数', '涉及金额（万元）', '所属联盟ID'], ['异地就医结算', '2023-10-11', '磨溪镇', 4, 2, 1.5, null]],
      ['facilities', ['阵地名称', '阵地类型', '所在地', '管理单位', '建筑面积（㎡）', '闲置资产类型', '投用时间', '所属联盟ID'], [`台账活动室${tag}`, '党员活动室', '磨溪镇', anju[0]!.name, 85.5, '闲置小学', '2024-02-20', null]],
      ['projects', ['项目名称', '项目类型', '项目所在地', '牵头单位', '开工时间', '土地面积（亩）', '补助资金（万元）', '预计村集体收入（万元）', '受益户数', '户均增收金额（元）', '总投资（万元）', '品牌名称', '所属联盟ID'],
        [`台账项目${tag}`, '集体经济项目', '磨溪镇', anju[0]!.name, '2024-02-21', 12, 5, 8.5, 30, 1500, 100, '磨溪红薯', null]],
      ['transport-links', ['道路名称', '类型', '起点', '终点ID', '长度（公里）', '通车时间', '所属联盟ID'], [`台账道路${tag}`, '断头路', '磨溪镇', far.id, 2.5, '2024-02-22', null]],
      ['civilization-records', ['创建名称', '创建类别', '所在地', '开展时间', '开展次数', '所属联盟ID'], [`台账公约${tag}`, '公约', '磨溪镇', '2024-02-23', 2, null]],
      ['pairings', ['派出单位', '结对党组织', '驻村第一书记', '结对时间', '完成微心愿'], [`台账单位${tag}`, village.name, person, '2024-02-24', 6]],
      ['grids', ['网格名称', '所属党组织', '所在地', '网格户数', '网格员姓名'], [`台账网格${tag}`, anju[0]!.name, '磨溪镇', 120, person]],
      ['posts', ['姓名', '任职党组织', '职务', '任职时间', '所属联盟ID'], [person, anju[0]!.name, `台账联络员${tag}`, '2024-02-26', null]],
    ];
    for (const [name, headers, row] of ledgers) {
      const kind = ledgerKind(name);
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('Sheet1');
      sheet.addRow([`安居区2024年${kind.label}台账`]);
      sheet.addRow(['序号', ...headers]);
      sheet.addRow([1, ...row]);
      sheet.addRow(['填报人：李华', null, null, '填报日期：2024年3月1日']);
      const path = `/documents/import/confirm?kind=${name}&side=sichuan&mode=all-or-nothing&name=${encodeURIComponent(`${kind.label}.xlsx`)}`;
      const answer = (await (await call(path, { method: 'POST', body: Buffer.from(await workbook.xlsx.writeBuffer()) })).json()) as ImportAnswer;
      expect([name, answer.rows.map((r) => [r.line, r.status, r.problems[0]?.reason ?? null])]).toEqual([name, [[1, '略过', '第 1 行为表头上方的标题，未导入'], [3, '已导入', null], [4, '略过', '第 4 行为落款，未导入']]]);
    }
    // The records as the store holds them, each with the values the clerk typed.
    const one = async (list: string, fields: string, filter: Record<string, unknown>) => {
      const answer = await federation.query<{ jurisdictions: Record<string, { edges: { node: Record<string, unknown> }[] }>[] }>(
        `query ($filter: RecordFilter) { jurisdictions(keys: ["sichuan"]) { ${list}(filter: $filter, first: 5) { edges { node { ${fields} } } } } }`,
        { filter },
        { as: 'sichuan-operator' },
      );
      expect(answer.errors, list).toBeUndefined();
      const nodes = answer.data!.jurisdictions[0]![list]!.edges.map((e) => e.node);
      expect(nodes, list).toHaveLength(1);
      return nodes[0];
    };
    const org = { name: anju[0]!.name };
    const moxi = { name: '磨溪镇' };
    expect(await one('people', 'name gender organization { name } phone idCardNumber birthDate address', { search: person }))
      .toEqual({ name: person, gender: '男', organization: org, phone: '13800001111', idCardNumber: '510904198503128593', birthDate: '1985-03-12', address: '磨溪镇白马村3组' });
    expect(await one('teams', 'name category kind organization { name } foundedOn', { search: team }))
      .toEqual({ name: team, category: '志愿服务队', kind: '巡逻队', organization: org, foundedOn: '2024-02-01' });
    expect(await one('teamActions', 'team { name } kind actedOn occurrences', { period: { from: '2024-02-19', to: '2024-02-19' } }))
      .toEqual({ team: { name: team }, kind: '日常巡逻', actedOn: '2024-02-19', occurrences: 3 });
    expect(await one('serviceCases', 'kind handledOn region { name } people households amountWan', { period: { from: '2023-10-11', to: '2023-10-11' } }))
      .toEqual({ kind: '异地就医结算', handledOn: '2023-10-11', region: moxi, people: 4, households: 2, amountWan: 1.5 });
    expect(await one('facilities', 'kind region { name } organization { name } areaSqm idleAssetKind openedOn', { search: `台账活动室${tag}` }))
      .toEqual({ kind: '党员活动室', region: moxi, organization: org, areaSqm: 85.5, idleAssetKind: '闲置小学', openedOn: '2024-02-20' });
    expect(await one('projects', 'kind region { name } organization { name } startedOn landMu subsidyWan expectedIncomeWan householdsBenefiting incomePerHouseholdYuan investmentWan brand', { search: `台账项目${tag}` }))
      .toEqual({ kind: '集体经济项目', region: moxi, organization: org, startedOn: '2024-02-21', landMu: 12, subsidyWan: 5, expectedIncomeWan: 8.5, householdsBenefiting: 30, incomePerHouseholdYuan: 1500, investmentWan: 100, brand: '磨溪红薯' });
    expect(await one('transportLinks', 'kind from { name } to { id } lengthKm openedOn', { search: `台账道路${tag}` }))
      .toEqual({ kind: '断头路', from: moxi, to: { id: far.id }, lengthKm: 2.5, openedOn: '2024-02-22' });
    expect(await one('civilizationRecords', 'kind region { name } recordedOn occurrences', { search: `台账公约${tag}` }))
      .toEqual({ kind: '公约', region: moxi, recordedOn: '2024-02-23', occurrences: 2 });
    expect(await one('pairings', 'unitName organization { name } firstSecretary { name } startedOn wishesFulfilled', { search: `台账单位${tag}` }))
      .toEqual({ unitName: `台账单位${tag}`, organization: { name: village.name }, firstSecretary: { name: person }, startedOn: '2024-02-24', wishesFulfilled: 6 });
    expect(await one('grids', 'organization { name } region { name } households responsible { name }', { search: `台账网格${tag}` }))
      .toEqual({ organization: org, region: moxi, households: 120, responsible: { name: person } });
    expect(await one('posts', 'title organization { name } holder { name } startedOn', { search: `台账联络员${tag}` }))
      .toEqual({ title: `台账联络员${tag}`, organization: org, holder: { name: person }, startedOn: '2024-02-26' });
  }, 180_000);

  test('a clerk’s ledger without 所属联盟ID (its own 服务事项台账, a CSV, and a 人员台账 of two columns) is imported, each row as if the column were blank, the result saying once which columns the file lacked; again, 已存在; a count left out is refused saying why, nothing written', async () => {
    const serviceCases = async (day: string) => {
      const answer = await federation.query<{ jurisdictions: { serviceCases: { totalCount: number; edges: { node: Record<string, unknown> }[] } }[] }>(
        `query ($filter: RecordFilter) { jurisdictions(keys: ["sichuan"]) { serviceCases(filter: $filter, first: 5) { totalCount edges { node { id kind handledOn region { name } people households amountWan alliance { id } } } } } }`,
        { filter: { period: { from: day, to: day } } },
      );
      return answer.data!.jurisdictions[0]!.serviceCases;
    };
    // The colleague's file: refused as a whole (缺少列：“所属联盟ID”) before.
    const csv = '事项名称,受理时间,办理地点,服务人数,服务户数,涉及金额（万元）\r\n异地就医结算,2023-09-07,磨溪镇,3,1,0.5\r\n';
    const path = (route: string, name: string, kind = 'service-cases') => `/documents/import/${route}?kind=${kind}&side=sichuan&name=${encodeURIComponent(name)}`;
    const before = await serviceCases('2023-09-07');
    const summaryOf = async (answer: ImportAnswer) => {
      const report = new ExcelJS.Workbook();
      await report.xlsx.load(Buffer.from(answer.report!.base64, 'base64') as unknown as ArrayBuffer);
      const rows: unknown[][] = [];
      report.getWorksheet('汇总')!.eachRow((row) => rows.push([row.getCell(1).value, row.getCell(2).value]));
      return rows;
    };
    const first = (await (await call(path('confirm', '服务事项.csv'), { method: 'POST', body: csv })).json()) as ImportAnswer;
    expect(first.rows.map((r) => [r.line, r.status, r.problems])).toEqual([[2, '已导入', []]]);
    expect((await summaryOf(first)).filter(([label]) => label === '说明')).toEqual([['说明', '文件中没有“所属联盟ID”列，各行按未填写导入（之后补上这些列再导入，已导入的行会被当作新记录重复登记）']]);
    const after = await serviceCases('2023-09-07');
    expect(after.totalCount).toBe(before.totalCount + 1);
    expect(after.edges.map((e) => e.node).find((n) => !before.edges.some((b) => b.node.id === n.id)))
      .toEqual({ id: expect.any(String), kind: '异地就医结算', handledOn: '2023-09-07', region: { name: '磨溪镇' }, people: 3, households: 1, amountWan: 0.5, alliance: null });
    // Imported again, and with the column present but blank: the same row, 已存在, nothing written twice.
    const snapshot = await federationSnapshot(federation.subgraphs);
    const again = (await (await call(path('confirm', '服务事项.csv'), { method: 'POST', body: csv })).json()) as ImportAnswer;
    expect(again.rows.map((r) => [r.line, r.status])).toEqual([[2, '已存在']]);
    const blankColumn = '事项名称,受理时间,办理地点,服务人数,服务户数,涉及金额（万元）,所属联盟ID\r\n异地就医结算,2023-09-07,磨溪镇,3,1,0.5,\r\n';
    const withBlank = (await (await call(path('confirm', '服务事项.csv'), { method: 'POST', body: blankColumn })).json()) as ImportAnswer;
    expect(withBlank.rows.map((r) => [r.line, r.status])).toEqual([[2, '已存在']]);
    expect((await summaryOf(withBlank)).filter(([label]) => label === '说明')).toEqual([]);
    // The answer says it too, for the dashboard to show under the counts; nothing when the column is there.
    expect([first.absentColumns, first.absentColumnsNote]).toEqual([['所属联盟ID'], '文件中没有“所属联盟ID”列，各行按未填写导入（之后补上这些列再导入，已导入的行会被当作新记录重复登记）']);
    expect([withBlank.absentColumns, withBlank.absentColumnsNote]).toEqual([[], '']);
    expect(await federationSnapshot(federation.subgraphs)).toEqual(snapshot);

    // A clerk's 人员台账 with its two required columns only, in a sheet of the clerk's name.
    const anju = await organizationsOf('安居区');
    const person = `缺列人员${Date.now().toString(36)}`;
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Sheet1');
    sheet.addRow(['序号', '姓名', '所在党支部']);
    sheet.addRow([1, person, anju[0]!.name]);
    const people = (await (await call(path('confirm', '人员.xlsx', 'people'), { method: 'POST', body: Buffer.from(await workbook.xlsx.writeBuffer()) })).json()) as ImportAnswer;
    expect(people.rows.map((r) => [r.line, r.status, r.problems])).toEqual([[2, '已导入', []]]);
    expect((await summaryOf(people)).filter(([label]) => label === '说明')).toEqual([['说明', '文件中没有“性别”、“联系电话”、“公民身份号码”、“出生日期”、“住址”列，各行按未填写导入（之后补上这些列再导入，已导入的行会被当作新记录重复登记）']]);

    // A clerk's 活动台账 without 引进人才 (it applies to 引才活动 only): the other rows read as blank, a 引才活动 row refused on it.
    const tag = Date.now().toString(36);
    const activities = `活动类别,活动名称,活动日期,主办单位,活动场次,参与人次\r\n培训,缺列培训${tag},2024-03-05,${anju[0]!.name},1,20\r\n引才活动,缺列招聘会${tag},2024-03-06,${anju[0]!.name},1,50\r\n`;
    const talents = (await (await call(path('confirm', '活动.csv', 'activities'), { method: 'POST', body: activities })).json()) as ImportAnswer;
    expect(talents.rows.map((r) => [r.line, r.status, r.problems])).toEqual([
      [2, '已导入', []],
      [3, '错误', [{ column: '引进人才', reason: '文件中没有“引进人才”列，而“引才活动”须填写引进人才；请加上这一列逐行填写后再导入' }]],
    ]);
    expect((await summaryOf(talents)).filter(([label]) => label === '说明')).toEqual([['说明', '文件中没有“引进人才”、“所属联盟ID”列，各行按未填写导入（之后补上这些列再导入，填了这些列的行会被视为对已导入记录的更正而不予导入；如需补填，请先撤销本次导入，再导入完整的台账）']]);

    // A count left out is refused (its blank is 0: a whole column of 0 would change the figures), saying so; nothing written.
    const unchanged = await federationSnapshot(federation.subgraphs);
    const refused = await call(path('confirm', '服务事项.csv'), { method: 'POST', body: '事项名称,受理时间,办理地点,服务人数,涉及金额（万元）\r\n异地就医结算,2023-09-08,磨溪镇,3,0.5\r\n' });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({
      code: 'BAD_LEDGER',
      message: '第 1 行的表头与服务事项台账模板不符（缺少列：“户数”（“户数”是数字列，整列缺少时无法知道各行的数值，按默认值（“户数”为 0）导入会改变统计数字，所以不导入；请加上这一列逐行填写后再导入））。表头应为：类别、办理日期、办理地、人数、户数、金额（万元）、所属联盟ID。未导入任何内容。',
    });

    // The command's line says it too (a preview: the row is already there).
    const dir = await mkdtemp(join(tmpdir(), 'ledger-absent-'));
    try {
      const file = join(dir, '服务事项.csv');
      await writeFile(file, csv);
      const result = await importCommand(['--file', file, '--kind', 'service-cases', '--side', 'sichuan', '--preview', '--gateway', federation.gatewayUrl, '--token', token]);
      expect(result.stdout.trim()).toBe(`${file}：预检（未写入任何内容）——可导入 0 行，已存在 1 行，错误 0 行。文件中没有“所属联盟ID”列，各行按未填写导入（之后补上这些列再导入，已导入的行会被当作新记录重复登记）。预检结果见 ${join(dir, '服务事项.预检结果.xlsx')}`);
      expect(result.code).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    expect(await federationSnapshot(federation.subgraphs)).toEqual(unchanged);
  }, 180_000);

  test('a clerk’s header that could be either of two columns (队伍类型: 类型 or 类别? 单位及职务) is not guessed: the ledger is refused naming it, nothing written', async () => {
    const snapshot = await federationSnapshot(federation.subgraphs);
    const refusal = async (name: string, headers: string[], row: unknown[]) => {
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('Sheet1');
      sheet.addRow(['序号', ...headers]);
      sheet.addRow([1, ...row]);
      const response = await call(`/documents/import/confirm?kind=${name}&side=sichuan&name=own.xlsx`, { method: 'POST', body: Buffer.from(await workbook.xlsx.writeBuffer()) });
      return { status: response.status, ...((await response.json()) as { code: string; message: string }) };
    };
    expect(await refusal('teams', ['队伍名称', '队伍类型', '类别', '所属党组织', '成立时间', '所属联盟ID'], ['歧义测试队', '志愿服务队', '巡逻队', '磨溪镇党委', '2024-02-01', null])).toEqual({
      status: 400,
      code: 'BAD_LEDGER',
      message: '第 1 行的表头与队伍台账模板不符（表头“队伍类型”可能是“类型”，也可能是“类别”，无法确定是哪一列，请把表头改为其中之一；缺少列：“类型”）。表头应为：类型、类别、名称、所属组织、组建日期、所属联盟ID。未导入任何内容。',
    });
    expect((await refusal('posts', ['姓名', '单位及职务', '任职时间', '所属联盟ID'], ['张三', '磨溪镇党委书记', '2024-02-01', null])).message).toBe(
      '第 1 行的表头与任职台账模板不符（表头“单位及职务”可能是“任职组织”，也可能是“职务名称”，无法确定是哪一列，请把表头改为其中之一；缺少列：“任职组织”、“职务名称”）。表头应为：任职组织、职务名称、任职人、任职日期、所属联盟ID。未导入任何内容。',
    );
    expect(await federationSnapshot(federation.subgraphs)).toEqual(snapshot);
  });

  test('a preview of a new tree of organizations says once, beside the counts, that its branches are unchecked (uncheckedNote); nothing written', async () => {
    // A town's committee: a 党支部 of 安居区 leads no committee (parent-kind).
    const parent = (await organizationsOf('安居区')).find((o) => o.name.endsWith('镇党委'));
    const kind = ledgerKind('organizations');
    const workbook = ledgerTemplate(kind);
    const tag = Date.now().toString(36);
    workbook.getWorksheet(kind.sheet)!.addRow([`文档预检${tag}镇党委`, '党委', '乡镇', parent!.name, '安居区', '2024-02-01']);
    for (const n of [1, 2, 3]) workbook.getWorksheet(kind.sheet)!.addRow([`文档预检${tag}${n}村党支部`, '党支部', '村', `文档预检${tag}镇党委`, '安居区', '2024-03-01']);
    const body = Buffer.from(await workbook.xlsx.writeBuffer());
    const preview = (await (await call(`/documents/import/preview?kind=organizations&side=sichuan&name=${encodeURIComponent('党组织台账.xlsx')}`, { method: 'POST', body })).json()) as ImportAnswer;
    expect(preview.counts).toMatchObject({ 已导入: 1, 未导入: 3 });
    expect(preview.uncheckedNote).toBe('第3–5行（共 3 行）的上级在本文件中，预检不写入，无法由系统检查；导入时先写入其上级，再写入并检查这些行');
  });

  test('a clerk’s 人员台账 (姓名, 所在党支部, 身份证号) imported as activities (the default) is told as a 人员台账, by the documents server in the page’s words and by the command with its flag; nothing written', async () => {
    const snapshot = await federationSnapshot(federation.subgraphs);
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Sheet1');
    sheet.addRow(['序号', '姓名', '所在党支部', '身份证号']);
    sheet.addRow([1, '张三', '磨溪镇党委', '510904198503128593']);
    // The dashboard's clerk is told the page's words (台账类型 人员), the command's user the flag too: the server said （命令行 --kind people）.
    const told = '工作表“Sheet1”第 1 行的表头不是活动台账的。这是人员台账（表头：姓名、所在党支部、身份证号），请选择台账类型“人员”再导入。未导入任何内容。';
    const response = await call(`/documents/import/preview?kind=activities&side=sichuan&name=${encodeURIComponent('党员名册.xlsx')}`, { method: 'POST', body: Buffer.from(await workbook.xlsx.writeBuffer()) });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ code: 'BAD_LEDGER', message: told });
    const dir = await mkdtemp(join(tmpdir(), 'ledger-kind-'));
    try {
      const file = join(dir, '党员名册.csv');
      await writeFile(file, '姓名,所在党支部,身份证号\r\n张三,磨溪镇党委,510904198503128593\r\n');
      const result = await importCommand(['--file', file, '--side', 'sichuan', '--gateway', federation.gatewayUrl, '--token', token]);
      expect([result.code, result.stderr.trim()]).toEqual([1, '导入失败：第 1 行的表头不是活动台账的。这是人员台账（表头：姓名、所在党支部、身份证号），请选择台账类型“人员”（命令行 --kind people）再导入。未导入任何内容。']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    expect(await federationSnapshot(federation.subgraphs)).toEqual(snapshot);
  });

  test('an export filtered by a region its side does not have is refused, in Chinese (400), not an empty file', async () => {
    const refused = await call(`/documents/export?list=organizations&side=sichuan&format=xlsx&regionId=${encodeURIComponent('sichuan:Region:nonexistent')}`);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({ code: 'BAD_LEDGER', message: '筛选条件有误：四川省没有所选的区划（区划 ID 有误，或该区划已不存在），未生成导出文件。请从区划列表中选取区划。' });
  });

  test('an import refused as a whole: no token, no side, a file of another type, a file too large, a file that is no ledger', async () => {
    const snapshot = await federationSnapshot(federation.subgraphs);
    const post = async (query: string, body: string | Buffer, as?: string | null) => {
      const response = await call(`/documents/import/preview?${query}`, { method: 'POST', body, ...(as !== undefined && { as }) });
      return { status: response.status, ...((await response.json()) as { code: string; message: string }) };
    };
    expect(await post('kind=activities&side=sichuan&name=a.xlsx', 'x', null)).toMatchObject({ status: 401, code: 'UNAUTHENTICATED', message: expect.stringMatching(/^请先登录/) });
    expect(await post('kind=activities&name=a.xlsx', 'x')).toMatchObject({ status: 400, message: expect.stringMatching(/^请指明写入哪一方的库/) });
    expect(await post('kind=activities&side=sichuan&name=a.xls', 'x')).toMatchObject({ status: 400, code: 'UNSUPPORTED_FILE', message: expect.stringMatching(/不支持的文件类型“\.xls”：请选择 \.xlsx 工作簿，或 \.csv、\.tsv、\.txt 文本文件/) });
    // A text ledger saved as .txt (Excel's and WPS's 文本文件) is read as a .csv is: refused here for its header, not its type.
    expect(await post('kind=activities&side=sichuan&name=a.txt', '名称\t日期\n甲\t2024-01-01\n')).toMatchObject({ status: 400, code: 'BAD_LEDGER', message: expect.stringMatching(/^第 1 行的表头不是活动台账的/) });
    expect(await post('kind=parties&side=sichuan&name=a.csv', 'x')).toMatchObject({ status: 400, code: 'BAD_LEDGER', message: expect.stringMatching(/不支持的台账类型“parties”/) });
    expect(await post('kind=activities&side=sichuan&name=a.csv', Buffer.alloc(MAX_FILE_BYTES + 1, 0x41))).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE', message: expect.stringMatching(/^文件过大/) });
    expect(await post('kind=activities&side=sichuan&name=a.csv', '名称,日期\n甲,2024-01-01\n')).toMatchObject({ status: 400, code: 'BAD_LEDGER', message: expect.stringMatching(/[\u4e00-\u9fff]/) });
    expect(await federationSnapshot(federation.subgraphs)).toEqual(snapshot);
  });

  test('the template, an export and the briefing download with their Chinese names (RFC 5987)', async () => {
    const kinds = (await (await call('/documents/import/kinds', { as: null })).json()) as { kinds: { kind: string; label: string; withdrawable: boolean }[]; modes: string[] };
    expect(kinds).toMatchObject({
      kinds: expect.arrayContaining([
        { kind: 'activities', label: ACTIVITIES.label, withdrawable: true, withdrawNote: null, personal: false },
        { kind: 'people', label: '人员', withdrawable: false, withdrawNote: expect.stringMatching(/^人员与任职不能撤销登记：/), personal: true },
        { kind: 'organizations', label: '党组织', withdrawable: false, withdrawNote: expect.stringMatching(/^党组织不能撤销登记：.*撤并/), personal: false },
      ]),
      modes: ['row-by-row', 'all-or-nothing'],
    });
    // 撤销本次导入 is offered for the kinds whose records the store withdraws (WITHDRAWABLE_TYPES): not organizations, people or posts, each said why.
    expect(kinds.kinds.filter((k) => !k.withdrawable).map((k) => k.kind)).toEqual(['organizations', 'people', 'posts']);
    const template = await call('/documents/import/template?kind=activities', { as: null });
    expect(template.status).toBe(200);
    // The Chinese name for browsers (RFC 5987), a readable ASCII one for old clients.
    expect(template.headers.get('content-disposition')).toBe(`attachment; filename="linju-template-activities.xlsx"; filename*=UTF-8''${encodeURIComponent('活动台账模板.xlsx')}`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await template.arrayBuffer());
    expect(book.getWorksheet(ACTIVITIES.sheet)!.getRow(1).getCell(1).value).toBe(ACTIVITIES.columns[0]!.header);
    // Signed out, 主办组织 is free text; signed in, it offers the operator's own organizations, as the command's template does.
    expect(offeredNames(book, ACTIVITIES, 'organizerId')).toBeNull();
    const own = await call('/documents/import/template?kind=activities');
    expect(own.status).toBe(200);
    const ownBook = new ExcelJS.Workbook();
    await ownBook.xlsx.load(await own.arrayBuffer());
    const anju = (await organizationsOf('安居区')).map((o) => o.name);
    const yongxing = (await organizationsOf('船山区')).find((o) => o.name.includes('永兴镇'))!;
    expect(offeredNames(ownBook, ACTIVITIES, 'organizerId')).toEqual(expect.arrayContaining(anju.filter((n) => anju.indexOf(n) === anju.lastIndexOf(n))));
    expect(offeredNames(ownBook, ACTIVITIES, 'organizerId')).not.toContain(yongxing.name);
    // The joint office keeps no side's ledgers: its operator gets the plain template, not a refusal.
    const joint = await call('/documents/import/template?kind=activities', { as: await federation.token('joint-operator') });
    expect(joint.status).toBe(200);
    const jointBook = new ExcelJS.Workbook();
    await jointBook.xlsx.load(await joint.arrayBuffer());
    expect(offeredNames(jointBook, ACTIVITIES, 'organizerId')).toBeNull();

    const csv = await call('/documents/export?list=alliances&format=csv');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(csv.headers.get('content-disposition')!)![1]!)).toMatch(/联盟.*\.csv$/);
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toContain('毗邻乡镇党建联建');

    const xlsx = await call('/documents/export?list=figures&format=xlsx&from=2021-01-01&to=2021-06-30', { as: null });
    expect(xlsx.status).toBe(200);
    expect(Buffer.from(await xlsx.arrayBuffer()).subarray(0, 2).toString()).toBe('PK');
    expect(xlsx.headers.get('content-disposition')).toBe(`attachment; filename="linju-figures-2021-01-01_2021-06-30.xlsx"; filename*=UTF-8''${encodeURIComponent('指标_2021-01-01至2021-06-30.xlsx')}`);

    const refused = await call('/documents/export?list=nothing&format=xlsx');
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { message: string }).message).toMatch(/没有名为“nothing”的列表/);

    const docx = await call('/documents/report?period=2021-01-01..2021-06-30&format=docx', { as: null });
    expect(docx.status).toBe(200);
    expect(decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(docx.headers.get('content-disposition')!)![1]!)).toBe('2021年上半年工作简报.docx');
    expect(docx.headers.get('content-disposition')).toMatch(/^attachment; filename="linju-briefing-2021-01-01_2021-06-30\.docx"; /);
    expect(Buffer.from(await docx.arrayBuffer()).subarray(0, 2).toString()).toBe('PK');
  }, 120_000);

  test('the briefing as PDF (LibreOffice)', async () => {
    const pdf = await call('/documents/report?period=2021-01-01..2021-06-30&format=pdf', { as: null });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
  }, 180_000);

  test('a refused token is 401 and a gateway out of reach 502, in Chinese, never naming the gateway\'s address', async () => {
    const forged = await call('/documents/export?list=activities&side=sichuan&format=csv', { as: `${token.slice(0, -4)}AAAA` });
    expect(forged.status).toBe(401);
    // The gateway's refusal as it said it (its reason and words), not a sentence of the documents server's.
    expect(await forged.json()).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'invalid', message: expect.stringMatching(/^令牌无法验证.*请重新登录/) });
    const port = await freePort();
    const cut = await startDocumentsServer({ port, gatewayUrl: 'http://127.0.0.1:1/graphql', logger: createLogger('documents', { level: 'silent' }) });
    try {
      const response = await fetch(`http://127.0.0.1:${port}/documents/export?list=activities&side=sichuan&format=csv`, { headers: { authorization: `Bearer ${token}` } });
      expect(response.status).toBe(502);
      const body = await response.text();
      expect(JSON.parse(body)).toMatchObject({ code: 'GATEWAY_UNAVAILABLE', message: expect.stringMatching(/^暂时无法连接联邦网关/) });
      expect(body).not.toContain('127.0.0.1');
    } finally {
      await cut.stop();
    }
  });

  test('while a side’s subgraph is down, the briefing and that side’s exports are 503 STORE_UNAVAILABLE naming the side (an outage to retry, not a bad request)', async () => {
    await federation.stopSubgraph('sichuan');
    for (const path of ['/documents/report?period=2021-01-01..2021-06-30&format=docx', '/documents/export?list=figures&format=csv&from=2021-01-01&to=2021-06-30', '/documents/export?list=activities&side=sichuan&format=csv']) {
      const response = await call(path);
      expect(response.status, path).toBe(503);
      expect(await response.json(), path).toMatchObject({ code: 'STORE_UNAVAILABLE', message: expect.stringContaining('四川省') });
    }
    // The other side's own export is not held up by it.
    expect((await call('/documents/export?list=activitiesByMonth&side=chongqing&format=csv&from=2021-01-01&to=2021-06-30')).status).toBe(200);
  });

  test('while the documents server is down, the gateway answers 503 in Chinese; the rest of the gateway is unaffected', async () => {
    await documents.stop();
    const response = await call('/documents/import/template?kind=activities');
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ code: 'DOCUMENTS_UNAVAILABLE', message: expect.stringMatching(/^文档服务（导入、导出、简报）暂不可用/) });
    expect((await federation.query<{ __typename: string }>('{ __typename }')).data?.__typename).toBe('Query');
  });
});
