import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { compareStoreToSchema } from './compareStoreToSchema.ts';
import type { Migration } from '@linju/contract';
import { openDatabase } from './openDatabase.ts';
import { storedColumns } from './storedColumns.ts';
import { resolverProblems, type ResolverCheckInput, type ResolverProblems } from '../server/resolverProblems.ts';

/** Runs `use` on a throwaway embedded store migrated with a subgraph's migrations, then removes it. */
export async function withMigratedStore<T>(migrations: readonly Migration[], use: (pool: pg.Pool) => Promise<T>): Promise<T> {
  const dataDir = mkdtempSync(join(tmpdir(), 'linju-store-'));
  const db = await openDatabase({ dataDir, durable: false, migrations });
  try {
    return await use(db.pool);
  } finally {
    await db.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * Migrates a throwaway embedded store with a subgraph's migrations and lists how it differs from
 * the subgraph's `prisma/schema.prisma` (empty when they match).
 */
export async function migratedStoreProblems(migrations: readonly Migration[], schemaFile: URL, alter?: string): Promise<string[]> {
  return withMigratedStore(migrations, async (pool) => {
    if (alter) await pool.query(alter);
    return compareStoreToSchema(pool, fileURLToPath(schemaFile));
  });
}

/** The columns of a throwaway store migrated with a subgraph's migrations, as `storedColumns` reads them. */
export function migratedColumns(migrations: readonly Migration[]): Promise<Map<string, Set<string>>> {
  return withMigratedStore(migrations, storedColumns);
}

/**
 * The resolver check start-up makes (`resolverProblems`), over a throwaway store migrated with the
 * subgraph's migrations: each subgraph's test expects none.
 */
export async function migratedResolverProblems(definition: ResolverCheckInput & { readonly migrations: readonly Migration[] }): Promise<ResolverProblems> {
  return resolverProblems(definition, await migratedColumns(definition.migrations));
}
