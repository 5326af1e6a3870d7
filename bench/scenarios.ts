/**
 * The benchmark's scenarios: the explorer's example operations (`gateway/examples/`, registered
 * operations the schema check keeps valid), with variables that fit the benchmark's dataset, and a
 * mix of them with 10 % writes. Every system under test gets the very same requests.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spreadWrite } from './measure/writeSpread.ts';

const examples = join(import.meta.dirname, '..', 'gateway', 'examples');
const example = (file: string) => readFileSync(join(examples, file), 'utf8');

/** Whose token a request carries. */
export type TokenRole = 'viewer' | 'sichuan-operator' | 'chongqing-operator';

/** One GraphQL request of a scenario. */
export interface ScenarioRequest {
  label: string;
  query: string;
  variables: Record<string, unknown>;
  role: TokenRole;
  /** A write: a fresh idempotency key, title, day and organizer each time it is sent ({@link writeVariables}). */
  write?: 'sichuan' | 'chongqing';
}

export interface Scenario {
  name: string;
  description: string;
  /** Sent in this order, round and round, by each connection. */
  requests: ScenarioRequest[];
}

export const OVERVIEW_YEAR = { from: '2024-01-01', to: '2024-12-31' };
/** Alliance 1 of the dataset: a member of each side, an agreement with its items (see benchDataset.ts). */
export const DRILLDOWN_ALLIANCE = 'joint:Alliance:b1';

export const overview: ScenarioRequest = {
  label: 'overview',
  query: example('3-joint-overview-2021-h1.graphql'),
  variables: { period: OVERVIEW_YEAR },
  role: 'viewer',
};
export const drilldown: ScenarioRequest = {
  label: 'drilldown',
  query: example('1-alliance-with-members.graphql'),
  variables: { id: DRILLDOWN_ALLIANCE },
  role: 'viewer',
};
export const activities = (first: number): ScenarioRequest => ({
  label: 'activities',
  query: example('4-filtered-activities-page.graphql'),
  variables: { first, after: null },
  role: 'viewer',
});
export const crossAppointments = (first: number): ScenarioRequest => ({
  label: 'crossAppointments',
  query: example('2-cross-appointments.graphql'),
  variables: { first },
  role: 'viewer',
});

const RECORD = (side: string) =>
  `mutation BenchRecordActivity($input: ActivityInput!, $key: String) { ${side}RecordActivity(input: $input, idempotencyKey: $key) { id title heldOn } }`;
export const recordActivity = (side: 'sichuan' | 'chongqing'): ScenarioRequest => ({
  label: `write:${side}`,
  query: RECORD(side),
  // Organization 1 of each side is a live town committee (党委) founded before 2020; a load's writes
  // take other days and organizers (writeVariables).
  variables: { input: { kind: '座谈交流', title: '', heldOn: '2025-06-01', organizerId: `${side}:Organization:b1`, sessions: 1 } },
  role: `${side}-operator`,
  write: side,
});

/** The dataset the writes spread over: its seed and its grassroots organizations (towns' and villages', b1…b`organizers`). */
export interface WriteSpread {
  seed: number;
  organizers: number;
}

/** The grassroots organizations of a dataset's size (`dataset.json`'s): its town committees, then its village organizations. */
export const grassrootsOrganizers = (size: Readonly<Record<string, number>>): number => size.towns! + size.villages!;

/**
 * The n-th write of a run tagged `tag`: its idempotency key, a title unique to it, and a day and
 * organizer of the side spread as real records are (`writeSpread.ts`), deterministic by the seed.
 */
export function writeVariables(request: ScenarioRequest, tag: string, n: number, spread: WriteSpread): { input: Record<string, unknown>; key: string } {
  const { heldOn, organizer } = spreadWrite(spread.seed, n, spread.organizers);
  const input = { ...(request.variables.input as Record<string, unknown>), title: `压测写入-${tag}-${n}`, heldOn, organizerId: `${request.write}:Organization:b${organizer + 1}` };
  return { input, key: `${tag}-${n}` };
}

export const SCENARIOS: Scenario[] = [
  { name: 'overview', description: 'the joint overview of 2024: every figure of both sides, joint totals, alliance counts', requests: [overview] },
  { name: 'drilldown', description: `one alliance (${DRILLDOWN_ALLIANCE}) with its members from both sides, their regions, its agreements and items`, requests: [drilldown] },
  { name: 'activities', description: "a page of 10 of Chongqing's joint seminars of 2021 H1 (kind and period filter), with organizer and alliance", requests: [activities(10)] },
  { name: 'crossAppointments', description: "5 of Sichuan's cross-border posts with holders from Chongqing, their organizations and alliances", requests: [crossAppointments(5)] },
  {
    name: 'mix',
    description: '90 % the four reads above, 10 % writes (an activity recorded on each side in turn, with its idempotency key)',
    requests: [overview, drilldown, activities(10), crossAppointments(5), drilldown, activities(10), crossAppointments(5), overview, activities(10), recordActivity('sichuan'),
      overview, drilldown, activities(10), crossAppointments(5), drilldown, activities(10), crossAppointments(5), overview, drilldown, recordActivity('chongqing')],
  },
];
