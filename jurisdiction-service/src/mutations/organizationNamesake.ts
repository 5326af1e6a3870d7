import { sqltag as sql } from '@prisma/client/runtime/client';
import { userInputError } from '@linju/contract';
import type { Db } from '@linju/subgraph-runtime';

/** The advisory-lock namespace of organization names (the two-key form: apart from every single-key lock). */
const LOCK_NAMESPACE = 0x4c4a4f4e; // 'LJON'

/** Where an organization's name must be its own: its parent's children, or its region's organizations without a parent. */
export interface NameScope {
  name: string;
  parentId: string | null;
  regionId: string;
}

/**
 * Refuses (`duplicate` on `name`) a live organization's name that another live organization under
 * the same parent already has (or, without a parent, another top-level one of the same region): a
 * clerk who registers a branch twice gets the first one named instead, since an organization is
 * not withdrawn, only dissolved. A dissolved one's name is free again (a branch founded anew).
 * Writers of one name in one place take turns (a lock until the transaction ends), so the second
 * finds the first's row. `self`: the organization being renamed or moved, which is not its own namesake.
 */
export async function refuseNamesake(tx: Db, { name, parentId, regionId }: NameScope, self?: string): Promise<void> {
  const place = parentId ?? `top:${regionId}`;
  await tx.$queryRaw(sql`SELECT pg_advisory_xact_lock(${LOCK_NAMESPACE}::int, hashtext(${`${place}:${name}`})) IS NULL AS locked`);
  const [namesake] = await tx.$queryRaw<{ id: string }[]>(sql`
    SELECT id FROM organization
    WHERE name = ${name} AND dissolved_on IS NULL AND id IS DISTINCT FROM ${self ?? null}
      AND (CASE WHEN ${parentId}::text IS NULL THEN parent_id IS NULL AND region_id = ${regionId} ELSE parent_id = ${parentId} END)
    ORDER BY id LIMIT 1`);
  if (!namesake) return;
  const where = parentId ? ['同一上级组织下', `under ${parentId}`] : ['同一区划的顶级组织中', `among the top-level organizations of ${regionId}`];
  throw userInputError(
    `name 党组织“${name}”在${where[0]}已经登记，同一组织只登记一次；如需更正，请修改已登记的组织 / a live organization named ${name} is already registered ${where[1]} (${namesake.id}); correct that one instead`,
    'name',
    'duplicate',
  );
}
