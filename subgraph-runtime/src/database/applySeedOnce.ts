import type pg from 'pg';

/** The part of a generated Prisma client that seeding needs; every subgraph's client has it. */
export interface SeedableClient {
  $executeRawUnsafe(query: string, ...values: unknown[]): PromiseLike<number>;
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): PromiseLike<T>;
  // Each generated client has its own transaction-client type: shared code only passes it through.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  $transaction(fn: (tx: any) => Promise<unknown>, options?: { timeout?: number; maxWait?: number }): Promise<unknown>;
}

/** Where a store records the seeds loaded into it: the owner's, like `_linju_migrations` (see `createBookkeeping`). */
export const SEEDS_TABLE = 'CREATE TABLE IF NOT EXISTS _linju_seeds (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())';

/**
 * Loads a seed dataset once per store: the marker row and the data commit together, so a
 * crash mid-seed leaves neither, and a second start (or a concurrent one) loads nothing. A seed
 * loaded before is found by reading alone, so a runtime role that may only read `_linju_seeds`
 * starts over a seeded store; the table is created only when missing.
 */
export async function applySeedOnce(prisma: SeedableClient, name: string, load: (tx: never) => Promise<void>): Promise<boolean> {
  const [table] = await prisma.$queryRawUnsafe<{ present: boolean }[]>("SELECT to_regclass('_linju_seeds') IS NOT NULL AS present");
  if (!table?.present) await prisma.$executeRawUnsafe(SEEDS_TABLE);
  else if ((await prisma.$queryRawUnsafe<unknown[]>('SELECT 1 FROM _linju_seeds WHERE name = $1', name)).length > 0) return false;
  const loaded = await prisma.$transaction(
    async (tx: { $queryRawUnsafe<T>(query: string, ...values: unknown[]): PromiseLike<T> }) => {
      const claimed = await tx.$queryRawUnsafe<unknown[]>(
        'INSERT INTO _linju_seeds (name) VALUES ($1) ON CONFLICT DO NOTHING RETURNING name',
        name,
      );
      if (claimed.length === 0) return false;
      await load(tx as never);
      return true;
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
  return loaded as boolean;
}

/** The seeds a store has loaded, by name, oldest first; none in a store that never loaded one. */
export async function seedsLoaded(db: Pick<pg.Pool, 'query'>): Promise<string[]> {
  const { rows } = await db.query<{ name: string }>('SELECT name FROM _linju_seeds ORDER BY applied_at').catch((error: unknown) => {
    // A store migrated before the table was part of the bookkeeping, and never seeded, has none.
    if ((error as { code?: unknown }).code === '42P01') return { rows: [] };
    throw error;
  });
  return rows.map((row) => row.name);
}
