import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import { createServer as createTcpServer, type Server as TcpServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createLogger } from '@linju/observability';
// By path, not as a dependency: @linju/testing depends on this workspace. Node builtins and openssl only.
import { createDevCertificates } from '../../testing/src/tls/devCertificates.ts';
import { subgraphReadiness } from '../src/health/gatewayHealthRouter.ts';
import { createSubgraphConnections } from '../src/resilience/subgraphConnections.ts';
import { subgraphFailure } from '../src/resilience/subgraphFailure.ts';
import type { SubgraphClientTls } from '../src/resilience/subgraphFetcher.ts';

// A subgraph's HTTPS with mutual TLS, in this process; the whole federation's is e2e/test/hosts's.
const folder = mkdtempSync(join(tmpdir(), 'linju-gateway-tls-failures-'));
const made = createDevCertificates({ out: folder, servers: { sichuan: ['127.0.0.1'] } });
const stranger = createDevCertificates({ out: join(folder, 'stranger'), servers: {}, clients: ['gateway'] });
const read = (path: string) => readFileSync(path, 'utf8');
const ca = read(made.ca.cert);
const client = { cert: read(made.clients.gateway!.cert), key: read(made.clients.gateway!.key) };
const DAY = 24 * 60 * 60_000;
// Signed by the subgraph's own CA, expired yesterday.
const expired = createDevCertificates({ out: folder, servers: {}, clients: ['expired-gateway'], validity: { notBefore: new Date(Date.now() - 400 * DAY), notAfter: new Date(Date.now() - DAY) } }).clients['expired-gateway']!;
const strangerClient = { cert: read(stranger.clients.gateway!.cert), key: read(stranger.clients.gateway!.key) };
let server: https.Server;
let url: string;
// A TCP proxy with no server behind it (HAProxy in mode tcp, every replica down): it accepts and closes.
let proxy: TcpServer;
let proxyUrl: string;

beforeAll(async () => {
  // `/drop-first` drops a new connection's first request unanswered a moment after it came (a subgraph
  // stopped mid-request, once its session ticket has reached the client), `/drop-second` the second
  // request on a kept-alive connection at once.
  const served = new WeakMap<object, number>();
  server = https.createServer({ cert: read(made.servers.sichuan!.cert), key: read(made.servers.sichuan!.key), ca, requestCert: true, rejectUnauthorized: true }, (request, response) => {
    const count = (served.get(request.socket) ?? 0) + 1;
    served.set(request.socket, count);
    if (request.url === '/drop-first' && count === 1) return void setTimeout(() => request.socket.destroy(), 50);
    if (request.url === '/drop-second' && count === 2) return void request.socket.destroy();
    response.setHeader('content-type', 'application/json');
    response.end('{"status":"ready","database":"up"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  proxy = createTcpServer((socket) => socket.once('data', () => socket.destroy()));
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  proxyUrl = `https://127.0.0.1:${(proxy.address() as AddressInfo).port}/graphql`;
});
afterAll(async () => {
  await new Promise((resolve) => proxy.close(resolve));
  await new Promise((resolve) => server.close(resolve));
  rmSync(folder, { recursive: true, force: true });
});

/** The gateway's connections with `tls`, and the lines they log. */
function connections(tls: SubgraphClientTls) {
  const lines: { level: string; msg: string; subgraph?: string; code?: string; reason?: string }[] = [];
  const logger = createLogger('gateway', { level: 'info', destination: { write: (line: string) => void lines.push(JSON.parse(line)) } });
  return { connections: createSubgraphConnections({ tls, logger, retries: 0 }), lines };
}

describe('a TLS handshake with a subgraph that fails is said to the operator, once, and /ready says tls (docs/operations.md#health)', () => {
  test('without a client certificate: /ready says tls, the log says the subgraph requires one, once however often it fails; the client learns nothing of it', async () => {
    const { connections: without, lines } = connections({ ca });
    try {
      const request = without.connectionFor('sichuan').fetcher!;
      const failure = await request(url, { method: 'POST', body: '{}' }).catch((error: unknown) => error);
      for (let i = 0; i < 3; i++) expect(await subgraphReadiness(url, 2000, without.probe(2000), 'sichuan')).toEqual({ status: 'unavailable', reason: 'tls' });
      const warnings = lines.filter((line) => line.reason === 'tls');
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatchObject({ level: 'warn', subgraph: 'sichuan', code: expect.stringMatching(/^ERR_SSL_/) });
      expect(warnings[0]!.msg).toContain('LINJU_GATEWAY_TLS_CERT');
      const answer = subgraphFailure('sichuan', failure, 1);
      expect(answer.extensions['code']).toBe('SUBGRAPH_UNAVAILABLE');
      expect(answer.message).not.toContain('LINJU_');
      expect(answer.message).not.toContain(warnings[0]!.code!);
      // Refused in the handshake: a write sent so was never read, so it was not made.
      expect(subgraphFailure('sichuan', failure, 1, ['sichuanRecordActivity'], true).extensions['writeOutcome']).toBe('not-written');
    } finally {
      without.close();
    }
  });

  test('trusting another CA: the log says the certificate is not trusted; an answer afterwards says it works again', async () => {
    const { connections: other, lines } = connections({ ca: read(stranger.ca.cert), ...client });
    try {
      expect(await subgraphReadiness(url, 2000, other.probe(2000), 'sichuan')).toEqual({ status: 'unavailable', reason: 'tls' });
      expect(lines).toEqual([expect.objectContaining({ level: 'warn', subgraph: 'sichuan', code: 'SELF_SIGNED_CERT_IN_CHAIN', msg: expect.stringContaining('not trusted: LINJU_SUBGRAPH_CA') })]);
    } finally {
      other.close();
    }
    const { connections: right, lines: rightLines } = connections({ ca, ...client });
    try {
      expect(await subgraphReadiness(url, 2000, right.probe(2000), 'sichuan')).toEqual({ status: 'ready', database: 'up' });
      expect(rightLines).toEqual([]);
    } finally {
      right.close();
    }
  });

  test.each([
    ['another CA signed', strangerClient, undefined],
    ['has expired', { cert: read(expired.cert), key: read(expired.key) }, 'LINJU_GATEWAY_TLS_CERT expired on'],
  ])('a client certificate that %s, refused after a TLS 1.3 handshake (ECONNRESET): /ready says tls, the log says the subgraph closed the connection after the handshake, naming LINJU_GATEWAY_TLS_CERT', async (_case, certificate, own) => {
    const { connections: refused, lines } = connections({ ca, ...certificate });
    try {
      const failure = await refused.connectionFor('sichuan').fetcher!(url, { method: 'POST', body: '{}' }).catch((error: unknown) => error);
      expect(await subgraphReadiness(url, 2000, refused.probe(2000), 'sichuan')).toEqual({ status: 'unavailable', reason: 'tls' });
      expect(lines).toEqual([expect.objectContaining({ level: 'warn', subgraph: 'sichuan', reason: 'tls', code: 'ECONNRESET_IN_TLS_HANDSHAKE' })]);
      expect(lines[0]!.msg).toMatch(/closed the connection right after the TLS handshake.*refuses the gateway's client certificate \(LINJU_GATEWAY_TLS_CERT .*the subgraph's log says why/);
      if (own) expect(lines[0]!.msg).toContain(own);
      const answer = subgraphFailure('sichuan', failure, 1);
      expect(answer.message).toContain('the gateway was refused a TLS connection by its subgraph "sichuan"');
      expect(answer.message).not.toContain('LINJU_');
      expect(subgraphFailure('sichuan', failure, 1, ['sichuanRecordActivity'], true).extensions['writeOutcome']).toBe('not-written');
    } finally {
      refused.close();
    }
  });

  test('a subgraph that accepted the handshake (its session ticket came) and drops a request, one that drops a request on a kept-alive connection, and a proxy that closes mid-handshake lost the connection: not tls', async () => {
    const { connections: right, lines } = connections({ ca, ...client });
    try {
      const request = right.connectionFor('sichuan').fetcher!;
      const first = await request(url.replace('/graphql', '/drop-first'), { method: 'POST', body: '{}' }).catch((error: unknown) => error);
      expect(first).toMatchObject({ code: 'ECONNRESET' });
      expect((await request(url.replace('/graphql', '/drop-second'), { method: 'POST', body: '{}' })).status).toBe(200);
      const second = await request(url.replace('/graphql', '/drop-second'), { method: 'POST', body: '{}' }).catch((error: unknown) => error);
      expect(second).toMatchObject({ code: 'ECONNRESET' });
      expect(subgraphFailure('sichuan', second, 1).message).toContain('lost the connection to');
      // Both dropped after the subgraph accepted the connection and got the request: a write may have been made.
      for (const dropped of [first, second]) expect(subgraphFailure('sichuan', dropped, 1, ['sichuanRecordActivity'], true).extensions['writeOutcome']).toBe('unknown');
      // Closed in the middle of the handshake, with no TLS alert: no server took it.
      const unserved = await request(proxyUrl, { method: 'POST', body: '{}' }).catch((error: unknown) => error);
      expect(unserved).toMatchObject({ code: 'ECONNRESET', reachedSubgraph: false });
      expect(await subgraphReadiness(proxyUrl, 2000, right.probe(2000), 'sichuan')).toEqual({ status: 'unavailable', reason: 'unreachable' });
      expect(lines).toEqual([]);
    } finally {
      right.close();
    }
  });
});
