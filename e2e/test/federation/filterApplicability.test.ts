import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { VOCABULARY } from '@linju/contract';
import { sharedFederation, type Federation } from '@linju/testing';

/**
 * A list answers the filter conditions it has data for and refuses the others by name, and a kind
 * outside a list's vocabulary is refused naming the valid ones: a misspelled kind or a condition the
 * list cannot answer never reads as zero, or as everything (docs/api.md, "Lists and pagination").
 */

let federation: Federation;
beforeAll(async () => {
  federation = await sharedFederation();
});
afterAll(() => federation?.stop());

interface Answer {
  data?: Record<string, any> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

const sideList = (list: string) => `query ($filter: RecordFilter) { sichuan { ${list}(filter: $filter, first: 1) { totalCount } } }`;
const jointList = (list: string) => `query ($filter: RecordFilter) { ${list}(filter: $filter, first: 1) { totalCount } }`;

function refusal(answer: Answer) {
  expect(answer.errors, JSON.stringify(answer)).toHaveLength(1);
  return answer.errors![0]!;
}

describe('a condition the list cannot answer is refused by name', () => {
  test.each([
    ['activities', 'crossBorder', true],
    ['serviceCases', 'search', '户口'],
    ['teamActions', 'search', '巡逻'],
    ['regions', 'period', { from: '2021-01-01', to: '2021-06-30' }],
    ['people', 'kinds', ['书记']],
    ['organizations', 'allianceId', 'joint:Alliance:x'],
    ['grids', 'period', { from: '2021-01-01' }],
  ])('%s with filter.%s', async (list, condition, value) => {
    const error = refusal(await federation.query(sideList(list), { filter: { [condition]: value } }, { as: 'viewer' }));
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: `filter.${condition}`, rule: 'not-applicable' });
    expect(error.message).toContain('不适用于此列表');
  });

  test('a search longer than 200 characters is refused, named as RecordFilter names it', async () => {
    const error = refusal(await federation.query(sideList('activities'), { filter: { search: '座'.repeat(201) } }, { as: 'viewer' }));
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.search', rule: 'too-long' });
    expect(error.message).toMatch(/^筛选条件“名称包含”超过 200 字 \/ filter\.search is longer than 200 characters$/);
  });

  test('the joint lists too: alliances take no region, agreements no kinds', async () => {
    const region = refusal(await federation.query(jointList('alliances'), { filter: { regionId: 'sichuan:Region:510904' } }, { as: 'viewer' }));
    expect(region.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.regionId', rule: 'not-applicable' });
    // Named as RecordFilter's descriptions name them: a clerk reads no API name in the Chinese half.
    expect(region.message).toMatch(/^筛选条件“行政区划”不适用于此列表，可用的条件：类别、时间段、名称包含、记录 ID \/ filter\.regionId does not apply to this list; it takes: kinds, period, search, ids$/);
    const kinds = refusal(await federation.query(jointList('agreements'), { filter: { kinds: ['框架协议'] } }, { as: 'viewer' }));
    expect(kinds.extensions).toMatchObject({ field: 'filter.kinds', rule: 'not-applicable' });
  });

  test('a condition left out, null, an empty list or blank text asks nothing', async () => {
    const all = await federation.query(sideList('serviceCases'), {}, { as: 'viewer' });
    const empty = await federation.query(sideList('serviceCases'), { filter: { search: '  ', kinds: [], crossBorder: null } }, { as: 'viewer' });
    expect(empty.errors).toBeUndefined();
    expect(empty.data).toEqual(all.data);
  });

  test('crossBorder still filters posts', async () => {
    const answer = await federation.query<Record<string, any>>(sideList('posts'), { filter: { crossBorder: true } }, { as: 'viewer' });
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.sichuan.posts.totalCount).toBeGreaterThan(0);
  });
});

describe('kinds come from the vocabulary', () => {
  test('a misspelled kind is refused naming the valid ones, not answered with 0', async () => {
    const error = refusal(await federation.query(sideList('activities'), { filter: { kinds: ['座谈交流', '座谈会'] } }, { as: 'viewer' }));
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.kinds', rule: 'unknown-kind' });
    expect(error.message).toMatch(/^筛选条件“类别”："座谈会" 不是此列表的类别，可选：/);
    for (const kind of VOCABULARY.activityKind) expect(error.message).toContain(kind);
  });

  test('the alliance list checks its own vocabulary', async () => {
    const error = refusal(await federation.query(jointList('alliances'), { filter: { kinds: ['毗邻乡镇联建'] } }, { as: 'viewer' }));
    expect(error.extensions).toMatchObject({ rule: 'unknown-kind' });
  });

  // Every stored kind lies in its list's vocabulary, so filtering by the whole vocabulary keeps every record.
  test.each([
    ['organizations', VOCABULARY.organizationKind],
    ['activities', VOCABULARY.activityKind],
    ['serviceCases', VOCABULARY.serviceCaseKind],
    ['facilities', VOCABULARY.facilityKind],
    ['projects', VOCABULARY.projectKind],
    ['teams', VOCABULARY.teamKind],
    ['teamActions', VOCABULARY.teamActionKind],
    ['transportLinks', VOCABULARY.transportLinkKind],
    ['civilizationRecords', VOCABULARY.civilizationKind],
  ])('%s: the vocabulary covers every record of both sides', async (list, vocabulary) => {
    const query = `query ($filter: RecordFilter) { jurisdictions { key ${list}(filter: $filter, first: 1) { totalCount } } }`;
    const all = await federation.query(query, {}, { as: 'viewer' });
    const kept = await federation.query(query, { filter: { kinds: vocabulary } }, { as: 'viewer' });
    expect(kept.errors).toBeUndefined();
    expect(kept.data).toEqual(all.data);
    expect((all.data as any).jurisdictions.some((j: any) => j[list].totalCount > 0)).toBe(true);
  });
});
