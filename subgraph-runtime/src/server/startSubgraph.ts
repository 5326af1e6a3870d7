import type { ApolloServerPlugin } from '@apollo/server';
import type { TracerProvider } from '@opentelemetry/api';
import type pg from 'pg';
import type { DocumentNode } from 'graphql';
import type { SeedableClient } from '../database/applySeedOnce.ts';
import { logMigrations, sayEmptyRegionTree, seedOrSay } from './startupReport.ts';
import type { Db } from '../database/Db.ts';
import type { Migration } from '@linju/contract';
import { openDatabase, type DatabaseControl } from '../database/openDatabase.ts';
import type { StatementCounter } from '../database/StatementCounter.ts';
import { auditRefusedCall } from '../audit/auditRefusedCall.ts';
import { everyMinuteAtMost } from '@linju/observability';
import type { Caller } from '@linju/access';
import { createLogger, type Logger } from '@linju/observability';
import { observeStatements } from '../database/observeStatements.ts';
import { serverObservability } from '@linju/observability';
import type { ResolverMap } from '@linju/contract';
import { startSubgraphServer, type ServerTls, type SubgraphRequest } from './startSubgraphServer.ts';
import { storeFreeOperations } from './storeFreeOperations.ts';
import { databaseReadiness } from '../database/databaseReady.ts';
import { aggregateCacheOf } from '../cache/AggregateCache.ts';
import { readsThroughPool } from '../database/readsThroughPool.ts';
import { storeStatementClaims } from './storeStatementClaims.ts';
import { storedColumns } from '../database/storedColumns.ts';
import { resolverProblems, ResolverMismatchError } from './resolverProblems.ts';

/** How to run one subgraph; every field has a default suited to `npm start`. */
export interface SubgraphOptions {
  /** 0 picks a free port. */
  port?: number;
  /** @default 127.0.0.1 */
  host?: string;
  /** HTTPS, and mutual TLS with a client CA (`LINJU_TLS_*`, see `readSubgraphConfig`). @default plain HTTP */
  tls?: ServerTls;
  /** An external PostgreSQL; without it the store is an embedded cluster in `dataDir`. */
  databaseUrl?: string;
  /** The variable `databaseUrl` came from, named when the database is unreachable or not this subgraph's. @default databaseUrl */
  databaseUrlVariable?: string;
  /** External only: connection attempts at start (see `waitForDatabase`). @default 8 */
  connectAttempts?: number;
  /** Connections to the store at most. @default 10 */
  poolSize?: number;
  /**
   * External only: the store's owning role, through which pending migrations are applied, so that
   * `databaseUrl` can be a runtime role that may not alter anything (see `openDatabase`). In
   * production, pending migrations without it refuse the start. @default none
   */
  migrationDatabaseUrl?: string;
  /** The variable `migrationDatabaseUrl` came from. @default migrationUrl */
  migrationDatabaseUrlVariable?: string;
  /** Folder of the embedded cluster. */
  dataDir?: string;
  /**
   * Load the subgraph's demonstration seed, once per store (see `applySeedOnce`). Its records are
   * illustrative: production must never pass them off as real figures.
   * @default true in development, false in production
   */
  seed?: boolean;
  /** `false` for throwaway test clusters (fsync off). @default true */
  durable?: boolean;
  /**
   * The secret shared with the gateway (see `gatewaySecret`); every request must be signed with it.
   * During a rollover, the current secret then the previous one: either signature is accepted.
   */
  gatewaySecret: string | readonly string[];
  /** Production mode (see `isProduction`): no introspection, suggestions or stack traces; internal errors masked. @default false */
  production?: boolean;
  /** Where its JSON log lines go. @default `createLogger(name)`: standard output, at LOG_LEVEL */
  logger?: Logger;
  /** Where its spans go (tests pass one with an in-memory exporter). @default the global provider (see `startTracing`) */
  tracerProvider?: TracerProvider;
  /** How long the store's aggregates are shared (see `AggregateCache`); 0 turns the cache off. @default 30000 */
  aggregateCacheTtlMs?: number;
}

/** A running subgraph: where it listens, the statements its store has executed, and how to stop it. */
export interface RunningSubgraph {
  name: string;
  url: string;
  statements: StatementCounter;
  /** The store's pool, for operators' checks and tests that look at the rows themselves. */
  pool: pg.Pool;
  /** Stops and starts its embedded PostgreSQL while the subgraph keeps serving (outage tests). */
  database: DatabaseControl;
  stop(): Promise<void>;
}

/** What shared start-up code needs of a subgraph's generated Prisma client. */
export type SubgraphClient = Db & SeedableClient & { $disconnect(): Promise<void> };

/** What a subgraph package supplies; everything else about starting it is the same for all three. */
export interface SubgraphDefinition<Prisma extends SubgraphClient, Context extends object> {
  name: string;
  typeDefs: DocumentNode;
  resolvers: ResolverMap;
  /**
   * Types whose objects are rows of a table (`Alliance` → `alliance`): their fields resolve by
   * default from the column of that name, camelCased. Start-up checks the resolvers against them
   * (see `resolverProblems`).
   */
  storedTypes?: Readonly<Record<string, string>>;
  /** Fields the subgraph declares itself beyond its stored types and root fields (`Type.field`): each must resolve. */
  ownFields?: readonly string[];
  /** Its store's migrations, in the order they apply. */
  migrations: readonly Migration[];
  /** The ICU collation its lists sort names by (`zh-x-icu`): start-up refuses a PostgreSQL without it (see `openDatabase`). @default none */
  nameCollation?: string;
  /** The subgraph's own generated Prisma client over the pool. */
  createPrisma(pool: pg.Pool): Prisma;
  /** Per-request context, for the caller the gateway vouched for (`request.storeFree` is for its audit). */
  context(prisma: Prisma, caller: Caller, request: SubgraphRequest): Context;
  /**
   * Fields derived from an entity's representation alone (`Type.field`), whose type's reference
   * resolver returns the representation as it is: a request for nothing else reads nothing from the
   * store, and is neither claimed nor audited (see `storeFreeOperations`). @default none
   */
  derivedFields?: readonly string[];
  /** Request plugins over the store (access rules, audit). */
  plugins?(prisma: Prisma): ApolloServerPlugin<Context>[];
  /** The seed dataset, loaded once per store inside one transaction (`tx` is the client's transaction client). */
  seed?: { name: string; load(tx: never): Promise<void> };
}

/** Opens the store (embedded or external), migrates it, seeds it once, and serves the subgraph. */
export async function startSubgraph<Prisma extends SubgraphClient, Context extends object>(
  definition: SubgraphDefinition<Prisma, Context>,
  options: SubgraphOptions,
): Promise<RunningSubgraph> {
  const logger = options.logger ?? createLogger(definition.name);
  const database = await openDatabase({
    databaseUrl: options.databaseUrl,
    databaseUrlVariable: options.databaseUrlVariable,
    connectAttempts: options.connectAttempts,
    poolSize: options.poolSize,
    migrationUrl: options.migrationDatabaseUrl,
    migrationUrlVariable: options.migrationDatabaseUrlVariable,
    production: options.production,
    dataDir: options.dataDir,
    durable: options.durable,
    migrations: definition.migrations,
    owner: definition.name,
    nameCollation: definition.nameCollation,
    logger,
  });
  logMigrations(logger, database.migrations);
  const observability = serverObservability({
    name: definition.name,
    kind: 'subgraph',
    logger,
    ...(options.tracerProvider && { tracerProvider: options.tracerProvider }),
  });
  observeStatements(database.pool, observability.tracer, observability.registry);
  const prisma = readsThroughPool(definition.createPrisma(database.pool), database.pool);
  const aggregates = aggregateCacheOf(prisma, options.aggregateCacheTtlMs);
  try {
    // A resolver for what the SDL no longer has fails start-up; a field that would answer null is reported.
    const resolverCheck = resolverProblems(definition, await storedColumns(database.pool));
    if (resolverCheck.stray.length > 0) throw new ResolverMismatchError(definition.name, resolverCheck.stray);
    for (const problem of resolverCheck.unresolved) logger.warn({ problem }, `unresolved field: ${problem}`);
    if (definition.seed) {
      const production = options.production ?? false;
      await seedOrSay(prisma, database.pool, definition.seed, { wanted: options.seed ?? !production, production, logger });
    }
    await sayEmptyRegionTree(database.pool, definition.name, logger);
    const server = await startSubgraphServer({
      name: definition.name,
      typeDefs: definition.typeDefs,
      resolvers: definition.resolvers,
      context: (caller, request) => definition.context(prisma, caller, request),
      gatewaySecret: options.gatewaySecret,
      // In the store, so that every replica over it accepts a statement once and learns of every write.
      claimStatement: storeStatementClaims(database.pool, aggregates),
      storeFree: storeFreeOperations(definition.derivedFields ?? []),
      plugins: definition.plugins?.(prisma),
      // Direct calls, forged and replayed statements show up in the owner's log too, at a bounded rate.
      onRefused: everyMinuteAtMost(
        60,
        (request: { query?: unknown; operationName?: unknown }) => void auditRefusedCall(prisma, definition.name, request),
        (dropped) => observability.logger.warn({ dropped }, `${dropped} more refused calls in the last minute were not audited`),
      ),
      port: options.port ?? 0,
      host: options.host ?? '127.0.0.1',
      ...(options.tls && { tls: options.tls }),
      production: options.production ?? false,
      observability,
      ready: databaseReadiness(database.pool, { logger, ...(options.databaseUrl && { url: options.databaseUrl }) }),
    });
    return {
      name: definition.name,
      url: server.url,
      statements: database.statements,
      pool: database.pool,
      database: { stopDatabase: () => database.stopDatabase(), startDatabase: () => database.startDatabase() },
      async stop() {
        await server.stop();
        await prisma.$disconnect();
        await database.close();
      },
    };
  } catch (error) {
    await prisma.$disconnect();
    await database.close();
    throw error;
  }
}
