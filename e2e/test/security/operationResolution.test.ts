import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startFederation, type Federation } from '@linju/testing';

/**
 * A document the gateway cannot pick one operation from, or an operation it does not run (a
 * subscription), is the client's error: HTTP 400 with `extensions.code`
 * OPERATION_RESOLUTION_FAILURE, in development and production alike; never a 500, never
 * INVALID_GRAPHQL or INTERNAL_SERVER_ERROR, and no subgraph is called.
 */

const CASES: [string, { query: string; operationName?: string }][] = [
  ['two operations and no operationName', { query: 'query A { jurisdictions { key } } query B { jurisdictions { code } }' }],
  ['an operationName naming no operation', { query: 'query A { jurisdictions { key } }', operationName: 'Nope' }],
  ['an operationName naming no operation of several', { query: 'query A { jurisdictions { key } } query B { jurisdictions { code } }', operationName: 'C' }],
  ['an operationName with an anonymous operation', { query: '{ jurisdictions { key } }', operationName: 'A' }],
  ['a subscription', { query: 'subscription S { jurisdictions { key } }' }],
  ['a subscription chosen by name', { query: 'query A { jurisdictions { key } } subscription S { jurisdictions { key } }', operationName: 'S' }],
];

describe.each([
  ['development', false],
  ['production', true],
])('in %s mode', (_mode, production) => {
  let federation: Federation;
  beforeAll(async () => {
    federation = await startFederation({ production });
  });
  afterAll(() => federation?.stop());

  test.each(CASES)('%s: HTTP 400 OPERATION_RESOLUTION_FAILURE, no subgraph called', async (_what, body) => {
    federation.resetCalls();
    const response = await fetch(federation.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const json = (await response.json()) as { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] };
    expect({ status: response.status, code: json.errors?.[0]?.extensions?.code }, JSON.stringify(json)).toEqual({ status: 400, code: 'OPERATION_RESOLUTION_FAILURE' });
    expect(json.data ?? null).toBeNull();
    expect(json.errors![0]!.message).not.toMatch(/internal/i);
    expect(json.errors![0]!.extensions).not.toHaveProperty('stacktrace');
    expect(federation.subgraphCalls).toEqual([]);
  });

  test('an operationName naming none is quoted short and with its hidden characters shown, never echoed whole', async () => {
    const operationName = `X\u202E${'长'.repeat(5000)}`;
    const response = await fetch(federation.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: 'query A { jurisdictions { key } }', operationName }) });
    const { message } = ((await response.json()) as { errors: { message: string }[] }).errors[0]!;
    expect(response.status).toBe(400);
    expect(message).not.toContain('\u202E');
    expect(message).toContain('\\u202E');
    expect(message.length).toBeLessThan(300);
  });

  test('a document with several operations and a name that picks one is answered', async () => {
    const response = await fetch(federation.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'query A { jurisdictions { key } } query B { jurisdictions { code } }', operationName: 'B' }),
    });
    expect(response.status).toBe(200);
    const json = (await response.json()) as { data: { jurisdictions: { code: string }[] } };
    expect(json.data.jurisdictions.length).toBeGreaterThan(1);
  });
});
