import { join } from 'node:path';
import pg from 'pg';
import { applyMigrations, pendingMigrations } from './applyMigrations.ts';
import type { Migration } from '@linju/contract';
import { EmbeddedCluster, runningClusterUrl } from './EmbeddedCluster.ts';
import { pidFileState } from './postmasterPidFile.ts';
import { StatementCounter } from './StatementCounter.ts';
import { connectionSettings } from './connectionSettings.ts';
import { ConfigError, componentLogger, type Logger } from '@linju/observability';
import { checkStoreOwner } from './checkStoreOwner.ts';
import { checkNameCollation } from './checkNameCollation.ts';
import { databaseAddress } from './databaseAddress.ts';
import { waitForDatabase } from './waitForDatabase.ts';
import { canAlterAuditLog, runtimeRightsBeyond } from './grantRuntime.ts';
import { migrateStore } from './migrateStore.ts';

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
  /** The member the store belongs to (`sichuan`, `joint` …): a store made for another is refused (see `checkStoreOwner`). @default not checked */
  owner?: string;
  /**
   * The ICU collation the store's lists sort names by (`zh-x-icu`, a jurisdiction's NAME order): a
   * PostgreSQL without it (built without ICU) is refused before any migration (see `checkNameCollation`).
   * @default not checked (the joint store's lists sort by code points)
   */
  nameCollation?: string;
  /** The variable `databaseUrl` came from, named in every refusal (e.g. SICHUAN_DATABASE_URL). @default databaseUrl */
  databaseUrlVariable?: string;
  /** External only: connection attempts at start, with a doubling wait (see `waitForDatabase`). @default 8 */
  connectAttempts?: number;
  /** Where the wait for the database and the migrations applied are logged. @default the `database` component's logger */
  logger?: Logger;
  /**
   * External only: the URL of the store's owning role. Pending migrations are applied through it
   * (see `migrateStore`), never through `databaseUrl`, and then the role of `databaseUrl` is granted
   * the runtime's rights (see `grantRuntime`; none if it is the owner or a superuser); with nothing
   * pending it is not even used.
   * @default none: see `production`
   */
  migrationUrl?: string;
  /** The variable `migrationUrl` comes from, named when it is needed or refused (e.g. SICHUAN_MIGRATION_DATABASE_URL). @default migrationUrl */
  migrationUrlVariable?: string;
  /**
   * Production: an external store's runtime role runs no DDL. Pending migrations without a
   * `migrationUrl` refuse the start (naming `npm run migrate` and the variable), and a runtime
   * role that could alter the audit log is warned about. Otherwise (development, or the embedded
   * default) pending migrations are applied through the store's own URL, as its owner.
   * @default false
   */
  production?: boolean;
}

/** A migrated store: the pool Prisma's adapter runs on, and a counter of the statements it sends. */
export interface Database extends DatabaseControl {
  pool: pg.Pool;
  statements: StatementCounter;
  /** The migrations this start applied, in order, and how many the store had before. */
  migrations: { applied: string[]; before: number };
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

/**
 * The embedded store `openDatabase` keeps in `dataDir`, as a tool that reads it finds it:
 * `running` with its address while its postmaster serves it (`npm start`), `busy` when its
 * `postmaster.pid` names a live process that is not, or not yet, a ready server of this folder
 * confirmed as such (starting, stopping, or one this account cannot look at: the tool must neither
 * start nor stop it), `stopped` when no file or a stale one is left.
 */
export function embeddedStoreState(dataDir: string): { state: 'running'; url: string } | { state: 'busy' | 'stopped' } {
  const pidFile = pidFileState(join(dataDir, 'pg'));
  const url = runningClusterUrl(dataDir, DATABASE, pidFile);
  if (url) return { state: 'running', url };
  return { state: pidFile.kind === 'live' ? 'busy' : 'stopped' };
}

/** Connection attempts at start when not configured: about 35 s of waiting in all (0.5, 1, 2, 4, 8, 10, 10 s). */
export const DEFAULT_CONNECT_ATTEMPTS = 8;

/** Connections a subgraph's pool opens to its store at most, when not configured (`LINJU_DATABASE_POOL_SIZE`). */
export const DEFAULT_POOL_SIZE = 10;

/**
 * Opens a subgraph's store: starts the embedded cluster, or waits for the external PostgreSQL
 * (retried and logged, see `waitForDatabase`); refuses a store made for another member, and a
 * PostgreSQL without the collation its lists sort names by; applies the pending migrations. Every
 * refusal is a `ConfigError` naming the variable to change.
 */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const logger = options.logger ?? componentLogger('database');
  let cluster: EmbeddedCluster | undefined;
  let url = options.databaseUrl;
  const variable = url ? (options.databaseUrlVariable ?? 'databaseUrl') : 'LINJU_DATA_DIR';
  if (url) {
    await waitForDatabase(url, { variable, attempts: options.connectAttempts ?? DEFAULT_CONNECT_ATTEMPTS, logger });
  } else {
    if (!options.dataDir) throw new Error('openDatabase needs a databaseUrl or a dataDir');
    cluster = new EmbeddedCluster({ dataDir: options.dataDir, durable: options.durable });
    await cluster.start();
    await createDatabaseIfMissing(cluster.url('postgres'));
    url = cluster.url(DATABASE);
  }
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? DEFAULT_POOL_SIZE, ...connectionSettings((message) => logger.warn(message)) });
  // An idle connection dropped by the server (a restart, an administrator) must not crash the
  // process: the pool replaces it on the next checkout.
  let closing = false;
  pool.on('error', (error) => {
    if (!closing) logger.warn(`idle connection lost: ${error.message}`);
  });
  const statements = new StatementCounter();
  statements.watch(pool);
  let applied: string[];
  try {
    const address = cluster ? options.dataDir! : databaseAddress(url);
    if (options.owner) await checkStoreOwner(pool, options.owner, { variable, address });
    if (options.nameCollation) await checkNameCollation(pool, options.nameCollation, { variable, address, owner: options.owner });
    applied = await migrateIfPending(pool, { ...options, databaseUrl: cluster ? undefined : url, databaseUrlVariable: variable, logger });
  } catch (error) {
    await pool.end();
    await cluster?.stop();
    throw error;
  }
  return {
    pool,
    statements,
    migrations: { applied, before: options.migrations.length - applied.length },
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

/**
 * Applies the store's pending migrations, the way `DatabaseOptions` says, after finding them by
 * reading alone: a start with nothing pending runs no DDL. Returns the names applied.
 */
async function migrateIfPending(pool: pg.Pool, options: DatabaseOptions & { databaseUrlVariable: string; logger: Logger }): Promise<string[]> {
  const applied = await applyPending(pool, options);
  if (options.databaseUrl !== undefined && options.production) await warnOfRuntimeRights(pool, options);
  return applied;
}

/**
 * In production, a subgraph that can do more to its store than the runtime needs says so at every
 * start: the owner or a superuser (it could disable the audit trail), or a runtime role still
 * holding rights that `--grant-runtime` no longer gives (granted by an older version, or by hand).
 */
async function warnOfRuntimeRights(pool: pg.Pool, options: DatabaseOptions & { databaseUrlVariable: string; logger: Logger }): Promise<void> {
  const variable = options.databaseUrlVariable;
  if (await canAlterAuditLog(pool)) {
    options.logger.warn(
      { variable },
      `${variable} connects as a role that can alter the audit log (a superuser or its owner): it could disable the audit trail; run the subgraph as a runtime role (npm run migrate -- --grant-runtime, docs/operations.md)`,
    );
    return;
  }
  const beyond = await runtimeRightsBeyond(pool);
  if (beyond.length === 0) return;
  options.logger.warn(
    { variable, beyond },
    `${variable} connects as a role with rights the runtime does not need (${beyond.join('; ')}): run npm run migrate -- --grant-runtime${options.owner ? ` ${options.owner}` : ''} as the store's owner (docs/operations.md)`,
  );
}

async function applyPending(pool: pg.Pool, options: DatabaseOptions & { databaseUrlVariable: string; logger: Logger }): Promise<string[]> {
  const external = options.databaseUrl !== undefined;
  const pending = await pendingMigrations(pool, options.migrations);
  if (pending.length === 0) return [];
  const migrationVariable = options.migrationUrlVariable ?? 'migrationUrl';
  if (external && options.migrationUrl) {
    // The role this subgraph runs as gets the runtime's rights on what the migrations created, as
    // `npm run migrate -- --grant-runtime` gives them: a table added now would otherwise be closed to it.
    const runtimeRole = (await pool.query<{ role: string }>('SELECT current_user AS role')).rows[0]!.role;
    const { applied, grants } = await migrateStore({
      url: options.migrationUrl,
      variable: migrationVariable,
      migrations: options.migrations,
      ...(options.owner && { owner: options.owner }),
      connectAttempts: options.connectAttempts ?? DEFAULT_CONNECT_ATTEMPTS,
      logger: options.logger,
      runtimeRole,
      runtimeRoleVariable: options.databaseUrlVariable,
      skipOwnerRuntimeRole: true,
    });
    if (grants.length) options.logger.info({ runtimeRole, grants }, `runtime role ${runtimeRole} granted: ${grants.join('; ')}`);
    return applied;
  }
  if (external && options.production) {
    const names = pending.map((migration) => migration.name).join(', ');
    throw new ConfigError(
      migrationVariable,
      `${options.databaseUrlVariable}: the store has ${pending.length} pending migration${pending.length === 1 ? '' : 's'} (${names}), and production applies none as the runtime role: ` +
        `run npm run migrate${options.owner ? ` -- ${options.owner}` : ''} as the store's owner, or set ${migrationVariable} to the owner's URL`,
    );
  }
  return applyMigrations(pool, options.migrations);
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
