/**
 * Where the benchmark's data lives: under `.data/bench/` (git-ignored), the three stores of the
 * federation in their own embedded clusters, as `npm start` keeps them (`<dir>/<store>/pg`), and
 * the monolith's single cluster (`<dir>/monolith/pg`) with one database holding the same three
 * stores as schemas. Both sides' and the joint office's migrations create each schema, so the
 * monolith's tables, constraints and indexes are the federation's, row for row.
 */
import { join, resolve } from 'node:path';
import pg from 'pg';
import { EmbeddedCluster } from '@linju/subgraph-runtime';
import { applyMigrations } from '@linju/subgraph-runtime';
import { createDatabaseIfMissing } from '@linju/subgraph-runtime';
import { StatementCounter } from '@linju/subgraph-runtime';
import { connectionSettings } from '@linju/subgraph-runtime';
import { definition as chongqing } from '@linju/subgraph-chongqing/definition';
import { definition as sichuan } from '@linju/subgraph-sichuan/definition';
import { definition as joint } from '@linju/subgraph-joint/definition';
import type { Store } from './benchDataset.ts';

const root = resolve(import.meta.dirname, '..', '..');

/**
 * The benchmark's data folder (LINJU_DATA_DIR of the processes it starts): `.data/bench`, or
 * `LINJU_BENCH_DATA_DIR` to keep datasets of two scales side by side.
 */
export const BENCH_DATA_DIR = process.env.LINJU_BENCH_DATA_DIR ? resolve(process.env.LINJU_BENCH_DATA_DIR) : join(root, '.data', 'bench');

export const STORES: readonly Store[] = ['sichuan', 'chongqing', 'joint'];

/**
 * Each store's subgraph definition: the migrations it applies (a side's: the contract's, then its
 * own) and the seed it would load on its first start.
 */
export const DEFINITIONS = { sichuan, chongqing, joint } as const;

export const MONOLITH_DATABASE = 'linju';

/** The monolith's pools, one per store schema (its `search_path`), over one database, each counting its statements. */
export function monolithPools(cluster: EmbeddedCluster, statements: Record<Store, StatementCounter>, max = 10): Record<Store, pg.Pool> {
  const url = cluster.url(MONOLITH_DATABASE);
  const pool = (store: Store) => {
    const created = new pg.Pool({ connectionString: url, max, options: `-c search_path=${store}`, ...connectionSettings((message) => console.warn(message)) });
    statements[store].watch(created);
    // An idle connection cut by PostgreSQL (its stop, a restart) must not crash the process.
    created.on('error', () => undefined);
    return created;
  };
  return Object.fromEntries(STORES.map((store) => [store, pool(store)])) as Record<Store, pg.Pool>;
}

/** Starts the monolith's cluster (creating its database and schemas) and migrates every schema. */
export async function openMonolith(
  dataDir: string,
  poolSize = 10,
): Promise<{ cluster: EmbeddedCluster; pools: Record<Store, pg.Pool>; statements: Record<Store, StatementCounter>; close(): Promise<void> }> {
  const cluster = new EmbeddedCluster({ dataDir });
  await cluster.start();
  await createDatabaseIfMissing(cluster.url('postgres'), MONOLITH_DATABASE);
  const setup = new pg.Client({ connectionString: cluster.url(MONOLITH_DATABASE) });
  await setup.connect();
  try {
    for (const store of STORES) await setup.query(`CREATE SCHEMA IF NOT EXISTS ${store}`);
  } finally {
    await setup.end();
  }
  const statements = Object.fromEntries(STORES.map((store) => [store, new StatementCounter()])) as Record<Store, StatementCounter>;
  const pools = monolithPools(cluster, statements, poolSize);
  for (const store of STORES) await applyMigrations(pools[store], DEFINITIONS[store].migrations);
  return {
    cluster,
    pools,
    statements,
    async close() {
      await Promise.all(STORES.map((store) => pools[store].end()));
      await cluster.stop();
    },
  };
}
