import { afterAll, beforeAll, expect, test } from 'vitest';
import { startFederation, type Federation } from '@linju/testing';
import { H1_2021 } from './seedFigures.ts';

let federation: Federation;
beforeAll(async () => {
  federation = await startFederation();
});
afterAll(() => federation?.stop());

const ALLIANCES = `query ($first: Int, $period: PeriodInput) {
  alliances(first: $first) {
    totalCount
    edges { node {
      id name kind
      members { organization { __typename id ... on Organization { name kind region { name } } } }
      agreements { title signedOn }
      overview(period: $period) {
        sichuan { crossAppointments jointSeminarSessions policyTalks roadsConnectedKm }
        chongqing { crossAppointments jointSeminarSessions policyTalks roadsConnectedKm }
        total { crossAppointments }
      }
    } }
  }
}`;

/** Statements each subgraph's store executed for one gateway request. */
async function statementsFor(first: number, period: { from: string; to: string }): Promise<{ rows: number; statements: Record<string, number> }> {
  federation.resetCalls();
  const response = await federation.query<{ alliances: { totalCount: number; edges: unknown[] } }>(ALLIANCES, { first, period });
  expect(response.errors).toBeUndefined();
  const statements = Object.fromEntries(Object.entries(federation.subgraphs).map(([name, s]) => [name, s.statements.count()]));
  return { rows: response.data!.alliances.edges.length, statements };
}

test('the SQL statements per subgraph do not grow with the number of alliances listed', async () => {
  // Two periods, so neither request finds the other's figures in the stores' aggregate cache.
  const few = await statementsFor(3, H1_2021);
  const all = await statementsFor(100, { from: '2021-01-01', to: '2021-12-31' });
  expect(few.rows).toBe(3);
  expect(all.rows).toBe(34);
  for (const name of ['sichuan', 'chongqing', 'joint']) expect(few.statements[name], name).toBeGreaterThan(0);
  expect(all.statements).toEqual(few.statements);
});

const BREAKDOWNS = `query ($period: PeriodInput) {
  jurisdictions {
    key
    activitiesByMonth(period: $period) { month activities }
    serviceCasesByKind(period: $period) { kind cases }
  }
}`;

test("each side's breakdowns by month and by kind cost the same statements for one month as for all time", async () => {
  const statements = async (period: { from: string | null; to: string | null }) => {
    federation.resetCalls();
    const response = await federation.query<{ jurisdictions: { activitiesByMonth: unknown[] }[] }>(BREAKDOWNS, { period });
    expect(response.errors).toBeUndefined();
    return {
      months: response.data!.jurisdictions.reduce((n, side) => n + side.activitiesByMonth.length, 0),
      statements: Object.fromEntries(['sichuan', 'chongqing'].map((name) => [name, federation.subgraphs[name]!.statements.count()])),
    };
  };
  const oneMonth = await statements({ from: '2021-03-01', to: '2021-03-31' });
  const allTime = await statements({ from: null, to: null });
  expect(allTime.months).toBeGreaterThan(oneMonth.months);
  expect(allTime.statements).toEqual(oneMonth.statements);
});

test('a side’s list counts its records only when the query asks totalCount: a page-by-page reader pays one count, not one per page', async () => {
  const statements = async (fields: string) => {
    federation.resetCalls();
    const response = await federation.query(`{ sichuan { activities(first: 5) { ${fields} } } }`);
    expect(response.errors).toBeUndefined();
    return federation.subgraphs.sichuan!.statements.count();
  };
  const pageOnly = await statements('edges { node { id } }');
  const withTotal = await statements('totalCount edges { node { id } }');
  expect(withTotal).toBe(pageOnly + 1);
});

const OVERVIEW = `query ($period: PeriodInput, $allianceId: ID) {
  overview(period: $period, allianceId: $allianceId) { alliances { total } agreements { agreements } total { crossAppointments } }
}`;

test("the joint office looks an overview's alliance up with one statement, and the overview of every alliance pays nothing for it", async () => {
  const statements = async (period: { from: string; to: string }, allianceId: string | null, document = OVERVIEW) => {
    federation.resetCalls();
    const response = await federation.query(document, { period, allianceId });
    const counts: Record<string, number> = Object.fromEntries(Object.entries(federation.subgraphs).map(([name, s]) => [name, s.statements.count()]));
    return { errors: response.errors, joint: counts['joint']!, sichuan: counts['sichuan']!, chongqing: counts['chongqing']! };
  };
  const list = await federation.query<{ alliances: { edges: { node: { id: string } }[] } }>('{ alliances(first: 1) { edges { node { id } } } }');
  const allianceId = list.data!.alliances.edges[0]!.node.id;
  // Periods no other request asked, so no request finds another's figures in the aggregate caches.
  const every = await statements({ from: '2019-01-01', to: '2019-03-31' }, null);
  const one = await statements({ from: '2019-04-01', to: '2019-06-30' }, allianceId);
  const withItsName = await statements({ from: '2019-07-01', to: '2019-09-30' }, allianceId, OVERVIEW.replace('alliances {', 'alliance { name } alliances {'));
  expect([every.errors, one.errors, withItsName.errors]).toEqual([undefined, undefined, undefined]);
  // The figures of one alliance are counted by the same statements as everyone's: only the look-up is added,
  // and the overview's `alliance` field reads the row the look-up loaded.
  expect(one.joint).toBe(every.joint + 1);
  expect(withItsName.joint).toBe(one.joint);
  expect({ sichuan: one.sichuan, chongqing: one.chongqing }).toEqual({ sichuan: every.sichuan, chongqing: every.chongqing });
  // One it does not have is refused after that one statement; no side is asked.
  const refused = await statements({ from: '2019-10-01', to: '2019-12-31' }, 'joint:Alliance:no-such-alliance');
  expect(refused.errors?.[0]?.extensions?.['rule']).toBe('unknown-alliance');
  expect(federation.subgraphCalls).toEqual(['joint']);
});
