import { raw, sqltag as sql } from '@prisma/client/runtime/client';
import DataLoader from 'dataloader';
import type { Db } from './Db.ts';
import { toRow, type Row } from './rows.ts';

/** Told the rows each batch read (the request's audit). */
export type OnRows = (rows: readonly Row[]) => void;

/** Rows by id, one statement per batch whatever the number of ids. */
export function rowsById(db: Db, table: string, onRows?: OnRows): DataLoader<string, Row | null> {
  return new DataLoader(async (ids) => {
    const rows = (await db.$queryRaw<Record<string, unknown>[]>(sql`SELECT * FROM ${raw(table)} WHERE id = ANY(${[...ids]})`)).map(toRow);
    onRows?.(rows);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

/** Rows grouped by the value of one column (children of a parent), one statement per batch. */
export function rowsByColumn(db: Db, table: string, column: string, onRows?: OnRows): DataLoader<string, Row[]> {
  return new DataLoader(async (keys) => {
    const stored = await db.$queryRaw<Record<string, unknown>[]>(
      sql`SELECT * FROM ${raw(table)} WHERE ${raw(column)} = ANY(${[...keys]}) ORDER BY id`,
    );
    const rows = stored.map(toRow);
    onRows?.(rows);
    const groups = new Map<string, Row[]>(keys.map((k) => [k, []]));
    stored.forEach((r, i) => groups.get(r[column] as string)?.push(rows[i]!));
    return keys.map((k) => groups.get(k)!);
  });
}
