// `npm run figures:verify`: for each jurisdiction's store, recomputes every figure of the catalogue
// per day (per month, and per alliance) from the records and compares it with the rollups the writes keep
// (migration 0008_figure_rollups), listing every day that differs.
// Stores: `<KEY>_MIGRATION_DATABASE_URL`, else `<KEY>_DATABASE_URL`, else the embedded store under
// the data folder (LINJU_DATA_DIR, default .data/), which must not be running: stop `npm start`
// first, or point the variables at the running stores.
// Exits 0 when every rollup equals its recomputation, 1 when some differ, 2 when a store could not be read.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { dataRoot } from '@linju/access';
import { JURISDICTIONS, type JurisdictionInfo } from '@linju/contract';
import { figureRollupDifferences, formatRollupDifference, type RollupDifference } from '@linju/jurisdiction-service';
import { openDatabase } from '@linju/subgraph-runtime';

/** Differences shown per store; the count says how many there are in all. */
const SHOWN = 50;

/** The differences of one side's store, opened from its URL or its (stopped) embedded cluster. */
async function storeDifferences(side: JurisdictionInfo, env: NodeJS.ProcessEnv): Promise<RollupDifference[]> {
  const prefix = side.key.toUpperCase();
  const url = env[`${prefix}_MIGRATION_DATABASE_URL`]?.trim() || env[`${prefix}_DATABASE_URL`]?.trim();
  if (url) {
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    try {
      return await figureRollupDifferences(pool, side);
    } finally {
      await pool.end();
    }
  }
  const dataDir = resolve(dataRoot(env), side.key);
  if (!existsSync(join(dataDir, 'pg', 'PG_VERSION'))) throw new Error(`no store in ${dataDir} (set ${prefix}_DATABASE_URL)`);
  if (existsSync(join(dataDir, 'pg', 'postmaster.pid'))) throw new Error(`the embedded store in ${dataDir} is running: stop it, or set ${prefix}_DATABASE_URL`);
  const store = await openDatabase({ dataDir, migrations: [] });
  try {
    return await figureRollupDifferences(store.pool, side);
  } finally {
    await store.close();
  }
}

export async function verifyFigures(env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let status = 0;
  for (const side of JURISDICTIONS) {
    let differences: RollupDifference[];
    try {
      differences = await storeDifferences(side, env);
    } catch (error) {
      console.error(`${side.key}: cannot verify: ${(error as Error).message}`);
      status = 2;
      continue;
    }
    if (differences.length === 0) {
      console.log(`${side.key}: every figure's rollup equals its recomputation from the records`);
      continue;
    }
    status = Math.max(status, 1);
    console.log(`${side.key}: ${differences.length} day(s) differ (records vs rollup):`);
    for (const difference of differences.slice(0, SHOWN)) console.log(`  ${formatRollupDifference(difference)}`);
    if (differences.length > SHOWN) console.log(`  … and ${differences.length - SHOWN} more`);
  }
  return status;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.exitCode = await verifyFigures();
