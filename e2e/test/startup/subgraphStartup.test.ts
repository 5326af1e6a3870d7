import { randomBytes } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createDatabaseIfMissing, EmbeddedCluster } from '@linju/subgraph-runtime';
import { freePort, ServiceProcess } from '@linju/testing';

/**
 * How a subgraph process starts, as an operator runs it: every refusal is one line naming the
 * variable to change (no stack trace, exit code 1, nothing created); an unreachable database is
 * retried, each attempt logged; production neither falls back to an embedded store nor seeds; a
 * store that belongs to another member is named as such.
 */

const ENTRY = { sichuan: 'subgraph-sichuan/src/index.ts', chongqing: 'subgraph-chongqing/src/index.ts', joint: 'subgraph-shared/src/index.ts' } as const;
type Member = keyof typeof ENTRY;
const SECRET = randomBytes(32).toString('base64url');
const PASSWORD = 'not-to-be-printed-7Qx';
const STACK = /^\s+at |node_modules|\.ts:\d+/m;

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'linju-startup-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

/** A fresh, empty data folder that embedded PostgreSQL's account (when running as root) can reach. */
async function emptyDataDir(): Promise<string> {
  const dir = await mkdtemp(join(root, 'data-'));
  await chmod(root, 0o755);
  await chmod(dir, 0o755);
  return dir;
}

/** Runs a subgraph that must refuse to start, and returns its exit code and every line it printed. */
async function refusal(member: Member, env: Record<string, string>): Promise<{ code: number | null; lines: string[] }> {
  const service = ServiceProcess.launch(member, ENTRY[member], { [`${member.toUpperCase()}_PORT`]: '0', ...env });
  const exit = await Promise.race([service.finished, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${member} still runs:\n${service.output.join('\n')}`)), 60_000))]).finally(() => service.stop(1000));
  return { code: exit.code, lines: service.output.filter((line) => line.trim() !== '') };
}

/** The message of a log line (JSON) or the line itself (a plain line on standard error). */
function message(line: string): string {
  try {
    return (JSON.parse(line) as { msg: string }).msg;
  } catch {
    return line;
  }
}

describe('a configuration error is one line naming the variable; the process exits 1 and creates nothing', () => {
  // One case per way a process meets a bad setting (its own config, the logger, production's
  // requirements, a rule of another package); the full table of values is readSubgraphConfig's test.
  test.concurrent.each<[string, Member, Record<string, string>, RegExp]>([
    ['SICHUAN_PORT', 'sichuan', { SICHUAN_PORT: 'abc' }, /^Invalid SICHUAN_PORT="abc": expected a port number/],
    ['LOG_LEVEL', 'chongqing', { LOG_LEVEL: 'loud' }, /^Invalid LOG_LEVEL="loud"/],
    // Read as the subgraph's code loads, before any logger.
    ['LINJU_FEDERATION_FILE', 'chongqing', { LINJU_FEDERATION_FILE: '/nonexistent/federation.json' }, /^LINJU_FEDERATION_FILE: \/nonexistent\/federation.json: cannot be read as JSON/],
    ['SICHUAN_GATEWAY_SECRET', 'sichuan', { SICHUAN_GATEWAY_SECRET: 'short' }, /SICHUAN_GATEWAY_SECRET must be at least 32 characters/],
    // Production never falls back to an embedded store: no URL, no start.
    ['JOINT_DATABASE_URL', 'joint', { LINJU_ENV: 'production', JOINT_GATEWAY_SECRET: SECRET }, /^JOINT_DATABASE_URL is not set: production/],
  ])('%s (%s)', async (variable, member, env, says) => {
    const dataDir = await emptyDataDir();
    const { code, lines } = await refusal(member, { LINJU_DATA_DIR: dataDir, ...env });
    expect(code).toBe(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(variable);
    expect(message(lines[0]!)).toMatch(says);
    expect(lines[0]).not.toMatch(STACK);
    expect(lines[0]).not.toContain(PASSWORD);
    expect(await readdir(dataDir)).toEqual([]);
  });

  test.skipIf(userInfo().uid !== 0)('as root, a data folder under a folder closed to PostgreSQL\'s account: refused, naming LINJU_DATA_DIR and that folder, nothing created', async () => {
    const closed = await mkdtemp(join(root, 'closed-'));
    await chmod(root, 0o755);
    await chmod(closed, 0o700);
    const { code, lines } = await refusal('sichuan', { LINJU_DATA_DIR: join(closed, 'data') });
    expect(code).toBe(1);
    expect(lines).toHaveLength(1);
    expect(message(lines[0]!)).toMatch(new RegExp(`cannot enter ${closed} \\(mode 0700\\).*set LINJU_DATA_DIR to a folder it can reach.*SICHUAN_DATABASE_URL`));
    expect(lines[0]).not.toMatch(STACK);
    expect(await readdir(closed)).toEqual([]);
  });
});

test('an unreachable database is tried again with a growing wait, each attempt logged, then one line naming the variable and the host, not the password', async () => {
  const port = await freePort();
  const { code, lines } = await refusal('sichuan', {
    LINJU_DATA_DIR: await emptyDataDir(),
    SICHUAN_DATABASE_URL: `postgresql://linju:${PASSWORD}@127.0.0.1:${port}/sichuan`,
    LINJU_DATABASE_CONNECT_ATTEMPTS: '3',
  });
  expect(code).toBe(1);
  const messages = lines.map(message);
  expect(messages).toEqual([
    `database linju@127.0.0.1:${port}/sichuan not reachable (attempt 1 of 3: connect ECONNREFUSED 127.0.0.1:${port}); next attempt in 0.5 s`,
    `database linju@127.0.0.1:${port}/sichuan not reachable (attempt 2 of 3: connect ECONNREFUSED 127.0.0.1:${port}); next attempt in 1 s`,
    `SICHUAN_DATABASE_URL: cannot reach the database linju@127.0.0.1:${port}/sichuan after 3 attempts: connect ECONNREFUSED 127.0.0.1:${port}`,
  ]);
  expect(lines.join('\n')).not.toContain(PASSWORD);
  expect(lines.join('\n')).not.toMatch(STACK);
});

describe('production on a PostgreSQL of its own', () => {
  let cluster: EmbeddedCluster;
  const storeUrl = (database: string, password = cluster.password) => `postgresql://linju:${encodeURIComponent(password)}@127.0.0.1:${cluster.port}/${database}`;
  const production = (member: Member, url: string) => ({
    LINJU_ENV: 'production',
    [`${member.toUpperCase()}_DATABASE_URL`]: url,
    [`${member.toUpperCase()}_GATEWAY_SECRET`]: SECRET,
  });

  async function rows(database: string, sql: string): Promise<unknown[]> {
    const client = new pg.Client({ connectionString: storeUrl(database) });
    await client.connect();
    try {
      return (await client.query(sql)).rows;
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    const dataDir = join(await emptyDataDir(), 'cluster');
    await mkdir(dataDir);
    cluster = new EmbeddedCluster({ dataDir, durable: false });
    await cluster.start();
    await createDatabaseIfMissing(cluster.url('postgres'), 'sichuan');
    // Sichuan's store, migrated in production through the owner's URL (here the same role): the stage for the tests below.
    const sichuan = await ServiceProcess.start('sichuan', ENTRY.sichuan, { SICHUAN_PORT: '0', ...production('sichuan', storeUrl('sichuan')), SICHUAN_MIGRATION_DATABASE_URL: storeUrl('sichuan') });
    await sichuan.stop();
    startLog = sichuan.output.map(message);
  });
  afterAll(() => cluster?.stop());
  let startLog: string[];

  test('logs the migrations it applied, and seeds nothing: the store holds no demonstration record', async () => {
    expect(startLog).toContainEqual(expect.stringMatching(/^migrations applied: 0001_init, 0002_writes, .* \(0 applied before\)$/));
    expect(startLog).toContainEqual('seeds: none (the demonstration seed seed-000-001-002 loads in development, or with LINJU_SEED=demo)');
    // Nor a region: the start says what that means and what loads them (docs/operations.md, "The region tree").
    expect(startLog).toContainEqual(
      'the store holds no region: nothing that names one (an organization, a service case, a facility …) can be recorded until the store\'s owner loads the region tree: npm run regions -- load sichuan <file.csv> (docs/operations.md, "The region tree")',
    );
    expect(await rows('sichuan', 'SELECT id FROM organization UNION ALL SELECT id FROM activity')).toEqual([]);
    expect(await rows('sichuan', 'SELECT name FROM _linju_seeds')).toEqual([]);
  });

  test('a store with migrations pending and no migration URL: one line naming npm run migrate and the variable; nothing is created', async () => {
    await createDatabaseIfMissing(cluster.url('postgres'), 'fresh');
    const { code, lines } = await refusal('sichuan', production('sichuan', storeUrl('fresh')));
    expect(code).toBe(1);
    expect(lines).toHaveLength(1);
    expect(message(lines[0]!)).toMatch(
      /^SICHUAN_DATABASE_URL: the store has \d+ pending migrations \(0001_init, .*\), and production applies none as the runtime role: run npm run migrate -- sichuan as the store's owner, or set SICHUAN_MIGRATION_DATABASE_URL to the owner's URL$/,
    );
    expect(await rows('fresh', "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).toEqual([]);
  });

  test('a migration changed after it was applied: one line saying which and what to do, no stack; nothing is changed', async () => {
    const { checksum } = ((await rows('sichuan', "SELECT checksum FROM _linju_migrations WHERE name = '0001_init'")) as { checksum: string }[])[0]!;
    await rows('sichuan', "UPDATE _linju_migrations SET checksum = 'edited' WHERE name = '0001_init'");
    try {
      const { code, lines } = await refusal('sichuan', { ...production('sichuan', storeUrl('sichuan')), SICHUAN_MIGRATION_DATABASE_URL: storeUrl('sichuan') });
      expect(code).toBe(1);
      expect(lines).toHaveLength(1);
      expect(message(lines[0]!)).toBe('Migration 0001_init was changed after it was applied; add a new migration instead.');
    } finally {
      await rows('sichuan', `UPDATE _linju_migrations SET checksum = '${checksum}' WHERE name = '0001_init'`);
    }
  });

  test("chongqing's subgraph pointed at sichuan's database is told whose store it is, and changes nothing", async () => {
    const before = await rows('sichuan', 'SELECT name, checksum FROM _linju_migrations ORDER BY name');
    const { code, lines } = await refusal('chongqing', production('chongqing', storeUrl('sichuan')));
    expect(code).toBe(1);
    expect(lines).toHaveLength(1);
    expect(message(lines[0]!)).toBe(
      `this database holds the sichuan store, not chongqing's: CHONGQING_DATABASE_URL points at linju@127.0.0.1:${cluster.port}/sichuan; give chongqing its own database`,
    );
    expect(await rows('sichuan', 'SELECT name, checksum FROM _linju_migrations ORDER BY name')).toEqual(before);
  });

  test('a wrong password is one line naming the variable and the host, at once (waiting cannot fix it)', async () => {
    const { code, lines } = await refusal('sichuan', production('sichuan', storeUrl('sichuan', PASSWORD)));
    expect(code).toBe(1);
    expect(lines).toHaveLength(1);
    expect(message(lines[0]!)).toBe(
      `SICHUAN_DATABASE_URL: the database linju@127.0.0.1:${cluster.port}/sichuan refused the connection: password authentication failed for user "linju" (28P01)`,
    );
    expect(lines[0]).not.toContain(PASSWORD);
  });
});
