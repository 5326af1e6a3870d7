import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { Migration } from '@linju/contract';

/**
 * Applies the migrations not yet applied, in the order given, each in its own transaction, and
 * records them in `_linju_migrations`. Prisma's `migrate deploy` needs its schema engine, which
 * cannot be downloaded here; the SQL files are the same format it would use. An applied migration
 * whose SQL has since changed is refused: history is never rewritten.
 */
export async function applyMigrations(pool: pg.Pool, migrations: readonly Migration[]): Promise<string[]> {
  const names = migrations.map((m) => m.name);
  const twice = names.find((name, index) => names.indexOf(name) !== index);
  if (twice) throw new Error(`Two migrations are named ${twice}; a store records each name once.`);
  const client = await pool.connect();
  const applied: string[] = [];
  try {
    // Two processes starting on one database must not both apply the same file.
    await client.query('SELECT pg_advisory_lock(4815162342)');
    await client.query(
      'CREATE TABLE IF NOT EXISTS _linju_migrations (name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const done = new Map(
      (await client.query<{ name: string; checksum: string }>('SELECT name, checksum FROM _linju_migrations')).rows.map((r) => [r.name, r.checksum]),
    );
    for (const { name, sql } of migrations) {
      const checksum = createHash('sha256').update(sql).digest('hex');
      const previous = done.get(name);
      if (previous === checksum) continue;
      if (previous) throw new Error(`Migration ${name} was changed after it was applied; add a new migration instead.`);
      await client.query('BEGIN');
      try {
        await client.query(sql);
        await client.query('INSERT INTO _linju_migrations (name, checksum) VALUES ($1, $2)', [name, checksum]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new Error(`Migration ${name} failed: ${(error as Error).message}`);
      }
      applied.push(name);
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock(4815162342)').catch(() => undefined);
    client.release();
  }
  return applied;
}
