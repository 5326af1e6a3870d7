import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { auditMigrations } from '@linju/contract';
import { applyMigrations } from '../src/database/applyMigrations.ts';
import { openDatabase, type Database } from '../src/database/openDatabase.ts';

/**
 * The audit chain's lock is its own log's (0013_audit_lock_per_schema): two logs in one database,
 * as the benchmark's monolith keeps its three stores' in schemas, append side by side; two appends
 * to one log still take turns, so its chain stays linear.
 */
let dir: string;
let store: Database;
const pools: pg.Pool[] = [];

const INSERT = "INSERT INTO audit_log (subject, role, operation_name, fields, kind, types, ids, outcome, error_codes) VALUES ('clerk', 'viewer', 'Read', '{}', 'read', '{}', '{}', 'ok', '{}')";

async function schemaPool(schema: string): Promise<pg.Pool> {
  const { rows } = await store.pool.query<{ port: string }>("SELECT current_setting('port') AS port");
  const password = (await import('node:fs')).readFileSync(join(dir, 'store', 'password'), 'utf8').trim();
  const pool = new pg.Pool({ host: '127.0.0.1', port: Number(rows[0]!.port), user: 'linju', password, database: 'linju', max: 2, options: `-c search_path=${schema} -c lock_timeout=1000` });
  // The cluster stops after the pools end; a connection still closing then is told so, not a failure.
  pool.on('error', () => undefined);
  pools.push(pool);
  return pool;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'linju-audit-lock-'));
  await chmod(dir, 0o755);
  store = await openDatabase({ dataDir: join(dir, 'store'), durable: false, migrations: [] });
  for (const schema of ['a', 'b']) {
    await store.pool.query(`CREATE SCHEMA ${schema}`);
    await applyMigrations(await schemaPool(schema), auditMigrations());
  }
});

afterAll(async () => {
  await Promise.all(pools.map((pool) => pool.end()));
  await store?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

test("an append to one log waits for another to the same log, never for one to another log in the same database", async () => {
  const [a, b] = [pools[0]!, pools[1]!];
  const holder = await a.connect();
  try {
    await holder.query('BEGIN');
    await holder.query(INSERT);
    // The holder keeps schema a's chain locked until it ends: b's log appends at once…
    await expect(b.query(INSERT)).resolves.toMatchObject({ rowCount: 1 });
    // …while a second append to a's log waits, here until its lock_timeout (1 s).
    await expect(a.query(INSERT)).rejects.toMatchObject({ code: '55P03' });
    await holder.query('COMMIT');
  } finally {
    holder.release();
  }
  await a.query(INSERT);
  // Each chain is linear and whole: consecutive sequence numbers, each entry on its predecessor's hash.
  for (const pool of [a, b]) {
    const { rows } = await pool.query<{ seq: string; prev_hash: string; hash: string; recomputed: string }>('SELECT seq, prev_hash, hash, audit_log_hash(audit_log) AS recomputed FROM audit_log ORDER BY seq');
    rows.forEach((row, i) => {
      expect(Number(row.seq)).toBe(i + 1);
      expect(row.recomputed).toBe(row.hash);
      expect(row.prev_hash).toBe(i === 0 ? '0'.repeat(64) : rows[i - 1]!.hash);
    });
  }
});
