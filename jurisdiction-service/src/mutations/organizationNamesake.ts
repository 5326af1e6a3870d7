import { fieldMessage } from '@linju/contract/fieldLabels';
import { GraphQLError } from 'graphql';
import { sqltag as sql, type Sql } from '@prisma/client/runtime/client';
import { comparedName, halfWidth, userInputError, WHITE_SPACE } from '@linju/contract';
import type { Db } from '@linju/subgraph-runtime';
import { lockBuckets } from './distinctValue.ts';

/** The advisory-lock namespace of organization names (the two-key form: apart from every single-key lock). */
const LOCK_NAMESPACE = 0x4c4a4f4e; // 'LJON'

/** Every full-width ASCII character and the ideographic space, and what each is read as (translate's two lists). */
const FULL_WIDTH = `${Array.from({ length: 0x5e }, (_, i) => String.fromCharCode(0xff01 + i)).join('')}\u3000`;
const AS_HALF_WIDTH = halfWidth(FULL_WIDTH);

/**
 * A stored name (the SQL of a text column) compared as {@link comparedName} compares a typed one:
 * full-width as half-width, then every character of `WHITE_SPACE` deleted (not a regular
 * expression's `\s`, which in the stores' C locale is the ASCII spaces only).
 */
export const storedCompared = (column: Sql): Sql => sql`translate(translate(${column}, ${FULL_WIDTH}, ${AS_HALF_WIDTH}), ${WHITE_SPACE}, '')`;

const STORED_COMPARED = storedCompared(sql`name`);

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
  const compared = comparedName(name);
  await lockBuckets(tx, LOCK_NAMESPACE, [`${placeOf({ name, parentId, regionId })}:${compared}`]);
  // The place as its own condition (not a CASE over a parameter), so the plan reads its index: the parent's children, or the region's organizations.
  const place = parentId === null ? sql`parent_id IS NULL AND region_id = ${regionId}` : sql`parent_id = ${parentId}`;
  const [namesake] = await tx.$queryRaw<{ id: string; name: string }[]>(sql`
    SELECT id, name FROM organization
    WHERE ${place} AND dissolved_on IS NULL AND id IS DISTINCT FROM ${self ?? null}
      AND ${STORED_COMPARED} = ${compared}
    ORDER BY id LIMIT 1`);
  if (namesake) throw namesakeError(namesake, { name, parentId, regionId });
}

/** Where a scope's names are compared: its parent, or its region's top level. */
const placeOf = ({ parentId, regionId }: NameScope) => parentId ?? `top:${regionId}`;

/** `duplicate` on `name`: a live namesake in the same place, registered before (its ID) or by an earlier row of the same import. */
function namesakeError(namesake: { id: string | null; name: string }, { parentId, regionId }: NameScope): GraphQLError {
  const where = parentId ? ['同一上级组织下', `under ${parentId}`] : ['同一区划的顶级组织中', `among the top-level organizations of ${regionId}`];
  if (namesake.id === null) {
    return userInputError(
      fieldMessage('name', `：党组织“${namesake.name}”在${where[0]}已由本次导入的前面一行登记，同一组织只登记一次`, `a live organization named ${namesake.name} is registered ${where[1]} by an earlier row of this import; an organization is registered once`),
      'name',
      'duplicate',
    );
  }
  const refusal = userInputError(
    fieldMessage('name', `：党组织“${namesake.name}”在${where[0]}已经登记，同一组织只登记一次；如需更正，请修改已登记的组织`, `a live organization named ${namesake.name} is already registered ${where[1]} (${namesake.id}); correct that one instead`),
    'name',
    'duplicate',
  );
  // The namesake's ID for a client (an import's row answers it as its `id`: a ledger's branches go under the organization registered), never in the Chinese half.
  return new GraphQLError(refusal.message, { extensions: { ...refusal.extensions, id: namesake.id } });
}

/**
 * {@link refuseNamesake} for the rows of an import (`null`: a row refused already), as if written one
 * after another: each row's namesake in the store, and a later row of the same name in the same place
 * as an earlier row (which the single write would find once the earlier is written). Two statements
 * whatever the rows: the places' locks, taken in one order (two imports naming the same places in
 * opposite orders queue instead of deadlocking), and the namesakes of every row.
 */
export async function refuseNamesakes(tx: Db, scopes: readonly (NameScope | null)[]): Promise<ReadonlyMap<number, GraphQLError>> {
  const refusals = new Map<number, GraphQLError>();
  const rows = scopes.flatMap((scope, index) => (scope ? [{ index, scope, compared: comparedName(scope.name) }] : []));
  if (!rows.length) return refusals;
  const places = [...new Set(rows.map((r) => `${placeOf(r.scope)}:${r.compared}`))].sort();
  // By bucket (`lockBuckets`): at most 64 locks however many rows, as the other checks of a write.
  await lockBuckets(tx, LOCK_NAMESPACE, places);
  // Only the organizations of the rows' places are read (through the parent_id and region_id
  // indexes), each stored name compared once, then joined to the rows by compared name and place: not
  // every stored name compared again for every row (a 1 000-row import against ~1 000 organizations
  // took 11 s in this check, past the gateway's limit).
  const parents = [...new Set(rows.flatMap((r) => (r.scope.parentId ? [r.scope.parentId] : [])))];
  const topRegions = [...new Set(rows.flatMap((r) => (r.scope.parentId ? [] : [r.scope.regionId])))];
  const found = await tx.$queryRaw<{ at: bigint | number; id: string; name: string }[]>(sql`
    WITH placed AS (
      SELECT id, name, parent_id, region_id, ${STORED_COMPARED} AS compared FROM organization
      WHERE dissolved_on IS NULL AND (parent_id = ANY(${parents}::text[]) OR (parent_id IS NULL AND region_id = ANY(${topRegions}::text[])))
    )
    SELECT DISTINCT ON (k.at) k.at, o.id, o.name
    FROM unnest(${rows.map((r) => r.compared)}::text[], ${rows.map((r) => r.scope.parentId ?? '')}::text[], ${rows.map((r) => r.scope.regionId)}::text[]) WITH ORDINALITY AS k (compared, parent_id, region_id, at)
    JOIN placed o ON o.compared = k.compared
      AND ((k.parent_id <> '' AND o.parent_id = k.parent_id) OR (k.parent_id = '' AND o.parent_id IS NULL AND o.region_id = k.region_id))
    ORDER BY k.at, o.id`);
  const stored = new Map(found.map((f) => [Number(f.at) - 1, f]));
  const earlier = new Map<string, string>();
  rows.forEach((row, at) => {
    const namesake = stored.get(at);
    const place = `${placeOf(row.scope)}:${row.compared}`;
    if (namesake) refusals.set(row.index, namesakeError(namesake, row.scope));
    else if (earlier.has(place)) refusals.set(row.index, namesakeError({ id: null, name: earlier.get(place)! }, row.scope));
    else earlier.set(place, row.scope.name);
  });
  return refusals;
}
