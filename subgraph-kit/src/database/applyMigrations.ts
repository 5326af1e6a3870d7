import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type pg from 'pg';

/**
 * Applies the committed `prisma/migrations/<n>_<name>/migration.sql` files in order, each in its
 * own transaction, and records them in `_linju_migrations`. Prisma's `migrate deploy` needs its
 * schema engine, which cannot be downloaded here; the SQL files are the same format it would use.
 * An applied migration whose file has since changed is refused: history is never rewritten.
 */
export async function applyMigrations(pool: pg.Pool, migrationsDir: string): Promise<string[]> {
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
    for (const name of readdirSync(migrationsDir).filter((n) => !n.includes('.')).sort()) {
      const sql = readFileSync(join(migrationsDir, name, 'migration.sql'), 'utf8');
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
