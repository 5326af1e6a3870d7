import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { Migration } from '@linju/contract';
import { StartRefusal } from '@linju/observability';
import { SEEDS_TABLE } from './applySeedOnce.ts';

/** Where a store records the migrations applied to it, by name and checksum. */
const MIGRATIONS_TABLE = 'CREATE TABLE IF NOT EXISTS _linju_migrations (name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())';

/** Two processes migrating one database must not both apply the same file. */
const MIGRATION_LOCK = 4815162342;

/**
 * The migrations a store has not applied yet, in the order given, found by reading alone (no DDL,
 * no lock): a store whose runtime role may not create or alter anything can be asked. An applied
 * migration whose SQL has since changed is refused: history is never rewritten.
 */
export async function pendingMigrations(db: Pick<pg.Pool, 'query'>, migrations: readonly Migration[]): Promise<Migration[]> {
  const names = migrations.map((m) => m.name);
  const twice = names.find((name, index) => names.indexOf(name) !== index);
  if (twice) throw new Error(`Two migrations are named ${twice}; a store records each name once.`);
  const { rows: [bookkeeping] } = await db.query<{ present: boolean }>("SELECT to_regclass('_linju_migrations') IS NOT NULL AS present");
  if (!bookkeeping?.present) return [...migrations];
  const done = new Map(
    (await db.query<{ name: string; checksum: string }>('SELECT name, checksum FROM _linju_migrations')).rows.map((r) => [r.name, r.checksum]),
  );
  return migrations.filter(({ name, sql }) => {
    const previous = done.get(name);
    if (previous === undefined) return true;
    if (previous !== checksumOf(sql)) throw new StartRefusal(`Migration ${name} was changed after it was applied; add a new migration instead.`);
    return false;
  });
}

/**
 * Applies the migrations not yet applied, in the order given, each in its own transaction, and
 * records them in `_linju_migrations`. Prisma's `migrate deploy` needs its schema engine, which
 * cannot be downloaded here; the SQL files are the same format it would use. With nothing pending
 * it only reads (see `pendingMigrations`): DDL, and the rights it needs, are for a start that
 * has something to apply. Run it as the store's owner.
 * @returns the names applied, in order
 */
export async function applyMigrations(pool: pg.Pool, migrations: readonly Migration[]): Promise<string[]> {
  if ((await pendingMigrations(pool, migrations)).length === 0) return [];
  const client = await pool.connect();
  const applied: string[] = [];
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await createBookkeeping(client);
    // Again under the lock: another process may have applied some meanwhile.
    for (const { name, sql } of await pendingMigrations(client, migrations)) {
      await client.query('BEGIN');
      try {
        await client.query(sql);
        await client.query('INSERT INTO _linju_migrations (name, checksum) VALUES ($1, $2)', [name, checksumOf(sql)]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new StartRefusal(`Migration ${name} failed: ${(error as Error).message}; nothing of it was applied`);
      }
      applied.push(name);
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    client.release();
  }
  return applied;
}

/**
 * Creates the store's bookkeeping tables, `_linju_migrations` and `_linju_seeds`, if missing: the
 * owner's, read-only to the runtime role (see `grantRuntime`), so both exist before rights are granted.
 */
export async function createBookkeeping(db: Pick<pg.Pool, 'query'>): Promise<void> {
  await db.query(MIGRATIONS_TABLE);
  await db.query(SEEDS_TABLE);
}

function checksumOf(sql: string): string {
  return createHash('sha256').update(sql).digest('hex');
}
