// A member's store for the operator's commands that read it directly (`figures:verify`,
// `audit:verify`): `<KEY>_MIGRATION_DATABASE_URL`, else `<KEY>_DATABASE_URL`, else the embedded
// store under the data folder (LINJU_DATA_DIR, default .data/): the running one if `npm start`
// serves it, else started for the command and stopped after it (never one whose postmaster.pid
// names a live process: that one is neither started again nor stopped). In production
// (LINJU_ENV=production) never the embedded store: a URL that did not reach the environment (an
// environment file that did not load) must not make a tool read a development store and pass.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { dataRoot } from '@linju/access';
import { isProduction } from '@linju/observability';
import { connectionSettings, embeddedStoreState, openDatabase, readStoreUrls } from '@linju/subgraph-runtime';

/** Runs `use` on a pool of one connection to the store of `key` (a member's key: sichuan, joint …), then closes it. */
export async function withStore<T>(key: string, env: NodeJS.ProcessEnv, use: (pool: pg.Pool) => Promise<T>): Promise<T> {
  const prefix = key.toUpperCase();
  // Read as the subgraph reads them: a URL that does not parse as meant (a password's unencoded '@' or '#') is refused, not tried.
  const urls = readStoreUrls(key, env);
  const url = urls.migrationDatabaseUrl ?? urls.databaseUrl;
  if (url) return withPool(url, use);
  if (isProduction(env)) throw new Error(`${prefix}_DATABASE_URL is not set (nor ${prefix}_MIGRATION_DATABASE_URL): in production the tools read no embedded store; set it as in the subgraph's environment file`);
  const dataDir = resolve(dataRoot(env), key);
  if (!existsSync(join(dataDir, 'pg', 'PG_VERSION'))) throw new Error(`no store in ${dataDir} (set ${prefix}_DATABASE_URL)`);
  const embedded = embeddedStoreState(dataDir);
  if (embedded.state === 'running') return withPool(embedded.url, use);
  if (embedded.state === 'busy') throw new Error(`the embedded store in ${dataDir} is in use (its pg/postmaster.pid names a live process, or is being written) but cannot be reached: wait for it to start, stop it, or set ${prefix}_DATABASE_URL`);
  const store = await openDatabase({ dataDir, migrations: [] });
  try {
    return await use(store.pool);
  } finally {
    await store.close();
  }
}

async function withPool<T>(url: string, use: (pool: pg.Pool) => Promise<T>): Promise<T> {
  const pool = new pg.Pool({ connectionString: url, max: 1, ...connectionSettings((message) => console.warn(message)) });
  try {
    return await use(pool);
  } finally {
    await pool.end();
  }
}
