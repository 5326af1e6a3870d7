import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One migration: its name, recorded in `_linju_migrations` once applied, and its SQL. */
export interface Migration {
  readonly name: string;
  readonly sql: string;
}

/**
 * The `<n>_<name>/migration.sql` files of a folder, in name order, each passed through `fill` (the
 * contract's migrations name their side's key). A missing folder is an error, not "no migrations":
 * a store started without its tables would only fail later, and less clearly.
 */
export function readMigrations(directory: string | URL, fill: (sql: string) => string = (sql) => sql): Migration[] {
  const path = directory instanceof URL ? fileURLToPath(directory) : directory;
  const names = readdirSync(path, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  return names.map((name) => ({ name, sql: fill(readFileSync(join(path, name, 'migration.sql'), 'utf8')) }));
}
