import type pg from 'pg';
import type { TableLoad } from './benchDataset.ts';

/** How long each table took to fill, and its rows. */
export interface StoreLoadReport {
  tables: { table: string; rows: number; ms: number }[];
  analyzeMs: number;
  totalMs: number;
}

/**
 * Replaces a store's records with the benchmark's: empties the tables (the audit log and the
 * idempotency records stay: the audit log refuses TRUNCATE), then fills each table in its own
 * transaction with one bulk statement, then VACUUM ANALYZE so the planner knows the sizes and
 * index-only scans see an up-to-date visibility map.
 */
export async function loadStore(pool: pg.Pool, loads: TableLoad[], emptyFirst: string[], afterLoad: string[] = []): Promise<StoreLoadReport> {
  const started = performance.now();
  const client = await pool.connect();
  const tables: StoreLoadReport['tables'] = [];
  try {
    // A bulk load needs no flush per commit; the data is on disk by the CHECKPOINT below.
    await client.query('SET synchronous_commit = off');
    await client.query('SET maintenance_work_mem = \'256MB\'');
    await client.query(`TRUNCATE ${emptyFirst.join(', ')}`);
    for (const load of loads) {
      const t = performance.now();
      await client.query('BEGIN');
      try {
        const result = await client.query(load.sql);
        await client.query('COMMIT');
        tables.push({ table: load.table, rows: result.rowCount ?? 0, ms: Math.round(performance.now() - t) });
      } catch (error) {
        await client.query('ROLLBACK');
        throw new Error(`Loading ${load.table} failed: ${(error as Error).message}`);
      }
    }
    for (const statement of afterLoad) await client.query(statement);
    const analyzing = performance.now();
    for (const load of loads) await client.query(`VACUUM (ANALYZE) ${load.table}`);
    await client.query('CHECKPOINT').catch(() => undefined);
    return { tables, analyzeMs: Math.round(performance.now() - analyzing), totalMs: Math.round(performance.now() - started) };
  } finally {
    client.release();
  }
}

/**
 * VACUUM (ANALYZE) of a whole database once every load into its cluster has ended, then a check that
 * the large tables' visibility maps are set: the VACUUM inside `loadStore` left them empty on the
 * federation's side stores (seen on 2026-12-05: `relallvisible` 0 on activity, post, person,
 * service_case), so every count read the heap instead of its index and Linju's activities page
 * ran at twice its cost. Returns the tables still mostly not all-visible (none expected).
 */
export async function settleStore(pool: Pick<pg.Pool, 'query'>): Promise<string[]> {
  await pool.query('VACUUM (ANALYZE)');
  const { rows } = await pool.query<{ name: string }>(
    `SELECT n.nspname || '.' || c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind = 'r' AND c.relpages > 1000 AND c.relallvisible < 0.9 * c.relpages AND n.nspname NOT IN ('pg_catalog', 'information_schema')`,
  );
  return rows.map((row) => row.name);
}
