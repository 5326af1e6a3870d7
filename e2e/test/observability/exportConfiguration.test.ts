import '@linju/gateway/telemetry';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { createLogger, readLogLevel, startTracing } from '@linju/observability';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startGateway } from '@linju/gateway';
import { tinyGatewayAuth, tinySupergraph } from '@linju/testing';

/**
 * Tracing is off unless configured by the standard OpenTelemetry variables, and then exports where
 * they say: here, to an OTLP receiver on 127.0.0.1 that the test runs (never anywhere else).
 */

/** A stand-in OTLP/HTTP collector on loopback: the bodies posted to it, by path. */
let receiver: Server;
let receiverUrl: string;
const received: { path: string; contentType: string | undefined; body: string }[] = [];
beforeAll(async () => {
  receiver = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      received.push({ path: request.url ?? '', contentType: request.headers['content-type'], body });
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

describe('tracing is off unless configured', () => {
  test('with no OpenTelemetry variable, nothing is recorded and no exporter exists', async () => {
    const tracing = await startTracing('gateway', { env: {}, register: false });
    expect(tracing).toMatchObject({ enabled: false, exporters: [] });
    const span = tracing.tracerProvider.getTracer('probe').startSpan('probe');
    expect(span.isRecording()).toBe(false);
    span.end();
  });

  test('OTEL_SDK_DISABLED=true or OTEL_TRACES_EXPORTER=none win over an endpoint', async () => {
    for (const off of [{ OTEL_SDK_DISABLED: 'true' }, { OTEL_TRACES_EXPORTER: 'none' }]) {
      const tracing = await startTracing('gateway', { env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiverUrl, ...off }, register: false });
      expect(tracing.enabled).toBe(false);
    }
  });

  test('a setting that cannot work fails at start-up, naming its variable', async () => {
    await expect(startTracing('gateway', { env: { OTEL_TRACES_EXPORTER: 'zipkin' }, register: false })).rejects.toThrow(/OTEL_TRACES_EXPORTER="zipkin"/);
    await expect(startTracing('gateway', { env: { OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' }, register: false })).rejects.toThrow(/OTEL_EXPORTER_OTLP_ENDPOINT/);
    await expect(startTracing('gateway', { env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiverUrl, OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' }, register: false })).rejects.toThrow(
      /OTEL_EXPORTER_OTLP_PROTOCOL="grpc"/,
    );
    // Even with no endpoint yet (tracing off): the day one is added, the process would not send what the setting says.
    await expect(startTracing('gateway', { env: { OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/protobuf' }, register: false })).rejects.toThrow(/OTEL_EXPORTER_OTLP_TRACES_PROTOCOL="http\/protobuf"/);
    // Switched off, nothing of it is read: a host-wide setting meant for other services stops nothing.
    for (const off of [{ OTEL_SDK_DISABLED: 'true' }, { OTEL_TRACES_EXPORTER: 'none' }]) {
      expect(await startTracing('gateway', { env: { ...off, OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' }, register: false })).toMatchObject({ enabled: false });
    }
  });

  test('the OTLP endpoint follows the specification: the traces endpoint as given, else the base endpoint + /v1/traces', async () => {
    const base = await startTracing('gateway', { env: { OTEL_EXPORTER_OTLP_ENDPOINT: `${receiverUrl}/` }, register: false });
    expect(base).toMatchObject({ enabled: true, exporters: ['otlp'], otlpEndpoint: `${receiverUrl}/v1/traces` });
    const traces = await startTracing('gateway', { env: { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${receiverUrl}/custom` }, register: false });
    expect(traces.otlpEndpoint).toBe(`${receiverUrl}/custom`);
    await Promise.all([base.shutdown(), traces.shutdown()]);
  });
});

describe('exported when configured', () => {
  test("the gateway's spans go to the configured OTLP endpoint, a failed subgraph fetch marked as an error", async () => {
    received.length = 0;
    const tracing = await startTracing('gateway', { env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiverUrl, OTEL_SERVICE_NAME: 'linju-gateway-under-test' }, register: false });
    const lines: Record<string, unknown>[] = [];
    const destination = new Writable({
      write(chunk, _encoding, callback) {
        lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
        callback();
      },
    });
    // The tiny supergraph's subgraphs point at a closed port: every fetch fails.
    const gateway = await startGateway({
      supergraphSdl: await tinySupergraph(),
      subgraphUrls: {},
      ...tinyGatewayAuth,
      tracerProvider: tracing.tracerProvider,
      logger: createLogger('gateway', { level: 'info', destination }),
    });
    try {
      const response = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': 'export-test-1' },
        body: JSON.stringify({ query: 'query Alpha { alpha }' }),
      });
      expect(response.headers.get('x-request-id')).toBe('export-test-1');
      const answer = (await response.json()) as { errors?: unknown[] };
      expect(answer.errors?.length).toBeGreaterThan(0);

      // The fetch's failure is counted against its subgraph, by code.
      const metrics = await (await fetch(gateway.url.replace(/\/graphql$/, '/metrics'))).text();
      expect(metrics).toMatch(/linju_gateway_subgraph_errors_total\{subgraph="alpha",code="[A-Z_]+"\} 1/);
      expect(metrics).toMatch(/linju_gateway_subgraph_requests_total\{subgraph="alpha",operation_type="query",outcome="error"\} 1/);
    } finally {
      await gateway.stop();
    }
    // Shutting tracing down flushes the batch to the receiver.
    await tracing.shutdown();
    const exports = received.filter(({ path }) => path === '/v1/traces');
    expect(exports.length).toBeGreaterThan(0);
    expect(exports[0]!.contentType).toContain('application/json');
    const payload = exports.map(({ body }) => body).join('\n');
    expect(payload).toContain('linju-gateway-under-test');
    expect(payload).toContain('"POST /graphql"');
    expect(payload).toContain('"subgraph alpha"');
    expect(payload).toContain('export-test-1');

    const line = lines.find((l) => l['msg'] === 'request' && l['requestId'] === 'export-test-1');
    expect(line).toMatchObject({ name: 'gateway', operationName: 'Alpha', status: 200, subgraphs: ['alpha'] });
    // The answer is `{ alpha: null }` with the subgraph's error: no data, so an error, not a partial answer.
    expect(line!['outcome']).toBe('error');
    expect((line!['errorCodes'] as string[]).length).toBe(1);
    expect(typeof line!['traceId']).toBe('string');
  });
});

describe('logs', () => {
  test('LOG_LEVEL is checked: a typo fails, naming the variable; unset means info', () => {
    expect(readLogLevel({})).toBe('info');
    expect(readLogLevel({ LOG_LEVEL: 'DEBUG' })).toBe('debug');
    expect(() => readLogLevel({ LOG_LEVEL: 'verbose' })).toThrow(/LOG_LEVEL="verbose"/);
  });

  test('one JSON object per line, with the level as a word, an ISO time and the server name; credentials redacted', () => {
    const written: string[] = [];
    const logger = createLogger('sichuan', { level: 'info', destination: { write: (line: string) => void written.push(line) } });
    logger.info({ requestId: 'r-1', authorization: 'Bearer secret-token', variables: { phone: '13800138000' } }, 'request');
    logger.debug('not at info');
    expect(written).toHaveLength(1);
    const line = JSON.parse(written[0]!) as Record<string, unknown>;
    expect(line).toMatchObject({ level: 'info', name: 'sichuan', msg: 'request', requestId: 'r-1', authorization: '[redacted]', variables: '[redacted]' });
    expect(new Date(line['time'] as string).toISOString()).toBe(line['time']);
    expect(written[0]).not.toContain('secret-token');
    expect(written[0]).not.toContain('13800138000');
  });
});
