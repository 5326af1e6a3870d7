import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sharedFederation, type Federation } from '@linju/testing';
import { H1_2021 } from './seedFigures.ts';

let federation: Federation;
beforeAll(async () => {
  federation = await sharedFederation();
});
afterAll(() => federation?.stop());

interface Page {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { cursor: string; node: { id: string; kind: string; heldOn: string } }[];
}

const ACTIVITIES = `query ($keys: [String!], $filter: RecordFilter, $first: Int, $after: String) {
  jurisdictions(keys: $keys) { key activities(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id kind heldOn } }
  } }
}`;

async function activities(variables: Record<string, unknown>): Promise<Page> {
  const response = await federation.query<{ jurisdictions: { key: string; activities: Page }[] }>(ACTIVITIES, variables);
  expect(response.errors).toBeUndefined();
  return response.data!.jurisdictions[0]!.activities;
}

describe('lists as cursor connections', () => {
  test('pages follow each other without overlap or gap, newest first', async () => {
    const all = await activities({ keys: ['sichuan'], first: 100 });
    const first = await activities({ keys: ['sichuan'], first: 7 });
    const second = await activities({ keys: ['sichuan'], first: 7, after: first.pageInfo.endCursor });
    expect(first.pageInfo.hasNextPage).toBe(true);
    expect([...first.edges, ...second.edges].map((e) => e.node.id)).toEqual(all.edges.slice(0, 14).map((e) => e.node.id));
    const dates = all.edges.map((e) => e.node.heldOn);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(second.totalCount).toBe(first.totalCount);
  });

  test('filter by jurisdiction: each side lists only its own records', async () => {
    const response = await federation.query<{ jurisdictions: { key: string; activities: Page }[] }>(ACTIVITIES, { keys: ['chongqing'], first: 20 });
    expect(response.data!.jurisdictions.map((j) => j.key)).toEqual(['chongqing']);
    for (const edge of response.data!.jurisdictions[0]!.activities.edges) expect(edge.node.id.startsWith('chongqing:Activity:')).toBe(true);
  });

  test('filter by kind and period', async () => {
    const seminars = await activities({ keys: ['sichuan'], filter: { kinds: ['座谈交流'], period: H1_2021 }, first: 100 });
    expect(seminars.totalCount).toBeGreaterThan(0);
    for (const { node } of seminars.edges) {
      expect(node.kind).toBe('座谈交流');
      expect(node.heldOn >= H1_2021.from && node.heldOn <= H1_2021.to).toBe(true);
    }
    const all = await activities({ keys: ['sichuan'], first: 1 });
    expect(seminars.totalCount).toBeLessThan(all.totalCount);
  });

  test('filter by region includes the regions below it', async () => {
    const regions = await federation.query<{ sichuan: { regions: { edges: { node: { id: string; code: string } }[] } } }>(
      `{ sichuan { regions(filter: { search: "安居区" }, first: 1) { edges { node { id code } } } } }`,
    );
    const anju = regions.data!.sichuan.regions.edges[0]!.node;
    expect(anju.code).toBe('510904');
    const inAnju = await federation.query<{ sichuan: { organizations: { totalCount: number; edges: { node: { region: { code: string } } }[] } } }>(
      `query ($r: ID) { sichuan { organizations(filter: { regionId: $r }, first: 100) { totalCount edges { node { region { code } } } } } }`,
      { r: anju.id },
    );
    const all = await federation.query<{ sichuan: { organizations: { totalCount: number } } }>(`{ sichuan { organizations { totalCount } } }`);
    const page = inAnju.data!.sichuan.organizations;
    expect(page.totalCount).toBeGreaterThan(1);
    expect(page.totalCount).toBeLessThan(all.data!.sichuan.organizations.totalCount);
    // Towns (9-digit) and villages (12-digit) of 安居区 all start with its code.
    for (const { node } of page.edges) expect(node.region.code.startsWith('510904')).toBe(true);
  });

  test('a region of the side that does not exist is refused, naming the condition; the other side\'s region matches nothing', async () => {
    const list = (side: string) => `query ($r: ID) { ${side} { activities(filter: { regionId: $r }, first: 5) { totalCount edges { node { id } } } } }`;
    const guessed = await federation.query(list('chongqing'), { r: 'chongqing:Region:500152101' });
    expect(guessed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.regionId', rule: 'unknown-region' });
    expect(guessed.errors?.[0]?.message).toMatch(/^行政区划：重庆市没有这个区划（所填 ID 不存在），请从区划列表中选择 \/ filter\.regionId chongqing:Region:500152101 names no region of chongqing/);
    // A region of Sichuan on Chongqing's list: nothing of Chongqing is in it, and that is no error.
    const regions = await federation.query<{ sichuan: { regions: { edges: { node: { id: string } }[] } } }>(`{ sichuan { regions(first: 1) { edges { node { id } } } } }`);
    const other = await federation.query<{ chongqing: { activities: { totalCount: number } } }>(list('chongqing'), { r: regions.data!.sichuan.regions.edges[0]!.node.id });
    expect(other.errors).toBeUndefined();
    expect(other.data!.chongqing.activities.totalCount).toBe(0);
  });

  test('filter alliances by kind and founding period', async () => {
    const response = await federation.query<{ alliances: { totalCount: number; edges: { node: { kind: string } }[] } }>(
      `query ($p: PeriodInput) { alliances(filter: { kinds: ["产业链联合党组织"], period: $p }, first: 10) { totalCount edges { node { kind } } } }`,
      { p: H1_2021 },
    );
    expect(response.data!.alliances.totalCount).toBe(2);
  });

  test('bad paging input is refused with BAD_USER_INPUT and a message naming the argument', async () => {
    // Above the largest page the gateway refuses it before any subgraph (see security/limits.test.ts).
    const tooMany = await federation.query(ACTIVITIES, { keys: ['sichuan'], first: 1000 });
    expect(tooMany.errors?.[0]?.extensions?.code).toBe('LIST_TOO_LARGE');
    expect(tooMany.errors?.[0]?.message).toMatch(/first: 1000 .*100/);
    const none = await federation.query(ACTIVITIES, { keys: ['sichuan'], first: 0 });
    expect(none.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(none.errors?.[0]?.message).toMatch(/^每页条数须在 1 到 100 之间.* \/ first must be between 1 and 100/);
    const forged = await federation.query(ACTIVITIES, { keys: ['sichuan'], after: 'not-a-cursor' });
    expect(forged.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(forged.errors?.[0]?.message).toMatch(/after/);
    const unknownSide = await federation.query(ACTIVITIES, { keys: ['jilin'] });
    expect(unknownSide.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const badDate = await federation.query(ACTIVITIES, { keys: ['sichuan'], filter: { period: { from: '2021-02-30' } } });
    expect(badDate.errors?.[0]?.message).toMatch(/2021-02-30/);
  });
});
