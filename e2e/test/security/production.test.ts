import { fileURLToPath } from 'node:url';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readGatewayConfig } from '@linju/gateway/config';
import { startGateway, type RunningGateway } from '@linju/gateway';
import { INTERNAL_ERROR_MESSAGE } from '@linju/observability';
import { startFederation, type Federation, type GraphQLResponse } from '@linju/testing';
import { tinyGatewayAuth, tinySupergraph } from '@linju/testing';

/** Anything that betrays the server's insides: stack frames, file paths, Prisma, SQL, exception objects. */
const INSIDES = /stacktrace|exception|\n\s+at |node_modules|\.ts:\d+|prisma|invocation|relation "|SELECT |ECONNREFUSED|127\.0\.0\.1:9\b/i;

async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; text: string; body: GraphQLResponse<Record<string, unknown>> }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, text, body: JSON.parse(text) as GraphQLResponse<Record<string, unknown>> };
}

describe('production mode, the whole federation (LINJU_ENV=production)', () => {
  let federation: Federation;
  let viewer: Record<string, string>;
  const logged: string[] = [];
  beforeAll(async () => {
    federation = await startFederation({ production: true, log: (message) => logged.push(message) });
    viewer = { authorization: `Bearer ${await federation.token('viewer')}` };
  });
  afterAll(() => federation?.stop());

  test('introspection is refused, and reaches no subgraph', async () => {
    for (const query of ['{ __schema { types { name } } }', '{ __type(name: "Alliance") { fields { name } } }']) {
      federation.resetCalls();
      const answer = await postJson(federation.gatewayUrl, { query }, viewer);
      expect(answer.status).toBe(400);
      expect(answer.body.data).toBeUndefined();
      // Linju's words (where the schema is published), not Apollo's advice of a setting Linju does not expose.
      expect(answer.body.errors?.[0]?.extensions?.['code']).toBe('INTROSPECTION_DISABLED');
      expect(answer.body.errors?.[0]?.message).toMatch(/^生产环境不提供接口结构查询.* \/ Introspection is off in production .*schema\/supergraph\.graphql/);
      expect(answer.text).not.toMatch(/ApolloServer|introspection: true/);
      expect(federation.subgraphCalls).toEqual([]);
    }
  });

  test('a misspelt field is refused without a "Did you mean" suggestion', async () => {
    const answer = await postJson(federation.gatewayUrl, { query: '{ allianc(first: 1) { totalCount } }' }, viewer);
    expect(answer.status).toBe(400);
    expect(answer.body.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(answer.body.errors?.[0]?.message).toMatch(/Cannot query field "allianc"/);
    expect(answer.text).not.toMatch(/Did you mean/);
  });

  test('a misspelt input field in the variables gets no suggestion either', async () => {
    const query = 'query ($f: RecordFilter) { alliances(filter: $f) { totalCount } }';
    const answer = await postJson(federation.gatewayUrl, { query, variables: { f: { kindz: ['x'] } } }, viewer);
    expect(answer.body.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(answer.body.errors?.[0]?.message).toMatch(/kindz/);
    expect(answer.text).not.toMatch(/Did you mean/);
  });

  test('a database failure in a subgraph reaches the client as an internal error in both languages, naming the subgraph and its owner, with no stack trace or SQL', async () => {
    // A real Prisma error: the joint store loses the table the alliances are read from.
    const joint = federation.subgraphs['joint']!;
    await joint.pool.query('ALTER TABLE alliance RENAME TO alliance_away');
    try {
      const answer = await postJson(federation.gatewayUrl, { query: '{ alliances(first: 2) { totalCount edges { node { name } } } }' }, viewer);
      expect(answer.body.errors?.length).toBeGreaterThan(0);
      for (const error of answer.body.errors!) {
        expect(error.message).toBe('服务器内部错误，请稍后再试；如仍不行，请联系管理员 / Internal server error');
        // Whose it was, by name only (docs/api.md: every error about a subgraph carries subgraph and jurisdiction; a masked one only these, not Apollo's serviceName).
        expect(error.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', subgraph: 'joint', jurisdiction: '遂潼联合办公室' });
      }
      expect(answer.text).not.toMatch(INSIDES);
      expect(answer.text).not.toMatch(/alliance_away|alliance"/);
    } finally {
      await joint.pool.query('ALTER TABLE alliance_away RENAME TO alliance');
    }
    const again = await postJson(federation.gatewayUrl, { query: '{ alliances(first: 1) { totalCount } }' }, viewer);
    expect(again.body.errors).toBeUndefined();
  });

  test("clients' own errors keep their code and message, without server details", async () => {
    const answer = await postJson(federation.gatewayUrl, { query: '{ sichuan { activities(first: 0) { totalCount } } }' }, viewer);
    expect(answer.body.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(answer.body.errors?.[0]?.message).toMatch(/first/);
    expect(answer.text).not.toMatch(INSIDES);
    const limited = await postJson(federation.gatewayUrl, { query: '{ alliances(first: 1000) { totalCount } }' }, viewer);
    expect(limited.status).toBe(400);
    expect(limited.body.errors?.[0]?.extensions?.['code']).toBe('LIST_TOO_LARGE');
  });

  test('a body that is not JSON gets a JSON error, not an HTML page with a stack', async () => {
    const response = await fetch(federation.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...viewer }, body: '{"query": ' });
    const text = await response.text();
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(text).not.toMatch(INSIDES);
  });
});

describe('production mode at the gateway, over a subgraph that leaks', () => {
  // Stands in for a subgraph that is not in production mode (or not Linju's): it answers raw
  // internal errors with stack traces, exceptions and a Prisma message.
  let leaky: Server;
  let production: RunningGateway;
  let development: RunningGateway;
  const logged: string[] = [];
  beforeAll(async () => {
    leaky = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        response.setHeader('content-type', 'application/json');
        response.end(
          JSON.stringify({
            data: { alpha: null },
            errors: [
              {
                message: 'Invalid `prisma.$queryRaw()` invocation: relation "alliance" does not exist',
                path: ['alpha'],
                extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['Error: boom', '    at query (/srv/subgraph/src/db.ts:12:3)'], exception: { sql: 'SELECT 1' } },
              },
              {
                message: 'first must be between 1 and 100, got 0',
                path: ['alpha'],
                extensions: { code: 'BAD_USER_INPUT', field: 'first', stacktrace: ['Error: first', '    at checkFirst (/srv/x.ts:1:1)'], exception: { stack: 'x' } },
              },
              { message: 'TypeError: Cannot read properties of undefined (reading "id")', path: ['alpha'] },
            ],
          }),
        );
      });
    });
    await new Promise<void>((resolve) => leaky.listen(0, '127.0.0.1', resolve));
    const leakyUrl = `http://127.0.0.1:${(leaky.address() as AddressInfo).port}/graphql`;
    const supergraphSdl = await tinySupergraph();
    production = await startGateway({ supergraphSdl, subgraphUrls: { alpha: leakyUrl }, ...tinyGatewayAuth, production: true, log: (message) => logged.push(message) });
    development = await startGateway({ supergraphSdl, subgraphUrls: { alpha: leakyUrl }, ...tinyGatewayAuth });
  });
  afterAll(async () => {
    await production?.stop();
    await development?.stop();
    await new Promise((resolve) => leaky?.close(resolve));
  });

  test("masks a subgraph's internal errors and strips stack traces from the ones it keeps", async () => {
    const answer = await postJson(production.url, { query: '{ alpha }' });
    const errors = answer.body.errors!;
    expect(errors.map((error) => [error.message, error.extensions?.['code']])).toEqual([
      [INTERNAL_ERROR_MESSAGE, 'INTERNAL_SERVER_ERROR'],
      // The fixture's English refusal, led by its code's Chinese (a library's words would be).
      ['输入的值不符合接口的定义 / first must be between 1 and 100, got 0', 'BAD_USER_INPUT'],
      [INTERNAL_ERROR_MESSAGE, 'INTERNAL_SERVER_ERROR'],
    ]);
    // A masked error keeps the name of the subgraph it came from, and only that (a subgraph the contract does not know is its own owner).
    expect(errors[0]!.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', subgraph: 'alpha', jurisdiction: 'alpha' });
    expect(errors[2]!.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', subgraph: 'alpha', jurisdiction: 'alpha' });
    expect(errors[1]!.extensions?.['field']).toBe('first');
    expect(answer.text).not.toMatch(INSIDES);
    // The operator still learns what happened, from the log.
    expect(logged.join('\n')).toMatch(/prisma\.\$queryRaw/);
  });

  test('names a subgraph it cannot reach (SUBGRAPH_UNAVAILABLE), and nothing of its address or the socket error', async () => {
    const answer = await postJson(production.url, { query: '{ beta }' });
    expect(answer.body.errors?.[0]).toMatchObject({ message: expect.stringMatching(/^子图 beta 的数据暂不可用.* \/ The beta subgraph is unavailable: the gateway could not connect to its subgraph "beta"/), extensions: { code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'beta' } });
    expect(answer.text).not.toMatch(INSIDES);
    expect(answer.text).not.toMatch(/127\.0\.0\.1|:\/\//);
  });

  test('in development an internal error is masked too, and introspection and suggestions are on for the explorer', async () => {
    const answer = await postJson(development.url, { query: '{ alpha }' });
    expect(answer.body.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(JSON.stringify(answer.body)).not.toMatch(/prisma|stacktrace|node_modules/i);
    const introspection = await postJson(development.url, { query: '{ __schema { queryType { name } } }' });
    expect(introspection.body.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    const misspelt = await postJson(development.url, { query: '{ alph }' });
    expect(misspelt.body.errors?.[0]?.message).toMatch(/Did you mean "alpha"/);
  });

  test('the same introspection and misspelling, in production', async () => {
    const introspection = await postJson(production.url, { query: '{ __schema { queryType { name } } }' });
    expect(introspection.status).toBe(400);
    expect(introspection.body.errors?.[0]?.message).toMatch(/introspection/i);
    const misspelt = await postJson(production.url, { query: '{ alph }' });
    expect(misspelt.body.errors?.[0]?.message).toBe('查询不符合接口的定义 / Cannot query field "alph" on type "Query".');
  });
});

describe('production configuration: secrets from configuration only', () => {
  const supergraph = { SUPERGRAPH_PATH: fileURLToPath(new URL('../../package.json', import.meta.url)) };
  const secrets = {
    SICHUAN_GATEWAY_SECRET: 's'.repeat(40),
    CHONGQING_GATEWAY_SECRET: 'c'.repeat(40),
    JOINT_GATEWAY_SECRET: 'j'.repeat(40),
  };
  const jwks = { LINJU_JWKS_URL: 'https://id.example.gov.cn/.well-known/jwks.json', LINJU_JWT_ISSUER: 'https://id.example.gov.cn', LINJU_JWT_AUDIENCE: 'linju' };

  test.each([
    ['LINJU_ENV', 'production'],
    ['NODE_ENV', 'production'],
  ])('with %s=%s the development key is refused: a JWKS is required, naming the variable', (variable, value) => {
    expect(() => readGatewayConfig({ ...supergraph, ...secrets, [variable]: value })).toThrow(/LINJU_OIDC_ISSUER is not set.*LINJU_JWKS_FILE or LINJU_JWKS_URL/);
  });

  test.each(Object.keys(secrets))('in production a missing %s fails fast, naming it', (variable) => {
    const env: NodeJS.ProcessEnv = { ...supergraph, ...secrets, ...jwks, LINJU_ENV: 'production' };
    delete env[variable];
    expect(() => readGatewayConfig(env)).toThrow(new RegExp(`${variable} is not set`));
  });

  test('in production a JWKS over plain http is refused', () => {
    expect(() => readGatewayConfig({ ...supergraph, ...secrets, ...jwks, LINJU_JWKS_URL: 'http://id.example.gov.cn/jwks.json', LINJU_ENV: 'production' })).toThrow(/LINJU_JWKS_URL/);
  });

  test('with every secret configured, production starts', () => {
    const config = readGatewayConfig({ ...supergraph, ...secrets, ...jwks, LINJU_ENV: 'production' });
    expect(config.production).toBe(true);
    expect(config.subgraphSecrets).toEqual({ sichuan: secrets.SICHUAN_GATEWAY_SECRET, chongqing: secrets.CHONGQING_GATEWAY_SECRET, joint: secrets.JOINT_GATEWAY_SECRET });
    expect('devKeysFile' in config.tokens).toBe(false);
  });

  test('LINJU_ENV=development cannot undo NODE_ENV=production; an unknown LINJU_ENV is refused, naming it', () => {
    expect(() => readGatewayConfig({ ...supergraph, ...secrets, LINJU_ENV: 'development', NODE_ENV: 'production' })).toThrow(/LINJU_JWKS_FILE/);
    expect(readGatewayConfig({ ...supergraph, LINJU_ENV: 'development' }).production).toBe(false);
    expect(() => readGatewayConfig({ ...supergraph, LINJU_ENV: 'prod' })).toThrow(/LINJU_ENV/);
  });
});
