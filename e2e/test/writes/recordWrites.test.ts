import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startFederation, type Federation } from '@linju/testing';
import {
  asClerks,
  dataOf,
  expectRefused,
  loadFixtures,
  OTHER,
  PREFIX,
  readBack,
  TOMORROW,
  uniqueName,
  type ExpectedError,
  type Side,
  type SideFixtures,
} from './writeSupport.ts';

/**
 * The "record a thing" writes through the gateway — people, activities, service cases, facilities,
 * projects, teams and their actions, transport links, civilization records, pairings, grids — on
 * both sides, and the rules their inputs keep.
 */

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

type Input = Record<string, unknown>;
const BAD = 'BAD_USER_INPUT';

interface RecordCase {
  /** The write without the side's key, e.g. `RecordActivity`. */
  write: string;
  inputType: string;
  fields: string;
  /** A valid input (names already unique). */
  input(fx: SideFixtures, other: SideFixtures): Input;
  /** What the answer must hold, given the input sent. */
  expected(fx: SideFixtures, other: SideFixtures, input: Input): Record<string, unknown>;
  /** The side's list it reads back from, and a filter that finds it. */
  list: string;
  filter(input: Input): Record<string, unknown>;
}

const region = (r: { id: string; name: string }) => ({ id: r.id, name: r.name });
const org = (o: { id: string; name: string }) => ({ id: o.id, name: o.name });

const RECORDS: RecordCase[] = [
  {
    write: 'CreatePerson', inputType: 'PersonInput', list: 'people',
    fields: 'id name gender illustrative organization { id name } jurisdiction { key }',
    input: (fx) => ({ name: ` ${uniqueName('王测')}  `, gender: '女', organizationId: fx.town.id }),
    expected: (fx, _o, i) => ({ name: (i.name as string).trim(), gender: '女', illustrative: false, organization: org(fx.town), jurisdiction: { key: fx.side } }),
    filter: (i) => ({ search: (i.name as string).trim() }),
  },
  {
    write: 'RecordActivity', inputType: 'ActivityInput', list: 'activities',
    fields: 'id kind title heldOn sessions personTimes talentsRecruited organizer { id name } alliance { id name }',
    input: (fx) => ({ kind: '引才活动', title: uniqueName('川渝联合引才'), heldOn: '2024-04-01', organizerId: fx.town.id, sessions: 2, personTimes: 35, talentsRecruited: 3, allianceId: alliance.id }),
    expected: (fx, _o, i) => ({ kind: '引才活动', title: i.title, heldOn: '2024-04-01', sessions: 2, personTimes: 35, talentsRecruited: 3, organizer: org(fx.town), alliance }),
    filter: (i) => ({ search: i.title }),
  },
  {
    write: 'RecordServiceCase', inputType: 'ServiceCaseInput', list: 'serviceCases',
    fields: 'id kind handledOn people households amountWan region { id name } alliance { id }',
    input: (fx) => ({ kind: '公积金互认互贷', handledOn: '2024-04-02', regionId: fx.region.id, people: 2, households: 1, amountWan: 30.4567 }),
    // Amounts keep two decimals.
    expected: (fx) => ({ kind: '公积金互认互贷', handledOn: '2024-04-02', people: 2, households: 1, amountWan: 30.46, region: region(fx.region), alliance: null }),
    filter: () => ({ kinds: ['公积金互认互贷'], period: { from: '2024-04-02', to: '2024-04-02' } }),
  },
  {
    write: 'RecordFacility', inputType: 'FacilityInput', list: 'facilities',
    fields: 'id kind name areaSqm convertedFromIdleAsset idleAssetKind openedOn region { id name } organization { id name } alliance { id }',
    input: (fx) => ({ kind: '党员活动室', name: uniqueName('联合党员活动室'), regionId: fx.region.id, organizationId: fx.town.id, areaSqm: 120.5, idleAssetKind: '闲置小学', openedOn: '2024-04-03' }),
    expected: (fx, _o, i) => ({
      kind: '党员活动室', name: i.name, areaSqm: 120.5, convertedFromIdleAsset: true, idleAssetKind: '闲置小学', openedOn: '2024-04-03',
      region: region(fx.region), organization: org(fx.town), alliance: null,
    }),
    filter: (i) => ({ search: i.name }),
  },
  {
    write: 'RecordProject', inputType: 'ProjectInput', list: 'projects',
    fields: 'id kind name startedOn landMu subsidyWan expectedIncomeWan householdsBenefiting incomePerHouseholdYuan investmentWan brand region { id } organization { id } alliance { id name }',
    input: (fx) => ({
      kind: '集体经济项目', name: uniqueName('红薯初加工项目'), regionId: fx.region.id, organizationId: fx.town.id, startedOn: '2024-04-04',
      landMu: 30, subsidyWan: 50, expectedIncomeWan: 8.5, householdsBenefiting: 120, incomePerHouseholdYuan: 700, investmentWan: 200, brand: '  遂潼红  ', allianceId: alliance.id,
    }),
    expected: (fx, _o, i) => ({
      kind: '集体经济项目', name: i.name, startedOn: '2024-04-04', landMu: 30, subsidyWan: 50, expectedIncomeWan: 8.5, householdsBenefiting: 120,
      incomePerHouseholdYuan: 700, investmentWan: 200, brand: '遂潼红', region: { id: fx.region.id }, organization: { id: fx.town.id }, alliance,
    }),
    filter: (i) => ({ search: i.name }),
  },
  {
    write: 'RecordTeam', inputType: 'TeamInput', list: 'teams',
    fields: 'id category kind name foundedOn organization { id name } actions { id } alliance { id }',
    input: (fx) => ({ category: '社会治理工作队', kind: '边界治理服务队', name: uniqueName('毗邻边界治理服务队'), organizationId: fx.town.id, foundedOn: '2024-04-05' }),
    expected: (fx, _o, i) => ({ category: '社会治理工作队', kind: '边界治理服务队', name: i.name, foundedOn: '2024-04-05', organization: org(fx.town), actions: [], alliance: null }),
    filter: (i) => ({ search: i.name }),
  },
  {
    write: 'RecordTeamAction', inputType: 'TeamActionInput', list: 'teamActions',
    fields: 'id kind actedOn occurrences team { id name }',
    input: (fx) => ({ teamId: fx.team.id, kind: '日常巡逻', actedOn: '2025-02-03', occurrences: 4 }),
    expected: (fx) => ({ kind: '日常巡逻', actedOn: '2025-02-03', occurrences: 4, team: { id: fx.team.id, name: fx.team.name } }),
    filter: () => ({ kinds: ['日常巡逻'], period: { from: '2025-02-03', to: '2025-02-03' } }),
  },
  {
    write: 'RecordTransportLink', inputType: 'TransportLinkInput', list: 'transportLinks',
    // The far end is the other side's region: resolved at its home.
    fields: 'id kind name lengthKm openedOn from { __typename id name } to { __typename id name } alliance { id }',
    input: (fx, other) => ({ kind: '断头路', name: uniqueName('川渝断头路'), fromRegionId: fx.region.id, toRegionId: other.region.id, lengthKm: 3.2, openedOn: '2024-04-06' }),
    expected: (fx, other, i) => ({
      kind: '断头路', name: i.name, lengthKm: 3.2, openedOn: '2024-04-06',
      from: { __typename: `${PREFIX[fx.side]}Region`, ...region(fx.region) }, to: { __typename: `${PREFIX[other.side]}Region`, ...region(other.region) }, alliance: null,
    }),
    filter: (i) => ({ search: i.name }),
  },
  {
    write: 'RecordCivilizationRecord', inputType: 'CivilizationRecordInput', list: 'civilizationRecords',
    fields: 'id kind title recordedOn occurrences region { id name } alliance { id }',
    input: (fx) => ({ kind: '公约', title: uniqueName('毗邻村文明公约'), regionId: fx.region.id, recordedOn: '2024-04-07', occurrences: 2 }),
    expected: (fx, _o, i) => ({ kind: '公约', title: i.title, recordedOn: '2024-04-07', occurrences: 2, region: region(fx.region), alliance: null }),
    filter: (i) => ({ search: i.title }),
  },
  {
    write: 'RecordPairing', inputType: 'PairingInput', list: 'pairings',
    fields: 'id unitName startedOn wishesFulfilled organization { id name } firstSecretary { id name }',
    input: (fx) => ({ unitName: uniqueName('区委组织部'), organizationId: fx.town.id, firstSecretaryId: fx.person.id, startedOn: '2024-04-08', wishesFulfilled: 12 }),
    expected: (fx, _o, i) => ({ unitName: i.unitName, startedOn: '2024-04-08', wishesFulfilled: 12, organization: org(fx.town), firstSecretary: { id: fx.person.id, name: fx.person.name } }),
    filter: (i) => ({ search: i.unitName }),
  },
  {
    write: 'RecordGrid', inputType: 'GridInput', list: 'grids',
    fields: 'id name households organization { id name } region { id name } responsible { id name }',
    input: (fx) => ({ name: uniqueName('第一网格'), organizationId: fx.town.id, regionId: fx.region.id, households: 150, responsibleId: fx.otherPerson.id }),
    expected: (fx, _o, i) => ({ name: i.name, households: 150, organization: org(fx.town), region: region(fx.region), responsible: { id: fx.otherPerson.id, name: fx.otherPerson.name } }),
    filter: (i) => ({ search: i.name }),
  },
];

const doc = (side: Side, c: Pick<RecordCase, 'write' | 'inputType'>, fields = 'id') =>
  `mutation ($input: ${c.inputType}!, $key: String) { ${side}${c.write}(input: $input, idempotencyKey: $key) { ${fields} } }`;

describe.each(['sichuan', 'chongqing'] as const)('round trips on %s', (side) => {
  test.each(RECORDS.map((c) => [c.write, c] as const))('%s: the new record comes back resolved through the gateway and reads back the same', async (_name, c) => {
    const fx = fixtures[side];
    const other = fixtures[OTHER[side]];
    const input = c.input(fx, other);
    const written = dataOf<Record<string, { id: string }>>(await federation.query(doc(side, c, c.fields), { input }))[`${side}${c.write}`]!;
    expect(written).toMatchObject(c.expected(fx, other, input));
    expect(written.id).toMatch(new RegExp(`^${side}:[A-Za-z]+:[0-9a-f-]{36}$`));
    expect(await readBack(federation, side, c.list, c.filter(input), written.id, c.fields)).toEqual(written);
  });

  test('left out, the figures take the store’s defaults: one session, one occurrence, nothing counted', async () => {
    const fx = fixtures[side];
    // One write a request: each its own mutation.
    const written = async (document: string, input: Record<string, unknown>) => Object.values(dataOf<Record<string, Record<string, unknown>>>(await federation.query(document, { input })))[0];
    expect(
      await written(`mutation ($input: ActivityInput!) { ${side}RecordActivity(input: $input) { sessions personTimes talentsRecruited alliance { id } } }`, {
        kind: '培训',
        title: uniqueName('培训'),
        heldOn: '2024-05-01',
        organizerId: fx.town.id,
      }),
    ).toEqual({ sessions: 1, personTimes: 0, talentsRecruited: 0, alliance: null });
    expect(
      await written(`mutation ($input: CivilizationRecordInput!) { ${side}RecordCivilizationRecord(input: $input) { occurrences } }`, {
        kind: '节庆文体活动',
        title: uniqueName('端午'),
        regionId: fx.region.id,
        recordedOn: '2024-05-02',
      }),
    ).toEqual({ occurrences: 1 });
    expect(
      await written(`mutation ($input: FacilityInput!) { ${side}RecordFacility(input: $input) { areaSqm convertedFromIdleAsset idleAssetKind organization { id } } }`, {
        kind: '便民服务大厅',
        name: uniqueName('大厅'),
        regionId: fx.region.id,
        openedOn: '2024-05-03',
        idleAssetKind: '  ',
      }),
    ).toEqual({ areaSqm: 0, convertedFromIdleAsset: false, idleAssetKind: null, organization: null });
  });
});

describe('validation: every refused record names its field and rule, and changes nothing in any store', () => {
  const side: Side = 'sichuan';
  const byWrite = (write: string) => RECORDS.find((c) => c.write === write)!;
  const fx = () => fixtures[side];
  const cq = () => fixtures.chongqing;

  const cases: [string, string, () => Input, ExpectedError][] = [
    // IDs
    ['RecordActivity', 'an organizer of the other side', () => ({ organizerId: cq().town.id }), { code: BAD, field: 'organizerId', rule: 'wrong-jurisdiction' }],
    ['RecordActivity', 'a region ID as the organizer', () => ({ organizerId: fx().region.id }), { code: BAD, field: 'organizerId', rule: 'wrong-type' }],
    ['RecordActivity', 'a malformed organizer ID', () => ({ organizerId: '磨溪镇党委' }), { code: BAD, field: 'organizerId', rule: 'malformed-id' }],
    ['RecordActivity', 'an organizer of this side that does not exist', () => ({ organizerId: 'sichuan:Organization:nobody' }), { code: 'NOT_FOUND', field: 'organizerId', rule: null }],
    ['RecordActivity', 'a malformed alliance ID', () => ({ allianceId: 'sweet-potato-chain' }), { code: BAD, field: 'allianceId', rule: 'malformed-id' }],
    ['RecordActivity', 'an alliance ID of a side', () => ({ allianceId: 'chongqing:Alliance:x' }), { code: BAD, field: 'allianceId', rule: 'wrong-jurisdiction' }],
    ['RecordServiceCase', 'an organization as the region', () => ({ regionId: fx().town.id }), { code: BAD, field: 'regionId', rule: 'wrong-type' }],
    ['RecordServiceCase', 'a region that does not exist', () => ({ regionId: 'sichuan:Region:atlantis' }), { code: 'NOT_FOUND', field: 'regionId', rule: null }],
    ['RecordTeamAction', 'an organization as the team', () => ({ teamId: fx().town.id }), { code: BAD, field: 'teamId', rule: 'wrong-type' }],
    ['RecordTeamAction', 'a team that does not exist', () => ({ teamId: 'sichuan:Team:nobody' }), { code: 'NOT_FOUND', field: 'teamId', rule: null }],
    ['RecordTransportLink', 'a link from a region to itself', () => ({ toRegionId: fx().region.id }), { code: BAD, field: 'toRegionId', rule: 'self-reference' }],
    ['RecordTransportLink', 'a far end of the joint office', () => ({ toRegionId: 'joint:Region:x' }), { code: BAD, field: 'toRegionId', rule: 'wrong-jurisdiction' }],
    ['RecordTransportLink', 'a far end of this side that does not exist', () => ({ toRegionId: 'sichuan:Region:atlantis' }), { code: 'NOT_FOUND', field: 'toRegionId', rule: null }],
    ['RecordTransportLink', 'a start of the other side', () => ({ fromRegionId: cq().region.id, toRegionId: fx().region.id }), { code: BAD, field: 'fromRegionId', rule: 'wrong-jurisdiction' }],
    ['RecordPairing', 'a first secretary of the other side', () => ({ firstSecretaryId: cq().person.id }), { code: BAD, field: 'firstSecretaryId', rule: 'wrong-jurisdiction' }],
    ['RecordGrid', 'a responsible person that does not exist', () => ({ responsibleId: 'sichuan:Person:nobody' }), { code: 'NOT_FOUND', field: 'responsibleId', rule: null }],
    ['CreatePerson', 'an organization of the other side', () => ({ organizationId: cq().town.id }), { code: BAD, field: 'organizationId', rule: 'wrong-jurisdiction' }],
    // Dates
    ['RecordActivity', 'a date in the future', () => ({ heldOn: TOMORROW() }), { code: BAD, field: 'heldOn', rule: 'future-date' }],
    ['RecordActivity', 'a date before the organizer was founded', () => ({ organizerId: fx().town.id, heldOn: addYears(fx().town.foundedOn, -1) }), { code: BAD, field: 'heldOn', rule: 'before-founding' }],
    ['RecordActivity', 'an organizer dissolved before the date (merged in 2017)', () => ({ organizerId: fx().dissolved!.id, heldOn: '2020-01-01' }), { code: BAD, field: 'organizerId', rule: 'dissolved' }],
    ['RecordActivity', 'a date that does not exist', () => ({ heldOn: '2023-04-31' }), { code: BAD, message: /heldOn.*2023-04-31 does not exist/ }],
    ['RecordFacility', 'an opening before the organization running it was founded', () => ({ openedOn: addYears(fx().town.foundedOn, -2) }), { code: BAD, field: 'openedOn', rule: 'before-founding' }],
    ['RecordTeam', 'a team formed before its organization', () => ({ foundedOn: addYears(fx().town.foundedOn, -1) }), { code: BAD, field: 'foundedOn', rule: 'before-founding' }],
    ['RecordTeamAction', 'an action before the team was formed', () => ({ actedOn: addYears(fx().team.foundedOn, -1) }), { code: BAD, field: 'actedOn', rule: 'before-founding' }],
    ['RecordServiceCase', 'a date in the future', () => ({ handledOn: TOMORROW() }), { code: BAD, field: 'handledOn', rule: 'future-date' }],
    ['RecordPairing', 'a start in the future', () => ({ startedOn: TOMORROW() }), { code: BAD, field: 'startedOn', rule: 'future-date' }],
    ['CreatePerson', 'an organization dissolved in the seed', () => ({ organizationId: fx().dissolved!.id }), { code: BAD, field: 'organizationId', rule: 'dissolved' }],
    // Counts and amounts
    ['RecordActivity', 'a negative count', () => ({ personTimes: -1 }), { code: BAD, field: 'personTimes', rule: 'negative' }],
    ['RecordActivity', 'an absurd count', () => ({ personTimes: 1_000_001 }), { code: BAD, field: 'personTimes', rule: 'too-large' }],
    ['RecordActivity', 'an absurd number of sessions', () => ({ sessions: 5_000 }), { code: BAD, field: 'sessions', rule: 'too-large' }],
    ['RecordActivity', 'a count beyond a 32-bit Int', () => ({ talentsRecruited: 3_000_000_000 }), { code: BAD, message: /talentsRecruited/ }],
    ['RecordActivity', 'a count with a fraction', () => ({ personTimes: 2.5 }), { code: BAD, message: /personTimes/ }],
    // 引进人才 counts for 引才活动 only (the catalogue's talentsRecruited): on another kind it would count nowhere.
    ['RecordActivity', 'talents recruited by an activity that is no 引才活动', () => ({ kind: '座谈交流', talentsRecruited: 3 }), { code: BAD, field: 'talentsRecruited', rule: 'not-applicable', message: /只计入“引才活动”/ }],
    ['RecordServiceCase', 'a negative amount', () => ({ amountWan: -0.01 }), { code: BAD, field: 'amountWan', rule: 'negative' }],
    ['RecordServiceCase', 'an absurd amount', () => ({ amountWan: 1e9 }), { code: BAD, field: 'amountWan', rule: 'too-large' }],
    ['RecordFacility', 'an absurd area', () => ({ areaSqm: 2_000_000 }), { code: BAD, field: 'areaSqm', rule: 'too-large' }],
    ['RecordProject', 'a negative investment', () => ({ investmentWan: -5 }), { code: BAD, field: 'investmentWan', rule: 'negative' }],
    ['RecordProject', 'an absurd income per household', () => ({ incomePerHouseholdYuan: 5_000_000 }), { code: BAD, field: 'incomePerHouseholdYuan', rule: 'too-large' }],
    ['RecordTeamAction', 'a negative number of occurrences', () => ({ occurrences: -2 }), { code: BAD, field: 'occurrences', rule: 'negative' }],
    ['RecordTeamAction', 'an absurd number of occurrences', () => ({ occurrences: 100_001 }), { code: BAD, field: 'occurrences', rule: 'too-large' }],
    ['RecordTransportLink', 'an absurd length', () => ({ lengthKm: 20_000 }), { code: BAD, field: 'lengthKm', rule: 'too-large' }],
    ['RecordCivilizationRecord', 'a negative number of occurrences', () => ({ occurrences: -1 }), { code: BAD, field: 'occurrences', rule: 'negative' }],
    ['RecordPairing', 'an absurd number of wishes', () => ({ wishesFulfilled: 100_001 }), { code: BAD, field: 'wishesFulfilled', rule: 'too-large' }],
    ['RecordGrid', 'a negative number of households', () => ({ households: -10 }), { code: BAD, field: 'households', rule: 'negative' }],
    // Kinds
    ['RecordActivity', 'an unknown kind', () => ({ kind: '聚餐' }), { code: BAD, field: 'kind', rule: 'unknown-kind' }],
    ['RecordServiceCase', 'an unknown kind', () => ({ kind: '护照办理' }), { code: BAD, field: 'kind', rule: 'unknown-kind' }],
    ['RecordFacility', 'an unknown idle-asset kind', () => ({ idleAssetKind: '闲置厂房' }), { code: BAD, field: 'idleAssetKind', rule: 'unknown-kind' }],
    ['RecordProject', 'an unknown kind', () => ({ kind: '房地产' }), { code: BAD, field: 'kind', rule: 'unknown-kind' }],
    ['RecordTeam', 'a governance kind in a volunteer team', () => ({ category: '志愿服务队', kind: '治安联防队' }), { code: BAD, field: 'kind', rule: 'unknown-kind' }],
    ['RecordTeam', 'a volunteer kind in a governance team', () => ({ category: '社会治理工作队', kind: '帮帮团' }), { code: BAD, field: 'kind', rule: 'unknown-kind' }],
    ['RecordTeam', 'an unknown category', () => ({ category: '突击队' }), { code: BAD, field: 'category', rule: 'unknown-kind' }],
    ['RecordTeamAction', 'an unknown kind', () => ({ kind: '聚餐' }), { code: BAD, field: 'kind', rule: 'unknown-kind' }],
    ['RecordTransportLink', 'an unknown kind', () => ({ kind: '航线' }), { code: BAD, field: 'kind', rule: 'unknown-kind' }],
    ['RecordCivilizationRecord', 'an unknown kind', () => ({ kind: '评比' }), { code: BAD, field: 'kind', rule: 'unknown-kind' }],
    ['CreatePerson', 'an unknown gender', () => ({ gender: 'X' }), { code: BAD, field: 'gender', rule: 'unknown-kind' }],
    // Texts
    ['RecordActivity', 'a blank title', () => ({ title: ' \n ' }), { code: BAD, field: 'title', rule: 'required' }],
    ['RecordActivity', 'a title longer than 200 characters', () => ({ title: '会'.repeat(201) }), { code: BAD, field: 'title', rule: 'too-long' }],
    ['RecordActivity', 'a title that reads backwards (RLO)', () => ({ title: '座谈\u202e会' }), { code: BAD, field: 'title', rule: 'malformed' }],
    ['RecordFacility', 'a name longer than 100 characters', () => ({ name: '室'.repeat(101) }), { code: BAD, field: 'name', rule: 'too-long' }],
    ['RecordProject', 'a brand longer than 50 characters', () => ({ brand: '牌'.repeat(51) }), { code: BAD, field: 'brand', rule: 'too-long' }],
    ['RecordPairing', 'a blank unit name', () => ({ unitName: '' }), { code: BAD, field: 'unitName', rule: 'required' }],
    ['RecordGrid', 'a blank name', () => ({ name: '   ' }), { code: BAD, field: 'name', rule: 'required' }],
    ['CreatePerson', 'a name longer than 50 characters', () => ({ name: '名'.repeat(51) }), { code: BAD, field: 'name', rule: 'too-long' }],
    ['CreatePerson', 'a name with a control character', () => ({ name: '张\u0007三' }), { code: BAD, field: 'name', rule: 'malformed' }],
  ];

  test.each(cases)('%s with %s', async (write, _what, change, expected) => {
    const c = byWrite(write);
    const input = { ...c.input(fx(), cq()), ...change() };
    await expectRefused(federation, () => federation.query(doc(side, c), { input }), expected);
  });

  test('every record write of the contract is tried here', () => {
    expect(new Set(cases.map(([write]) => write))).toEqual(new Set(RECORDS.map((c) => c.write)));
  });
});

describe('the other side keeps the same rules, mirrored', () => {
  const cases: [string, string, () => Input, ExpectedError][] = [
    ['RecordActivity', 'a Sichuan organizer', () => ({ organizerId: fixtures.sichuan.town.id }), { code: BAD, field: 'organizerId', rule: 'wrong-jurisdiction' }],
    ['RecordActivity', 'a Chongqing organizer that does not exist', () => ({ organizerId: 'chongqing:Organization:nobody' }), { code: 'NOT_FOUND', field: 'organizerId', rule: null }],
    ['RecordGrid', 'a Sichuan person responsible', () => ({ responsibleId: fixtures.sichuan.person.id }), { code: BAD, field: 'responsibleId', rule: 'wrong-jurisdiction' }],
    ['RecordTeam', 'a volunteer kind in a governance team', () => ({ kind: '宣讲组' }), { code: BAD, field: 'kind', rule: 'unknown-kind' }],
    ['RecordProject', 'an absurd subsidy', () => ({ subsidyWan: 100_000_001 }), { code: BAD, field: 'subsidyWan', rule: 'too-large' }],
  ];
  test.each(cases)('chongqing %s with %s', async (write, _what, change, expected) => {
    const c = RECORDS.find((r) => r.write === write)!;
    const input = { ...c.input(fixtures.chongqing, fixtures.sichuan), ...change() };
    await expectRefused(federation, () => federation.query(doc('chongqing', c), { input }), expected);
  });
});

function addYears(date: string, years: number): string {
  return `${Number(date.slice(0, 4)) + years}${date.slice(4)}`;
}
