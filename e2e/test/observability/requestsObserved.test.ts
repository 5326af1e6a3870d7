import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { isIP, type Socket } from 'node:net';
import { Writable } from 'node:stream';
import { trace } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan } from '@linju/observability';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startFederation, type Federation } from '@linju/testing';

/**
 * Logs, traces and metrics through the real federation: the gateway and the three subgraphs write
 * their JSON lines to one collector and their spans to one in-memory exporter, as each would to its
 * own standard output and OTLP endpoint.
 */

interface LogLine {
  level: string;
  name: string;
  msg: string;
  requestId?: string;
  traceId?: string;
  [field: string]: unknown;
}

const lines: LogLine[] = [];
const logs = new Writable({
  write(chunk, _encoding, callback) {
    for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line) as LogLine);
    callback();
  },
});
const spans = new InMemorySpanExporter();

// Every connection this process opens while the file runs: each must stay on this machine.
const remotes: string[] = [];
const onSocket = (message: unknown) => {
  const socket = (message as { socket: Socket }).socket;
  socket.once('connect', () => remotes.push(socket.remoteAddress ?? `(pipe ${String((socket as { _pipeName?: string })._pipeName ?? '')})`));
  socket.once('lookup', (_error: unknown, address: string) => remotes.push(address));
};

let federation: Federation;
let viewerToken: string;
beforeAll(async () => {
  subscribe('net.client.socket', onSocket);
  federation = await startFederation({ logDestination: logs, spanExporter: spans });
  viewerToken = await federation.token('viewer');
});
afterAll(async () => {
  await federation?.stop();
  unsubscribe('net.client.socket', onSocket);
});

const ALLIANCE_WITH_MEMBERS = `query AllianceWithMembers($search: String) {
  alliances(filter: { kinds: ["毗邻乡镇党建联建"], search: $search }, first: 1) {
    edges { node { name members { organization { __typename ... on Organization { name } } } } }
  }
}`;
const SEARCH = '磨溪镇—双江镇';

/** POSTs an operation with extra headers; the gateway's answer and its headers. */
async function post(query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}, token: string | null = viewerToken) {
  const response = await fetch(federation.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }), ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { headers: response.headers, status: response.status, body: (await response.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] } };
}

/** Waits until `find` returns something: a server logs and ends its span once its response is sent. */
async function eventually<T>(find: () => T | undefined, what: string): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const found = find();
    if (found !== undefined && (!Array.isArray(found) || found.length > 0)) return found;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

const requestLines = (requestId: string) => lines.filter((line) => line.msg === 'request' && line.requestId === requestId);
const SUBGRAPHS = ['sichuan', 'chongqing', 'joint'];

describe('the request ID', () => {
  test("a client's request ID comes back in the response header and is in the gateway's and every called subgraph's log line", async () => {
    const requestId = `client-${Date.now()}-a1`;
    const { headers, body } = await post(ALLIANCE_WITH_MEMBERS, { search: SEARCH }, { 'x-request-id': requestId });
    expect(body.errors).toBeUndefined();
    expect(headers.get('x-request-id')).toBe(requestId);

    const gatewayLine = await eventually(() => requestLines(requestId).find((line) => line.name === 'gateway'), 'the gateway line');
    expect(gatewayLine).toMatchObject({
      level: 'info',
      method: 'POST',
      status: 200,
      operationName: 'AllianceWithMembers',
      operationType: 'query',
      role: 'viewer',
      outcome: 'success',
      errorCodes: [],
    });
    expect(typeof gatewayLine.durationMs).toBe('number');
    expect(new Set(gatewayLine['subgraphs'] as string[])).toEqual(new Set(SUBGRAPHS));

    // Each subgraph logs the ID the gateway passed on, with the caller's role and the planned operation.
    const subgraphLines = requestLines(requestId).filter((line) => line.name !== 'gateway');
    expect(new Set(subgraphLines.map((line) => line.name))).toEqual(new Set(SUBGRAPHS));
    for (const line of subgraphLines) {
      expect(line).toMatchObject({ status: 200, operationType: 'query', role: 'viewer', outcome: 'success' });
      expect(line['operationName']).toMatch(new RegExp(`^AllianceWithMembers__${line.name}__\\d+$`));
    }

    // Never the token, the query's text or a variable's value.
    const written = JSON.stringify(requestLines(requestId));
    expect(written).not.toContain(viewerToken);
    expect(written).not.toContain(SEARCH);
    expect(written).not.toContain('毗邻乡镇党建联建');
  });

  test('without a request ID, or with one that is not a sane token, the gateway makes one, returns it and passes it on', async () => {
    for (const sent of [undefined, 'two words', 'x'.repeat(200), 'a,b']) {
      const { headers } = await post(ALLIANCE_WITH_MEMBERS, { search: SEARCH }, sent === undefined ? {} : { 'x-request-id': sent });
      const requestId = headers.get('x-request-id')!;
      expect(requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      const logged = await eventually(() => (requestLines(requestId).some((line) => line.name === 'gateway') ? requestLines(requestId) : undefined), 'the lines');
      expect(new Set(logged.map((line) => line.name))).toEqual(new Set(['gateway', ...SUBGRAPHS]));
      if (sent) expect(JSON.stringify(lines)).not.toContain(sent);
    }
  });

  test('a refused request is logged too: its code, and no role', async () => {
    const requestId = `refused-${Date.now()}`;
    const { status } = await post(ALLIANCE_WITH_MEMBERS, {}, { 'x-request-id': requestId, authorization: 'Bearer not-a-token' }, null);
    expect(status).toBe(401);
    const line = await eventually(() => requestLines(requestId).find((l) => l.name === 'gateway'), 'the gateway line');
    expect(line).toMatchObject({ status: 401, outcome: 'error', errorCodes: ['UNAUTHENTICATED'], role: null });
    expect(JSON.stringify(line)).not.toContain('not-a-token');
  });
});

describe('traces', () => {
  const hex = (length: number) => Array.from({ length }, () => '0123456789abcdef'[Math.floor(Math.random() * 16)]).join('');

  test("a client's traceparent continues into the gateway's spans, each subgraph fetch and each subgraph's request and SQL statements", async () => {
    const traceId = hex(32);
    const clientSpanId = hex(16);
    spans.reset();
    const { body } = await post(ALLIANCE_WITH_MEMBERS, { search: SEARCH }, { traceparent: `00-${traceId}-${clientSpanId}-01` });
    expect(body.errors).toBeUndefined();

    const server = (service: string) => (span: ReadableSpan) => span.resource.attributes['service.name'] === `linju-${service}`;
    const ofTrace = () => spans.getFinishedSpans().filter((span) => span.spanContext().traceId === traceId);
    // The gateway's request span ends last, once its answer is sent.
    await eventually(() => ofTrace().find((span) => server('gateway')(span) && span.name === 'POST /graphql'), 'the gateway span');
    const all = ofTrace();

    const gatewayRequest = all.find((span) => server('gateway')(span) && span.name === 'POST /graphql')!;
    expect(gatewayRequest.parentSpanContext?.spanId).toBe(clientSpanId);
    expect(gatewayRequest.attributes).toMatchObject({ 'graphql.operation.name': 'AllianceWithMembers', 'graphql.operation.type': 'query', 'linju.caller.role': 'viewer', 'linju.outcome': 'success' });

    const fetches = all.filter((span) => server('gateway')(span) && span.name.startsWith('subgraph '));
    expect(new Set(fetches.map((span) => span.attributes['linju.subgraph']))).toEqual(new Set(SUBGRAPHS));
    for (const fetch of fetches) expect(fetch.parentSpanContext?.spanId).toBe(gatewayRequest.spanContext().spanId);

    for (const name of SUBGRAPHS) {
      const requests = all.filter((span) => server(name)(span) && span.name === 'POST /graphql');
      expect(requests.length).toBeGreaterThan(0);
      for (const request of requests) {
        // Child of the gateway's fetch from this very subgraph.
        const parent = fetches.find((fetch) => fetch.spanContext().spanId === request.parentSpanContext?.spanId);
        expect(parent?.attributes['linju.subgraph']).toBe(name);
        expect(request.attributes['linju.server']).toBe(name);
      }
      // Its SQL statements, children of its request span, with the operation and table only.
      const statements = all.filter((span) => server(name)(span) && requests.some((request) => span.parentSpanContext?.spanId === request.spanContext().spanId));
      expect(statements.length).toBeGreaterThan(0);
      for (const statement of statements) {
        expect(statement.attributes['db.system.name']).toBe('postgresql');
        expect(Object.keys(statement.attributes).sort()).toEqual(expect.arrayContaining(['db.operation.name']));
        expect(JSON.stringify(statement.attributes)).not.toContain(SEARCH);
      }
    }

    // The log lines name the trace, so a line leads to its spans.
    const gatewayLine = await eventually(() => lines.find((line) => line.name === 'gateway' && line.traceId === traceId), 'the gateway line');
    expect(gatewayLine.requestId).toBe(gatewayRequest.attributes['linju.request_id']);
  });

  test('without a traceparent, a request starts its own trace, shared by the gateway and the subgraphs', async () => {
    spans.reset();
    const { headers } = await post(ALLIANCE_WITH_MEMBERS, { search: SEARCH });
    const requestId = headers.get('x-request-id')!;
    const gatewayRequest = await eventually(
      () => spans.getFinishedSpans().find((span) => span.name === 'POST /graphql' && span.attributes['linju.request_id'] === requestId && span.resource.attributes['service.name'] === 'linju-gateway'),
      'the gateway span',
    );
    expect(gatewayRequest.parentSpanContext).toBeUndefined();
    const subgraphRequests = spans
      .getFinishedSpans()
      .filter((span) => span.name === 'POST /graphql' && span.attributes['linju.request_id'] === requestId && span.resource.attributes['service.name'] !== 'linju-gateway');
    expect(subgraphRequests.length).toBeGreaterThanOrEqual(SUBGRAPHS.length);
    for (const span of subgraphRequests) expect(span.spanContext().traceId).toBe(gatewayRequest.spanContext().traceId);
  });
});

describe('metrics', () => {
  async function scrape(url: string): Promise<string> {
    const response = await fetch(url.replace(/\/graphql$/, '/metrics'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    return response.text();
  }

  /** The sum of the series of a metric whose labels include `labels` (0 when there are none). */
  function value(text: string, name: string, labels: Record<string, string> = {}): number {
    let sum = 0;
    for (const line of text.split('\n')) {
      const match = /^(\w+)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!match || match[1] !== name) continue;
      const found = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map(([, key, v]) => [key!, v!]));
      if (Object.entries(labels).every(([key, v]) => found[key] === v)) sum += Number(match[3]);
    }
    return sum;
  }

  test('/metrics counts requests per subgraph at the gateway, and errors by code after a failing one', async () => {
    const before = await scrape(federation.gatewayUrl);
    const fetched = (subgraph: string, outcome?: string) => ['linju_gateway_subgraph_requests_total', { subgraph, operation_type: 'query', ...(outcome && { outcome }) }] as const;
    const requests = ['linju_gateway_requests_total', { operation_type: 'query', outcome: 'success' }] as const;
    const forbidden = ['linju_gateway_subgraph_errors_total', { subgraph: 'sichuan', code: 'FORBIDDEN' }] as const;
    const refusals = ['linju_gateway_request_errors_total', { code: 'FORBIDDEN' }] as const;

    await post(ALLIANCE_WITH_MEMBERS, { search: SEARCH });
    const afterQuery = await scrape(federation.gatewayUrl);
    for (const subgraph of SUBGRAPHS) expect(value(afterQuery, ...fetched(subgraph, 'success'))).toBeGreaterThan(value(before, ...fetched(subgraph, 'success')));
    expect(value(afterQuery, ...requests)).toBe(value(before, ...requests) + 1);
    expect(value(afterQuery, 'linju_gateway_subgraph_request_duration_seconds_count', { subgraph: 'joint' })).toBeGreaterThan(0);
    expect(value(afterQuery, 'linju_gateway_request_duration_seconds_bucket', { le: '+Inf' })).toBeGreaterThan(0);

    // Anonymous callers may not list people: Sichuan's subgraph refuses with FORBIDDEN.
    const { body } = await post('query People { sichuan { people(first: 1) { totalCount } } }', {}, {}, null);
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const afterFailure = await scrape(federation.gatewayUrl);
    expect(value(afterFailure, ...forbidden)).toBe(value(afterQuery, ...forbidden) + 1);
    expect(value(afterFailure, ...fetched('sichuan', 'error'))).toBe(value(afterQuery, ...fetched('sichuan', 'error')) + 1);
    expect(value(afterFailure, ...refusals)).toBe(value(afterQuery, ...refusals) + 1);
    expect(value(afterFailure, 'linju_gateway_requests_total', { outcome: 'error' })).toBe(value(afterQuery, 'linju_gateway_requests_total', { outcome: 'error' }) + 1);

    // Process metrics, and nothing about the requests themselves: no operation, no ID, no text.
    expect(value(afterFailure, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(value(afterFailure, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
    for (const secret of ['AllianceWithMembers', 'People', SEARCH, 'sichuan:', 'joint:', viewerToken]) expect(afterFailure).not.toContain(secret);
  });

  test("each subgraph's /metrics counts the requests it answered and its SQL statements, labelled with its name", async () => {
    for (const name of SUBGRAPHS) {
      const text = await scrape(federation.subgraphs[name]!.url);
      expect(value(text, 'linju_subgraph_requests_total', { subgraph: name, operation_type: 'query', outcome: 'success' })).toBeGreaterThan(0);
      expect(value(text, 'linju_subgraph_db_statement_duration_seconds_count', { subgraph: name, operation: 'SELECT' })).toBeGreaterThan(0);
      expect(value(text, 'process_resident_memory_bytes', { subgraph: name })).toBeGreaterThan(0);
    }
    const sichuan = await scrape(federation.subgraphs.sichuan!.url);
    expect(value(sichuan, 'linju_subgraph_request_errors_total', { subgraph: 'sichuan', code: 'FORBIDDEN' })).toBeGreaterThan(0);
  });

  test('/metrics needs no token, and the explorer and the API stay where they were', async () => {
    const response = await fetch(federation.gatewayUrl.replace(/\/graphql$/, '/metrics'), { headers: {} });
    expect(response.status).toBe(200);
    expect((await fetch(federation.gatewayUrl.replace(/\/graphql$/, '/'))).status).toBe(200);
  });
});

describe('nothing leaves the machine', () => {
  test('no tracer provider is registered without configuration, and every connection made while serving stayed on loopback', () => {
    // The servers' spans went to the test's in-memory exporter only; the process has no exporter.
    const probe = trace.getTracerProvider().getTracer('probe').startSpan('probe');
    expect(probe.isRecording()).toBe(false);
    probe.end();
    expect(remotes.length).toBeGreaterThan(0);
    const elsewhere = remotes.filter((address) => isIP(address) !== 0 && address !== '127.0.0.1' && address !== '::1' && address !== '::ffff:127.0.0.1');
    expect(elsewhere).toEqual([]);
  });
});
