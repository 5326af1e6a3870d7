import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { sqltag as sql, type Sql } from '@prisma/client/runtime/client';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { auditMigrations, userInputError } from '@linju/contract';
import { RequestAudit } from '../src/audit/RequestAudit.ts';
import { openDatabase, type Database } from '../src/database/openDatabase.ts';
import { runImport } from '../src/writes/runImport.ts';
import type { TransactionalClient } from '../src/writes/runMutation.ts';

/**
 * A partly refused import moves its store's version itself (contract migration 0015), since its
 * audit entry's outcome is `error`. Every other write locks the audit chain (the entry's BEFORE
 * trigger) and then the version's row (its AFTER trigger): the import must take them in the same
 * order, or an import and a single write committing side by side deadlock, and one of them fails.
 */
let dir: string;
let store: Database;
let pool: pg.Pool;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'linju-partial-import-'));
  await chmod(dir, 0o755);
  store = await openDatabase({ dataDir: join(dir, 'store'), durable: false, migrations: auditMigrations() });
  const { rows } = await store.pool.query<{ port: string }>("SELECT current_setting('port') AS port");
  const password = (await readFile(join(dir, 'store', 'password'), 'utf8')).trim();
  pool = new pg.Pool({ host: '127.0.0.1', port: Number(rows[0]!.port), user: 'linju', password, database: 'linju', max: 4 });
  pool.on('error', () => undefined);
  await pool.query(`CREATE TABLE idempotency_record (key text PRIMARY KEY, operation text NOT NULL, request_hash text NOT NULL, response jsonb, created_at timestamptz NOT NULL DEFAULT now())`);
  await pool.query('CREATE TABLE thing (id text PRIMARY KEY)');
});

afterAll(async () => {
  await pool?.end();
  await store?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** A transactional client over one pg connection, as Prisma's is to the runtime; `beforeAudit` runs before the entry is appended. */
function client(beforeAudit: () => Promise<void>): TransactionalClient {
  return {
    async $transaction(fn) {
      const connection = await pool.connect();
      const tx = {
        async $queryRaw(query: Sql) {
          if (/^\s*INSERT INTO audit_log/.test(query.text)) await beforeAudit();
          return (await connection.query(query.text, query.values as unknown[])).rows;
        },
      };
      try {
        await connection.query('BEGIN');
        const value = await fn(tx);
        await connection.query('COMMIT');
        return value;
      } catch (error) {
        await connection.query('ROLLBACK');
        throw error;
      } finally {
        connection.release();
      }
    },
  };
}

const version = async () => Number((await pool.query<{ version: string }>('SELECT version FROM _linju_store_version')).rows[0]!.version);

test('a partly refused import and a single write committing side by side both commit, and each moves the version', async () => {
  const before = await version();
  let writer: Promise<void> | undefined;
  // The single write appends its entry while the import is about to append its own.
  const beforeAudit = async () => {
    const connection = await pool.connect();
    const pid = (await connection.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
    let done = false;
    writer = (async () => {
      try {
        await connection.query('BEGIN');
        await connection.query(
          "INSERT INTO audit_log (subject, role, operation_name, fields, kind, types, ids, outcome, error_codes) VALUES ('clerk', 'sichuan-operator', 'Record', '{}', 'write', '{}', '{}', 'ok', '{}')",
        );
        await connection.query('COMMIT');
      } catch (error) {
        await connection.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        done = true;
        connection.release();
      }
    })();
    writer.catch(() => undefined);
    // Until it committed, or waits for a lock the import holds.
    for (let i = 0; i < 200 && !done; i++) {
      const { rows } = await pool.query<{ wait: string | null }>('SELECT wait_event_type AS wait FROM pg_stat_activity WHERE pid = $1', [pid]);
      if (rows[0]?.wait === 'Lock') break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  const audit = new RequestAudit({ subject: 'clerk', role: 'sichuan-operator' });
  const imported = runImport(
    client(beforeAudit),
    { operation: 'importThings', sender: 'clerk', mode: 'ROW_BY_ROW', dryRun: false, audit },
    [
      { input: { id: 'a' }, key: 'k-a' },
      { input: { id: 'b' }, key: 'k-b' },
    ],
    {
      check: async () => new Map([[1, userInputError('id 不能为空 / is required', 'id', 'required')]]),
      insert: async (tx, rows) => tx.$queryRaw(sql`INSERT INTO thing (id) SELECT unnest(${rows.map((r) => r.id)}::text[]) RETURNING id`),
    },
  );
  const [importOutcome] = await Promise.allSettled([imported]);
  const [writeOutcome] = await Promise.allSettled([writer ?? Promise.reject(new Error('the single write never ran'))]);
  expect(importOutcome).toMatchObject({ status: 'fulfilled', value: { committed: true, created: 1, refused: 1 } });
  expect(writeOutcome).toEqual({ status: 'fulfilled', value: undefined });
  expect(await version()).toBe(before + 2);
});
