import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DATE_RANGE } from '@linju/contract';
import { sharedFederation, type Federation, type GraphQLResponse } from '@linju/testing';
import { federationSnapshot } from '@linju/testing';

/**
 * Every scalar a client sends that reaches SQL is checked for range and form first. A date the
 * calendar has but the federation cannot mean (year 0000, 9999 …) is refused at every entry point
 * with BAD_USER_INPUT naming the range, never passed on to PostgreSQL; counts, amounts and page
 * sizes are bounded. No answer carries a word of the database, and no store changes.
 */

let federation: Federation;
let before: Awaited<ReturnType<typeof federationSnapshot>>;
beforeAll(async () => {
  federation = await sharedFederation();
  before = await federationSnapshot(federation.subgraphs);
});
afterAll(() => federation?.stop());

const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
type Response = GraphQLResponse<Record<string, unknown>>;

function expectRefusedInput(response: Response, what: string, mentions?: RegExp, code = 'BAD_USER_INPUT'): void {
  const error = response.errors?.[0];
  expect(error?.extensions?.code, `${what}: ${JSON.stringify(response).slice(0, 500)}`).toBe(code);
  const text = JSON.stringify(response.errors?.map((e) => [e.message, e.extensions]));
  expect(text, what).not.toMatch(/prisma|postgres|SQL|invalid input syntax|out of range|\bcolumn\b|\brelation\b|stack|\.ts:\d/i);
  if (mentions) expect(error!.message, what).toMatch(mentions);
}

const OUT_OF_RANGE = ['0000-01-01', '0001-01-01', '1799-12-31', '3000-01-01', '9999-12-31'];
const RANGE_WORDS = new RegExp(`${DATE_RANGE.min}.*${DATE_RANGE.max}`);

const ACTIVITIES = `query ($filter: RecordFilter, $after: String) { sichuan { activities(filter: $filter, first: 2, after: $after) { totalCount } } }`;
const ALLIANCES = `query ($filter: RecordFilter, $after: String) { alliances(filter: $filter, first: 2, after: $after) { totalCount } }`;

/** Each entry point that takes a date, with the date to put in it: [what, document, variables, caller]. */
const DATE_ENTRIES: [string, (d: string) => [string, Record<string, unknown>, ('viewer' | 'anonymous' | 'sichuan-operator' | 'joint-operator')?]][] = [
  ['overview(period.from), literal, anonymous', (d) => [`{ overview(period: { from: "${d}" }) { total { jointSeminarSessions } } }`, {}, 'anonymous']],
  ['overview(period.to), variable, anonymous', (d) => [`query ($p: PeriodInput) { overview(period: $p) { total { jointSeminarSessions } } }`, { p: { to: d } }, 'anonymous']],
  ['a side’s figures(period)', (d) => [`query ($p: PeriodInput) { sichuan { figures(period: $p) { jointSeminarSessions } } }`, { p: { from: d } }]],
  ['a side’s list filter.period', (d) => [ACTIVITIES, { filter: { period: { from: d } } }]],
  ['the joint list filter.period', (d) => [ALLIANCES, { filter: { period: { to: d } } }]],
  ['a forged cursor’s date, side list', (d) => [ACTIVITIES, { after: cursorOf([d, 'sichuan:Activity:x']) }]],
  ['a forged cursor’s date, joint list', (d) => [ALLIANCES, { after: cursorOf([d, 'joint:Alliance:x']) }]],
  [
    'a side’s write (heldOn)',
    (d) => [
      `mutation ($input: ActivityInput!) { sichuanRecordActivity(input: $input) { id } }`,
      { input: { kind: '政策宣讲', title: '日期越界', heldOn: d, organizerId: 'sichuan:Organization:moxi-town' } },
      'sichuan-operator',
    ],
  ],
  [
    'the joint office’s write (foundedOn)',
    (d) => [
      `mutation ($input: AllianceInput!) { createAlliance(input: $input) { id } }`,
      { input: { kind: '毗邻乡镇党建联建', name: '日期越界', foundedOn: d, memberIds: ['sichuan:Organization:moxi-town', 'chongqing:Organization:shuangjiang-town'] } },
      'joint-operator',
    ],
  ],
];

describe.each(OUT_OF_RANGE)('the date %s', (date) => {
  test.each(DATE_ENTRIES)('in %s: BAD_USER_INPUT naming the range, no database text', async (what, entry) => {
    const [document, variables, as = 'viewer'] = entry(date);
    const response = await federation.query(document, variables, { as });
    // A cursor is refused as a cursor (it is opaque); everything else names the range.
    expectRefusedInput(response, `${date} in ${what}`, what.includes('cursor') ? /after/ : RANGE_WORDS);
    if (!what.includes('cursor')) expect(response.errors![0]!.message).toMatch(/日期/);
  });
});

test('the ends of the range themselves are dates like any other', async () => {
  for (const date of [DATE_RANGE.min, DATE_RANGE.max]) {
    const response = await federation.query(`query ($p: PeriodInput) { overview(period: $p) { total { jointSeminarSessions } } }`, { p: { from: date } });
    expect(response.errors, date).toBeUndefined();
  }
});

test('a date in the variables is answered as one in the document is: where it is and why, in Chinese, no subgraph’s words', async () => {
  const overview = `query ($p: PeriodInput) { overview(period: $p) { total { jointSeminarSessions } } }`;
  const record = `mutation ($input: ActivityInput!) { sichuanRecordActivity(input: $input) { id } }`;
  const input = { kind: '政策宣讲', title: '日期不存在', organizerId: 'sichuan:Organization:moxi-town' };
  const cases: [string, Record<string, unknown>, 'anonymous' | 'sichuan-operator', { field: string; rule?: string; message: RegExp }][] = [
    [overview, { p: { from: '2021-02-30' } }, 'anonymous', { field: 'variables.p.from', rule: 'malformed', message: /日期 2021-02-30 不存在/ }],
    [overview, { p: { to: '2021/06/30' } }, 'anonymous', { field: 'variables.p.to', rule: 'malformed', message: /YYYY-MM-DD/ }],
    [overview, { p: { to: '3000-01-01' } }, 'anonymous', { field: 'variables.p.to', message: RANGE_WORDS }],
    [record, { input: { ...input, heldOn: '2024-02-30' } }, 'sichuan-operator', { field: 'variables.input.heldOn', rule: 'malformed', message: /日期 2024-02-30 不存在/ }],
  ];
  for (const [document, variables, as, expected] of cases) {
    const response = await federation.query(document, variables, { as });
    expect(response.data, expected.field).toBeUndefined();
    expect(response.errors).toHaveLength(1);
    const [error] = response.errors!;
    expect(error!.message).toMatch(expected.message);
    expect(error!.message).not.toMatch(/Variable "\$|got invalid value/);
    expect(error!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: expected.field });
    expect(error!.extensions?.rule).toBe(expected.rule);
  }
});

/** Other scalars that reach SQL: page sizes, counts and amounts, each out of its bounds. */
const SWEEP: [string, string, Record<string, unknown>, ('viewer' | 'sichuan-operator' | 'joint-operator')?, string?][] = [
  ['first: 0', ACTIVITIES.replace('first: 2', 'first: 0'), {}],
  ['first: -1', ACTIVITIES.replace('first: 2', 'first: -1'), {}],
  // The gateway's list limit answers this one first, before any subgraph is called.
  ['the audit log’s first: 2147483647', `{ sichuan { auditLog(first: 2147483647) { totalCount } } }`, {}, 'sichuan-operator', 'LIST_TOO_LARGE'],
  ['the audit log’s first: 0', `{ auditLog(first: 0) { totalCount } }`, {}, 'joint-operator'],
  ['an audit cursor past 64 bits', `query ($a: String) { sichuan { auditLog(first: 1, after: $a) { totalCount } } }`, { a: cursorOf([null, '99999999999999999999']) }, 'sichuan-operator'],
  [
    'a negative count (personTimes)',
    `mutation ($input: ActivityInput!) { sichuanRecordActivity(input: $input) { id } }`,
    { input: { kind: '政策宣讲', title: '越界', heldOn: '2023-01-01', organizerId: 'sichuan:Organization:moxi-town', personTimes: -1 } },
    'sichuan-operator',
  ],
  [
    'an absurd count (sessions)',
    `mutation ($input: ActivityInput!) { sichuanRecordActivity(input: $input) { id } }`,
    { input: { kind: '政策宣讲', title: '越界', heldOn: '2023-01-01', organizerId: 'sichuan:Organization:moxi-town', sessions: 2147483647 } },
    'sichuan-operator',
  ],
  [
    'an absurd amount (amountWan)',
    `mutation ($input: ServiceCaseInput!) { sichuanRecordServiceCase(input: $input) { id } }`,
    { input: { kind: '户口迁移', handledOn: '2023-01-01', regionId: 'sichuan:Region:chuanshan-district', amountWan: 1e300 } },
    'sichuan-operator',
  ],
  [
    'a negative amount (lengthKm)',
    `mutation ($input: TransportLinkInput!) { sichuanRecordTransportLink(input: $input) { id } }`,
    { input: { kind: '断头路', name: '越界', fromRegionId: 'sichuan:Region:chuanshan-district', toRegionId: 'chongqing:Region:shuangjiang-town', openedOn: '2023-01-01', lengthKm: -5 } },
    'sichuan-operator',
  ],
  ['a 10 000-character idempotency key', `mutation ($k: String) { closeAlliance(id: "joint:Alliance:moxi-shuangjiang", version: 1, closedOn: "2023-01-01", idempotencyKey: $k) { id } }`, { k: 'k'.repeat(10_000) }, 'joint-operator'],
];

test.each(SWEEP)('%s: refused before SQL', async (what, document, variables, as = 'viewer', code = 'BAD_USER_INPUT') => {
  expectRefusedInput(await federation.query(document, variables, { as }), what, undefined, code);
});

test('no store changed', async () => {
  expect(await federationSnapshot(federation.subgraphs)).toEqual(before);
});
