import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, request, type RequestOptions, type Server } from 'node:https';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { createLogger } from '@linju/observability';
// By path, not as a dependency: @linju/testing depends on this workspace. Node builtins and openssl only.
import { createDevCertificates } from '../../testing/src/tls/devCertificates.ts';
import { logTlsClientRefusals, TLS_REFUSAL_QUIET_MS } from '../src/server/tlsClientRefusals.ts';

/**
 * A subgraph's HTTPS server under mutual TLS, as startSubgraphServer makes it, tells its log whom it
 * refused and why: clients of every kind connect over loopback, and the lines are read back.
 */
const folder = mkdtempSync(join(tmpdir(), 'linju-tls-refusals-'));
const ours = createDevCertificates({ out: join(folder, 'ours'), servers: { sichuan: ['127.0.0.1'] }, clients: ['gateway'] });
const stranger = createDevCertificates({ out: join(folder, 'stranger'), servers: {}, clients: ['gateway'] });
const file = (path: string) => readFileSync(path, 'utf8');

let server: Server;
let port = 0;
let clock = 0;
const lines: { msg: string; code?: string; client?: string; level: string }[] = [];

beforeAll(async () => {
  const destination = { write: (line: string) => void lines.push(JSON.parse(line)) };
  const logger = createLogger('sichuan', { level: 'warn', destination });
  server = createServer(
    { cert: file(ours.servers.sichuan!.cert), key: file(ours.servers.sichuan!.key), ca: file(ours.ca.cert), requestCert: true, rejectUnauthorized: true, minVersion: 'TLSv1.2' },
    (_request, response) => response.end('ok'),
  );
  logTlsClientRefusals(server, logger, () => clock);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(folder, { recursive: true, force: true });
});
beforeEach(() => {
  lines.length = 0;
  clock += 2 * TLS_REFUSAL_QUIET_MS;
});

/** A GET over HTTPS trusting our CA, with `options` (a client certificate, TLS versions); resolves with the status or the client's error code. */
function get(options: RequestOptions): Promise<number | string> {
  return new Promise((resolve) => {
    const sent = request({ host: '127.0.0.1', port, path: '/', ca: file(ours.ca.cert), agent: false, ...options }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode!));
    });
    sent.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
    sent.end();
  });
}

/** Waits until the server holds no connection: each refusal it logs, it has logged (its events come after the client's). */
async function settled(): Promise<void> {
  for (;;) {
    const open = await new Promise<number>((resolve, reject) => server.getConnections((error, count) => (error ? reject(error) : resolve(count))));
    if (open === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('a subgraph logs the TLS clients it refuses (docs/separate-hosts.md)', () => {
  test('no client certificate: one warning naming the address and the gateway variables to set', async () => {
    expect(await get({})).not.toBe(200);
    await settled();
    expect(lines).toEqual([expect.objectContaining({ level: 'warn', code: 'ERR_SSL_PEER_DID_NOT_RETURN_A_CERTIFICATE', client: '127.0.0.1' })]);
    expect(lines[0]!.msg).toBe(
      "Refused a TLS client at 127.0.0.1: it presented no client certificate, which LINJU_TLS_CLIENT_CA requires: set the gateway's LINJU_GATEWAY_TLS_CERT and LINJU_GATEWAY_TLS_KEY",
    );
  });

  test('a client certificate of another CA: named as not signed by LINJU_TLS_CLIENT_CA', async () => {
    expect(await get({ cert: file(stranger.clients.gateway!.cert), key: file(stranger.clients.gateway!.key) })).not.toBe(200);
    await settled();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', client: '127.0.0.1' });
    expect(lines[0]!.msg).toContain("its client certificate is not one this subgraph's LINJU_TLS_CLIENT_CA signed");
  });

  test('plain HTTP on the HTTPS port, and a TLS version below 1.2: each said in words', async () => {
    await new Promise<void>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => socket.write('POST /graphql HTTP/1.1\r\nHost: sichuan\r\n\r\n'));
      socket.on('data', () => undefined);
      socket.on('close', () => resolve());
      socket.on('error', () => undefined);
    });
    expect(await get({ minVersion: 'TLSv1', maxVersion: 'TLSv1.1' })).not.toBe(200);
    await settled();
    expect(lines.map((line) => line.code)).toEqual(['ERR_SSL_HTTP_REQUEST', 'ERR_SSL_UNSUPPORTED_PROTOCOL']);
    expect(lines[0]!.msg).toContain('plain HTTP to this HTTPS port: its URL of this subgraph must begin with https://');
    expect(lines[1]!.msg).toContain('TLS 1.2 or later');
  });

  test('the gateway with its certificate, and a TCP probe that connects and leaves: nothing logged', async () => {
    expect(await get({ cert: file(ours.clients.gateway!.cert), key: file(ours.clients.gateway!.key) })).toBe(200);
    await new Promise<void>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => socket.end());
      socket.on('close', () => resolve());
    });
    await settled();
    expect(lines).toEqual([]);
  });

  test('the same refusal again is said once per quiet time, then with how many were not said', async () => {
    for (let i = 0; i < 3; i++) await get({});
    await settled();
    expect(lines).toHaveLength(1);
    clock += TLS_REFUSAL_QUIET_MS;
    await get({});
    await settled();
    expect(lines).toHaveLength(2);
    expect(lines[1]!.msg).toMatch(/ \(2 more refused the same way since the last line\)$/);
  });

  test("a client that refuses this subgraph's certificate (expired; another CA's) is said as that, not as a refused client", async () => {
    const day = 24 * 60 * 60_000;
    const old = createDevCertificates({ out: join(folder, 'ours'), servers: { 'expired-sichuan': ['127.0.0.1'] }, clients: [], validity: { notBefore: new Date(Date.now() - 400 * day), notAfter: new Date(Date.now() - day) } }).servers['expired-sichuan']!;
    const seen: { msg: string; code?: string; client?: string }[] = [];
    const expired = createServer({ cert: file(old.cert), key: file(old.key), ca: file(ours.ca.cert), requestCert: true, rejectUnauthorized: true, minVersion: 'TLSv1.2' }, (_request, response) => response.end('ok'));
    logTlsClientRefusals(expired, createLogger('sichuan', { level: 'warn', destination: { write: (line: string) => void seen.push(JSON.parse(line)) } }));
    await new Promise<void>((resolve) => expired.listen(0, '127.0.0.1', resolve));
    // OpenSSL's client sends the alert a TLS library sends when it refuses a server's certificate (Node's own closes the connection).
    const verifying = (at: number, ca: string) =>
      new Promise<void>((resolve) => execFile('openssl', ['s_client', '-connect', `127.0.0.1:${at}`, '-CAfile', ca, '-verify_return_error', '-brief'], { timeout: 20_000 }, () => resolve()).stdin?.end());
    try {
      await verifying((expired.address() as { port: number }).port, ours.ca.cert);
      await verifying(port, stranger.ca.cert);
      await settled();
    } finally {
      // Closed once its connections are: each refusal it logs, it has logged.
      await new Promise<void>((resolve) => expired.close(() => resolve()));
    }
    expect(seen).toEqual([expect.objectContaining({ code: 'ERR_SSL_SSLV3_ALERT_CERTIFICATE_EXPIRED', client: '127.0.0.1' })]);
    expect(seen[0]!.msg).toBe("A client at 127.0.0.1 refused this subgraph's certificate: it says the certificate has expired or is not valid yet (ERR_SSL_SSLV3_ALERT_CERTIFICATE_EXPIRED): renew LINJU_TLS_CERT, or check this host's clock");
    expect(lines).toEqual([expect.objectContaining({ code: 'ERR_SSL_TLSV1_ALERT_UNKNOWN_CA', msg: expect.stringMatching(/^A client at 127\.0\.0\.1 refused this subgraph's certificate: it does not trust the CA that signed it .*LINJU_SUBGRAPH_CA/) })]);
  });
});
