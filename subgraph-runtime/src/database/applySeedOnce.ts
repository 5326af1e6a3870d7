/** The part of a generated Prisma client that seeding needs; every subgraph's client has it. */
export interface SeedableClient {
  $executeRawUnsafe(query: string, ...values: unknown[]): PromiseLike<number>;
  // Each generated client has its own transaction-client type: shared code only passes it through.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  $transaction(fn: (tx: any) => Promise<unknown>, options?: { timeout?: number; maxWait?: number }): Promise<unknown>;
}

/**
 * Loads a seed dataset once per store: the marker row and the data commit together, so a
 * crash mid-seed leaves neither, and a second start (or a concurrent one) loads nothing.
 */
export async function applySeedOnce(prisma: SeedableClient, name: string, load: (tx: never) => Promise<void>): Promise<boolean> {
  await prisma.$executeRawUnsafe(
    'CREATE TABLE IF NOT EXISTS _linju_seeds (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
  );
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
