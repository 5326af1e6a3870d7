import { Writable } from 'node:stream';
import { context, createContextKey, ROOT_CONTEXT } from '@opentelemetry/api';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startFederation, type Federation } from '@linju/testing';

/**
 * The federation as it runs by default, with no trace exporter: tracing costs the requests nothing
 * (no context manager, no span), yet a caller's `traceparent` still reaches every subgraph as it
 * came, so each server's log line names the caller's trace.
 */

const lines: { name: string; msg: string; requestId?: string; traceId?: string }[] = [];
const logs = new Writable({
  write(chunk, _encoding, callback) {
    for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line) as (typeof lines)[number]);
    callback();
  },
});

let federation: Federation;
beforeAll(async () => {
  federation = await startFederation({ logDestination: logs });
});
afterAll(async () => {
  await federation?.stop();
});

test("without an exporter, a caller's traceparent is passed on to the subgraphs, and no context manager is registered", async () => {
  const traceId = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
  const requestId = `tracing-off-${Date.now()}`;
  const response = await fetch(federation.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await federation.token('viewer')}`, 'x-request-id': requestId, traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
    // An alliance with members on both sides: every subgraph is called.
    body: JSON.stringify({
      query: `query AllianceWithMembers { alliances(filter: { kinds: ["毗邻乡镇党建联建"], search: "磨溪镇—双江镇" }, first: 1) {
        edges { node { name members { organization { __typename ... on Organization { name } } } } } } }`,
    }),
  });
  expect(((await response.json()) as { errors?: unknown }).errors).toBeUndefined();

  const ofRequest = () => lines.filter((line) => line.msg === 'request' && line.requestId === requestId);
  for (let i = 0; i < 100 && !ofRequest().some((line) => line.name === 'gateway'); i++) await new Promise((resolve) => setTimeout(resolve, 20));
  const logged = ofRequest();
  expect(new Set(logged.map((line) => line.name))).toEqual(new Set(['gateway', 'sichuan', 'chongqing', 'joint']));
  for (const line of logged) expect(line.traceId, line.name).toBe(traceId);

  // No server of the federation registered a context manager: context.with is the API's no-op.
  const key = createContextKey('probe');
  expect(context.with(ROOT_CONTEXT.setValue(key, 'set'), () => context.active().getValue(key))).toBeUndefined();
});
