import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ConfigError, createLogger } from '@linju/observability';
// By path, not as a dependency: @linju/testing depends on this workspace. Node builtins and openssl only.
import { createDevCertificates } from '../../testing/src/tls/devCertificates.ts';
import pg from 'pg';
import { databaseReadiness } from '../src/database/databaseReady.ts';
import { waitForDatabase } from '../src/database/waitForDatabase.ts';

/**
 * A PostgreSQL server's TLS as the driver meets it: a server on 127.0.0.1 that answers the
 * driver's SSLRequest with 'S' and starts TLS with a certificate made here (expired, or another
 * CA's), so the subgraph's start refuses it before any PostgreSQL message.
 */
const folder = mkdtempSync(join(tmpdir(), 'linju-database-certificate-'));
const DAY = 24 * 60 * 60_000;
const made = createDevCertificates({ out: folder, servers: { postgres: ['127.0.0.1'] }, clients: [] });
const expired = createDevCertificates({ out: folder, servers: { 'expired-postgres': ['127.0.0.1'] }, clients: [], validity: { notBefore: new Date(Date.now() - 400 * DAY), notAfter: new Date(Date.now() - DAY) } }).servers['expired-postgres']!;
const PASSWORD = 'hunter2/x+y=';
let server: Server;
let port = 0;

beforeAll(async () => {
  server = createServer((socket: Socket) => {
    socket.on('error', () => undefined);
    socket.once('data', () => {
      socket.write('S');
      new TLSSocket(socket, { isServer: true, cert: readFileSync(expired.cert), key: readFileSync(expired.key) }).on('error', () => undefined);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(folder, { recursive: true, force: true });
});

/** A logger whose lines are kept. */
function kept() {
  const lines: { level: string; msg: string; reason?: string }[] = [];
  return { lines, logger: createLogger('sichuan', { level: 'info', destination: { write: (line: string) => void lines.push(JSON.parse(line)) } }) };
}

describe("a database whose certificate the subgraph refuses is said as the subgraph's refusal (docs/separate-hosts.md)", () => {
  test('an expired PostgreSQL certificate: one line naming the variable, the address, the reason and what to check, never the password', async () => {
    const url = `postgresql://linju:${encodeURIComponent(PASSWORD)}@127.0.0.1:${port}/sichuan?sslmode=verify-full&sslrootcert=${encodeURIComponent(made.ca.cert)}`;
    const logger = createLogger('sichuan', { level: 'silent' });
    const error = await waitForDatabase(url, { variable: 'SICHUAN_DATABASE_URL', attempts: 3, firstDelayMs: 1, logger }).then(() => undefined, (failure: unknown) => failure);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toBe(
      `SICHUAN_DATABASE_URL: the subgraph refused the certificate of the database linju@127.0.0.1:${port}/sichuan: certificate has expired (CERT_HAS_EXPIRED); check the database server's certificate (its dates, a name for the URL's host) and that the URL's sslrootcert holds the CA that signed it`,
    );
    expect((error as ConfigError).message).not.toContain('hunter2');
    const migrating = await waitForDatabase(url, { variable: 'SICHUAN_MIGRATION_DATABASE_URL', attempts: 1, logger, client: 'npm run migrate' }).catch((failure: unknown) => failure);
    expect((migrating as ConfigError).message).toMatch(/^SICHUAN_MIGRATION_DATABASE_URL: npm run migrate refused the certificate of the database /);
  });
});

describe("while a subgraph's /ready fails for its store, its log says why, once per change (docs/operations.md#health)", () => {
  test('the reason is logged when it changes, not on every check, and the store answering again is said once', async () => {
    const { lines, logger } = kept();
    let failure: Error | undefined = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const check = databaseReadiness({ query: async () => { if (failure) throw failure; return { rows: [] }; } } as never, { logger, url: `postgresql://linju:${encodeURIComponent(PASSWORD)}@127.0.0.1:5432/sichuan` });
    for (let i = 0; i < 3; i++) await expect(check()).rejects.toBe(failure);
    failure = new Error(`password authentication failed for user "linju" ${PASSWORD}`);
    await expect(check()).rejects.toBe(failure);
    failure = undefined;
    await check();
    await check();
    expect(lines.map((line) => [line.level, line.msg])).toEqual([
      ['warn', 'not ready: the database linju@127.0.0.1:5432/sichuan does not answer: connect ECONNREFUSED 127.0.0.1:5432'],
      ['warn', 'not ready: the database linju@127.0.0.1:5432/sichuan does not answer: password authentication failed for user "linju" ***'],
      ['info', 'ready again: the database linju@127.0.0.1:5432/sichuan answers'],
    ]);
  });

  test("a PostgreSQL certificate that expired while the subgraph ran: the log names it as the subgraph's refusal", async () => {
    const { lines, logger } = kept();
    const url = `postgresql://linju:${encodeURIComponent(PASSWORD)}@127.0.0.1:${port}/sichuan?sslmode=verify-full&sslrootcert=${encodeURIComponent(made.ca.cert)}`;
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    try {
      const check = databaseReadiness(pool, { logger, url });
      for (let i = 0; i < 2; i++) await expect(check()).rejects.toThrow('certificate has expired');
    } finally {
      await pool.end();
    }
    expect(lines).toHaveLength(1);
    expect(lines[0]!.msg).toBe(
      `not ready: the subgraph refused the certificate of the database linju@127.0.0.1:${port}/sichuan: certificate has expired (CERT_HAS_EXPIRED); check the database server's certificate (its dates, a name for the URL's host) and that the URL's sslrootcert holds the CA that signed it`,
    );
  });
});

