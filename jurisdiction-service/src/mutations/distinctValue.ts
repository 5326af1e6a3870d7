import { GraphQLError } from 'graphql';
import { sqltag as sql, raw } from '@prisma/client/runtime/client';
import { userInputError } from '@linju/contract';
import { fieldMessage } from '@linju/contract/fieldLabels';
import type { Db } from '@linju/subgraph-runtime';

/** A value no two records of a side's table may hold: a person's resident ID number. */
export interface Distinct {
  /** The clean input's key, and the refusal's `field`. */
  field: string;
  /** Its column in the table. */
  column: string;
  /** What the record holding it is, in the refusal's Chinese and English halves (人员, person). */
  holder: { zh: string; en: string };
  /** The column of the organization the holder belongs to: the caller may be told whom by that organization's region. */
  organizationColumn: string;
}

/** A record of the table that holds one of the values. */
export interface Holder {
  id: string;
  name: string;
  organizationId: string;
}

/** The advisory-lock namespace of distinct values (the two-key form: apart from every single-key lock). */
const LOCK_NAMESPACE = 0x4c4a4456; // 'LJDV'
/**
 * Values are locked by bucket, one of this many: a 1000-row import takes at most 64 locks, not 1000
 * (PostgreSQL's shared lock table holds about 64 per connection, and several large imports at once
 * would run out of it); two values of one bucket only wait for each other.
 */
export const LOCK_BUCKETS = 64;

/**
 * Locks the buckets of `keys` in the advisory-lock `namespace` (the two-key form) until the
 * transaction ends: each bucket once, in order (two writers of overlapping keys queue rather than
 * deadlock), at most {@link LOCK_BUCKETS} whatever the number of keys. One statement; none without keys.
 */
export async function lockBuckets(tx: Db, namespace: number, keys: readonly string[]): Promise<void> {
  if (!keys.length) return;
  await tx.$queryRaw(
    sql`SELECT pg_advisory_xact_lock(${namespace}::int, bucket) IS NULL AS locked
        FROM (SELECT DISTINCT abs(hashtext(key) % ${LOCK_BUCKETS}::int) AS bucket FROM unnest(${[...keys]}::text[]) AS key ORDER BY bucket) AS wanted`,
  );
}

/**
 * The refusal (`duplicate`, on the value's field) of each input, by position, whose value a record of
 * the table already holds, or an earlier input of the same batch (`null`: an input refused already,
 * which holds nothing). Each value's bucket is locked for the transaction first, in order (two
 * batches wait for each other rather than deadlock), so a concurrent write of the same value waits
 * for this one to commit and then finds it. Two statements whatever
 * the number of inputs (a third when a value is held already); none when no input has a value.
 *
 * The refusal names the record holding the value, and carries its ID (`extensions.id`), only when
 * `nameable` gives its ID (of the holders found, all at once): a clerk may not read a resident ID number of a person outside their region,
 * so may not learn whose it is by typing it either (the refusal then says only that a person outside
 * the caller's region holds it, in both halves).
 */
export async function takenValues(
  tx: Db,
  table: string,
  distinct: Distinct,
  inputs: readonly (Record<string, unknown> | null)[],
  nameable: (holders: readonly Holder[]) => Promise<ReadonlySet<string>>,
): Promise<Map<number, GraphQLError>> {
  const refusals = new Map<number, GraphQLError>();
  const valueOf = (input: Record<string, unknown> | null) => (typeof input?.[distinct.field] === 'string' ? (input[distinct.field] as string) : null);
  const values = [...new Set(inputs.map(valueOf).filter((value) => value !== null))].sort();
  if (!values.length) return refusals;
  await lockBuckets(tx, LOCK_NAMESPACE, values.map((value) => `${table}.${distinct.column}:${value}`));
  const held = await tx.$queryRaw<(Holder & { value: string })[]>(
    sql`SELECT DISTINCT ON (${raw(distinct.column)}) ${raw(distinct.column)} AS value, id, name, ${raw(distinct.organizationColumn)} AS "organizationId"
        FROM ${raw(table)} WHERE ${raw(distinct.column)} = ANY(${values}::text[]) ORDER BY ${raw(distinct.column)}, id`,
  );
  const named = held.length ? await nameable(held) : new Set<string>();
  const holders = new Map(held.map((row) => [row.value, { id: row.id, name: row.name, stored: true, named: named.has(row.id) }]));
  inputs.forEach((input, index) => {
    const value = valueOf(input);
    if (value === null) return;
    const holder = holders.get(value);
    if (!holder) {
      holders.set(value, { id: '', name: String(input!.name ?? ''), stored: false, named: true });
      return;
    }
    const { zh, en } = distinct.holder;
    const [where, whereEn] = !holder.stored
      ? [`与本次导入中${zh}“${holder.name}”的相同`, `is also given to an earlier ${en} of this import (${holder.name})`]
      : holder.named
        ? [`已登记在本方${zh}“${holder.name}”名下`, `is already held by ${holder.id}`]
        : [`已登记在本方另一${zh}名下（该${zh}不在您的区划内）`, `is already held by a ${en} outside your region`];
    const refusal = userInputError(fieldMessage(distinct.field, `${where}，同一${zh}只登记一次`, `${whereEn}: a ${en} is registered once`), distinct.field, 'duplicate');
    // The holder's ID for a client, when the caller may read it (an import's row answers it as its `id`: a clerk's people
    // ledger listing a person registered before is that person), never in the Chinese half; none for a holder outside the region.
    refusals.set(index, holder.stored && holder.named ? new GraphQLError(refusal.message, { extensions: { ...refusal.extensions, id: holder.id } }) : refusal);
  });
  return refusals;
}
