import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Writable } from 'node:stream';
import { csvRows, importLedger, importReport, ledgerKind, ledgerTemplate, openExport, previewLedger, withdrawImport, type ImportMode } from '../src/index.ts';
import { countOf, startAsAnjuClerk, type AnjuClerk } from './importHelpers.ts';
import { uncheckedSentence } from '../src/importWaves.ts';

/**
 * A 安居区 clerk's 党组织台账 through the real gateway and stores (`<side>ImportOrganizations`): a
 * town's committee and its branches in one file, the branches' 上级党组织 naming the committee
 * listed in the same file (above or below them), written in waves.
 */

let clerk: AnjuClerk;
beforeAll(async () => (clerk = await startAsAnjuClerk()));
afterAll(() => clerk?.stop());

const KIND = ledgerKind('organizations');

/** A 党组织台账 of these rows (组织名称, 组织类别, 层级, 上级党组织, 所在行政区划, 成立日期), as an upload. */
async function ledger(rows: unknown[][]) {
  const workbook = ledgerTemplate(KIND);
  for (const row of rows) workbook.getWorksheet(KIND.sheet)!.addRow(row);
  return { name: '党组织台账.xlsx', bytes: new Uint8Array(await workbook.xlsx.writeBuffer()) };
}

/** A row: a branch (党支部, 村) unless said, in 磨溪镇. */
const org = (name: string, parent: string, foundedOn: string, [kind, level, region] = ['党支部', '村', '磨溪镇']) => [name, kind, level, parent, region, foundedOn];
/** A town committee (党委, 乡镇). */
const committee = (name: string, parent: string, region = '磨溪镇') => org(name, parent, '2024-02-01', ['党委', '乡镇', region]);
/** A town committee of 安居区: the parent of the committees the file brings (not a 党支部 of the town, which leads none). */
const town = () => clerk.anju.find((o) => o.name.endsWith('镇党委'))!;
const organizations = () => countOf(clerk.federation, 'organizations');

const options = (file: { name: string; bytes: Uint8Array }, mode: ImportMode = 'row-by-row') => ({ file, kind: KIND, side: 'sichuan', gatewayUrl: clerk.federation.gatewayUrl, token: clerk.token, mode });
const said = (outcomes: { line: number; status: string; problems: { column: string | null; reason: string }[] }[]) =>
  outcomes.map((o) => [o.line, o.status, o.problems[0]?.column ?? null, o.problems[0]?.reason ?? null]);

/** A live Sichuan organization's parent and founding day, read back through the gateway. */
async function organizationNamed(name: string): Promise<{ id: string; parent: { id: string; name: string } | null; region: { name: string }; foundedOn: string }[]> {
  const answer = await clerk.federation.query<{ jurisdictions: { organizations: { edges: { node: { id: string; name: string; parent: { id: string; name: string } | null; region: { name: string }; foundedOn: string } }[] } }[] }>(
    `query ($search: String) { jurisdictions(keys: ["sichuan"]) { organizations(filter: { search: $search }, first: 20) { edges { node { id name foundedOn parent { id ... on Organization { name } } region { name } } } } } }`,
    { search: name },
  );
  if (!answer.data) throw new Error(JSON.stringify(answer.errors));
  return answer.data.jurisdictions[0]!.organizations.edges.map((e) => e.node).filter((o) => o.name === name);
}

describe('a 党组织台账 whose branches name their committee in the same file', () => {
  test('row by row: written in waves, a refused parent refuses its branches, a cycle and a namesake refused by name, the operator’s region kept; again, 已存在', async () => {
    const file = await ledger([
      // A branch listed before its committee: it waits for it.
      org('导入测试二村党支部', '导入测试镇党委', '2024-03-01'),
      committee('导入测试镇党委', town().name),
      org('导入测试一村党总支', '导入测试镇党委', '2024-03-01', ['党总支', '村', '磨溪镇']),
      // Its branch: a third wave.
      org('导入测试一村第一党支部', '导入测试一村党总支', '2024-03-05'),
      // Founded before the committee it belongs to: refused by the store, in the second wave.
      org('导入测试早建党支部', '导入测试镇党委', '2024-01-01'),
      // Another district's town (永兴镇 of 船山区): refused by the operator's region, and its branch with it.
      committee('导入测试外区党委', '', '永兴镇'),
      org('导入测试外区党支部', '导入测试外区党委', '2024-03-01'),
      // Each the other's parent.
      org('导入测试甲党支部', '导入测试乙党支部', '2024-03-01'),
      org('导入测试乙党支部', '导入测试甲党支部', '2024-03-01'),
      // The same branch twice, typed another day: the second is the first's namesake under the same committee.
      org('导入测试二村党支部', '导入测试镇党委', '2024-03-02'),
      // A parent in a sibling district (永兴镇 of 船山区): neither within the operator's region nor above it.
      org('导入测试挂靠党支部', clerk.yongxing.name, '2024-03-01'),
    ]);
    const before = await organizations();
    const outcomes = await importLedger(options(file));
    expect(said(outcomes)).toEqual([
      [2, '已导入', null, null],
      [3, '已导入', null, null],
      [4, '已导入', null, null],
      [5, '已导入', null, null],
      [6, '错误', '成立日期', expect.stringMatching(/早于/)],
      [7, '错误', '所在行政区划', expect.stringMatching(/只能写入本区划内的记录/)],
      [8, '错误', '上级党组织', '上级党组织“导入测试外区党委”在本文件中未能导入（见第 7 行），本行未导入'],
      [9, '错误', '上级党组织', '上级党组织在本文件中构成循环：“导入测试甲党支部”→“导入测试乙党支部”→“导入测试甲党支部”（第 9、10 行互为上级），请改正其中一行的上级党组织'],
      [10, '错误', '上级党组织', '上级党组织在本文件中构成循环：“导入测试乙党支部”→“导入测试甲党支部”→“导入测试乙党支部”（第 10、9 行互为上级），请改正其中一行的上级党组织'],
      [11, '错误', '组织名称', expect.stringMatching(/^党组织“导入测试二村党支部”在同一上级组织下已由本次导入的前面一行（第 2 行）登记，/)],
      [12, '错误', '所在行政区划', expect.stringMatching(/只能写入本区划内的记录/)],
    ]);
    expect(await organizations()).toBe(before + 4);
    // Each branch under the committee the file named, the committee under the existing town.
    const [written] = await organizationNamed('导入测试镇党委');
    expect(written!.parent!.id).toBe(town().id);
    for (const branch of ['导入测试二村党支部', '导入测试一村党总支']) expect((await organizationNamed(branch)).map((o) => o.parent!.id)).toEqual([written!.id]);
    expect((await organizationNamed('导入测试一村第一党支部'))[0]!.parent!.name).toBe('导入测试一村党总支');
    // The report keeps the file's order and each row's record.
    const report = importReport(KIND, outcomes).getWorksheet('导入结果')!;
    expect((report.getColumn(7).values as unknown[]).slice(2, 8)).toEqual([2, 3, 4, 5, 6, 7]);
    // 撤销本次导入 does not apply: its report is refused as a whole before anything is sent, saying why.
    const withdrawal = withdrawImport({ report: { name: '党组织台账.导入结果.xlsx', bytes: new Uint8Array(await importReport(KIND, outcomes).xlsx.writeBuffer()) }, reason: '导入了错误的文件', gatewayUrl: clerk.federation.gatewayUrl, token: clerk.token });
    await expect(withdrawal).rejects.toThrow(/^没有可撤销的行：记录ID 所指的是党组织，党组织不能撤销登记（只能撤销活动、.*）。未撤销任何记录。$/);
    expect(await organizations()).toBe(before + 4);

    // Imported again: the same records, 已存在 (the branches' keys made with the committee's ID), nothing written.
    const again = await importLedger(options(file));
    // The branch typed twice (line 11), refused the first time as a namesake of an earlier row, is now the branch registered (已存在, 已登记).
    expect(again.map((o) => o.status)).toEqual(['已存在', '已存在', '已存在', '已存在', '错误', '错误', '错误', '错误', '错误', '已存在', '错误']);
    expect(again.slice(0, 4).map((o) => o.recordId)).toEqual(outcomes.slice(0, 4).map((o) => o.recordId));
    expect([again[9]!.recordId, again[9]!.problems[0]!.reason]).toEqual([outcomes[0]!.recordId, expect.stringMatching(/^已登记：/)]);
    expect(await organizations()).toBe(before + 4);

    // Exported, the list is no ledger (its 全局 ID … columns are refused); its six ledger columns, kept, read
    // back as the very rows imported (the parents by name, in any order: 已存在, the same records).
    const exported = await openExport({ list: 'organizations', side: 'sichuan', format: 'csv', gatewayUrl: clerk.federation.gatewayUrl, token: clerk.token, filter: { search: '导入测试' } });
    const chunks: Buffer[] = [];
    await exported.writeTo(new Writable({ write: (chunk, _encoding, done) => void (chunks.push(Buffer.from(chunk)), done()) }));
    const [header, ...lines] = csvRows(Buffer.concat(chunks).toString('utf8').replace(/^\ufeff/, '')).filter((r) => r.some(Boolean));
    const raw = { name: '四川省党组织.csv', bytes: new Uint8Array(Buffer.concat(chunks)) };
    await expect(importLedger(options(raw))).rejects.toThrow(/无法识别的列：“全局 ID”、“撤销日期”、“合并后的组织”、“名称为示意数据”/);
    const kept = KIND.columns.map((c) => header!.indexOf(c.header));
    expect(kept).not.toContain(-1);
    const ledgerCsv = [KIND.columns.map((c) => c.header), ...lines.reverse().map((line) => kept.map((i) => line[i]))].map((r) => r.join(',')).join('\r\n');
    const back = await importLedger(options({ name: '四川省党组织（六列）.csv', bytes: new Uint8Array(Buffer.from(ledgerCsv, 'utf8')) }));
    expect(back.map((o) => o.status)).toEqual(Array(4).fill('已存在'));
    expect(back.map((o) => o.recordId).sort()).toEqual(outcomes.slice(0, 4).map((o) => o.recordId).sort());
    expect(await organizations()).toBe(before + 4);
  });

  test('the tree’s kinds: a row its parent cannot lead is refused in the rule’s words, a parent of the file naming its line, in the preview and the import, row by row and all-or-nothing', async () => {
    // A branch registered before: a 党支部, which leads no organization.
    const [registered] = (await importLedger(options(await ledger([org('种类测试已登记党支部', town().name, '2024-02-01')])))).map((o) => o.recordId);
    expect(registered).toBeTruthy();
    const file = await ledger([
      committee('种类测试镇党委', town().name),
      org('种类测试党总支', '种类测试镇党委', '2024-03-01', ['党总支', '村', '磨溪镇']),
      org('种类测试一村党支部', '种类测试党总支', '2024-03-05'),
      // A 党支部 under a 党支部 of the file, a 党委 under a 党总支 of the file: refused before anything is sent.
      org('种类测试二村党支部', '种类测试一村党支部', '2024-03-05'),
      org('种类测试联合党委', '种类测试党总支', '2024-03-05', ['党委', '乡镇', '磨溪镇']),
      // Below a refused row: refused with it.
      org('种类测试三村党支部', '种类测试二村党支部', '2024-03-06'),
      // Under the 党支部 the store holds: refused by the store, in the same words.
      org('种类测试挂靠党支部', '种类测试已登记党支部', '2024-03-01'),
    ]);
    const refusals = [
      [5, '错误', '上级党组织', '党支部下不能设立下级党组织；“种类测试一村党支部”（党支部）不能作为党支部的上级（上级党组织在本文件第 4 行）'],
      [6, '错误', '上级党组织', '党总支只能领导党支部；“种类测试党总支”（党总支）不能作为党委的上级（上级党组织在本文件第 3 行）'],
      [7, '错误', '上级党组织', '上级党组织“种类测试二村党支部”在本文件中未能导入（见第 5 行），本行未导入'],
      [8, '错误', '上级党组织', '党支部下不能设立下级党组织；“种类测试已登记党支部”（党支部）不能作为党支部的上级'],
    ];
    const before = await organizations();
    const preview = await previewLedger(options(file));
    expect(said(preview)).toEqual([
      [2, '已导入', null, null],
      [3, '未导入', '上级党组织', expect.stringMatching(/预检不写入，无法由系统检查本行/)],
      [4, '未导入', '上级党组织', expect.stringMatching(/预检不写入，无法由系统检查本行/)],
      ...refusals,
    ]);
    expect(await organizations()).toBe(before);
    const outcomes = await importLedger(options(file));
    expect(said(outcomes)).toEqual([[2, '已导入', null, null], [3, '已导入', null, null], [4, '已导入', null, null], ...refusals]);
    expect(await organizations()).toBe(before + 3);
    expect((await organizationNamed('种类测试一村党支部'))[0]!.parent!.name).toBe('种类测试党总支');
    for (const name of ['种类测试二村党支部', '种类测试联合党委', '种类测试三村党支部', '种类测试挂靠党支部']) expect(await organizationNamed(name)).toEqual([]);

    // All-or-nothing, every parent in the store: one row its parent cannot lead, and nothing is written.
    const flat = [org('种类测试整体党支部', '种类测试党总支', '2024-04-01'), org('种类测试整体挂靠党支部', '种类测试已登记党支部', '2024-04-01')];
    const whole = await importLedger(options(await ledger(flat), 'all-or-nothing'));
    expect(said(whole)).toEqual([[2, '未导入', null, '本行无误，但文件中其他行有错误；按“全部或不导入”方式，整个文件未写入'], refusals[3]!.map((cell) => (cell === 8 ? 3 : cell))]);
    expect(await organizations()).toBe(before + 3);
    expect((await importLedger(options(await ledger(flat.slice(0, 1)), 'all-or-nothing'))).map((o) => o.status)).toEqual(['已导入']);
    expect(await organizations()).toBe(before + 4);
  });

  test('the dry run (预检) writes nothing: a branch of a committee the file would write first is 未导入, saying why; of one written before it is checked', async () => {
    const file = await ledger([
      committee('预检测试镇党委', town().name),
      org('预检测试党总支', '预检测试镇党委', '2024-03-01', ['党总支', '村', '磨溪镇']),
      org('预检测试下属党支部', '预检测试党总支', '2024-03-01'),
      committee('预检测试外区党委', '', '永兴镇'),
      org('预检测试外区党支部', '预检测试外区党委', '2024-03-01'),
    ]);
    const before = await organizations();
    const preview = await previewLedger(options(file));
    expect(said(preview)).toEqual([
      [2, '已导入', null, null],
      [3, '未导入', '上级党组织', '上级党组织“预检测试镇党委”在本文件中（第 2 行），预检不写入，无法由系统检查本行；导入时先写入第 2 行，再写入并检查本行'],
      [4, '未导入', '上级党组织', '上级党组织“预检测试党总支”在本文件中（第 3 行），预检不写入，无法由系统检查本行；导入时先写入第 3 行，再写入并检查本行'],
      [5, '错误', '所在行政区划', expect.stringMatching(/只能写入本区划内的记录/)],
      [6, '错误', '上级党组织', '上级党组织“预检测试外区党委”在本文件中未能导入（见第 5 行），本行未导入'],
    ]);
    // Said once beside the counts too (the command's line, the documents server's uncheckedNote).
    expect(uncheckedSentence(preview)).toBe('第3–4行（共 2 行）的上级在本文件中，预检不写入，无法由系统检查；导入时先写入其上级，再写入并检查这些行');
    expect(await organizations()).toBe(before);
    // Once the committee is written, the preview checks its branch by the store.
    await importLedger(options(await ledger([committee('预检测试镇党委', town().name)])));
    expect((await previewLedger(options(file))).map((o) => o.status)).toEqual(['已存在', '已导入', '未导入', '错误', '错误']);
    expect(await organizations()).toBe(before + 1);
  });

  test('a ledger listing a committee the store holds live in the same place: the row is that committee (已存在, 已登记), its branches go under it, in the preview and the import', async () => {
    const [registered] = (await importLedger(options(await ledger([committee('登记测试镇党委', town().name)])))).map((o) => o.recordId);
    expect(registered).toBeTruthy();
    // The clerk's ledger lists the committee again, its founding day since corrected in the cell (another record to the store's key), then two branches.
    const file = await ledger([
      org('登记测试镇党委', town().name, '2024-01-15', ['党委', '乡镇', '磨溪镇']),
      org('登记测试一村党支部', '登记测试镇党委', '2024-03-01'),
      org('登记测试二村党支部', '登记测试镇 党委', '2024-03-01'),
    ]);
    const before = await organizations();
    const preview = await previewLedger(options(file));
    expect(preview.map((o) => o.status)).toEqual(['已存在', '已导入', '已导入']);
    expect(preview[0]!.recordId).toBe(registered);
    expect(await organizations()).toBe(before);
    const outcomes = await importLedger(options(file));
    expect(said(outcomes)).toEqual([
      [2, '已存在', '组织名称', expect.stringMatching(/^已登记：本行就是已登记的组织，按已登记的组织处理.*（党组织“登记测试镇党委”在同一上级组织下已经登记/)],
      [3, '已导入', null, null],
      [4, '已导入', null, null],
    ]);
    expect(outcomes[0]!.recordId).toBe(registered);
    expect(outcomes[0]!.problems[0]!.reason).not.toMatch(/sichuan:/);
    expect(await organizations()).toBe(before + 2);
    // The branches are under the committee registered, which is still the only one of its name, its founding day unchanged.
    expect((await organizationNamed('登记测试一村党支部'))[0]!.parent!.id).toBe(registered);
    expect((await organizationNamed('登记测试二村党支部'))[0]!.parent!.id).toBe(registered);
    expect((await organizationNamed('登记测试镇党委')).map((o) => [o.id, o.foundedOn])).toEqual([[registered, '2024-02-01']]);
    // Imported again: the same, nothing written.
    expect((await importLedger(options(file))).map((o) => [o.status, o.recordId])).toEqual(outcomes.map((o) => ['已存在', o.recordId]));
    expect(await organizations()).toBe(before + 2);
    // All-or-nothing keeps refusing a namesake (the file is written whole or not at all).
    const whole = await importLedger(options(await ledger([org('登记测试镇党委', town().name, '2024-01-15', ['党委', '乡镇', '磨溪镇'])]), 'all-or-nothing'));
    expect(whole.map((o) => o.status)).toEqual(['错误']);
  });

  test('a committee the store holds in another place, listed as its branches’ parent with its region written as the district and no parent, is refused, and its branches with it: no second committee of the name', async () => {
    const [registered] = (await importLedger(options(await ledger([committee('别处测试镇党委', town().name)])))).map((o) => o.recordId);
    const file = await ledger([
      ['别处测试镇党委', '党委', '乡镇', '', '安居区', '2024-02-01'],
      org('别处测试一村党支部', '别处测试镇党委', '2024-03-01'),
      // A parent in the file no store holds under its name: written as before.
      committee('别处测试新镇党委', town().name),
      org('别处测试二村党支部', '别处测试新镇党委', '2024-03-01'),
    ]);
    const refused = [
      [2, '错误', '组织名称', '党组织“别处测试镇党委”已经登记，但不在本行填写的所在行政区划和上级之下；导入本行会另建一个同名的党组织，本文件中以它为上级的行和以后台账中的“别处测试镇党委”都将无法确定是哪一个，所以本行未导入。如是同一组织，请按已登记的填写所在行政区划和上级党组织；如确是另一组织，请填写能与之区分的全称'],
      [3, '错误', '上级党组织', '上级党组织“别处测试镇党委”在本文件中未能导入（见第 2 行），本行未导入'],
    ];
    const before = await organizations();
    expect(said(await previewLedger(options(file))).slice(0, 2)).toEqual(refused);
    expect(await organizations()).toBe(before);
    const outcomes = await importLedger(options(file));
    expect(said(outcomes)).toEqual([...refused, [4, '已导入', null, null], [5, '已导入', null, null]]);
    expect(await organizations()).toBe(before + 2);
    expect((await organizationNamed('别处测试镇党委')).map((o) => o.id)).toEqual([registered]);
  });

  test('a region written as clerks write it, its path from the province or the city down, is the region whose ancestors the path names', async () => {
    const file = await ledger([
      committee('区划测试甲党委', town().name, '四川省遂宁市安居区'),
      committee('区划测试乙党委', town().name, '遂宁市安居区'),
      committee('区划测试丙党委', town().name, '遂宁市 安居区 磨溪镇'),
      // A path whose prefix is not the region's ancestors names nothing.
      committee('区划测试丁党委', town().name, '重庆市安居区'),
    ]);
    const before = await organizations();
    const outcomes = await importLedger(options(file));
    expect(outcomes.map((o) => o.status)).toEqual(['已导入', '已导入', '已导入', '错误']);
    expect(said(outcomes)[3]).toEqual([5, '错误', '所在行政区划', expect.stringMatching(/^找不到名为“重庆市安居区”的所在行政区划/)]);
    expect(await organizations()).toBe(before + 3);
    expect((await organizationNamed('区划测试甲党委'))[0]!.region.name).toBe('安居区');
    expect((await organizationNamed('区划测试乙党委'))[0]!.region.name).toBe('安居区');
    expect((await organizationNamed('区划测试丙党委'))[0]!.region.name).toBe('磨溪镇');
  });

  test('a parent in the store named with brackets of the other width, or spaced, is the organization the store holds to be its namesake', async () => {
    const [committeeId] = (await importLedger(options(await ledger([committee('括号测试镇党委（机关）', town().name)])))).map((o) => o.recordId);
    const outcomes = await importLedger(options(await ledger([org('括号测试一村党支部', '括号测试镇党委(机关)', '2024-03-01'), org('括号测试二村党支部', '括号测试镇 党委 （机关）', '2024-03-01')])));
    expect(outcomes.map((o) => o.status)).toEqual(['已导入', '已导入']);
    for (const branch of ['括号测试一村党支部', '括号测试二村党支部']) expect((await organizationNamed(branch))[0]!.parent!.id).toBe(committeeId);
  });

  test('all-or-nothing: a file whose rows name rows of the same file is refused up front, saying how to import it; one naming existing organizations only is written whole or not at all', async () => {
    const nested = await ledger([
      committee('整体测试镇党委', town().name),
      org('整体测试党支部', '整体测试镇党委', '2024-03-01'),
    ]);
    const before = await organizations();
    for (const run of [importLedger, previewLedger]) {
      await expect(run(options(nested, 'all-or-nothing'))).rejects.toThrow(
        '本文件中有 1 行的上级党组织是本文件中的另一行（如第 3 行“整体测试党支部”的上级党组织“整体测试镇党委”在第 2 行）。“全部或不导入”在一个事务中写入全部行，无法先写入上级、再写入其下级，因此不按此方式导入这个文件。请改用“逐行导入”（命令行 --mode row-by-row），它先导入上级，再导入其下级；或先导入上级党组织，再导入其下级。未导入任何内容。',
      );
    }
    const flat = [
      org('整体测试一党支部', town().name, '2024-03-01'),
      org('整体测试二党支部', town().id, '2024-03-01'),
    ];
    const refused = await importLedger(options(await ledger([...flat, committee('整体测试外区党委', '', '永兴镇')]), 'all-or-nothing'));
    expect(refused.map((o) => o.status)).toEqual(['未导入', '未导入', '错误']);
    expect(await organizations()).toBe(before);
    expect((await importLedger(options(await ledger(flat), 'all-or-nothing'))).map((o) => o.status)).toEqual(['已导入', '已导入']);
    expect(await organizations()).toBe(before + 2);
  });
});
