import { raw, sqltag as sql } from '@prisma/client/runtime/client';
import DataLoader from 'dataloader';
import type { Db } from './Db.ts';
import { toRow, type Row } from './rows.ts';

/**
 * Rows by id, one statement per batch whatever the number of ids. `T` is the row's type where the
 * caller knows it (a generated Prisma model: its fields are the table's columns, camelCased).
 */
export function rowsById<T extends object = Row>(db: Db, table: string, onRows?: (rows: readonly T[]) => void): DataLoader<string, T | null> {
  return new DataLoader(async (ids) => {
    const rows = (await db.$queryRaw<Record<string, unknown>[]>(sql`SELECT * FROM ${raw(table)} WHERE id = ANY(${[...ids]})`)).map(toRow);
    onRows?.(rows as readonly object[] as readonly T[]);
    const byId = new Map(rows.map((r) => [r.id, r as object as T]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

/**
 * Rows grouped by the value of one column (children of a parent), one statement per batch, each
 * group in `order` (SQL, the table's columns).
 */
export function rowsByColumn<T extends object = Row>(db: Db, table: string, column: string, onRows?: (rows: readonly T[]) => void, order = 'id'): DataLoader<string, T[]> {
  return new DataLoader(async (keys) => {
    const stored = await db.$queryRaw<Record<string, unknown>[]>(
      sql`SELECT * FROM ${raw(table)} WHERE ${raw(column)} = ANY(${[...keys]}) ORDER BY ${raw(order)}`,
    );
    const rows = stored.map(toRow) as object[] as T[];
    onRows?.(rows);
    const groups = new Map<string, T[]>(keys.map((k) => [k, []]));
    stored.forEach((r, i) => groups.get(r[column] as string)?.push(rows[i]!));
    return keys.map((k) => groups.get(k)!);
  });
}
