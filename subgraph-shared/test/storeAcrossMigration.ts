import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Database } from '@linju/subgraph-runtime';
import { definition } from '../src/subgraph.ts';

/**
 * A throwaway joint store as it was before `migration` (every migration that sorts before it, or
 * those `applied` names), given to `before` to write what a store of that time held; then the same
 * store with every migration, given to `after`. Removed when done, whatever happens.
 */
export async function acrossMigration(
  migration: string,
  before: (store: Database) => Promise<void>,
  after: (store: Database) => Promise<void>,
  applied: (name: string) => boolean = (name) => name < migration,
): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), `linju-${migration}-`));
  await chmod(dir, 0o755);
  const dataDir = join(dir, 'joint');
  let store: Database | undefined;
  try {
    store = await openDatabase({ dataDir, durable: false, migrations: definition.migrations.filter((m) => applied(m.name)) });
    await before(store);
    await store.close();
    store = undefined;
    store = await openDatabase({ dataDir, durable: false, migrations: definition.migrations });
    await after(store);
  } finally {
    await store?.close();
    await rm(dir, { recursive: true, force: true });
  }
}
