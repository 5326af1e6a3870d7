import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Federation } from '@linju/testing';
import { importLedger, ledgerKind, ledgerTemplate } from '../src/index.ts';
import { countOf, importCommand, offeredNames, regionOf, startAsAnjuClerk, type AnjuClerk, type Org } from './importHelpers.ts';

/** Service cases, teams and posts imported by a 安居区 clerk through the bulk writes, and a template made with the clerk's token. */

let federation: Federation;
let dir: string;
let token: string;
let anju: Org[];
let yongxing: Org;
let clerk: AnjuClerk | undefined;
beforeAll(async () => {
  clerk = await startAsAnjuClerk();
  ({ federation, dir, token, anju, yongxing } = clerk);
});
afterAll(() => clerk?.stop());

/** Imports rows of a kind twice; answers each row's status and first problem, and the list's growth. */
async function importTwice(name: string, rows: unknown[][]) {
  const kind = ledgerKind(name);
  const workbook = ledgerTemplate(kind);
  for (const row of rows) workbook.getWorksheet(kind.sheet)!.addRow(row);
  const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
  const options = { file: { name: `${kind.label}.xlsx`, bytes }, kind, side: 'sichuan', gatewayUrl: federation.gatewayUrl, token };
  const before = await countOf(federation, kind.list);
  const first = await importLedger(options);
  const added = (await countOf(federation, kind.list)) - before;
  const again = await importLedger(options);
  expect(await countOf(federation, kind.list)).toBe(before + added);
  return { outcomes: first.map((o) => [o.status, o.problems[0]?.column ?? null, o.problems[0]?.reason ?? null]), added, again: again.map((o) => o.status) };
}

describe('the other kinds, through their bulk writes', () => {
  test('service cases: the place by name or ID, amounts with decimals, a town of another district refused by region', async () => {
    const moxi = await regionOf(federation, '磨溪镇');
    const { outcomes, added, again } = await importTwice('service-cases', [
      ['异地就医结算', '2024-03-05', '磨溪镇', 3, 1, 12.5, null],
      ['户口迁移', 45383, moxi.id, '２', '', '', null],
      ['养老保险转移', '2024-03-05', '永兴镇', 1, 1, 0, null],
      ['公积金互认互贷', '2024-03-05', '磨溪镇', 1, 1, '1.234', null],
    ]);
    expect(outcomes).toEqual([
      ['已导入', null, null],
      ['已导入', null, null],
      ['错误', '办理地', expect.stringMatching(/只能写入本区划内的记录/)],
      ['错误', '金额（万元）', expect.stringMatching(/最多保留两位小数/)],
    ]);
    expect(added).toBe(2);
    expect(again).toEqual(['已存在', '已存在', '错误', '错误']);
  });

  test('teams: a kind outside its category refused on 类别, another district’s organization on 所属组织', async () => {
    const { outcomes, added } = await importTwice('teams', [
      ['志愿服务队', '巡逻队', '导入测试巡逻队', anju[0]!.name, '2024-03-01', null],
      ['社会治理工作队', '治安联防队', '导入测试联防队', anju[1]!.id, '2024/3/2', null],
      ['志愿服务队', '联合执法小组', '导入测试错配', anju[0]!.id, '2024-03-01', null],
      ['志愿服务队', '帮帮团', '导入测试外区', yongxing.id, '2024-03-01', null],
    ]);
    expect(outcomes).toEqual([
      ['已导入', null, null],
      ['已导入', null, null],
      ['错误', '类别', expect.stringMatching(/^“联合执法小组”不在可选范围内；可选：[\u4e00-\u9fff、]+$/)],
      ['错误', '所属组织', expect.stringMatching(/只能写入本区划内的记录/)],
    ]);
    expect(added).toBe(2);
  });

  test('posts: the holder by ID, a taken single seat refused on 职务名称 (the same title free in another organization)', async () => {
    const people = await federation.query<{ jurisdictions: { people: { edges: { node: { id: string } }[] } }[] }>(
      `query ($regionId: ID) { jurisdictions(keys: ["sichuan"]) { people(filter: { regionId: $regionId }, first: 2) { edges { node { id } } } } }`,
      { regionId: (await regionOf(federation, '安居区')).id },
    );
    const [a, b] = people.data!.jurisdictions[0]!.people.edges.map((e) => e.node.id);
    const { outcomes, added } = await importTwice('posts', [
      [anju[0]!.id, '导入测试联络员', a, '2024-03-01', null],
      [anju[0]!.id, '导入测试联络员', b, '2024-03-02', null],
      [anju[1]!.id, '导入测试联络员', b, '2024-03-02', null],
      [anju[0]!.id, '导入测试联络员', 'sichuan:Person:nobody', '2024-03-01', null],
    ]);
    expect(outcomes[0]).toEqual(['已导入', null, null]);
    // Said in Chinese, without the store's English or the holder's internal ID.
    expect(outcomes[1]).toEqual(['错误', '职务名称', '职务“导入测试联络员”已有任职人；请先结束现任者的任职，再导入本行']);
    expect(outcomes[2], JSON.stringify(outcomes[2])).toEqual(['已导入', null, null]);
    expect(outcomes[3]!.slice(0, 2)).toEqual(['错误', '任职人']);
    expect(added).toBe(2);
  });
});

describe('every other kind of the contract’s batch writes', () => {
  test('facilities, projects, team actions, transport links, civilization records, pairings, grids and people: written once, 已存在 the second time', async () => {
    const far = await federation.query<{ jurisdictions: { regions: { edges: { node: { id: string } }[] } }[] }>(`{ jurisdictions(keys: ["chongqing"]) { regions(first: 1) { edges { node { id } } } } }`);
    const farRegion = far.data!.jurisdictions[0]!.regions.edges[0]!.node.id;
    const village = anju.find((o) => /村/.test(o.name)) ?? anju[0]!;
    await importTwice('teams', [['志愿服务队', '巡逻队', '导入测试行动队', anju[0]!.id, '2024-03-01', null]]);
    const cases: [string, unknown[]][] = [
      ['facilities', ['党员活动室', '导入测试活动室', '磨溪镇', anju[0]!.name, 120, '', '2024-03-05', null]],
      ['projects', ['集体经济项目', '导入测试项目', '磨溪镇', anju[0]!.id, '2024-03-05', 10, 5, 8, 20, 1500, 100, '', null]],
      ['team-actions', ['导入测试行动队', '日常巡逻', '2024-03-05', 2]],
      ['transport-links', ['断头路', '导入测试道路', '磨溪镇', farRegion, 2.5, '2024-03-05', null]],
      ['civilization-records', ['公约', '导入测试公约', '磨溪镇', '2024-03-05', 1, null]],
      ['pairings', ['导入测试单位', village.id, '', '2024-03-05', 3]],
      ['grids', ['导入测试网格', anju[0]!.id, '磨溪镇', 100, '']],
      ['people', ['导入测试人员', '男', anju[0]!.id, '13800000000', '', '', '']],
      // A landline typed in full-width digits and dash, a birth date as eight digits (as many offices write them).
      ['people', ['导入测试人员二', '女', anju[0]!.id, '０８２５－２３４５６７８', '', 19750601, '']],
    ];
    for (const [name, row] of cases) {
      const { outcomes, added, again } = await importTwice(name, [row]);
      expect([name, outcomes]).toEqual([name, [['已导入', null, null]]]);
      expect([name, added, again]).toEqual([name, 1, ['已存在']]);
    }
    // A row outside the clerk's region is refused on the column that places it.
    const { outcomes } = await importTwice('grids', [['导入测试外区网格', yongxing.id, '永兴镇', 10, '']]);
    expect(outcomes[0]!.slice(0, 1)).toEqual(['错误']);
    expect(['所属组织', '所在区划']).toContain(outcomes[0]![1]);
  });
});

describe('a template made with the operator’s token', () => {
  test('the reference column offers the names of the organizations of the operator’s region, and no other', async () => {
    const out = join(dir, '活动台账模板.xlsx');
    const made = await importCommand(['--template', 'activities', '--out', out, '--gateway', federation.gatewayUrl, '--token', token]);
    expect(made.stdout).toMatch(/已生成活动台账模板/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    const offered = offeredNames(workbook, ledgerKind('activities'), 'organizerId');
    expect(offered).toEqual(expect.arrayContaining(anju.map((o) => o.name).filter((n) => anju.filter((o) => o.name === n).length === 1)));
    expect(offered).not.toContain(yongxing.name);
  });
});
