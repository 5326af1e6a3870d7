import { expect } from 'vitest';
import type { GraphQLResponse } from '@linju/testing';

/**
 * One request that needs every store: each side's root field, the jurisdictions list (named by
 * the joint office from the contract), the joint overview with each side's figures and their total, and alliances with
 * members of both sides and per-side figures. `side` and `ref` read only what the joint store
 * holds, so they stay when a side is down and tell which member is whose.
 */
export const JOINT_QUERY = `query Joint($period: PeriodInput) {
  sichuan { name organizations(first: 2) { totalCount } }
  chongqing { name organizations(first: 2) { totalCount } }
  jurisdictions { key name }
  overview(period: $period) {
    alliances { total }
    sichuan { jointSeminarSessions crossAppointments }
    chongqing { jointSeminarSessions crossAppointments }
    total { jointSeminarSessions crossAppointments }
  }
  alliances(first: 5) {
    totalCount
    edges { node {
      id name
      members {
        side: jurisdiction { code }
        ref: reference { id }
        organization { __typename ... on Organization { id name } }
        reference { exists }
        jurisdiction { name }
      }
      overview(period: $period) { sichuan { jointSeminarSessions } chongqing { jointSeminarSessions } total { jointSeminarSessions } }
    } }
  }
}`;

export const H1_2021 = { period: { from: '2021-01-01', to: '2021-06-30' } };

type Figures = Record<string, number> | null;
interface Member {
  side: { code: string };
  ref: { id: string };
  organization: { __typename: string; id: string; name: string } | null;
  reference: { exists: boolean } | null;
  jurisdiction: { name: string } | null;
}
export interface JointData {
  sichuan: { name: string; organizations: { totalCount: number } } | null;
  chongqing: { name: string; organizations: { totalCount: number } } | null;
  jurisdictions: ({ key: string; name: string } | null)[];
  overview: { alliances: { total: number }; sichuan: Figures; chongqing: Figures; total: Figures };
  alliances: { totalCount: number; edges: { node: { id: string; name: string; members: Member[]; overview: { sichuan: Figures; chongqing: Figures; total: Figures } } }[] };
}

const SIDES = { sichuan: { code: '510000', name: '四川省' }, chongqing: { code: '500000', name: '重庆市' } } as const;
type Side = keyof typeof SIDES;

/**
 * The answer has everything but the parts `down` owns: those are null, and nothing else is.
 * With `down` undefined, the answer is complete.
 */
export function expectOnlyPartsOf(down: Side | undefined, data: JointData | null | undefined): void {
  expect(data, 'the answer keeps its data').toBeTruthy();
  const d = data!;
  for (const side of ['sichuan', 'chongqing'] as const) {
    const isDown = side === down;
    if (isDown) expect(d[side], `${side} root field`).toBeNull();
    else expect(d[side], `${side} root field`).toMatchObject({ name: SIDES[side].name, organizations: { totalCount: expect.any(Number) } });
    // A jurisdiction's key and name are the contract's: the joint office answers them, its side up or down.
    expect(d.jurisdictions.find((j) => j?.key === side), `jurisdictions item of ${side}`).toEqual({ key: side, name: SIDES[side].name });
    if (isDown) expect(d.overview[side], `overview.${side}`).toBeNull();
    else expect(d.overview[side]!['jointSeminarSessions'], `overview.${side}`).toBeGreaterThan(0);
  }
  expect(d.jurisdictions).toHaveLength(2);
  // The joint office's own figures do not depend on either side; the total needs both.
  expect(d.overview.alliances.total).toBeGreaterThan(0);
  if (down) expect(d.overview.total).toBeNull();
  else expect(d.overview.total!['jointSeminarSessions']).toBe(d.overview.sichuan!['jointSeminarSessions']! + d.overview.chongqing!['jointSeminarSessions']!);

  expect(d.alliances.totalCount).toBeGreaterThan(0);
  const members = d.alliances.edges.flatMap((e) => e.node.members);
  for (const side of ['sichuan', 'chongqing'] as const) {
    const theirs = members.filter((m) => m.side.code === SIDES[side].code);
    expect(theirs.length, `members of ${side} in the alliances listed`).toBeGreaterThan(0);
    for (const member of theirs) {
      expect(member.ref.id.startsWith(`${side}:`)).toBe(true);
      if (side === down) {
        expect(member).toMatchObject({ organization: null, reference: null, jurisdiction: { name: SIDES[side].name } });
      } else {
        expect(member.organization?.name, `${member.ref.id} resolved at home`).toEqual(expect.any(String));
        expect(member).toMatchObject({ reference: { exists: true }, jurisdiction: { name: SIDES[side].name } });
      }
    }
  }
  for (const { node } of d.alliances.edges) {
    for (const side of ['sichuan', 'chongqing'] as const) {
      if (side === down) expect(node.overview[side], `${node.name}: ${side}'s figures`).toBeNull();
      else expect(node.overview[side], `${node.name}: ${side}'s figures`).toEqual({ jointSeminarSessions: expect.any(Number) });
    }
    if (down) expect(node.overview.total).toBeNull();
  }
}

/** Every error names the failed subgraph and its jurisdiction with `code`; returns them. */
export function expectErrorsNaming(response: GraphQLResponse<unknown>, subgraph: Side, code: string): NonNullable<GraphQLResponse<unknown>['errors']> {
  const errors = response.errors ?? [];
  expect(errors.length, 'errors naming the failed side').toBeGreaterThan(0);
  for (const error of errors) {
    expect(error.extensions, error.message).toMatchObject({ code, subgraph, jurisdiction: SIDES[subgraph].name });
    expect(error.message).toContain(SIDES[subgraph].name);
    // Nothing of the subgraph's address or raw answer reaches the client.
    expect(JSON.stringify(error)).not.toMatch(/127\.0\.0\.1|:\/\/|stacktrace/);
    // The gateway's own (the subgraph failed as a whole) says where its parts would have been: a root
    // field of the answer, and below it up to the first list.
    if (code.startsWith('SUBGRAPH_')) {
      expect(error.path?.length, `the path of ${error.message}`).toBeGreaterThan(0);
      if (response.data) expect(Object.keys(response.data as object)).toContain(error.path![0]);
    }
  }
  return errors;
}
