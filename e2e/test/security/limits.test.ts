import { fileURLToPath } from 'node:url';
import { getIntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ConfigError } from '@linju/observability';
import { readGatewayConfig } from '@linju/gateway/config';
import { DEFAULT_QUERY_LIMITS } from '@linju/gateway/limits';
import { SUBGRAPH_MAX_BODY_BYTES } from '@linju/contract';
import { sharedFederation, type Federation, type GraphQLResponse } from '@linju/testing';

let federation: Federation;
let viewer: string;
beforeAll(async () => {
  federation = await sharedFederation();
  viewer = `Bearer ${await federation.token('viewer')}`;
});
afterAll(() => federation?.stop());

const { maxDepth, maxAliases, maxTokens, maxListSize, maxCost } = DEFAULT_QUERY_LIMITS;

interface Answer {
  status: number;
  contentType: string | null;
  cacheControl: string | null;
  body: GraphQLResponse<Record<string, unknown>>;
  text: string;
}

/** Sends a raw HTTP request to the gateway as a viewer and reads the answer, whatever its status. */
async function send(init: { method?: string; headers?: Record<string, string>; body?: string }, search = ''): Promise<Answer> {
  const response = await fetch(federation.gatewayUrl + search, {
    method: init.method ?? 'POST',
    headers: { authorization: viewer, ...(init.method !== 'GET' && { 'content-type': 'application/json' }), ...init.headers },
    ...(init.body !== undefined && { body: init.body }),
  });
  const text = await response.text();
  let body: Answer['body'];
  try {
    body = JSON.parse(text) as Answer['body'];
  } catch {
    throw new Error(`The gateway answered ${response.status} with non-JSON: ${text.slice(0, 300)}`);
  }
  return { status: response.status, contentType: response.headers.get('content-type'), cacheControl: response.headers.get('cache-control'), body, text };
}

const post = (query: string, variables?: Record<string, unknown>) => send({ body: JSON.stringify({ query, variables }) });

/** The request is refused with HTTP 400 and `code`, names the limit and the value, and reaches no subgraph. */
async function expectRefused(query: string, variables: Record<string, unknown> | undefined, code: string, limit: number, value?: number) {
  federation.resetCalls();
  const answer = await post(query, variables);
  expect(answer.status, answer.text).toBe(400);
  expect(answer.body.data).toBeUndefined();
  expect(answer.body.errors).toHaveLength(1);
  const [error] = answer.body.errors!;
  expect(error!.extensions?.['code']).toBe(code);
  expect(error!.extensions?.['limit']).toBe(limit);
  expect(error!.message).toContain(String(limit));
  if (value !== undefined) {
    expect(error!.extensions?.['value']).toBe(value);
    expect(error!.message).toContain(String(value));
  }
  expect(federation.subgraphCalls).toEqual([]);
  return error!;
}

/**
 * `{ sichuan { organizations(first: 1) { edges { node { parent { … { name } } } } } } }`: 5 + `levels`
 * deep, and cheap (a parent is one organization), so only its depth can refuse it.
 */
function parentChain(levels: number): string {
  return `{ sichuan { organizations(first: 1) { edges { node { ${'parent { '.repeat(levels)}name${' }'.repeat(levels)} } } } } }`;
}

describe('query depth', () => {
  test(`a query ${maxDepth} levels deep is answered`, async () => {
    const answer = await post(parentChain(maxDepth - 5));
    expect(answer.status, answer.text).toBe(200);
    expect(answer.body.errors).toBeUndefined();
  });

  test(`a query ${maxDepth + 4} levels deep is refused with QUERY_TOO_DEEP`, async () => {
    const error = await expectRefused(parentChain(maxDepth - 1), undefined, 'QUERY_TOO_DEEP', maxDepth, maxDepth + 4);
    expect(error.message).toMatch(/deep/);
  });

  test('depth is counted through fragments', async () => {
    const query = `
      query { sichuan { regions(first: 1) { edges { node { ...A } } } } }
      fragment A on Region { children { ...B } }
      fragment B on Region { children { ... on Region { children { ...C } } } }
      fragment C on Region { children { children { children { children { children { name } } } } } }`;
    await expectRefused(query, undefined, 'QUERY_TOO_DEEP', maxDepth, 13);
  });
});

describe('aliases', () => {
  const aliased = (count: number) => `{ ${Array.from({ length: count }, (_, i) => `a${i}: overview { alliances { total } }`).join(' ')} }`;

  test(`${maxAliases} aliases are answered`, async () => {
    const answer = await post(aliased(maxAliases));
    expect(answer.status, answer.text).toBe(200);
    expect(answer.body.errors).toBeUndefined();
  });

  test('an alias bomb is refused with TOO_MANY_ALIASES', async () => {
    await expectRefused(aliased(300), undefined, 'TOO_MANY_ALIASES', maxAliases, 300);
  });

  test('aliases are counted through fragments, once per spread', async () => {
    const query = `
      query { x: sichuan { ...Pages } y: chongqing { ...Pages } z: sichuan { ...Pages } }
      fragment Pages on Jurisdiction { ${Array.from({ length: 10 }, (_, i) => `p${i}: activities(first: 1) { totalCount }`).join(' ')} }`;
    await expectRefused(query, undefined, 'TOO_MANY_ALIASES', maxAliases, 33);
  });

  test('fragments that spread each other twice, 2^40 aliases in 40 lines, are measured at once and refused', async () => {
    const levels = 40;
    const fragments = Array.from({ length: levels }, (_, i) =>
      i === levels - 1 ? `fragment F${i} on Query { a${i}: __typename }` : `fragment F${i} on Query { a${i}: __typename ...F${i + 1} ...F${i + 1} }`,
    );
    // Measured by counting each fragment once: walking the 2^40 spreads would never end (the test's timeout).
    const error = await expectRefused(`query { ...F0 }\n${fragments.join('\n')}`, undefined, 'TOO_MANY_ALIASES', maxAliases);
    expect(error.extensions?.['value']).toBe(2 ** levels - 1);
  });
});

describe('tokens', () => {
  test('a token bomb is refused with QUERY_TOO_LARGE before it is parsed', async () => {
    const kinds = Array.from({ length: maxTokens }, () => '"x"').join(', ');
    const query = `{ alliances(filter: { kinds: [${kinds}] }) { totalCount } }`;
    const error = await expectRefused(query, undefined, 'QUERY_TOO_LARGE', maxTokens);
    expect(error.extensions?.['value']).toBeGreaterThan(maxTokens);
  });

  test('repeated fields count as tokens too', async () => {
    await expectRefused(`{ ${'__typename '.repeat(maxTokens)} }`, undefined, 'QUERY_TOO_LARGE', maxTokens, maxTokens + 2);
  });

  test('comments are not tokens', async () => {
    const answer = await post(`# ${'comment '.repeat(5000)}\n{ overview { alliances { total } } }`);
    expect(answer.status, answer.text).toBe(200);
    expect(answer.body.errors).toBeUndefined();
  });
});

describe('list sizes', () => {
  test(`first: ${maxListSize} is answered`, async () => {
    const answer = await post(`{ sichuan { activities(first: ${maxListSize}) { totalCount edges { node { id } } } } }`);
    expect(answer.status, answer.text).toBe(200);
    expect(answer.body.errors).toBeUndefined();
  });

  test('a literal first above the limit is refused with LIST_TOO_LARGE', async () => {
    const error = await expectRefused('{ alliances(first: 100000) { totalCount } }', undefined, 'LIST_TOO_LARGE', maxListSize, 100000);
    // The clerk's half says what to do, the coordinate is the English half's.
    expect(error.message).toMatch(/^每页至多 \d+ 条（请求了 100000 条），请分页读取 \/ Query\.alliances asks for first: 100000/);
  });

  test('a first passed in a variable above the limit is refused with LIST_TOO_LARGE', async () => {
    const query = 'query Page($n: Int) { chongqing { activities(first: $n) { totalCount } } }';
    const error = await expectRefused(query, { n: maxListSize + 1 }, 'LIST_TOO_LARGE', maxListSize, maxListSize + 1);
    expect(error.message).toMatch(/activities/);
  });

  test("a variable's default above the limit is refused with LIST_TOO_LARGE", async () => {
    await expectRefused('query Page($n: Int = 5000) { sichuan { posts(first: $n) { totalCount } } }', {}, 'LIST_TOO_LARGE', maxListSize, 5000);
  });

  test('a nested first above the limit, inside a fragment, is refused', async () => {
    const query = `
      query First { alliances(first: 1) { edges { node { ...Members } } } }
      fragment Members on Alliance { id members { joinedOn } }
      query Other { sichuan { ...Lists } }
      fragment Lists on Jurisdiction { teams(first: 250) { totalCount } }`;
    federation.resetCalls();
    const answer = await send({ body: JSON.stringify({ query, operationName: 'Other' }) });
    expect(answer.status).toBe(400);
    expect(answer.body.errors?.[0]?.extensions?.['code']).toBe('LIST_TOO_LARGE');
    expect(federation.subgraphCalls).toEqual([]);
  });
});

describe('estimated cost', () => {
  test('nested lists under a full page are refused with QUERY_TOO_COSTLY', async () => {
    const query = '{ sichuan { organizations(first: 100) { edges { node { children { children { children { name } } } } } } } }';
    const error = await expectRefused(query, undefined, 'QUERY_TOO_COSTLY', maxCost);
    expect(error.extensions?.['value']).toBeGreaterThan(maxCost);
  });

  test('a wide query, every list of both sides at full pages, is refused with QUERY_TOO_COSTLY', async () => {
    const lists = ['organizations', 'people', 'posts', 'activities', 'serviceCases', 'facilities', 'projects', 'teams', 'teamActions', 'transportLinks', 'civilizationRecords', 'pairings', 'grids', 'regions'];
    const side = lists.map((list) => `${list}(first: ${maxListSize}) { totalCount edges { cursor node { id } } }`).join(' ');
    const organizations = 'organizations(first: 100) { edges { node { id name posts { title holder { name } } children { name posts { title } } } } }';
    await expectRefused(`{ sichuan { ${side} } chongqing { ${side} } jurisdictions { ${organizations} } }`, undefined, 'QUERY_TOO_COSTLY', maxCost);
  });

  test('a costly page size passed as a variable is refused too', async () => {
    const query = 'query ($n: Int) { chongqing { organizations(first: $n) { edges { node { children { children { posts { title } } } } } } } }';
    await expectRefused(query, { n: 50 }, 'QUERY_TOO_COSTLY', maxCost);
    // The same query with a page of one is answered: the estimate follows the variable.
    const answer = await post(query, { n: 1 });
    expect(answer.status, answer.text).toBe(200);
  });
});

describe('request bodies', () => {
  test('an oversized body is refused with 413 and a GraphQL error in JSON, before any subgraph', async () => {
    federation.resetCalls();
    const body = JSON.stringify({ query: '{ overview { alliances { total } } }', variables: { padding: 'x'.repeat(70 * 1024) } });
    const answer = await send({ body });
    expect(answer.status).toBe(413);
    expect(answer.contentType).toMatch(/^application\/json/);
    expect(answer.body.errors?.[0]?.extensions?.['code']).toBe('PAYLOAD_TOO_LARGE');
    expect(answer.body.errors?.[0]?.message).toContain('65536');
    expect(answer.text).not.toMatch(/\n\s+at /);
    expect(federation.subgraphCalls).toEqual([]);
  });

  test('only a request with a token is read past the ordinary limit: an anonymous import call of 100 kB is refused 413', async () => {
    federation.resetCalls();
    const rows = Array.from({ length: 400 }, (_, i) => ({
      input: { kind: '座谈交流', title: `匿名${i}`.padEnd(200, '甲'), heldOn: '2024-01-01', organizerId: 'sichuan:Organization:x' },
      idempotencyKey: `anonymous-${i}`,
    }));
    const body = JSON.stringify({ query: 'mutation ($rows: [ActivityImportRow!]!) { sichuanImportActivities(rows: $rows) { created } }', variables: { rows } });
    expect(Buffer.byteLength(body)).toBeGreaterThan(100 * 1024);
    const answer = await send({ body, headers: { authorization: '' } });
    expect(answer.status).toBe(413);
    expect(answer.body.errors?.[0]?.extensions?.['code']).toBe('PAYLOAD_TOO_LARGE');
    expect(federation.subgraphCalls).toEqual([]);
  });

  test('a body that is not JSON is refused with 400 in JSON, no stack trace', async () => {
    const answer = await send({ body: '{"query": "{ overview' });
    expect(answer.status).toBe(400);
    expect(answer.body.errors?.[0]?.extensions?.['code']).toBe('BAD_REQUEST');
    expect(answer.text).not.toMatch(/\n\s+at |node_modules/);
  });

  test('JSON nested deeper than 32 levels is refused 400 BAD_REQUEST in our words, in a POST body or a GET parameter, before any subgraph', async () => {
    const nested = (levels: number) => '{"a":'.repeat(levels) + '1' + '}'.repeat(levels);
    const arrays = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);
    federation.resetCalls();
    for (const variables of [nested(10_000), arrays(10_000), `{"f": ${arrays(40)}}`]) {
      const answer = await send({ body: `{"query": "{ overview { alliances { total } } }", "variables": ${variables}}` });
      expect(answer.status, answer.text).toBe(400);
      expect(answer.body.errors?.[0]?.extensions).toEqual({ code: 'BAD_REQUEST', limit: 32 });
      expect(answer.body.errors?.[0]?.message).toMatch(/^请求体的 JSON 嵌套过深（超过 32 层）/);
    }
    const get = await send({ method: 'GET', headers: { 'apollo-require-preflight': 'true' } }, `?query=${encodeURIComponent('{ __typename }')}&variables=${encodeURIComponent(nested(40))}`);
    expect(get.status, get.text).toBe(400);
    expect(get.body.errors?.[0]?.extensions?.['code']).toBe('BAD_REQUEST');
    expect(federation.subgraphCalls).toEqual([]);
    // 32 levels, the body's own among them, are answered.
    const within = await send({ body: `{"query": "{ __typename }", "variables": {"f": ${arrays(30)}}}` });
    expect(within.status, within.text).toBe(200);
  });

  test('a batch of operations is refused with a clear error and reaches no subgraph', async () => {
    federation.resetCalls();
    const one = { query: '{ overview { alliances { total } } }' };
    const answer = await send({ body: JSON.stringify([one, one]) });
    expect(answer.status).toBe(400);
    expect(answer.body.errors?.[0]?.message).toMatch(/Batched requests are not accepted/);
    expect(federation.subgraphCalls).toEqual([]);
  });
});

describe('CSRF prevention', () => {
  const query = '{ overview { alliances { total } } }';
  const CSRF_REFUSAL = /^为防范跨站请求伪造（CSRF）.* \/ Refused as a possible cross-site request forgery \(CSRF\): send a POST with the header content-type: application\/json, or give a GET the header apollo-require-preflight: true$/;

  /** Refused BAD_REQUEST in Linju's words, both halves: no sentence of Apollo's reaches the client. */
  function expectOurRefusal(answer: Answer, words: RegExp): void {
    const error = answer.body.errors?.[0];
    expect(error?.extensions?.['code'], answer.text).toBe('BAD_REQUEST');
    expect(error?.message, answer.text).toMatch(words);
    expect(answer.text).not.toMatch(/Apollo|Please either|recursively/);
  }

  test('a GET query without a preflight header is refused', async () => {
    federation.resetCalls();
    const answer = await send({ method: 'GET' }, `?query=${encodeURIComponent(query)}`);
    expect(answer.status).toBe(400);
    expectOurRefusal(answer, CSRF_REFUSAL);
    expect(federation.subgraphCalls).toEqual([]);
  });

  test.each(['text/plain', 'application/x-www-form-urlencoded'])('a POST sent as %s, as a form can, is refused', async (contentType) => {
    federation.resetCalls();
    const answer = await send({ headers: { 'content-type': contentType }, body: JSON.stringify({ query }) });
    expect(answer.status).toBe(400);
    expectOurRefusal(answer, CSRF_REFUSAL);
    expect(federation.subgraphCalls).toEqual([]);
  });

  test.each([
    ['application/graphql', {}, query],
    ['text/plain', { 'apollo-require-preflight': 'true' }, JSON.stringify({ query })],
    ['application/xml; charset=utf-8', {}, '<query/>'],
  ])('a POST of %s that passes the CSRF check is refused 415 naming its type, not as an empty body', async (contentType, headers, body) => {
    federation.resetCalls();
    const answer = await send({ headers: { 'content-type': contentType, ...headers }, body });
    expect(answer.status, answer.text).toBe(415);
    expectOurRefusal(answer, new RegExp(`^请求体须为 JSON（收到的 content-type 为“${contentType.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}”），请以 POST 发送 JSON 对象 .* / The request body must be JSON \\(its content-type was "`));
    expect(answer.text).not.toMatch(/请求体为空/);
    expect(federation.subgraphCalls).toEqual([]);
  });

  test('a method other than GET and POST is refused 405 in our words', async () => {
    const answer = await send({ method: 'PUT', body: JSON.stringify({ query }) });
    expect(answer.status).toBe(405);
    expectOurRefusal(answer, /^只接受 GET 和 POST 请求.* \/ Only GET and POST requests are accepted/);
  });

  test('variables sent as a JSON-encoded string are refused in our words', async () => {
    const answer = await send({ body: JSON.stringify({ query, variables: 'x' }) });
    expect(answer.status).toBe(400);
    expectOurRefusal(answer, /^variables 须为 JSON 对象.* \/ variables must be a JSON object/);
  });

  test('a GET with a preflight header is answered, and its query is held to the same limits', async () => {
    const headers = { 'apollo-require-preflight': 'true' };
    const answer = await send({ method: 'GET', headers }, `?query=${encodeURIComponent(query)}`);
    expect(answer.status, answer.text).toBe(200);
    expect(answer.body.errors).toBeUndefined();
    // An answer (personal data among them) is kept by no browser or proxy cache, GET or POST.
    expect(answer.cacheControl).toBe('no-store');
    expect((await post(query)).cacheControl).toBe('no-store');
    federation.resetCalls();
    const deep = await send({ method: 'GET', headers }, `?query=${encodeURIComponent(parentChain(maxDepth))}`);
    expect(deep.status).toBe(400);
    expect(deep.body.errors?.[0]?.extensions?.['code']).toBe('QUERY_TOO_DEEP');
    expect(deep.cacheControl).toBe('no-store');
    expect(federation.subgraphCalls).toEqual([]);
  });

  test('a POST of application/json, as the explorer sends, is answered', async () => {
    const answer = await post(query);
    expect(answer.status).toBe(200);
    expect(answer.body.errors).toBeUndefined();
  });

  test("the explorer's introspection query (GraphiQL's options) is answered within the limits", async () => {
    const answer = await post(getIntrospectionQuery({ inputValueDeprecation: true, schemaDescription: true }));
    expect(answer.status, answer.text.slice(0, 500)).toBe(200);
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data?.['__schema']).toBeDefined();
  });
});

describe('configuration of the limits', () => {
  const env = { SUPERGRAPH_PATH: fileURLToPath(new URL('../../package.json', import.meta.url)) };

  test('defaults, and each limit from its own variable', () => {
    expect(readGatewayConfig(env)).toMatchObject({ limits: DEFAULT_QUERY_LIMITS, maxBodyBytes: 65536, maxImportBodyBytes: 4 * 1024 * 1024 });
    const config = readGatewayConfig({
      ...env,
      LINJU_MAX_QUERY_DEPTH: '8',
      LINJU_MAX_ALIASES: '5',
      LINJU_MAX_QUERY_TOKENS: '800',
      LINJU_MAX_LIST_SIZE: '50',
      LINJU_MAX_QUERY_COST: '9000',
      LINJU_MAX_BODY_BYTES: '16384',
      LINJU_MAX_IMPORT_BODY_BYTES: '1048576',
    });
    expect(config.limits).toEqual({ maxDepth: 8, maxAliases: 5, maxTokens: 800, maxListSize: 50, maxCost: 9000 });
    expect(config.maxBodyBytes).toBe(16384);
    expect(config.maxImportBodyBytes).toBe(1048576);
  });

  test('an import body limit above what the subgraphs accept fails fast, naming it', () => {
    expect(() => readGatewayConfig({ ...env, LINJU_MAX_IMPORT_BODY_BYTES: String(SUBGRAPH_MAX_BODY_BYTES + 1) })).toThrow('LINJU_MAX_IMPORT_BODY_BYTES');
  });

  test.each(['LINJU_MAX_QUERY_DEPTH', 'LINJU_MAX_ALIASES', 'LINJU_MAX_QUERY_TOKENS', 'LINJU_MAX_LIST_SIZE', 'LINJU_MAX_QUERY_COST', 'LINJU_MAX_BODY_BYTES', 'LINJU_MAX_IMPORT_BODY_BYTES'])(
    'an unusable %s fails fast, naming it',
    (variable) => {
      for (const value of ['0', '-3', 'ten', '1.5']) {
        expect(() => readGatewayConfig({ ...env, [variable]: value })).toThrow(ConfigError);
        expect(() => readGatewayConfig({ ...env, [variable]: value })).toThrow(variable);
      }
    },
  );
});
