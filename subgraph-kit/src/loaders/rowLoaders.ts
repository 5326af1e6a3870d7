import { raw, sqltag as sql } from '@prisma/client/runtime/client';
import DataLoader from 'dataloader';
import type { Db } from '../database/Db.ts';
import { toRow, type Row } from '../database/rows.ts';

/** Rows by id, one statement per batch whatever the number of ids. */
export function rowsById(db: Db, table: string): DataLoader<string, Row | null> {
  return new DataLoader(async (ids) => {
    const rows = (await db.$queryRaw<Record<string, unknown>[]>(sql`SELECT * FROM ${raw(table)} WHERE id = ANY(${[...ids]})`)).map(toRow);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

/** Rows grouped by the value of one column (children of a parent), one statement per batch. */
export function rowsByColumn(db: Db, table: string, column: string): DataLoader<string, Row[]> {
  return new DataLoader(async (keys) => {
    const rows = await db.$queryRaw<Record<string, unknown>[]>(
      sql`SELECT * FROM ${raw(table)} WHERE ${raw(column)} = ANY(${[...keys]}) ORDER BY id`,
    );
    const groups = new Map<string, Row[]>(keys.map((k) => [k, []]));
    for (const r of rows) groups.get(r[column] as string)?.push(toRow(r));
    return keys.map((k) => groups.get(k)!);
  });
}
