import { sqltag as sql } from '@prisma/client/runtime/client';
import type { Db } from '@linju/subgraph-runtime';

/**
 * 数据截至: when this store last changed (a committed write or a seed), from the bookkeeping row
 * the contract's migration 0009_store_changed_at keeps. ISO 8601 in UTC with milliseconds, as the
 * audit log writes its times. Every store has the row, the joint office's too.
 */
export async function storeChangedAt(db: Db): Promise<string> {
  const rows = await db.$queryRaw<{ changed_at: Date }[]>(sql`SELECT changed_at FROM _linju_store_version`);
  const changedAt = rows[0]?.changed_at;
  if (!changedAt) throw new Error('_linju_store_version has no row: the contract migrations 0007 and 0009 have not run on this store');
  return changedAt.toISOString();
}
