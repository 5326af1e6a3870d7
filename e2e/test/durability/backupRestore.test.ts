import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CALLER_HEADER, operationDigest, signCaller, type Caller } from '@linju/access';
import { ServiceProcess, skipWithoutSystemPostgres, storeSnapshot, SystemPostgres, systemPostgresBin } from '@linju/testing';

/**
 * A member's store backed up and restored as docs/deployment.md ("Backups and restore") tells an
 * operator to: `pg_dump --format=custom` of Sichuan's store on Debian's PostgreSQL (the same major
 * version as the server) while its subgraph serves, then on a new cluster (the host lost) the two
 * roles created first, an empty database owned by the owner, and `pg_restore --exit-on-error
 * --single-transaction` as the owner. The restored store has every row and every audit entry of
 * the original, bit for bit; the subgraph started over it as the runtime role (its grants came
 * along) answers the same figures, verifies the audit chain, and goes on appending to it.
 */

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const ENTRY = 'subgraph-sichuan/src/index.ts';
const SECRET = randomBytes(32).toString('base64url');
const OPERATOR: Caller = { subject: 'backup-check', role: 'sichuan-operator', region: '510000' };
const FIGURES = `query BackupFigures { sichuan { figures { crossAppointments jointSeminarSessions activityRoomAreaSqm roadsConnectedKm incomePerHouseholdYuan } organizations(first: 100) { totalCount edges { node { id name } } } } }`;
const CHAIN = `query BackupChain { sichuan { auditChain { entries verified brokenAt head } } }`;

/** A Debian cluster with Sichuan's two roles and its database, owned by the owner. */
interface Site {
  server: SystemPostgres;
  passwords: { owner: string; runtime: string };
}

async function site(): Promise<Site> {
  const server = await SystemPostgres.create();
  const passwords = { owner: randomBytes(12).toString('base64url'), runtime: randomBytes(12).toString('base64url') };
  await server.asSuperuser([
    `CREATE ROLE sichuan_owner LOGIN PASSWORD '${passwords.owner}'`,
    `CREATE ROLE sichuan_runtime LOGIN PASSWORD '${passwords.runtime}'`,
    'CREATE DATABASE sichuan OWNER sichuan_owner',
  ]);
  return { server, passwords };
}

const ownerUrl = ({ server, passwords }: Site) => server.url('sichuan_owner', passwords.owner, 'sichuan');
const runtimeUrl = ({ server, passwords }: Site) => server.url('sichuan_runtime', passwords.runtime, 'sichuan');

/** What an operator runs, as the owner: libpq's variables, so no password shows in `ps`. */
function asOwner(program: 'pg_dump' | 'pg_restore', at: Site, args: readonly string[]): string {
  return execFileSync(join(systemPostgresBin()!, program), args, {
    encoding: 'utf8',
    env: { ...process.env, PGHOST: '127.0.0.1', PGPORT: String(at.server.port), PGUSER: 'sichuan_owner', PGPASSWORD: at.passwords.owner, PGDATABASE: 'sichuan' },
  });
}

/** Every table's rows (digest) and the audit log entry by entry, read as the owner. */
async function contents(at: Site): Promise<{ tables: Record<string, string>; audit: { seq: string; hash: string }[] }> {
  const pool = new pg.Pool({ connectionString: ownerUrl(at) });
  try {
    return { tables: await storeSnapshot(pool), audit: (await pool.query<{ seq: string; hash: string }>('SELECT seq::text, hash FROM audit_log ORDER BY seq')).rows };
  } finally {
    await pool.end();
  }
}

/** An operation sent to the subgraph with the gateway's statement for Sichuan's operator. */
async function ask<T>(subgraph: ServiceProcess, query: string, operationName: string): Promise<T> {
  const header = await signCaller(OPERATOR, { secret: SECRET, audience: 'sichuan', digest: operationDigest(query, {}, operationName) });
  const response = await fetch(subgraph.url, { method: 'POST', headers: { 'content-type': 'application/json', [CALLER_HEADER]: header }, body: JSON.stringify({ query, variables: {}, operationName }) });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data!;
}

type Chain = { sichuan: { auditChain: { entries: number; verified: boolean; brokenAt: string | null; head: string | null } } };

/** Sichuan's subgraph in production, as its runtime role, over a store of `at`. */
const production = (at: Site) => ServiceProcess.start('sichuan', ENTRY, { LINJU_ENV: 'production', SICHUAN_PORT: '0', SICHUAN_DATABASE_URL: runtimeUrl(at), SICHUAN_GATEWAY_SECRET: SECRET });

describe.skipIf(skipWithoutSystemPostgres('backup and restore with pg_dump and pg_restore'))('backup and restore of a member store: pg_dump -Fc, pg_restore on a new cluster', () => {
  let dir: string;
  let original: Site;
  let restored: Site;
  let before: { figures: unknown; chain: Chain['sichuan']['auditChain'] };
  let dumped: Awaited<ReturnType<typeof contents>>;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'linju-backup-'));
    await chmod(dir, 0o755);
    [original, restored] = await Promise.all([site(), site()]);
    // The store migrated and seeded by its subgraph run once as the owner, then the runtime role granted its rights, as at a deployment.
    const seeding = await ServiceProcess.start('sichuan', ENTRY, { SICHUAN_PORT: '0', SICHUAN_DATABASE_URL: ownerUrl(original), SICHUAN_GATEWAY_SECRET: SECRET });
    await seeding.stop();
    const migrate = await new Promise<{ code: number; output: string }>((resolve) =>
      execFile('npm', ['run', '--silent', 'migrate', '--', '--grant-runtime', 'sichuan'], { cwd: ROOT, env: { ...process.env, SICHUAN_MIGRATION_DATABASE_URL: ownerUrl(original), SICHUAN_DATABASE_URL: runtimeUrl(original) }, timeout: 120_000 }, (error, stdout, stderr) =>
        resolve({ code: error ? 1 : 0, output: `${stdout}\n${stderr}` }),
      ),
    );
    expect(migrate.code, migrate.output).toBe(0);
  }, 240_000);

  afterAll(async () => {
    await Promise.all([original?.server.remove(), restored?.server.remove()]);
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  test('pg_dump while the subgraph serves; pg_restore into a new cluster holds every row and audit entry', async () => {
    const subgraph = await production(original);
    try {
      const figures = await ask<{ sichuan: { organizations: { totalCount: number } } }>(subgraph, FIGURES, 'BackupFigures');
      expect(figures.sichuan.organizations.totalCount).toBeGreaterThan(0);
      const chain = (await ask<Chain>(subgraph, CHAIN, 'BackupChain')).sichuan.auditChain;
      expect(chain).toMatchObject({ verified: true, brokenAt: null });
      expect(chain.entries).toBeGreaterThan(0);
      before = { figures, chain };
      // Online: pg_dump reads one consistent snapshot while the subgraph keeps its pool open.
      asOwner('pg_dump', original, ['--format=custom', `--file=${join(dir, 'sichuan.dump')}`]);
      dumped = await contents(original);
    } finally {
      expect((await subgraph.stop()).code).toBe(0);
    }
    // The archive's table of contents: the audit log's trigger is restored after its rows (it would chain them again otherwise).
    const toc = asOwner('pg_restore', original, ['--list', join(dir, 'sichuan.dump')]);
    expect(toc).toMatch(/TABLE DATA public audit_log /);
    expect(toc.indexOf('TABLE DATA public audit_log ')).toBeLessThan(toc.search(/TRIGGER public audit_log /));

    asOwner('pg_restore', restored, ['--exit-on-error', '--single-transaction', '--dbname=sichuan', join(dir, 'sichuan.dump')]);
    const back = await contents(restored);
    expect(back.tables).toEqual(dumped.tables);
    expect(Object.keys(back.tables).length).toBeGreaterThan(5);
    expect(back.audit).toEqual(dumped.audit);
  }, 180_000);

  test('the subgraph over the restored store, as its runtime role: the same figures, the audit chain verified and carried on', async () => {
    expect(before, 'the backup test ran first').toBeDefined();
    const subgraph = await production(restored);
    try {
      expect(await ask(subgraph, FIGURES, 'BackupFigures')).toEqual(before.figures);
      const chain = (await ask<Chain>(subgraph, CHAIN, 'BackupChain')).sichuan.auditChain;
      expect(chain).toMatchObject({ verified: true, brokenAt: null });
      // Every entry of the backup, then the ones the reads since appended (the runtime role's INSERT right came along).
      expect(chain.entries).toBeGreaterThan(dumped.audit.length);
      const pool = new pg.Pool({ connectionString: ownerUrl(restored) });
      try {
        const rows = (await pool.query<{ seq: string; hash: string }>('SELECT seq::text, hash FROM audit_log ORDER BY seq')).rows;
        expect(rows.slice(0, dumped.audit.length)).toEqual(dumped.audit);
        expect(rows.at(-1)!.hash).not.toBe(dumped.audit.at(-1)!.hash);
      } finally {
        await pool.end();
      }
    } finally {
      expect((await subgraph.stop()).code).toBe(0);
    }
  }, 120_000);
});
