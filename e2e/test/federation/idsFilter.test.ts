import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mintDevToken } from '@linju/gateway/devKeys';
import { startFederation, type Federation, type GraphQLResponse } from '@linju/testing';
import { dataOf } from '../writes/writeSupport.ts';

/**
 * `filter.ids` (docs/api.md, "Lists and pagination"): a list keeps only the records named, at most
 * 100 of them, through the gateway on the real stores. An ID of the other side or of no record
 * matches nothing (a joint query sends one filter to both sides); one of another type, a malformed
 * one or more than 100 are refused by name. The rules a list keeps for its caller hold as they do
 * without it: a clerk reads the personal data of her region's people only.
 */

const MOXI = '510904101'; // 磨溪镇
const FENSHUI = '510904102'; // 分水镇, another town of 安居区

let federation: Federation;
beforeAll(async () => {
  federation = await startFederation();
});
afterAll(() => federation?.stop());

type Answer = GraphQLResponse<Record<string, any>>;
interface Page {
  totalCount: number;
  edges: { node: { id: string; name?: string; phone?: string | null } }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

const sideList = (side: string, list: string, fields = 'id') =>
  `query ($filter: RecordFilter, $first: Int, $after: String) { ${side} { ${list}(filter: $filter, first: $first, after: $after) { totalCount edges { node { ${fields} } } pageInfo { hasNextPage endCursor } } } }`;
const jointList = (list: string) =>
  `query ($filter: RecordFilter, $first: Int) { ${list}(filter: $filter, first: $first) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } }`;

/** The IDs of a side's list's first records, as its operator reads them (`filter`: a region's, say). */
async function idsOf(side: 'sichuan' | 'chongqing', list: string, first: number, filter: Record<string, unknown> = {}): Promise<string[]> {
  const page = dataOf<any>(await federation.query(sideList(side, list), { filter, first }, { as: `${side}-operator` }))[side][list] as Page;
  return page.edges.map((e) => e.node.id);
}

const idsIn = (page: Page) => page.edges.map((e) => e.node.id);

/** The single refusal of an answer, on `filter.ids`, with its rule; no records with it. */
function refusedOnIds(answer: Answer, rule: string) {
  expect(answer.errors, JSON.stringify(answer)).toHaveLength(1);
  const error = answer.errors![0]!;
  expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.ids', rule });
  expect(JSON.stringify(answer.data ?? null)).not.toContain('edges');
  return error;
}

describe('a side’s list', () => {
  test('keeps only the records named, in the list’s order; the other side’s IDs and unknown ones match nothing', async () => {
    const all = await idsOf('sichuan', 'people', 10);
    const named = [all[7]!, all[2]!, all[4]!];
    const [chongqing] = await idsOf('chongqing', 'people', 1);
    const filter = { ids: [...named, named[0]!, chongqing!, 'sichuan:Person:no-such-person'] };
    const page = dataOf<any>(await federation.query(sideList('sichuan', 'people'), { filter }, { as: 'sichuan-operator' })).sichuan.people as Page;
    expect(idsIn(page)).toEqual([all[2], all[4], all[7]]);
    expect(page.totalCount).toBe(3);

    // Paged like any list: two and then the third.
    const first = dataOf<any>(await federation.query(sideList('sichuan', 'people'), { filter, first: 2 }, { as: 'sichuan-operator' })).sichuan.people as Page;
    expect([idsIn(first), first.pageInfo.hasNextPage]).toEqual([[all[2], all[4]], true]);
    const rest = dataOf<any>(await federation.query(sideList('sichuan', 'people'), { filter, first: 2, after: first.pageInfo.endCursor }, { as: 'sichuan-operator' })).sichuan.people as Page;
    expect([idsIn(rest), rest.pageInfo.hasNextPage]).toEqual([[all[7]], false]);

    // With the other conditions: both must hold.
    const activities = await idsOf('sichuan', 'activities', 3);
    const kept = dataOf<any>(await federation.query(sideList('sichuan', 'activities'), { filter: { ids: activities, search: 'no such title 无此标题' } })).sichuan.activities as Page;
    expect(kept.totalCount).toBe(0);
  });

  test('an empty list of IDs matches nothing, on either side: not the whole list', async () => {
    for (const side of ['sichuan', 'chongqing'] as const) {
      for (const list of ['organizations', 'people', 'activities']) {
        const page = dataOf<any>(await federation.query(sideList(side, list), { filter: { ids: [] } }, { as: `${side}-operator` }))[side][list] as Page;
        expect([list, page.totalCount, page.edges]).toEqual([list, 0, []]);
      }
    }
  });

  test('one filter to both sides: each keeps its own', async () => {
    const [sichuan] = await idsOf('sichuan', 'organizations', 1);
    const [chongqing] = await idsOf('chongqing', 'organizations', 1);
    const answer = dataOf<any>(await federation.query(`query ($filter: RecordFilter) { jurisdictions { key organizations(filter: $filter) { edges { node { id } } } } }`, { filter: { ids: [sichuan, chongqing] } }));
    expect(answer.jurisdictions.map((j: any) => [j.key, j.organizations.edges.map((e: any) => e.node.id)])).toEqual([
      ['sichuan', [sichuan]],
      ['chongqing', [chongqing]],
    ]);
  });

  test('a clerk reads the records named as the list shows them to her: personal data of her region’s people only', async () => {
    const regions = dataOf<any>(await federation.query(sideList('sichuan', 'regions', 'id code'), { first: 100 }, { as: 'sichuan-operator' })).sichuan.regions.edges.map((e: any) => e.node);
    const regionId = (code: string) => regions.find((r: any) => r.code === code)!.id as string;
    const [inside] = await idsOf('sichuan', 'people', 1, { regionId: regionId(MOXI) });
    const [outside] = await idsOf('sichuan', 'people', 1, { regionId: regionId(FENSHUI) });
    const clerk = await mintDevToken(federation.devKeys, 'sichuan-operator', 'clerk-moxi', '1h', { name: '测试操作员', region: MOXI });
    const answer = await federation.query<any>(sideList('sichuan', 'people', 'id name phone'), { filter: { ids: [inside, outside] } }, { as: { authorization: `Bearer ${clerk}` } });
    const page = answer.data!.sichuan.people as Page;
    expect(idsIn(page).sort()).toEqual([inside, outside].sort());
    // The person outside 磨溪镇: the phone refused (null, FORBIDDEN outside-region on its path); inside it, no error.
    const at = idsIn(page).indexOf(outside!);
    expect(page.edges[at]!.node.phone).toBeNull();
    expect(answer.errors?.map((e) => [e.path, e.extensions?.code, e.extensions?.rule])).toEqual([[['sichuan', 'people', 'edges', at, 'node', 'phone'], 'FORBIDDEN', 'outside-region']]);
  });

  test('more than 100 IDs, a malformed one or one of another type are refused by name, before any record is read', async () => {
    const people = await idsOf('sichuan', 'people', 1);
    const tooMany = Array.from({ length: 101 }, (_, i) => `sichuan:Person:p${i}`);
    const large = refusedOnIds(await federation.query(sideList('sichuan', 'people'), { filter: { ids: tooMany } }, { as: 'sichuan-operator' }), 'too-large');
    expect(large.message).toMatch(/^所列 ID 至多 100 个（收到 101 个） \/ filter\.ids lists 101 IDs/);
    // 100 are one page's worth, and taken.
    expect(dataOf<any>(await federation.query(sideList('sichuan', 'people'), { filter: { ids: tooMany.slice(1) } }, { as: 'sichuan-operator' })).sichuan.people.totalCount).toBe(0);

    const lookAlike = `${people[0]}\u200b`;
    const long = `sichuan:Person:${'x'.repeat(150)} ${'y'.repeat(150)}`;
    for (const bad of [lookAlike, long, '../../etc/passwd']) {
      const refusal = refusedOnIds(await federation.query(sideList('sichuan', 'people'), { filter: { ids: [people[0], bad] } }, { as: 'sichuan-operator' }), 'malformed-id');
      expect(refusal.message).toContain('不是邻聚 ID');
      // Echoed short, if at all: not the whole of what was sent.
      expect(refusal.message).not.toContain('y'.repeat(20));
    }
    const [organization] = await idsOf('sichuan', 'organizations', 1);
    const wrongType = refusedOnIds(await federation.query(sideList('sichuan', 'people'), { filter: { ids: [organization] } }, { as: 'sichuan-operator' }), 'wrong-type');
    expect(wrongType.message).toMatch(/^记录 ID：所填 ID 所指记录的类型不对 \/ filter\.ids /);
  });
});

describe('the joint office’s lists', () => {
  test('alliances and agreements keep only the records named; another type is refused', async () => {
    const alliances = dataOf<any>(await federation.query(jointList('alliances'), { first: 5 })).alliances as Page;
    const named = [idsIn(alliances)[3]!, idsIn(alliances)[1]!];
    const kept = dataOf<any>(await federation.query(jointList('alliances'), { filter: { ids: [...named, 'joint:Alliance:no-such-alliance', 'sichuan:Alliance:x'] } })).alliances as Page;
    expect(idsIn(kept).sort()).toEqual([...named].sort());
    expect(kept.totalCount).toBe(2);

    const agreements = idsIn(dataOf<any>(await federation.query(jointList('agreements'), { first: 3 })).agreements as Page);
    const one = dataOf<any>(await federation.query(jointList('agreements'), { filter: { ids: [agreements[1]] } })).agreements as Page;
    expect([idsIn(one), one.totalCount]).toEqual([[agreements[1]], 1]);

    // An empty list of IDs asks for no record: none, not the whole list.
    for (const list of ['alliances', 'agreements']) expect((dataOf<any>(await federation.query(jointList(list), { filter: { ids: [] } }))[list] as Page).totalCount).toBe(0);

    refusedOnIds(await federation.query(jointList('alliances'), { filter: { ids: [agreements[0]] } }), 'wrong-type');
    refusedOnIds(await federation.query(jointList('agreements'), { filter: { ids: Array.from({ length: 101 }, (_, i) => `joint:Agreement:a${i}`) } }), 'too-large');
  });
});
