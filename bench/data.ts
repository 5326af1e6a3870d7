/**
 * `npm run bench:data -- --scale 1 [--seed 1]`
 *
 * Loads the benchmark's synthetic dataset (see `data/benchDataset.ts`) into the federation's three
 * stores under `.data/bench/` (each its own embedded PostgreSQL, migrated as the subgraphs migrate
 * them) and, from the same statements, into the monolith's one database (a schema per store). The
 * stores' seed markers are set, so the subgraphs started on this data never add the seed reports'
 * records. Prints each store's load time per table; writes `.data/bench/dataset.json` (the scale,
 * seed, row counts and load times), which `npm run bench` reads.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type pg from 'pg';
import { openDatabase } from '@linju/subgraph-runtime';
import { datasetSize, jointLoads, jurisdictionLoads, STORE_TABLES, type Store } from './data/benchDataset.ts';
import { BENCH_DATA_DIR, DEFINITIONS, openMonolith, STORES } from './data/benchStores.ts';
import { loadStore, settleStore, type StoreLoadReport } from './data/loadStore.ts';
import { parseFlags, usageError } from './parseFlags.ts';

process.env.APOLLO_TELEMETRY_DISABLED = 'true';
process.env.TURBO_TELEMETRY_DISABLED = '1';
process.env.CHECKPOINT_DISABLE = '1';

const USAGE = 'npm run bench:data -- [--scale 1] [--seed 1] [--federation-only yes]';
// --federation-only yes: the three stores without the monolith's copy (scale 4 for the figures' flatness, where only Linju runs).
const flags = parseFlags(process.argv.slice(2), { scale: '1', seed: '1', 'federation-only': 'no' }, USAGE);
if (!['yes', 'no'].includes(flags['federation-only'])) usageError('--federation-only is yes or no', USAGE);
const federationOnly = flags['federation-only'] === 'yes';
const scale = Number(flags.scale);
const seed = Number(flags.seed);
if (!(scale > 0 && scale <= 10)) throw new Error(`--scale must be a number above 0 and at most 10, got ${flags.scale}`);
if (!Number.isInteger(seed) || seed < 0 || seed > 1_000_000) throw new Error(`--seed must be a whole number from 0 to 1000000, got ${flags.seed}`);

const size = datasetSize(scale);
const loadsOf = (store: Store) => (store === 'joint' ? jointLoads(size, seed) : jurisdictionLoads(store, size, seed));
const emptyOf = (store: Store) => STORE_TABLES[store === 'joint' ? 'joint' : 'jurisdiction'];
// The seed each subgraph would otherwise load on its first start is marked as loaded.
const markSeed = (store: Store) => [
  'CREATE TABLE IF NOT EXISTS _linju_seeds (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
  ...(DEFINITIONS[store].seed ? [`INSERT INTO _linju_seeds (name) VALUES ('${DEFINITIONS[store].seed.name}') ON CONFLICT DO NOTHING`] : []),
];
const load = (store: Store, pool: pg.Pool) => loadStore(pool, loadsOf(store), emptyOf(store), markSeed(store));

console.log(`Bench data: scale ${scale}, seed ${seed}, into ${BENCH_DATA_DIR}`);
console.log(`  per side: ${size.organizations} organizations, ${size.people} people, ${size.posts} posts, ${size.activities} activities, ${size.serviceCases} service cases; ${size.alliances} alliances`);
const started = performance.now();

// The federation's three stores, side by side (each its own PostgreSQL).
const federation: Record<string, StoreLoadReport> = {};
await Promise.all(
  STORES.map(async (store) => {
    const database = await openDatabase({ dataDir: join(BENCH_DATA_DIR, store), migrations: DEFINITIONS[store].migrations });
    try {
      federation[store] = await load(store, database.pool);
      console.log(`  federation ${store.padEnd(9)} loaded in ${(federation[store].totalMs / 1000).toFixed(1)} s`);
    } finally {
      await database.close();
    }
  }),
);
const federationMs = Math.round(performance.now() - started);

// The monolith: the same statements into one database, a schema per store.
const monolithStarted = performance.now();
const monolithStores: Record<string, StoreLoadReport> = {};
if (!federationOnly) {
  const monolith = await openMonolith(join(BENCH_DATA_DIR, 'monolith'));
  try {
    await Promise.all(
      STORES.map(async (store) => {
        monolithStores[store] = await load(store, monolith.pools[store]);
        console.log(`  monolith   ${store.padEnd(9)} loaded in ${(monolithStores[store].totalMs / 1000).toFixed(1)} s`);
      }),
    );
  } finally {
    await monolith.close();
  }
}
const monolithMs = Math.round(performance.now() - monolithStarted);

// Every store vacuumed once more with nothing else running in its cluster (see `settleStore`).
const unsettled = await Promise.all(
  STORES.map(async (store) => {
    const database = await openDatabase({ dataDir: join(BENCH_DATA_DIR, store), migrations: DEFINITIONS[store].migrations });
    try {
      return (await settleStore(database.pool)).map((table) => `federation ${store}: ${table}`);
    } finally {
      await database.close();
    }
  }),
);
if (!federationOnly) {
  const monolith = await openMonolith(join(BENCH_DATA_DIR, 'monolith'));
  try {
    unsettled.push((await settleStore(monolith.pools.joint)).map((table) => `monolith: ${table}`));
  } finally {
    await monolith.close();
  }
}
for (const table of unsettled.flat()) console.warn(`  warning: ${table} is still mostly not all-visible after VACUUM: its counts will read the heap`);

console.log('\n  table                 rows    sichuan s  chongqing s  (federation; VACUUM ANALYZE separately)');
for (const [i, t] of federation.sichuan!.tables.entries()) {
  const c = federation.chongqing!.tables[i]!;
  console.log(`  ${t.table.padEnd(20)} ${String(t.rows).padStart(8)} ${(t.ms / 1000).toFixed(1).padStart(10)} ${(c.ms / 1000).toFixed(1).padStart(12)}`);
}
for (const t of federation.joint!.tables) console.log(`  ${t.table.padEnd(20)} ${String(t.rows).padStart(8)} ${(t.ms / 1000).toFixed(1).padStart(10)}  (joint)`);
console.log(`\nLoaded: federation ${(federationMs / 1000).toFixed(1)} s (three stores in parallel), monolith ${(monolithMs / 1000).toFixed(1)} s; total ${((performance.now() - started) / 1000).toFixed(1)} s`);

writeFileSync(
  join(BENCH_DATA_DIR, 'dataset.json'),
  `${JSON.stringify({ scale, seed, size, federationOnly, loadedAt: new Date().toISOString(), loadMs: { federation: federationMs, monolith: monolithMs }, federation, monolith: monolithStores }, null, 2)}\n`,
);
