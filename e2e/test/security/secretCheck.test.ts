import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { subgraphs } from '@linju/schema';
import { embeddedStoreState } from '@linju/subgraph-runtime';
import { freePort, ServiceProcess } from '@linju/testing';
import { createDevCertificates } from '@linju/testing/tls';
import { checkSecret } from '../../../scripts/secret-check.ts';

/**
 * `secret-check` (docs/deployment.md, "Rotating secrets"): Sichuan's two replicas over one store, as
 * behind its balancer, each serving HTTPS and requiring the federation's client certificate; one
 * holds the gateway's secret, the other a mistyped one. Each checked on its own with the gateway's
 * probe says which it is, and what keeps it from being checked (no client certificate, nothing
 * listening). Then each stops on SIGTERM saying only what it does: the replica over the URL stops
 * no PostgreSQL.
 */

const SECRET = randomBytes(32).toString('base64url');
const MISTYPED = randomBytes(32).toString('base64url');
const ENTRY = 'subgraph-sichuan/src/index.ts';
const MEMBERS = subgraphs.map((entry) => entry.name);

let root: string;
let certs: ReturnType<typeof createDevCertificates>;
let embedded: ServiceProcess;
let overUrl: ServiceProcess;
const servers: Server[] = [];

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'linju-secret-check-'));
  // Embedded PostgreSQL runs as another account when this is root: it must reach its folder.
  await chmod(root, 0o755);
  certs = createDevCertificates({ out: join(root, 'tls'), servers: { sichuan: ['127.0.0.1'] } });
  const tls = { LINJU_TLS_CERT: certs.servers.sichuan!.cert, LINJU_TLS_KEY: certs.servers.sichuan!.key, LINJU_TLS_CLIENT_CA: certs.ca.cert };
  embedded = await ServiceProcess.start('sichuan-s1', ENTRY, { LINJU_DATA_DIR: join(root, 'data'), SICHUAN_PORT: String(await freePort()), SICHUAN_GATEWAY_SECRET: SECRET, ...tls });
  const store = embeddedStoreState(join(root, 'data', 'sichuan'));
  if (store.state !== 'running') throw new Error(`the embedded store is ${store.state}`);
  overUrl = await ServiceProcess.start('sichuan-s2', ENTRY, { SICHUAN_DATABASE_URL: store.url, LINJU_DATA_DIR: join(root, 'none'), SICHUAN_PORT: String(await freePort()), SICHUAN_GATEWAY_SECRET: MISTYPED, ...tls });
}, 120_000);
afterAll(async () => {
  await Promise.all(servers.map((server) => new Promise((done) => server.close(done))));
  await overUrl?.stop();
  await embedded?.stop();
  await rm(root, { recursive: true, force: true });
});

/** The gateway's environment on its host: the secret it signs Sichuan's statements with, its CA for the subgraphs and its client certificate. */
function gatewayEnv(secret = SECRET, clientCertificate = true): NodeJS.ProcessEnv {
  return {
    LINJU_ENV: 'production',
    SICHUAN_GATEWAY_SECRET: secret,
    LINJU_SUBGRAPH_CA: certs.ca.cert,
    ...(clientCertificate && { LINJU_GATEWAY_TLS_CERT: certs.clients.gateway!.cert, LINJU_GATEWAY_TLS_KEY: certs.clients.gateway!.key }),
  };
}

/** The command's exit code and what it printed. */
async function run(argv: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
  const error = vi.spyOn(console, 'error').mockImplementation((line: string) => void lines.push(line));
  try {
    return { code: await checkSecret(argv, MEMBERS, env), out: lines.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

describe('secret-check: the gateway’s signed readiness probe, sent to one replica', () => {
  test('the replica that holds the gateway’s secret is ok; the one with a mistyped secret is secret-mismatch', async () => {
    const s1 = new URL('/', embedded.url).href;
    expect(await run(['sichuan', '--url', s1], gatewayEnv())).toEqual({ code: 0, out: `sichuan ${embedded.url}: ok: it accepts the statement signed with SICHUAN_GATEWAY_SECRET` });

    const both = await run(['sichuan', '--url', embedded.url, '--url', overUrl.url], gatewayEnv());
    expect(both.code).toBe(1);
    expect(both.out.split('\n')).toEqual([
      `sichuan ${embedded.url}: ok: it accepts the statement signed with SICHUAN_GATEWAY_SECRET`,
      `sichuan ${overUrl.url}: secret-mismatch: it refuses the statement signed with SICHUAN_GATEWAY_SECRET: neither its SICHUAN_GATEWAY_SECRET nor its SICHUAN_GATEWAY_SECRET_PREVIOUS (if it has one) is this one`,
    ]);
    // With the new secret, before the gateways switch: the other way round.
    expect((await run(['sichuan', '--url', overUrl.url], gatewayEnv(MISTYPED))).code).toBe(0);
  });

  test('no client certificate: tls, with the handshake’s cause; nothing listening: unreachable; both exit 3', async () => {
    const tls = await run(['sichuan', '--url', embedded.url], gatewayEnv(SECRET, false));
    expect(tls.code).toBe(3);
    expect(tls.out).toMatch(new RegExp(`^sichuan ${embedded.url.replace(/[.]/g, '\\.')}: tls: ERR_SSL_\\w+: it requires a client certificate`));
    // Plain http to a replica that serves HTTPS: its TLS server hangs up, which the line says is likely a protocol mismatch.
    const inClear = embedded.url.replace(/^https:/, 'http:');
    expect(await run(['sichuan', '--url', inClear], gatewayEnv())).toEqual({ code: 3, out: `sichuan ${inClear}: unreachable: ECONNRESET: socket hang up: likely a protocol mismatch: the replica serves HTTPS and this URL says http:// (try ${embedded.url})` });
    const nowhere = `https://127.0.0.1:${await freePort()}/graphql`;
    expect(await run(['sichuan', '--url', nowhere], gatewayEnv())).toEqual({ code: 3, out: expect.stringMatching(new RegExp(`^sichuan ${nowhere.replace(/[.]/g, '\\.')}: unreachable: ECONNREFUSED`)) });
  });

  test('a URL that is no replica of the member is said so, exit 2: another member’s replica, a gateway (it reads no statement), a server of nothing Linju’s; https to a plain-http server is a protocol mismatch', async () => {
    // Sichuan's replica checked as Chongqing's: it refuses Chongqing's statement, which is no secret-mismatch.
    const asChongqing = await run(['chongqing', '--url', embedded.url], { ...gatewayEnv(), CHONGQING_GATEWAY_SECRET: SECRET });
    expect(asChongqing).toEqual({ code: 2, out: `chongqing ${embedded.url}: wrong-url: its /health says it is the sichuan subgraph, not a replica of chongqing: give a chongqing replica's own URL` });
    // Plain-http stand-ins for what an operator may point it at by mistake.
    const stand = async (answer: (path: string) => { status: number; body: unknown }): Promise<string> => {
      const server: Server = createServer((request, response) => {
        request.resume();
        const { status, body } = answer(request.url ?? '/');
        response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      });
      servers.push(server);
      await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
    };
    // A gateway answers any query and reads no caller statement: "ok" would be false.
    const gateway = await stand((path) => (path === '/health' ? { status: 200, body: { status: 'ok', service: 'gateway' } } : path === '/ready' ? { status: 200, body: { status: 'ready' } } : { status: 200, body: { data: { __typename: 'Query' } } }));
    expect(await run(['sichuan', '--url', gateway], { SICHUAN_GATEWAY_SECRET: SECRET })).toEqual({ code: 2, out: `sichuan ${gateway}: wrong-url: its /health says it is a gateway, not a replica of sichuan: give a sichuan replica's own URL` });
    const nothing = await stand(() => ({ status: 404, body: { error: 'not found' } }));
    expect(await run(['sichuan', '--url', nothing], { SICHUAN_GATEWAY_SECRET: SECRET })).toEqual({ code: 2, out: `sichuan ${nothing}: wrong-url: it answers, but not as a Linju subgraph (its /health names none): give a sichuan replica's own URL` });
    // https:// to a server answering plain HTTP: no OpenSSL record-layer text, and what it likely means.
    const inTls = nothing.replace(/^http:/, 'https:');
    const mismatch = await run(['sichuan', '--url', inTls], gatewayEnv());
    expect(mismatch.code).toBe(3);
    expect(mismatch.out).toMatch(/: the server did not answer in TLS \(wrong version number\): likely a protocol mismatch: the server answers in plain HTTP and this URL says https:\/\//);
    expect(mismatch.out).not.toMatch(/openssl|ssl3_get_record|\n/);
  });

  test('arguments and variables: one member, a URL, the secret in production', async () => {
    expect((await run(['--url', embedded.url], gatewayEnv())).out).toMatch(/^secret-check: name one member \(members: sichuan, chongqing, joint\)/);
    expect((await run(['sichuan'], gatewayEnv())).out).toMatch(/^secret-check: --url is required/);
    expect((await run(['sichuan', 'joint', '--url', embedded.url], gatewayEnv())).code).toBe(2);
    expect(await run(['sichuan', '--url', embedded.url], { ...gatewayEnv(), SICHUAN_GATEWAY_SECRET: '' })).toEqual({ code: 2, out: expect.stringMatching(/^secret-check: SICHUAN_GATEWAY_SECRET is not set: production/) });
  });

  test('on SIGTERM each replica says what it does: the one over a URL stops no PostgreSQL', async () => {
    overUrl.signal('SIGTERM');
    expect(await overUrl.exited).toEqual({ code: 0, signal: null });
    await overUrl.finished;
    const said = (service: ServiceProcess) => service.output.find((line) => line.includes('SIGTERM: '));
    expect(said(overUrl)).toContain('SIGTERM: draining in-flight requests, then closing the pool"');
    embedded.signal('SIGTERM');
    expect(await embedded.exited).toEqual({ code: 0, signal: null });
    await embedded.finished;
    expect(said(embedded)).toContain('SIGTERM: draining in-flight requests, then closing the pool and stopping the embedded PostgreSQL"');
  }, 60_000);
});
