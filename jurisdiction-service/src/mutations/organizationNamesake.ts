import { sqltag as sql } from '@prisma/client/runtime/client';
import { halfWidth, userInputError } from '@linju/contract';
import type { Db } from '@linju/subgraph-runtime';

/** The advisory-lock namespace of organization names (the two-key form: apart from every single-key lock). */
const LOCK_NAMESPACE = 0x4c4a4f4e; // 'LJON'

/** Every full-width ASCII character and the ideographic space, and what each is read as (translate's two lists). */
const FULL_WIDTH = `${Array.from({ length: 0x5e }, (_, i) => String.fromCharCode(0xff01 + i)).join('')}\u3000`;
const AS_HALF_WIDTH = halfWidth(FULL_WIDTH);

/**
 * How names are compared: full-width ASCII as half-width, without any space, so 白马村 党支部（机关）
 * is the same name as 白马村党支部(机关), the way a clerk types the same branch twice.
 */
const comparedName = (name: string) => halfWidth(name).replace(/\s+/g, '');

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
  const compared = comparedName(name);
  await tx.$queryRaw(sql`SELECT pg_advisory_xact_lock(${LOCK_NAMESPACE}::int, hashtext(${`${place}:${compared}`})) IS NULL AS locked`);
  const [namesake] = await tx.$queryRaw<{ id: string; name: string }[]>(sql`
    SELECT id, name FROM organization
    WHERE regexp_replace(translate(name, ${FULL_WIDTH}, ${AS_HALF_WIDTH}), ${'\\s+'}, '', 'g') = ${compared}
      AND dissolved_on IS NULL AND id IS DISTINCT FROM ${self ?? null}
      AND (CASE WHEN ${parentId}::text IS NULL THEN parent_id IS NULL AND region_id = ${regionId} ELSE parent_id = ${parentId} END)
    ORDER BY id LIMIT 1`);
  if (!namesake) return;
  const where = parentId ? ['同一上级组织下', `under ${parentId}`] : ['同一区划的顶级组织中', `among the top-level organizations of ${regionId}`];
  throw userInputError(
    `name 党组织“${namesake.name}”在${where[0]}已经登记，同一组织只登记一次；如需更正，请修改已登记的组织 / a live organization named ${namesake.name} is already registered ${where[1]} (${namesake.id}); correct that one instead`,
    'name',
    'duplicate',
  );
}
