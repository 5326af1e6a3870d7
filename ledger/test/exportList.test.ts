import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FIGURE_NAMES, FIGURES, figureRowLabel } from '@linju/contract/figures';
import { mintDevToken } from '@linju/gateway/devKeys';
import { startFederation, type Federation } from '@linju/testing';
import { csvRows, exportToFile, LEDGER_KINDS, LedgerError, openExport, parseLedgerRows, readLedgerFile, type ExportOptions } from '../src/index.ts';
import { UNNAMED } from '../src/export/filterNames.ts';
import { recordLists, SIDE_PATH } from '../src/export/recordLists.ts';
import { inWorkbookOrder } from '../src/export/tableWriters.ts';
import { findSoffice } from '../src/report/index.ts';

/**
 * Exports as an analyst and a clerk run them: through the command, against a real federation
 * (real gateway, real PostgreSQL stores), read back with exceljs and the import's own CSV reader.
 */

const run = promisify(execFile);
const CLI = join(import.meta.dirname, '../src/exportCli.ts');
/** The root's tsx, so the command can run where the clerk is (a folder without node_modules). */
const TSX = join(import.meta.dirname, '../../node_modules/.bin/tsx');
/** LibreOffice, which CI installs; elsewhere its test is skipped when it is missing. */
const SOFFICE = await findSoffice();

let federation: Federation;
let dir: string;
let operator: string;
let viewer: string;
beforeAll(async () => {
  [federation, dir] = await Promise.all([startFederation(), mkdtemp(join(tmpdir(), 'ledger-export-'))]);
  operator = await federation.token('sichuan-operator');
  viewer = await federation.token('viewer');
});
afterAll(async () => {
  await federation?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function exportCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(TSX, [CLI, '--gateway', federation.gatewayUrl, ...args], { cwd: dir, env: { ...process.env, INIT_CWD: dir } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** A workbook's first sheet as its header (row 1, or row 2 under a figure table's caption) and rows of cell values. */
async function readSheet(path: string, headerRow = 1): Promise<{ header: string[]; rows: unknown[][]; sheet: ExcelJS.Worksheet }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const sheet = workbook.worksheets[0]!;
  const values = (line: number) => (sheet.getRow(line).values as unknown[]).slice(1);
  const rows: unknown[][] = [];
  for (let line = headerRow + 1; line <= sheet.rowCount; line++) rows.push(values(line));
  return { header: values(headerRow) as string[], rows, sheet };
}

async function totalCount(list: string, filter: Record<string, unknown>, token: string): Promise<number> {
  const as = token === viewer ? 'viewer' : 'sichuan-operator';
  const answer = await federation.query<{ jurisdictions: Record<string, { totalCount: number }>[] }>(
    `query ($filter: RecordFilter) { jurisdictions(keys: ["sichuan"]) { ${list}(filter: $filter) { totalCount } } }`,
    { filter },
    { as },
  );
  return answer.data!.jurisdictions[0]![list]!.totalCount;
}

/** An export through the function API (what the documents server calls), into the test's folder. */
const exportFile = (name: string, options: Omit<ExportOptions, 'gatewayUrl' | 'format'> & { format?: ExportOptions['format'] }) =>
  exportToFile({ format: 'xlsx', ...options, gatewayUrl: federation.gatewayUrl }, () => join(dir, name));

/** A list's headers as one side's export writes them: without the 辖区 column (every row is that side's), which an export of every side begins with. */
const headersOf = (list: string) => recordLists().get(list)!.columns.filter((c) => c.path[0] !== SIDE_PATH).map((c) => c.header);
/** A workbook's headers: the list's, its 全局 ID last (the CSV's order is the list's). */
const workbookHeadersOf = (list: string) => inWorkbookOrder(recordLists().get(list)!.columns.filter((c) => c.path[0] !== SIDE_PATH)).map((c) => c.header);

describe('exporting a side’s records', () => {
  test('Sichuan’s activities of the first half of 2021 as .xlsx: Chinese headers, frozen, dates as dates, numbers as numbers, as many rows as the gateway counts', async () => {
    const period = { from: '2021-01-01', to: '2021-06-30' };
    const result = await exportCli(['--list', 'activities', '--side', 'sichuan', '--period', '2021-01-01..2021-06-30', '--token', operator]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const file = join(dir, '四川省活动_2021-01-01至2021-06-30.xlsx');
    expect(result.stdout).toContain(file);
    // Under a caption naming what it holds and the period.
    const { header, rows, sheet } = await readSheet(file, 2);
    expect(sheet.getRow(1).getCell(1).value).toBe('四川省活动 2021年上半年');
    // No 辖区 column: every row would say 四川省, as the caption and the file name do once (it was the first column).
    // 全局 ID last, and not printed (it was first, the widest column, and halved the print): the print area ends before it.
    expect(header).toEqual(['类别', '名称', '举办日期', '主办组织', '场次', '人次', '引进人才', '所属联盟', '全局 ID']);
    expect(header).toEqual(workbookHeadersOf('activities'));
    expect(sheet.pageSetup.printArea).toBe(`A1:H${sheet.rowCount}`);
    const expected = await totalCount('activities', { period }, operator);
    expect(expected).toBeGreaterThan(0);
    expect(rows).toHaveLength(expected);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    // Ruled, header and every cell of every row, blank ones too: unruled, a date or a number drawn at the right of its
    // cell ran into the text at the left of the next when printed (2021-06-05白马镇党委, 人次 0 then 0白马镇…).
    const thin = { style: 'thin' };
    for (const line of [2, 3, sheet.rowCount]) {
      for (let column = 1; column <= header.length; column++) expect(sheet.getRow(line).getCell(column).border).toMatchObject({ top: thin, left: thin, bottom: thin, right: thin });
    }
    for (const row of rows) {
      expect(row[8]).toMatch(/^sichuan:Activity:/);
      const heldOn = row[2] as Date;
      expect(heldOn).toBeInstanceOf(Date);
      expect(heldOn.toISOString().slice(0, 10) >= period.from && heldOn.toISOString().slice(0, 10) <= period.to).toBe(true);
      expect(typeof row[4]).toBe('number');
      expect(typeof row[3]).toBe('string');
    }
  });

  test('as .csv: UTF-8 with BOM, CRLF, parses back to the same header and count; the kind filter applies', async () => {
    const stats = await exportFile('training.csv', { list: 'activities', side: 'sichuan', filter: { kinds: ['培训'] }, format: 'csv', token: operator });
    const bytes = await readFile(stats.path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text.split('\r\n')[0]).toBe(`\uFEFF${headersOf('activities').join(',')}`);
    expect(text.replaceAll('\r\n', '')).not.toContain('\n');
    const rows = csvRows(text.slice(1));
    expect(rows[0]).toEqual(headersOf('activities'));
    const body = rows.slice(1).filter((r) => r.some((c) => c !== ''));
    expect(body).toHaveLength(await totalCount('activities', { kinds: ['培训'] }, operator));
    expect(new Set(body.map((r) => r[1]))).toEqual(new Set(['培训']));
    // Every side's, one after the other: the 辖区 column first says whose each row is.
    const both = csvRows((await readFile((await exportFile('training-both.csv', { list: 'activities', filter: { kinds: ['培训'] }, format: 'csv', token: operator })).path, 'utf8')).slice(1));
    expect(both[0]).toEqual(['辖区', ...headersOf('activities')]);
    expect(new Set(both.slice(1).filter((r) => r.some((c) => c !== '')).map((r) => r[0]))).toEqual(new Set(['四川省', '重庆市']));
  });

  test('personal data: a viewer’s export shows （无权查看） in every personal column, Sichuan’s operator’s does not', async () => {
    const personal = ['联系电话', '公民身份号码', '出生日期', '住址'];
    // Under the caption naming the side (四川省人员).
    const read = async (token: string, name: string) => readSheet((await exportFile(name, { list: 'people', side: 'sichuan', token })).path, 2);
    const asViewer = await read(viewer, 'people-viewer.xlsx');
    const columns = personal.map((h) => asViewer.header.indexOf(h));
    expect(columns.every((i) => i >= 0)).toBe(true);
    expect(asViewer.rows.length).toBe(await totalCount('people', {}, viewer));
    expect(asViewer.rows.length).toBeGreaterThan(0);
    for (const row of asViewer.rows) for (const i of columns) expect(row[i]).toBe('（无权查看）');
    const nameColumn = asViewer.header.indexOf('姓名');
    expect(asViewer.rows.every((r) => typeof r[nameColumn] === 'string' && r[nameColumn] !== '')).toBe(true);

    const asOperator = await read(operator, 'people-operator.xlsx');
    expect(asOperator.rows.length).toBe(asViewer.rows.length);
    for (const row of asOperator.rows) for (const i of columns) expect(row[i]).not.toBe('（无权查看）');
  });

  test('digits Excel would take for a number (an 18-digit ID number, a landline with its leading zero) are written ="…" in a CSV: LibreOffice opens every digit as text, the import reads the digits back; the .xlsx holds them as text', async () => {
    const organizations = await federation.query<{ jurisdictions: { organizations: { edges: { node: { id: string } }[] } }[] }>(
      `{ jurisdictions(keys: ["sichuan"]) { organizations(first: 1) { edges { node { id } } } } }`,
      {},
      { as: 'sichuan-operator' },
    );
    const person = { name: '号码存真测试员', phone: '08252345678', idCardNumber: '510904198503128593' };
    const created = await federation.query(
      `mutation ($input: PersonInput!) { sichuanCreatePerson(input: $input) { id } }`,
      { input: { ...person, phone: '0825-2345678', organizationId: organizations.data!.jurisdictions[0]!.organizations.edges[0]!.node.id } },
      { as: 'sichuan-operator' },
    );
    expect(created.errors).toBeUndefined();
    const filter = { search: person.name };

    const csv = await exportFile('号码.csv', { list: 'people', side: 'sichuan', filter, format: 'csv', token: operator });
    const text = (await readFile(csv.path)).toString('utf8');
    // ="…" quoted by RFC 4180: a program reading the CSV gets ="510904198503128593", the import the digits.
    expect(text).toContain('"=""510904198503128593"""');
    expect(text).toContain('"=""08252345678"""');
    const [header, row] = csvRows(text.slice(1)).filter((r) => r.some((c) => c !== ''));
    // Text no one would take for a number is written as it is.
    expect(row![header!.indexOf('姓名')]).toBe(person.name);

    if (SOFFICE || process.env.CI === 'true') {
      // LibreOffice opening the CSV as UTF-8 (as Excel does by its BOM): both cells are text with every
      // digit (they were the numbers 5.10904198503129E+17 and 8252345678).
      expect(SOFFICE, 'soffice is required in CI (.ci/run installs LibreOffice)').toBeDefined();
      const opened = join(dir, 'opened');
      await run(SOFFICE!, [`-env:UserInstallation=file://${join(dir, 'lo-profile')}`, '--headless', '--infilter=CSV:44,34,76', '--convert-to', 'xlsx', '--outdir', opened, csv.path], { timeout: 180_000 });
      const asOpened = await readSheet(join(opened, '号码.xlsx'));
      const shown = (h: string) => {
        const cell = asOpened.rows[0]![asOpened.header.indexOf(h)];
        return cell !== null && typeof cell === 'object' && 'result' in cell ? cell.result : cell;
      };
      expect(shown('公民身份号码')).toBe(person.idCardNumber);
      expect(shown('联系电话')).toBe(person.phone);
    }

    // The clerk imports the export again, its ledger's columns kept: the same digits, no ="…" left.
    const people = LEDGER_KINDS.people!;
    const kept = people.columns.map((c) => header!.indexOf(c.header));
    const ledger = [header!, row!].map((r) => kept.map((i) => `"${r[i]!.replaceAll('"', '""')}"`).join(',')).join('\r\n');
    const table = await readLedgerFile({ name: '号码.csv', bytes: new TextEncoder().encode(`\uFEFF${ledger}\r\n`) }, people);
    const [parsed] = parseLedgerRows(table.rows, people);
    expect(parsed!.problems).toEqual([]);
    expect(parsed!.input).toMatchObject(person);

    // The .xlsx writes them as text cells.
    const xlsx = await readSheet((await exportFile('号码.xlsx', { list: 'people', side: 'sichuan', filter, token: operator })).path, 2);
    expect(xlsx.rows[0]![xlsx.header.indexOf('公民身份号码')]).toBe(person.idCardNumber);
    expect(xlsx.rows[0]![xlsx.header.indexOf('联系电话')]).toBe(person.phone);
  }, 240_000);

  test('a filtered export names its filter: its file name (one Windows takes) and its caption say the kind, the period and the alliance by its name', async () => {
    const period = { from: '2021-01-01', to: '2021-06-30' };
    const found = await federation.query<{ alliances: { edges: { node: { id: string; name: string } }[] } }>(
      `{ alliances(filter: { search: "遂潼红薯" }, first: 1) { edges { node { id name } } } }`,
      {},
      { as: 'viewer' },
    );
    const alliance = found.data!.alliances.edges[0]!.node;
    const named = async (options: Omit<ExportOptions, 'gatewayUrl'>) => {
      let fileName = '';
      const { path } = await exportToFile({ ...options, gatewayUrl: federation.gatewayUrl }, (name) => join(dir, (fileName = name)));
      return { fileName, path };
    };
    // Sichuan's 培训 of 2021年上半年 of one alliance (it was 四川省活动_2021-01-01至2021-06-30.xlsx, without a caption: the kind and the alliance were nowhere).
    const activities = await named({ list: 'activities', side: 'sichuan', format: 'xlsx', token: operator, filter: { kinds: ['培训'], period, allianceId: alliance.id } });
    expect(activities.fileName).toBe(`四川省活动_培训_2021-01-01至2021-06-30_${alliance.name}.xlsx`);
    const { header, sheet } = await readSheet(activities.path, 2);
    expect(sheet.getRow(1).getCell(1).value).toBe(`四川省活动 2021年上半年 类别：培训 联盟：${alliance.name}`);
    expect(header).toEqual(workbookHeadersOf('activities'));
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    // The figure table of that alliance: the alliance by its name (it was 联盟 joint:Alliance:…, and not in the file name);
    // without a token, which may read the public figures but no alliance's name, its name 暂缺: never its ID (the file name leaves it out).
    const figures = await named({ list: 'figures', format: 'xlsx', token: viewer, filter: { period, allianceId: alliance.id } });
    expect(figures.fileName).toBe(`指标_2021-01-01至2021-06-30_${alliance.name}.xlsx`);
    expect((await readSheet(figures.path, 2)).sheet.getRow(1).getCell(1).value).toBe(`联合总览 2021年上半年 联盟：${alliance.name}`);
    const anonymous = await named({ list: 'figures', format: 'xlsx', filter: { period, allianceId: alliance.id } });
    expect(anonymous.fileName).toBe('指标_2021-01-01至2021-06-30.xlsx');
    expect((await readSheet(anonymous.path, 2)).sheet.getRow(1).getCell(1).value).toBe(`联合总览 2021年上半年 联盟：${UNNAMED}`);
    // What Windows refuses in a name (: / ? …) is made -; an unfiltered list of one side has a caption naming the side (it has no 辖区 column).
    const searched = await named({ list: 'organizations', side: 'sichuan', format: 'csv', token: operator, filter: { search: '镇/村:?' } });
    expect(searched.fileName).toBe(`四川省${recordLists().get('organizations')!.label}_含镇-村--.csv`);
    const unfiltered = await readSheet((await named({ list: 'organizations', side: 'sichuan', format: 'xlsx', token: operator })).path, 2);
    expect(unfiltered.sheet.getRow(1).getCell(1).value).toBe(`四川省${recordLists().get('organizations')!.label}`);
    expect(unfiltered.header).toEqual(workbookHeadersOf('organizations'));
  });

  test('the region filter keeps the records of that region and below', async () => {
    const regions = await federation.query<{ jurisdictions: { regions: { edges: { node: { id: string; name: string } }[] } }[] }>(
      `{ jurisdictions(keys: ["sichuan"]) { regions(filter: { search: "安居区" }, first: 5) { edges { node { id name } } } } }`,
      {},
      { as: 'sichuan-operator' },
    );
    const anju = regions.data!.jurisdictions[0]!.regions.edges.map((e) => e.node).find((r) => r.name === '安居区')!;
    const { path } = await exportFile('anju-orgs.csv', { list: 'organizations', side: 'sichuan', filter: { regionId: anju.id }, format: 'csv', token: operator });
    const rows = csvRows((await readFile(path, 'utf8')).slice(1)).slice(1).filter((r) => r.length > 1);
    const all = await totalCount('organizations', {}, operator);
    expect(rows.length).toBe(await totalCount('organizations', { regionId: anju.id }, operator));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThan(all);
    // The region by its name in the caption and the file name (the caption said 区划：sichuan:Region:anju-district,
    // a global ID no clerk reads; the file name said nothing of it), as the alliance is; a town's, under a district.
    const named = async (regionId: string) => {
      let fileName = '';
      const written = await exportToFile({ list: 'organizations', side: 'sichuan', format: 'xlsx', token: operator, filter: { regionId }, gatewayUrl: federation.gatewayUrl }, (name) => join(dir, (fileName = name)));
      return { fileName, caption: (await readSheet(written.path, 2)).sheet.getRow(1).getCell(1).value };
    };
    expect(await named(anju.id)).toEqual({ fileName: '四川省党组织_安居区.xlsx', caption: '四川省党组织 区划：安居区' });
    // The ASCII name beside it (a download's filename=) gains the region's key, as it does the alliance's.
    expect((await openExport({ list: 'organizations', side: 'sichuan', format: 'xlsx', token: operator, filter: { regionId: anju.id }, gatewayUrl: federation.gatewayUrl })).asciiName)
      .toBe(`linju-organizations-sichuan-${anju.id.split(':')[2]}.xlsx`);
    const towns = await federation.query<{ jurisdictions: { regions: { edges: { node: { id: string; name: string } }[] } }[] }>(
      `query ($id: ID) { jurisdictions(keys: ["sichuan"]) { regions(filter: { regionId: $id, kinds: ["乡镇"] }, first: 1) { edges { node { id name } } } } }`,
      { id: anju.id },
      { as: 'sichuan-operator' },
    );
    const town = towns.data!.jurisdictions[0]!.regions.edges[0]!.node;
    expect(await named(town.id)).toEqual({ fileName: `四川省党组织_${town.name}.xlsx`, caption: `四川省党组织 区划：${town.name}` });
    // A region its side does not have is refused, no file written: it was an empty file, said 已导出 0 行.
    const none = await exportCli(['--list', 'organizations', '--side', 'sichuan', '--region', 'sichuan:Region:nonexistent', '--out', 'no-region.xlsx', '--token', operator]);
    expect(none).toMatchObject({ code: 1, stdout: '' });
    expect(none.stderr.trim()).toBe('导出失败：筛选条件有误：四川省没有所选的区划（区划 ID 有误，或该区划已不存在），未生成导出文件。请从区划列表中选取区划。');
    // The other side's region is not one of Sichuan's list either; without --side, no side having it is said so.
    const chongqingRegion = (await federation.query<{ jurisdictions: { regions: { edges: { node: { id: string; name: string } }[] } }[] }>(
      `{ jurisdictions(keys: ["chongqing"]) { regions(first: 1) { edges { node { id name } } } } }`,
      {},
      { as: 'sichuan-operator' },
    )).data!.jurisdictions[0]!.regions.edges[0]!.node;
    const other = await exportCli(['--list', 'organizations', '--side', 'sichuan', '--region', chongqingRegion.id, '--out', 'no-region.xlsx', '--token', operator]);
    expect(other).toMatchObject({ code: 1, stdout: '' });
    expect(other.stderr).toContain(`筛选条件有误：区划“${chongqingRegion.name}”属于重庆市，四川省没有这个区划，未生成导出文件。`);
    expect((await readdir(dir)).filter((f) => f.includes('no-region'))).toEqual([]);
    await expect(exportToFile({ list: 'organizations', format: 'xlsx', token: operator, filter: { regionId: 'sichuan:Region:nonexistent' }, gatewayUrl: federation.gatewayUrl }, (name) => join(dir, name)))
      .rejects.toThrow('筛选条件有误：各辖区都没有所选的区划（区划 ID 有误，或该区划已不存在），未生成导出文件。请从区划列表中选取区划。');
  });
});

describe('exporting the joint office’s lists and the figure tables', () => {
  test('alliances with their members: one row per member, every alliance present', async () => {
    const { header, rows } = await readSheet((await exportFile('alliances.xlsx', { list: 'alliances', token: viewer })).path);
    expect(header).toEqual(workbookHeadersOf('alliances'));
    expect(header).toEqual(expect.arrayContaining(['名称', '成员组织', '成员所属辖区', '本段加入日期', '本段退出日期']));
    const answer = await federation.query<{ alliances: { totalCount: number; edges: { node: { id: string; members: unknown[] } }[] } }>(
      `{ alliances(first: 100) { totalCount edges { node { id members(includePast: true) { joinedOn } } } } }`,
      {},
      { as: 'viewer' },
    );
    const alliances = answer.data!.alliances;
    expect(new Set(rows.map((r) => r[header.indexOf('全局 ID')]))).toEqual(new Set(alliances.edges.map((e) => e.node.id)));
    expect(rows).toHaveLength(alliances.edges.reduce((sum, e) => sum + Math.max(1, e.node.members.length), 0));
  });

  test('the figure table of 2021年上半年: under a caption naming it and the period, every figure of the catalogue with each side’s value and the joint total, as the overview gives them, without a token', async () => {
    const { header, rows, sheet } = await readSheet((await exportFile('figures.xlsx', { list: 'figures', filter: { period: { from: '2021-01-01', to: '2021-06-30' } } })).path, 2);
    expect(sheet.getCell('A1').value).toBe('联合总览 2021年上半年');
    expect(header).toEqual(['类别', '指标', '单位', '四川省', '重庆市', '合计']);
    const answer = await federation.query<{ overview: { total: { values: { figure: string; value: number | null }[] } } }>(
      `{ overview(period: { from: "2021-01-01", to: "2021-06-30" }) { total { values { figure value } } } }`,
    );
    const totals = new Map(answer.data!.overview.total.values.map((v) => [v.figure, v.value]));
    for (const [i, name] of FIGURE_NAMES.entries()) {
      // A ratio's label says its 合计 is a weighted mean (户均增收（合计栏为加权平均）), a standing figure's 新增.
      expect(rows[i]!.slice(0, 3)).toEqual([FIGURES[name].category, figureRowLabel(name, true), FIGURES[name].unit]);
      expect(rows[i]![5] ?? null).toBe(totals.get(name));
    }
    expect(rows.find((r) => r[1] === '新增毗邻乡镇党建联建')?.[5]).toEqual(expect.any(Number));
  });
});

describe('each side’s chart aggregates, named by whose they are (never 本方, which names no one in a file)', () => {
  const period = { from: '2021-01-01', to: '2021-06-30' };
  test.each([
    // The joint office's export: every side's rows, with a 辖区 column.
    ['activitiesByMonth', undefined, '各辖区活动按月统计', '各辖区活动按月统计'],
    ['serviceCasesByKind', undefined, '各辖区川渝通办事项按类别统计', '各辖区川渝通办事项按类别统计'],
    // One side's: the side's name before the list's, as every export's file; the sheet is the list's.
    ['activitiesByMonth', 'sichuan', '四川省活动按月统计', '活动按月统计'],
    ['serviceCasesByKind', 'chongqing', '重庆市川渝通办事项按类别统计', '川渝通办事项按类别统计'],
  ])('%s, side %s: the file %s, its sheet %s', async (list, side, named, sheetName) => {
    let fileName = '';
    const { path } = await exportToFile({ list, side, format: 'xlsx', gatewayUrl: federation.gatewayUrl, filter: { period } }, (name) => join(dir, (fileName = name)));
    expect(fileName).toBe(`${named}_2021-01-01至2021-06-30.xlsx`);
    const { header, rows, sheet } = await readSheet(path, 2);
    expect(sheet.name).toBe(sheetName);
    expect(sheet.getCell('A1').value).toBe(`${named} 2021年上半年`);
    expect(rows.length).toBeGreaterThan(0);
    // Every side's rows say whose they are in a 辖区 column; one side's have none (it said that side on every row).
    if (side) expect(header[0]).not.toBe('辖区');
    else expect([header[0], new Set(rows.map((r) => r[0]))]).toEqual(['辖区', new Set(['四川省', '重庆市'])]);
    expect(JSON.stringify([fileName, sheet.name, rows])).not.toContain('本方');
  });
});

describe('refusals: one Chinese line, exit code 1, no file left behind', () => {
  const forgedToken = 'forged.token.value';
  test.each<[string, Partial<ExportOptions>, string | undefined, RegExp]>([
    ['an unknown list', { list: 'nonsense' }, 'operator', /没有名为“nonsense”的列表/],
    ['a bad period', { list: 'activities', side: 'sichuan', filter: { period: { from: '2021-02-30', to: '2021-06-30' } } }, 'operator', /时间段的起始日期 2021-02-30 不存在，日历上没有这一天/],
    // The API's message is `中文 / English`: the clerk gets its Chinese, not the gateway's English.
    ['a malformed region ID (the API’s check)', { list: 'activities', side: 'sichuan', filter: { regionId: 'not-an-id' } }, 'operator', /^筛选条件有误：行政区划“not-an-id”不是邻聚 ID$/],
    ['a filter a figure table cannot apply', { list: 'figures', filter: { search: '镇' } }, undefined, /指标表只能按时间段和联盟筛选/],
    // The gateway's own Chinese of why (its reason not-a-jwt), not a guess of the command's.
    ['a refused token', { list: 'activities', side: 'sichuan' }, forgedToken, /^令牌不完整或不是令牌：.*或登录后再试。$/],
    ['an unknown side', { list: 'activities', side: 'tibet' }, 'operator', /没有辖区“tibet”/],
    ['a list read without a token', { list: 'alliances' }, undefined, /^无权读取党建联盟列表：未登录时只能查看公开的汇总数字（联合概览及各方的名称与数字），请先登录$/],
    ['an unknown format', { list: 'activities', format: 'pdf' as 'csv' }, 'operator', /不支持的导出格式“pdf”/],
  ])('%s', async (_, options, token, message) => {
    const folder = await mkdtemp(join(dir, 'refused-'));
    const refusal = exportToFile(
      { format: 'xlsx', gatewayUrl: federation.gatewayUrl, list: '', ...options, token: token === 'operator' ? operator : token },
      () => join(folder, 'out.xlsx'),
    );
    await expect(refusal).rejects.toThrow(LedgerError);
    await expect(refusal).rejects.toThrow(message);
    expect(await readdir(folder)).toEqual([]);
  });

  test('through the command: one line on stderr, exit code 1, nothing written', async () => {
    const result = await exportCli(['--list', 'activities', '--side', 'sichuan', '--period', '2021-01-01..2021-13-01', '--out', 'never.xlsx', '--token', operator]);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual(['导出失败：时间段的截止日期 2021-13-01 不存在，日历上没有这一天。']);
    expect((await readdir(dir)).filter((f) => f.includes('never'))).toEqual([]);
  });

  test('--region takes a region’s name as the import does: the export is of that region, named so; a name no side has, or two regions have, is refused saying which', async () => {
    const folder = await mkdtemp(join(dir, 'by-name-'));
    const named = await exportCli(['--list', 'activities', '--side', 'sichuan', '--region', '安居区', '--format', 'csv', '--out', join(folder, 'anju.csv'), '--token', operator]);
    expect(named.code, named.stderr).toBe(0);
    const regions = await federation.query<{ jurisdictions: { regions: { edges: { node: { id: string; name: string } }[] } }[] }>(
      `{ jurisdictions(keys: ["sichuan"]) { regions(filter: { search: "安居区" }, first: 5) { edges { node { id name } } } } }`,
      {},
      { as: 'sichuan-operator' },
    );
    const anju = regions.data!.jurisdictions[0]!.regions.edges.map((e) => e.node).find((r) => r.name === '安居区')!;
    const byId = await exportCli(['--list', 'activities', '--side', 'sichuan', '--region', anju.id, '--format', 'csv', '--out', join(folder, 'id.csv'), '--token', operator]);
    expect(byId.code, byId.stderr).toBe(0);
    const text = await readFile(join(folder, 'anju.csv'), 'utf8');
    expect(text).toBe(await readFile(join(folder, 'id.csv'), 'utf8'));
    expect(text.split('\r\n').length).toBeGreaterThan(2);
    const none = await exportCli(['--list', 'activities', '--side', 'sichuan', '--region', '没有这个镇', '--out', join(folder, 'none.xlsx'), '--token', operator]);
    expect(none.code).toBe(1);
    expect(none.stderr.trim()).toBe('导出失败：筛选条件有误：四川省没有名为“没有这个镇”的区划，未生成导出文件。请写区划的全称（如“磨溪镇”），或写区划 ID。');
    expect((await readdir(folder)).sort()).toEqual(['anju.csv', 'id.csv']);
    // A name two regions of the side share (villages and towns repeat within a province; the seed has
    // 永兴镇 in 船山区, a second one goes into 安居区): named by their parents as a clerk reads them, never
    // by ID, and --side (which would not tell them apart) not suggested.
    const pool = federation.subgraphs.sichuan!.pool;
    await pool.query(`INSERT INTO region (id, code, name, level, parent_id) SELECT 'sichuan:Region:anju-yongxing', '510904199', '永兴镇', 'town', id FROM region WHERE code = '510904'`);
    const { rows: twins } = await pool.query<{ name: string; parent: string; id: string }>(
      `SELECT r.name, p.name AS parent, r.id FROM region r JOIN region p ON p.id = r.parent_id
        WHERE r.name = (SELECT name FROM region GROUP BY name HAVING count(*) > 1 AND count(DISTINCT parent_id) = count(*) ORDER BY name LIMIT 1) ORDER BY r.code`,
    );
    expect(twins.length).toBeGreaterThan(1);
    const shared = await exportCli(['--list', 'activities', '--side', 'sichuan', '--region', twins[0]!.name, '--out', join(folder, 'shared.xlsx'), '--token', operator]);
    expect(shared.code).toBe(1);
    for (const twin of twins) expect(shared.stderr).toContain(`${twin.parent}${twin.name}`);
    expect(shared.stderr).toContain(`名为“${twins[0]!.name}”的区划有 ${twins.length} 个`);
    const example = /请连同上级区划写出（如“(.+?)”），或写区划 ID。$/.exec(shared.stderr.trim())?.[1];
    expect(twins.map((twin) => `${twin.parent}${twin.name}`)).toContain(example);
    expect(shared.stderr).not.toMatch(/sichuan|Region|--side/);
    // The path the message suggests is taken: the export of that one region.
    const byPath = await exportCli(['--list', 'activities', '--side', 'sichuan', '--region', `${twins[0]!.parent}${twins[0]!.name}`, '--format', 'csv', '--out', join(folder, 'path.csv'), '--token', operator]);
    expect(byPath.code, byPath.stderr).toBe(0);
    const byTwinId = await exportCli(['--list', 'activities', '--side', 'sichuan', '--region', twins[0]!.id, '--format', 'csv', '--out', join(folder, 'twin.csv'), '--token', operator]);
    expect(await readFile(join(folder, 'path.csv'), 'utf8')).toBe(await readFile(join(folder, 'twin.csv'), 'utf8'));
    expect(byTwinId.code).toBe(0);
  });

  test('an unreachable gateway', async () => {
    const folder = await mkdtemp(join(dir, 'unreachable-'));
    const refusal = exportToFile({ list: 'activities', side: 'sichuan', format: 'csv', gatewayUrl: 'http://127.0.0.1:1/graphql', token: operator }, () => join(folder, 'x.csv'));
    await expect(refusal).rejects.toThrow(/^无法连接网关 http:\/\/127\.0\.0\.1:1\/graphql；未生成导出文件/);
    expect(await readdir(folder)).toEqual([]);
  });
});

describe('an export of 100 000 rows streams', () => {
  test('100 000 activities inserted into Sichuan’s store come out as .xlsx page by page: never more than one page held, every row written and read back', async () => {
    const pool = federation.subgraphs.sichuan!.pool;
    const { rows: [organizer] } = await pool.query<{ id: string }>(`SELECT id FROM organization WHERE dissolved_on IS NULL ORDER BY id LIMIT 1`);
    const ROWS = 100_000;
    await pool.query(
      `INSERT INTO activity (id, kind, title, held_on, organizer_id, sessions, person_times, talents_recruited)
       SELECT 'sichuan:Activity:export-' || i, '座谈交流', '导出压力' || i, DATE '2001-01-01' + (i % 365), $1, 1, i % 50, 0 FROM generate_series(1, ${ROWS}) i`,
      [organizer!.id],
    );
    // A year no seed record is dated in: the filter the stores index (a text search would cost the count a scan per page).
    const filter = { period: { from: '2001-01-01', to: '2001-12-31' } };
    expect(await totalCount('activities', filter, operator)).toBe(ROWS);

    let peakRss = 0;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
    const started = performance.now();
    const stats = await exportFile('100k.xlsx', { list: 'activities', side: 'sichuan', filter, token: operator });
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    console.log(`100k export: ${stats.rows} rows in ${seconds.toFixed(1)} s (${Math.round(stats.rows / seconds)} rows/s), ${stats.pages} pages, at most ${stats.maxRowsHeld} rows held, peak RSS ${Math.round(peakRss / 2 ** 20)} MB`);

    expect(stats).toMatchObject({ rows: ROWS, records: ROWS, totalCount: ROWS, pages: ROWS / 100 });
    expect(stats.maxRowsHeld).toBeLessThanOrEqual(100);

    // The caption (the list filtered by a period says so), the header, then the rows.
    let read = 0;
    let caption = '';
    const titles = new Set<string>();
    for await (const sheet of new ExcelJS.stream.xlsx.WorkbookReader(stats.path, {})) {
      for await (const row of sheet) {
        if (row.number === 1) caption = String(row.getCell(1).value);
        if (row.number > 2) titles.add(String(row.getCell(2).value));
        read++;
      }
    }
    expect(caption).toMatch(/^四川省活动 2001年/);
    expect(read).toBe(ROWS + 2);
    expect(titles.size).toBe(ROWS);
  }, 900_000);
});

describe('LibreOffice reads the export', () => {
  test.skipIf(!SOFFICE && process.env.CI !== 'true')('an .xlsx of Sichuan’s activities converted by soffice to CSV keeps its Chinese', async () => {
    expect(SOFFICE, 'soffice is required in CI (.ci/run installs LibreOffice)').toBeDefined();
    const { path } = await exportFile('川渝活动.xlsx', { list: 'activities', side: 'sichuan', filter: { period: { from: '2021-01-01', to: '2021-06-30' } }, token: operator });
    const converted = join(dir, 'converted');
    await run(SOFFICE!, [`-env:UserInstallation=file://${join(dir, 'lo-profile')}`, '--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76', '--outdir', converted, path], { timeout: 180_000 });
    const text = await readFile(join(converted, '川渝活动.csv'), 'utf8');
    const lines = text.split(/\r?\n/).filter(Boolean);
    expect(lines[0]).toMatch(/^四川省活动 2021年上半年,/);
    expect(lines[1]).toBe(workbookHeadersOf('activities').join(','));
    expect(lines.length - 2).toBe(await totalCount('activities', { period: { from: '2021-01-01', to: '2021-06-30' } }, operator));
    expect(lines[2]).toMatch(/,sichuan:Activity:[^,]+$/);
    expect(lines[2]).toMatch(/,2021-0[1-6]-\d\d,/);
  }, 240_000);

  test.skipIf(!SOFFICE && process.env.CI !== 'true')('printed (soffice to PDF), every sheet is one page wide with its header on each page, and neither the global IDs nor the Chinese names are cut', async () => {
    const figures = await exportFile('指标-打印.xlsx', { list: 'figures', filter: { period: { from: '2021-01-01', to: '2021-06-30' } } });
    const alliances = await exportFile('联盟-打印.xlsx', { list: 'alliances', token: viewer });
    const activities = await exportFile('活动-打印.xlsx', { list: 'activities', side: 'sichuan', filter: { period: { from: '2021-01-01', to: '2021-06-30' } }, token: operator });
    const printed = join(dir, 'printed');
    await run(SOFFICE!, [`-env:UserInstallation=file://${join(dir, 'lo-profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', printed, figures.path, alliances.path, activities.path], { timeout: 180_000 });
    const pagesOf = async (name: string) => (await run('pdftotext', ['-layout', join(printed, name), '-'])).stdout.split('\f').filter((page) => page.trim());
    // The figure table (it was four pages, 重庆市 and 合计 on pages 3–4): one upright page, saying
    // what it shows and of which period above the table (it said neither).
    const figurePages = await pagesOf('指标-打印.pdf');
    expect(figurePages).toHaveLength(1);
    expect(figurePages[0]).toMatch(/^\s*联合总览 2021年上半年\s*\n\s*类别\s+指标\s+单位\s+四川省\s+重庆市\s+合计/);
    expect((await readSheet(figures.path, 2)).sheet.pageSetup).toMatchObject({ orientation: 'portrait', fitToPage: true, printTitlesRow: '1:2' });
    // The alliances (wider than an upright page): landscape, each page headed by the whole header row.
    const alliancePages = await pagesOf('联盟-打印.pdf');
    expect(alliancePages.length).toBeGreaterThan(1);
    // 全局 ID not printed (the print area ends before it, the last column): it was the first and widest, so every page printed at about half size.
    for (const page of alliancePages) expect(page).toMatch(/类别.*成员组织.*退出日期/);
    expect(alliancePages.join('\n')).not.toMatch(/全局 ID|joint:Alliance:/);
    const { header, rows, sheet } = await readSheet(alliances.path);
    expect(sheet.pageSetup).toMatchObject({ orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' });
    const idColumn = header.indexOf('全局 ID') + 1;
    expect(sheet.getColumn(idColumn).width).toBeGreaterThan(Math.max(...rows.map((r) => String(r[idColumn - 1]).length)));
    // A record written through the API is keyed by a UUID: its ID fits too.
    expect(sheet.getColumn(idColumn).width).toBeGreaterThanOrEqual(`joint:Alliance:${crypto.randomUUID()}`.length);
    // Chinese names print in full (they were cut at the next column, 遂潼红薯产业链联合党…, 永兴镇毗邻镇村党建座):
    // a column is as wide as its longest value, a CJK character counting two.
    const namesOf = async (path: string, headers: string[], headerRow = 1) => {
      const { header: columns, rows: values } = await readSheet(path, headerRow);
      return [...new Set(headers.flatMap((h) => values.map((r) => r[columns.indexOf(h)]).filter((v): v is string => typeof v === 'string')))];
    };
    const allianceText = alliancePages.join('\n');
    const allianceNames = await namesOf(alliances.path, ['名称', '成员组织']);
    expect(allianceNames).toContain('遂潼红薯产业链联合党组织');
    expect(allianceNames.filter((name) => !allianceText.includes(name))).toEqual([]);
    const activityText = (await pagesOf('活动-打印.pdf')).join('\n');
    const activityNames = await namesOf(activities.path, ['名称', '主办组织', '所属联盟'], 2);
    expect(activityNames).toContain('永兴镇毗邻镇村党建座谈交流会');
    expect(activityNames.filter((name) => !activityText.includes(name))).toEqual([]);
  }, 240_000);
});
