import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { mintDevToken } from '@linju/gateway/devKeys';
import { federationSnapshot, type Federation } from '@linju/testing';
import { absentColumnsSentence, importLedger, ledgerKind, ledgerTemplate, previewLedger, withdrawImport } from '../src/index.ts';
import { countOf, organizationsOf, readReport, importCommand, startAsAnjuClerk, type AnjuClerk, type Org } from './importHelpers.ts';

/**
 * A ledger as a clerk keeps it after importing it: a number corrected (人次 12 made 13) and the file
 * imported again is refused on that row, naming the record and what differs, never written as a
 * second record; a row repeated within the file names its first copy's line; a ledger the district's
 * clerk imported, imported by a town's clerk: its rows of the town 已存在, the others refused for
 * the region.
 */

const ACTIVITIES = ledgerKind('activities');

let federation: Federation;
let dir: string;
let token: string;
let anju: Org[];
let moxi: Org[];
let clerk: AnjuClerk | undefined;
beforeAll(async () => {
  clerk = await startAsAnjuClerk();
  ({ federation, dir, token, anju } = clerk);
  moxi = await organizationsOf(federation, '磨溪镇');
});
afterAll(() => clerk?.stop());

/** A filled activities ledger written to `dir`. */
async function ledgerFile(name: string, rows: unknown[][]): Promise<string> {
  const workbook = ledgerTemplate(ACTIVITIES);
  for (const row of rows) workbook.getWorksheet(ACTIVITIES.sheet)!.addRow(row);
  await workbook.xlsx.writeFile(join(dir, name));
  return join(dir, name);
}

const as = (file: string, by = token) => ({ file, kind: ACTIVITIES, side: 'sichuan', gatewayUrl: federation.gatewayUrl, token: by });

/** The gateway calls `running` makes (every call the ledger sends goes through `fetch`). */
async function callsOf<T>(running: () => Promise<T>): Promise<{ answer: T; calls: number }> {
  const spy = vi.spyOn(globalThis, 'fetch');
  try {
    const answer = await running();
    return { answer, calls: spy.mock.calls.filter(([url]) => String(url) === federation.gatewayUrl).length };
  } finally {
    spy.mockRestore();
  }
}

describe('a corrected row imported again', () => {
  test('is refused naming the record and the column that differs, in the preview and the import, and nothing is written twice', async () => {
    const organizer = anju[0]!;
    const rows = (personTimes: number) => [
      ['座谈交流', 'QA6乱序-1', '2025-03-05', organizer.name, 1, personTimes, 0, ''],
      ['培训', 'QA6乱序-2', '2025-03-06', organizer.name, 1, 20, 0, ''],
      ['培训', 'QA6乱序-3', '2025-03-07', organizer.name, '', 30, '', ''],
    ];
    const first = await importLedger(as(await ledgerFile('原台账.xlsx', rows(12))));
    expect(first.map((o) => o.status)).toEqual(['已导入', '已导入', '已导入']);
    const before = await countOf(federation, 'activities');
    const snapshot = await federationSnapshot(federation.subgraphs);

    const corrected = await ledgerFile('改正后.xlsx', rows(13));
    const refusal = `已有同名同日的活动（${organizer.name}，2025-03-05），人次为 12，本行为 13：如需更正，请先撤销原记录（撤销登记或撤销本次导入）再导入；未写入`;
    const preview = await previewLedger(as(corrected));
    expect(preview.map((o) => o.status)).toEqual(['错误', '已存在', '已存在']);
    expect(preview[0]!.problems).toEqual([{ column: '人次', reason: refusal }]);
    const again = await importLedger(as(corrected));
    expect(again.map((o) => o.status)).toEqual(['错误', '已存在', '已存在']);
    expect(again[0]!.problems).toEqual([{ column: '人次', reason: refusal }]);
    expect(await countOf(federation, 'activities')).toBe(before);
    expect(await federationSnapshot(federation.subgraphs)).toEqual(snapshot);

    // The original file again: every row its own record, 已存在, none refused (a blank 场次 is the store's 1).
    expect((await importLedger(as(await ledgerFile('原台账again.xlsx', rows(12))))).map((o) => o.status)).toEqual(['已存在', '已存在', '已存在']);
    // A row of another day or name is another record, written.
    const other = await importLedger(as(await ledgerFile('另一天.xlsx', [['座谈交流', 'QA6乱序-1', '2025-03-08', organizer.name, 1, 13, 0, '']])));
    expect(other.map((o) => o.status)).toEqual(['已导入']);
  });

  test('the records are read by pages, not row by row: thirty corrected rows cost the gateway what three do', async () => {
    const organizer = anju[1]!;
    // Both files span 2025-04-01 to 2025-04-28, and both are written before either is measured: the same records are read for each.
    const day = (i: number, n: number) => `2025-04-${String(1 + Math.round((i * 27) / (n - 1))).padStart(2, '0')}`;
    const rows = (n: number, personTimes: number) => Array.from({ length: n }, (_, i) => ['培训', `页读-${n}-${i}`, day(i, n), organizer.name, 1, personTimes, 0, '']);
    for (const n of [3, 30]) expect((await importLedger(as(await ledgerFile(`页读${n}.xlsx`, rows(n, 5))))).every((o) => o.status === '已导入')).toBe(true);
    const small = await callsOf(async () => importLedger(as(await ledgerFile('页读3改.xlsx', rows(3, 6)))));
    const large = await callsOf(async () => importLedger(as(await ledgerFile('页读30改.xlsx', rows(30, 6)))));
    expect(small.answer.every((o) => o.status === '错误')).toBe(true);
    expect(large.answer.every((o) => o.status === '错误')).toBe(true);
    expect(large.calls).toBe(small.calls);
  });

  test('a district clerk’s check reads the district’s records only: records of the same days elsewhere in the province cost no page', async () => {
    const organizer = anju[2]!;
    const rows = [['培训', '区内读-1', '2025-05-03', organizer.name, 1, 5, 0, '']];
    const pagesOf = async (operation: string) => {
      const spy = vi.spyOn(globalThis, 'fetch');
      try {
        await previewLedger(as(await ledgerFile('区内读.xlsx', rows)));
        return spy.mock.calls.filter(([url, init]) => String(url) === federation.gatewayUrl && String(init?.body).includes(operation)).length;
      } finally {
        spy.mockRestore();
      }
    };
    const samePages = () => pagesOf('SameRecords');
    const before = await samePages();
    // 250 activities of those days outside 安居区 (an organization of another district), straight into the store.
    const pool = federation.subgraphs.sichuan!.pool;
    const { rows: [outside] } = await pool.query<{ id: string }>(
      `SELECT o.id FROM organization o JOIN region r ON r.id = o.region_id WHERE o.dissolved_on IS NULL AND r.code NOT LIKE '510904%' AND r.code <> '510000' ORDER BY o.id LIMIT 1`,
    );
    await pool.query(
      `INSERT INTO activity (id, kind, title, held_on, organizer_id, sessions, person_times, talents_recruited)
       SELECT 'sichuan:Activity:outside-' || i, '培训', '区外' || i, DATE '2025-05-03', $1, 1, 5, 0 FROM generate_series(1, 250) i`,
      [outside!.id],
    );
    expect(await samePages()).toBe(before);
    // The clerk's region (安居区, a district) is looked up among the districts and counties: 250 villages
    // of 通滩镇 (江阳区), three pages of the whole region list, cost no page.
    await pool.query(
      `INSERT INTO region (id, code, name, level, parent_id)
       SELECT 'sichuan:Region:many-' || i, '510502101' || (700 + i), '多村' || i || '村', 'village', (SELECT id FROM region WHERE code = '510502101') FROM generate_series(1, 250) i`,
    );
    expect(await pagesOf('LedgerRegions')).toBe(1);
  });

  test('the report says it in 原因 and the command counts the row as an error', async () => {
    const organizer = anju[2] ?? anju[0]!;
    const row = (personTimes: number) => [['政策宣讲', '报告中的更正', '2025-05-05', organizer.name, 1, personTimes, 0, '']];
    await importLedger(as(await ledgerFile('报告原.xlsx', row(40))));
    const file = await ledgerFile('报告改.xlsx', row(45));
    const { code, stdout } = await importCommand(['--file', file, '--kind', 'activities', '--side', 'sichuan', '--gateway', federation.gatewayUrl, '--token', token]);
    expect(code).toBe(2);
    expect(stdout).toContain('已导入 0 行，已存在 0 行，错误 1 行');
    const report = await readReport(join(dir, '报告改.导入结果.xlsx'));
    expect(report[0]).toMatchObject({ 状态: '错误', 出错列: '人次', 原因: expect.stringMatching(/^已有同名同日的活动（.+，2025-05-05），人次为 40，本行为 45：如需更正/) });
  });
});

describe('an activity registered on the dashboard and in the ledger', () => {
  const RECORD = `mutation ($input: ActivityInput!, $key: String) { sichuanRecordActivity(input: $input, idempotencyKey: $key) { id } }`;
  /** The dashboard's 登记活动 as the clerk sends it (its own idempotency key, never the ledger's). */
  const register = (organizer: Org, title: string, heldOn: string, personTimes: number) =>
    federation.query<{ sichuanRecordActivity: { id: string } | null }>(
      RECORD,
      { input: { kind: '座谈交流', title, heldOn, organizerId: organizer.id, sessions: 1, personTimes }, key: `dashboard-${title}-${personTimes}` },
      { as: { authorization: `Bearer ${token}` } },
    );

  test('registered on the dashboard, then imported: the row is 已存在 with that record, in the preview and the import; nothing counted twice', async () => {
    const organizer = anju[0]!;
    const id = (await register(organizer, '12月川渝党建联席会-看板', '2025-09-04', 40)).data!.sichuanRecordActivity!.id;
    const before = await countOf(federation, 'activities');
    const file = await ledgerFile('月底台账-含看板已登记.xlsx', [['座谈交流', '12月川渝党建联席会-看板', '2025-09-04', organizer.name, 1, 40, 0, '']]);
    const said = `该活动已登记（座谈交流，“12月川渝党建联席会-看板”，${organizer.name}，2025-09-04），内容相同，未重复登记`;
    const preview = await previewLedger(as(file));
    expect(preview.map((o) => [o.status, o.recordId, o.problems])).toEqual([['已存在', id, [{ column: null, reason: said }]]]);
    const outcomes = await importLedger(as(file));
    expect(outcomes.map((o) => [o.status, o.recordId, o.problems])).toEqual([['已存在', id, [{ column: null, reason: said }]]]);
    expect(await countOf(federation, 'activities')).toBe(before);
    // The import's workbook withdraws nothing of it: the record is the dashboard's, withdrawn by its 记录ID if at all.
    const { code } = await importCommand(['--file', file, '--kind', 'activities', '--side', 'sichuan', '--gateway', federation.gatewayUrl, '--token', token]);
    expect(code).toBe(0);
    const withdrawal = await withdrawImport({ report: join(dir, '月底台账-含看板已登记.导入结果.xlsx'), reason: '导入了错误的文件', gatewayUrl: federation.gatewayUrl, token }).catch((e: unknown) => e);
    expect((withdrawal as Error).message).toContain('其中已存在的 1 行是此前已登记的记录（此前的导入或看板登记），请用那次导入的结果工作簿撤销，或按记录ID撤销登记');
    expect(await countOf(federation, 'activities')).toBe(before);
    // 人次 changed in the ledger: a correction, refused in the ledger's columns as against an imported record.
    const corrected = await previewLedger(as(await ledgerFile('看板已登记-人次不同.xlsx', [['座谈交流', '12月川渝党建联席会-看板', '2025-09-04', organizer.name, 1, 41, 0, '']])));
    expect(corrected.map((o) => [o.status, o.problems])).toEqual([
      ['错误', [{ column: '人次', reason: `已有同名同日的活动（${organizer.name}，2025-09-04），人次为 40，本行为 41：如需更正，请先撤销原记录（撤销登记或撤销本次导入）再导入；未写入` }]],
    ]);
  });

  test('imported, then registered on the dashboard: refused as already recorded (ALREADY_RECORDED) naming the imported record', async () => {
    const organizer = anju[1]!;
    const [imported] = await importLedger(as(await ledgerFile('先导入.xlsx', [['座谈交流', '先导入后看板', '2025-09-05', organizer.name, 1, 30, 0, '']])));
    expect(imported!.status).toBe('已导入');
    const before = await countOf(federation, 'activities');
    const same = await register(organizer, '先导入后看板', '2025-09-05', 30);
    expect(same.errors?.[0]?.extensions).toMatchObject({ code: 'ALREADY_RECORDED', rule: 'same-record', id: imported!.recordId });
    const other = await register(organizer, '先导入后看板', '2025-09-05', 31);
    expect(other.errors?.[0]?.extensions).toMatchObject({ code: 'ALREADY_RECORDED', rule: 'same-identity', field: 'personTimes', id: imported!.recordId });
    expect(await countOf(federation, 'activities')).toBe(before);
  });
});

describe("the template's 说明", () => {
  test('says what a changed row imported again becomes, for each kind, and no longer that a corrected file may simply be imported again', () => {
    const notes = (kind: string) => (ledgerTemplate(ledgerKind(kind)).getWorksheet('说明')!.getColumn(3).values as unknown[]).map(String).join('\n');
    expect(notes('activities')).not.toContain('改正后可再次导入同一文件，已导入的行不会重复写入');
    expect(notes('activities')).toContain('类别、名称、举办日期、主办组织与已有记录相同而其他内容不同的行记为错误、不写入');
    expect(notes('activities')).toContain('同一文件中类别、名称、举办日期、主办组织相同而其他内容不同的几行也都记为错误、不写入，请只保留正确的一行。');
    expect(notes('team-actions')).toContain('队伍、类别、日期与已有记录相同');
    expect(notes('service-cases')).toContain('系统无法区分更正与另一条记录，会另写一条记录');
    expect(notes('people')).toContain('已登记的人员（按公民身份号码）改动后再导入，不会另登记一人');
    expect(notes('organizations')).toContain('不会更改已登记的党组织');
  });
});

describe('a row repeated within the file', () => {
  test('is 已存在 naming the line of its first copy, in the preview before anything exists and in the import', async () => {
    const organizer = anju[0]!;
    const a = ['培训', '重复行', '2025-06-01', organizer.name, 1, 8, 0, ''];
    const file = await ledgerFile('重复行.xlsx', [a, ['培训', '不重复', '2025-06-02', organizer.name, 1, 9, 0, ''], [...a]]);
    const preview = await previewLedger(as(file));
    expect(preview.map((o) => [o.line, o.status, o.problems])).toEqual([
      [2, '已导入', []],
      [3, '已导入', []],
      [4, '已存在', [{ column: null, reason: '与第 2 行相同，未重复写入' }]],
    ]);
    const outcomes = await importLedger(as(file));
    expect(outcomes[2]).toMatchObject({ status: '已存在', recordId: outcomes[0]!.recordId, problems: [{ column: null, reason: '与第 2 行相同，未重复写入' }] });
  });
});

describe('two rows of one file with one identity and other values', () => {
  test('are both refused, naming each other’s lines and what differs, in the preview and the import; nothing of them is written', async () => {
    const organizer = anju[1]!;
    const row = (personTimes: number) => ['座谈交流', '文件内两行', '2025-08-05', organizer.name, 1, personTimes, 0, ''];
    // Line 2 and line 5 are one row; line 4 is the same activity with 人次 13; line 3 another activity.
    const file = await ledgerFile('文件内两行.xlsx', [row(12), ['培训', '文件内另一活动', '2025-08-06', organizer.name, 1, 9, 0, ''], row(13), row(12)]);
    const activity = `同名同日的活动（${organizer.name}，2025-08-05）`;
    const todo = '同一活动在本文件中只能有一行，请删去或改正其中一行后再导入；这些行都未写入';
    const expected = [
      [2, '错误', [{ column: '人次', reason: `与第 4 行是${activity}，人次为 13，本行为 12：${todo}` }]],
      [3, '已导入', []],
      [4, '错误', [{ column: '人次', reason: `与第 2、5 行是${activity}，人次为 12，本行为 13：${todo}` }]],
      [5, '错误', [{ column: '人次', reason: `与第 4 行是${activity}，人次为 13，本行为 12：${todo}` }]],
    ];
    const before = await countOf(federation, 'activities');
    const preview = await previewLedger(as(file));
    expect(preview.map((o) => [o.line, o.status, o.problems])).toEqual(expected);
    // Both were written: the activity counted twice.
    const outcomes = await importLedger(as(file));
    expect(outcomes.map((o) => [o.line, o.status, o.problems])).toEqual(expected);
    expect(await countOf(federation, 'activities')).toBe(before + 1);
    // Corrected (line 4 deleted), the file is one activity, written once.
    const corrected = await importLedger(as(await ledgerFile('文件内一行.xlsx', [row(12), row(12)])));
    expect(corrected.map((o) => o.status)).toEqual(['已导入', '已存在']);
    expect(await countOf(federation, 'activities')).toBe(before + 2);
  });
});

describe('an organizer typed as its global ID', () => {
  test('is named by its name in the refusal, taken from the row that typed it or read by its ID: the Chinese names no ID', async () => {
    const organizer = anju[2]!;
    const row = (by: string, personTimes: number, title = '按ID填写') => ['座谈交流', title, '2025-09-05', by, 1, personTimes, 0, ''];
    const todo = '同一活动在本文件中只能有一行，请删去或改正其中一行后再导入；这些行都未写入';
    const activity = `同名同日的活动（${organizer.name}，2025-09-05）`;
    // Line 2 names it, line 3 gives its ID.
    const named = await previewLedger(as(await ledgerFile('按ID填写.xlsx', [row(organizer.name, 5), row(organizer.id, 6)])));
    expect(named.map((o) => o.problems[0]?.reason)).toEqual([
      `与第 3 行是${activity}，人次为 6，本行为 5：${todo}`,
      `与第 2 行是${activity}，人次为 5，本行为 6：${todo}`,
    ]);
    // No line names it: its name is read by its ID.
    const ids = await previewLedger(as(await ledgerFile('只有ID.xlsx', [row(organizer.id, 5, '只有ID'), row(organizer.id, 6, '只有ID')])));
    expect(ids.map((o) => o.problems[0]?.reason)).toEqual([
      `与第 3 行是${activity}，人次为 6，本行为 5：${todo}`,
      `与第 2 行是${activity}，人次为 5，本行为 6：${todo}`,
    ]);
  });
});

describe('a column blank in the record and filled in the row', () => {
  test('the note of a file without the column says what importing it again with the column does, by whether the kind has an identity', () => {
    expect(absentColumnsSentence(['所属联盟ID'], ACTIVITIES)).toBe('文件中没有“所属联盟ID”列，各行按未填写导入（之后补上这些列再导入，填了这些列的行会被视为对已导入记录的更正而不予导入；如需补填，请先撤销本次导入，再导入完整的台账）');
    expect(absentColumnsSentence(['性别'], ledgerKind('people'))).toBe('文件中没有“性别”列，各行按未填写导入（之后补上这些列再导入，已导入的行会被当作新记录重复登记）');
  });

  test('is said 为空, not 与本行不同', async () => {
    const organizer = anju[0]!;
    const row = (alliance: string) => ['培训', '补填联盟', '2025-10-05', organizer.name, 1, 7, 0, alliance];
    expect((await importLedger(as(await ledgerFile('未填联盟.xlsx', [row('')])))).map((o) => o.status)).toEqual(['已导入']);
    const again = await previewLedger(as(await ledgerFile('补填联盟.xlsx', [row('joint:Alliance:sweet-potato-chain')])));
    expect(again.map((o) => o.problems)).toEqual([[{
      column: '所属联盟ID',
      reason: `已有同名同日的活动（${organizer.name}，2025-10-05），所属联盟ID为空，本行已填写：如需更正，请先撤销原记录（撤销登记或撤销本次导入）再导入；未写入`,
    }]]);
  });
});

describe("a ledger the district's clerk imported, imported by a town's clerk", () => {
  test("its rows of the town are 已存在 with the district's records, the others refused for the region", async () => {
    const town = moxi[0]!;
    const elsewhere = anju.find((o) => !moxi.some((m) => m.id === o.id))!;
    expect(town && elsewhere, 'an organization of 磨溪镇 and one of 安居区 outside it').toBeTruthy();
    const file = await ledgerFile('区里导入的.xlsx', [
      ['培训', '区里导入-镇内', '2025-07-01', town.name, 1, 11, 0, ''],
      ['培训', '区里导入-镇外', '2025-07-02', elsewhere.name, 1, 12, 0, ''],
    ]);
    const district = await importLedger(as(file));
    expect(district.map((o) => o.status)).toEqual(['已导入', '已导入']);
    const code = await federation.query<{ jurisdictions: { regions: { edges: { node: { name: string; code: string } }[] } }[] }>(
      `{ jurisdictions(keys: ["sichuan"]) { regions(filter: { search: "磨溪镇" }, first: 5) { edges { node { name code } } } } }`,
    );
    const moxiCode = code.data!.jurisdictions[0]!.regions.edges.find((e) => e.node.name === '磨溪镇')!.node.code;
    const townClerk = await mintDevToken(federation.devKeys, 'sichuan-operator', 'moxi-clerk', '1h', { name: '王芳', region: moxiCode });
    const snapshot = await federationSnapshot(federation.subgraphs);
    for (const outcomes of [await previewLedger(as(file, townClerk)), await importLedger(as(file, townClerk))]) {
      expect(outcomes[0]).toMatchObject({ status: '已存在', recordId: district[0]!.recordId, problems: [{ column: null, reason: '该行已由另一位操作员导入，未重复写入' }] });
      expect(outcomes[1]!.status).toBe('错误');
      expect(outcomes[1]!.problems).toEqual([{ column: '主办组织', reason: expect.stringContaining('只能写入本区划内的记录') }]);
    }
    expect(await federationSnapshot(federation.subgraphs)).toEqual(snapshot);
  });
});
