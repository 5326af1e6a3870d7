import type pg from 'pg';
import { camel } from './rows.ts';

/** Each table of the store with its columns as rows carry them (camelCased: `founded_on` → `foundedOn`). */
export async function storedColumns(pool: pg.Pool): Promise<Map<string, Set<string>>> {
  const { rows } = await pool.query<{ table_name: string; column_name: string }>(
    `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public'`,
  );
  const tables = new Map<string, Set<string>>();
  for (const { table_name: table, column_name: column } of rows) {
    let set = tables.get(table);
    if (!set) tables.set(table, (set = new Set()));
    set.add(camel(column));
  }
  return tables;
}
