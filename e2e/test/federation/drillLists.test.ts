import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { figureList, FIGURES, REGION_LEVELS, type FigureName } from '@linju/contract';
import { sharedFederation, type Federation } from '@linju/testing';
import { dataOf } from '../writes/writeSupport.ts';

/**
 * What the dashboard's drill-through stands on: a side's list with `filter: { figure }` keeps
 * exactly the records the figure counts (so the number of records behind a count figure is its
 * value), ordered newest or oldest first or by name, page after page; regions read their level in
 * Chinese with the stored code beside it; a person lists the posts it holds.
 */

let federation: Federation;
beforeAll(async () => {
  federation = await sharedFederation();
});
afterAll(() => federation?.stop());

const H1_2021 = { from: '2021-01-01', to: '2021-06-30' };
type Page = { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: Record<string, unknown> }[] };

async function records(side: string, figure: FigureName, extra: Record<string, unknown> = {}, vars: Record<string, unknown> = {}): Promise<Page> {
  const { list } = figureList(figure);
  const document = `query ($filter: RecordFilter, $first: Int, $after: String, $orderBy: RecordOrder) {
    ${side} { ${list}(filter: $filter, first: $first, after: $after, orderBy: $orderBy) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { id } }
    } } }`;
  const data = dataOf<Record<string, Record<string, Page>>>(await federation.query(document, { filter: { figure, period: H1_2021, ...extra }, first: 100, ...vars }));
  return data[side]![list]!;
}

describe('the records behind a figure', () => {
  test('every count figure of each side has exactly as many records as its value (H1 2021)', async () => {
    const figures = dataOf<{ jurisdictions: { key: string; figures: { values: { figure: FigureName; value: number | null }[] } }[] }>(
      await federation.query(`query ($p: PeriodInput) { jurisdictions { key figures(period: $p) { values { figure value } } } }`, { p: H1_2021 }),
    ).jurisdictions;
    let compared = 0;
    for (const side of figures) {
      for (const { figure, value } of side.figures.values) {
        // Only count figures equal their number of records; sums and ratios have records behind them too.
        const page = await records(side.key, figure);
        if (value && value > 0) expect(page.totalCount, `${side.key} ${figure}`).toBeGreaterThan(0);
        if (isCount(figure)) {
          expect(page.totalCount, `${side.key} ${figure}`).toBe(value);
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(10);
  });

  test('a figure of another list, or one the catalogue has not, is refused naming the figures of the list', async () => {
    const response = await federation.query(`{ sichuan { activities(filter: { figure: "crossAppointments" }) { totalCount } } }`);
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.figure', rule: 'unknown-kind' });
    expect(response.errors?.[0]?.message).toMatch(/^筛选条件“某一指标统计的记录”："crossAppointments" 不是统计此列表记录的指标，可选：.*jointSeminarSessions/);
    const regions = await federation.query(`{ sichuan { regions(filter: { figure: "jointSeminarSessions" }) { totalCount } } }`);
    expect(regions.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.figure', rule: 'not-applicable' });
    const alliances = await federation.query(`{ alliances(filter: { figure: "jointSeminarSessions" }) { totalCount } }`);
    expect(alliances.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'not-applicable' });
  });
});

const isCount = (figure: FigureName) => FIGURES[figure].measure === 'count';

describe('ordering and paging', () => {
  const LIST = `query ($orderBy: RecordOrder, $after: String, $search: String) {
    sichuan { activities(filter: { search: $search }, first: 7, after: $after, orderBy: $orderBy) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { id title heldOn } } } } }`;
  type Activity = { id: string; title: string; heldOn: string };

  async function all(orderBy: string, search?: string): Promise<Activity[]> {
    const out: Activity[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 50; pages++) {
      const page: Page = dataOf<{ sichuan: { activities: Page } }>(await federation.query(LIST, { orderBy, after, search })).sichuan.activities;
      out.push(...page.edges.map((e) => e.node as unknown as Activity));
      if (!page.pageInfo.hasNextPage) return out;
      after = page.pageInfo.endCursor;
    }
    throw new Error('more than 50 pages');
  }

  test('NEWEST, OLDEST and NAME page through the same records, each in its order', async () => {
    const newest = await all('NEWEST');
    const oldest = await all('OLDEST');
    const byName = await all('NAME');
    expect(newest.length).toBeGreaterThan(7);
    const ids = (list: Activity[]) => list.map((a) => a.id).sort();
    expect(ids(oldest)).toEqual(ids(newest));
    expect(ids(byName)).toEqual(ids(newest));
    expect(newest.map((a) => a.heldOn)).toEqual([...newest.map((a) => a.heldOn)].sort().reverse());
    expect(oldest.map((a) => a.heldOn)).toEqual([...oldest.map((a) => a.heldOn)].sort());
    // By pinyin (NAME_COLLATION); each page continues where the last ended, no name twice out of order.
    const pinyin = new Intl.Collator('zh-CN');
    for (let i = 1; i < byName.length; i++) expect(pinyin.compare(byName[i - 1]!.title, byName[i]!.title)).toBeLessThanOrEqual(0);
  });

  test('NAME orders by pinyin (ICU’s Chinese collation), as the alliance list does, page after page; the database has the collation', async () => {
    const collations = await federation.subgraphs['sichuan']!.pool.query<{ collname: string }>(`SELECT collname FROM pg_collation WHERE collname = 'zh-x-icu'`);
    expect(collations.rows).toEqual([{ collname: 'zh-x-icu' }]);
    const TOWNS = `query ($after: String, $first: Int) { sichuan { regions(filter: { kinds: ["乡镇"] }, first: $first, after: $after, orderBy: NAME) {
      pageInfo { hasNextPage endCursor } edges { node { id name } } } } }`;
    type Towns = { sichuan: { regions: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: { id: string; name: string } }[] } } };
    const whole = dataOf<Towns>(await federation.query(TOWNS, { first: 100 })).sichuan.regions.edges.map((e) => e.node.name);
    // 安居区's towns, which code points ordered 分水镇, 常乐镇, 永兴镇, 河沙镇, 白马镇, 磨溪镇.
    const anju = ['白马镇', '常乐镇', '分水镇', '河沙镇', '磨溪镇', '永兴镇'];
    expect(whole.filter((name) => anju.includes(name))).toEqual(anju);
    expect(whole).toEqual([...whole].sort(new Intl.Collator('zh-CN').compare));
    // Two at a time, each page's cursor continuing where the collation left off.
    const paged: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 100; pages++) {
      const page: Towns['sichuan']['regions'] = dataOf<Towns>(await federation.query(TOWNS, { first: 2, after })).sichuan.regions;
      paged.push(...page.edges.map((e) => e.node.name));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(paged).toEqual(whole);
  });

  test("a cursor of one order is refused by another; a list without names refuses NAME", async () => {
    const first = dataOf<{ sichuan: { activities: Page } }>(await federation.query(LIST, { orderBy: 'NAME' })).sichuan.activities;
    const wrong = await federation.query(LIST, { orderBy: 'NEWEST', after: first.pageInfo.endCursor });
    expect(wrong.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    expect(wrong.errors?.[0]?.message).toMatch(/^翻页位置不是本列表给出的，请从第一页重新读取 \/ after is not a cursor/);
    const cases = await federation.query(`{ sichuan { serviceCases(orderBy: NAME) { totalCount } } }`);
    expect(cases.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'orderBy', rule: 'not-applicable' });
  });

  test('alliances order by founding date or name, and filter by kind and name', async () => {
    const LIST_A = `query ($orderBy: RecordOrder, $filter: RecordFilter) { alliances(first: 100, orderBy: $orderBy, filter: $filter) { totalCount edges { node { name kind foundedOn } } } }`;
    const list = async (orderBy: string, filter?: object) =>
      dataOf<{ alliances: { totalCount: number; edges: { node: { name: string; kind: string; foundedOn: string } }[] } }>(await federation.query(LIST_A, { orderBy, filter })).alliances;
    const oldest = (await list('OLDEST')).edges.map((e) => e.node.foundedOn);
    expect(oldest).toEqual([...oldest].sort());
    const named = (await list('NAME')).edges.map((e) => e.node.name);
    expect(named.length).toBeGreaterThan(1);
    const kind = (await list('NEWEST', { kinds: ['毗邻乡镇党建联建'] })).edges;
    expect(kind.length).toBeGreaterThan(0);
    expect(new Set(kind.map((e) => e.node.kind))).toEqual(new Set(['毗邻乡镇党建联建']));
  });
});

describe('regions and people', () => {
  test('a region reads its level in Chinese, the stored code beside it; the filter takes either', async () => {
    const REGIONS = `query ($kinds: [String!]) { sichuan { regions(first: 100, filter: { kinds: $kinds }) { totalCount edges { node { name level levelCode } } } } }`;
    type Regions = { sichuan: { regions: { totalCount: number; edges: { node: { name: string; level: string; levelCode: string } }[] } } };
    const every = dataOf<Regions>(await federation.query(REGIONS, {})).sichuan.regions.edges.map((e) => e.node);
    for (const region of every) expect(region.level).toBe(REGION_LEVELS[region.levelCode as keyof typeof REGION_LEVELS]);
    expect(every.find((r) => r.name === '四川省')).toMatchObject({ level: '省级', levelCode: 'province' });
    const towns = dataOf<Regions>(await federation.query(REGIONS, { kinds: ['乡镇'] })).sichuan.regions;
    expect(towns.totalCount).toBeGreaterThan(0);
    expect(dataOf<Regions>(await federation.query(REGIONS, { kinds: ['town'] })).sichuan.regions.totalCount).toBe(towns.totalCount);
    const unknown = await federation.query(REGIONS, { kinds: ['街道'] });
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'unknown-kind' });
  });

  test("a person lists the posts it holds in its side's organizations; anonymous callers read no person", async () => {
    const POSTS = `{ sichuan { posts(first: 100) { edges { node { id holder { id } } } } } }`;
    const posts = dataOf<{ sichuan: { posts: { edges: { node: { id: string; holder: { id: string } | null } }[] } } }>(await federation.query(POSTS)).sichuan.posts.edges.map((e) => e.node);
    const held = posts.find((p) => p.holder?.id.startsWith('sichuan:'))!;
    const people = dataOf<{ sichuan: { people: { edges: { node: { id: string; posts: { id: string; holder: { id: string } }[] } }[] } } }>(
      await federation.query(`{ sichuan { people(first: 100) { edges { node { id posts { id title startedOn holder { id } } } } } } }`),
    ).sichuan.people.edges.map((e) => e.node);
    const holder = people.find((p) => p.id === held.holder!.id)!;
    expect(holder.posts.map((p) => p.id)).toContain(held.id);
    for (const person of people) for (const post of person.posts) expect(post.holder.id).toBe(person.id);
    expect(people.filter((p) => p.posts.length > 0).length).toBeGreaterThan(3);
    const anonymous = await federation.query(`{ sichuan { people(first: 1) { edges { node { posts { id } } } } } }`, {}, { as: 'anonymous' });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
