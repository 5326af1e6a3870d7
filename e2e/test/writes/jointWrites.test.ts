import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startFederation, type Federation, type GraphQLResponse } from '@linju/testing';
import { federationSnapshot } from '@linju/testing';
import { jurisdictionByKey } from '@linju/contract';
import { figureRollupDifferences } from '@linju/jurisdiction-service';
import { H1_2021, SEED_000_TOTALS } from '../federation/seedFigures.ts';
import { changedStores, dataOf, expectError, expectRefused, newKey, TOMORROW, uniqueName, type ExpectedError, type Side } from './writeSupport.ts';

/**
 * The joint (遂潼) office's writes through the gateway, on the real stores: alliances created
 * across the border, members of either side joining and leaving (history kept), agreements signed
 * with their cooperation items, alliances closed. Each answer is resolved through the gateway (the
 * members' names come from their homes), each write lands in the joint store and nowhere else,
 * every rule refuses bad input with its code and changes nothing in any store, a retried write is
 * written once, and of two changes made from one read only one wins.
 */

let federation: Federation;
/** Live seed organizations of each side, with the names their homes give them. */
let orgs: Record<Side, { id: string; name: string }[]>;

beforeAll(async () => {
  federation = await startFederation();
  const data = dataOf<Record<Side, { organizations: { edges: { node: { id: string; name: string; dissolvedOn: string | null } }[] } }>>(
    await federation.query(`{
      sichuan { organizations(first: 100) { edges { node { id name dissolvedOn } } } }
      chongqing { organizations(first: 100) { edges { node { id name dissolvedOn } } } }
    }`),
  );
  const live = (side: Side) => data[side].organizations.edges.map((e) => e.node).filter((o) => !o.dissolvedOn).map(({ id, name }) => ({ id, name }));
  orgs = { sichuan: live('sichuan'), chongqing: live('chongqing') };
  expect(orgs.sichuan.length).toBeGreaterThanOrEqual(4);
  expect(orgs.chongqing.length).toBeGreaterThanOrEqual(4);
});
afterAll(() => federation?.stop());

const S = (i: number) => orgs.sichuan[i]!.id;
const C = (i: number) => orgs.chongqing[i]!.id;
const nameOf = (id: string) => [...orgs.sichuan, ...orgs.chongqing].find((o) => o.id === id)!.name;
const TYPENAME: Record<string, string> = { sichuan: 'SichuanOrganization', chongqing: 'ChongqingOrganization' };
const CODE: Record<string, string> = { sichuan: '510000', chongqing: '500000' };

// ---------------------------------------------------------------------------------------------
// Documents

const MEMBER = `organization { __typename id ... on Organization { name } } reference { __typename id exists } jurisdiction { code } joinedOn leftOn`;
const ALLIANCE = `id kind name foundedOn closedOn illustrative version members { ${MEMBER} } history: members(includePast: true) { ${MEMBER} }`;
const AGREEMENT = `id title signedOn alliance { id version } signatories { __typename id ... on Organization { name } } items { id category title }`;

const CREATE = `mutation ($input: AllianceInput!, $key: String) { createAlliance(input: $input, idempotencyKey: $key) { ${ALLIANCE} } }`;
const ADD = `mutation ($allianceId: ID!, $version: Int!, $organizationId: ID!, $joinedOn: Date!, $key: String) {
  addAllianceMember(allianceId: $allianceId, version: $version, organizationId: $organizationId, joinedOn: $joinedOn, idempotencyKey: $key) { ${ALLIANCE} } }`;
const REMOVE = `mutation ($allianceId: ID!, $version: Int!, $organizationId: ID!, $leftOn: Date!, $key: String) {
  removeAllianceMember(allianceId: $allianceId, version: $version, organizationId: $organizationId, leftOn: $leftOn, idempotencyKey: $key) { ${ALLIANCE} } }`;
const CORRECT = `mutation ($allianceId: ID!, $version: Int!, $organizationId: ID!, $joinedOn: Date!, $leftOn: Date, $key: String) {
  correctAllianceMemberLeaving(allianceId: $allianceId, version: $version, organizationId: $organizationId, joinedOn: $joinedOn, leftOn: $leftOn, idempotencyKey: $key) { ${ALLIANCE} } }`;
const CLOSE = `mutation ($id: ID!, $version: Int!, $closedOn: Date!, $key: String) {
  closeAlliance(id: $id, version: $version, closedOn: $closedOn, idempotencyKey: $key) { ${ALLIANCE} } }`;
const UPDATE = `mutation ($id: ID!, $version: Int!, $input: AllianceUpdateInput!, $key: String) {
  updateAlliance(id: $id, version: $version, input: $input, idempotencyKey: $key) { ${ALLIANCE} } }`;
const SIGN = `mutation ($input: AgreementInput!, $key: String) { signAgreement(input: $input, idempotencyKey: $key) { ${AGREEMENT} } }`;
const READ = `query ($id: ID!) { alliance(id: $id) { ${ALLIANCE} agreements { id title } } }`;

interface Member {
  organization: { __typename: string; id: string; name: string } | null;
  reference: { __typename: string; id: string; exists: boolean };
  jurisdiction: { code: string };
  joinedOn: string;
  leftOn: string | null;
}
interface Alliance {
  id: string;
  kind: string;
  name: string;
  foundedOn: string;
  closedOn: string | null;
  illustrative: boolean;
  version: number;
  members: Member[];
  history: Member[];
  agreements?: { id: string; title: string }[];
}
interface Agreement {
  id: string;
  title: string;
  signedOn: string;
  alliance: { id: string; version: number } | null;
  signatories: { __typename: string; id: string; name: string }[];
  items: { id: string; category: string; title: string }[];
}

type Response = GraphQLResponse<Record<string, unknown>>;
interface AllianceInput {
  kind: string;
  name: string;
  foundedOn: string;
  memberIds: string[];
}

const allianceInput = (overrides: Partial<AllianceInput> = {}): AllianceInput => ({
  kind: '毗邻村联村党组织',
  name: uniqueName('测试联村党组织'),
  foundedOn: '2023-03-01',
  memberIds: [S(0), C(0)],
  ...overrides,
});

/** The joint office's writes are its operators' (issue 4 has each store's owner enforce that). */
const OPERATOR = { as: 'joint-operator' } as const;
const write = (document: string, variables: Record<string, unknown>) => federation.query(document, variables, OPERATOR);

const create = (input: AllianceInput, key?: string) => write(CREATE, { input, key });
const add = (a: { id: string; version: number }, organizationId: string, joinedOn: string, key?: string) =>
  write(ADD, { allianceId: a.id, version: a.version, organizationId, joinedOn, key });
const remove = (a: { id: string; version: number }, organizationId: string, leftOn: string, key?: string) =>
  write(REMOVE, { allianceId: a.id, version: a.version, organizationId, leftOn, key });
const correct = (a: { id: string; version: number }, organizationId: string, joinedOn: string, leftOn: string | null, key?: string) =>
  write(CORRECT, { allianceId: a.id, version: a.version, organizationId, joinedOn, leftOn, key });
const close = (a: { id: string; version: number }, closedOn: string, key?: string) => write(CLOSE, { id: a.id, version: a.version, closedOn, key });
const sign = (input: Record<string, unknown>, key?: string) => write(SIGN, { input, key });
const update = (a: { id: string; version: number }, input: Record<string, unknown>, key?: string) => write(UPDATE, { id: a.id, version: a.version, input, key });

async function createAlliance(overrides: Partial<AllianceInput> = {}): Promise<Alliance> {
  return dataOf<{ createAlliance: Alliance }>(await create(allianceInput(overrides))).createAlliance;
}
async function read(id: string): Promise<Alliance> {
  const alliance = dataOf<{ alliance: Alliance | null }>(await federation.query(READ, { id })).alliance;
  expect(alliance, id).not.toBeNull();
  return alliance!;
}
const alliancePayload = (response: Response, field: string) => dataOf<Record<string, Alliance>>(response)[field]!;

/** A member as the answer must show it: resolved at its home, with its home's name and jurisdiction. */
function resolvedMember(id: string, joinedOn: string, leftOn: string | null = null): Member {
  const home = id.split(':')[0]!;
  return {
    organization: { __typename: TYPENAME[home]!, id, name: nameOf(id) },
    reference: { __typename: `${TYPENAME[home]!.replace('Organization', '')}RecordReference`, id, exists: true },
    jurisdiction: { code: CODE[home]! },
    joinedOn,
    leftOn,
  };
}
const byId = (members: Member[]) => [...members].sort((a, b) => a.reference.id.localeCompare(b.reference.id));

/** The joint store's membership rows of an alliance, read directly. */
async function storedMembers(allianceId: string) {
  const { rows } = await federation.subgraphs.joint!.pool.query<{ organization_id: string; jurisdiction: string; joined_on: string; left_on: string | null }>(
    `SELECT organization_id, jurisdiction, joined_on::text, left_on::text FROM alliance_member WHERE alliance_id = $1 ORDER BY organization_id`,
    [allianceId],
  );
  return rows;
}

/** The IDs of the alliances of a name, read from the joint store. */
const alliancesNamed = async (name: string) =>
  (await federation.subgraphs.joint!.pool.query<{ id: string }>(`SELECT id FROM alliance WHERE name = $1`, [name])).rows.map((r) => r.id);

/**
 * Runs a write and checks it went to the joint store only: the gateway sent the mutation to the
 * joint subgraph and to no other (the sides were only read: the members checked before the write,
 * see crossStoreReferences.test.ts, and resolved after it), and only joint tables changed.
 */
async function jointWrite(send: () => Promise<Response>, tables: string[]): Promise<Response> {
  const before = await federationSnapshot(federation.subgraphs);
  federation.resetCalls();
  const response = await send();
  dataOf(response);
  const mutations = federation.subgraphRequests.filter((r) => /^\s*mutation\b/.test(r.query ?? ''));
  expect(mutations.map((r) => r.name)).toEqual(['joint']);
  expect(changedStores(before, await federationSnapshot(federation.subgraphs))).toEqual({ joint: tables });
  return response;
}

// ---------------------------------------------------------------------------------------------

describe('round trips: each write answers the changed record, resolved through the gateway', () => {
  test('createAlliance across the border: members resolved at home, written to the joint store only', async () => {
    const name = uniqueName('遂潼测试联盟');
    const input = allianceInput({ kind: '产业链联合党组织', name: `  ${name}  `, foundedOn: '2023-04-18', memberIds: [S(0), C(0), S(1)] });
    const response = await jointWrite(() => create(input, newKey()), ['alliance', 'alliance_member', 'idempotency_record']);
    const alliance = alliancePayload(response, 'createAlliance');

    expect(alliance.id).toMatch(/^joint:Alliance:/);
    expect({ ...alliance, members: byId(alliance.members), history: byId(alliance.history) }).toEqual({
      id: alliance.id,
      kind: '产业链联合党组织',
      name, // trimmed
      foundedOn: '2023-04-18',
      closedOn: null,
      illustrative: false,
      version: 1,
      members: byId([S(0), C(0), S(1)].map((id) => resolvedMember(id, '2023-04-18'))),
      history: byId([S(0), C(0), S(1)].map((id) => resolvedMember(id, '2023-04-18'))),
    });
    // The sides were asked for their organizations by reference, never sent a write.
    expect(new Set(federation.subgraphCalls)).toEqual(new Set(['joint', 'sichuan', 'chongqing']));

    // Read back by a separate query, and in the store: IDs only, each with its home.
    const readBack = await read(alliance.id);
    expect({ ...readBack, agreements: undefined }).toEqual({ ...alliance, agreements: undefined });
    expect(await storedMembers(alliance.id)).toEqual(
      [S(0), S(1), C(0)].sort().map((id) => ({ organization_id: id, jurisdiction: id.split(':')[0], joined_on: '2023-04-18', left_on: null })),
    );
  });

  test('addAllianceMember and removeAllianceMember: each bumps the version, the member that left stays as history', async () => {
    const created = await createAlliance({ foundedOn: '2022-05-10', memberIds: [S(0), C(0)] });
    expect(created.version).toBe(1);

    const added = alliancePayload(
      await jointWrite(() => add(created, C(1), '2023-01-09'), ['alliance', 'alliance_member']),
      'addAllianceMember',
    );
    expect(added.version).toBe(2);
    expect(byId(added.members)).toEqual(byId([resolvedMember(S(0), '2022-05-10'), resolvedMember(C(0), '2022-05-10'), resolvedMember(C(1), '2023-01-09')]));

    const removed = alliancePayload(
      await jointWrite(() => remove(added, C(0), '2024-02-29'), ['alliance', 'alliance_member']),
      'removeAllianceMember',
    );
    expect(removed.version).toBe(3);
    // Current members: the one that left is gone ...
    expect(byId(removed.members)).toEqual(byId([resolvedMember(S(0), '2022-05-10'), resolvedMember(C(1), '2023-01-09')]));
    // ... and kept as history, with the day it left, still resolved at home.
    expect(byId(removed.history)).toEqual(
      byId([resolvedMember(S(0), '2022-05-10'), resolvedMember(C(0), '2022-05-10', '2024-02-29'), resolvedMember(C(1), '2023-01-09')]),
    );
    expect((await storedMembers(created.id)).find((m) => m.organization_id === C(0))).toMatchObject({ joined_on: '2022-05-10', left_on: '2024-02-29' });

    const readBack = await read(created.id);
    expect(readBack.version).toBe(3);
    expect(byId(readBack.history)).toEqual(byId(removed.history));
  });

  test('signAgreement under an alliance: items in order, signatories resolved at home, listed under the alliance', async () => {
    const alliance = await createAlliance({ foundedOn: '2022-08-01', memberIds: [S(2), C(2), S(3)] });
    const title = uniqueName('遂潼合作框架协议');
    const input = {
      allianceId: alliance.id,
      title: ` ${title} `,
      signedOn: '2023-09-12',
      signatoryIds: [C(2), S(2)],
      items: [
        { category: '党建共抓', title: ' 联合主题党日 ' },
        { category: '产业共兴', title: '共建粮油基地' },
        { category: '服务共享', title: '异地就医结算' },
      ],
    };
    const response = await jointWrite(() => sign(input, newKey()), [
      'agreement',
      'agreement_signatory',
      'cooperation_item',
      'idempotency_record',
    ]);
    const agreement = dataOf<{ signAgreement: Agreement }>(response).signAgreement;
    expect(agreement.id).toMatch(/^joint:Agreement:/);
    expect(agreement).toMatchObject({ title, signedOn: '2023-09-12', alliance: { id: alliance.id } });
    expect([...agreement.signatories].sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      [C(2), S(2)].sort().map((id) => ({ __typename: TYPENAME[id.split(':')[0]!], id, name: nameOf(id) })),
    );
    expect(agreement.items.map(({ category, title: t }) => ({ category, title: t }))).toEqual([
      { category: '党建共抓', title: '联合主题党日' },
      { category: '产业共兴', title: '共建粮油基地' },
      { category: '服务共享', title: '异地就医结算' },
    ]);
    for (const item of agreement.items) expect(item.id).toMatch(/^joint:CooperationItem:/);
    expect((await read(alliance.id)).agreements).toEqual([{ id: agreement.id, title }]);
  });

  test("the joint office's figures follow its writes: counted again after each, for the period and for the alliance", async () => {
    // A month no other test writes in; the figures are cached between requests until a write commits.
    const FIGURES = `query ($period: PeriodInput, $allianceId: ID) { overview(period: $period, allianceId: $allianceId) {
      alliances { industryChainOrganizations total } agreements { agreements signatories cooperationItems categories } } }`;
    const period = { from: '2019-03-01', to: '2019-03-31' };
    type Figures = { alliances: { industryChainOrganizations: number; total: number }; agreements: Record<string, number> };
    const figures = async (allianceId?: string) => dataOf<{ overview: Figures }>(await federation.query(FIGURES, { period, allianceId })).overview;
    const before = await figures();

    const alliance = await createAlliance({ kind: '产业链联合党组织', foundedOn: '2019-03-05', memberIds: [S(0), C(0), S(1)] });
    const founded = await figures();
    expect(founded.alliances).toEqual({ industryChainOrganizations: before.alliances.industryChainOrganizations + 1, total: before.alliances.total + 1 });
    expect(founded.agreements).toEqual(before.agreements);
    expect((await figures(alliance.id)).alliances).toEqual({ industryChainOrganizations: 1, total: 1 });

    const items = [{ category: '党建共抓', title: '联合主题党日' }, { category: '产业共兴', title: '共建粮油基地' }, { category: '产业共兴', title: '共办农民夜校' }];
    dataOf(await sign({ allianceId: alliance.id, title: uniqueName('遂潼产业链协议'), signedOn: '2019-03-20', signatoryIds: [S(0), C(0)], items }, newKey()));
    const signed = await figures();
    expect(signed.agreements.agreements).toBe(before.agreements.agreements! + 1);
    expect(signed.agreements.cooperationItems).toBe(before.agreements.cooperationItems! + 3);
    expect((await figures(alliance.id)).agreements).toEqual({ agreements: 1, signatories: 2, cooperationItems: 3, categories: 2 });
  });

  test('signAgreement without an alliance: signatories of both sides suffice', async () => {
    const response = await jointWrite(
      () => sign({ title: uniqueName('毗邻镇共建协议'), signedOn: '2024-01-05', signatoryIds: [S(3), C(3)], items: [{ category: '治理共抓', title: '联合巡逻' }] }),
      ['agreement', 'agreement_signatory', 'cooperation_item'],
    );
    const agreement = dataOf<{ signAgreement: Agreement }>(response).signAgreement;
    expect(agreement.alliance).toBeNull();
    expect(agreement.signatories.map((s) => s.__typename).sort()).toEqual(['ChongqingOrganization', 'SichuanOrganization']);
    expect(agreement.signatories.every((s) => s.name === nameOf(s.id))).toBe(true);
  });

  test('closeAlliance: bumps the version, keeps members and agreements as history', async () => {
    const alliance = await createAlliance({ foundedOn: '2021-06-01', memberIds: [S(1), C(1)] });
    dataOf(await sign({ allianceId: alliance.id, title: uniqueName('协议'), signedOn: '2021-07-01', signatoryIds: [S(1), C(1)], items: [{ category: '文明共创', title: '共办乡村文化节' }] }));
    const closed = alliancePayload(await jointWrite(() => close(alliance, '2024-12-31'), ['alliance']), 'closeAlliance');
    expect(closed).toMatchObject({ id: alliance.id, closedOn: '2024-12-31', version: 2, foundedOn: '2021-06-01' });
    expect(byId(closed.members)).toEqual(byId([resolvedMember(S(1), '2021-06-01'), resolvedMember(C(1), '2021-06-01')]));
    const readBack = await read(alliance.id);
    expect(readBack).toMatchObject({ closedOn: '2024-12-31', version: 2 });
    expect(readBack.agreements).toHaveLength(1);
  });

  test('updateAlliance corrects a name, kind or founding day registered in error: only those change, the founding members’ joining day moves with it, the figures follow', async () => {
    const alliance = await createAlliance({ kind: '人才联盟', foundedOn: '2023-03-15', memberIds: [S(2), C(2)] });
    const later = alliancePayload(await add(alliance, S(3), '2023-05-01'), 'addAllianceMember');
    // The alliances founded in early March 2023, by kind: read before (so any cache holds it) and after.
    const founded = async () =>
      dataOf<{ overview: { alliances: Record<string, number> } }>(
        await federation.query(`query ($p: PeriodInput!, $id: ID!) { overview(period: $p, allianceId: $id) { alliances { talentAlliances jointVillageOrganizations total } } }`, { p: { from: '2023-03-01', to: '2023-03-10' }, id: alliance.id }, OPERATOR),
      ).overview.alliances;
    expect(await founded()).toEqual({ talentAlliances: 0, jointVillageOrganizations: 0, total: 0 });
    const name = uniqueName('更正后的联村党组织');
    const corrected = alliancePayload(await jointWrite(() => update(later, { name: `  ${name} `, kind: '毗邻村联村党组织', foundedOn: '2023-03-05' }), ['alliance', 'alliance_member']), 'updateAlliance');
    expect(corrected).toMatchObject({ id: alliance.id, name, kind: '毗邻村联村党组织', foundedOn: '2023-03-05', closedOn: null, version: later.version + 1 });
    // The founding members joined on the founding day, now the corrected one; a later member keeps its own.
    expect(byId(corrected.members)).toEqual(byId([resolvedMember(S(2), '2023-03-05'), resolvedMember(C(2), '2023-03-05'), resolvedMember(S(3), '2023-05-01')]));
    expect(await read(alliance.id)).toMatchObject({ name, kind: '毗邻村联村党组织', foundedOn: '2023-03-05' });
    // Only what is given changes.
    const renamed = alliancePayload(await update(corrected, { name: `${name}（更正）`, kind: null }), 'updateAlliance');
    expect(renamed).toMatchObject({ name: `${name}（更正）`, kind: '毗邻村联村党组织', foundedOn: '2023-03-05', version: corrected.version + 1 });
    expect(await founded()).toEqual({ talentAlliances: 0, jointVillageOrganizations: 1, total: 1 });
  });

  test('a name of exactly 100 characters is accepted (the limit is inclusive, counted in characters)', async () => {
    const name = '联'.repeat(100);
    const alliance = await createAlliance({ name });
    expect(alliance.name).toBe(name);
  });
});

// ---------------------------------------------------------------------------------------------

describe('membership periods: an organization that left may join again, its earlier period kept as it was', () => {
  const refused = (send: () => Promise<Response>, expected: ExpectedError) => expectRefused(federation, send, expected);
  const bad = (expected: { rule: string; field: string; message?: string | RegExp }): ExpectedError => ({ code: 'BAD_USER_INPUT', ...expected });
  const items = [{ category: '党建共抓', title: '联合党课' }];
  /** An organization's periods in an alliance, as the API lists them (includePast), in the order they began. */
  const periodsOf = (alliance: Alliance, id: string) => alliance.history.filter((m) => m.reference.id === id).map(({ joinedOn, leftOn }) => ({ joinedOn, leftOn }));
  /** The same, as the joint store holds them. */
  const storedPeriods = async (allianceId: string, organizationId: string) =>
    (
      await federation.subgraphs.joint!.pool.query(
        `SELECT period, joined_on::text AS "joinedOn", left_on::text AS "leftOn" FROM alliance_member WHERE alliance_id = $1 AND organization_id = $2 ORDER BY period`,
        [allianceId, organizationId],
      )
    ).rows;

  test('a seed member leaves and joins again: a second period, the first unchanged; the past period’s figures, the seed’s and the rollups stay exact', async () => {
    const OVERVIEW = `query ($period: PeriodInput, $allianceId: ID) { overview(period: $period, allianceId: $allianceId) {
      alliances { townshipAlliances jointVillageOrganizations industryChainOrganizations talentAlliances total }
      agreements { agreements signatories cooperationItems categories }
      sichuan { values { figure value } } chongqing { values { figure value } } total { ${Object.keys(SEED_000_TOTALS).join(' ')} } } }`;
    type Overview = { total: Record<string, number> };
    const overview = async (allianceId?: string) => dataOf<{ overview: Overview }>(await federation.query(OVERVIEW, { period: H1_2021, allianceId })).overview;
    const found = dataOf<{ alliances: { edges: { node: Alliance }[] } }>(
      await federation.query(`query ($search: String) { alliances(filter: { search: $search }, first: 1) { edges { node { ${ALLIANCE} } } } }`, { search: '遂潼蔬菜产业链联合党组织' }),
    ).alliances.edges[0]!.node;
    expect(found.foundedOn).toBe('2021-03-18');
    const member = found.members.find((m) => m.reference.id.startsWith('sichuan:'))!.reference.id;
    const before = { alliance: await overview(found.id), all: await overview() };
    expect(Object.values(before.alliance.total).some((value) => value > 0), 'the sides recorded figures under the alliance in 2021').toBe(true);

    const left = alliancePayload(await jointWrite(() => remove(found, member, '2022-03-01'), ['alliance', 'alliance_member']), 'removeAllianceMember');
    expect(left.members.map((m) => m.reference.id)).not.toContain(member);
    const rejoined = alliancePayload(await jointWrite(() => add(left, member, '2023-05-01', newKey()), ['alliance', 'alliance_member', 'idempotency_record']), 'addAllianceMember');
    expect(rejoined.version).toBe(found.version + 2);
    // A current member again, from the day it rejoined; its first period stays as it was, beside it.
    expect(rejoined.members.filter((m) => m.reference.id === member)).toMatchObject([{ joinedOn: '2023-05-01', leftOn: null, organization: { id: member }, reference: { exists: true } }]);
    expect(periodsOf(rejoined, member)).toEqual([{ joinedOn: '2021-03-18', leftOn: '2022-03-01' }, { joinedOn: '2023-05-01', leftOn: null }]);
    expect(await storedPeriods(found.id, member)).toEqual([{ period: 1, joinedOn: '2021-03-18', leftOn: '2022-03-01' }, { period: 2, joinedOn: '2023-05-01', leftOn: null }]);
    expect(periodsOf(await read(found.id), member)).toEqual(periodsOf(rejoined, member));

    // The figures of the past period are the same, for the alliance and for all; the sides' totals are still the report's.
    expect(await overview(found.id)).toEqual(before.alliance);
    const after = await overview();
    expect(after).toEqual(before.all);
    for (const [field, expected] of Object.entries(SEED_000_TOTALS)) expect.soft(after.total[field], field).toBeCloseTo(expected, 2);
    // The joint store refers to the organization once, however many periods; every side's rollups still equal their recomputation.
    const references = dataOf<{ crossBorderReferences: { sourceId: string; field: string; target: { id: string } }[] }>(
      await federation.query('{ crossBorderReferences { sourceId field target { id } } }', {}, OPERATOR),
    ).crossBorderReferences;
    expect(references.filter((r) => r.sourceId === found.id && r.target.id === member)).toEqual([{ sourceId: found.id, field: 'members', target: { id: member } }]);
    for (const side of ['sichuan', 'chongqing'] as const) {
      expect(await figureRollupDifferences(federation.subgraphs[side]!.pool, jurisdictionByKey(side)!), side).toEqual([]);
    }
  });

  test('joining again: not while its period is open, not before or on the day it left (a member counts that day); the day after, and again after leaving again', async () => {
    const alliance = await createAlliance({ foundedOn: '2022-01-01', memberIds: [S(2), C(2), S(3)] });
    const left = alliancePayload(await remove(alliance, S(3), '2022-06-30'), 'removeAllianceMember');
    await refused(() => add(left, S(3), '2022-06-29'), bad({ rule: 'before-start', field: 'joinedOn', message: /2022-06-30/ }));
    const sameDay = await refused(() => add(left, S(3), '2022-06-30'), bad({ rule: 'before-start', field: 'joinedOn', message: /2022-06-30/ }));
    expect(sameDay.message).toMatch(/^加入日期 2022-06-30 不晚于该组织上次退出该联盟的日期（2022-06-30），再次加入须晚于退出日期 \/ /);

    const again = alliancePayload(await add(left, S(3), '2022-07-01'), 'addAllianceMember');
    expect(periodsOf(again, S(3))).toEqual([{ joinedOn: '2022-01-01', leftOn: '2022-06-30' }, { joinedOn: '2022-07-01', leftOn: null }]);
    // Its period open, joining once more is a duplicate, saying since when.
    const twice = await refused(() => add(again, S(3), '2023-01-01'), bad({ rule: 'duplicate', field: 'organizationId', message: S(3) }));
    expect(twice.message).toMatch(/^组织：该组织自 2022-07-01 起已是该联盟成员 \/ /);

    // Leaving acts on the open period only; a third period after it.
    const leftAgain = alliancePayload(await remove(again, S(3), '2023-02-01'), 'removeAllianceMember');
    const third = alliancePayload(await add(leftAgain, S(3), '2024-01-01'), 'addAllianceMember');
    expect(await storedPeriods(alliance.id, S(3))).toEqual([
      { period: 1, joinedOn: '2022-01-01', leftOn: '2022-06-30' },
      { period: 2, joinedOn: '2022-07-01', leftOn: '2023-02-01' },
      { period: 3, joinedOn: '2024-01-01', leftOn: null },
    ]);
    await refused(() => remove(third, S(3), '2023-12-31'), bad({ rule: 'before-start', field: 'leftOn', message: /2024-01-01/ }));
    // The alliance cannot close before its latest history: the rejoin.
    await refused(() => close(third, '2023-12-31'), bad({ rule: 'before-start', field: 'closedOn', message: /2024-01-01 的记录（有成员加入）/ }));
    expect(alliancePayload(await close(third, '2024-01-01'), 'closeAlliance').closedOn).toBe('2024-01-01');
  });

  test('agreements: a signatory must be a member on the signing day, in whichever period; it cannot leave before what it signed in the current one', async () => {
    const alliance = await createAlliance({ foundedOn: '2022-01-01', memberIds: [S(2), C(2), S(3)] });
    const left = alliancePayload(await remove(alliance, S(3), '2022-06-30'), 'removeAllianceMember');
    dataOf(await add(left, S(3), '2023-01-01'));
    const agreement = (signedOn: string) => ({ allianceId: alliance.id, title: uniqueName('协议'), signedOn, signatoryIds: [S(3), C(2)], items });

    // Between its periods it was no member.
    const between = await refused(() => sign(agreement('2022-09-01')), bad({ rule: 'not-member', field: 'signatoryIds', message: S(3) }));
    expect(between.message).toMatch(/^签署方党组织：第 1 个签署方在签署日期 2022-09-01 不是该联盟成员（其成员期：2022-01-01 至 2022-06-30；2023-01-01 起） \/ /);
    // In its first period (registered after it joined again), on the day it left, and in its second: signed.
    for (const signedOn of ['2022-03-01', '2022-06-30', '2023-02-01']) dataOf(await sign(agreement(signedOn)));

    const current = await read(alliance.id);
    const early = await refused(() => remove(current, S(3), '2023-01-31'), bad({ rule: 'before-start', field: 'leftOn' }));
    expect(early.message).toMatch(/^退出日期 2023-01-31 早于该组织 2023-02-01 作为成员签署的协议，退出日期不能早于它 \/ /);
    const gone = alliancePayload(await remove(current, S(3), '2023-02-01'), 'removeAllianceMember');
    expect(periodsOf(gone, S(3))).toEqual([{ joinedOn: '2022-01-01', leftOn: '2022-06-30' }, { joinedOn: '2023-01-01', leftOn: '2023-02-01' }]);
    // After it left, an agreement of a day it was a member is still registered; one of a later day is not.
    dataOf(await sign(agreement('2023-01-15')));
    await refused(() => sign(agreement('2023-03-01')), bad({ rule: 'not-member', field: 'signatoryIds', message: /2022-01-01 至 2022-06-30；2023-01-01 至 2023-02-01/ }));
    expect((await read(alliance.id)).agreements).toHaveLength(4);
  });

  test('updateAlliance moves the founders’ first periods only: a period begun again stays', async () => {
    const alliance = await createAlliance({ foundedOn: '2022-01-01', memberIds: [S(2), C(2), S(3)] });
    // S(3) left on the founding day and joined again the day after: its second period is no founder's.
    const left = alliancePayload(await remove(alliance, S(3), '2022-01-01'), 'removeAllianceMember');
    const again = alliancePayload(await add(left, S(3), '2022-01-02'), 'addAllianceMember');
    const corrected = alliancePayload(await jointWrite(() => update(again, { foundedOn: '2021-12-01' }), ['alliance', 'alliance_member']), 'updateAlliance');
    expect(periodsOf(corrected, S(2))).toEqual([{ joinedOn: '2021-12-01', leftOn: null }]);
    expect(periodsOf(corrected, S(3))).toEqual([{ joinedOn: '2021-12-01', leftOn: '2022-01-01' }, { joinedOn: '2022-01-02', leftOn: null }]);
    // A founding day after the first period ended is refused.
    await refused(() => update(corrected, { foundedOn: '2022-01-02' }), bad({ rule: 'before-founding', field: 'foundedOn', message: /2022-01-01 的记录/ }));
  });

  test('two concurrent rejoins from one read: one is written, the others were sent from a stale version; from the new one, a duplicate', async () => {
    const alliance = await createAlliance({ memberIds: [S(0), C(0), S(1)] });
    const left = alliancePayload(await remove(alliance, S(1), '2023-06-01'), 'removeAllianceMember');
    const responses = await Promise.all([add(left, S(1), '2024-01-01'), add(left, S(1), '2024-02-01', newKey()), add(left, S(1), '2024-03-01', newKey())]);
    const won = responses.filter((r) => !r.errors);
    expect(won, JSON.stringify(responses.map((r) => r.errors?.[0]?.message ?? 'ok'))).toHaveLength(1);
    for (const lost of responses.filter((r) => r.errors)) expectError(lost, { code: 'CONFLICT', rule: null });
    const winner = alliancePayload(won[0]!, 'addAllianceMember');
    const periods = await storedPeriods(alliance.id, S(1));
    expect(periods).toHaveLength(2);
    expect(periods.filter((p) => p.leftOn === null)).toEqual([{ period: 2, joinedOn: periodsOf(winner, S(1))[1]!.joinedOn, leftOn: null }]);
    // Sent again from the winner's version: its period is open, so a duplicate, not a third one.
    await refused(() => add(winner, S(1), '2024-04-01'), bad({ rule: 'duplicate', field: 'organizationId' }));
  });
});

// ---------------------------------------------------------------------------------------------

describe('validation: every rule refuses with its code, rule and field, and no store changes', () => {
  /** Open: S(0) and C(0) founded it on 2022-01-01; C(1) joined on 2023-06-01. */
  let open: Alliance;
  /** Closed on 2024-01-31. */
  let closed: Alliance;
  beforeAll(async () => {
    const created = await createAlliance({ foundedOn: '2022-01-01', memberIds: [S(0), C(0)] });
    open = alliancePayload(await add(created, C(1), '2023-06-01'), 'addAllianceMember');
    const toClose = await createAlliance({ foundedOn: '2022-01-01', memberIds: [S(1), C(1)] });
    closed = alliancePayload(await close(toClose, '2024-01-31'), 'closeAlliance');
  });

  const refused = (send: () => Promise<Response>, expected: ExpectedError) => expectRefused(federation, send, expected);
  const bad = (expected: { rule: string; field: string; message?: string | RegExp }): ExpectedError => ({ code: 'BAD_USER_INPUT', ...expected });

  describe('createAlliance', () => {
    test('an alliance that does not cross the border', async () => {
      await refused(() => create(allianceInput({ memberIds: [S(0), S(1)] })), bad({ rule: 'not-cross-border', field: 'memberIds', message: /only sichuan/ }));
      await refused(() => create(allianceInput({ memberIds: [C(0), C(1), C(2)] })), bad({ rule: 'not-cross-border', field: 'memberIds', message: /only chongqing/ }));
      await refused(() => create(allianceInput({ memberIds: [] })), bad({ rule: 'required', field: 'memberIds' }));
    });

    test('an unknown kind', async () => {
      await refused(() => create(allianceInput({ kind: '友好联盟' })), bad({ rule: 'unknown-kind', field: 'kind', message: /友好联盟/ }));
    });

    test('a founding date in the future', async () => {
      await refused(() => create(allianceInput({ foundedOn: TOMORROW() })), bad({ rule: 'future-date', field: 'foundedOn', message: TOMORROW() }));
    });

    test('a founding date before the Party was founded (1921-07-01)', async () => {
      await refused(() => create(allianceInput({ foundedOn: '1899-01-01' })), bad({ rule: 'too-early', field: 'foundedOn', message: /1899-01-01 早于中国共产党成立（1921-07-01）/ }));
      await refused(() => create(allianceInput({ foundedOn: '1921-06-30' })), bad({ rule: 'too-early', field: 'foundedOn' }));
    });

    test('member IDs that are malformed, of the joint office, of no side, or not organizations', async () => {
      await refused(() => create(allianceInput({ memberIds: ['baima-town', C(0)] })), bad({ rule: 'malformed-id', field: 'memberIds' }));
      await refused(() => create(allianceInput({ memberIds: ['  ', C(0)] })), bad({ rule: 'required', field: 'memberIds' }));
      await refused(() => create(allianceInput({ memberIds: [S(0), 'joint:Organization:x'] })), bad({ rule: 'wrong-jurisdiction', field: 'memberIds' }));
      await refused(() => create(allianceInput({ memberIds: [S(0), 'hubei:Organization:x'] })), bad({ rule: 'wrong-jurisdiction', field: 'memberIds' }));
      await refused(() => create(allianceInput({ memberIds: [S(0), 'chongqing:Person:x'] })), bad({ rule: 'wrong-type', field: 'memberIds', message: /Person/ }));
    });

    test('the same member twice', async () => {
      await refused(() => create(allianceInput({ memberIds: [S(0), C(0), S(0)] })), bad({ rule: 'duplicate', field: 'memberIds', message: S(0) }));
    });

    test('the name of an alliance not closed, naming that alliance; a closed alliance’s name is free again', async () => {
      const name = '磨溪镇—古溪镇毗邻乡镇党建联建';
      const [seeded] = await alliancesNamed(name);
      expect(seeded).toMatch(/^joint:Alliance:/);
      await refused(() => create(allianceInput({ name: ` ${name} ` })), bad({ rule: 'duplicate', field: 'name', message: seeded }));
      const again = await createAlliance({ name: closed.name });
      expect(await alliancesNamed(closed.name)).toEqual(expect.arrayContaining([closed.id, again.id]));
    });

    test('a name an open alliance has but for its spaces, widths or dashes, naming that alliance and its name as stored', async () => {
      const name = '磨溪镇—双江镇毗邻乡镇党建联建';
      const [seeded] = await alliancesNamed(name);
      expect(seeded).toMatch(/^joint:Alliance:/);
      const moxiShuangjiang = ['sichuan:Organization:moxi-town', 'chongqing:Organization:shuangjiang-town'];
      for (const variant of ['磨溪镇—双江镇 毗邻乡镇党建联建', '磨溪镇－双江镇毗邻乡镇党建联建', '磨溪镇-双江镇毗邻乡镇党建联建', '磨溪镇 – 双江镇毗邻乡镇党建联建', '磨溪镇——双江镇毗邻乡镇党建联建', '磨溪镇\u3000‐\u3000双江镇毗邻乡镇党建联建']) {
        // As the QA report sent it: the township alliance's kind and members, with an idempotency key.
        const error = await refused(
          () => write(CREATE, { input: allianceInput({ kind: '毗邻乡镇党建联建', name: variant, foundedOn: '2024-01-01', memberIds: moxiShuangjiang }), key: newKey() }),
          bad({ rule: 'duplicate', field: 'name', message: seeded }),
        );
        expect(error.message, variant).toBe(
          `名称：联盟名称“${name}”已被一个未结束的联盟使用（名称比较不计空格、全角半角和破折号的差别） / name (compared without spaces, with full-width letters as half-width and every dash as one) is the name of an alliance not closed (${seeded}, named ${name})`,
        );
      }
      // Other words, or a dash where the name has none, are another name.
      const apart = await createAlliance({ name: `磨溪镇—双江镇-${uniqueName('毗邻乡镇党建联建')}` });
      expect(await alliancesNamed(apart.name)).toEqual([apart.id]);
    });

    test('blank, over-long and control-character names', async () => {
      await refused(() => create(allianceInput({ name: '   ' })), bad({ rule: 'required', field: 'name' }));
      await refused(() => create(allianceInput({ name: '联'.repeat(101) })), bad({ rule: 'too-long', field: 'name' }));
      await refused(() => create(allianceInput({ name: '联盟\u202e名称' })), bad({ rule: 'malformed', field: 'name' }));
    });
  });

  describe('addAllianceMember', () => {
    test('a date in the future or before the founding', async () => {
      await refused(() => add(open, S(2), TOMORROW()), bad({ rule: 'future-date', field: 'joinedOn' }));
      await refused(() => add(open, S(2), '2021-12-31'), bad({ rule: 'before-founding', field: 'joinedOn', message: /2022-01-01/ }));
    });

    test('an organization that is already a member', async () => {
      await refused(() => add(open, C(0), '2024-01-01'), bad({ rule: 'duplicate', field: 'organizationId', message: C(0) }));
    });

    test('wrong-side, wrong-type and malformed organization IDs', async () => {
      await refused(() => add(open, 'joint:Alliance:x', '2024-01-01'), bad({ rule: 'wrong-jurisdiction', field: 'organizationId' }));
      await refused(() => add(open, 'sichuan:Region:x', '2024-01-01'), bad({ rule: 'wrong-type', field: 'organizationId' }));
      await refused(() => add(open, 'sichuan-baima', '2024-01-01'), bad({ rule: 'malformed-id', field: 'organizationId' }));
    });

    test('an alliance that does not exist, or an ID that is not an alliance', async () => {
      await refused(() => add({ id: 'joint:Alliance:no-such-alliance', version: 1 }, S(2), '2024-01-01'), {
        code: 'NOT_FOUND',
        rule: null,
        field: 'allianceId',
      });
      await refused(() => add({ id: 'joint:Agreement:x', version: 1 }, S(2), '2024-01-01'), bad({ rule: 'wrong-type', field: 'allianceId' }));
      await refused(() => add({ id: S(0), version: 1 }, S(2), '2024-01-01'), bad({ rule: 'wrong-jurisdiction', field: 'allianceId' }));
    });

    test('a closed alliance', async () => {
      await refused(() => add(closed, S(2), '2023-01-01'), bad({ rule: 'closed', field: 'allianceId', message: /2024-01-31/ }));
    });
  });

  describe('removeAllianceMember', () => {
    test('an organization that is not a member', async () => {
      await refused(() => remove(open, S(3), '2024-01-01'), bad({ rule: 'not-member', field: 'organizationId', message: S(3) }));
    });

    test('a removal that would leave one side empty', async () => {
      // S(0) is the only Sichuan member: without it the alliance would not cross the border.
      await refused(() => remove(open, S(0), '2024-01-01'), bad({ rule: 'not-cross-border', field: 'organizationId', message: /only chongqing/ }));
    });

    test('a date in the future, before the founding, or before the member joined', async () => {
      await refused(() => remove(open, C(0), TOMORROW()), bad({ rule: 'future-date', field: 'leftOn' }));
      await refused(() => remove(open, C(0), '2021-06-30'), bad({ rule: 'before-founding', field: 'leftOn' }));
      await refused(() => remove(open, C(1), '2023-05-31'), bad({ rule: 'before-start', field: 'leftOn', message: /2023-06-01/ }));
    });

    test('a date before an agreement the member signed under the alliance', async () => {
      const alliance = await createAlliance({ foundedOn: '2022-01-01', memberIds: [S(2), C(2), S(3), S(1)] });
      const items = [{ category: '党建共抓', title: '联合党课' }];
      dataOf(await sign({ allianceId: alliance.id, title: uniqueName('协议'), signedOn: '2023-03-15', signatoryIds: [S(3), C(2)], items }));
      const signed = await read(alliance.id);
      const error = await refused(() => remove(signed, S(3), '2023-03-14'), bad({ rule: 'before-start', field: 'leftOn' }));
      expect(error.message).toMatch(/^退出日期 2023-03-14 早于该组织 2023-03-15 作为成员签署的协议，退出日期不能早于它 \/ /);
      // A member that signed nothing leaves any day after it joined; the signatory on the day it signed.
      dataOf(await remove(signed, S(2), '2022-06-01'));
      expect(alliancePayload(await remove(await read(alliance.id), S(3), '2023-03-15'), 'removeAllianceMember').history.find((m) => m.reference.id === S(3))).toMatchObject({ leftOn: '2023-03-15' });
    });

    test('a closed alliance', async () => {
      await refused(() => remove(closed, C(1), '2023-01-01'), bad({ rule: 'closed', field: 'allianceId' }));
    });
  });

  describe('closeAlliance', () => {
    test('closedOn before the founding or in the future', async () => {
      await refused(() => close(open, '2021-12-31'), bad({ rule: 'before-founding', field: 'closedOn', message: /2022-01-01/ }));
      await refused(() => close(open, TOMORROW()), bad({ rule: 'future-date', field: 'closedOn' }));
    });

    test('an alliance already closed', async () => {
      await refused(() => close(closed, '2024-06-01'), bad({ rule: 'closed', field: 'id' }));
    });

    test('closedOn before a member joined or left, or before an agreement signed under it', async () => {
      // C(1) joined `open` on 2023-06-01: closing the day before would leave a member joining a closed alliance.
      await refused(() => close(open, '2023-05-31'), bad({ rule: 'before-start', field: 'closedOn', message: /2023-06-01 的记录（有成员加入）/ }));

      const alliance = await createAlliance({ foundedOn: '2022-01-01', memberIds: [S(2), C(2), S(3)] });
      const left = alliancePayload(await remove(alliance, S(3), '2022-10-01'), 'removeAllianceMember');
      await refused(() => close(left, '2022-09-30'), bad({ rule: 'before-start', field: 'closedOn', message: /2022-10-01 的记录（有成员退出）/ }));
      const items = [{ category: '党建共抓', title: '联合党课' }];
      dataOf(await sign({ allianceId: alliance.id, title: uniqueName('协议'), signedOn: '2023-09-12', signatoryIds: [S(2), C(2)], items }));
      const error = await refused(() => close(left, '2023-09-11'), bad({ rule: 'before-start', field: 'closedOn', message: /2023-09-12 的记录（签署了协议）/ }));
      expect(error.message).toMatch(/^结束日期 2023-09-11 早于该联盟 2023-09-12 的记录（签署了协议），结束日期不能早于它 \/ /);

      // The day of its last record closes it.
      expect(alliancePayload(await close(left, '2023-09-12'), 'closeAlliance')).toMatchObject({ closedOn: '2023-09-12', version: left.version + 1 });
    });
  });

  describe('updateAlliance', () => {
    test('nothing to correct, a blank name, an unknown kind, a founding day before the Party’s or in the future', async () => {
      await refused(() => update(open, {}), bad({ rule: 'required', field: 'input' }));
      await refused(() => update(open, { name: null, kind: null }), bad({ rule: 'required', field: 'input' }));
      await refused(() => update(open, { name: '  ' }), bad({ rule: 'required', field: 'name' }));
      await refused(() => update(open, { kind: '旅游联盟' }), bad({ rule: 'unknown-kind', field: 'kind' }));
      await refused(() => update(open, { foundedOn: '1899-01-01' }), bad({ rule: 'too-early', field: 'foundedOn' }));
      await refused(() => update(open, { foundedOn: TOMORROW() }), bad({ rule: 'future-date', field: 'foundedOn' }));
    });

    test('the name of another alliance not closed', async () => {
      const other = await createAlliance({ memberIds: [S(3), C(3)] });
      await refused(() => update(open, { name: other.name }), bad({ rule: 'duplicate', field: 'name', message: other.id }));
    });

    test('the name of another open alliance but for its spaces or dashes; its own name so corrected is a correction', async () => {
      const other = await createAlliance({ name: uniqueName('遂潼—测试联盟'), memberIds: [S(3), C(3)] });
      await refused(() => update(open, { name: other.name.replace('—', ' － ') }), bad({ rule: 'duplicate', field: 'name', message: other.id }));
      const own = await createAlliance({ name: uniqueName('遂潼-测试联盟'), memberIds: [S(3), C(3)] });
      const corrected = alliancePayload(await update(own, { name: own.name.replace('-', '—') }), 'updateAlliance');
      expect(corrected).toMatchObject({ id: own.id, name: own.name.replace('-', '—'), version: own.version + 1 });
    });

    test('a founding day after its own history: a later member joining, an agreement, its closing', async () => {
      // C(1) joined `open` on 2023-06-01; the founders S(0), C(0) would move with the day.
      const error = await refused(() => update(open, { foundedOn: '2023-06-02' }), bad({ rule: 'before-founding', field: 'foundedOn', message: /2023-06-01 的记录（有成员加入）/ }));
      expect(error.message).toMatch(/^日期 2023-06-02 晚于该联盟 2023-06-01 的记录（有成员加入），成立日期不能晚于它 \/ /);
      await refused(() => update(closed, { foundedOn: '2024-02-01' }), bad({ rule: 'before-founding', field: 'foundedOn', message: /2024-01-31 的记录（联盟结束）/ }));
      const signed = await createAlliance({ foundedOn: '2022-01-01', memberIds: [S(2), C(2)] });
      dataOf(await sign({ allianceId: signed.id, title: uniqueName('协议'), signedOn: '2022-03-01', signatoryIds: [S(2), C(2)], items: [{ category: '党建共抓', title: '联合党课' }] }));
      await refused(() => update(signed, { foundedOn: '2022-03-02' }), bad({ rule: 'before-founding', field: 'foundedOn', message: /2022-03-01 的记录（签署了协议）/ }));
      // The day of its first record still founds it.
      expect(alliancePayload(await update(signed, { foundedOn: '2022-03-01' }), 'updateAlliance')).toMatchObject({ foundedOn: '2022-03-01' });
    });

    test('a stale version, an agreement ID, an alliance that does not exist, and a viewer', async () => {
      await refused(() => update({ ...open, version: open.version + 5 }, { name: uniqueName('x') }), { code: 'CONFLICT' });
      await refused(() => update({ id: 'joint:Agreement:x', version: 1 }, { name: uniqueName('x') }), bad({ rule: 'wrong-type', field: 'id' }));
      await refused(() => update({ id: 'joint:Alliance:nowhere', version: 1 }, { name: uniqueName('x') }), { code: 'NOT_FOUND', field: 'id' });
      await refused(() => federation.query(UPDATE, { id: open.id, version: open.version, input: { name: uniqueName('x') } }, { as: 'viewer' }), { code: 'FORBIDDEN' });
    });
  });

  describe('signAgreement', () => {
    const agreementInput = (overrides: Record<string, unknown> = {}) => ({
      allianceId: open.id,
      title: uniqueName('协议'),
      signedOn: '2024-03-01',
      signatoryIds: [S(0), C(0)],
      items: [{ category: '党建共抓', title: '联合党课' }],
      ...overrides,
    });

    test('an unknown category, no items, a blank item', async () => {
      await refused(() => sign(agreementInput({ items: [{ category: '党建共抓', title: '联合党课' }, { category: '旅游共荣', title: '线路' }] })), bad({ rule: 'unknown-kind', field: 'items[1].category', message: /旅游共荣/ }));
      await refused(() => sign(agreementInput({ items: [] })), bad({ rule: 'required', field: 'items' }));
      await refused(() => sign(agreementInput({ items: [{ category: '党建共抓', title: '  ' }] })), bad({ rule: 'required', field: 'items[0].title' }));
    });

    test('the same cooperation item twice (its category and title, trimmed)', async () => {
      const items = [{ category: '党建共抓', title: '联合党课' }, { category: '产业共兴', title: '联合党课' }, { category: '党建共抓', title: ' 联合党课 ' }];
      await refused(() => sign(agreementInput({ items })), bad({ rule: 'duplicate', field: 'items[2]', message: /党建共抓：联合党课”与 items\[0\] 重复/ }));
    });

    test('blank and over-long titles', async () => {
      await refused(() => sign(agreementInput({ title: ' \t ' })), bad({ rule: 'required', field: 'title' }));
      await refused(() => sign(agreementInput({ title: '协'.repeat(201) })), bad({ rule: 'too-long', field: 'title' }));
    });

    test('a signatory that is not a member of the alliance, or joined after the signing', async () => {
      await refused(() => sign(agreementInput({ signatoryIds: [S(0), C(0), S(3)] })), bad({ rule: 'not-member', field: 'signatoryIds', message: S(3) }));
      await refused(() => sign(agreementInput({ signedOn: '2023-01-01', signatoryIds: [S(0), C(1)] })), bad({ rule: 'not-member', field: 'signatoryIds', message: /2023-06-01/ }));
    });

    test('a blank alliance ID: only null means no alliance', async () => {
      for (const allianceId of ['', ' ']) await refused(() => sign(agreementInput({ allianceId })), bad({ rule: 'required', field: 'allianceId' }));
    });

    test('signatories of one side only, or the same signatory twice', async () => {
      await refused(() => sign(agreementInput({ allianceId: null, signatoryIds: [C(0), C(1)] })), bad({ rule: 'not-cross-border', field: 'signatoryIds' }));
      await refused(() => sign(agreementInput({ signatoryIds: [S(0), C(0), C(0)] })), bad({ rule: 'duplicate', field: 'signatoryIds' }));
    });

    test('a date in the future or before the founding; a closed alliance', async () => {
      await refused(() => sign(agreementInput({ signedOn: TOMORROW() })), bad({ rule: 'future-date', field: 'signedOn' }));
      await refused(() => sign(agreementInput({ signedOn: '2021-12-31' })), bad({ rule: 'before-founding', field: 'signedOn' }));
      await refused(() => sign(agreementInput({ allianceId: closed.id, signatoryIds: [S(1), C(1)] })), bad({ rule: 'closed', field: 'allianceId' }));
    });
  });
});

// ---------------------------------------------------------------------------------------------

describe('a leave recorded in error: its day corrected, or undone (correctAllianceMemberLeaving)', () => {
  const refused = (send: () => Promise<Response>, expected: ExpectedError) => expectRefused(federation, send, expected);
  const bad = (expected: { rule: string; field: string; message?: string | RegExp }): ExpectedError => ({ code: 'BAD_USER_INPUT', ...expected });
  const items = [{ category: '党建共抓', title: '联合党课' }];
  const periodsOf = (alliance: Alliance, id: string) => alliance.history.filter((m) => m.reference.id === id).map(({ joinedOn, leftOn }) => ({ joinedOn, leftOn }));

  test('a seed member’s leaving day corrected, then its leave undone: the same period, not a new one; versioned, retried with its key; the figures and every side’s rollups as recomputed', async () => {
    const OVERVIEW = `query ($period: PeriodInput, $allianceId: ID) { overview(period: $period, allianceId: $allianceId) {
      alliances { industryChainOrganizations total } agreements { agreements signatories cooperationItems categories }
      total { ${Object.keys(SEED_000_TOTALS).join(' ')} } } }`;
    const overview = async (allianceId?: string) => dataOf<{ overview: unknown }>(await federation.query(OVERVIEW, { period: H1_2021, allianceId })).overview;
    const found = dataOf<{ alliances: { edges: { node: Alliance }[] } }>(
      await federation.query(`query ($search: String) { alliances(filter: { search: $search }, first: 1) { edges { node { ${ALLIANCE} } } } }`, { search: '遂潼粮油产业链联合党组织' }),
    ).alliances.edges[0]!.node;
    const member = found.members.find((m) => m.reference.id.startsWith('sichuan:'))!.reference.id;
    const before = { alliance: await overview(found.id), all: await overview() };

    // Recorded as leaving on 2021-05-10, which did not happen so: it left on 2022-03-01.
    const left = alliancePayload(await remove(found, member, '2021-05-10'), 'removeAllianceMember');
    const key = newKey();
    const corrected = alliancePayload(await jointWrite(() => correct(left, member, found.foundedOn, '2022-03-01', key), ['alliance', 'alliance_member', 'idempotency_record']), 'correctAllianceMemberLeaving');
    expect(corrected.version).toBe(left.version + 1);
    expect(periodsOf(corrected, member)).toEqual([{ joinedOn: found.foundedOn, leftOn: '2022-03-01' }]);
    // Retried with its key (from the version it read, now stale): its first answer, nothing written again.
    const afterFirst = await federationSnapshot(federation.subgraphs);
    expect(alliancePayload(await correct(left, member, found.foundedOn, '2022-03-01', key), 'correctAllianceMemberLeaving')).toEqual(corrected);
    expect(await federationSnapshot(federation.subgraphs)).toEqual(afterFirst);
    await refused(() => correct(left, member, found.foundedOn, '2022-04-01'), { code: 'CONFLICT' });

    // It never left: the same period is open again, a current member as before.
    const undone = alliancePayload(await correct(corrected, member, found.foundedOn, null), 'correctAllianceMemberLeaving');
    expect(periodsOf(undone, member)).toEqual([{ joinedOn: found.foundedOn, leftOn: null }]);
    expect(byId(undone.members)).toEqual(byId(found.members));
    expect(await read(found.id)).toMatchObject({ version: found.version + 3 });

    // No figure moved, and every side's rollups still equal their recomputation.
    expect(await overview(found.id)).toEqual(before.alliance);
    expect(await overview()).toEqual(before.all);
    for (const side of ['sichuan', 'chongqing'] as const) {
      expect(await figureRollupDifferences(federation.subgraphs[side]!.pool, jurisdictionByKey(side)!), side).toEqual([]);
    }
  });

  test('refused: a period that is not, or has not ended; a day before it began, in the future, or into the next period; undone with a later period; after an agreement it signed in the period; past the closing; a stale version; a viewer and a side’s operator; undone in a closed alliance, ending with it', async () => {
    const alliance = await createAlliance({ foundedOn: '2022-01-01', memberIds: [S(2), C(2), S(3)] });
    const left = alliancePayload(await remove(alliance, S(3), '2022-06-30'), 'removeAllianceMember');
    dataOf(await sign({ allianceId: alliance.id, title: uniqueName('协议'), signedOn: '2022-05-01', signatoryIds: [S(3), C(2)], items }));
    const again = alliancePayload(await add(left, S(3), '2023-01-01'), 'addAllianceMember');
    const unchanged = await federationSnapshot(federation.subgraphs);

    const none = await refused(() => correct(again, S(3), '2022-02-01', '2022-07-01'), bad({ rule: 'not-member', field: 'joinedOn', message: /2022-01-01 至 2022-06-30；2023-01-01 起/ }));
    expect(none.message).toMatch(/^加入日期：该组织没有自 2022-02-01 起的成员期（其成员期：2022-01-01 至 2022-06-30；2023-01-01 起） \/ /);
    await refused(() => correct(again, C(3), '2022-01-01', null), bad({ rule: 'not-member', field: 'organizationId' }));
    const open = await refused(() => correct(again, S(3), '2023-01-01', '2023-06-01'), bad({ rule: 'not-member', field: 'joinedOn' }));
    expect(open.message).toMatch(/^加入日期：该组织自 2023-01-01 起的成员期尚未结束，没有可更正的退出（退出请登记“成员退出联盟”） \/ /);

    // The day left out is not null: the period is not reopened by a client that forgot it.
    const omitted = `mutation ($a: ID!, $v: Int!, $o: ID!) { correctAllianceMemberLeaving(allianceId: $a, version: $v, organizationId: $o, joinedOn: "2022-01-01") { id } }`;
    await refused(() => write(omitted, { a: again.id, v: again.version, o: S(3) }), bad({ rule: 'required', field: 'leftOn' }));
    await refused(() => correct(again, S(3), '2022-01-01', '2021-12-31'), bad({ rule: 'before-founding', field: 'leftOn' }));
    await refused(() => correct(again, S(3), '2022-01-01', TOMORROW()), bad({ rule: 'future-date', field: 'leftOn' }));
    // Into the next period (a member counts on the day it leaves), or open again beside it.
    const into = await refused(() => correct(again, S(3), '2022-01-01', '2023-01-01'), bad({ rule: 'before-start', field: 'leftOn', message: /2023-01-01/ }));
    expect(into.message).toMatch(/^退出日期 2023-01-01 不早于该组织下一段成员期的加入日期（2023-01-01），成员期不能重叠 \/ /);
    const reopened = await refused(() => correct(again, S(3), '2022-01-01', null), bad({ rule: 'before-start', field: 'leftOn' }));
    expect(reopened.message).toMatch(/^退出日期：该组织自 2023-01-01 起另有一段成员期，本段不能恢复为未结束，成员期不能重叠 \/ /);
    // It signed an agreement on 2022-05-01 in this period: it cannot have left before.
    const signed = await refused(() => correct(again, S(3), '2022-01-01', '2022-04-30'), bad({ rule: 'before-start', field: 'leftOn' }));
    expect(signed.message).toMatch(/^退出日期 2022-04-30 早于该组织 2022-05-01 作为成员签署的协议，退出日期不能早于它 \/ /);
    await refused(() => correct({ ...again, version: again.version - 1 }, S(3), '2022-01-01', '2022-12-31'), { code: 'CONFLICT' });
    for (const as of ['viewer', 'sichuan-operator'] as const) {
      await refused(() => federation.query(CORRECT, { allianceId: again.id, version: again.version, organizationId: S(3), joinedOn: '2022-01-01', leftOn: '2022-12-31' }, { as }), { code: 'FORBIDDEN' });
    }
    expect(await federationSnapshot(federation.subgraphs)).toEqual(unchanged);

    // The day before the next period, and the day of its agreement, are taken.
    const later = alliancePayload(await correct(again, S(3), '2022-01-01', '2022-12-31'), 'correctAllianceMemberLeaving');
    const earlier = alliancePayload(await correct(later, S(3), '2022-01-01', '2022-05-01'), 'correctAllianceMemberLeaving');
    expect(periodsOf(earlier, S(3))).toEqual([{ joinedOn: '2022-01-01', leftOn: '2022-05-01' }, { joinedOn: '2023-01-01', leftOn: null }]);

    // A closed alliance's period is corrected up to its closing day, never past it; its leave undone,
    // it is open again and ends with the alliance, as the members closeAlliance left open do.
    const gone = alliancePayload(await remove(earlier, S(3), '2023-03-01'), 'removeAllianceMember');
    await refused(() => correct(gone, S(3), '2023-01-01', '2022-12-31'), bad({ rule: 'before-start', field: 'leftOn', message: /2023-01-01/ }));
    const closed = alliancePayload(await close(gone, '2023-06-30'), 'closeAlliance');
    const past = await refused(() => correct(closed, S(3), '2023-01-01', '2023-07-01'), bad({ rule: 'closed', field: 'leftOn' }));
    expect(past.message).toMatch(/^退出日期 2023-07-01 晚于该联盟的结束日期（2023-06-30），退出日期不能晚于它 \/ /);
    await refused(() => correct(closed, S(3), '2022-01-01', null), bad({ rule: 'before-start', field: 'leftOn', message: /2023-01-01/ }));
    const toClosing = alliancePayload(await correct(closed, S(3), '2023-01-01', '2023-06-30'), 'correctAllianceMemberLeaving');
    expect(periodsOf(toClosing, S(3))).toEqual([
      { joinedOn: '2022-01-01', leftOn: '2022-05-01' },
      { joinedOn: '2023-01-01', leftOn: '2023-06-30' },
    ]);
    const undone = alliancePayload(await correct(toClosing, S(3), '2023-01-01', null), 'correctAllianceMemberLeaving');
    expect(undone).toMatchObject({ closedOn: '2023-06-30', version: toClosing.version + 1 });
    expect(periodsOf(undone, S(3))).toEqual([
      { joinedOn: '2022-01-01', leftOn: '2022-05-01' },
      { joinedOn: '2023-01-01', leftOn: null },
    ]);
    // Listed among the members at its closing, as before the wrong leave.
    expect(undone.members.map((m) => m.reference.id).sort()).toEqual([S(2), C(2), S(3)].sort());
  });
});

// ---------------------------------------------------------------------------------------------

describe('safe retries: one idempotency key, one write', () => {
  test('the same createAlliance sent twice with one key: one alliance, the same answer', async () => {
    const key = newKey();
    const input = allianceInput();
    const first = alliancePayload(await create(input, key), 'createAlliance');
    const afterFirst = await federationSnapshot(federation.subgraphs);
    const second = alliancePayload(await create(input, key), 'createAlliance');
    expect(second).toEqual(first);
    expect(await federationSnapshot(federation.subgraphs)).toEqual(afterFirst);
    expect(await alliancesNamed(input.name)).toEqual([first.id]);
  });

  test('a retried member change returns its first answer, not a conflict with its own version bump', async () => {
    const alliance = await createAlliance();
    const key = newKey();
    const first = alliancePayload(await add(alliance, S(1), '2024-01-01', key), 'addAllianceMember');
    expect(first.version).toBe(2);
    const afterFirst = await federationSnapshot(federation.subgraphs);
    // The retry still carries version 1, which is now stale: the key makes it a replay instead.
    const retry = alliancePayload(await add(alliance, S(1), '2024-01-01', key), 'addAllianceMember');
    expect(retry).toEqual(first);
    expect(await federationSnapshot(federation.subgraphs)).toEqual(afterFirst);
    expect((await storedMembers(alliance.id)).map((m) => m.organization_id).sort()).toEqual([S(0), S(1), C(0)].sort());
  });

  test('the same key with a different input, or for another mutation, is refused and writes nothing', async () => {
    const key = newKey();
    const input = allianceInput();
    const alliance = alliancePayload(await create(input, key), 'createAlliance');
    const error = await expectRefused(federation, () => create({ ...input, name: uniqueName('另一个联盟') }, key), {
      code: 'IDEMPOTENCY_KEY_REUSED',
      rule: 'other-request',
      field: 'idempotencyKey',
    });
    expect(error.message).toContain(key);
    await expectRefused(federation, () => add(alliance, S(2), '2024-01-01', key), { code: 'IDEMPOTENCY_KEY_REUSED', rule: 'other-request', field: 'idempotencyKey' });
    expect(await alliancesNamed(input.name)).toEqual([alliance.id]);
  });

  test('a write refused inside its transaction leaves the key free for the corrected retry', async () => {
    const alliance = await createAlliance();
    const key = newKey();
    // Refused after the key was claimed (the duplicate is found in the store): the claim rolls back.
    await expectRefused(federation, () => add(alliance, C(0), '2024-01-01', key), { code: 'BAD_USER_INPUT', rule: 'duplicate', field: 'organizationId' });
    const retried = alliancePayload(await add(alliance, C(3), '2024-01-01', key), 'addAllianceMember');
    expect(retried.version).toBe(2);
    expect(retried.members.map((m) => m.reference.id)).toContain(C(3));
  });

  test('concurrent requests with one key write one alliance, and all answer it', async () => {
    const key = newKey();
    const input = allianceInput();
    const responses = await Promise.all(Array.from({ length: 6 }, () => create(input, key)));
    const ids = responses.map((r) => alliancePayload(r, 'createAlliance').id);
    expect(new Set(ids).size).toBe(1);
    expect(await alliancesNamed(input.name)).toEqual([ids[0]]);
    expect(await storedMembers(ids[0]!)).toHaveLength(2);
    const { rows } = await federation.subgraphs.joint!.pool.query(`SELECT count(*)::int AS n FROM idempotency_record WHERE key = $1`, [key]);
    expect(rows[0].n).toBe(1);
  });
});

// ---------------------------------------------------------------------------------------------

describe('one alliance not closed per name, whoever writes', () => {
  test('concurrent creations of one name (no keys): one alliance, the others refused naming it', async () => {
    const input = allianceInput();
    const responses = await Promise.all(Array.from({ length: 6 }, () => create(input)));
    const won = responses.filter((r) => !r.errors);
    expect(won, JSON.stringify(responses.map((r) => r.errors?.[0]?.message ?? 'ok'))).toHaveLength(1);
    const { id } = alliancePayload(won[0]!, 'createAlliance');
    for (const lost of responses.filter((r) => r.errors)) expectError(lost, { code: 'BAD_USER_INPUT', rule: 'duplicate', field: 'name', message: id });
    expect(await alliancesNamed(input.name)).toEqual([id]);
  });

  test('concurrent creations of names that differ only by spaces or dashes: one alliance, the others refused naming it', async () => {
    const name = uniqueName('遂潼—并发联盟');
    const variants = [name, name.replace('—', '-'), name.replace('—', '－'), name.replace('—', ' — '), name.replace('—', '–'), name.replace('—', '——')];
    const responses = await Promise.all(variants.map((variant) => create(allianceInput({ name: variant }))));
    const won = responses.filter((r) => !r.errors);
    expect(won, JSON.stringify(responses.map((r) => r.errors?.[0]?.message ?? 'ok'))).toHaveLength(1);
    const { id } = alliancePayload(won[0]!, 'createAlliance');
    for (const lost of responses.filter((r) => r.errors)) expectError(lost, { code: 'BAD_USER_INPUT', rule: 'duplicate', field: 'name', message: id });
    const { rows } = await federation.subgraphs.joint!.pool.query<{ id: string }>(`SELECT id FROM alliance WHERE name = ANY($1::text[])`, [variants]);
    expect(rows.map((r) => r.id)).toEqual([id]);
  });

  test('the store itself refuses an open alliance whose name differs from an open one’s only by spaces, widths or dashes', async () => {
    for (const name of ['磨溪镇 — 古溪镇毗邻乡镇党建联建', '磨溪镇－古溪镇毗邻乡镇党建联建', '磨溪镇‐古溪镇毗邻乡镇党建联建']) {
      const client = await federation.subgraphs.joint!.pool.connect();
      try {
        await client.query('BEGIN');
        const insert = client.query(`INSERT INTO alliance (id, kind, name, founded_on) VALUES ('joint:Alliance:near-namesake', '人才联盟', $1, '2021-01-01')`, [name]);
        await expect(insert, name).rejects.toThrow(/alliance_open_name_idx/);
      } finally {
        await client.query('ROLLBACK');
        client.release();
      }
    }
  });

  test('the store itself refuses a second open alliance of a name, and takes a closed one of it', async () => {
    const client = await federation.subgraphs.joint!.pool.connect();
    const insert = (id: string, closedOn: string | null) =>
      client.query(`INSERT INTO alliance (id, kind, name, founded_on, closed_on) VALUES ($1, '人才联盟', '磨溪镇—古溪镇毗邻乡镇党建联建', '2021-01-01', $2)`, [id, closedOn]);
    try {
      await client.query('BEGIN');
      await insert('joint:Alliance:closed-namesake', '2022-01-01');
      await expect(insert('joint:Alliance:open-namesake', null)).rejects.toThrow(/alliance_open_name_idx/);
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  });
});

// ---------------------------------------------------------------------------------------------

describe('no lost updates: a change made from a stale read is refused', () => {
  test('two concurrent addAllianceMember from the same version: one wins, the other gets CONFLICT', async () => {
    const alliance = await createAlliance();
    const [a, b] = await Promise.all([add(alliance, S(1), '2024-01-01'), add(alliance, C(1), '2024-01-01')]);
    const won = [a, b].filter((r) => !r.errors);
    const lost = [a, b].filter((r) => r.errors);
    expect(won, JSON.stringify([a, b]).slice(0, 800)).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const error = expectError(lost[0]!, { code: 'CONFLICT', rule: null });
    expect(error.extensions).toMatchObject({ id: alliance.id, currentVersion: 2 });
    expect(error.message).toContain(alliance.id);

    const winner = alliancePayload(won[0]!, 'addAllianceMember');
    expect(winner.version).toBe(2);
    const joined = winner.members.map((m) => m.reference.id).filter((id) => id === S(1) || id === C(1));
    expect(joined).toHaveLength(1);
    // The store holds the winner's change only.
    expect((await storedMembers(alliance.id)).map((m) => m.organization_id).sort()).toEqual([S(0), C(0), joined[0]!].sort());
    expect((await read(alliance.id)).version).toBe(2);
  });

  test('a stale version is refused for every change to an alliance, and nothing is written', async () => {
    const alliance = await createAlliance({ memberIds: [S(0), S(1), C(0)] });
    const current = alliancePayload(await add(alliance, C(1), '2024-01-01'), 'addAllianceMember');
    const stale = { id: alliance.id, version: 1 };
    const conflict = { code: 'CONFLICT', rule: null } as const;
    for (const send of [() => add(stale, C(2), '2024-02-01'), () => remove(stale, S(1), '2024-02-01'), () => close(stale, '2024-02-01')]) {
      const error = await expectRefused(federation, send, conflict);
      expect(error.extensions).toMatchObject({ id: alliance.id, currentVersion: current.version });
    }
  });
});
