import type { Role } from '@linju/access';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startFederation, type Federation, type GraphQLResponse } from '@linju/testing';
import { federationSnapshot } from '@linju/testing';
import { createOrganizationDoc, dataOf, loadFixtures, uniqueName, type Side, type SideFixtures } from '../writes/writeSupport.ts';

/**
 * The owner's rules, through the gateway on the real stores: each store's writes only by its own
 * operator (the joint office's only by joint-operator), anything else refused with FORBIDDEN naming
 * the role and the operation, before anything runs, and no store changed; anonymous callers read
 * the public aggregate figures and nothing else, refused with FORBIDDEN naming each field.
 */

let federation: Federation;
let fx: Record<Side, SideFixtures>;

beforeAll(async () => {
  federation = await startFederation();
  fx = await loadFixtures(federation);
});
afterAll(() => federation?.stop());

type Response = GraphQLResponse<Record<string, unknown>>;

/** Nothing was answered: no data, or only nulls (every root field is nullable, and so are the items of `jurisdictions`). */
function nothingAnswered(response: Response): boolean {
  return Object.values(response.data ?? {}).every((value) => value === null || (Array.isArray(value) && value.every((item) => item === null)));
}

/** The answer is a FORBIDDEN refusal with no data (a nullable root field answers null), its message saying each of `mentions`. */
function expectForbidden(response: Response, ...mentions: (string | RegExp)[]): void {
  expect(nothingAnswered(response), JSON.stringify(response).slice(0, 600)).toBe(true);
  expect(response.errors?.length, JSON.stringify(response.errors)).toBeGreaterThan(0);
  for (const error of response.errors!) expect(error.extensions?.code, error.message).toBe('FORBIDDEN');
  const messages = response.errors!.map((e) => e.message).join('\n');
  for (const mention of mentions) expect(messages).toMatch(mention);
}

// ---------------------------------------------------------------------------------------------
// Writes

/** A valid write of each store, so that a refusal can only come from who sends it. */
const WRITES: Record<'sichuan' | 'chongqing' | 'joint', { field: string; send: (as: Role) => Promise<Response> }> = {
  sichuan: { field: 'sichuanCreateOrganization', send: (as) => createOrganization('sichuan', as) },
  chongqing: { field: 'chongqingCreateOrganization', send: (as) => createOrganization('chongqing', as) },
  joint: {
    field: 'createAlliance',
    send: (as) =>
      federation.query(
        `mutation CreateAlliance($input: AllianceInput!) { createAlliance(input: $input) { id name } }`,
        { input: { kind: '毗邻乡镇党建联建', name: uniqueName('测试联盟'), foundedOn: '2024-03-01', memberIds: [fx.sichuan.town.id, fx.chongqing.town.id] } },
        { as },
      ),
  },
};

function createOrganization(side: Side, as: Role): Promise<Response> {
  return federation.query(
    createOrganizationDoc(side),
    { input: { name: uniqueName('测试党支部'), kind: '党支部', level: '村', parentId: fx[side].town.id, regionId: fx[side].region.id, foundedOn: '2020-01-01' } },
    { as },
  );
}

describe('writes: only the operator of the store written', () => {
  test.each([
    ['sichuan-operator', 'chongqing'],
    ['chongqing-operator', 'sichuan'],
    ['joint-operator', 'sichuan'],
    ['joint-operator', 'chongqing'],
    ['sichuan-operator', 'joint'],
    ['chongqing-operator', 'joint'],
    ['viewer', 'sichuan'],
    ['viewer', 'chongqing'],
    ['viewer', 'joint'],
    ['anonymous', 'sichuan'],
    ['anonymous', 'chongqing'],
    ['anonymous', 'joint'],
  ] as const)('%s writing to %s is refused with FORBIDDEN naming the role and the mutation; no store changes', async (role, store) => {
    const write = WRITES[store];
    const before = await federationSnapshot(federation.subgraphs);
    federation.resetCalls();
    const response = await write.send(role);
    expectForbidden(response, new RegExp(`\\b${role}\\b`), write.field, `${store}-operator`);
    expect(await federationSnapshot(federation.subgraphs)).toEqual(before);
    // Refused by the owner: the only subgraph asked is the one that owns the mutation.
    expect(federation.subgraphCalls).toEqual([store]);
  });

  test.each(['sichuan', 'chongqing', 'joint'] as const)('the %s operator writes to its own store', async (store) => {
    const response = await WRITES[store].send(`${store}-operator`);
    expect(dataOf(response)[WRITES[store].field]).toMatchObject({ name: expect.any(String) });
  });

  test('a refused write names the client’s operation too', async () => {
    const response = await WRITES.joint.send('viewer');
    expectForbidden(response, 'createAlliance (operation CreateAlliance)');
    expect(response.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', role: 'viewer', operator: 'joint-operator' });
  });
});

// ---------------------------------------------------------------------------------------------
// Anonymous callers

const FIGURES = 'crossAppointments jointSeminarSessions activityRoomAreaSqm roadsConnectedKm incomePerHouseholdYuan';
const OVERVIEW = `query ($period: PeriodInput, $allianceId: ID) {
  overview(period: $period, allianceId: $allianceId) {
    id period { from to }
    alliances { townshipAlliances jointVillageOrganizations industryChainOrganizations talentAlliances total }
    agreements { agreements signatories cooperationItems categories }
    sichuan { ${FIGURES} } chongqing { ${FIGURES} } total { ${FIGURES} }
  }
}`;
const H1_2021 = { period: { from: '2021-01-01', to: '2021-06-30' } };

describe('anonymous callers: public aggregate figures only', () => {
  test('the joint overview answers, each side’s part and the total, as it does for a viewer', async () => {
    const anonymous = dataOf(await federation.query(OVERVIEW, H1_2021, { as: 'anonymous' }));
    expect(anonymous).toEqual(dataOf(await federation.query(OVERVIEW, H1_2021, { as: 'viewer' })));
    expect(anonymous.overview.total.jointSeminarSessions).toBe(41);
  });

  test('an alliance’s figures answer through overview(allianceId)', async () => {
    const { alliances } = dataOf(await federation.query(`{ alliances(first: 1) { edges { node { id } } } }`));
    const variables = { allianceId: alliances.edges[0].node.id };
    const anonymous = dataOf(await federation.query(OVERVIEW, variables, { as: 'anonymous' }));
    expect(anonymous).toEqual(dataOf(await federation.query(OVERVIEW, variables, { as: 'viewer' })));
  });

  test('each jurisdiction’s code, key, name and figures answer, by root field and through the joint office’s list', async () => {
    const document = `query ($period: PeriodInput) {
      sichuan { __typename code key name figures(period: $period) { ${FIGURES} } }
      chongqing { code key name figures(period: $period) { ${FIGURES} } }
      jurisdictions { __typename code key name figures(period: $period) { ${FIGURES} } }
    }`;
    const anonymous = dataOf(await federation.query(document, H1_2021, { as: 'anonymous' }));
    expect(anonymous).toEqual(dataOf(await federation.query(document, H1_2021, { as: 'viewer' })));
    expect(anonymous.jurisdictions.map((j: { key: string }) => j.key).sort()).toEqual(['chongqing', 'sichuan']);
  });

  test.each([
    ['the alliances list', `{ alliances { totalCount } }`, ['Query.alliances']],
    ['an alliance by ID', `{ alliance(id: "joint:Alliance:x") { name } }`, ['Query.alliance']],
    ['the agreements list', `{ agreements { edges { node { title } } } }`, ['Query.agreements']],
    ['the joint office’s references', `{ crossBorderReferences { sourceId } }`, ['Query.crossBorderReferences']],
    ['the overview’s alliance (a record, not a figure)', `{ overview { alliance { name } } }`, ['JointOverview.alliance']],
    ['a side’s organizations', `{ sichuan { organizations { totalCount } } }`, ['SichuanJurisdiction.organizations']],
    ['a side’s people, with their names', `{ chongqing { name people { edges { node { name } } } } }`, ['ChongqingJurisdiction.people']],
    ['a side’s records in a fragment', `query { sichuan { ...Lists } } fragment Lists on Jurisdiction { posts { totalCount } activities { totalCount } }`, [/Jurisdiction\.posts/, /Jurisdiction\.activities/]],
    ['a side’s lists through the joint office’s list of jurisdictions (_entities)', `{ jurisdictions { key regions { totalCount } } }`, [/(Sichuan|Chongqing)Jurisdiction\.regions/]],
    ['a side’s references', `{ sichuan { crossBorderReferences { sourceId } } }`, ['SichuanJurisdiction.crossBorderReferences']],
  ])('%s: refused with FORBIDDEN naming the field', async (_what, document, fields) => {
    federation.resetCalls();
    expectForbidden(await federation.query(document, {}, { as: 'anonymous' }), ...fields);
  });

  test('a request mixing figures and records is refused whole: nothing is answered to anonymous that it may not see', async () => {
    const response = await federation.query(`{ overview { alliances { total } } alliances { totalCount } }`, {}, { as: 'anonymous' });
    expect(response.errors?.some((e) => e.extensions?.code === 'FORBIDDEN' && /Query\.alliances/.test(e.message))).toBe(true);
    expect(nothingAnswered(response), JSON.stringify(response.data)).toBe(true);
  });
});
