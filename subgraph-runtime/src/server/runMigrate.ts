import { parseArgs } from 'node:util';
import type { Migration } from '@linju/contract';
import { ConfigError, createLogger, exitOnConfigError, type Logger } from '@linju/observability';
import { databaseUser } from '../database/databaseAddress.ts';
import { migrateStore } from '../database/migrateStore.ts';
import { readConnectAttempts, readStoreUrls } from './readSubgraphConfig.ts';
import { logMigrations } from './startupReport.ts';

/** How `npm run migrate` is called. */
export const MIGRATE_USAGE = 'npm run migrate -- [--grant-runtime] [member …]';

/**
 * `npm run migrate`: applies each member's pending migrations to its store as the store's owner,
 * through `<KEY>_MIGRATION_DATABASE_URL` (or `<KEY>_DATABASE_URL` when the subgraph itself runs as
 * the owner), and with `--grant-runtime` gives the user of `<KEY>_DATABASE_URL` the runtime's
 * rights and no more (see `grantRuntime`). Members are named as in `federation.json` (`sichuan`,
 * `joint` …); none named, every member. Each store's lines say what was applied and granted;
 * whatever the operator must fix is one line naming the variable, exit code 1.
 * @param members every member's key, in order
 * @param migrationsOf the migrations of a member's store, in order (its subgraph definition's)
 */
export async function runMigrate(
  argv: readonly string[],
  members: readonly string[],
  migrationsOf: (member: string) => Promise<readonly Migration[]>,
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  let logger: Logger | undefined;
  try {
    logger = createLogger('migrate');
    const { values, positionals } = parseArgs({ args: [...argv], options: { 'grant-runtime': { type: 'boolean', default: false } }, allowPositionals: true, strict: true });
    const unknown = positionals.filter((name) => !members.includes(name));
    if (unknown.length > 0) usage(`${unknown.join(', ')}: not a member of the federation (members: ${members.join(', ')})`);
    const connectAttempts = readConnectAttempts(env);
    const grant = values['grant-runtime'];
    // Every member's URLs before any store is touched: a variable missing for the third member refuses
    // the run with the first two stores as they were, not migrated while the command fails.
    const targets = (positionals.length > 0 ? positionals : members).map((member) => ({
      member,
      target: positionals.length > 0 ? migrationTarget(member, env, grant) : everyMemberTarget(member, members, env, grant),
    }));
    for (const { member, target } of targets) {
      const memberLogger = createLogger(member);
      const done = await migrateStore({ ...target, migrations: await migrationsOf(member), owner: member, connectAttempts, logger: memberLogger, client: 'npm run migrate' });
      logMigrations(memberLogger, done);
      if (target.runtimeRole) memberLogger.info({ runtimeRole: target.runtimeRole, grants: done.grants }, `runtime role ${target.runtimeRole} granted: ${done.grants.join('; ')}`);
    }
  } catch (error) {
    if (error instanceof TypeError && (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) usage(error.message);
    exitOnConfigError(error, logger);
  }
}

/**
 * A member's target when none was named (every member is migrated): a member whose store this host
 * does not hold says so, and to name the members whose stores it holds (a jurisdiction's hosts hold
 * its URLs alone).
 */
function everyMemberTarget(member: string, members: readonly string[], env: NodeJS.ProcessEnv, grant: boolean): ReturnType<typeof migrationTarget> {
  try {
    return migrationTarget(member, env, grant);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const held = members.filter((candidate) => { const urls = readStoreUrls(candidate, env); return urls.migrationDatabaseUrl ?? urls.databaseUrl; });
    // A store this host holds, wrongly set (--grant-runtime's URLs): its own refusal says what to fix.
    if (held.includes(member)) throw error;
    const example = `npm run migrate --${grant ? ' --grant-runtime' : ''} ${(held.length > 0 ? held : [member]).join(' ')}`;
    throw new ConfigError(
      error.variable,
      `${error.message}. No member was named, so every member of the federation is migrated (${members.join(', ')}): on a host that holds one member's store, name it (${example}); nothing was migrated`,
    );
  }
}

/** The owner's URL for a member, and the runtime role to grant (the user of `<KEY>_DATABASE_URL`) if asked. */
function migrationTarget(member: string, env: NodeJS.ProcessEnv, grant: boolean): { url: string; variable: string; runtimeRole?: string; runtimeRoleVariable?: string } {
  const urls = readStoreUrls(member, env);
  const url = urls.migrationDatabaseUrl ?? urls.databaseUrl;
  const variable = urls.migrationDatabaseUrl ? urls.migrationDatabaseUrlVariable : urls.databaseUrlVariable;
  if (!url) {
    throw new ConfigError(
      urls.migrationDatabaseUrlVariable,
      `${urls.migrationDatabaseUrlVariable} is not set (nor ${urls.databaseUrlVariable}): npm run migrate migrates a PostgreSQL of your own as its owner; the embedded default migrates itself at start`,
    );
  }
  if (!grant) return { url, variable };
  // The runtime role is the user of the subgraph's own URL; the owner's URL must be another's.
  const why = `--grant-runtime grants the user of ${urls.databaseUrlVariable} the runtime's rights, migrating as the owner's ${urls.migrationDatabaseUrlVariable}`;
  if (!urls.migrationDatabaseUrl) throw new ConfigError(urls.migrationDatabaseUrlVariable, `${urls.migrationDatabaseUrlVariable} is not set: ${why}`);
  if (!urls.databaseUrl) throw new ConfigError(urls.databaseUrlVariable, `${urls.databaseUrlVariable} is not set: ${why}`);
  const runtimeRole = databaseUser(urls.databaseUrl);
  if (!runtimeRole) throw new ConfigError(urls.databaseUrlVariable, `${urls.databaseUrlVariable} names no user: ${why}`);
  if (runtimeRole === databaseUser(url)) {
    throw new ConfigError(urls.databaseUrlVariable, `${urls.databaseUrlVariable} connects as ${runtimeRole}, the owner (the user of ${urls.migrationDatabaseUrlVariable}): the runtime role must be another`);
  }
  return { url, variable, runtimeRole, runtimeRoleVariable: urls.databaseUrlVariable };
}

/** A wrong command line: the reason and the usage on standard error, exit code 1. */
function usage(reason: string): never {
  console.error(`${reason}\nusage: ${MIGRATE_USAGE}`);
  process.exit(1);
}

