import { randomUUID } from 'node:crypto';
import type { GraphQLError } from 'graphql';
import { fieldLabel, fieldMessage } from '@linju/contract/fieldLabels';
import { join, raw, sqltag as sql } from '@prisma/client/runtime/client';
import { noteWritten } from '../audit/auditWrites.ts';
import type { Db } from '../database/Db.ts';
import { rowLock } from '../database/referenceTables.ts';
import { toRow, type Row } from '../database/rows.ts';
import { conflictError, notFoundError } from '@linju/contract';
import { version as checkVersion } from './validate.ts';

/** A new record's global ID: its home and type, and a key no other writer can take. */
export function newId(home: string, type: string): string {
  return `${home}:${type}:${randomUUID()}`;
}

/** A field's column, as the contract's camelCase name is stored (`heldOn` in `held_on`). */
export const snake = (name: string): string => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const column = (name: string) => raw(snake(name));

/** Inserts one row (keys in camelCase, as the contract names them) and returns it as stored. */
export async function insertRow(tx: Db, table: string, values: Record<string, unknown>): Promise<Row> {
  const names = Object.keys(values);
  const [row] = await tx.$queryRaw<Record<string, unknown>[]>(
    sql`INSERT INTO ${raw(table)} (${join(names.map(column))}) VALUES (${join(names.map((n) => values[n]))}) RETURNING *`,
  );
  noteWritten(tx, [row!.id as string]);
  return toRow(row!);
}

/**
 * Inserts rows of one table with one statement (each row's keys in camelCase, all rows with the
 * same keys) and returns them as stored, in the order given.
 */
export async function insertRows(tx: Db, table: string, rows: readonly Record<string, unknown>[]): Promise<Row[]> {
  if (rows.length === 0) return [];
  const names = Object.keys(rows[0]!);
  const records = rows.map((values) => Object.fromEntries(names.map((name) => [snake(name), values[name] ?? null])));
  // The table's own row type converts each JSON value to its column's type, as a parameter of insertRow would be.
  const inserted = await tx.$queryRaw<Record<string, unknown>[]>(sql`
    INSERT INTO ${raw(table)} (${join(names.map(column))})
    SELECT ${join(names.map(column))} FROM jsonb_populate_recordset(NULL::${raw(table)}, ${JSON.stringify(records)}::jsonb)
    RETURNING *`);
  const byId = new Map(inserted.map((row) => [row.id as string, toRow(row)]));
  noteWritten(tx, byId.keys());
  return rows.map((values) => byId.get(values.id as string)!);
}

/** The rows of `ids` that exist, by ID, read with one statement and locked as the write needs (see lockRow, shareRow). */
export async function rowsForWrite(tx: Db, table: string, ids: readonly string[], lock: 'UPDATE' | 'SHARE'): Promise<Map<string, Row>> {
  const unique = [...new Set(ids)].sort();
  const rows = await tx.$queryRaw<Record<string, unknown>[]>(
    // In ID order, so two writers locking overlapping sets take the locks in the same order.
    sql`SELECT * FROM ${raw(table)} WHERE id = ANY(${unique}::text[]) ORDER BY id ${raw(rowLock(table, lock))}`,
  );
  return new Map(rows.map((row) => [row.id as string, toRow(row)]));
}

/** A record a write names that does not exist (NOT_FOUND on the field naming it). */
export const missingRecord = (field: string, id: string): GraphQLError =>
  notFoundError(
    // The record itself (`id`, which no description names): said as such, not by the API name.
    fieldLabel(field) === field.split('.').pop() ? `所填 ID 所指的记录不存在 / ${field} ${id} does not exist` : fieldMessage(field, '：所引用的记录不存在', `${id} does not exist`),
    field,
  );

/** Reads a row for update, so concurrent writers of the same record take turns. */
export async function lockRow(tx: Db, table: string, id: string, field: string): Promise<Row> {
  const [row] = await tx.$queryRaw<Record<string, unknown>[]>(sql`SELECT * FROM ${raw(table)} WHERE id = ${id} FOR UPDATE`);
  if (!row) throw missingRecord(field, id);
  return toRow(row);
}

/**
 * Reads a row the write refers to (an organizer, a region …) and keeps it from changing until the
 * write commits, so nothing is attached to an organization that is being dissolved at that moment
 * (a region, reference data no write changes, is read without the lock).
 */
export async function shareRow(tx: Db, table: string, id: string, field: string): Promise<Row> {
  const [row] = await tx.$queryRaw<Record<string, unknown>[]>(sql`SELECT * FROM ${raw(table)} WHERE id = ${id} ${raw(rowLock(table, 'SHARE'))}`);
  if (!row) throw missingRecord(field, id);
  return toRow(row);
}

/**
 * Locks a versioned row and refuses a stale version before any rule is checked against it: the
 * client decided on what it read, so if the row has changed since, its decision must be redone.
 * `mayChange` runs first, on the locked row: whether the caller may change the record at all (the
 * operator's region). A caller who may not is told so, not the record's current version.
 */
export async function lockVersioned(tx: Db, table: string, id: string, version: number, mayChange?: (row: Row) => Promise<void>, field = 'id'): Promise<Row> {
  checkVersion(version);
  const row = await lockRow(tx, table, id, field);
  await mayChange?.(row);
  if (row.version !== version) {
    throw conflictError({ id, version: row.version as number }, version);
  }
  return row;
}

/**
 * Updates a versioned row only if it is still at the version the client read: a stale write is
 * refused with CONFLICT, never silently applied over someone else's.
 */
export async function updateVersioned(tx: Db, table: string, id: string, version: number, values: Record<string, unknown>, field = 'id'): Promise<Row> {
  const sets = Object.entries(values).map(([name, value]) => sql`${column(name)} = ${value}`);
  const [row] = await tx.$queryRaw<Record<string, unknown>[]>(
    sql`UPDATE ${raw(table)} SET ${join([...sets, sql`version = version + 1`])} WHERE id = ${id} AND version = ${version} RETURNING *`,
  );
  if (row) {
    noteWritten(tx, [id]);
    return toRow(row);
  }
  const [current] = await tx.$queryRaw<{ version: number }[]>(sql`SELECT version FROM ${raw(table)} WHERE id = ${id}`);
  if (!current) throw missingRecord(field, id);
  throw conflictError({ id, version: current.version }, version);
}

/**
 * Whether a failed statement broke the unique index `index`. Prisma 7 reports a raw query's
 * failure as P2010 with the driver adapter's error in `meta` (PostgreSQL code 23505, the index
 * name); its message says the same, which is the fallback should that shape change.
 */
export function isUniqueViolation(error: unknown, index: string): boolean {
  const e = error as { message?: unknown; meta?: { driverAdapterError?: { cause?: { originalCode?: string; constraint?: { index?: string } } } } };
  const cause = e?.meta?.driverAdapterError?.cause;
  if (cause?.originalCode === '23505') return cause.constraint?.index === index;
  const message = typeof e?.message === 'string' ? e.message : '';
  return message.includes('23505') && message.includes(`"${index}"`);
}

/** Whether a failed statement broke a foreign key (23503, read as {@link isUniqueViolation} reads 23505): a record still referred to. */
export function isForeignKeyViolation(error: unknown): boolean {
  const e = error as { message?: unknown; meta?: { driverAdapterError?: { cause?: { originalCode?: string } } } };
  if (e?.meta?.driverAdapterError?.cause?.originalCode === '23503') return true;
  return typeof e?.message === 'string' && e.message.includes('23503');
}
