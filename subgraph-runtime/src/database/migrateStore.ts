import pg from 'pg';
import type { Migration } from '@linju/contract';
import { ConfigError, type Logger } from '@linju/observability';
import { applyMigrations, createBookkeeping } from './applyMigrations.ts';
import { checkStoreOwner } from './checkStoreOwner.ts';
import { databaseAddress } from './databaseAddress.ts';
import { canAlterAuditLog, grantRuntime } from './grantRuntime.ts';
import { waitForDatabase } from './waitForDatabase.ts';

/** A store to migrate as its owner. */
export interface MigrateStoreOptions {
  /** The owning role's URL: it creates the tables, so it alone may alter them. */
  url: string;
  /** The variable `url` came from (e.g. SICHUAN_MIGRATION_DATABASE_URL), named in every refusal. */
  variable: string;
  /** The store's migrations, in order. */
  migrations: readonly Migration[];
  /** The member the store belongs to: a store made for another is refused (see `checkStoreOwner`). @default not checked */
  owner?: string;
  /** Connection attempts while the database is down or starting (see `waitForDatabase`). */
  connectAttempts: number;
  logger: Logger;
  /** Grant this role the runtime's rights after migrating (see `grantRuntime`). @default none granted */
  runtimeRole?: string;
  /** The variable that named `runtimeRole`, for a refusal. @default `variable` */
  runtimeRoleVariable?: string;
  /**
   * Grant `runtimeRole` nothing, rather than refuse, when it could alter the audit log whatever is
   * granted (the owner itself, a superuser): a subgraph that migrates at start and runs as such a
   * role is warned of it, not stopped. @default false: refused, as `npm run migrate -- --grant-runtime` does
   */
  skipOwnerRuntimeRole?: boolean;
  /** Who connects, named when it refuses the database's certificate. @default the subgraph */
  client?: string;
}

/** What a migration run did: the migrations applied, how many the store had before, the grants issued. */
export interface StoreMigrated {
  applied: string[];
  before: number;
  grants: string[];
}

/**
 * Migrates a store over one connection as its owner: waits for the database, refuses another
 * member's store, creates the bookkeeping tables, applies the pending migrations, and grants the
 * runtime role its rights if asked. Used by `npm run migrate` and by a subgraph started with a
 * migration URL (`<KEY>_MIGRATION_DATABASE_URL`) whose store has migrations pending.
 * @throws {ConfigError} naming `variable` (or `runtimeRoleVariable`) for whatever the operator must fix
 */
export async function migrateStore(options: MigrateStoreOptions): Promise<StoreMigrated> {
  const { url, variable, logger } = options;
  await waitForDatabase(url, { variable, attempts: options.connectAttempts, logger, ...(options.client && { client: options.client }) });
  // One connection: the advisory lock, the DDL and the grants are the owner's session.
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  pool.on('error', () => {});
  try {
    if (options.owner) await checkStoreOwner(pool, options.owner, { variable, address: databaseAddress(url) });
    const applied = await applyMigrations(pool, options.migrations);
    await createBookkeeping(pool).catch((error: unknown) => {
      throw new ConfigError(variable, `${variable}: ${databaseAddress(url)} may not create the store's bookkeeping tables (${(error as Error).message}): it must be the URL of the store's owner`);
    });
    let grants: string[] = [];
    if (options.runtimeRole) {
      const client = await pool.connect();
      try {
        if (!(options.skipOwnerRuntimeRole && (await canAlterAuditLog(client, options.runtimeRole)))) grants = await grantRuntime(client, options.runtimeRole);
      } catch (error) {
        const roleVariable = options.runtimeRoleVariable ?? variable;
        throw new ConfigError(roleVariable, `${roleVariable}: cannot grant the runtime's rights in ${databaseAddress(url)}: ${(error as Error).message}`);
      } finally {
        client.release();
      }
    }
    return { applied, before: options.migrations.length - applied.length, grants };
  } finally {
    await pool.end();
  }
}
