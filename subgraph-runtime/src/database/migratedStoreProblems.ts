import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareStoreToSchema } from './compareStoreToSchema.ts';
import type { Migration } from '@linju/contract';
import { openDatabase } from './openDatabase.ts';

/**
 * Migrates a throwaway embedded store with a subgraph's migrations and lists how it differs from
 * the subgraph's `prisma/schema.prisma` (empty when they match).
 */
export async function migratedStoreProblems(migrations: readonly Migration[], schemaFile: URL, alter?: string): Promise<string[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'linju-store-'));
  const db = await openDatabase({ dataDir, durable: false, migrations });
  try {
    if (alter) await db.pool.query(alter);
    return await compareStoreToSchema(db.pool, fileURLToPath(schemaFile));
  } finally {
    await db.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
