import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startFederation, type Federation } from '@linju/testing';
import {
  appoint,
  appointDoc,
  asClerks,
  createOrganization,
  dataOf,
  expectError,
  expectRefused,
  loadFixtures,
  OTHER,
  POST_FIELDS,
  PREFIX,
  readBack,
  TOMORROW,
  uniqueName,
  type ExpectedError,
  type Org,
  type Post,
  type Side,
  type SideFixtures,
} from './writeSupport.ts';

/** Posts through the gateway: appointments (cross-appointments of the other side's people included) and their end. */

let federation: Federation;
let fixtures: Record<Side, SideFixtures>;
let alliance: { id: string; name: string };
beforeAll(async () => {
  federation = asClerks(await startFederation());
  fixtures = await loadFixtures(federation);
  alliance = dataOf<{ alliances: { edges: { node: { id: string; name: string } }[] } }>(
    await federation.query(`{ alliances(first: 1) { edges { node { id name } } } }`),
  ).alliances.edges[0]!.node;
});
afterAll(() => federation?.stop());

const endDoc = (side: Side) =>
  `mutation ($id: ID!, $version: Int!, $endedOn: Date!, $key: String) { ${side}EndPost(id: $id, version: $version, endedOn: $endedOn, idempotencyKey: $key) { ${POST_FIELDS} } }`;

const readPost = (side: Side, post: { id: string; title: string }, filter: Record<string, unknown> = {}) =>
  readBack<Post>(federation, side, 'posts', { search: post.title, ...filter }, post.id, POST_FIELDS);

describe.each(['sichuan', 'chongqing'] as const)('round trips on %s', (side) => {
  test('appoint one of its own people: the post comes back with its holder and organization, and reads back', async () => {
    const fx = fixtures[side];
    const org = await createOrganization(federation, fx, { foundedOn: '2016-01-01' });
    const title = uniqueName('组织委员');
    const response = await federation.query(appointDoc(side), {
      input: { organizationId: org.id, title: ` ${title} `, holderId: fx.person.id, startedOn: '2020-07-01' },
    });
    const post = dataOf<Record<string, Post>>(response)[`${side}AppointToPost`]!;
    expect(post).toMatchObject({
      title, startedOn: '2020-07-01', endedOn: null, crossBorder: false, version: 1,
      organization: { id: org.id, name: org.name },
      holder: { __typename: `${PREFIX[side]}Person`, id: fx.person.id, name: fx.person.name, organization: fx.person.organization },
    });
    expect(post.id).toMatch(new RegExp(`^${side}:Post:`));
    expect(await readPost(side, post)).toEqual(post);
    expect(await readPost(side, post, { crossBorder: false })).toEqual(post);
    expect(await readPost(side, post, { crossBorder: true })).toBeUndefined();
  });

  test('cross-appointment: a person of the other side, resolved at home, listed among the cross-border posts', async () => {
    const fx = fixtures[side];
    const holder = fixtures[OTHER[side]].person;
    const title = uniqueName('联络员');
    federation.resetCalls();
    const response = await federation.query(
      `mutation ($input: PostInput!) { ${side}AppointToPost(input: $input) { ${POST_FIELDS} alliance { id name } } }`,
      { input: { organizationId: fx.town.id, title, holderId: holder.id, startedOn: '2023-03-15', allianceId: alliance.id } },
    );
    const post = dataOf<Record<string, Post & { alliance: { id: string; name: string } }>>(response)[`${side}AppointToPost`]!;
    expect(post).toMatchObject({
      title, crossBorder: true, organization: { id: fx.town.id, name: fx.town.name },
      holder: { __typename: `${PREFIX[OTHER[side]]}Person`, id: holder.id, name: holder.name, organization: holder.organization },
      alliance,
    });
    // The mutation went to the side that owns the post; the holder and the alliance were only read at home.
    expect(federation.subgraphRequests.filter((r) => r.query?.trimStart().startsWith('mutation')).map((r) => r.name)).toEqual([side]);
    expect(new Set(federation.subgraphCalls)).toEqual(new Set([side, OTHER[side], 'joint']));

    const { alliance: _alliance, ...withoutAlliance } = post;
    expect(await readPost(side, post, { crossBorder: true })).toEqual(withoutAlliance);
    const listed = dataOf<Record<Side, { posts: { totalCount: number; edges: { node: { id: string } }[] } }>>(
      await federation.query(`{ ${side} { posts(filter: { crossBorder: true, kinds: ["${title}"] }) { totalCount edges { node { id } } } } }`),
    )[side].posts;
    expect(listed).toEqual({ totalCount: 1, edges: [{ node: { id: post.id } }] });
    // The other side's store knows nothing of it: only the holder's home resolves the holder.
    const { rows } = await federation.subgraphs[OTHER[side]]!.pool.query('SELECT count(*)::int AS n FROM post WHERE id = $1 OR title = $2', [post.id, title]);
    expect(rows[0].n).toBe(0);
  });

  test('end a post: it ends on the day given, its version goes up, and the seat is free again', async () => {
    const fx = fixtures[side];
    const org = await createOrganization(federation, fx, { foundedOn: '2016-01-01' });
    const first = await appoint(federation, side, { organizationId: org.id, title: '书记', holderId: fx.person.id, startedOn: '2017-01-01' });
    const response = await federation.query(endDoc(side), { id: first.id, version: first.version, endedOn: '2022-12-31' });
    const ended = dataOf<Record<string, Post>>(response)[`${side}EndPost`]!;
    expect(ended).toEqual({ ...first, endedOn: '2022-12-31', version: first.version + 1 });
    expect(await readPost(side, ended, { kinds: ['书记'] })).toEqual(ended);

    const next = await appoint(federation, side, { organizationId: org.id, title: '书记', holderId: fx.otherPerson.id, startedOn: '2023-01-01' });
    expect(next).toMatchObject({ title: '书记', endedOn: null, holder: { id: fx.otherPerson.id } });
  });

  test('a committee has many seats: two 委员 at once, of either side', async () => {
    const fx = fixtures[side];
    const org = await createOrganization(federation, fx, { foundedOn: '2016-01-01' });
    const a = await appoint(federation, side, { organizationId: org.id, title: '委员', holderId: fx.person.id, startedOn: '2020-01-01' });
    const b = await appoint(federation, side, { organizationId: org.id, title: '委员', holderId: fixtures[OTHER[side]].person.id, startedOn: '2020-01-01' });
    expect([a.crossBorder, b.crossBorder]).toEqual([false, true]);
    const posts = dataOf<Record<Side, { organizations: { edges: { node: { id: string; posts: { id: string }[] } }[] } }>>(
      await federation.query(`query ($s: String) { ${side} { organizations(filter: { search: $s }) { edges { node { id posts { id } } } } } }`, { s: org.name }),
    )[side].organizations.edges[0]!.node.posts;
    expect(posts.map((p) => p.id).sort()).toEqual([a.id, b.id].sort());
  });
});

describe('validation: every refused appointment or ending names its field and rule, and changes nothing', () => {
  const side: Side = 'sichuan';
  let fx: SideFixtures;
  let org: Org;
  let dissolved: Org;
  let committee: Post;
  let ended: Post;
  let active: Post;
  beforeAll(async () => {
    fx = fixtures[side];
    org = await createOrganization(federation, fx, { foundedOn: '2015-06-01' });
    dissolved = await createOrganization(federation, fx, { foundedOn: '2015-06-01' });
    dataOf(await federation.query(`mutation { ${side}DissolveOrganization(id: "${dissolved.id}", version: 1, dissolvedOn: "2019-01-01") { id } }`));
    committee = await appoint(federation, side, { organizationId: org.id, title: '委员', holderId: fx.person.id, startedOn: '2018-01-01' });
    active = await appoint(federation, side, { organizationId: org.id, title: '副书记', holderId: fx.otherPerson.id, startedOn: '2020-05-05' });
    ended = await appoint(federation, side, { organizationId: org.id, title: '宣传委员', holderId: fx.otherPerson.id, startedOn: '2016-01-01' });
    ended = dataOf<Record<string, Post>>(await federation.query(endDoc(side), { id: ended.id, version: 1, endedOn: '2017-01-01' }))[`${side}EndPost`]!;
  });

  const valid = () => ({ organizationId: org.id, title: uniqueName('职务'), holderId: fx.person.id, startedOn: '2021-01-01' });
  const appointCases: [string, () => Record<string, unknown>, ExpectedError][] = [
    ['a post that is taken (the seed’s 书记 in office)', () => ({ organizationId: fx.secretaryPost.organization.id, title: '书记', holderId: fixtures.chongqing.person.id, startedOn: '2024-01-01' }), { code: 'BAD_USER_INPUT', field: 'title', rule: 'post-taken' }],
    ['a post this side’s own organization filled in this test', () => ({ title: '副书记' }), { code: 'BAD_USER_INPUT', field: 'title', rule: 'post-taken' }],
    ['the same person to the same committee twice', () => ({ title: '委员', holderId: committee.holder.id }), { code: 'BAD_USER_INPUT', field: 'holderId', rule: 'duplicate' }],
    ['a dissolved organization', () => ({ organizationId: dissolved.id }), { code: 'BAD_USER_INPUT', field: 'organizationId', rule: 'dissolved' }],
    ['an organization of the other side', () => ({ organizationId: fixtures.chongqing.town.id }), { code: 'BAD_USER_INPUT', field: 'organizationId', rule: 'wrong-jurisdiction' }],
    ['an organization of this side that does not exist', () => ({ organizationId: 'sichuan:Organization:nobody' }), { code: 'NOT_FOUND', field: 'organizationId', rule: null }],
    ['a person of this side that does not exist', () => ({ holderId: 'sichuan:Person:nobody' }), { code: 'NOT_FOUND', field: 'holderId', rule: null, message: /^任职人：所引用的记录不存在 \/ holderId sichuan:Person:nobody does not exist$/ }],
    ['an organization as the holder', () => ({ holderId: fx.town.id }), { code: 'BAD_USER_INPUT', field: 'holderId', rule: 'wrong-type' }],
    ['a holder of neither side', () => ({ holderId: 'joint:Person:x' }), { code: 'BAD_USER_INPUT', field: 'holderId', rule: 'wrong-jurisdiction' }],
    ['a malformed holder ID', () => ({ holderId: 'Person:42' }), { code: 'BAD_USER_INPUT', field: 'holderId', rule: 'malformed-id' }],
    ['a start before the organization was founded', () => ({ startedOn: '2015-05-31' }), { code: 'BAD_USER_INPUT', field: 'startedOn', rule: 'before-founding' }],
    ['a start in the future', () => ({ startedOn: TOMORROW() }), { code: 'BAD_USER_INPUT', field: 'startedOn', rule: 'future-date' }],
    ['a blank title', () => ({ title: ' ' }), { code: 'BAD_USER_INPUT', field: 'title', rule: 'required' }],
    ['a title longer than 50 characters', () => ({ title: '职'.repeat(51) }), { code: 'BAD_USER_INPUT', field: 'title', rule: 'too-long' }],
    ['an alliance ID of a side', () => ({ allianceId: 'sichuan:Alliance:x' }), { code: 'BAD_USER_INPUT', field: 'allianceId', rule: 'wrong-jurisdiction' }],
    ['an organization ID as the alliance', () => ({ allianceId: 'joint:Organization:x' }), { code: 'BAD_USER_INPUT', field: 'allianceId', rule: 'wrong-type' }],
  ];
  test.each(appointCases)('appoint to %s', async (_what, change, expected) => {
    await expectRefused(federation, () => federation.query(appointDoc(side), { input: { ...valid(), ...change() } }), expected);
  });

  const endCases: [string, () => { id?: string; version?: number; endedOn?: string }, ExpectedError][] = [
    ['a day before it started', () => ({ endedOn: '2020-05-04' }), { code: 'BAD_USER_INPUT', field: 'endedOn', rule: 'before-start' }],
    ['a post already ended', () => ({ id: ended.id, version: ended.version }), { code: 'BAD_USER_INPUT', field: 'id', rule: 'ended' }],
    ['a day in the future', () => ({ endedOn: TOMORROW() }), { code: 'BAD_USER_INPUT', field: 'endedOn', rule: 'future-date' }],
    ['a post that does not exist', () => ({ id: 'sichuan:Post:nobody' }), { code: 'NOT_FOUND', field: 'id', rule: null, message: /^所填 ID 所指的记录不存在 \/ id sichuan:Post:nobody does not exist$/ }],
    ['a post of the other side', () => ({ id: 'chongqing:Post:x' }), { code: 'BAD_USER_INPUT', field: 'id', rule: 'wrong-jurisdiction' }],
    ['an organization ID', () => ({ id: org.id }), { code: 'BAD_USER_INPUT', field: 'id', rule: 'wrong-type' }],
    ['a stale version', () => ({ version: 2 }), { code: 'CONFLICT', rule: null }],
  ];
  test.each(endCases)('end %s', async (_what, make, expected) => {
    const { id = active.id, version = active.version, endedOn = '2024-01-01' } = make();
    await expectRefused(federation, () => federation.query(endDoc(side), { id, version, endedOn }), expected);
  });

  test('two clerks appoint different people to one free seat at once: one is appointed, the other told the post is taken', async () => {
    const seat = await createOrganization(federation, fx, { foundedOn: '2015-06-01' });
    const holders = [fx.person.id, fx.otherPerson.id, fixtures.chongqing.person.id, fixtures.chongqing.otherPerson.id];
    const answers = await Promise.all(
      holders.map((holderId) => federation.query(appointDoc(side), { input: { organizationId: seat.id, title: '书记', holderId, startedOn: '2022-02-02' } })),
    );
    const won = answers.filter((a) => !a.errors);
    expect(won).toHaveLength(1);
    for (const lost of answers.filter((a) => a.errors)) expectError(lost, { code: 'BAD_USER_INPUT', field: 'title', rule: 'post-taken' });
    const { rows } = await federation.subgraphs[side]!.pool.query(`SELECT holder_id FROM post WHERE organization_id = $1 AND title = '书记'`, [seat.id]);
    expect(rows).toEqual([{ holder_id: (won[0]!.data as Record<string, Post>)[`${side}AppointToPost`]!.holder.id }]);
  });

  test('a holder of the other side that does not exist is refused before the write: the gateway reads it at its home (crossStoreReferences.test.ts)', async () => {
    const title = uniqueName('联络员');
    await expectRefused(federation, () => federation.query(appointDoc(side), { input: { ...valid(), title, holderId: 'chongqing:Person:nobody' } }), { code: 'NOT_FOUND', field: 'holderId', rule: null });
    const { rows } = await federation.subgraphs[side]!.pool.query('SELECT holder_id FROM post WHERE title = $1', [title]);
    expect(rows).toEqual([]);
  });
});
