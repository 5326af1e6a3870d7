import { afterAll, beforeAll, expect, test } from 'vitest';
import { federationSnapshot, startFederation, type Federation } from '@linju/testing';
import { asClerks, dataOf, expectError, expectRefused, loadFixtures, newKey, uniqueName, type SideFixtures, type Side } from './writeSupport.ts';

/**
 * A write naming another store's record (an alliance's members, a post's holder of the other side,
 * a record's alliance) is checked by the gateway before it is sent: the owner cannot read the
 * other store. A reference that names no record refuses the whole mutation (NOT_FOUND on the
 * argument) and nothing is written anywhere; a home that cannot answer refuses it as unverifiable.
 * The check reads each referenced home once, and a write naming no other store reads nothing.
 */

let federation: Federation;
/** Writes as the operator of the store they write (the joint office's too), reads as a viewer. */
let clerks: Federation;
let fixtures: Record<Side, SideFixtures>;

beforeAll(async () => {
  federation = await startFederation();
  const sides = asClerks(federation);
  clerks = { ...sides, query: (document, variables, options) => sides.query(document, variables, options ?? (JOINT_WRITE.test(String(document)) ? { as: 'joint-operator' } : undefined)) };
  fixtures = await loadFixtures(clerks);
});
afterAll(() => federation?.stop());

const JOINT_WRITE = /^mutation[^{]*\{\s*(createAlliance|addAllianceMember|signAgreement)\(/;
const live = (side: Side, i: number) => fixtures[side].organizations.filter((o) => !o.dissolvedOn)[i]!.id;
/** An ID of the right form and home that names nothing: a typo. */
const typo = (id: string) => `${id}-typo`;

const CREATE = `mutation ($input: AllianceInput!) { createAlliance(input: $input) { id members { organization { ... on Organization { name } } } } }`;
const CREATE_BARE = `mutation ($input: AllianceInput!) { createAlliance(input: $input) { id } }`;
const ADD = `mutation ($allianceId: ID!, $version: Int!, $organizationId: ID!, $joinedOn: Date!) {
  addAllianceMember(allianceId: $allianceId, version: $version, organizationId: $organizationId, joinedOn: $joinedOn) { id version members { organization { id } } } }`;
const SIGN = `mutation ($input: AgreementInput!) { signAgreement(input: $input) { id } }`;
const COUNT = `{ alliances { totalCount } }`;

const allianceCount = async () => dataOf<{ alliances: { totalCount: number } }>(await clerks.query(COUNT)).alliances.totalCount;
const sortedCalls = () => [...federation.subgraphCalls].sort();

const allianceInput = (name: string, memberIds: string[]) => ({ kind: '毗邻乡镇党建联建', name, foundedOn: '2024-05-01', memberIds });

test("QA's case: createAlliance with a typo'd member is refused NOT_FOUND and writes nothing; the corrected one is created under the same name", async () => {
  const name = uniqueName('QA错填成员');
  const before = await allianceCount();
  const input = allianceInput(name, [typo(live('sichuan', 0)), live('chongqing', 0)]);
  // As QA typed it in the explorer (literals), with and without members in the selection, and with variables.
  const literal = (selection: string) =>
    `mutation { createAlliance(input: { kind: "毗邻乡镇党建联建", name: ${JSON.stringify(name)}, foundedOn: "2024-05-01", memberIds: ${JSON.stringify(input.memberIds)} }) { ${selection} } }`;
  for (const [document, variables] of [[literal('id members { organization { ... on Organization { name } } }'), undefined], [literal('id'), undefined], [CREATE, { input }], [CREATE_BARE, { input }]] as const) {
    federation.resetCalls();
    const error = await expectRefused(federation, () => clerks.query(document, variables), { code: 'NOT_FOUND', field: 'memberIds[0]', message: /^第 1 个成员组织 ID 在四川省的库中不存在，请核对；联盟未创建 \/ / });
    expect(error.message).toContain(typo(live('sichuan', 0)));
    // Under the write's root field, as the owner's own refusals are.
    expect(error.path).toEqual(['createAlliance']);
    // Each referenced side read once; the joint store never asked to write.
    expect(sortedCalls()).toEqual(['chongqing', 'sichuan']);
  }
  expect(await allianceCount()).toBe(before);

  federation.resetCalls();
  const created = dataOf<{ createAlliance: { id: string } }>(await clerks.query(CREATE_BARE, { input: { ...input, memberIds: [live('sichuan', 0), live('chongqing', 0)] } }));
  expect(created.createAlliance.id).toMatch(/^joint:Alliance:/);
  // One read per side, however many members, then the write.
  expect(sortedCalls()).toEqual(['chongqing', 'joint', 'sichuan']);
  expect(await allianceCount()).toBe(before + 1);
});

test('every missing member is named, each by its place in the list; IDs of the same side cost one read', async () => {
  federation.resetCalls();
  const input = allianceInput(uniqueName('两个错填'), [live('sichuan', 0), typo(live('sichuan', 1)), live('chongqing', 0), typo(live('chongqing', 1))]);
  const response = await clerks.query(CREATE_BARE, { input });
  expect(response.errors?.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([
    ['NOT_FOUND', 'memberIds[1]'],
    ['NOT_FOUND', 'memberIds[3]'],
  ]);
  expect(response.errors?.[1]?.message).toMatch(/^第 4 个成员组织 ID 在重庆市的库中不存在/);
  expect(sortedCalls()).toEqual(['chongqing', 'sichuan']);
});

test('a member dissolved before the founding day is refused as the sides refuse their own; many IDs of one side are still one read', async () => {
  const dissolved = fixtures.sichuan.dissolved!;
  expect(dissolved.dissolvedOn! < '2024-05-01').toBe(true);
  await expectRefused(federation, () => clerks.query(CREATE_BARE, { input: allianceInput(uniqueName('撤销成员'), [dissolved.id, live('chongqing', 0)]) }), {
    code: 'BAD_USER_INPUT',
    rule: 'dissolved',
    field: 'memberIds[0]',
    message: new RegExp(`^第 \\d+ 个成员组织已于 ${dissolved.dissolvedOn} 撤销，早于 2024-05-01；联盟未创建`),
  });

  // 150 of one side (two pages of filter.ids) and one of the other: one call each.
  const many = Array.from({ length: 150 }, (_, i) => typo(`${live('sichuan', 0)}-${i}`));
  federation.resetCalls();
  const response = await clerks.query(CREATE_BARE, { input: allianceInput(uniqueName('多成员'), [...many, live('chongqing', 0)]) });
  expect(response.errors?.map((e) => e.extensions?.field)).toEqual(many.map((_, i) => `memberIds[${i}]`));
  expect(sortedCalls()).toEqual(['chongqing', 'sichuan']);
});

test('an ID pasted with a space or a line break around it is checked as the stores take it (trimmed): a typo refused, a live one accepted', async () => {
  const name = uniqueName('带空格成员');
  federation.resetCalls();
  await expectRefused(federation, () => clerks.query(CREATE_BARE, { input: allianceInput(name, [`${typo(live('sichuan', 0))} `, live('chongqing', 0)]) }), {
    code: 'NOT_FOUND',
    field: 'memberIds[0]',
    message: /^第 1 个成员组织 ID 在四川省的库中不存在，请核对；联盟未创建 \/ /,
  });
  expect(sortedCalls()).toEqual(['chongqing', 'sichuan']);
  const created = dataOf<{ createAlliance: { id: string } }>(await clerks.query(CREATE_BARE, { input: allianceInput(name, [` ${live('sichuan', 0)}\n`, live('chongqing', 0)]) }));
  expect(created.createAlliance.id).toMatch(/^joint:Alliance:/);
});

test('addAllianceMember of an organization that does not exist is refused and the alliance is unchanged; the corrected one joins', async () => {
  const created = dataOf<{ createAlliance: { id: string } }>(await clerks.query(CREATE_BARE, { input: allianceInput(uniqueName('加入'), [live('sichuan', 0), live('chongqing', 0)]) }));
  const id = created.createAlliance.id;
  const args = { allianceId: id, version: 1, organizationId: typo(live('chongqing', 1)), joinedOn: '2024-06-01' };
  federation.resetCalls();
  await expectRefused(federation, () => clerks.query(ADD, args), { code: 'NOT_FOUND', field: 'organizationId', message: /^加入的党组织 ID 在重庆市的库中不存在，请核对；成员未加入/ });
  expect(sortedCalls()).toEqual(['chongqing']);
  const joined = dataOf<{ addAllianceMember: { version: number; members: { organization: { id: string } }[] } }>(await clerks.query(ADD, { ...args, organizationId: live('chongqing', 1) }));
  expect(joined.addAllianceMember.version).toBe(2);
  expect(joined.addAllianceMember.members.map((m) => m.organization.id)).toContain(live('chongqing', 1));
});

test('signAgreement with a signatory that does not exist is refused', async () => {
  const input = { title: uniqueName('协议'), signedOn: '2024-05-02', signatoryIds: [live('sichuan', 0), typo(live('chongqing', 0))], items: [{ category: '党建共抓', title: '联合主题党日' }] };
  await expectRefused(federation, () => clerks.query(SIGN, { input }), { code: 'NOT_FOUND', field: 'signatoryIds[1]', message: /^第 2 个签署方党组织 ID 在重庆市的库中不存在，请核对；协议未签署/ });
});

test("a side's writes: a cross-appointment's holder of the other side and a record's alliance must exist at their homes", async () => {
  const side: Side = 'sichuan';
  const organizationId = fixtures[side].town.id;
  const appoint = `mutation ($input: PostInput!) { sichuanAppointToPost(input: $input) { id holder { id } } }`;
  const holder = fixtures.chongqing.person.id;
  await expectRefused(federation, () => clerks.query(appoint, { input: { organizationId, title: '委员', holderId: typo(holder), startedOn: '2024-05-01' } }), {
    code: 'NOT_FOUND',
    field: 'holderId',
    message: /^任职人 ID 在重庆市的库中不存在，请核对；任职未登记/,
  });
  const record = `mutation ($input: ActivityInput!) { sichuanRecordActivity(input: $input) { id } }`;
  const activity = { kind: '座谈交流', title: uniqueName('活动'), heldOn: '2024-05-03', organizerId: organizationId, allianceId: 'joint:Alliance:no-such-alliance' };
  federation.resetCalls();
  await expectRefused(federation, () => clerks.query(record, { input: activity }), { code: 'NOT_FOUND', field: 'allianceId', message: /^所属联盟 ID 在遂潼联合办公室的库中不存在/ });
  expect(sortedCalls()).toEqual(['joint']);

  // A holder of the other side that exists: one read of that side, then the write.
  federation.resetCalls();
  const post = dataOf<{ sichuanAppointToPost: { holder: { id: string } } }>(await clerks.query(appoint, { input: { organizationId, title: '委员', holderId: holder, startedOn: '2024-05-01' } }));
  expect(post.sichuanAppointToPost.holder.id).toBe(holder);
  expect(federation.subgraphCalls.filter((name) => name === 'chongqing').length).toBeGreaterThanOrEqual(1);
  expect(federation.subgraphCalls[0]).toBe('chongqing');
});

test('a write naming no other store, or an ID of its own store only, costs no extra call', async () => {
  const side: Side = 'sichuan';
  const record = `mutation ($input: ActivityInput!) { sichuanRecordActivity(input: $input) { id } }`;
  federation.resetCalls();
  dataOf(await clerks.query(record, { input: { kind: '座谈交流', title: uniqueName('活动'), heldOn: '2024-05-03', organizerId: fixtures[side].town.id } }));
  expect(federation.subgraphCalls).toEqual(['sichuan']);
  // A holder of the side's own: its owner checks it in its transaction.
  federation.resetCalls();
  const appoint = `mutation ($input: PostInput!) { sichuanAppointToPost(input: $input) { id } }`;
  dataOf(await clerks.query(appoint, { input: { organizationId: fixtures[side].town.id, title: '委员', holderId: fixtures[side].otherPerson.id, startedOn: '2024-05-01' } }));
  expect(federation.subgraphCalls).toEqual(['sichuan']);
});

test('a caller who may not make the write is refused by the owner as before: nothing is read for it', async () => {
  federation.resetCalls();
  const response = await federation.query(CREATE_BARE, { input: allianceInput(uniqueName('查看者'), [typo(live('sichuan', 0)), live('chongqing', 0)]) }, { as: 'viewer' });
  expectError(response, { code: 'FORBIDDEN' });
  expect(federation.subgraphCalls).toEqual(['joint']);
});

test('a referenced side down: the write is refused as unverifiable and nothing is written', async () => {
  const before = await allianceCount();
  await federation.stopSubgraph('sichuan');
  try {
    const joint = await federationSnapshot({ joint: federation.subgraphs.joint! });
    const response = await clerks.query(CREATE_BARE, { input: allianceInput(uniqueName('四川停机'), [live('sichuan', 0), live('chongqing', 0)]) });
    expect(response.data ?? null).toBeNull();
    const error = response.errors?.[0];
    expect([error?.extensions?.code, error?.extensions?.field]).toEqual(['SUBGRAPH_UNAVAILABLE', 'memberIds[0]']);
    expect(error?.message).toMatch(/^暂时无法核对成员组织 ID：四川省的数据暂不可用，联盟未创建，未写入，请稍后再试 \/ /);
    expect(await federationSnapshot({ joint: federation.subgraphs.joint! })).toEqual(joint);
  } finally {
    await federation.startSubgraph('sichuan');
  }
  expect(await allianceCount()).toBe(before);
});
