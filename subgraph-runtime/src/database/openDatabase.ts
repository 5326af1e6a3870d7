import pg from 'pg';
import { applyMigrations } from './applyMigrations.ts';
import type { Migration } from '@linju/contract';
import { EmbeddedCluster } from './EmbeddedCluster.ts';
import { StatementCounter } from './StatementCounter.ts';
import { componentLogger } from '@linju/observability';

/** Where a subgraph's store lives: an external PostgreSQL, or an embedded cluster in a data folder. */
export interface DatabaseOptions {
  /** Any PostgreSQL; when set, nothing is embedded. */
  databaseUrl?: string;
  /** Folder of the embedded cluster, used when `databaseUrl` is not set. */
  dataDir?: string;
  /** The store's migrations, in order: a jurisdiction's are the contract's, then its own (`readMigrations`). */
  migrations: readonly Migration[];
  /** Embedded only: `false` for throwaway test clusters (fsync off). */
  durable?: boolean;
  /** Connections in the pool. @default 10 */
  poolSize?: number;
}

/** A migrated store: the pool Prisma's adapter runs on, and a counter of the statements it sends. */
export interface Database extends DatabaseControl {
  pool: pg.Pool;
  statements: StatementCounter;
  close(): Promise<void>;
}

/**
 * Stops and starts an embedded store's PostgreSQL under a running subgraph, as an outage would
 * (fault-injection tests). The pool stays open: it fails while PostgreSQL is down and reconnects
 * once it is back on the same port. An external store is not the subgraph's to stop: both throw.
 */
export interface DatabaseControl {
  stopDatabase(): Promise<void>;
  startDatabase(): Promise<void>;
}

const DATABASE = 'linju';

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  let cluster: EmbeddedCluster | undefined;
  let url = options.databaseUrl;
  if (!url) {
    if (!options.dataDir) throw new Error('openDatabase needs a databaseUrl or a dataDir');
    cluster = new EmbeddedCluster({ dataDir: options.dataDir, durable: options.durable });
    await cluster.start();
    await createDatabaseIfMissing(cluster.url('postgres'));
    url = cluster.url(DATABASE);
  }
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10 });
  // An idle connection dropped by the server (a restart, an administrator) must not crash the
  // process: the pool replaces it on the next checkout.
  let closing = false;
  pool.on('error', (error) => {
    if (!closing) componentLogger('database').warn(`idle connection lost: ${error.message}`);
  });
  const statements = new StatementCounter();
  statements.watch(pool);
  try {
    await applyMigrations(pool, options.migrations);
  } catch (error) {
    await pool.end();
    await cluster?.stop();
    throw error;
  }
  return {
    pool,
    statements,
    async close() {
      closing = true;
      await pool.end();
      await cluster?.stop();
    },
    async stopDatabase() {
      if (!cluster) throw new Error('stopDatabase: the store is an external PostgreSQL, not the subgraph\'s to stop');
      await cluster.stop();
    },
    async startDatabase() {
      if (!cluster) throw new Error('startDatabase: the store is an external PostgreSQL, not the subgraph\'s to start');
      await cluster.start();
    },
  };
}

/** Creates a database of a cluster (through its `postgres` database's URL) unless it exists. */
export async function createDatabaseIfMissing(adminUrl: string, database = DATABASE): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await client.query(`CREATE DATABASE ${database}`);
  } finally {
    await client.end();
  }
}
