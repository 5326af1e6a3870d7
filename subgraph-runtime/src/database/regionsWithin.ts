import { raw, sqltag as sql, type Sql } from '@prisma/client/runtime/client';
import type { Caller } from '@linju/access';
import { jurisdictionByKey } from '@linju/contract';

/** Whether the caller's region is the whole side (the province's, or none: the joint office's operators): it reads every row. */
export const wholeSide = (caller: Caller, home: string): boolean => !caller.region || caller.region === jurisdictionByKey(home)?.code;

/**
 * What a region-scoped operator reads of a store's own logs, the audit log and the archive of
 * withdrawn records: the rows placed in its region or below it, never a sibling's or the
 * province's. The regions of that subtree as a subquery of their `column` (`code`, as the audit log
 * names the acting operator's region; `id`, as a record names its own), for `… IN <subquery>`;
 * null for an operator of the whole side, who reads every row. A code the store does not know
 * covers nothing.
 */
export function regionsWithin(caller: Caller, home: string, column: 'code' | 'id'): Sql | null {
  if (wholeSide(caller, home)) return null;
  return sql`(
    WITH RECURSIVE scope (id, code) AS (
      SELECT id, code FROM region WHERE code = ${caller.region}
      UNION ALL SELECT r.id, r.code FROM region r JOIN scope s ON r.parent_id = s.id
    ) SELECT ${raw(column)} FROM scope)`;
}
