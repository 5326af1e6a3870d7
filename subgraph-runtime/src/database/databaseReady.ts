import type pg from 'pg';

/**
 * A subgraph's readiness check of its store: one trivial statement through the very pool the
 * resolvers use, so it fails exactly when they would (PostgreSQL down, unreachable, refusing).
 */
export async function databaseReady(pool: pg.Pool): Promise<void> {
  await pool.query('SELECT 1');
}
