import { JURISDICTIONS, RECORD_LISTS } from '@linju/contract';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sharedFederation, type Federation } from '@linju/testing';

/**
 * The jurisdiction contract, run the same way against every jurisdiction's subgraph: whatever
 * each side does inside, through the gateway it must answer alike. A side that drifts from the
 * contract fails here by name.
 */

let federation: Federation;
beforeAll(async () => {
  federation = await sharedFederation();
});
afterAll(() => federation?.stop());

interface Page {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { cursor: string; node: { __typename: string; id: string } }[];
}

async function page(side: string, list: string, first: number, after?: string | null): Promise<Page> {
  const response = await federation.query<Record<string, Record<string, Page>>>(
    `query ($first: Int, $after: String) { ${side} { ${list}(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { __typename id } } } } }`,
    { first, after },
  );
  expect(response.errors, `${side}.${list}`).toBeUndefined();
  return response.data![side]![list]!;
}

describe.each(JURISDICTIONS.map((j) => [j.key, j] as const))('the jurisdiction contract: %s', (key, side) => {
  test('the side names itself as the registry does', async () => {
    const response = await federation.query<Record<string, { code: string; key: string; name: string; __typename: string }>>(
      `{ ${key} { __typename code key name } }`,
    );
    expect(response.data![key]).toEqual({ __typename: `${side.typePrefix}Jurisdiction`, code: side.code, key, name: side.name });
  });

  test.each(Object.entries(RECORD_LISTS))('%s: its own records, of its own type, paged without gap or overlap', async (list, type) => {
    const whole = await page(key, list, 100);
    expect(whole.totalCount).toBeGreaterThan(0);
    for (const { node } of whole.edges) {
      expect(node.__typename).toBe(`${side.typePrefix}${type}`);
      expect(node.id.startsWith(`${key}:${type}:`)).toBe(true);
    }
    const first = await page(key, list, 2);
    const second = await page(key, list, 2, first.pageInfo.endCursor);
    expect(first.totalCount).toBe(whole.totalCount);
    expect([...first.edges, ...second.edges].map((e) => e.node.id)).toEqual(whole.edges.slice(0, 4).map((e) => e.node.id));
  });

  test("its figures add up from its own records (joint seminars = sessions of its 座谈交流 activities)", async () => {
    const period = { from: '2021-01-01', to: '2021-06-30' };
    const response = await federation.query<Record<string, { figures: { jointSeminarSessions: number }; activities: { totalCount: number; edges: { node: { sessions: number } }[] } }>>(
      `query ($period: PeriodInput) { ${key} {
        figures(period: $period) { jointSeminarSessions }
        activities(filter: { kinds: ["座谈交流"], period: $period }, first: 100) { totalCount edges { node { sessions } } }
      } }`,
      { period },
    );
    const { figures, activities } = response.data![key]!;
    expect(activities.totalCount).toBeLessThanOrEqual(100);
    expect(figures.jointSeminarSessions).toBe(activities.edges.reduce((n, e) => n + e.node.sessions, 0));
    expect(figures.jointSeminarSessions).toBeGreaterThan(0);
  });

  test('its activities by month and service cases by kind add up from its own records, for anyone', async () => {
    const period = { from: '2021-01-01', to: '2021-06-30' };
    type Breakdowns = {
      figures: { householdRegistrationMoves: number };
      activitiesByMonth: { month: string; activities: number; sessions: number; personTimes: number }[];
      serviceCasesByKind: { kind: string; cases: number }[];
    };
    const breakdowns = `query ($period: PeriodInput, $allianceId: ID) { ${key} {
      figures(period: $period, allianceId: $allianceId) { householdRegistrationMoves }
      activitiesByMonth(period: $period, allianceId: $allianceId) { month activities sessions personTimes }
      serviceCasesByKind(period: $period, allianceId: $allianceId) { kind cases }
    } }`;
    // Public like the figures: no token.
    const response = await federation.query<Record<string, Breakdowns>>(breakdowns, { period }, { as: 'anonymous' });
    expect(response.errors).toBeUndefined();
    const { figures, activitiesByMonth, serviceCasesByKind } = response.data![key]!;
    const months = activitiesByMonth.map((m) => m.month);
    expect(months.length).toBeGreaterThan(0);
    expect(months).toEqual([...months].sort());
    for (const month of months) expect(month >= '2021-01' && month <= '2021-06', month).toBe(true);
    const records = await federation.query<Record<string, { activities: { totalCount: number }; serviceCases: { totalCount: number } }>>(
      `query ($period: PeriodInput) { ${key} { activities(filter: { period: $period }) { totalCount } serviceCases(filter: { period: $period }) { totalCount } } }`,
      { period },
    );
    const counts = records.data![key]!;
    expect(activitiesByMonth.reduce((n, m) => n + m.activities, 0)).toBe(counts.activities.totalCount);
    expect(serviceCasesByKind.reduce((n, k) => n + k.cases, 0)).toBe(counts.serviceCases.totalCount);
    const byKind = Object.fromEntries(serviceCasesByKind.map((k) => [k.kind, k.cases]));
    expect(byKind['户口迁移'] ?? 0).toBe(figures.householdRegistrationMoves);
    expect(serviceCasesByKind.map((k) => k.cases)).toEqual([...serviceCasesByKind.map((k) => k.cases)].sort((a, b) => b - a));

    // One alliance's breakdown is a part of the side's, and an alliance without records has none.
    const alliance = await federation.query<{ alliances: { edges: { node: { id: string } }[] } }>('{ alliances(first: 1) { edges { node { id } } } }');
    const allianceId = alliance.data!.alliances.edges[0]!.node.id;
    const one = (await federation.query<Record<string, Breakdowns>>(breakdowns, { period, allianceId }, { as: 'anonymous' })).data![key]!;
    const ofAlliance = await federation.query<Record<string, { activities: { totalCount: number } }>>(
      `query ($period: PeriodInput, $allianceId: ID) { ${key} { activities(filter: { period: $period, allianceId: $allianceId }) { totalCount } } }`,
      { period, allianceId },
    );
    expect(one.activitiesByMonth.reduce((n, m) => n + m.activities, 0)).toBe(ofAlliance.data![key]!.activities.totalCount);
    const none = (await federation.query<Record<string, Breakdowns>>(breakdowns, { period, allianceId: 'joint:Alliance:none' }, { as: 'anonymous' })).data![key]!;
    expect(none.activitiesByMonth).toEqual([]);
    expect(none.serviceCasesByKind).toEqual([]);
  });

  test('it accepts every write of the contract, under its own name', async () => {
    const response = await federation.query<{ __schema: { mutationType: { fields: { name: string }[] } } }>('{ __schema { mutationType { fields { name } } } }');
    const names = new Set(response.data!.__schema.mutationType.fields.map((f) => f.name));
    for (const write of ['CreateOrganization', 'UpdateOrganization', 'MergeOrganization', 'DissolveOrganization', 'CreatePerson', 'UpdatePerson', 'AppointToPost', 'EndPost', 'RecordActivity', 'RecordServiceCase', 'RecordFacility', 'RecordProject', 'RecordTeam', 'RecordTeamAction', 'RecordTransportLink', 'RecordCivilizationRecord', 'RecordPairing', 'RecordGrid']) {
      expect(names.has(`${key}${write}`), `${key}${write}`).toBe(true);
    }
  });

  test("refuses the other side's records as its own", async () => {
    const other = JURISDICTIONS.find((j) => j.key !== key)!;
    const response = await federation.query(
      `mutation ($input: ActivityInput!) { ${key}RecordActivity(input: $input) { id } }`,
      { input: { kind: '座谈交流', title: '契约测试', heldOn: '2021-03-01', organizerId: `${other.key}:Organization:any` } },
      { as: `${key}-operator` as never },
    );
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'organizerId', rule: 'wrong-jurisdiction' });
  });
});
