import type pg from 'pg';
import { ConfigError } from '@linju/observability';

/**
 * The members whose records a store is made for. Every store's tables keep their rows at home with
 * a CHECK on the `id` column (`id LIKE 'sichuan:Organization:%'`, `id LIKE 'joint:Alliance:%'`,
 * written by the first migration, for a jurisdiction from the contract's `{{key}}`), so the
 * constraints say whose store it is, in every store ever migrated, without a marker of its own.
 * An empty list: nothing migrated yet.
 */
export async function storeOwners(db: Pick<pg.Pool, 'query'>): Promise<string[]> {
  const { rows } = await db.query<{ definition: string }>(
    `SELECT pg_get_constraintdef(c.oid) AS definition
       FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
      WHERE c.contype = 'c' AND t.relnamespace = current_schema()::regnamespace`,
  );
  const owners = rows.map(({ definition }) => /^CHECK \(\(id ~~ '([a-z][a-z0-9_-]*):/.exec(definition)?.[1]).filter((key): key is string => key !== undefined);
  return [...new Set(owners)].sort();
}

/**
 * Refuses a store made for another member (a subgraph pointed at the other side's database) before
 * any migration is compared or applied: otherwise the first sign would be a changed checksum.
 * @param where the variable that chose the database, and where it points, for the message
 * @throws {ConfigError} "this database holds the chongqing store, not sichuan's: …"
 */
export async function checkStoreOwner(db: Pick<pg.Pool, 'query'>, owner: string, where: { variable: string; address: string }): Promise<void> {
  const others = (await storeOwners(db)).filter((key) => key !== owner);
  if (others.length === 0) return;
  throw new ConfigError(
    where.variable,
    `this database holds the ${others.join(' and ')} store, not ${owner}'s: ${where.variable} points at ${where.address}; give ${owner} its own database`,
  );
}
