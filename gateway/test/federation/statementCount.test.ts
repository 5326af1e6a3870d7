import { afterAll, beforeAll, expect, test } from 'vitest';
import { startFederation, type Federation } from '../support/startFederation.ts';
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
async function statementsFor(first: number): Promise<{ rows: number; statements: Record<string, number> }> {
  federation.resetCalls();
  const response = await federation.query<{ alliances: { totalCount: number; edges: unknown[] } }>(ALLIANCES, { first, period: H1_2021 });
  expect(response.errors).toBeUndefined();
  const statements = Object.fromEntries(Object.entries(federation.subgraphs).map(([name, s]) => [name, s.statements.count()]));
  return { rows: response.data!.alliances.edges.length, statements };
}

test('the SQL statements per subgraph do not grow with the number of alliances listed', async () => {
  const few = await statementsFor(3);
  const all = await statementsFor(100);
  expect(few.rows).toBe(3);
  expect(all.rows).toBe(34);
  for (const name of ['sichuan', 'chongqing', 'joint']) expect(few.statements[name], name).toBeGreaterThan(0);
  expect(all.statements).toEqual(few.statements);
});
