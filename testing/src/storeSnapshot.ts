import type pg from 'pg';

/**
 * Every table of a store, with its row count and a digest of its contents: two snapshots are
 * equal only if no data was written. The idempotency bookkeeping is included on purpose: a refused
 * write must not claim its key, and a replay must not touch it. Left out: the migrations'
 * bookkeeping and the audit log, which every request appends to, refused ones included (that is
 * what it is for: the audit tests look at it themselves).
 */
export async function storeSnapshot(pool: pg.Pool): Promise<Record<string, string>> {
  const tables = (
    await pool.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT LIKE '\\_linju%' AND table_name <> 'audit_log' ORDER BY table_name`,
    )
  ).rows.map((r) => r.table_name);
  const snapshot: Record<string, string> = {};
  for (const table of tables) {
    const { rows } = await pool.query<{ n: number; digest: string | null }>(
      `SELECT count(*)::int AS n, md5(string_agg(t::text, '|' ORDER BY t::text)) AS digest FROM ${table} t`,
    );
    snapshot[table] = `${rows[0]!.n}:${rows[0]!.digest ?? ''}`;
  }
  return snapshot;
}

/** Snapshots of every store of a federation. */
export async function federationSnapshot(subgraphs: Record<string, { pool: pg.Pool }>): Promise<Record<string, Record<string, string>>> {
  return Object.fromEntries(await Promise.all(Object.entries(subgraphs).map(async ([name, s]) => [name, await storeSnapshot(s.pool)] as const)));
}
