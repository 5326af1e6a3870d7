import { afterAll, beforeAll, expect, test } from 'vitest';
import { parse } from 'graphql';
import { CALLER_HEADER, operationDigest, signCaller, type Caller } from '@linju/access';
import { startSubgraphServer, type SubgraphServer } from '../src/server/startSubgraphServer.ts';

/**
 * The one-write rule holds at a subgraph too (the contract's, as at the gateway): a mutation of
 * several root fields reaching it with a valid statement of the gateway's (a caller who holds the
 * secret, or a gateway with its rule left out) is refused whole, TOO_MANY_WRITES, and no resolver
 * runs; a field `@skip` or `@include` leaves out with the variables sent is no write.
 */
const SECRET = 'one-write-at-the-subgraph-test-secret-0123456789';
const CALLER: Caller = { subject: 'qa-joint', role: 'joint-operator' };
const made: string[] = [];
let server: SubgraphServer;

beforeAll(async () => {
  server = await startSubgraphServer<{ caller: Caller }>({
    name: 'joint',
    typeDefs: parse('type Query { ping: Int } type Mutation { write(x: Int!): Int }'),
    resolvers: { Query: { ping: () => 1 }, Mutation: { write: (_: unknown, { x }: { x: number }) => (made.push(String(x)), x) } },
    context: (caller) => ({ caller }),
    gatewaySecret: SECRET,
    port: 0,
    host: '127.0.0.1',
  });
});
afterAll(() => server?.stop());

/** POSTs `query` with a statement signed with the subgraph's secret, as the gateway would. */
async function post(query: string, variables?: Record<string, unknown>) {
  const statement = await signCaller(CALLER, { secret: SECRET, audience: 'joint', digest: operationDigest(query, variables, undefined) });
  const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', [CALLER_HEADER]: statement }, body: JSON.stringify({ query, variables }) });
  return { status: response.status, body: (await response.json()) as { data?: Record<string, unknown> | null; errors?: { message: string; extensions: Record<string, unknown> }[] } };
}

test('two writes in one mutation are refused whole, HTTP 400 TOO_MANY_WRITES, and neither is made', async () => {
  made.length = 0;
  const { status, body } = await post('mutation { a: write(x: 1) b: write(x: 2) }');
  expect(status).toBe(400);
  expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'TOO_MANY_WRITES', limit: 1, value: 2 });
  expect(body.errors?.[0]?.message).toMatch(/^每次请求只能做一项写入（一个写入字段），本次有 2 项，请分开发送；未作任何更改。/);
  expect(made).toEqual([]);
});

test('a write skipped or not included by the variables sent is no write: the one left is made', async () => {
  made.length = 0;
  const query = 'mutation ($a: Boolean!) { a: write(x: 1) @include(if: $a) b: write(x: 2) @skip(if: true) }';
  const { status, body } = await post(query, { a: true });
  expect(status).toBe(200);
  expect(body).toEqual({ data: { a: 1 } });
  expect(made).toEqual(['1']);
  // Both included: two writes, refused.
  const both = await post('mutation ($a: Boolean!) { a: write(x: 1) @include(if: $a) b: write(x: 2) @skip(if: false) }', { a: true });
  expect(both.body.errors?.[0]?.extensions).toMatchObject({ code: 'TOO_MANY_WRITES', value: 2 });
  expect(made).toEqual(['1']);
});
