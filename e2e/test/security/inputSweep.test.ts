import { CALLER_HEADER, operationDigest, signCaller, type Role } from '@linju/access';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DATE_RANGE, VOCABULARY } from '@linju/contract';
import { federationSnapshot, startFederation, type Federation, type GraphQLResponse } from '@linju/testing';
import { loadFixtures, uniqueName, type SideFixtures, type Side } from '../writes/writeSupport.ts';

/**
 * The sweep of issue 13: every argument and input field of the composed API that reaches SQL, each
 * with the hostile values of its kind (page sizes out of range, cursors forged or of another list,
 * text no store can hold or that hides what it says, IDs of the wrong form, type or home, periods
 * that end before they start, versions below zero, idempotency keys that would collide), through
 * the gateway and, for what only a subgraph sees, straight at a subgraph with a valid statement.
 * Each answer is the stable code, field and rule of the table in docs/api.md (“Input rules”): never
 * INTERNAL_SERVER_ERROR, never a word of PostgreSQL or Prisma; and no store changes.
 */

let federation: Federation;
let fixtures: Record<Side, SideFixtures>;
let before: Awaited<ReturnType<typeof federationSnapshot>>;
/** A real end cursor of each list, by list name. */
const cursors: Record<string, string> = {};

type Response = GraphQLResponse<Record<string, any>>;

/** The lists of the graph, each with the caller who may read it: the matrix the cursor cases run over. */
const LISTS: Record<string, { document: string; as: Role; path: string[] }> = {
  'sichuan.activities': { document: `query ($first: Int, $after: String) { sichuan { activities(first: $first, after: $after) { pageInfo { endCursor } } } }`, as: 'viewer', path: ['sichuan', 'activities'] },
  'sichuan.regions': { document: `query ($first: Int, $after: String) { sichuan { regions(first: $first, after: $after) { pageInfo { endCursor } } } }`, as: 'viewer', path: ['sichuan', 'regions'] },
  'chongqing.activities': { document: `query ($first: Int, $after: String) { chongqing { activities(first: $first, after: $after) { pageInfo { endCursor } } } }`, as: 'viewer', path: ['chongqing', 'activities'] },
  'chongqing.organizations': { document: `query ($first: Int, $after: String) { chongqing { organizations(first: $first, after: $after) { pageInfo { endCursor } } } }`, as: 'viewer', path: ['chongqing', 'organizations'] },
  alliances: { document: `query ($first: Int, $after: String) { alliances(first: $first, after: $after) { pageInfo { endCursor } } }`, as: 'viewer', path: ['alliances'] },
  agreements: { document: `query ($first: Int, $after: String) { agreements(first: $first, after: $after) { pageInfo { endCursor } } }`, as: 'viewer', path: ['agreements'] },
  'sichuan.auditLog': { document: `query ($first: Int, $after: String) { sichuan { auditLog(first: $first, after: $after) { pageInfo { endCursor } } } }`, as: 'sichuan-operator', path: ['sichuan', 'auditLog'] },
  auditLog: { document: `query ($first: Int, $after: String) { auditLog(first: $first, after: $after) { pageInfo { endCursor } } }`, as: 'joint-operator', path: ['auditLog'] },
};

beforeAll(async () => {
  federation = await startFederation();
  fixtures = await loadFixtures(federation);
  for (const [name, list] of Object.entries(LISTS)) {
    const response = await federation.query(list.document, { first: 1 }, { as: list.as });
    const page = list.path.reduce<any>((value, key) => value?.[key], response.data);
    if (!page?.pageInfo?.endCursor) throw new Error(`${name} gave no cursor: ${JSON.stringify(response).slice(0, 300)}`);
    cursors[name] = page.pageInfo.endCursor;
  }
  before = await federationSnapshot(federation.subgraphs);
});
afterAll(() => federation?.stop());

/** Words of PostgreSQL, Prisma, Node or the file system that no answer may carry. */
const LEAKS = /prisma|postgres|invalid input syntax|violates|unterminated|\\u0000|22P05|22021|SQLSTATE|\bSELECT\b|\bcolumn\b|\brelation\b|invocation|stack|\.ts:\d|node_modules|\/work\//i;

interface Expected {
  code: string;
  field?: string | RegExp;
  rule?: string;
}

/** The answer is the refusal expected, and carries nothing internal. */
function expectRefusal(response: Response, what: string, expected: Expected): void {
  const shown = `${what}: ${JSON.stringify(response).slice(0, 500)}`;
  expectNothingInternal(response, what);
  const error = response.errors?.[0];
  expect(error?.extensions?.code, shown).toBe(expected.code);
  if (expected.rule) expect(error!.extensions!.rule, shown).toBe(expected.rule);
  if (typeof expected.field === 'string') expect(error!.extensions!.field, shown).toBe(expected.field);
  if (expected.field instanceof RegExp) expect(String(error!.extensions!.field), shown).toMatch(expected.field);
  // The refusal says it in Chinese first (the API's `中文 / English`), for the clerk who reads it in the explorer,
  // graphql-js's own refusals too (led by their code's Chinese).
  // Chinese before the first ' / ' (a bare '/' of a value it quotes is no separator).
  expect(error!.message, shown).toContain(' / ');
  expect(error!.message.slice(0, error!.message.indexOf(' / ')), shown).toMatch(/[\u4e00-\u9fff]/);
}

/** No error is internal, and no word of the database or the code reaches the client. */
function expectNothingInternal(response: Response, what: string): void {
  for (const error of response.errors ?? []) {
    expect(error.extensions?.code, `${what}: ${error.message}`).not.toBe('INTERNAL_SERVER_ERROR');
    expect(error.extensions, what).not.toHaveProperty('stacktrace');
  }
  // Messages and extensions only: `locations` has a `column` of its own.
  expect(JSON.stringify((response.errors ?? []).map((e) => [e.message, e.extensions])), what).not.toMatch(LEAKS);
}

const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const INPUT = (field: string) => new RegExp(`^variables\\.${field.replace(/[.[\]]/g, '\\$&')}$`);

describe('page sizes', () => {
  /** Checked by each subgraph's list, so tried on every list. */
  const EVERY_LIST: [string, number, Expected][] = [
    ['first: 0', 0, { code: 'BAD_USER_INPUT', field: 'first' }],
    ['first: -1', -1, { code: 'BAD_USER_INPUT', field: 'first' }],
  ];
  describe.each(Object.keys(LISTS))('%s', (name) => {
    test.each(EVERY_LIST)('%s', async (what, first, expected) => {
      expectRefusal(await federation.query(LISTS[name]!.document, { first }, { as: LISTS[name]!.as }), `${name} ${what}`, expected);
    });
  });

  /** Answered by the gateway before any subgraph is called, the same for every list: tried on a side's list and an audit log. */
  const AT_THE_GATEWAY: [string, (document: string) => [string, Record<string, unknown>], Expected][] = [
    ['first: 101', (d) => [d, { first: 101 }], { code: 'LIST_TOO_LARGE' }],
    ['first: 2^31 − 1', (d) => [d, { first: 2 ** 31 - 1 }], { code: 'LIST_TOO_LARGE' }],
    ['first: 1e10', (d) => [d, { first: 1e10 }], { code: 'LIST_TOO_LARGE' }],
    ['first: 1.5', (d) => [d, { first: 1.5 }], { code: 'BAD_USER_INPUT' }],
    ['first: "1"', (d) => [d, { first: '1' }], { code: 'BAD_USER_INPUT' }],
    ['first: 2^31 as a literal', (d) => [d.replace('$first: Int, ', '').replace('first: $first', 'first: 2147483648'), {}], { code: 'GRAPHQL_VALIDATION_FAILED' }],
  ];
  describe.each(['sichuan.activities', 'auditLog'])('%s', (name) => {
    test.each(AT_THE_GATEWAY)('%s', async (what, make, expected) => {
      const [document, variables] = make(LISTS[name]!.document);
      expectRefusal(await federation.query(document, variables, { as: LISTS[name]!.as }), `${name} ${what}`, expected);
    });
  });
});

describe('cursors', () => {
  /**
   * The lists in as few requests as allowed: one reader per request, and one list per subgraph (a
   * subgraph answers a failed list by failing its parent, so a sibling's error would go unseen).
   */
  const BATCHES: { as: Role; lists: string[] }[] = [];
  const subgraphOf = (name: string) => (LISTS[name]!.path.length > 1 ? LISTS[name]!.path[0]! : 'joint');
  for (const name of Object.keys(LISTS)) {
    const batch = BATCHES.find((b) => b.as === LISTS[name]!.as && !b.lists.some((other) => subgraphOf(other) === subgraphOf(name)));
    if (batch) batch.lists.push(name);
    else BATCHES.push({ as: LISTS[name]!.as, lists: [name] });
  }
  /** A document asking each list of a batch for one page after `$after`, each at its own path. */
  function batchDocument(lists: string[]): string {
    const field = (name: string) => `${LISTS[name]!.path.at(-1)}(first: 1, after: $after) { totalCount }`;
    const bySide = new Map<string | undefined, string[]>();
    for (const name of lists) {
      const side = LISTS[name]!.path.length > 1 ? LISTS[name]!.path[0] : undefined;
      bySide.set(side, [...(bySide.get(side) ?? []), field(name)]);
    }
    const parts = [...bySide].map(([side, fields]) => (side ? `${side} { ${fields.join(' ')} }` : fields.join(' ')));
    return `query ($after: String) { ${parts.join(' ')} }`;
  }
  /** The answer of every list to the same cursor: its first error, or undefined for a page. */
  async function everyListAfter(after: string): Promise<Record<string, { response: Response; error: NonNullable<Response['errors']>[number] | undefined }>> {
    const answers: Record<string, { response: Response; error: NonNullable<Response['errors']>[number] | undefined }> = {};
    for (const { as, lists } of BATCHES) {
      const response = await federation.query(batchDocument(lists), { after }, { as });
      expectNothingInternal(response, `after ${after.slice(0, 40)}`);
      for (const name of lists) {
        const error = response.errors?.find((e) => LISTS[name]!.path.every((key, i) => e.path?.[i] === key));
        answers[name] = { response: { errors: error ? [error] : undefined }, error };
      }
    }
    return answers;
  }

  test('each list takes its own cursor, and refuses every other list’s', async () => {
    for (const [from, cursor] of Object.entries(cursors)) {
      for (const [list, { response, error }] of Object.entries(await everyListAfter(cursor))) {
        if (from === list) expect(error, `${list} with its own cursor`).toBeUndefined();
        // An audit cursor is a sequence number, the same in every store's log: it pages any audit log.
        else if (from.endsWith('auditLog') && list.endsWith('auditLog')) continue;
        else expectRefusal(response, `${list} with a cursor of ${from}`, { code: 'BAD_USER_INPUT', field: 'after' });
      }
    }
  });

  const FORGED: [string, () => string][] = [
    ['not base64', () => '!!!***'],
    ['base64 of no JSON', () => Buffer.from('hello').toString('base64')],
    ['an object', () => cursorOf({ id: 'sichuan:Activity:x' })],
    ['three elements', () => cursorOf(['2021-01-01', 'sichuan:Activity:x', 3])],
    ['a number as the date', () => cursorOf([1e308, 'sichuan:Activity:x'])],
    // Dates out of range in a cursor: inputRanges.test.ts.
    ['a 300-character id', () => cursorOf(['2021-01-01', `sichuan:Activity:${'x'.repeat(300)}`])],
    ['a zero-width id', () => cursorOf(['2021-01-01', 'sichuan:Activity:\u200bx'])],
    ['a lone surrogate in the id', () => cursorOf(['2021-01-01', 'sichuan:Activity:\ud800'])],
    ['a NUL in the id', () => cursorOf(['2021-01-01', 'sichuan:Activity:\u0000'])],
    ['an SQL fragment as the id', () => cursorOf(['2021-01-01', "x' OR '1'='1"])],
    ['a negative sequence number', () => cursorOf([null, '-1'])],
    ['a sequence number past 64 bits', () => cursorOf([null, '99999999999999999999'])],
    ['5 000 characters', () => 'A'.repeat(5000)],
  ];
  test.each(FORGED)('%s: refused on every list', async (what, make) => {
    for (const [list, { response }] of Object.entries(await everyListAfter(make()))) {
      expectRefusal(response, `${what} on ${list}`, { code: 'BAD_USER_INPUT', field: 'after' });
    }
  });
});

const SIDE_LIST = `query ($filter: RecordFilter) { sichuan { activities(filter: $filter, first: 1) { totalCount } } }`;
const JOINT_LIST = `query ($filter: RecordFilter) { agreements(filter: $filter, first: 1) { totalCount } }`;
const ALLIANCE_LIST = `query ($filter: RecordFilter) { alliances(filter: $filter, first: 1) { totalCount } }`;

describe('text no store can hold, in any argument', () => {
  const UNSTORABLE: [string, string][] = [
    ['a NUL character', 'a\u0000b'],
    ['a lone high surrogate', 'a\ud800b'],
    ['a lone low surrogate', '\udc00'],
  ];
  const ENTRIES: [string, (s: string) => [string, Record<string, unknown>, Role], RegExp][] = [
    ['filter.search, a side’s list', (s) => [SIDE_LIST, { filter: { search: s } }, 'viewer'], INPUT('filter.search')],
    ['filter.search, the joint list', (s) => [ALLIANCE_LIST, { filter: { search: s } }, 'viewer'], INPUT('filter.search')],
    ['filter.kinds', (s) => [SIDE_LIST, { filter: { kinds: ['座谈交流', s] } }, 'viewer'], INPUT('filter.kinds[1]')],
    ['filter.regionId', (s) => [SIDE_LIST, { filter: { regionId: s } }, 'viewer'], INPUT('filter.regionId')],
    ['filter.allianceId', (s) => [JOINT_LIST, { filter: { allianceId: s } }, 'viewer'], INPUT('filter.allianceId')],
    ['filter.ids', (s) => [SIDE_LIST, { filter: { ids: ['sichuan:Activity:x', s] } }, 'viewer'], INPUT('filter.ids[1]')],
    ['after', (s) => [`query ($a: String) { alliances(after: $a) { totalCount } }`, { a: s }, 'viewer'], INPUT('a')],
    ['alliance(id)', (s) => [`query ($id: ID!) { alliance(id: $id) { id } }`, { id: s }, 'viewer'], INPUT('id')],
    ['jurisdictions(keys)', (s) => [`query ($k: [String!]) { jurisdictions(keys: $k) { key } }`, { k: [s] }, 'viewer'], INPUT('k[0]')],
    [
      'a write’s title',
      (s) => [`mutation ($input: ActivityInput!) { sichuanRecordActivity(input: $input) { id } }`, { input: { kind: '政策宣讲', title: `标题${s}`, heldOn: '2023-01-01', organizerId: 'sichuan:Organization:moxi-town' } }, 'sichuan-operator'],
      INPUT('input.title'),
    ],
    [
      'the joint office’s name',
      (s) => [`mutation ($input: AllianceInput!) { createAlliance(input: $input) { id } }`, { input: { kind: '人才联盟', name: `联盟${s}`, foundedOn: '2023-01-01', memberIds: ['sichuan:Organization:moxi-town', 'chongqing:Organization:shuangjiang-town'] } }, 'joint-operator'],
      INPUT('input.name'),
    ],
    [
      'an idempotency key',
      (s) => [`mutation ($k: String) { closeAlliance(id: "joint:Alliance:moxi-shuangjiang", version: 1, closedOn: "2023-01-01", idempotencyKey: $k) { id } }`, { k: `key-${s}` }, 'joint-operator'],
      INPUT('k'),
    ],
  ];
  describe.each(UNSTORABLE)('%s', (_what, text) => {
    test.each(ENTRIES)('in %s: BAD_USER_INPUT malformed, naming where', async (where, make, field) => {
      const [document, variables, as] = make(text);
      expectRefusal(await federation.query(document, variables, { as }), `${_what} in ${where}`, { code: 'BAD_USER_INPUT', rule: 'malformed', field });
    });
  });

  test('a lone surrogate or NUL written into the document itself is refused by the parser', async () => {
    for (const literal of ['"\\ud800"', '"\\udc00x"', '"a\ud800"']) {
      expectRefusal(await federation.query(`{ alliances(filter: { search: ${literal} }) { totalCount } }`), `literal ${literal}`, { code: 'GRAPHQL_PARSE_FAILED' });
    }
    expectRefusal(await federation.query(`{ alliances(filter: { search: "a\\u0000b" }) { totalCount } }`), 'a NUL literal', { code: 'BAD_USER_INPUT', rule: 'malformed', field: 'query' });
  });

  test('two idempotency keys that differ only in lone surrogates cannot collide: both are refused, nothing is written', async () => {
    const send = (k: string) =>
      federation.query(`mutation ($input: ActivityInput!, $k: String) { sichuanRecordActivity(input: $input, idempotencyKey: $k) { id } }`, { input: { kind: '政策宣讲', title: '同键', heldOn: '2023-01-01', organizerId: fixtures.sichuan.town.id }, k }, { as: 'sichuan-operator' });
    for (const k of ['same\ud800', 'same\udbff']) expectRefusal(await send(k), k, { code: 'BAD_USER_INPUT', rule: 'malformed', field: 'variables.k' });
  });
});

describe('IDs: the grammar, then the type and home the argument takes', () => {
  const CASES: [string, string, Record<string, unknown>, Expected][] = [
    ['filter.regionId names an organization', SIDE_LIST, { filter: { regionId: 'sichuan:Organization:moxi-town' } }, { code: 'BAD_USER_INPUT', field: 'filter.regionId', rule: 'wrong-type' }],
    ['filter.allianceId names an organization', SIDE_LIST, { filter: { allianceId: 'sichuan:Organization:moxi-town' } }, { code: 'BAD_USER_INPUT', field: 'filter.allianceId', rule: 'wrong-type' }],
    ['filter.ids names an organization', SIDE_LIST, { filter: { ids: ['sichuan:Activity:x', 'sichuan:Organization:moxi-town'] } }, { code: 'BAD_USER_INPUT', field: 'filter.ids', rule: 'wrong-type' }],
    ['filter.ids holds an ID of 10 000 characters', JOINT_LIST, { filter: { ids: [`joint:Agreement:${'x'.repeat(10_000)}`] } }, { code: 'BAD_USER_INPUT', field: 'filter.ids', rule: 'malformed-id' }],
    ['filter.ids lists 101 IDs', JOINT_LIST, { filter: { ids: Array.from({ length: 101 }, (_, i) => `joint:Agreement:a${i}`) } }, { code: 'BAD_USER_INPUT', field: 'filter.ids', rule: 'too-large' }],
    ['filter.allianceId names an alliance of a side', JOINT_LIST, { filter: { allianceId: 'sichuan:Alliance:moxi' } }, { code: 'BAD_USER_INPUT', field: 'filter.allianceId', rule: 'wrong-jurisdiction' }],
    ['overview(allianceId) names an agreement', `query ($id: ID) { overview(allianceId: $id) { total { jointSeminarSessions } } }`, { id: 'joint:Agreement:x' }, { code: 'BAD_USER_INPUT', field: 'allianceId', rule: 'wrong-type' }],
    ['figures(allianceId) names a region', `query ($id: ID) { sichuan { figures(allianceId: $id) { jointSeminarSessions } } }`, { id: 'sichuan:Region:anju-district' }, { code: 'BAD_USER_INPUT', field: 'allianceId', rule: 'wrong-type' }],
    ['activitiesByMonth(allianceId) is malformed', `query ($id: ID) { chongqing { activitiesByMonth(allianceId: $id) { month } } }`, { id: 'joint:Alliance:Moxi' }, { code: 'BAD_USER_INPUT', field: 'allianceId', rule: 'malformed-id' }],
    ['serviceCasesByKind(allianceId) names an organization', `query ($id: ID) { sichuan { serviceCasesByKind(allianceId: $id) { kind } } }`, { id: 'chongqing:Organization:x' }, { code: 'BAD_USER_INPUT', field: 'allianceId', rule: 'wrong-type' }],
    ['alliance(id) is empty', `query ($id: ID!) { alliance(id: $id) { id } }`, { id: '' }, { code: 'BAD_USER_INPUT', field: 'id', rule: 'malformed-id' }],
    ['alliance(id) is a path', `query ($id: ID!) { alliance(id: $id) { id } }`, { id: '../../etc/passwd' }, { code: 'BAD_USER_INPUT', field: 'id', rule: 'malformed-id' }],
    ['alliance(id) is 10 000 characters', `query ($id: ID!) { alliance(id: $id) { id } }`, { id: `joint:Alliance:${'x'.repeat(10_000)}` }, { code: 'BAD_USER_INPUT', field: 'id', rule: 'malformed-id' }],
    ['alliance(id) names an agreement', `query ($id: ID!) { alliance(id: $id) { id } }`, { id: 'joint:Agreement:x' }, { code: 'BAD_USER_INPUT', field: 'id', rule: 'wrong-type' }],
    ['alliance(id) names a side’s record', `query ($id: ID!) { alliance(id: $id) { id } }`, { id: 'sichuan:Alliance:x' }, { code: 'BAD_USER_INPUT', field: 'id', rule: 'wrong-jurisdiction' }],
  ];
  test.each(CASES)('%s', async (what, document, variables, expected) => {
    expectRefusal(await federation.query(document, variables), what, expected);
  });

  test('a well-formed ID of the right type that names nothing finds nothing, without error', async () => {
    const response = await federation.query(`query ($id: ID!) { alliance(id: $id) { id } }`, { id: 'joint:Alliance:nowhere' });
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({ alliance: null });
  });
});

describe('periods', () => {
  const BACKWARDS = { from: '2022-01-01', to: '2021-01-01' };
  const ENTRIES: [string, string, Record<string, unknown>][] = [
    ['overview(period)', `query ($p: PeriodInput) { overview(period: $p) { total { jointSeminarSessions } } }`, { p: BACKWARDS }],
    ['a side’s figures(period)', `query ($p: PeriodInput) { sichuan { figures(period: $p) { jointSeminarSessions } } }`, { p: BACKWARDS }],
    ['activitiesByMonth(period)', `query ($p: PeriodInput) { chongqing { activitiesByMonth(period: $p) { month } } }`, { p: BACKWARDS }],
    ['serviceCasesByKind(period)', `query ($p: PeriodInput) { sichuan { serviceCasesByKind(period: $p) { kind } } }`, { p: BACKWARDS }],
    ['Alliance.overview(period)', `query ($p: PeriodInput) { alliances(first: 1) { edges { node { overview(period: $p) { total { jointSeminarSessions } } } } } }`, { p: BACKWARDS }],
    ['a side’s filter.period', SIDE_LIST, { filter: { period: BACKWARDS } }],
    ['the joint filter.period', ALLIANCE_LIST, { filter: { period: BACKWARDS } }],
  ];
  test.each(ENTRIES)('from after to in %s: BAD_USER_INPUT rule period', async (what, document, variables) => {
    expectRefusal(await federation.query(document, variables), what, { code: 'BAD_USER_INPUT', rule: 'period', field: 'period' });
  });

  test.each(ENTRIES)('the whole range (1 200 years) in %s is answered', async (what, document, variables) => {
    const whole = JSON.parse(JSON.stringify(variables).replaceAll(BACKWARDS.from, DATE_RANGE.min).replaceAll(BACKWARDS.to, DATE_RANGE.max));
    const response = await federation.query(document, whole);
    expectNothingInternal(response, what);
    expect(response.errors, what).toBeUndefined();
  });

  test('a date in the wrong form is refused by the Date scalar', async () => {
    for (const date of ['2021-1-1', '2021-02-30', '20210101', '2021-01-01T00:00:00Z', '']) {
      expectRefusal(await federation.query(SIDE_LIST, { filter: { period: { from: date } } }), date, { code: 'BAD_USER_INPUT' });
    }
  });
});

describe('jurisdictions(keys)', () => {
  test.each([
    ['an unknown key', 'jilin'],
    ['an empty key', ''],
    ['10 000 characters', 'x'.repeat(10_000)],
    ['a direction override', '\u202esichuan'],
  ])('%s: BAD_USER_INPUT unknown-kind, without echoing it at length', async (what, key) => {
    const response = await federation.query(`query ($k: [String!]) { jurisdictions(keys: $k) { key } }`, { k: ['sichuan', key] });
    expectRefusal(response, what, { code: 'BAD_USER_INPUT', field: 'keys', rule: 'unknown-kind' });
    expect(response.errors![0]!.message.length, what).toBeLessThan(200);
  });
});

describe('writes', () => {
  const ACTIVITY = `mutation ($input: ActivityInput!, $k: String) { sichuanRecordActivity(input: $input, idempotencyKey: $k) { id } }`;
  const activity = (change: Record<string, unknown> = {}) => ({ kind: '政策宣讲', title: uniqueName('宣讲'), heldOn: '2023-01-01', organizerId: fixtures.sichuan.town.id, ...change });

  /** [what, send, expected]: every case is refused; that no table of any store changed is the last test's business. */
  const CASES: [string, () => Promise<Response>, Expected][] = [
    // Names, titles and kinds: hidden characters of every kind.
    ...(
      [
        ['a soft hyphen', 'a\u00adb'],
        ['a tag character', 'a\u{E0041}b'],
        ['a line separator', 'a\u2028b'],
        ['a noncharacter', 'a\uffffb'],
        ['a byte-order mark', '\ufeffab'],
        ['a right-to-left isolate', '\u2067ab'],
        ['a C1 control', 'a\u0085b'],
      ] as const
    ).map(([what, text]): [string, () => Promise<Response>, Expected] => [
      `a title with ${what}`,
      () => federation.query(ACTIVITY, { input: activity({ title: `宣讲${text}` }) }, { as: 'sichuan-operator' }),
      { code: 'BAD_USER_INPUT', field: 'title', rule: 'malformed' },
    ]),
    ['a kind with a zero-width space', () => federation.query(ACTIVITY, { input: activity({ kind: `${VOCABULARY.activityKind[0]}\u200b` }) }, { as: 'sichuan-operator' }), { code: 'BAD_USER_INPUT', field: 'kind', rule: 'malformed' }],
    ['a kind behind a direction override', () => federation.query(ACTIVITY, { input: activity({ kind: `\u202e${VOCABULARY.activityKind[0]}` }) }, { as: 'sichuan-operator' }), { code: 'BAD_USER_INPUT', field: 'kind', rule: 'malformed' }],
    ['a kind of 10 000 characters', () => federation.query(ACTIVITY, { input: activity({ kind: '座'.repeat(10_000) }) }, { as: 'sichuan-operator' }), { code: 'BAD_USER_INPUT', field: 'kind' }],
    // Idempotency keys: they are compared as stored, so they must be stored as sent and look like what they are.
    ['an idempotency key with a zero-width space', () => federation.query(ACTIVITY, { input: activity(), k: 'key\u200b' }, { as: 'sichuan-operator' }), { code: 'BAD_USER_INPUT', field: 'idempotencyKey', rule: 'malformed' }],
    ['an idempotency key with a control character', () => federation.query(ACTIVITY, { input: activity(), k: 'key\u0007' }, { as: 'sichuan-operator' }), { code: 'BAD_USER_INPUT', field: 'idempotencyKey', rule: 'malformed' }],
    ['an idempotency key of 201 characters', () => federation.query(ACTIVITY, { input: activity(), k: 'k'.repeat(201) }, { as: 'sichuan-operator' }), { code: 'BAD_USER_INPUT', field: 'idempotencyKey', rule: 'too-long' }],
    // Versions: a count of changes, never negative.
    [
      'a negative version (a side’s organization)',
      () => federation.query(`mutation ($id: ID!, $v: Int!) { sichuanUpdateOrganization(id: $id, version: $v, input: { name: "改名" }) { id } }`, { id: fixtures.sichuan.town.id, v: -1 }, { as: 'sichuan-operator' }),
      { code: 'BAD_USER_INPUT', field: 'version', rule: 'negative' },
    ],
    [
      'a negative version (a person)',
      () => federation.query(`mutation ($id: ID!, $v: Int!) { sichuanUpdatePerson(id: $id, version: $v, input: { name: "改名" }) { id } }`, { id: fixtures.sichuan.person.id, v: -1 }, { as: 'sichuan-operator' }),
      { code: 'BAD_USER_INPUT', field: 'version', rule: 'negative' },
    ],
    [
      'a negative version (a post)',
      () => federation.query(`mutation ($id: ID!, $v: Int!) { chongqingEndPost(id: $id, version: $v, endedOn: "2023-01-01") { id } }`, { id: fixtures.chongqing.secretaryPost.post.id, v: -2147483648 }, { as: 'chongqing-operator' }),
      { code: 'BAD_USER_INPUT', field: 'version', rule: 'negative' },
    ],
    [
      'a negative version (an alliance)',
      () => federation.query(`mutation ($v: Int!) { closeAlliance(id: "joint:Alliance:moxi-shuangjiang", version: $v, closedOn: "2023-01-01") { id } }`, { v: -1 }, { as: 'joint-operator' }),
      { code: 'BAD_USER_INPUT', field: 'version', rule: 'negative' },
    ],
    [
      'a version of 2^31 − 1: stale, not an error of form',
      () => federation.query(`mutation ($v: Int!) { closeAlliance(id: "joint:Alliance:moxi-shuangjiang", version: $v, closedOn: "2023-01-01") { id } }`, { v: 2 ** 31 - 1 }, { as: 'joint-operator' }),
      { code: 'CONFLICT' },
    ],
    ['a version past 32 bits', () => federation.query(`mutation { closeAlliance(id: "joint:Alliance:moxi-shuangjiang", version: 2147483648, closedOn: "2023-01-01") { id } }`, {}, { as: 'joint-operator' }), { code: 'GRAPHQL_VALIDATION_FAILED' }],
    // Numbers: JSON has no NaN or Infinity, but it has 1e308.
    [
      'an area of 1e308 m²',
      () =>
        federation.query(`mutation ($input: FacilityInput!) { sichuanRecordFacility(input: $input) { id } }`, { input: { kind: VOCABULARY.facilityKind[0], name: uniqueName('设施'), regionId: fixtures.sichuan.region.id, openedOn: '2023-01-01', areaSqm: 1e308 } }, { as: 'sichuan-operator' }),
      { code: 'BAD_USER_INPUT', field: 'areaSqm', rule: 'too-large' },
    ],
    [
      'an investment of −1e308 万元',
      () =>
        federation.query(`mutation ($input: ProjectInput!) { chongqingRecordProject(input: $input) { id } }`, { input: { kind: VOCABULARY.projectKind[0], name: uniqueName('项目'), regionId: fixtures.chongqing.region.id, startedOn: '2023-01-01', investmentWan: -1e308 } }, { as: 'chongqing-operator' }),
      { code: 'BAD_USER_INPUT', field: 'investmentWan', rule: 'negative' },
    ],
    [
      'households of 2^31 − 1',
      () => federation.query(`mutation ($input: GridInput!) { sichuanRecordGrid(input: $input) { id } }`, { input: { name: uniqueName('网格'), organizationId: fixtures.sichuan.town.id, regionId: fixtures.sichuan.region.id, households: 2 ** 31 - 1 } }, { as: 'sichuan-operator' }),
      { code: 'BAD_USER_INPUT', field: 'households', rule: 'too-large' },
    ],
    ['sessions past 32 bits', () => federation.query(ACTIVITY, { input: activity({ sessions: 2 ** 31 }) }, { as: 'sichuan-operator' }), { code: 'BAD_USER_INPUT' }],
    ['a count given as a string', () => federation.query(ACTIVITY, { input: activity({ personTimes: '12' }) }, { as: 'sichuan-operator' }), { code: 'BAD_USER_INPUT' }],
    // Lists: bounded.
    [
      '1 000 alliance members',
      () =>
        federation.query(`mutation ($input: AllianceInput!) { createAlliance(input: $input) { id } }`, { input: { kind: VOCABULARY.allianceKind[0], name: uniqueName('联盟'), foundedOn: '2023-01-01', memberIds: Array.from({ length: 1000 }, (_, i) => `sichuan:Organization:x${i}`) } }, { as: 'joint-operator' }),
      { code: 'BAD_USER_INPUT', field: 'memberIds', rule: 'too-large' },
    ],
    [
      '101 cooperation items',
      () =>
        federation.query(
          `mutation ($input: AgreementInput!) { signAgreement(input: $input) { id } }`,
          { input: { title: uniqueName('协议'), signedOn: '2023-01-01', signatoryIds: [fixtures.sichuan.town.id, fixtures.chongqing.town.id], items: Array.from({ length: 101 }, (_, i) => ({ category: VOCABULARY.cooperationCategory[0], title: `事项${i}` })) } },
          { as: 'joint-operator' },
        ),
      { code: 'BAD_USER_INPUT', field: 'items', rule: 'too-large' },
    ],
  ];

  test.each(CASES)('%s: refused', async (what, send, expected) => {
    const response = await send();
    expectRefusal(response, what, expected);
    // Every payload is non-null: a refused write answers no data at all.
    expect(response.data ?? null, what).toBeNull();
  });
});

describe('straight at a subgraph, with a valid statement of the gateway', () => {
  /** POSTs to a subgraph as the gateway would, signing a fresh statement for this very operation. */
  async function direct(name: string, query: string, variables: Record<string, unknown>, role: Role = 'viewer'): Promise<Response> {
    const statement = await signCaller({ subject: 'input-sweep', role }, { secret: federation.secrets[name]!, audience: name, digest: operationDigest(query, variables) });
    const response = await fetch(federation.subgraphs[name]!.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CALLER_HEADER]: statement },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as Response;
  }

  /** `_entities` of a subgraph, selecting what makes each representation reach its resolver (an overview: the side's part). */
  const entities = (name: string) => {
    const prefix = `${name[0]!.toUpperCase()}${name.slice(1)}`;
    const types = name === 'joint' ? '... on Alliance { name }' : `... on ${prefix}Organization { name } ... on ${prefix}Jurisdiction { key } ... on JointOverview { ${name} { jointSeminarSessions } }`;
    return `query ($r: [_Any!]!) { _entities(representations: $r) { ${types} } }`;
  };
  /** Representations only a caller writing its own could send: each names nothing, before any SQL. */
  const NAMES_NOTHING: [string, string, unknown][] = [
    ['sichuan', 'an organization without an id', { __typename: 'SichuanOrganization' }],
    ['sichuan', 'an organization whose id is a number', { __typename: 'SichuanOrganization', id: 5 }],
    ['sichuan', 'an organization whose id is an object', { __typename: 'SichuanOrganization', id: { $ne: null } }],
    ['sichuan', 'an organization whose id is 20 000 characters', { __typename: 'SichuanOrganization', id: 'x'.repeat(20_000) }],
    ['sichuan', 'an organization whose id names an activity', { __typename: 'SichuanOrganization', id: 'sichuan:Activity:x' }],
    ['sichuan', 'a jurisdiction whose code is an object', { __typename: 'SichuanJurisdiction', code: { x: 1 } }],
    ['joint', 'an alliance whose id is a number', { __typename: 'Alliance', id: 12 }],
    ['joint', 'an alliance without an id', { __typename: 'Alliance' }],
    ['joint', 'an alliance whose id names a side’s record', { __typename: 'Alliance', id: 'sichuan:Organization:moxi-town' }],
  ];
  test.each(NAMES_NOTHING)('%s: %s answers null', async (name, what, representation) => {
    const response = await direct(name, entities(name), { r: [representation] });
    expectNothingInternal(response, what);
    expect(response.errors, what).toBeUndefined();
    expect(response.data, what).toEqual({ _entities: [null] });
  });

  const REFUSED: [string, string, string, Record<string, unknown>, Expected][] = [
    ['sichuan', 'a joint overview id that is no overview', entities('sichuan'), { r: [{ __typename: 'JointOverview', id: 'overview:garbage' }] }, { code: 'BAD_USER_INPUT', field: 'id', rule: 'malformed' }],
    ['chongqing', 'a joint overview of year 0000', entities('chongqing'), { r: [{ __typename: 'JointOverview', id: `overview:${cursorOf(['0000-01-01', null, null])}` }] }, { code: 'BAD_USER_INPUT', field: 'period.from' }],
    ['sichuan', 'a joint overview of a backwards period', entities('sichuan'), { r: [{ __typename: 'JointOverview', id: `overview:${cursorOf(['2022-01-01', '2021-01-01', null])}` }] }, { code: 'BAD_USER_INPUT', rule: 'period' }],
    ['sichuan', 'a joint overview of an organization', entities('sichuan'), { r: [{ __typename: 'JointOverview', id: `overview:${cursorOf([null, null, 'sichuan:Organization:moxi-town'])}` }] }, { code: 'BAD_USER_INPUT', field: 'allianceId', rule: 'wrong-type' }],
    ['sichuan', 'a lone surrogate in a representation', entities('sichuan'), { r: [{ __typename: 'SichuanOrganization', id: 'sichuan:Organization:\ud800' }] }, { code: 'BAD_USER_INPUT', rule: 'malformed', field: 'variables.r[0].id' }],
    ['joint', 'a NUL in a representation', entities('joint'), { r: [{ __typename: 'Alliance', id: 'joint:Alliance:\u0000' }] }, { code: 'BAD_USER_INPUT', rule: 'malformed', field: 'variables.r[0].id' }],
    ['sichuan', 'a lone surrogate in a filter', SIDE_LIST, { filter: { search: '\udfff' } }, { code: 'BAD_USER_INPUT', rule: 'malformed', field: 'variables.filter.search' }],
    ['chongqing', 'the other side’s cursor', `query ($a: String) { chongqing { activities(first: 1, after: $a) { totalCount } } }`, { a: cursorOf(['2021-01-01', 'sichuan:Activity:x']) }, { code: 'BAD_USER_INPUT', field: 'after' }],
    ['joint', 'a page of 1 000 (no gateway limit in front)', `query { alliances(first: 1000) { totalCount } }`, {}, { code: 'BAD_USER_INPUT', field: 'first' }],
    ['joint', 'an alliance ID of the wrong type', `query ($id: ID!) { alliance(id: $id) { id } }`, { id: 'joint:Agreement:x' }, { code: 'BAD_USER_INPUT', field: 'id', rule: 'wrong-type' }],
    [
      'joint',
      'a negative version',
      `mutation { closeAlliance(id: "joint:Alliance:moxi-shuangjiang", version: -5, closedOn: "2023-01-01") { id } }`,
      {},
      { code: 'BAD_USER_INPUT', field: 'version', rule: 'negative' },
    ],
  ];
  test.each(REFUSED)('%s: %s is refused', async (name, what, query, variables, expected) => {
    const role: Role = query.trimStart().startsWith('mutation') ? 'joint-operator' : 'viewer';
    expectRefusal(await direct(name, query, variables, role), what, expected);
  });
});

test('no store changed: not a refused write, not a read with a hostile argument', async () => {
  expect(await federationSnapshot(federation.subgraphs)).toEqual(before);
});
