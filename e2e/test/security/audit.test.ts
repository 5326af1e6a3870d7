import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Role } from '@linju/access';
import { startFederation, type Federation, type GraphQLResponse } from '@linju/testing';
import { federationSnapshot } from '@linju/testing';
import { runRepoCommand } from '../repoCommand.ts';
import { dataOf, loadFixtures, TOMORROW, uniqueName, type Side, type SideFixtures } from '../writes/writeSupport.ts';

/**
 * Each store's own audit log, seen through the gateway and in the store itself: what a read, a
 * write and a refused request leave in it (and in no other store), who may read it, and that it
 * is append-only, tamper-evident and one linear chain under concurrent requests.
 */

let federation: Federation;
let fixtures: Record<Side, SideFixtures>;
beforeAll(async () => {
  federation = await startFederation();
  fixtures = await loadFixtures(federation);
});
afterAll(() => federation?.stop());

const STORES = ['sichuan', 'chongqing', 'joint'] as const;
type Store = (typeof STORES)[number];
const pool = (store: Store) => federation.subgraphs[store]!.pool;

interface StoredEntry {
  seq: string;
  subject: string;
  role: string;
  operation_name: string | null;
  fields: string[];
  kind: string;
  types: string[];
  ids: string[];
  outcome: string;
  error_codes: string[];
  prev_hash: string;
  hash: string;
}

async function lastSeq(store: Store): Promise<number> {
  return Number((await pool(store).query<{ seq: string }>('SELECT coalesce(max(seq), 0)::text AS seq FROM audit_log')).rows[0]!.seq);
}

/** Where each store's log ends now. */
async function marks(): Promise<Record<Store, number>> {
  return Object.fromEntries(await Promise.all(STORES.map(async (s) => [s, await lastSeq(s)] as const))) as Record<Store, number>;
}

async function entriesAfter(store: Store, seq: number): Promise<StoredEntry[]> {
  return (
    await pool(store).query<StoredEntry>(
      `SELECT seq::text AS seq, subject, role, operation_name, fields, kind, types, ids, outcome, error_codes, prev_hash, hash
       FROM audit_log WHERE seq > $1 ORDER BY audit_log.seq`,
      [seq],
    )
  ).rows;
}

/** The entries each store appended since `before`. */
async function appendedSince(before: Record<Store, number>): Promise<Record<Store, StoredEntry[]>> {
  return Object.fromEntries(await Promise.all(STORES.map(async (s) => [s, await entriesAfter(s, before[s])] as const))) as Record<Store, StoredEntry[]>;
}

const codesOf = (response: GraphQLResponse<unknown>) => (response.errors ?? []).map((e) => e.extensions?.code);

const ORGANIZATIONS = `query AuditedRead { sichuan { organizations(first: 3) { edges { node { id name } } } } }`;
const RECORD_ACTIVITY = `mutation AuditedWrite($input: ActivityInput!) { sichuanRecordActivity(input: $input) { id title } }`;
const activityInput = (heldOn = '2024-06-01') => ({ kind: '政策宣讲', title: uniqueName('审计宣讲'), heldOn, organizerId: fixtures.sichuan.town.id, personTimes: 30 });

// The first stretch (100 000 entries): the whole of a test's log.
const CHAIN = `{ sichuan { auditChain { entries verified brokenAt head } } }`;
type Chain = { entries: number; verified: boolean; brokenAt: string | null; head: string | null };
const sichuanChain = async (): Promise<Chain> => dataOf<{ sichuan: { auditChain: Chain } }>(await federation.query(CHAIN, {}, { as: 'sichuan-operator' })).sichuan.auditChain;

describe('what each request leaves in the owning store’s log, and nowhere else', () => {
  test('a read appends one entry to the store it read: who, role, operation, root field, types and IDs', async () => {
    const before = await marks();
    const data = dataOf<{ sichuan: { organizations: { edges: { node: { id: string } }[] } } }>(await federation.query(ORGANIZATIONS, {}, { as: 'viewer' }));
    const read = data.sichuan.organizations.edges.map((e) => e.node.id);
    const after = await appendedSince(before);
    expect(after.chongqing).toEqual([]);
    expect(after.joint).toEqual([]);
    expect(after.sichuan).toHaveLength(1);
    expect(after.sichuan[0]).toMatchObject({
      subject: 'test-viewer',
      role: 'viewer',
      operation_name: 'AuditedRead',
      fields: ['sichuan'],
      kind: 'read',
      types: ['Organization'],
      ids: [...read].sort(),
      outcome: 'ok',
      error_codes: [],
    });
  });

  test("the joint office's reads are in the joint store's log only", async () => {
    const before = await marks();
    const data = dataOf<{ alliances: { edges: { node: { id: string } }[] } }>(
      await federation.query(`query JointRead { alliances(first: 2) { edges { node { id name } } } }`, {}, { as: 'viewer' }),
    );
    const after = await appendedSince(before);
    expect(after.sichuan).toEqual([]);
    expect(after.chongqing).toEqual([]);
    expect(after.joint).toHaveLength(1);
    expect(after.joint[0]).toMatchObject({ operation_name: 'JointRead', kind: 'read', types: ['Alliance'], ids: data.alliances.edges.map((e) => e.node.id).sort() });
  });

  test('an overview with its joint total appends one entry to each store: the total, added up from the figures the plan sends, reads nothing', async () => {
    const before = await marks();
    const data = dataOf<{ overview: { total: { policyTalks: number } } }>(
      await federation.query(`query AuditedOverview { overview(period: { from: "2021-02-01", to: "2021-05-31" }) { alliances { total } sichuan { policyTalks } chongqing { policyTalks } total { policyTalks } } }`, {}, { as: 'viewer' }),
    );
    expect(data.overview.total.policyTalks).toBeGreaterThan(0);
    const after = await appendedSince(before);
    for (const store of STORES) {
      expect(after[store], store).toHaveLength(1);
      expect(after[store][0], store).toMatchObject({ operation_name: 'AuditedOverview', kind: 'read', outcome: 'ok' });
    }
    expect(after.joint[0]!.fields).toEqual(['overview']);
  });

  test('a write appends one entry, in the same transaction as the write, to the store it wrote only', async () => {
    const before = await marks();
    const written = dataOf<{ sichuanRecordActivity: { id: string } }>(await federation.query(RECORD_ACTIVITY, { input: activityInput() }, { as: 'sichuan-operator' }));
    const id = written.sichuanRecordActivity.id;
    const after = await appendedSince(before);
    expect(after.chongqing).toEqual([]);
    expect(after.joint).toEqual([]);
    expect(after.sichuan).toHaveLength(1);
    expect(after.sichuan[0]).toMatchObject({
      subject: 'test-sichuan-operator',
      role: 'sichuan-operator',
      operation_name: 'AuditedWrite',
      fields: ['sichuanRecordActivity'],
      kind: 'write',
      types: ['Activity'],
      ids: [id],
      outcome: 'ok',
    });
    // One transaction wrote both rows: the write cannot have committed without its entry.
    const xmin = async (sql: string, value: string) => (await pool('sichuan').query<{ xmin: string }>(sql, [value])).rows[0]!.xmin;
    expect(await xmin('SELECT xmin::text FROM activity WHERE id = $1', id)).toBe(await xmin('SELECT xmin::text FROM audit_log WHERE seq = $1', after.sichuan[0]!.seq));
  });

  test('what the answer to a write reads afterwards is recorded too, as a read', async () => {
    const before = await marks();
    const doc = `mutation WriteAndRead($input: ActivityInput!) { sichuanRecordActivity(input: $input) { id organizer { id name } } }`;
    const written = dataOf<{ sichuanRecordActivity: { id: string; organizer: { id: string } } }>(
      await federation.query(doc, { input: activityInput() }, { as: 'sichuan-operator' }),
    );
    const entries = (await appendedSince(before)).sichuan;
    expect(entries.map((e) => [e.kind, e.ids])).toEqual([
      ['write', [written.sichuanRecordActivity.id]],
      ['read', [written.sichuanRecordActivity.organizer.id]],
    ]);
  });

  test('a refused write (a date in the future) is logged with its outcome, and changes nothing else in any store', async () => {
    const before = await marks();
    const snapshot = await federationSnapshot(federation.subgraphs);
    const response = await federation.query(RECORD_ACTIVITY, { input: activityInput(TOMORROW()) }, { as: 'sichuan-operator' });
    expect(codesOf(response)).toEqual(['BAD_USER_INPUT']);
    expect(await federationSnapshot(federation.subgraphs)).toEqual(snapshot);
    const after = await appendedSince(before);
    expect(after.chongqing).toEqual([]);
    expect(after.joint).toEqual([]);
    expect(after.sichuan).toHaveLength(1);
    expect(after.sichuan[0]).toMatchObject({
      role: 'sichuan-operator',
      operation_name: 'AuditedWrite',
      kind: 'write',
      ids: [],
      outcome: 'error',
      error_codes: ['BAD_USER_INPUT'],
    });
  });

  test('a refused change of a record (a stale version) names the record it aimed at', async () => {
    const UPDATE = `mutation AuditedUpdate($id: ID!, $version: Int!) { sichuanUpdateOrganization(id: $id, version: $version, input: { name: "不会写入" }) { id } }`;
    const before = await marks();
    const response = await federation.query(UPDATE, { id: fixtures.sichuan.town.id, version: 999_999 }, { as: 'sichuan-operator' });
    expect(codesOf(response)).toEqual(['CONFLICT']);
    const after = await appendedSince(before);
    expect(after.sichuan).toHaveLength(1);
    expect(after.sichuan[0]).toMatchObject({ operation_name: 'AuditedUpdate', kind: 'write', ids: [fixtures.sichuan.town.id], types: ['Organization'], outcome: 'error', error_codes: ['CONFLICT'] });
  });

  test('a correction of a person names the person and the fields it changed, never their values; a refused one names no field', async () => {
    const CREATE = `mutation AuditedPerson($input: PersonInput!) { sichuanCreatePerson(input: $input) { id version } }`;
    const UPDATE = `mutation AuditedCorrection($id: ID!, $version: Int!, $input: PersonUpdateInput!) { sichuanUpdatePerson(id: $id, version: $version, input: $input) { id version } }`;
    const person = dataOf<{ sichuanCreatePerson: { id: string; version: number } }>(
      await federation.query(CREATE, { input: { name: uniqueName('审计更正'), organizationId: fixtures.sichuan.town.id, phone: '13800138000' } }, { as: 'sichuan-operator' }),
    ).sichuanCreatePerson;
    let before = await marks();
    dataOf(await federation.query(UPDATE, { id: person.id, version: person.version, input: { phone: '028-8765 4328', address: '审计更正路 7 号' } }, { as: 'sichuan-operator' }));
    let after = await appendedSince(before);
    expect(after.sichuan).toHaveLength(1);
    expect(after.sichuan[0]).toMatchObject({
      operation_name: 'AuditedCorrection', kind: 'write', ids: [person.id], types: ['Person'], outcome: 'ok',
      fields: ['sichuanUpdatePerson', 'sichuanUpdatePerson.phone', 'sichuanUpdatePerson.address'],
    });
    expect(JSON.stringify(after.sichuan[0])).not.toMatch(/02887654328|8765 4328|审计更正路|13800138000/);
    before = await marks();
    expect(codesOf(await federation.query(UPDATE, { id: person.id, version: person.version, input: { phone: '13700137000' } }, { as: 'sichuan-operator' }))).toEqual(['CONFLICT']);
    after = await appendedSince(before);
    expect(after.sichuan).toMatchObject([{ operation_name: 'AuditedCorrection', kind: 'write', ids: [person.id], fields: ['sichuanUpdatePerson'], outcome: 'error', error_codes: ['CONFLICT'] }]);
  });

  test("the joint office's membership writes name the period they concern, by the day it began: a member that left and joined again is two periods", async () => {
    const M = `id version`;
    const CREATE = `mutation AuditedCreate($input: AllianceInput!) { createAlliance(input: $input) { ${M} } }`;
    const REMOVE = `mutation AuditedLeave($a: ID!, $v: Int!, $o: ID!, $on: Date!) { removeAllianceMember(allianceId: $a, version: $v, organizationId: $o, leftOn: $on) { ${M} } }`;
    const ADD = `mutation AuditedJoin($a: ID!, $v: Int!, $o: ID!, $on: Date!) { addAllianceMember(allianceId: $a, version: $v, organizationId: $o, joinedOn: $on) { ${M} } }`;
    const CORRECT = `mutation AuditedCorrect($a: ID!, $v: Int!, $o: ID!, $j: Date!, $on: Date) { correctAllianceMemberLeaving(allianceId: $a, version: $v, organizationId: $o, joinedOn: $j, leftOn: $on) { ${M} } }`;
    const MEMBERS = `query AuditedMembers($id: ID!) { alliance(id: $id) { members(includePast: true) { joinedOn } } }`;
    const live = fixtures.sichuan.organizations.filter((o) => !o.dissolvedOn && o.foundedOn <= '2022-01-01' && o.id !== fixtures.sichuan.town.id);
    const [s, c, leaving] = [fixtures.sichuan.town.id, fixtures.chongqing.town.id, live[0]!.id];
    const joint = (document: string, variables: Record<string, unknown>) => federation.query<Record<string, { id: string; version: number }>>(document, variables, { as: 'joint-operator' });
    const period = (alliance: string, organization: string, joinedOn: string) => `${alliance}/${organization}/${joinedOn}`;

    let before = await marks();
    const input = { kind: '毗邻村联村党组织', name: uniqueName('审计联村党组织'), foundedOn: '2022-01-01', memberIds: [s, c, leaving] };
    let alliance = dataOf(await joint(CREATE, { input })).createAlliance!;
    const first = (organization: string) => period(alliance.id, organization, '2022-01-01');
    expect((await appendedSince(before)).joint).toMatchObject([{ operation_name: 'AuditedCreate', types: ['Alliance', 'AllianceMember'], ids: [alliance.id, first(s), first(c), first(leaving)].sort() }]);

    before = await marks();
    alliance = dataOf(await joint(REMOVE, { a: alliance.id, v: alliance.version, o: leaving, on: '2022-06-30' })).removeAllianceMember!;
    alliance = dataOf(await joint(ADD, { a: alliance.id, v: alliance.version, o: leaving, on: '2023-01-01' })).addAllianceMember!;
    // Refused: leaving before its second period began names that period, not the first.
    expect(codesOf(await joint(REMOVE, { a: alliance.id, v: alliance.version, o: leaving, on: '2022-12-31' }))).toEqual(['BAD_USER_INPUT']);
    // The first period's leaving day corrected names the first period, written or refused.
    alliance = dataOf(await joint(CORRECT, { a: alliance.id, v: alliance.version, o: leaving, j: '2022-01-01', on: '2022-07-31' })).correctAllianceMemberLeaving!;
    expect(codesOf(await joint(CORRECT, { a: alliance.id, v: alliance.version, o: leaving, j: '2022-01-01', on: null }))).toEqual(['BAD_USER_INPUT']);
    // Refused, a join or a correction names the periods it found, never one as typed: a member's
    // join again names its open period, a period that began on no such day none.
    expect(codesOf(await joint(ADD, { a: alliance.id, v: alliance.version, o: s, on: '2023-06-01' }))).toEqual(['BAD_USER_INPUT']);
    expect(codesOf(await joint(CORRECT, { a: alliance.id, v: alliance.version, o: leaving, j: '2022-02-01', on: '2022-07-31' }))).toEqual(['BAD_USER_INPUT']);
    dataOf(await federation.query(MEMBERS, { id: alliance.id }, { as: 'joint-operator' }));
    const entries = (await appendedSince(before)).joint.map(({ operation_name, outcome, types, ids }) => ({ operation_name, outcome, types, ids }));
    const second = period(alliance.id, leaving, '2023-01-01');
    expect(entries).toEqual([
      { operation_name: 'AuditedLeave', outcome: 'ok', types: ['Alliance', 'AllianceMember'], ids: [alliance.id, first(leaving)] },
      { operation_name: 'AuditedJoin', outcome: 'ok', types: ['Alliance', 'AllianceMember'], ids: [alliance.id, second] },
      { operation_name: 'AuditedLeave', outcome: 'error', types: ['Alliance', 'AllianceMember'], ids: [alliance.id, second] },
      { operation_name: 'AuditedCorrect', outcome: 'ok', types: ['Alliance', 'AllianceMember'], ids: [alliance.id, first(leaving)] },
      { operation_name: 'AuditedCorrect', outcome: 'error', types: ['Alliance', 'AllianceMember'], ids: [alliance.id, first(leaving)] },
      { operation_name: 'AuditedJoin', outcome: 'error', types: ['Alliance', 'AllianceMember'], ids: [alliance.id, first(s)] },
      { operation_name: 'AuditedCorrect', outcome: 'error', types: ['Alliance'], ids: [alliance.id] },
      // A read of the members names each period apart.
      { operation_name: 'AuditedMembers', outcome: 'ok', types: ['Alliance', 'AllianceMember'], ids: [alliance.id, first(s), first(c), first(leaving), second].sort() },
    ]);
  });

  test("a corrected founding day names the founders' periods under both days, the one they began on and the one they now begin on", async () => {
    const CREATE = `mutation AuditedCreate($input: AllianceInput!) { createAlliance(input: $input) { id version } }`;
    const UPDATE = `mutation AuditedFounding($id: ID!, $v: Int!, $on: Date!) { updateAlliance(id: $id, version: $v, input: { foundedOn: $on }) { id version } }`;
    const [s, c] = [fixtures.sichuan.town.id, fixtures.chongqing.town.id];
    const input = { kind: '毗邻村联村党组织', name: uniqueName('审计更正联村党组织'), foundedOn: '2022-01-01', memberIds: [s, c] };
    const alliance = dataOf(await federation.query<Record<string, { id: string; version: number }>>(CREATE, { input }, { as: 'joint-operator' })).createAlliance!;
    const before = await marks();
    dataOf(await federation.query(UPDATE, { id: alliance.id, v: alliance.version, on: '2021-12-01' }, { as: 'joint-operator' }));
    const periods = [s, c].flatMap((organization) => ['2021-12-01', '2022-01-01'].map((day) => `${alliance.id}/${organization}/${day}`));
    expect((await appendedSince(before)).joint).toMatchObject([{ operation_name: 'AuditedFounding', outcome: 'ok', types: ['Alliance', 'AllianceMember'], ids: [alliance.id, ...periods].sort() }]);

    // Refused after the founders were found (the new name taken meanwhile by a writer around the API,
    // whose insert the update waits for): the days they began on, not the day they never began on.
    const RENAME = `mutation AuditedFoundingRenamed($id: ID!, $v: Int!, $on: Date!, $name: String!) { updateAlliance(id: $id, version: $v, input: { foundedOn: $on, name: $name }) { id } }`;
    const pool = federation.subgraphs['joint']!.pool;
    const taken = uniqueName('审计抢先联村党组织');
    const around = await pool.connect();
    const racer = `joint:Alliance:audit-race-${Date.now()}`;
    try {
      await around.query('BEGIN');
      await around.query(`INSERT INTO alliance (id, kind, name, founded_on) VALUES ($1, '毗邻村联村党组织', $2, '2022-01-01')`, [racer, taken]);
      const moved = await marks();
      const refusedUpdate = federation.query(RENAME, { id: alliance.id, v: alliance.version + 1, on: '2021-11-01', name: taken }, { as: 'joint-operator' });
      await new Promise((resolve) => setTimeout(resolve, 500));
      await around.query('COMMIT');
      expect(codesOf(await refusedUpdate)).toEqual(['BAD_USER_INPUT']);
      const founders = [s, c].map((organization) => `${alliance.id}/${organization}/2021-12-01`);
      expect((await appendedSince(moved)).joint).toMatchObject([{ operation_name: 'AuditedFoundingRenamed', outcome: 'error', types: ['Alliance', 'AllianceMember'], ids: [alliance.id, ...founders].sort() }]);
    } finally {
      await around.query('ROLLBACK').catch(() => undefined);
      await around.query('DELETE FROM alliance WHERE id = $1', [racer]);
      around.release();
    }
  });

  test("a refused change of the joint office's alliance (a stale version) names it in the joint log", async () => {
    const CLOSE = `mutation AuditedClose($id: ID!, $version: Int!) { closeAlliance(id: $id, version: $version, closedOn: "2024-01-01") { id } }`;
    const { rows } = await federation.subgraphs['joint']!.pool.query<{ id: string }>('SELECT id FROM alliance WHERE closed_on IS NULL ORDER BY id LIMIT 1');
    const before = await marks();
    const response = await federation.query(CLOSE, { id: rows[0]!.id, version: 999_999 }, { as: 'joint-operator' });
    expect(codesOf(response)).toEqual(['CONFLICT']);
    const after = await appendedSince(before);
    expect(after.joint).toHaveLength(1);
    expect(after.joint[0]).toMatchObject({ operation_name: 'AuditedClose', kind: 'write', ids: [rows[0]!.id], types: ['Alliance'], outcome: 'error', error_codes: ['CONFLICT'] });
  });

  test("the other side's operator writing Sichuan's records is refused, and the attempt is in Sichuan's log", async () => {
    const before = await marks();
    const snapshot = await federationSnapshot(federation.subgraphs);
    const response = await federation.query(RECORD_ACTIVITY, { input: activityInput() }, { as: 'chongqing-operator' });
    expect(codesOf(response)).toContain('FORBIDDEN');
    expect(await federationSnapshot(federation.subgraphs)).toEqual(snapshot);
    const after = await appendedSince(before);
    expect(after.chongqing).toEqual([]);
    expect(after.sichuan).toHaveLength(1);
    expect(after.sichuan[0]).toMatchObject({ subject: 'test-chongqing-operator', role: 'chongqing-operator', kind: 'write', outcome: 'error', error_codes: ['FORBIDDEN'] });
  });

  test("the other side's operator reading Sichuan's data is in Sichuan's log, not in its own side's", async () => {
    const before = await marks();
    dataOf(await federation.query(ORGANIZATIONS, {}, { as: 'chongqing-operator' }));
    const after = await appendedSince(before);
    expect(after.chongqing).toEqual([]);
    expect(after.sichuan).toHaveLength(1);
    expect(after.sichuan[0]).toMatchObject({ subject: 'test-chongqing-operator', role: 'chongqing-operator', kind: 'read', types: ['Organization'], outcome: 'ok' });
  });
});

describe('who may read a log', () => {
  const LOG = `query ReadLog { sichuan { auditLog(first: 3) { totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { sequence at subject role operationName fields kind types ids outcome errorCodes previousHash hash } } } } }`;

  test("Sichuan's operator reads Sichuan's log, newest first, each entry linked to the one before", async () => {
    await federation.query(ORGANIZATIONS, {}, { as: 'viewer' });
    type Log = { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; edges: { node: { sequence: string; hash: string; previousHash: string; subject: string; kind: string; outcome: string; at: string } }[] };
    const log = dataOf<{ sichuan: { auditLog: Log } }>(await federation.query(LOG, {}, { as: 'sichuan-operator' })).sichuan.auditLog;
    const nodes = log.edges.map((e) => e.node);
    expect(nodes).toHaveLength(3);
    expect(log.totalCount).toBe(await lastSeq('sichuan') - 1); // this read's own entry is appended after it answered
    expect(nodes[0]).toMatchObject({ subject: 'test-viewer', kind: 'READ', outcome: 'OK' });
    expect(nodes[0]!.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    for (let i = 1; i < nodes.length; i++) {
      expect(Number(nodes[i]!.sequence)).toBe(Number(nodes[i - 1]!.sequence) - 1);
      expect(nodes[i - 1]!.previousHash).toBe(nodes[i]!.hash);
    }
    // The next page continues below the last sequence number of this one.
    const next = dataOf<{ sichuan: { auditLog: Log } }>(
      await federation.query(`query ($after: String) { sichuan { auditLog(first: 1, after: $after) { edges { node { sequence hash } } } } }`, { after: log.pageInfo.endCursor }, { as: 'sichuan-operator' }),
    ).sichuan.auditLog;
    expect(next.edges[0]!.node.hash).toBe(nodes[2]!.previousHash);
    expect(await sichuanChain()).toMatchObject({ verified: true, brokenAt: null });
  });

  test('past a digit boundary the log is paged by number: strictly newest first, every entry once, the newest on the first page', async () => {
    // Enough entries that the sequence numbers cross from two digits to three (9 → 10, 99 → 100).
    while ((await lastSeq('sichuan')) < 130) {
      await Promise.all(Array.from({ length: 10 }, () => federation.query(ORGANIZATIONS, {}, { as: 'viewer' })));
    }
    const newest = await lastSeq('sichuan');
    const PAGE = `query ($after: String) { sichuan { auditLog(first: 40, after: $after) { pageInfo { hasNextPage endCursor } edges { node { sequence } } } } }`;
    type Page = { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: { sequence: string } }[] };
    const seen: number[] = [];
    let after: string | null = null;
    do {
      const page: Page = dataOf<{ sichuan: { auditLog: Page } }>(await federation.query(PAGE, { after }, { as: 'sichuan-operator' })).sichuan.auditLog;
      seen.push(...page.edges.map((e) => Number(e.node.sequence)));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(seen[0]).toBe(newest);
    // Every entry up to the newest, each once, in strictly decreasing numeric order.
    expect(seen).toEqual(Array.from({ length: newest }, (_, i) => newest - i));
  });

  test.each<Role>(['viewer', 'chongqing-operator', 'joint-operator', 'anonymous'])("%s may not read Sichuan's log or its chain: FORBIDDEN, and the attempt is logged", async (role) => {
    const before = await lastSeq('sichuan');
    for (const doc of [LOG, CHAIN]) {
      const response = await federation.query(doc, {}, { as: role });
      expect(response.data?.sichuan ?? null).toBeNull();
      expect(codesOf(response)).toContain('FORBIDDEN');
    }
    const entries = await entriesAfter('sichuan', before);
    expect(entries.map((e) => [e.role, e.outcome, e.error_codes])).toEqual([
      [role, 'error', ['FORBIDDEN']],
      [role, 'error', ['FORBIDDEN']],
    ]);
  });

  test("the joint office's operator reads the joint log; a side's operator may not", async () => {
    const doc = `{ auditLog(first: 1) { totalCount edges { node { sequence role } } } auditChain { verified } stretch: auditChain(from: "2", count: 3) { from through verified } }`;
    const own = dataOf<{ auditLog: { totalCount: number }; auditChain: { verified: boolean }; stretch: { from: string; verified: boolean } }>(await federation.query(doc, {}, { as: 'joint-operator' }));
    expect(own.auditLog.totalCount).toBeGreaterThan(0);
    expect(own.auditChain.verified).toBe(true);
    expect(own.stretch).toMatchObject({ from: '2', verified: true });
    expect(codesOf(await federation.query(doc, {}, { as: 'sichuan-operator' }))).toContain('FORBIDDEN');
  });
});

describe('append-only and tamper-evident', () => {
  test.each([
    ['UPDATE', `UPDATE audit_log SET subject = 'someone-else' WHERE seq = 1`],
    ['DELETE', 'DELETE FROM audit_log WHERE seq = 1'],
    ['TRUNCATE', 'TRUNCATE audit_log'],
    ['UPDATE', 'UPDATE audit_log SET subject = subject WHERE false'],
  ])('%s of audit_log is refused by its trigger, even as the superuser: %s', async (_op, sql) => {
    await federation.query(ORGANIZATIONS, {}, { as: 'viewer' });
    const before = await entriesAfter('sichuan', 0);
    await expect(pool('sichuan').query(sql)).rejects.toThrow(/audit_log is append-only/);
    expect(await entriesAfter('sichuan', 0)).toEqual(before);
  });

  test('the store sets the sequence number and hashes: an INSERT cannot forge a place in the chain', async () => {
    const last = await lastSeq('sichuan');
    const { rows } = await pool('sichuan').query<{ seq: string; prev_hash: string; hash: string }>(
      `INSERT INTO audit_log (seq, at, subject, role, fields, kind, types, ids, outcome, error_codes, prev_hash, hash)
       VALUES (1, '2000-01-01', 'forger', 'viewer', '{}', 'read', '{}', '{}', 'ok', '{}', repeat('a', 64), repeat('b', 64))
       RETURNING seq::text AS seq, prev_hash, hash`,
    );
    expect(Number(rows[0]!.seq)).toBe(last + 1);
    expect(rows[0]!.hash).not.toBe('b'.repeat(64));
    expect(await sichuanChain()).toMatchObject({ verified: true });
  });

  /** Runs `sql` on the store with the log's triggers off, as only its owner could, then turns them on again. */
  async function asTamperer(sql: string, params: unknown[] = []): Promise<void> {
    const client = await pool('sichuan').connect();
    try {
      await client.query('BEGIN');
      await client.query('ALTER TABLE audit_log DISABLE TRIGGER USER');
      await client.query(sql, params);
      await client.query('ALTER TABLE audit_log ENABLE TRIGGER USER');
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
  }

  test('an edited entry breaks the chain at that entry; recomputing its hash moves the break to the next one', async () => {
    for (let i = 0; i < 3; i++) await federation.query(ORGANIZATIONS, {}, { as: 'viewer' });
    const target = (await lastSeq('sichuan')) - 1;
    const [original] = await entriesAfter('sichuan', target - 1);
    try {
      await asTamperer(`UPDATE audit_log SET subject = 'someone-else' WHERE seq = $1`, [target]);
      expect(await sichuanChain()).toMatchObject({ verified: false, brokenAt: String(target) });
      // The tamperer also recomputes the edited entry's own hash: the next entry still names the old one.
      await asTamperer(`UPDATE audit_log a SET hash = audit_log_hash(a) WHERE seq = $1`, [target]);
      expect(await sichuanChain()).toMatchObject({ verified: false, brokenAt: String(target + 1) });
    } finally {
      await asTamperer(`UPDATE audit_log SET subject = $2, hash = $3 WHERE seq = $1`, [target, original!.subject, original!.hash]);
    }
    expect(await sichuanChain()).toMatchObject({ verified: true, brokenAt: null });
  });

  test('a removed entry breaks the chain at the entry after it', async () => {
    for (let i = 0; i < 3; i++) await federation.query(ORGANIZATIONS, {}, { as: 'viewer' });
    const target = (await lastSeq('sichuan')) - 1;
    const { rows } = await pool('sichuan').query('SELECT * FROM audit_log WHERE seq = $1', [target]);
    const row = rows[0] as Record<string, unknown>;
    try {
      await asTamperer('DELETE FROM audit_log WHERE seq = $1', [target]);
      expect(await sichuanChain()).toMatchObject({ verified: false, brokenAt: String(target + 1) });
      // A stretch starting after the gap has no entry to follow from.
      expect(dataOf<{ sichuan: { auditChain: Chain } }>(await federation.query(`{ sichuan { auditChain(from: "${target + 1}") { verified brokenAt } } }`, {}, { as: 'sichuan-operator' })).sichuan.auditChain)
        .toEqual({ verified: false, brokenAt: String(target + 1) });
    } finally {
      const columns = Object.keys(row);
      await asTamperer(`INSERT INTO audit_log (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`, Object.values(row));
    }
    expect(await sichuanChain()).toMatchObject({ verified: true });
  });

  const STRETCH = `query ($from: String, $count: Int) { sichuan { auditChain(from: $from, count: $count) { entries from through verified brokenAt next head } } }`;
  type Stretch = Chain & { from: string; through: string | null; next: string | null };
  const stretch = async (from: number, count: number): Promise<Stretch> =>
    dataOf<{ sichuan: { auditChain: Stretch } }>(await federation.query(STRETCH, { from: String(from), count }, { as: 'sichuan-operator' })).sichuan.auditChain;
  /** `npm run audit:verify` over this federation's Sichuan store, a few entries a stretch. */
  const verifyCommand = () =>
    runRepoCommand(['scripts/verify-audit.ts', 'sichuan', '--stretch', '7'], { SICHUAN_DATABASE_URL: (pool('sichuan').options as { connectionString: string }).connectionString });

  test('a chain is verified in stretches, each from the one before’s next; a break is found in the stretch that holds it, by the API and by audit:verify', async () => {
    for (let i = 0; i < 3; i++) await federation.query(ORGANIZATIONS, {}, { as: 'viewer' });
    const last = await lastSeq('sichuan');
    // Walked through the API, 40 entries at a time (each call appends its own entry, so the end moves on).
    const walked: Stretch[] = [await stretch(1, 40)];
    while (walked.at(-1)!.next !== null) walked.push(await stretch(Number(walked.at(-1)!.next), 40));
    for (const [i, s] of walked.entries()) {
      expect(s).toMatchObject({ verified: true, brokenAt: null, from: i === 0 ? '1' : String(Number(walked[i - 1]!.through) + 1) });
      if (s.next !== null) expect([Number(s.through), Number(s.next)]).toEqual([Number(s.from) + 39, Number(s.from) + 40]);
    }
    expect(Number(walked.at(-1)!.through)).toBeGreaterThanOrEqual(last);

    const target = last - 1;
    const [original] = await entriesAfter('sichuan', target - 1);
    try {
      await asTamperer(`UPDATE audit_log SET subject = 'someone-else' WHERE seq = $1`, [target]);
      expect(await stretch(1, target - 1)).toMatchObject({ verified: true, through: String(target - 1), next: String(target) });
      expect(await stretch(target, 5)).toMatchObject({ verified: false, brokenAt: String(target) });
      // The entry after it still names the edited entry's stored hash: its own stretch follows.
      expect(await stretch(target + 1, 5)).toMatchObject({ verified: true, brokenAt: null });
      const broken = await verifyCommand();
      expect(broken.code).toBe(1);
      expect(broken.stdout).toContain(`sichuan: the chain is broken at entry ${target} `);
      // With the edited entry's hash recomputed, its stretch follows and the break is at the next
      // stretch's first entry: the link across the boundary is checked against the stored hash.
      await asTamperer(`UPDATE audit_log a SET hash = audit_log_hash(a) WHERE seq = $1`, [target]);
      expect(await stretch(target - 3, 4)).toMatchObject({ verified: true, through: String(target), next: String(target + 1) });
      expect(await stretch(target + 1, 5)).toMatchObject({ verified: false, brokenAt: String(target + 1) });
    } finally {
      await asTamperer(`UPDATE audit_log SET subject = $2, hash = $3 WHERE seq = $1`, [target, original!.subject, original!.hash]);
    }
    const intact = await verifyCommand();
    const [head] = await entriesAfter('sichuan', (await lastSeq('sichuan')) - 1);
    expect(intact.code).toBe(0);
    expect(intact.stdout).toContain(`sichuan: the chain of ${head!.seq} entries is intact (${Math.ceil(Number(head!.seq) / 7)} stretches); head ${head!.hash}`);
  });

  test('an entry forged below number 1 breaks the chain at it; a stretch past the log’s end does not follow', async () => {
    const columns = 'at, subject, role, fields, kind, types, ids, outcome, error_codes, prev_hash, hash';
    try {
      await asTamperer(`INSERT INTO audit_log (seq, ${columns}) SELECT 0, ${columns} FROM audit_log WHERE seq = 1`);
      expect(await sichuanChain()).toMatchObject({ verified: false, brokenAt: '0' });
    } finally {
      await asTamperer('DELETE FROM audit_log WHERE seq = 0');
    }
    expect(await sichuanChain()).toMatchObject({ verified: true });
    const last = await lastSeq('sichuan');
    expect(await stretch(last + 1, 10)).toMatchObject({ verified: true, brokenAt: null, through: null, next: null });
    // A `next` kept from a walk of a log whose end was cut off since: nothing there follows.
    expect(await stretch(last + 5, 10)).toMatchObject({ verified: false, brokenAt: String(last + 5), through: null, next: null });
  });

  test.each([
    [{ count: 1 }, 'count', 'too-small'],
    [{ count: 100_001 }, 'count', 'too-large'],
    [{ from: '0' }, 'from', 'malformed'],
    [{ from: '12a' }, 'from', 'malformed'],
  ])('auditChain(%o) is refused as bad input (%s, %s)', async (args, field, rule) => {
    const response = await federation.query(STRETCH, args, { as: 'sichuan-operator' });
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field, rule });
  });
});

describe('concurrency', () => {
  test('concurrent reads and writes from both sides keep one linear chain: numbers without gaps, each linked to the one before', async () => {
    const before = await lastSeq('sichuan');
    const requests = Array.from({ length: 24 }, (_, i) =>
      i % 3 === 0
        ? federation.query(RECORD_ACTIVITY, { input: activityInput() }, { as: 'sichuan-operator' })
        : federation.query(ORGANIZATIONS, {}, { as: i % 3 === 1 ? 'viewer' : 'chongqing-operator' }),
    );
    for (const response of await Promise.all(requests)) dataOf(response);
    const entries = await entriesAfter('sichuan', before - 1);
    expect(entries).toHaveLength(24 + (before > 0 ? 1 : 0));
    for (let i = 1; i < entries.length; i++) {
      expect(Number(entries[i]!.seq)).toBe(Number(entries[i - 1]!.seq) + 1);
      expect(entries[i]!.prev_hash).toBe(entries[i - 1]!.hash);
    }
    expect(entries.filter((e) => e.kind === 'write')).toHaveLength(8);
    const chain = await sichuanChain();
    expect(chain).toMatchObject({ verified: true, brokenAt: null, head: entries.at(-1)!.hash });
    expect(chain.entries).toBe(before + 24);
  });
});

describe('no answer without its entry', () => {
  test('when the log cannot be appended to, a read is not answered and a write is not committed', async () => {
    const snapshot = await federationSnapshot(federation.subgraphs);
    await pool('sichuan').query('ALTER TABLE audit_log ADD CONSTRAINT audit_log_refuses_all CHECK (false) NOT VALID');
    try {
      const read = await federation.query(ORGANIZATIONS, {}, { as: 'viewer' });
      expect(read.data?.sichuan ?? null).toBeNull();
      const write = await federation.query(RECORD_ACTIVITY, { input: activityInput() }, { as: 'sichuan-operator' });
      expect(write.data?.sichuanRecordActivity ?? null).toBeNull();
      expect(JSON.stringify(read.errors) + JSON.stringify(write.errors)).toMatch(/AUDIT_UNAVAILABLE|audit log could not record/);
    } finally {
      await pool('sichuan').query('ALTER TABLE audit_log DROP CONSTRAINT audit_log_refuses_all');
    }
    expect(await federationSnapshot(federation.subgraphs)).toEqual(snapshot);
    expect(await sichuanChain()).toMatchObject({ verified: true });
  });
});
