import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startFederation, type Federation } from '@linju/testing';
import { federationSnapshot, storeSnapshot } from '@linju/testing';
import {
  appoint,
  appointDoc,
  asClerks,
  changedStores,
  createOrganization,
  createOrganizationDoc,
  dataOf,
  expectError,
  expectRefused,
  loadFixtures,
  newKey,
  ORG_FIELDS,
  uniqueName,
  type Org,
  type Post,
  type Side,
  type SideFixtures,
} from './writeSupport.ts';

/**
 * What makes writes safe rather than merely correct: retries with one idempotency key write once,
 * concurrent updates of one version cannot both win, a write that fails part-way leaves nothing
 * behind, and a write touches the store that owns the record and no other.
 */

let federation: Federation;
let fixtures: Record<Side, SideFixtures>;
beforeAll(async () => {
  federation = asClerks(await startFederation());
  fixtures = await loadFixtures(federation);
});
afterAll(() => federation?.stop());

const side: Side = 'sichuan';
const fx = () => fixtures[side];
const pool = (name: string) => federation.subgraphs[name]!.pool;

const updateDoc = `mutation ($id: ID!, $version: Int!, $input: OrganizationUpdateInput!, $key: String) {
  sichuanUpdateOrganization(id: $id, version: $version, input: $input, idempotencyKey: $key) { ${ORG_FIELDS} } }`;
const mergeDoc = `mutation ($id: ID!, $version: Int!, $successorId: ID!, $mergedOn: Date!, $key: String) {
  sichuanMergeOrganization(id: $id, version: $version, successorId: $successorId, mergedOn: $mergedOn, idempotencyKey: $key) { ${ORG_FIELDS} } }`;
const activityDoc = `mutation ($input: ActivityInput!, $key: String) {
  sichuanRecordActivity(input: $input, idempotencyKey: $key) { id kind title heldOn sessions personTimes organizer { id name } alliance { id name } } }`;

const orgInput = (name = uniqueName('重试党支部')) => ({ name, kind: '党支部', level: '村', parentId: fx().town.id, regionId: fx().region.id, foundedOn: '2020-01-01' });
const activityInput = () => ({ kind: '政策宣讲', title: uniqueName('政策宣讲'), heldOn: '2024-06-01', organizerId: fx().town.id, personTimes: 80 });

async function rowCount(store: string, sql: string, params: unknown[]): Promise<number> {
  return (await pool(store).query<{ n: number }>(`SELECT count(*)::int AS n FROM (${sql}) t`, params)).rows[0]!.n;
}

describe('safe retries: one idempotency key, one write', () => {
  test('the same write sent twice with one key writes one row and answers the same record both times', async () => {
    const key = newKey();
    const input = orgInput();
    const first = await federation.query(createOrganizationDoc(side), { input, key });
    const afterFirst = await federationSnapshot(federation.subgraphs);
    const second = await federation.query(createOrganizationDoc(side), { input, key });
    expect(dataOf(second)).toEqual(dataOf(first));
    // The retry wrote nothing at all, not even bookkeeping.
    expect(await federationSnapshot(federation.subgraphs)).toEqual(afterFirst);
    expect(await rowCount(side, 'SELECT 1 FROM organization WHERE name = $1', [input.name])).toBe(1);
    expect(await rowCount(side, 'SELECT 1 FROM idempotency_record WHERE key = $1', [key])).toBe(1);
  });

  test('what is compared is the checked input: a retry differing only in surrounding blanks is the same write', async () => {
    const key = newKey();
    const input = activityInput();
    const first = dataOf(await federation.query(activityDoc, { input, key }));
    const again = dataOf(await federation.query(activityDoc, { input: { ...input, title: `  ${input.title} `, sessions: 1 }, key }));
    expect(again).toEqual(first);
    expect(await rowCount(side, 'SELECT 1 FROM activity WHERE title = $1', [input.title])).toBe(1);
  });

  test('the same key with a different input is refused as IDEMPOTENCY_KEY_REUSED, and nothing is written', async () => {
    const key = newKey();
    const input = orgInput();
    dataOf(await federation.query(createOrganizationDoc(side), { input, key }));
    await expectRefused(federation, () => federation.query(createOrganizationDoc(side), { input: { ...input, kind: '党总支' }, key }), {
      code: 'IDEMPOTENCY_KEY_REUSED', field: 'idempotencyKey', rule: 'other-request',
    });
  });

  test('the same key for another write is refused too', async () => {
    const key = newKey();
    dataOf(await federation.query(createOrganizationDoc(side), { input: orgInput(), key }));
    await expectRefused(federation, () => federation.query(activityDoc, { input: activityInput(), key }), {
      code: 'IDEMPOTENCY_KEY_REUSED', field: 'idempotencyKey', rule: 'other-request', message: /sichuanCreateOrganization/,
    });
  });

  test('a key longer than 200 characters is refused before anything is written', async () => {
    await expectRefused(federation, () => federation.query(createOrganizationDoc(side), { input: orgInput(), key: 'k'.repeat(201) }), {
      code: 'BAD_USER_INPUT', field: 'idempotencyKey', rule: 'too-long',
    });
  });

  test('eight concurrent requests with one key: exactly one row is written and all eight answers are equal', async () => {
    const key = newKey();
    const input = activityInput();
    const before = await federationSnapshot(federation.subgraphs);
    const answers = await Promise.all(Array.from({ length: 8 }, () => federation.query(activityDoc, { input, key })));
    const first = dataOf(answers[0]!);
    for (const answer of answers) expect(dataOf(answer)).toEqual(first);
    expect(await rowCount(side, 'SELECT 1 FROM activity WHERE title = $1', [input.title])).toBe(1);
    expect(changedStores(before, await federationSnapshot(federation.subgraphs))).toEqual({ sichuan: ['activity', 'idempotency_record'] });
  });

  test('concurrent retries of one update with one key: all answered with the one update, none refused as a conflict', async () => {
    const org = await createOrganization(federation, fx());
    const key = newKey();
    const name = uniqueName('并发重试改名');
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => federation.query(updateDoc, { id: org.id, version: org.version, input: { name }, key })),
    );
    for (const answer of answers) expect(dataOf(answer)).toEqual(dataOf(answers[0]!));
    expect(dataOf<{ sichuanUpdateOrganization: Org }>(answers[0]!).sichuanUpdateOrganization).toMatchObject({ name, version: org.version + 1 });
    const { rows } = await pool(side).query('SELECT name, version FROM organization WHERE id = $1', [org.id]);
    expect(rows).toEqual([{ name, version: org.version + 1 }]);
  });

  test('a retry answers the first result even after the record has changed since', async () => {
    const org = await createOrganization(federation, fx());
    const key = newKey();
    const first = dataOf(await federation.query(updateDoc, { id: org.id, version: 1, input: { level: '社区' }, key }));
    dataOf(await federation.query(updateDoc, { id: org.id, version: 2, input: { level: '企业' } }));
    expect(dataOf(await federation.query(updateDoc, { id: org.id, version: 1, input: { level: '社区' }, key }))).toEqual(first);
    const { rows } = await pool(side).query('SELECT level, version FROM organization WHERE id = $1', [org.id]);
    expect(rows).toEqual([{ level: '企业', version: 3 }]);
  });

  test('a cross-appointment retried with its key: one post, and the holder resolved from the other side both times', async () => {
    const org = await createOrganization(federation, fx());
    const key = newKey();
    const input = { organizationId: org.id, title: '副书记', holderId: fixtures.chongqing.person.id, startedOn: '2024-02-02' };
    const [a, b] = await Promise.all([federation.query(appointDoc(side), { input, key }), federation.query(appointDoc(side), { input, key })]);
    expect(dataOf(b)).toEqual(dataOf(a));
    expect(dataOf<{ sichuanAppointToPost: Post }>(a).sichuanAppointToPost.holder).toMatchObject({ __typename: 'ChongqingPerson', name: fixtures.chongqing.person.name });
    expect(await rowCount(side, 'SELECT 1 FROM post WHERE organization_id = $1', [org.id])).toBe(1);
  });

  test('a refused attempt leaves its key free: the corrected retry with the same key is written, once', async () => {
    const key = newKey();
    const input = activityInput();
    await expectRefused(federation, () => federation.query(activityDoc, { input: { ...input, organizerId: 'sichuan:Organization:nobody' }, key }), {
      code: 'NOT_FOUND', field: 'organizerId', rule: null,
    });
    const written = dataOf(await federation.query(activityDoc, { input, key }));
    expect(dataOf(await federation.query(activityDoc, { input, key }))).toEqual(written);
    expect(await rowCount(side, 'SELECT 1 FROM activity WHERE title = $1', [input.title])).toBe(1);
  });

  test('keys are the store’s own: the same key on the other side is another write', async () => {
    const key = newKey();
    dataOf(await federation.query(createOrganizationDoc('sichuan'), { input: orgInput(), key }));
    const cq = fixtures.chongqing;
    const other = dataOf<{ chongqingCreateOrganization: Org }>(
      await federation.query(createOrganizationDoc('chongqing'), {
        input: { name: uniqueName('重庆党支部'), kind: '党支部', level: '村', parentId: cq.town.id, regionId: cq.region.id, foundedOn: '2020-01-01' }, key,
      }),
    );
    expect(other.chongqingCreateOrganization.id).toMatch(/^chongqing:Organization:/);
  });
});

describe('no lost updates: the version the client read decides', () => {
  test('two concurrent updates of one version: one wins, the other gets CONFLICT with the current version, and the row holds the winner’s change', async () => {
    for (let round = 0; round < 3; round++) {
      const org = await createOrganization(federation, fx());
      const names = [uniqueName('甲改名'), uniqueName('乙改名')];
      const answers = await Promise.all(names.map((name) => federation.query(updateDoc, { id: org.id, version: org.version, input: { name } })));
      const winners = answers.filter((a) => !a.errors);
      const losers = answers.filter((a) => a.errors);
      expect(winners).toHaveLength(1);
      expect(losers).toHaveLength(1);
      const winner = dataOf<{ sichuanUpdateOrganization: Org }>(winners[0]!).sichuanUpdateOrganization;
      expect(winner.version).toBe(org.version + 1);
      const error = expectError(losers[0]!, { code: 'CONFLICT', rule: null });
      expect(error.extensions).toMatchObject({ id: org.id, currentVersion: org.version + 1 });
      const { rows } = await pool(side).query('SELECT name, version FROM organization WHERE id = $1', [org.id]);
      expect(rows).toEqual([{ name: winner.name, version: org.version + 1 }]);
      expect(names).toContain(winner.name);
    }
  });

  test('a stale version is refused with CONFLICT and nothing changes; the current version then succeeds', async () => {
    const org = await createOrganization(federation, fx());
    const current = dataOf<{ sichuanUpdateOrganization: Org }>(
      await federation.query(updateDoc, { id: org.id, version: 1, input: { kind: '党总支' } }),
    ).sichuanUpdateOrganization;
    const error = await expectRefused(federation, () => federation.query(updateDoc, { id: org.id, version: 1, input: { name: '旧版本的改名' } }), {
      code: 'CONFLICT', rule: null, message: /version 2/,
    });
    expect(error.extensions).toMatchObject({ id: org.id, currentVersion: 2 });
    const { rows } = await pool(side).query('SELECT name, kind, version FROM organization WHERE id = $1', [org.id]);
    expect(rows).toEqual([{ name: org.name, kind: '党总支', version: 2 }]);
    expect(dataOf<{ sichuanUpdateOrganization: Org }>(await federation.query(updateDoc, { id: org.id, version: current.version, input: { name: ' 新名 ' } })).sichuanUpdateOrganization)
      .toMatchObject({ name: '新名', version: 3 });
  });

  test('a dissolution by someone else makes a later update from the old read a conflict', async () => {
    const org = await createOrganization(federation, fx());
    dataOf(await federation.query(`mutation { sichuanDissolveOrganization(id: "${org.id}", version: 1, dissolvedOn: "2024-01-01") { id } }`));
    const error = await expectRefused(federation, () => federation.query(updateDoc, { id: org.id, version: 1, input: { name: '晚到的改名' } }), { code: 'CONFLICT', rule: null });
    expect(error.extensions?.currentVersion).toBe(2);
  });

  test('two concurrent endings of one post: one ends it, the other gets CONFLICT', async () => {
    const org = await createOrganization(federation, fx());
    const post = await appoint(federation, side, { organizationId: org.id, title: '书记', holderId: fx().person.id, startedOn: '2021-01-01' });
    const endDoc = `mutation ($d: Date!) { sichuanEndPost(id: "${post.id}", version: ${post.version}, endedOn: $d) { id endedOn version } }`;
    const answers = await Promise.all(['2024-01-01', '2024-02-01'].map((d) => federation.query(endDoc, { d })));
    const winners = answers.filter((a) => !a.errors);
    expect(winners).toHaveLength(1);
    expectError(answers.find((a) => a.errors)!, { code: 'CONFLICT', rule: null });
    const winner = dataOf<{ sichuanEndPost: { endedOn: string; version: number } }>(winners[0]!).sichuanEndPost;
    const { rows } = await pool(side).query(`SELECT to_char(ended_on, 'YYYY-MM-DD') AS ended_on, version FROM post WHERE id = $1`, [post.id]);
    expect(rows).toEqual([{ ended_on: winner.endedOn, version: 2 }]);
  });

  test('two organizations merged into each other at once: one merger happens, the other is refused, neither deadlocks', async () => {
    const a = await createOrganization(federation, fx());
    const b = await createOrganization(federation, fx());
    const answers = await Promise.all([
      federation.query(mergeDoc, { id: a.id, version: 1, successorId: b.id, mergedOn: '2024-03-01' }),
      federation.query(mergeDoc, { id: b.id, version: 1, successorId: a.id, mergedOn: '2024-03-01' }),
    ]);
    expect(answers.filter((x) => !x.errors)).toHaveLength(1);
    expectError(answers.find((x) => x.errors)!, { code: 'BAD_USER_INPUT', field: 'successorId', rule: 'dissolved' });
    const { rows } = await pool(side).query(`SELECT count(*)::int AS n FROM organization WHERE id = ANY($1) AND merged_into_id IS NOT NULL`, [[a.id, b.id]]);
    expect(rows[0].n).toBe(1);
  });
});

describe('nothing half-written: a write that fails part-way leaves every table as it was', () => {
  test('a merger whose last check fails (a post began after the date), sent with a key: no post ended, no key kept', async () => {
    const merged = await createOrganization(federation, fx(), { foundedOn: '2010-01-01' });
    const successor = await createOrganization(federation, fx(), { foundedOn: '2010-01-01' });
    await appoint(federation, side, { organizationId: merged.id, title: '书记', holderId: fx().person.id, startedOn: '2012-01-01' });
    await appoint(federation, side, { organizationId: merged.id, title: '副书记', holderId: fx().otherPerson.id, startedOn: '2023-01-01' });
    const key = newKey();
    await expectRefused(federation, () => federation.query(mergeDoc, { id: merged.id, version: 1, successorId: successor.id, mergedOn: '2022-06-01', key }), {
      code: 'BAD_USER_INPUT', field: 'mergedOn', rule: 'before-start',
    });
    expect(await rowCount(side, 'SELECT 1 FROM idempotency_record WHERE key = $1', [key])).toBe(0);
  });

  test('a store failure after the posts were ended and before the organization was updated rolls the posts back too', async () => {
    const merged = await createOrganization(federation, fx(), { foundedOn: '2010-01-01' });
    const successor = await createOrganization(federation, fx(), { foundedOn: '2010-01-01' });
    const post = await appoint(federation, side, { organizationId: merged.id, title: '书记', holderId: fx().person.id, startedOn: '2012-01-01' });
    // The store itself fails the merger's last statement (a test-only trigger): the posts' UPDATE has run by then.
    const trigger = `linju_test_fail_${Date.now()}`;
    await pool(side).query(`CREATE FUNCTION ${trigger}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected failure'; END $$`);
    await pool(side).query(`CREATE TRIGGER ${trigger} BEFORE UPDATE ON organization FOR EACH ROW WHEN (NEW.id = '${merged.id}') EXECUTE FUNCTION ${trigger}()`);
    const key = newKey();
    const send = () => federation.query(mergeDoc, { id: merged.id, version: 1, successorId: successor.id, mergedOn: '2024-01-01', key });
    try {
      const before = await federationSnapshot(federation.subgraphs);
      const answer = await send();
      expect(answer.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      expect(answer.data ?? null).toBeNull();
      expect(await federationSnapshot(federation.subgraphs)).toEqual(before);
      const { rows } = await pool(side).query('SELECT ended_on, version FROM post WHERE id = $1', [post.id]);
      expect(rows).toEqual([{ ended_on: null, version: 1 }]);
    } finally {
      await pool(side).query(`DROP TRIGGER IF EXISTS ${trigger} ON organization; DROP FUNCTION IF EXISTS ${trigger}()`);
    }
    // The failed attempt kept no key: the retry with it goes through, whole.
    const done = dataOf<{ sichuanMergeOrganization: Org }>(await send()).sichuanMergeOrganization;
    expect(done).toMatchObject({ dissolvedOn: '2024-01-01', mergedInto: { id: successor.id }, version: 2 });
    const { rows } = await pool(side).query(`SELECT to_char(ended_on, 'YYYY-MM-DD') AS ended_on, version FROM post WHERE id = $1`, [post.id]);
    expect(rows).toEqual([{ ended_on: '2024-01-01', version: 2 }]);
  });
});

describe('a write goes to the store that owns the record, and to no other', () => {
  async function writeAndCompare(send: () => Promise<unknown>) {
    const before = await federationSnapshot(federation.subgraphs);
    federation.resetCalls();
    await send();
    const after = await federationSnapshot(federation.subgraphs);
    const mutated = federation.subgraphRequests.filter((r) => /^\s*mutation\b/.test(r.query ?? '')).map((r) => r.name);
    return { changed: changedStores(before, after), calls: [...federation.subgraphCalls], mutated };
  }

  test('a Sichuan organization: only Sichuan’s store changes, and only Sichuan is called', async () => {
    const result = await writeAndCompare(async () => dataOf(await federation.query(createOrganizationDoc('sichuan'), { input: orgInput() })));
    expect(result).toEqual({ changed: { sichuan: ['organization'] }, calls: ['sichuan'], mutated: ['sichuan'] });
  });

  test('with its key, the bookkeeping stays in the same store', async () => {
    const result = await writeAndCompare(async () => dataOf(await federation.query(createOrganizationDoc('sichuan'), { input: orgInput(), key: newKey() })));
    expect(result.changed).toEqual({ sichuan: ['idempotency_record', 'organization'] });
  });

  // A reference to another store is read at its home twice: checked before the write (crossStoreReferences.test.ts), resolved after it.
  test('a Sichuan activity under a joint alliance: the alliance is read from the joint office, only Sichuan’s store is written', async () => {
    const alliance = dataOf<{ alliances: { edges: { node: { id: string } }[] } }>(await federation.query(`{ alliances(first: 1) { edges { node { id } } } }`))
      .alliances.edges[0]!.node;
    const result = await writeAndCompare(async () => dataOf(await federation.query(activityDoc, { input: { ...activityInput(), allianceId: alliance.id } })));
    expect(result.changed).toEqual({ sichuan: ['activity'] });
    expect(result.mutated).toEqual(['sichuan']);
    expect(result.calls).toEqual(['joint', 'sichuan', 'joint']);
  });

  test('a Sichuan link to a Chongqing region: Chongqing is only read', async () => {
    const result = await writeAndCompare(async () =>
      dataOf(await federation.query(
        `mutation ($input: TransportLinkInput!) { sichuanRecordTransportLink(input: $input) { id to { __typename name } } }`,
        { input: { kind: '快捷通道', name: uniqueName('川渝快捷通道'), fromRegionId: fx().region.id, toRegionId: fixtures.chongqing.region.id, openedOn: '2024-07-01' } },
      )),
    );
    expect(result).toEqual({ changed: { sichuan: ['transport_link'] }, calls: ['chongqing', 'sichuan', 'chongqing'], mutated: ['sichuan'] });
  });

  test('a Chongqing cross-appointment of a Sichuan person: only Chongqing’s store changes; Sichuan is asked for the holder only', async () => {
    const cq = fixtures.chongqing;
    const org = await createOrganization(federation, cq);
    const result = await writeAndCompare(async () =>
      dataOf(await federation.query(appointDoc('chongqing'), { input: { organizationId: org.id, title: '联络员', holderId: fx().person.id, startedOn: '2024-08-08' } })),
    );
    expect(result.changed).toEqual({ chongqing: ['post'] });
    expect(result.mutated).toEqual(['chongqing']);
    expect(result.calls).toEqual(['sichuan', 'chongqing', 'sichuan']);
  });

  test('a Sichuan merger changes Sichuan’s organizations and posts and nothing elsewhere', async () => {
    const merged = await createOrganization(federation, fx());
    const successor = await createOrganization(federation, fx());
    await appoint(federation, side, { organizationId: merged.id, title: '书记', holderId: fixtures.chongqing.person.id, startedOn: '2021-01-01' });
    const before = await storeSnapshot(pool('chongqing'));
    const result = await writeAndCompare(async () => dataOf(await federation.query(mergeDoc, { id: merged.id, version: 1, successorId: successor.id, mergedOn: '2024-01-01' })));
    expect(result.changed).toEqual({ sichuan: ['organization', 'post'] });
    expect(result.mutated).toEqual(['sichuan']);
    expect(await storeSnapshot(pool('chongqing'))).toEqual(before);
  });
});
