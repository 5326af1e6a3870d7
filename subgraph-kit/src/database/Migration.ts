import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One migration: its name, recorded in `_linju_migrations` once applied, and its SQL. */
export interface Migration {
  readonly name: string;
  readonly sql: string;
}

/**
 * The `<n>_<name>/migration.sql` files of a folder, in name order (none if the folder does not
 * exist), each passed through `fill` (the contract's migrations name their side's key).
 */
export function readMigrations(directory: string | URL, fill: (sql: string) => string = (sql) => sql): Migration[] {
  const path = directory instanceof URL ? directory.pathname : directory;
  let names: string[];
  try {
    names = readdirSync(path).filter((name) => !name.includes('.')).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return names.map((name) => ({ name, sql: fill(readFileSync(join(path, name, 'migration.sql'), 'utf8')) }));
}
