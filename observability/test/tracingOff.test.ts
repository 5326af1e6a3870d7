import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { context, createContextKey, ROOT_CONTEXT, trace, type Context } from '@opentelemetry/api';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger.ts';
import { observationOfResponse } from '../src/RequestObservation.ts';
import { serverObservability, type ServerObservability } from '../src/serverObservability.ts';
import { startTracing } from '../src/tracing.ts';

/**
 * With no exporter configured (the default), tracing must cost a request nothing: no context
 * manager registered in the process, no span, no context around the request, while the request ID,
 * the log line, the metrics and a caller's `traceparent` (passed on as it came) keep working.
 * A real Express server on 127.0.0.1 runs the server's observation middleware, as every Linju
 * server does; its handler stands for the resolvers.
 */

interface LogLine {
  msg: string;
  requestId?: string;
  traceId?: string;
  status?: number;
  outcome?: string;
}

const lines: LogLine[] = [];
const destination = new Writable({
  write(chunk, _encoding, callback) {
    for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line) as LogLine);
    callback();
  },
});

/** What the handler saw while answering each request, by request ID. */
const seen = new Map<string, { active: Context; hasSpan: boolean; passedOn: Record<string, string> | undefined }>();

let observability: ServerObservability;
let server: ReturnType<ReturnType<typeof express>['listen']>;
let url: string;

beforeAll(async () => {
  // As a server's entry point does: no OTEL_* variable, so tracing is off.
  const tracing = await startTracing('probe', { env: {} });
  expect(tracing.enabled).toBe(false);
  observability = serverObservability({ name: 'probe', kind: 'subgraph', logger: createLogger('probe', { level: 'info', destination }) });
  const app = express();
  // The body is read from the request's events, after the middleware has returned.
  app.post('/graphql', observability.middleware, express.json(), (request, response) => {
    const observation = observationOfResponse(response)!;
    seen.set(observation.requestId, { active: context.active(), hasSpan: trace.getSpan(context.active()) !== undefined, passedOn: observation.callerTrace?.headers });
    response.json({ data: { echo: (request.body as { query?: string }).query ?? null } });
  });
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(() => new Promise<void>((resolve) => server?.close(() => resolve())));

async function post(headers: Record<string, string>) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query: '{ echo }' }) });
  expect(response.status).toBe(200);
  await response.json();
  const requestId = response.headers.get('x-request-id')!;
  // The log line is written once the response has left.
  for (let i = 0; i < 100 && !lines.some((line) => line.requestId === requestId); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  return { requestId, line: lines.find((line) => line.msg === 'request' && line.requestId === requestId), seen: seen.get(requestId) };
}

describe('tracing off (no exporter configured)', () => {
  const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
  const traceparent = `00-${traceId}-00f067aa0ba902b7-01`;

  it('makes no tracer, runs the request in no context and with no span', async () => {
    expect(observability.tracer).toBeUndefined();
    const { seen: during } = await post({ 'x-request-id': 'off-1', traceparent });
    expect(during?.active).toBe(ROOT_CONTEXT);
    expect(during?.hasSpan).toBe(false);
  });

  it('registers no context manager in the process: context.with changes nothing', async () => {
    await post({ traceparent });
    const key = createContextKey('probe');
    expect(context.with(ROOT_CONTEXT.setValue(key, 'set'), () => context.active().getValue(key))).toBeUndefined();
  });

  it("keeps the request ID and the log line, which names a caller's trace, passed on as it came", async () => {
    const tracestate = 'vendor=a1,other=b2';
    const { requestId, line, seen: during } = await post({ 'x-request-id': 'off-2', traceparent, tracestate });
    expect(requestId).toBe('off-2');
    expect(line).toMatchObject({ requestId: 'off-2', traceId, status: 200, outcome: 'success' });
    expect(during?.passedOn).toEqual({ traceparent, tracestate });

    const untraced = await post({});
    expect(untraced.line).toBeDefined();
    expect(untraced.line?.traceId).toBeUndefined();
    expect(untraced.seen?.passedOn).toBeUndefined();
  });

  it('ignores a malformed traceparent, as the W3C propagator would', async () => {
    const malformed = [
      `ff-${traceId}-00f067aa0ba902b7-01`,
      `00-${'0'.repeat(32)}-00f067aa0ba902b7-01`,
      `00-${traceId}-${'0'.repeat(16)}-01`,
      `00-${traceId}-00f067aa0ba902b7-01-extra`,
      `00-${traceId.toUpperCase()}-00f067aa0ba902b7-01`,
      'not a traceparent',
    ];
    for (const sent of malformed) {
      const { line, seen: during } = await post({ traceparent: sent });
      expect(line?.traceId, sent).toBeUndefined();
      expect(during?.passedOn, sent).toBeUndefined();
    }
  });

  it('passes on no tracestate OpenTelemetry would drop: too long or not a list of key=value', async () => {
    for (const tracestate of [`vendor=${'a'.repeat(600)}`, 'no equals sign', 'Upper=1', 'k=v=w']) {
      const { seen: during } = await post({ traceparent, tracestate });
      expect(during?.passedOn, tracestate).toEqual({ traceparent });
    }
    const { seen: kept } = await post({ traceparent, tracestate: 'vendor=a1, other@sys=b 2' });
    expect(kept?.passedOn).toEqual({ traceparent, tracestate: 'vendor=a1, other@sys=b 2' });
  });

  it('still counts the requests in the metrics', async () => {
    const text = await observability.registry.metrics();
    const count = /^linju_subgraph_requests_total\{[^}]*outcome="success"[^}]*\} (\d+)$/m.exec(text);
    expect(Number(count?.[1])).toBeGreaterThanOrEqual(4);
  });
});
