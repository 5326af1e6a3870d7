import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mintDevToken } from '@linju/gateway/devKeys';
import { MAX_IMPORT_ROWS } from '@linju/contract';
import { federationSnapshot, startFederation, type Federation } from '@linju/testing';
import type { ImportResult } from '@linju/subgraph-runtime';
import { asClerks, changedStores, createOrganization, dataOf, loadFixtures, newKey, TOMORROW, uniqueName, type SideFixtures } from './writeSupport.ts';
import { asRowRefusal } from '@linju/access';

/**
 * The batch writes of ledger imports (`sichuanImportActivities` …) through the gateway over HTTP,
 * against the real stores: each row checked by exactly the rules of the single write (the same
 * code, field, rule and message), idempotent by its own key (shared with the single write), one
 * transaction per call, and a fixed number of statements whatever the number of rows.
 */

let federation: Federation;
let fx: SideFixtures;
beforeAll(async () => {
  federation = asClerks(await startFederation());
  fx = (await loadFixtures(federation)).sichuan;
});
afterAll(() => federation?.stop());

const RESULT = 'committed created existing refused rows { index status id code field rule message }';
const importDoc = (field: string, rowType: string) =>
  `mutation ($rows: [${rowType}!]!, $mode: ImportMode!, $dryRun: Boolean) { ${field}(rows: $rows, mode: $mode, dryRun: $dryRun) { ${RESULT} } }`;
const IMPORT_ACTIVITIES = importDoc('sichuanImportActivities', 'ActivityImportRow');
const RECORD_ACTIVITY = `mutation ($input: ActivityInput!, $key: String) { sichuanRecordActivity(input: $input, idempotencyKey: $key) { id } }`;

type Row = { input: Record<string, unknown>; idempotencyKey: string };

async function importRows(rows: Row[], options: { mode?: string; dryRun?: boolean; document?: string; as?: { authorization: string } } = {}): Promise<ImportResult> {
  const document = options.document ?? IMPORT_ACTIVITIES;
  const response = await federation.query(document, { rows, mode: options.mode ?? 'ROW_BY_ROW', dryRun: options.dryRun ?? false }, options.as ? { as: options.as } : undefined);
  return Object.values(dataOf<Record<string, ImportResult>>(response))[0]!;
}

const activity = (input: Record<string, unknown> = {}): Row => ({
  input: { kind: '政策宣讲', title: uniqueName('导入测试'), heldOn: '2024-03-01', organizerId: fx.town.id, personTimes: 30, ...input },
  idempotencyKey: newKey(),
});

/** The rows the single write refuses, each for another rule. */
const badActivities = (): Row[] => [
  activity({ heldOn: TOMORROW() }),
  activity({ kind: '不存在的类别' }),
  activity({ organizerId: 'sichuan:Organization:00000000-0000-0000-0000-000000000000' }),
  activity({ organizerId: 'chongqing:Organization:00000000-0000-0000-0000-000000000000' }),
  activity({ heldOn: '1900-01-01' }),
  ...(fx.dissolved ? [activity({ organizerId: fx.dissolved.id })] : []),
];

describe('a batch of activities, row by row', () => {
  test('valid rows are written; each refused row carries the single write’s code, field, rule and message', async () => {
    const good = [activity(), activity({ sessions: 2 }), activity({ title: uniqueName('导入测试') })];
    const bad = badActivities();
    const rows = [good[0]!, ...bad, good[1]!, good[2]!];
    const result = await importRows(rows);
    expect(result).toMatchObject({ committed: true, created: 3, existing: 0, refused: bad.length });
    expect(result.rows.map((r) => r.index)).toEqual(rows.map((_, i) => i));
    const created = result.rows.filter((r) => r.status === 'CREATED');
    expect(created.map((r) => r.index)).toEqual([0, bad.length + 1, bad.length + 2]);
    for (const r of created) expect(r.id).toMatch(/^sichuan:Activity:/);

    // The single write refuses each bad row with the very same error.
    for (const [i, row] of bad.entries()) {
      const single = await federation.query(RECORD_ACTIVITY, { input: row.input, key: newKey() });
      const error = single.errors?.[0];
      expect(error, JSON.stringify(row.input)).toBeDefined();
      expect(result.rows[i + 1]).toEqual({
        index: i + 1,
        status: 'REFUSED',
        id: null,
        code: error!.extensions!.code,
        field: error!.extensions!.field ?? null,
        rule: error!.extensions!.rule ?? null,
        message: error!.message,
      });
    }

    // The written records are there, as sent.
    const read = dataOf<any>(
      await federation.query(`query ($search: String) { sichuan { activities(first: 100, filter: { search: $search }) { edges { node { id title sessions personTimes organizer { id } } } } } }`, {
        search: good[1]!.input.title,
      }),
    ).sichuan.activities.edges.map((e: any) => e.node);
    expect(read).toEqual([{ id: created[1]!.id, title: good[1]!.input.title, sessions: 2, personTimes: 30, organizer: { id: fx.town.id } }]);
  });

  test('replaying the same batch answers EXISTING with the first ids, refuses the same rows, and writes nothing', async () => {
    const rows = [activity(), ...badActivities(), activity()];
    const first = await importRows(rows);
    const before = await federationSnapshot(federation.subgraphs);
    const again = await importRows(rows);
    expect(changedStores(before, await federationSnapshot(federation.subgraphs))).toEqual({});
    expect(again).toMatchObject({ committed: true, created: 0, existing: 2, refused: first.refused });
    expect(again.rows.map((r) => r.status)).toEqual(first.rows.map((r) => (r.status === 'CREATED' ? 'EXISTING' : r.status)));
    expect(again.rows.map((r) => r.id)).toEqual(first.rows.map((r) => r.id));
  });

  test('a key is one key for the single write and the batch, both ways; other content under it is refused', async () => {
    const bySingle = activity();
    const singleId = dataOf<any>(await federation.query(RECORD_ACTIVITY, { input: bySingle.input, key: bySingle.idempotencyKey })).sichuanRecordActivity.id;
    const byBatch = activity();
    const reused = { ...activity(), idempotencyKey: bySingle.idempotencyKey };
    const result = await importRows([bySingle, byBatch, reused]);
    expect(result.rows[0]).toMatchObject({ status: 'EXISTING', id: singleId });
    expect(result.rows[1]).toMatchObject({ status: 'CREATED' });
    expect(result.rows[2]).toMatchObject({ status: 'REFUSED', code: 'IDEMPOTENCY_KEY_REUSED', field: 'idempotencyKey' });
    // The single write retried with a row's key answers the record the batch wrote.
    const retried = dataOf<any>(await federation.query(RECORD_ACTIVITY, { input: byBatch.input, key: byBatch.idempotencyKey })).sichuanRecordActivity.id;
    expect(retried).toBe(result.rows[1]!.id);
  });

  test('a key given twice in one batch is one write; with other content the later row is refused', async () => {
    const row = activity();
    const result = await importRows([row, { ...row }, { ...activity(), idempotencyKey: row.idempotencyKey }, { ...activity(), idempotencyKey: ' ' }]);
    expect(result.rows.map((r) => r.status)).toEqual(['CREATED', 'EXISTING', 'REFUSED', 'REFUSED']);
    expect(result.rows[1]!.id).toBe(result.rows[0]!.id);
    expect(result.rows[2]).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(result.rows[3]).toMatchObject({ code: 'BAD_USER_INPUT', field: 'idempotencyKey', rule: 'required' });
    expect(result.created).toBe(1);
  });
});

describe('nothing written', () => {
  test('ALL_OR_NOTHING with one refused row writes nothing and says which rows were valid', async () => {
    const rows = [activity(), activity({ heldOn: TOMORROW() }), activity()];
    const before = await federationSnapshot(federation.subgraphs);
    const result = await importRows(rows, { mode: 'ALL_OR_NOTHING' });
    expect(changedStores(before, await federationSnapshot(federation.subgraphs))).toEqual({});
    expect(result).toMatchObject({ committed: false, created: 0, existing: 0, refused: 1 });
    expect(result.rows.map((r) => r.status)).toEqual(['NOT_WRITTEN', 'REFUSED', 'NOT_WRITTEN']);
    // The keys stayed free: the corrected batch is written whole.
    const corrected = await importRows([rows[0]!, activity(), rows[2]!], { mode: 'ALL_OR_NOTHING' });
    expect(corrected).toMatchObject({ committed: true, created: 3, refused: 0 });
  });

  test('a dry run checks and reports everything and writes nothing', async () => {
    const rows = [activity(), activity({ kind: '不存在的类别' })];
    const before = await federationSnapshot(federation.subgraphs);
    const result = await importRows(rows, { dryRun: true });
    expect(changedStores(before, await federationSnapshot(federation.subgraphs))).toEqual({});
    expect(result).toMatchObject({ committed: false, created: 0, refused: 1 });
    expect(result.rows.map((r) => r.status)).toEqual(['NOT_WRITTEN', 'REFUSED']);
    expect((await importRows(rows)).rows.map((r) => r.status)).toEqual(['CREATED', 'REFUSED']);
  });

  test(`more than ${MAX_IMPORT_ROWS} rows are refused whole, naming the limit in Chinese`, async () => {
    const rows = Array.from({ length: MAX_IMPORT_ROWS + 1 }, () => activity());
    const before = await federationSnapshot(federation.subgraphs);
    const response = await federation.query(IMPORT_ACTIVITIES, { rows, mode: 'ROW_BY_ROW' });
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'rows', rule: 'too-large' });
    expect(response.errors?.[0]?.message).toContain(`至多 ${MAX_IMPORT_ROWS} 行`);
    expect(changedStores(before, await federationSnapshot(federation.subgraphs))).toEqual({});
  });
});

describe('region scope', () => {
  test('a district operator (安居区) gets the row of another district refused outside-region, the rest written', async () => {
    const PLACES = `{ sichuan { organizations(first: 100) { edges { node { id foundedOn dissolvedOn region { code } } } } } }`;
    const orgs = dataOf<any>(await federation.query(PLACES, {}, { as: 'sichuan-operator' }))
      .sichuan.organizations.edges.map((e: any) => e.node)
      .filter((o: any) => !o.dissolvedOn && o.foundedOn < '2024-03-01');
    const inside = orgs.find((o: any) => o.region.code.startsWith('510904'));
    const outside = orgs.find((o: any) => !o.region.code.startsWith('510904'));
    const as = { authorization: `Bearer ${await mintDevToken(federation.devKeys, 'sichuan-operator', 'clerk-anju', '1h', { name: '安居区操作员', region: '510904' })}` };
    const rows = [activity({ organizerId: inside.id }), activity({ organizerId: outside.id }), activity({ organizerId: inside.id })];
    const result = await importRows(rows, { as });
    expect(result.rows.map((r) => r.status)).toEqual(['CREATED', 'REFUSED', 'CREATED']);
    const single = await federation.query(RECORD_ACTIVITY, { input: rows[1]!.input }, { as });
    // The single write's message, but of one row: 本行未写入, since the other rows were written.
    expect(result.rows[1]).toMatchObject({ code: 'FORBIDDEN', rule: 'outside-region', message: asRowRefusal(single.errors![0]!.message) });
    expect(result.rows[1]!.message).toContain('本行未写入');
    expect(result.rows[1]!.message).toContain('安居区');
  });
});

describe('other kinds', () => {
  test('service cases, teams and appointments import with their own rules', async () => {
    const cases = await importRows(
      [
        { input: { kind: '户口迁移', handledOn: '2024-03-02', regionId: fx.region.id, people: 2 }, idempotencyKey: newKey() },
        { input: { kind: '户口迁移', handledOn: TOMORROW(), regionId: fx.region.id, people: 2 }, idempotencyKey: newKey() },
      ],
      { document: importDoc('sichuanImportServiceCases', 'ServiceCaseImportRow') },
    );
    expect(cases.rows.map((r) => [r.status, r.rule])).toEqual([['CREATED', null], ['REFUSED', 'future-date']]);

    const teams = await importRows(
      [
        { input: { category: fx.team.category, kind: fx.team.kind, name: uniqueName('队伍'), organizationId: fx.town.id, foundedOn: '2024-01-01' }, idempotencyKey: newKey() },
        { input: { category: fx.team.category, kind: '不是队伍类别', name: uniqueName('队伍'), organizationId: fx.town.id, foundedOn: '2024-01-01' }, idempotencyKey: newKey() },
      ],
      { document: importDoc('sichuanImportTeams', 'TeamImportRow') },
    );
    expect(teams.rows.map((r) => [r.status, r.rule])).toEqual([['CREATED', null], ['REFUSED', 'unknown-kind']]);

    // A fresh organization: its 书记 seat is free, and two rows for it are appointed in order.
    const org = dataOf<any>(
      await federation.query(`mutation ($input: OrganizationInput!) { sichuanCreateOrganization(input: $input) { id } }`, {
        input: { name: uniqueName('导入党支部'), kind: '党支部', level: '村', parentId: fx.town.id, regionId: fx.region.id, foundedOn: '2020-01-01' },
      }),
    ).sichuanCreateOrganization;
    const post = (holderId: string, title = '书记') => ({ input: { organizationId: org.id, title, holderId, startedOn: '2024-01-01' }, idempotencyKey: newKey() });
    const posts = await importRows([post(fx.person.id), post(fx.otherPerson.id), post(fx.otherPerson.id, '委员'), post(fx.otherPerson.id, '委员')], {
      document: importDoc('sichuanImportPosts', 'PostImportRow'),
    });
    expect(posts.rows.map((r) => [r.status, r.rule])).toEqual([['CREATED', null], ['REFUSED', 'post-taken'], ['CREATED', null], ['REFUSED', 'duplicate']]);
    // The single write now refuses the same seat with the same error.
    const single = await federation.query(`mutation ($input: PostInput!) { sichuanAppointToPost(input: $input) { id } }`, { input: post(fx.otherPerson.id).input });
    expect(single.errors?.[0]?.message).toBe(posts.rows[1]!.message);
  });
});

describe('organizations (党组织台账)', () => {
  const IMPORT_ORGANIZATIONS = importDoc('sichuanImportOrganizations', 'OrganizationImportRow');
  const CREATE_ORGANIZATION = `mutation ($input: OrganizationInput!, $key: String) { sichuanCreateOrganization(input: $input, idempotencyKey: $key) { id } }`;
  const organization = (input: Record<string, unknown> = {}): Row => ({
    input: { name: uniqueName('导入党支部'), kind: '党支部', level: '村', parentId: fx.town.id, regionId: fx.region.id, foundedOn: '2020-01-01', ...input },
    idempotencyKey: newKey(),
  });
  const importOrganizations = (rows: Row[], mode = 'ROW_BY_ROW') => importRows(rows, { document: IMPORT_ORGANIZATIONS, mode });

  test('each refused row carries the single write’s refusal: another side’s region, a dissolved parent, a parent founded later, a namesake, a date ahead', async () => {
    const namesake = await createOrganization(federation, fx);
    // A 党支部 leads no organization (parent-kind).
    const branch = await createOrganization(federation, fx);
    const bad = [
      organization({ regionId: 'chongqing:Region:500151' }),
      ...(fx.dissolved ? [organization({ parentId: fx.dissolved.id })] : []),
      organization({ foundedOn: '1801-01-01' }),
      organization({ name: namesake.name }),
      organization({ foundedOn: TOMORROW() }),
      organization({ kind: '党小组' }),
      organization({ parentId: branch.id }),
      organization({ kind: '党委', level: '乡镇', parentId: branch.id }),
    ];
    const result = await importOrganizations([organization(), ...bad]);
    expect(result.rows.map((r) => r.status)).toEqual(['CREATED', ...bad.map(() => 'REFUSED')]);
    for (const [i, row] of bad.entries()) {
      const error = (await federation.query(CREATE_ORGANIZATION, { input: row.input, key: newKey() })).errors?.[0];
      expect(result.rows[i + 1], JSON.stringify(row.input)).toEqual({
        index: i + 1, status: 'REFUSED', id: error!.extensions!.id ?? null, code: error!.extensions!.code, field: error!.extensions!.field ?? null, rule: error!.extensions!.rule ?? null, message: error!.message,
      });
    }
    // The namesake's refusal names it by its ID (the row's id, the single write's extensions.id), never in the Chinese half.
    const refusedNamesake = result.rows[1 + bad.findIndex((row) => row.input.name === namesake.name)]!;
    expect(refusedNamesake).toMatchObject({ rule: 'duplicate', id: namesake.id });
    expect(refusedNamesake.message!.split(' / ')[0]).not.toContain(namesake.id);
  });

  test('a second row of one name in one place is refused as the single write refuses it once the first is written (全角 and spaces alike); elsewhere it is free', async () => {
    const name = uniqueName('导入白马村党支部');
    // A 党总支, so that a 党支部 may be put under it below.
    const first = organization({ name: `${name}(机关)`, kind: '党总支' });
    const twin = organization({ name: `${name} （机关）`, foundedOn: '2021-01-01' });
    const top = organization({ name: `${name}顶级`, parentId: null, level: '机关单位' });
    const topTwin = organization({ name: `${name}顶级`, parentId: null, level: '机关单位', foundedOn: '2021-01-01' });
    const result = await importOrganizations([first, twin, top, topTwin]);
    expect(result.rows.map((r) => [r.status, r.field, r.rule])).toEqual([['CREATED', null, null], ['REFUSED', 'name', 'duplicate'], ['CREATED', null, null], ['REFUSED', 'name', 'duplicate']]);
    expect(result.rows[1]!.message).toMatch(/^名称：党组织“.*\(机关\)”在同一上级组织下已由本次导入的前面一行登记，同一组织只登记一次 \/ /);
    expect(result.rows[3]!.message).toMatch(/^名称：党组织“.*顶级”在同一区划的顶级组织中已由本次导入的前面一行登记/);
    // The single write now finds the first in the store, as a later import does.
    const single = await federation.query(CREATE_ORGANIZATION, { input: twin.input, key: newKey() });
    expect(single.errors?.[0]?.extensions).toMatchObject({ field: 'name', rule: 'duplicate' });
    expect((await importOrganizations([{ ...twin, idempotencyKey: newKey() }])).rows[0]).toMatchObject({ status: 'REFUSED', rule: 'duplicate', message: single.errors![0]!.message });
    // Under another parent (the first, just written), the same name is free.
    expect((await importOrganizations([organization({ name: `${name}(机关)`, parentId: result.rows[0]!.id })])).rows[0]!.status).toBe('CREATED');
    // Re-imported, the written rows are EXISTING.
    expect((await importOrganizations([first, top])).rows.map((r) => r.status)).toEqual(['EXISTING', 'EXISTING']);
  });

  test('two imports of the same names in opposite orders at once queue, never deadlock: each name written once', async () => {
    const names = Array.from({ length: 6 }, () => uniqueName('并发党支部'));
    const calls = await Promise.all([names, [...names].reverse(), names].map((order) => importOrganizations(order.map((name) => organization({ name })))));
    const created = calls.flatMap((c) => c.rows.filter((r) => r.status === 'CREATED'));
    expect(created).toHaveLength(names.length);
    expect(calls.flatMap((c) => c.rows.filter((r) => r.status === 'REFUSED').map((r) => r.rule))).toEqual(Array(names.length * 2).fill('duplicate'));
  });

  test('the statements of an import of organizations do not grow with its rows (10 and 100)', async () => {
    const statementsFor = async (n: number) => {
      federation.resetCalls();
      expect((await importOrganizations(Array.from({ length: n }, () => organization()))).created).toBe(n);
      return federation.subgraphs.sichuan!.statements.count();
    };
    const few = await statementsFor(10);
    expect(await statementsFor(100)).toBe(few);
  });
});

describe('audit', () => {
  const LOG = `{ sichuan { auditLog(first: 5) { edges { node { kind operationName fields types ids outcome errorCodes } } } } }`;
  const lastImportEntry = async () =>
    dataOf<any>(await federation.query(LOG, {}, { as: 'sichuan-operator' })).sichuan.auditLog.edges.map((e: any) => e.node).find((e: any) => e.fields.includes('sichuanImportActivities'));

  test('one entry, appended with the write, names every record written and every existing one', async () => {
    const existing = activity();
    const firstId = (await importRows([existing])).rows[0]!.id!;
    const result = await importRows([activity(), existing, activity()]);
    const written = result.rows.filter((r) => r.status === 'CREATED').map((r) => r.id!);
    expect(written).toHaveLength(2);
    const entry = await lastImportEntry();
    expect(entry).toMatchObject({ kind: 'WRITE', outcome: 'OK', errorCodes: [], types: ['Activity'] });
    expect([...entry.ids].sort()).toEqual([...written, firstId].sort());
  });

  test('rows refused in an import that went through are in its entry: their codes, the outcome ERROR', async () => {
    const result = await importRows([activity(), activity({ heldOn: TOMORROW() })]);
    expect(result.rows.map((r) => r.status)).toEqual(['CREATED', 'REFUSED']);
    expect(await lastImportEntry()).toMatchObject({ kind: 'WRITE', outcome: 'ERROR', errorCodes: ['BAD_USER_INPUT'], ids: [result.rows[0]!.id] });
  });

  test('an import whose every row was refused is not recorded as one that went through', async () => {
    const result = await importRows([activity({ heldOn: TOMORROW() })], { mode: 'ALL_OR_NOTHING' });
    expect(result).toMatchObject({ committed: false, refused: 1 });
    expect(await lastImportEntry()).toMatchObject({ kind: 'WRITE', outcome: 'ERROR', errorCodes: ['BAD_USER_INPUT'] });
  });
});

describe('cost', () => {
  /** Statements the Sichuan store ran for one import call of `n` fresh rows. */
  async function statementsFor(n: number): Promise<number> {
    const rows = Array.from({ length: n }, () => activity());
    federation.resetCalls();
    const result = await importRows(rows);
    expect(result.created).toBe(n);
    return federation.subgraphs.sichuan!.statements.count();
  }

  test('the statements of an import do not grow with its rows (10 and 500)', async () => {
    const few = await statementsFor(10);
    const many = await statementsFor(500);
    expect(few).toBeGreaterThan(5);
    expect(many).toBe(few);
  });

  // Its statements do not grow with the rows (the test above counts them); its time is the benchmark's (npm run bench:import).
  test(`a call of ${MAX_IMPORT_ROWS} rows passes the gateway's limits (its body is far above 64 kB)`, async () => {
    const rows = Array.from({ length: MAX_IMPORT_ROWS }, () => activity());
    expect(JSON.stringify(rows).length).toBeGreaterThan(64 * 1024);
    const result = await importRows(rows);
    expect(result.created).toBe(MAX_IMPORT_ROWS);
  });

  test('a body that large is still refused for anything but an import call', async () => {
    const rows = Array.from({ length: 400 }, () => activity());
    const response = await federation.query(`mutation ($rows: [ActivityImportRow!]!) { sichuanImportActivities(rows: $rows) { created } sichuanRecordActivity(input: { kind: "政策宣讲", title: "x", heldOn: "2024-01-01", organizerId: "${fx.town.id}" }) { id } }`, { rows });
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', limit: 64 * 1024 });
  });
});

/**
 * One record, whichever path writes it (contract/src/recordIdentity.ts): the dashboard's 登记 (the
 * single write) and a ledger import's row (the batch write) of one activity — its 类别, 名称, 举办日期
 * and 主办组织 — under two idempotency keys are one record. The same values: the single write is
 * refused ALREADY_RECORDED (`same-record`) naming the record, the import's row is EXISTING with it;
 * other values: a correction, refused (`same-identity`) both ways. Enforced in the store's write
 * transaction, so the two sent at once still write one record. A withdrawn record frees its identity.
 */
const TITLED = `query ($search: String) { sichuan { activities(first: 10, filter: { search: $search }) { totalCount edges { node { id personTimes } } } } }`;
type Input = Record<string, unknown>;
const WITHDRAW = `mutation ($id: ID!, $reason: String!) { sichuanWithdrawRecord(id: $id, reason: $reason) { id } }`;

const meeting = (title: string, input: Input = {}): Input => ({ kind: '座谈交流', title, heldOn: '2024-12-04', organizerId: fx.town.id, sessions: 1, personTimes: 40, ...input });

const recordOne = (input: Input) => federation.query<Record<string, { id: string }>>(RECORD_ACTIVITY, { input, key: newKey() });

/** The rows of a ledger import, each under a key of its own. */
const importInputs = (inputs: Input[], options: { mode?: string; dryRun?: boolean } = {}): Promise<ImportResult> => importRows(inputs.map((input) => ({ input, idempotencyKey: newKey() })), options);

async function recordsTitled(title: string): Promise<{ id: string; personTimes: number }[]> {
  const data = dataOf<{ sichuan: { activities: { edges: { node: { id: string; personTimes: number } }[] } } }>(await federation.query(TITLED, { search: title }));
  return data.sichuan.activities.edges.map((e) => e.node);
}

/** The Chinese half of a message, which names no internal ID. */
const chinese = (message: string) => message.split(' / ')[0]!;

describe('the dashboard’s 登记 and a ledger import of one activity are one record', () => {
  test('registered on the dashboard, then imported: the row is EXISTING with the dashboard’s record, in a preview and an import', async () => {
    const title = uniqueName('12月川渝党建联席会');
    const written = dataOf<Record<string, { id: string }>>(await recordOne(meeting(title))).sichuanRecordActivity!;
    const preview = await importInputs([meeting(title)], { dryRun: true });
    expect(preview.rows[0]).toMatchObject({ status: 'EXISTING', id: written.id, rule: 'same-record' });
    const result = await importInputs([meeting(title)]);
    expect(result).toMatchObject({ committed: true, created: 0, existing: 1, refused: 0 });
    expect(result.rows[0]).toMatchObject({ status: 'EXISTING', id: written.id, code: null, rule: 'same-record' });
    expect(chinese(result.rows[0]!.message!)).toBe(`该活动已登记（座谈交流，“${title}”，${fx.town.name}，2024-12-04），内容相同，未重复登记`);
    // In all-or-nothing it is no refusal: the other rows are written.
    const other = uniqueName('12月党建工作推进会');
    expect(await importInputs([meeting(title), meeting(other)], { mode: 'ALL_OR_NOTHING' })).toMatchObject({ committed: true, created: 1, existing: 1, refused: 0 });
    expect(await recordsTitled(title)).toEqual([{ id: written.id, personTimes: 40 }]);
  });

  test('imported, then registered on the dashboard: refused ALREADY_RECORDED (same-record) naming the record, nothing written', async () => {
    const title = uniqueName('12月川渝党建联席会');
    const imported = await importInputs([meeting(title)]);
    const id = imported.rows[0]!.id!;
    const again = await recordOne(meeting(title));
    expect(again.data?.sichuanRecordActivity ?? null).toBeNull();
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'ALREADY_RECORDED', rule: 'same-record', id });
    const message = again.errors![0]!.message;
    expect(chinese(message)).toBe(`该活动已登记（座谈交流，“${title}”，${fx.town.name}，2024-12-04），内容相同，未重复登记`);
    expect(chinese(message)).not.toContain('sichuan:');
    expect(await recordsTitled(title)).toEqual([{ id, personTimes: 40 }]);
  });

  test('the same identity with other values is a correction, refused both ways', async () => {
    const title = uniqueName('12月党建工作推进会');
    const id = dataOf<Record<string, { id: string }>>(await recordOne(meeting(title, { personTimes: 30 }))).sichuanRecordActivity!.id;
    // Imported with 人次 31: refused, naming what differs.
    const corrected = await importInputs([meeting(title, { personTimes: 31 })]);
    expect(corrected.rows[0]).toMatchObject({ status: 'REFUSED', id, code: 'ALREADY_RECORDED', field: 'personTimes', rule: 'same-identity' });
    expect(chinese(corrected.rows[0]!.message!)).toContain(`已有同名同日的活动（座谈交流，“${title}”，${fx.town.name}，2024-12-04），人次为 30，本次为 31：如需更正，请先撤销原记录`);
    // Registered again on the dashboard with 人次 31: the same refusal.
    const single = await recordOne(meeting(title, { personTimes: 31 }));
    expect(single.errors?.[0]?.extensions).toMatchObject({ code: 'ALREADY_RECORDED', rule: 'same-identity', field: 'personTimes', id });
    // A title typed with full-width characters and spaces is the same identity (as names are compared), its text another value.
    const fullWidth = await recordOne(meeting(` ${title.replace('12', '１２')}`.replace('会', ' 会'), { personTimes: 30 }));
    expect(fullWidth.errors?.[0]?.extensions).toMatchObject({ code: 'ALREADY_RECORDED', rule: 'same-identity', field: 'title', id });
    expect(await recordsTitled(title)).toEqual([{ id, personTimes: 30 }]);
  });

  test('another day, organizer or kind is another activity', async () => {
    const title = uniqueName('联席会');
    const first = await importInputs([meeting(title), meeting(title, { heldOn: '2024-12-05' }), meeting(title, { kind: '政策宣讲' })]);
    expect(first).toMatchObject({ created: 3, refused: 0 });
  });

  test('two rows of one call with one identity: the later is refused, the earlier written', async () => {
    const title = uniqueName('联席会');
    const result = await importInputs([meeting(title), meeting(title, { personTimes: 41 })]);
    expect(result.rows.map((r) => [r.status, r.code, r.rule])).toEqual([
      ['CREATED', null, null],
      ['REFUSED', 'ALREADY_RECORDED', 'same-identity'],
    ]);
    expect(await recordsTitled(title)).toHaveLength(1);
  });

  test('a withdrawn record frees its identity: registered again, it is written anew', async () => {
    const title = uniqueName('联席会');
    const id = dataOf<Record<string, { id: string }>>(await recordOne(meeting(title))).sichuanRecordActivity!.id;
    dataOf(await federation.query(WITHDRAW, { id, reason: '重复登记' }));
    const again = dataOf<Record<string, { id: string }>>(await recordOne(meeting(title))).sichuanRecordActivity!;
    expect(again.id).not.toBe(id);
    expect(await importInputs([meeting(title)])).toMatchObject({ created: 0, existing: 1 });
  });

  test('the dashboard and an import sent at the same moment write one record', async () => {
    for (let round = 0; round < 5; round++) {
      const title = uniqueName('同时登记');
      const [single, batch] = await Promise.all([recordOne(meeting(title)), importInputs([meeting(title)])]);
      const records = await recordsTitled(title);
      expect(records, `round ${round}`).toHaveLength(1);
      const id = records[0]!.id;
      if (single.data?.sichuanRecordActivity) {
        expect(single.data.sichuanRecordActivity.id).toBe(id);
        expect(batch.rows[0]).toMatchObject({ status: 'EXISTING', id });
      } else {
        expect(single.errors?.[0]?.extensions).toMatchObject({ code: 'ALREADY_RECORDED', rule: 'same-record', id });
        expect(batch.rows[0]).toMatchObject({ status: 'CREATED', id });
      }
    }
  });
});

describe('every kind with an identity keeps the rule', () => {
  test('a grid registered twice under two keys is one grid', async () => {
    const GRID = `mutation ($input: GridInput!, $key: String) { sichuanRecordGrid(input: $input, idempotencyKey: $key) { id } }`;
    const input = { name: uniqueName('网格'), organizationId: fx.town.id, regionId: fx.region.id, households: 120 };
    const first = dataOf<Record<string, { id: string }>>(await federation.query(GRID, { input, key: newKey() })).sichuanRecordGrid!;
    const second = await federation.query(GRID, { input, key: newKey() });
    expect(second.errors?.[0]?.extensions).toMatchObject({ code: 'ALREADY_RECORDED', rule: 'same-record', id: first.id });
  });
});
