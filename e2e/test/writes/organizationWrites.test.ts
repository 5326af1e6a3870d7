import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startFederation, type Federation } from '@linju/testing';
import {
  appoint,
  asClerks,
  createOrganization,
  createOrganizationDoc,
  dataOf,
  expectRefused,
  loadFixtures,
  ORG_FIELDS,
  readBack,
  TOMORROW,
  uniqueName,
  type ExpectedError,
  type Org,
  type Side,
  type SideFixtures,
} from './writeSupport.ts';
import { runRepoCommand } from '../repoCommand.ts';

/** Organizations through the gateway: create, update, merge into a successor, dissolve; and every rule they keep. */

let federation: Federation;
let fixtures: Record<Side, SideFixtures>;
beforeAll(async () => {
  federation = asClerks(await startFederation());
  fixtures = await loadFixtures(federation);
});
afterAll(() => federation?.stop());

const updateDoc = (side: Side) =>
  `mutation ($id: ID!, $version: Int!, $input: OrganizationUpdateInput!, $key: String) { ${side}UpdateOrganization(id: $id, version: $version, input: $input, idempotencyKey: $key) { ${ORG_FIELDS} } }`;
const mergeDoc = (side: Side) =>
  `mutation ($id: ID!, $version: Int!, $successorId: ID!, $mergedOn: Date!, $key: String) { ${side}MergeOrganization(id: $id, version: $version, successorId: $successorId, mergedOn: $mergedOn, idempotencyKey: $key) { ${ORG_FIELDS} posts { id endedOn version } } }`;
const dissolveDoc = (side: Side) =>
  `mutation ($id: ID!, $version: Int!, $dissolvedOn: Date!, $key: String) { ${side}DissolveOrganization(id: $id, version: $version, dissolvedOn: $dissolvedOn, idempotencyKey: $key) { ${ORG_FIELDS} posts { id endedOn version } } }`;

const readOrganization = (side: Side, org: { id: string; name: string }) =>
  readBack<Org & { posts: { id: string; endedOn: string | null; version: number }[] }>(
    federation, side, 'organizations', { search: org.name }, org.id, `${ORG_FIELDS} posts { id endedOn version }`,
  );

describe.each(['sichuan', 'chongqing'] as const)('round trips on %s', (side) => {
  test('create: the new organization comes back resolved (region, parent, side), its name trimmed, and reads back the same', async () => {
    const fx = fixtures[side];
    const name = uniqueName('新建测试党支部');
    const response = await federation.query(createOrganizationDoc(side), {
      input: { name: `  ${name}\t `, kind: '党支部', level: '村', parentId: fx.town.id, regionId: fx.region.id, foundedOn: '2021-03-01' },
    });
    const created = dataOf<Record<string, Org>>(response)[`${side}CreateOrganization`]!;
    expect(created).toMatchObject({
      name, kind: '党支部', level: '村', foundedOn: '2021-03-01', dissolvedOn: null, version: 1,
      region: { id: fx.region.id, name: fx.region.name }, parent: { id: fx.town.id, name: fx.town.name },
      mergedInto: null, mergedFrom: [], jurisdiction: { key: side },
    });
    expect(created.id).toMatch(new RegExp(`^${side}:Organization:`));
    expect(await readOrganization(side, created)).toEqual({ ...created, posts: [] });
    const { rows } = await federation.subgraphs[side]!.pool.query('SELECT name FROM organization WHERE id = $1', [created.id]);
    expect(rows).toEqual([{ name }]);
  });

  test('update: only the given fields change, the version goes up by one, and the change reads back', async () => {
    const fx = fixtures[side];
    const org = await createOrganization(federation, fx);
    const name = uniqueName('改名测试党总支');
    const response = await federation.query(updateDoc(side), {
      id: org.id, version: org.version, input: { name: ` ${name} `, kind: '党总支', regionId: fx.otherRegion.id, parentId: null },
    });
    const updated = dataOf<Record<string, Org>>(response)[`${side}UpdateOrganization`]!;
    expect(updated).toMatchObject({
      id: org.id, name, kind: '党总支', level: org.level, foundedOn: org.foundedOn, version: org.version + 1,
      region: { id: fx.otherRegion.id }, parent: null,
    });
    expect(await readOrganization(side, updated)).toMatchObject({ ...updated, posts: [] });

    // Sent as null, a required field is left as it is; the version still counts the write.
    const again = dataOf<Record<string, Org>>(
      await federation.query(updateDoc(side), { id: org.id, version: updated.version, input: { name: null, level: '社区', parentId: fx.town.id } }),
    )[`${side}UpdateOrganization`]!;
    expect(again).toMatchObject({ name, level: '社区', parent: { id: fx.town.id }, version: updated.version + 1 });
  });

  test('merge: the organization is dissolved into its successor, history kept, its posts ended that day', async () => {
    const fx = fixtures[side];
    const merged = await createOrganization(federation, fx, { name: uniqueName('被撤并党支部'), foundedOn: '2015-05-01' });
    const successor = await createOrganization(federation, fx, { name: uniqueName('继任党总支'), kind: '党总支', foundedOn: '2016-01-01' });
    const post = await appoint(federation, side, { organizationId: merged.id, title: '书记', holderId: fx.person.id, startedOn: '2018-01-01' });

    const response = await federation.query(mergeDoc(side), { id: merged.id, version: merged.version, successorId: successor.id, mergedOn: '2023-12-31' });
    const result = dataOf<Record<string, Org & { posts: { id: string; endedOn: string | null; version: number }[] }>>(response)[`${side}MergeOrganization`]!;
    expect(result).toMatchObject({
      id: merged.id, name: merged.name, dissolvedOn: '2023-12-31', version: merged.version + 1,
      mergedInto: { id: successor.id, name: successor.name },
      posts: [{ id: post.id, endedOn: '2023-12-31', version: post.version + 1 }],
    });

    expect(await readOrganization(side, merged)).toMatchObject({ dissolvedOn: '2023-12-31', mergedInto: { id: successor.id } });
    const after = await readOrganization(side, successor);
    expect(after).toMatchObject({ dissolvedOn: null, mergedFrom: [{ id: merged.id }], version: successor.version });
  });

  test('dissolve: the organization keeps its row with the date it was dissolved, its posts ended', async () => {
    const fx = fixtures[side];
    const org = await createOrganization(federation, fx, { foundedOn: '2012-02-02' });
    const post = await appoint(federation, side, { organizationId: org.id, title: '副书记', holderId: fx.otherPerson.id, startedOn: '2019-09-09' });
    const response = await federation.query(dissolveDoc(side), { id: org.id, version: 1, dissolvedOn: '2024-06-30' });
    const result = dataOf<Record<string, Org & { posts: unknown[] }>>(response)[`${side}DissolveOrganization`]!;
    expect(result).toMatchObject({ id: org.id, dissolvedOn: '2024-06-30', mergedInto: null, version: 2, posts: [{ id: post.id, endedOn: '2024-06-30', version: 2 }] });
    expect(await readOrganization(side, org)).toMatchObject({ dissolvedOn: '2024-06-30', version: 2, posts: [{ id: post.id, endedOn: '2024-06-30' }] });
  });
});

describe('validation: every refused write names its field and rule, and changes nothing in any store', () => {
  const side: Side = 'sichuan';
  let fx: SideFixtures;
  let live: Org;
  let child: Org;
  let dissolved: Org;
  let withLatePost: Org;
  beforeAll(async () => {
    fx = fixtures[side];
    // A 党总支, which may lead its 党支部 (parent-kind).
    live = await createOrganization(federation, fx, { kind: '党总支', foundedOn: '2010-01-01' });
    child = await createOrganization(federation, fx, { parentId: live.id, foundedOn: '2011-01-01' });
    dissolved = await createOrganization(federation, fx, { foundedOn: '2010-01-01' });
    dissolved = dataOf<Record<string, Org>>(
      await federation.query(dissolveDoc(side), { id: dissolved.id, version: 1, dissolvedOn: '2020-01-01' }),
    )[`${side}DissolveOrganization`]!;
    withLatePost = await createOrganization(federation, fx, { foundedOn: '2010-01-01' });
    await appoint(federation, side, { organizationId: withLatePost.id, title: '书记', holderId: fx.person.id, startedOn: '2022-05-05' });
  });

  const valid = () => ({ name: uniqueName('校验党支部'), kind: '党支部', level: '村', parentId: fx.town.id, regionId: fx.region.id, foundedOn: '2020-01-01' });
  const other = () => fixtures.chongqing;

  const createCases: [string, () => Record<string, unknown>, ExpectedError][] = [
    ['a blank name', () => ({ name: '  \t ' }), { code: 'BAD_USER_INPUT', field: 'name', rule: 'required' }],
    ['a name longer than 100 characters', () => ({ name: '党'.repeat(101) }), { code: 'BAD_USER_INPUT', field: 'name', rule: 'too-long' }],
    ['a name hiding a zero-width space', () => ({ name: '磨溪\u200b党支部' }), { code: 'BAD_USER_INPUT', field: 'name', rule: 'malformed' }],
    ['an unknown kind', () => ({ kind: '党小组' }), { code: 'BAD_USER_INPUT', field: 'kind', rule: 'unknown-kind' }],
    ['an unknown level', () => ({ level: '街道' }), { code: 'BAD_USER_INPUT', field: 'level', rule: 'unknown-kind' }],
    ['a region of the other side', () => ({ regionId: other().region.id }), { code: 'BAD_USER_INPUT', field: 'regionId', rule: 'wrong-jurisdiction' }],
    ['an organization ID as the region', () => ({ regionId: fx.town.id }), { code: 'BAD_USER_INPUT', field: 'regionId', rule: 'wrong-type' }],
    ['a malformed region ID', () => ({ regionId: 'moxi-town' }), { code: 'BAD_USER_INPUT', field: 'regionId', rule: 'malformed-id' }],
    ['a joint-office ID as the region', () => ({ regionId: 'joint:Region:x' }), { code: 'BAD_USER_INPUT', field: 'regionId', rule: 'wrong-jurisdiction' }],
    ['a region of this side that does not exist', () => ({ regionId: 'sichuan:Region:atlantis' }), { code: 'NOT_FOUND', field: 'regionId', rule: null }],
    ['a parent that does not exist', () => ({ parentId: 'sichuan:Organization:nobody' }), { code: 'NOT_FOUND', field: 'parentId', rule: null }],
    ['a parent of the other side', () => ({ parentId: other().town.id }), { code: 'BAD_USER_INPUT', field: 'parentId', rule: 'wrong-jurisdiction' }],
    ['a dissolved parent', () => ({ parentId: dissolved.id }), { code: 'BAD_USER_INPUT', field: 'parentId', rule: 'dissolved' }],
    ['a founding date in the future', () => ({ foundedOn: TOMORROW() }), { code: 'BAD_USER_INPUT', field: 'foundedOn', rule: 'future-date' }],
    ['a founding date before the Party was founded', () => ({ parentId: null, foundedOn: '1899-01-01' }), { code: 'BAD_USER_INPUT', field: 'foundedOn', rule: 'too-early', message: /^日期 1899-01-01 早于中国共产党成立（1921-07-01），不可能正确/ }],
    ['a founding date the day before the Party’s', () => ({ parentId: null, foundedOn: '1921-06-30' }), { code: 'BAD_USER_INPUT', field: 'foundedOn', rule: 'too-early', message: /1921-07-01/ }],
    ['a founding date that does not exist', () => ({ foundedOn: '2021-02-29' }), { code: 'BAD_USER_INPUT', message: /foundedOn.*2021-02-29 does not exist/ }],
    ['a founding date that is not a date', () => ({ foundedOn: '01/03/2021' }), { code: 'BAD_USER_INPUT', message: /foundedOn/ }],
    // A branch registered twice: an organization is not withdrawn, so the second is refused, naming the first.
    // The same name typed with full-width letters and digits and a space in it: the same branch.
    ['the name of a live organization typed in full width, with a space', () => ({ name: `${live.name.slice(0, 2)}　${live.name.slice(2).replace(/[0-9a-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))}` }), { code: 'BAD_USER_INPUT', field: 'name', rule: 'duplicate', message: /^名称：党组织“测试党支部[0-9a-f]+”在同一上级组织下已经登记/ }],
    ['the name of a live organization under the same parent', () => ({ name: ` ${live.name} ` }), { code: 'BAD_USER_INPUT', field: 'name', rule: 'duplicate', message: /^名称：党组织“[^”]+”在同一上级组织下已经登记，同一组织只登记一次.* \/ .*already registered under sichuan:Organization:.* \(sichuan:Organization:/ }],
  ];
  test.each(createCases)('create with %s', async (_what, change, expected) => {
    await expectRefused(federation, () => federation.query(createOrganizationDoc(side), { input: { ...valid(), ...change() } }), expected);
  });

  test('a name is its own among its siblings only: the same name under another parent, or a dissolved namesake’s, is taken; a top-level namesake of the region is not', async () => {
    const elsewhere = await createOrganization(federation, fx, { name: live.name, parentId: live.id, foundedOn: '2012-01-01' });
    expect(elsewhere).toMatchObject({ name: live.name, parent: { id: live.id } });
    const refounded = await createOrganization(federation, fx, { name: dissolved.name, foundedOn: '2021-01-01' });
    expect(refounded).toMatchObject({ name: dissolved.name, dissolvedOn: null });
    const top = await createOrganization(federation, fx, { parentId: null, foundedOn: '2012-01-01' });
    await expectRefused(federation, () => federation.query(createOrganizationDoc(side), { input: { ...valid(), parentId: null, name: top.name } }), { code: 'BAD_USER_INPUT', field: 'name', rule: 'duplicate', message: /同一区划的顶级组织中/ });
    // Renaming to its own name, or a change that leaves its name and place, is no conflict with itself.
    const same = dataOf<Record<string, Org>>(await federation.query(updateDoc(side), { id: top.id, version: top.version, input: { name: top.name, kind: '党总支' } }))[`${side}UpdateOrganization`]!;
    expect(same).toMatchObject({ name: top.name, kind: '党总支', version: top.version + 1 });
  });

  test('two clerks registering the same branch at the same moment: one is registered, the other refused', async () => {
    const input = { ...valid(), foundedOn: '2021-01-01' };
    const answers = await Promise.all([0, 1, 2].map(() => federation.query(createOrganizationDoc(side), { input })));
    const written = answers.filter((answer) => !answer.errors?.length);
    expect(written).toHaveLength(1);
    expect(answers.filter((answer) => answer.errors?.[0]?.extensions?.rule === 'duplicate')).toHaveLength(2);
  });

  test('create founded on the day the Party was founded: the earliest founding date', async () => {
    const founded = await createOrganization(federation, fx, { parentId: null, foundedOn: '1921-07-01' });
    expect(founded.foundedOn).toBe('1921-07-01');
  });

  const updateCases: [string, () => { id?: string; version?: number; input: Record<string, unknown> }, ExpectedError][] = [
    ['an input that changes nothing', () => ({ input: {} }), { code: 'BAD_USER_INPUT', field: 'input', rule: 'required' }],
    ['a blank name', () => ({ input: { name: ' ' } }), { code: 'BAD_USER_INPUT', field: 'name', rule: 'required' }],
    ['itself as its parent', () => ({ input: { parentId: live.id } }), { code: 'BAD_USER_INPUT', field: 'parentId', rule: 'self-reference' }],
    ['its own child as its parent', () => ({ input: { parentId: child.id } }), { code: 'BAD_USER_INPUT', field: 'parentId', rule: 'self-reference' }],
    ['a dissolved parent', () => ({ input: { parentId: dissolved.id } }), { code: 'BAD_USER_INPUT', field: 'parentId', rule: 'dissolved' }],
    ['a region that does not exist', () => ({ input: { regionId: 'sichuan:Region:atlantis' } }), { code: 'NOT_FOUND', field: 'regionId', rule: null }],
    ['an ID of the other side', () => ({ id: other().town.id, input: { name: 'x' } }), { code: 'BAD_USER_INPUT', field: 'id', rule: 'wrong-jurisdiction' }],
    ['a person ID', () => ({ id: fx.person.id, input: { name: 'x' } }), { code: 'BAD_USER_INPUT', field: 'id', rule: 'wrong-type' }],
    ['an organization of this side that does not exist', () => ({ id: 'sichuan:Organization:nobody', input: { name: 'x' } }), { code: 'NOT_FOUND', field: 'id', rule: null }],
    ['a stale version', () => ({ version: 0, input: { name: 'x' } }), { code: 'CONFLICT', rule: null }],
    ['the name of a live sibling', () => ({ input: { name: withLatePost.name } }), { code: 'BAD_USER_INPUT', field: 'name', rule: 'duplicate', message: /同一上级组织下已经登记/ }],
  ];
  test.each(updateCases)('update with %s', async (_what, make, expected) => {
    const { id = live.id, version = live.version, input } = make();
    await expectRefused(federation, () => federation.query(updateDoc(side), { id, version, input }), expected);
  });

  const mergeCases: [string, () => { id?: string; version?: number; successorId?: string; mergedOn?: string }, ExpectedError][] = [
    ['itself as the successor', () => ({ successorId: live.id }), { code: 'BAD_USER_INPUT', field: 'successorId', rule: 'self-reference' }],
    ['a dissolved successor', () => ({ successorId: dissolved.id }), { code: 'BAD_USER_INPUT', field: 'successorId', rule: 'dissolved' }],
    ['a successor dissolved in the seed (merged in 2017)', () => ({ successorId: fx.dissolved!.id }), { code: 'BAD_USER_INPUT', field: 'successorId', rule: 'dissolved' }],
    ['an organization already dissolved', () => ({ id: dissolved.id, version: dissolved.version, successorId: live.id }), { code: 'BAD_USER_INPUT', field: 'id', rule: 'dissolved' }],
    ['a successor that does not exist', () => ({ successorId: 'sichuan:Organization:nobody' }), { code: 'NOT_FOUND', field: 'successorId', rule: null }],
    ['a successor of the other side', () => ({ successorId: other().town.id }), { code: 'BAD_USER_INPUT', field: 'successorId', rule: 'wrong-jurisdiction' }],
    ['a date before the successor was founded', () => ({ successorId: child.id, mergedOn: '2010-06-01' }), { code: 'BAD_USER_INPUT', field: 'mergedOn', rule: 'before-founding' }],
    ['a date before the organization was founded', () => ({ mergedOn: '2009-12-31' }), { code: 'BAD_USER_INPUT', field: 'mergedOn', rule: 'before-founding' }],
    ['a date in the future', () => ({ mergedOn: TOMORROW() }), { code: 'BAD_USER_INPUT', field: 'mergedOn', rule: 'future-date' }],
    // The late check: everything about the two organizations is right, but a post began after that day.
    ['a date before one of its posts started', () => ({ id: withLatePost.id, mergedOn: '2021-01-01' }), { code: 'BAD_USER_INPUT', field: 'mergedOn', rule: 'before-start' }],
    ['a stale version', () => ({ version: 7 }), { code: 'CONFLICT', rule: null }],
  ];
  test.each(mergeCases)('merge with %s', async (_what, make, expected) => {
    const { id = live.id, version = 1, successorId = fx.town.id, mergedOn = '2024-01-01' } = make();
    await expectRefused(federation, () => federation.query(mergeDoc(side), { id, version, successorId, mergedOn }), expected);
  });

  const dissolveCases: [string, () => { id?: string; version?: number; dissolvedOn?: string }, ExpectedError][] = [
    ['an organization already dissolved', () => ({ id: dissolved.id, version: dissolved.version }), { code: 'BAD_USER_INPUT', field: 'id', rule: 'dissolved' }],
    ['a date before it was founded', () => ({ dissolvedOn: '2009-01-01' }), { code: 'BAD_USER_INPUT', field: 'dissolvedOn', rule: 'before-founding' }],
    ['a date before one of its posts started', () => ({ id: withLatePost.id, dissolvedOn: '2021-01-01' }), { code: 'BAD_USER_INPUT', field: 'dissolvedOn', rule: 'before-start' }],
    ['a date in the future', () => ({ dissolvedOn: TOMORROW() }), { code: 'BAD_USER_INPUT', field: 'dissolvedOn', rule: 'future-date' }],
    ['an organization that does not exist', () => ({ id: 'sichuan:Organization:nobody' }), { code: 'NOT_FOUND', field: 'id', rule: null }],
    ['an alliance ID', () => ({ id: 'joint:Alliance:sweet-potato-chain' }), { code: 'BAD_USER_INPUT', field: 'id', rule: 'wrong-jurisdiction' }],
  ];
  test.each(dissolveCases)('dissolve with %s', async (_what, make, expected) => {
    const { id = live.id, version = 1, dissolvedOn = '2024-01-01' } = make();
    await expectRefused(federation, () => federation.query(dissolveDoc(side), { id, version, dissolvedOn }), expected);
  });

  test('the organizations the refusals were tried on are as they were', async () => {
    expect(await readOrganization(side, live)).toMatchObject({ ...live, version: 1, dissolvedOn: null });
    expect(await readOrganization(side, withLatePost)).toMatchObject({ version: 1, dissolvedOn: null, posts: [{ endedOn: null, version: 1 }] });
  });
});

describe('the tree’s kinds: a 党委 leads 党委, 党总支 and 党支部, a 党总支 党支部 only, a 党支部 none (parent-kind); nothing written when refused', () => {
  const side: Side = 'sichuan';
  let fx: SideFixtures;
  /** A committee under the town's, a general branch under it, a branch under that: written in order, each under the one before. */
  let committee: Org, general: Org, branch: Org;
  beforeAll(async () => {
    fx = fixtures[side];
    const under = (parent: Org | undefined, label: string, kind: string, level: string, foundedOn: string) =>
      createOrganization(federation, fx, { name: uniqueName(label), kind, level, foundedOn, ...(parent && { parentId: parent.id }) });
    committee = await under(undefined, '树测试党委', '党委', '乡镇', '2010-01-01');
    general = await under(committee, '树测试党总支', '党总支', '村', '2011-01-01');
    branch = await under(general, '树测试党支部', '党支部', '村', '2012-01-01');
  });
  const parents = { 党委: () => committee, 党总支: () => general, 党支部: () => branch } as const;
  const update = (org: Org, input: Record<string, unknown>) => federation.query(updateDoc(side), { id: org.id, version: org.version, input });
  const merge = (org: Org, successor: Org) => federation.query(mergeDoc(side), { id: org.id, version: org.version, successorId: successor.id, mergedOn: '2024-01-01' });

  const allowed: [keyof typeof parents, string][] = [['党委', '党委'], ['党委', '党总支'], ['党委', '党支部'], ['党总支', '党支部']];
  test.each(allowed)('create: a %s leads a new %s', async (parent, kind) => {
    expect(await createOrganization(federation, fx, { kind, parentId: parents[parent]().id, foundedOn: '2020-01-01' })).toMatchObject({ kind, parent: { id: parents[parent]().id } });
  });

  const refused: [keyof typeof parents, string, RegExp][] = [
    ['党总支', '党委', /^上级党组织：党总支只能领导党支部；“树测试党总支[0-9a-f]+”（党总支）不能作为党委的上级 \/ parentId sichuan:Organization:\S+ is a 党总支, which leads 党支部 only: a 党委 cannot be placed under it$/],
    ['党总支', '党总支', /^上级党组织：党总支只能领导党支部；“树测试党总支[0-9a-f]+”（党总支）不能作为党总支的上级 \/ /],
    ['党支部', '党委', /^上级党组织：党支部下不能设立下级党组织；“树测试党支部[0-9a-f]+”（党支部）不能作为党委的上级 \/ .* which leads no organization/],
    ['党支部', '党总支', /^上级党组织：党支部下不能设立下级党组织；“树测试党支部[0-9a-f]+”（党支部）不能作为党总支的上级 \/ /],
    ['党支部', '党支部', /^上级党组织：党支部下不能设立下级党组织；“树测试党支部[0-9a-f]+”（党支部）不能作为党支部的上级 \/ /],
  ];
  test.each(refused)('create: a %s cannot lead a new %s', async (parent, kind, message) => {
    const input = { name: uniqueName('树测试下级'), kind, level: '村', parentId: parents[parent]().id, regionId: fx.region.id, foundedOn: '2020-01-01' };
    await expectRefused(federation, () => federation.query(createOrganizationDoc(side), { input }), { code: 'BAD_USER_INPUT', field: 'parentId', rule: 'parent-kind', message });
  });

  test('update: moved under a 党支部, or a 党总支 under a 党总支, refused; moved under a 党委, allowed', async () => {
    const moved = await createOrganization(federation, fx, { name: uniqueName('树测试移动党支部'), foundedOn: '2020-01-01' });
    await expectRefused(federation, () => update(moved, { parentId: branch.id }), { code: 'BAD_USER_INPUT', field: 'parentId', rule: 'parent-kind', message: /^上级党组织：党支部下不能设立下级党组织；“树测试党支部[0-9a-f]+”（党支部）不能作为党支部的上级/ });
    const movedGeneral = await createOrganization(federation, fx, { name: uniqueName('树测试移动党总支'), kind: '党总支', foundedOn: '2020-01-01' });
    await expectRefused(federation, () => update(movedGeneral, { parentId: general.id }), { code: 'BAD_USER_INPUT', field: 'parentId', rule: 'parent-kind', message: /党总支只能领导党支部/ });
    // A new kind with a new parent is checked together: a 党总支 made a 党支部 may go under a 党总支.
    const both = dataOf<Record<string, Org>>(await update(movedGeneral, { kind: '党支部', parentId: general.id }))[`${side}UpdateOrganization`]!;
    expect(both).toMatchObject({ kind: '党支部', parent: { id: general.id } });
    expect(dataOf<Record<string, Org>>(await update(moved, { parentId: committee.id }))[`${side}UpdateOrganization`]!).toMatchObject({ parent: { id: committee.id } });
  });

  test('update: a new kind with the same parent sent back is refused on kind; one that leaves its parent (parentId null) is not checked against it', async () => {
    const leaving = await createOrganization(federation, fx, { name: uniqueName('树测试离开党支部'), parentId: general.id, foundedOn: '2020-01-01' });
    // A form sends every field: the parent unchanged, the kind new, so the kind is what is refused.
    await expectRefused(federation, () => update(leaving, { kind: '党委', parentId: general.id }), { code: 'BAD_USER_INPUT', field: 'kind', rule: 'parent-kind', message: /^类别：党总支只能领导党支部/ });
    // Made a top-level 党委 in one write: the 党总支 it leaves leads it no more.
    expect(dataOf<Record<string, Org>>(await update(leaving, { kind: '党委', parentId: null }))[`${side}UpdateOrganization`]!).toMatchObject({ kind: '党委', parent: null });
  });

  test('update: a new kind its parent cannot lead, or its organizations cannot be led by, is refused on kind, naming them', async () => {
    // Under a 党总支, a 党支部 cannot become a 党总支.
    await expectRefused(federation, () => update(branch, { kind: '党总支' }), { code: 'BAD_USER_INPUT', field: 'kind', rule: 'parent-kind', message: /^类别：党总支只能领导党支部；“树测试党总支[0-9a-f]+”（党总支）不能作为党总支的上级 \/ / });
    // A 党总支 with a 党支部 under it cannot become a 党支部; a 党委 with a 党总支 under it neither a 党支部 nor a 党总支.
    await expectRefused(federation, () => update(general, { kind: '党支部' }), { code: 'BAD_USER_INPUT', field: 'kind', rule: 'parent-kind', message: /^类别：该组织下有党支部“树测试党支部[0-9a-f]+”，党支部下不能设立下级党组织；请先将其下级党组织调整到能领导它们的组织下，再修改组织类别 \/ / });
    await expectRefused(federation, () => update(committee, { kind: '党支部' }), { code: 'BAD_USER_INPUT', field: 'kind', rule: 'parent-kind', message: /^类别：该组织下有党总支“树测试党总支[0-9a-f]+”，党支部下不能设立下级党组织/ });
    await expectRefused(federation, () => update(committee, { kind: '党总支' }), { code: 'BAD_USER_INPUT', field: 'kind', rule: 'parent-kind', message: /^类别：该组织下有党总支“树测试党总支[0-9a-f]+”，党总支只能领导党支部/ });
    // A committee whose organizations are all 党支部 may become a 党总支; a dissolved 党总支 under it does not count.
    const small = await createOrganization(federation, fx, { name: uniqueName('树测试小党委'), kind: '党委', level: '乡镇', foundedOn: '2010-01-01' });
    await createOrganization(federation, fx, { parentId: small.id, foundedOn: '2015-01-01' });
    const gone = await createOrganization(federation, fx, { kind: '党总支', parentId: small.id, foundedOn: '2015-01-01' });
    dataOf(await federation.query(dissolveDoc(side), { id: gone.id, version: gone.version, dissolvedOn: '2020-01-01' }));
    expect(dataOf<Record<string, Org>>(await update(small, { kind: '党总支' }))[`${side}UpdateOrganization`]!).toMatchObject({ kind: '党总支' });
  });

  test('a stored organization that broke the rule before it (a production store’s old row) may still be renamed, its kind and parent sent unchanged; a change of either is checked; tree:check lists it', async () => {
    const old = await createOrganization(federation, fx, { name: uniqueName('树测试旧党支部'), foundedOn: '2015-01-01' });
    // As a store written before the rule holds it: a 党支部 under a 党支部.
    await federation.subgraphs[side]!.pool.query('UPDATE organization SET parent_id = $1 WHERE id = $2', [branch.id, old.id]);
    // `npm run tree:check` lists it (and nothing of the seed's or the other tests'), naming both.
    const check = () => runRepoCommand(['scripts/check-tree.ts', side], { SICHUAN_DATABASE_URL: (federation.subgraphs[side]!.pool.options as { connectionString: string }).connectionString });
    const listed = await check();
    expect([listed.code, listed.stdout.trim().split('\n')]).toEqual([1, [expect.stringMatching(/^sichuan: 1 live organization\(s\) under one whose kind cannot lead them/), `  ${old.name}（党支部，${old.id}）在 ${branch.name}（党支部，${branch.id}）之下`]]);
    const renamed = dataOf<Record<string, Org>>(await update(old, { name: uniqueName('树测试旧党支部更名'), kind: '党支部', parentId: branch.id }))[`${side}UpdateOrganization`]!;
    expect(renamed).toMatchObject({ kind: '党支部', parent: { id: branch.id }, version: old.version + 1 });
    await expectRefused(federation, () => update(renamed, { kind: '党总支' }), { code: 'BAD_USER_INPUT', field: 'kind', rule: 'parent-kind' });
    // Moved under a committee: the store holds none any more.
    dataOf(await update(renamed, { parentId: committee.id }));
    expect(await check()).toMatchObject({ code: 0, stdout: 'sichuan: every live organization is under one whose kind may lead it\n' });
  });

  test('merge: the successor must be able to lead the merged organization’s live organizations, which stay under it', async () => {
    const merged = await createOrganization(federation, fx, { name: uniqueName('树测试被撤并党总支'), kind: '党总支', foundedOn: '2010-01-01' });
    const below = await createOrganization(federation, fx, { name: uniqueName('树测试下属党支部'), parentId: merged.id, foundedOn: '2012-01-01' });
    const intoBranch = await createOrganization(federation, fx, { name: uniqueName('树测试承继党支部'), foundedOn: '2010-01-01' });
    await expectRefused(federation, () => merge(merged, intoBranch), {
      code: 'BAD_USER_INPUT', field: 'successorId', rule: 'parent-kind',
      message: /^承继组织：该组织下有党支部“树测试下属党支部[0-9a-f]+”，承继组织“树测试承继党支部[0-9a-f]+”是党支部，党支部下不能设立下级党组织；/,
    });
    // A committee with a 党总支 under it cannot be merged into a 党总支 either.
    await expectRefused(federation, () => merge(committee, general), { code: 'BAD_USER_INPUT', field: 'successorId', rule: 'parent-kind', message: /党总支只能领导党支部/ });
    // Into a 党总支, the branch may be led: merged, the branch stays under it, as before.
    const intoGeneral = await createOrganization(federation, fx, { name: uniqueName('树测试承继党总支'), kind: '党总支', foundedOn: '2010-01-01' });
    expect(dataOf<Record<string, Org>>(await merge(merged, intoGeneral))[`${side}MergeOrganization`]!).toMatchObject({ dissolvedOn: '2024-01-01', mergedInto: { id: intoGeneral.id } });
    expect(await readOrganization(side, below)).toMatchObject({ dissolvedOn: null, parent: { id: merged.id } });
    // A 党支部 with no organization under it may be merged into a 党支部 (the seed's merger: two branches into a 党总支).
    const lone = await createOrganization(federation, fx, { name: uniqueName('树测试单独党支部'), foundedOn: '2010-01-01' });
    expect(dataOf<Record<string, Org>>(await merge(lone, intoBranch))[`${side}MergeOrganization`]!).toMatchObject({ mergedInto: { id: intoBranch.id } });
  });
});
