/**
 * The monolith baseline: the federation's API schema (the supergraph's, so the scenarios' documents
 * run unchanged) served by one Apollo Server over one database, with direct SQL (see
 * `monolithResolvers.ts`). It checks the same bearer tokens as the gateway, so authentication costs
 * the same; it has no caller statements, no query plan and no hops. It answers at `/graphql` without
 * an audit log and at `/graphql-audited` with the federation's audit appends (`monolithAudit.ts`).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled, ApolloServerPluginUsageReportingDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { Supergraph } from '@apollo/federation-internals';
import express from 'express';
import { createRequire } from 'node:module';
import type { GraphQLSchema } from 'graphql';
import pg from 'pg';
import type { Authenticate } from '@linju/gateway/authenticate';
import type { StatementCounter } from '@linju/subgraph-runtime';
import { DateScalar } from '@linju/contract';
import type { Store } from '../data/benchDataset.ts';
import { STORES } from '../data/benchStores.ts';
import { monolithAuditPlugin, notingStores } from './monolithAudit.ts';
import { MONOLITH_PATHS } from './monolithPaths.ts';
import { MonolithContext, monolithResolvers, poolDb, resolveType } from './monolithResolvers.ts';
import type { Caller } from '@linju/access';

type AuditedMonolithContext = MonolithContext & { caller: Caller; stores: Set<Store> };
import { aggregateCacheOf, readAggregateCacheTtl } from '@linju/subgraph-runtime';

// The API schema comes from @apollo/federation-internals, which requires graphql's CommonJS build;
// its type guards must come from the same build (a test runner may resolve an ESM import of graphql
// to the .mjs build, whose guards refuse the other build's types).
const { isInterfaceType, isObjectType } = createRequire(import.meta.url)('graphql') as typeof import('graphql');

// Dates and decimals as the subgraphs' Prisma client gives them: a date at UTC midnight, a number.
pg.types.setTypeParser(pg.types.builtins.DATE, (text) => new Date(`${text}T00:00:00Z`));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (text) => Number(text));

/** The supergraph's API schema with the monolith's resolvers attached. */
export function monolithSchema(supergraphSdl: string): GraphQLSchema {
  const schema = Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
  for (const type of Object.values(schema.getTypeMap())) {
    if (isInterfaceType(type)) type.resolveType = (value) => resolveType(value as { id?: string; __typename?: string });
    if (type.name === 'Date') Object.assign(type, { serialize: DateScalar.serialize, parseValue: DateScalar.parseValue, parseLiteral: DateScalar.parseLiteral });
    if (!isObjectType(type)) continue;
    const fields = type.getFields();
    for (const [name, resolve] of Object.entries(monolithResolvers[type.name] ?? {})) {
      if (!fields[name]) throw new Error(`The monolith resolves ${type.name}.${name}, which the API schema lacks`);
      fields[name].resolve = resolve;
    }
  }
  return schema;
}

export interface MonolithOptions {
  supergraphSdl: string;
  pools: Record<Store, pg.Pool>;
  /** Statements each store's pool has sent: what `/metrics` reports. */
  statements: Record<Store, StatementCounter>;
  authenticate: Authenticate;
  port: number;
  host?: string;
}

export async function startMonolith(options: MonolithOptions): Promise<{ url: string; stop(): Promise<void> }> {
  const dbs = Object.fromEntries(STORES.map((store) => [store, poolDb(options.pools[store])])) as MonolithContext['dbs'];
  // The same time limit as the subgraphs' (LINJU_AGGREGATE_CACHE_TTL_MS), read once at start-up.
  const aggregateCacheTtlMs = readAggregateCacheTtl();
  for (const db of Object.values(dbs)) aggregateCacheOf(db, aggregateCacheTtlMs);
  const app = express();
  const httpServer = createServer(app);
  const schema = monolithSchema(options.supergraphSdl);
  const apolloServer = (plugins: ApolloServerPlugin<AuditedMonolithContext>[]) =>
    new ApolloServer<AuditedMonolithContext>({
      schema,
      csrfPrevention: true,
      allowBatchedHttpRequests: false,
      stopOnTerminationSignals: false,
      plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginUsageReportingDisabled(), ...plugins],
    });
  const plain = apolloServer([]);
  const audited = apolloServer([monolithAuditPlugin(dbs)]);
  await Promise.all([plain.start(), audited.start()]);
  app.get('/health', (_req, res) => void res.json({ status: 'ok' }));
  // The same shape of counter as the subgraphs' metrics, one series per store schema.
  app.get('/metrics', (_req, res) => {
    res.type('text/plain').send(STORES.map((store) => `linju_monolith_db_statements_total{store="${store}"} ${options.statements[store].count()}`).join('\n') + '\n');
  });
  for (const [path, apollo] of [[MONOLITH_PATHS.plain, plain], [MONOLITH_PATHS.audited, audited]] as const) {
    app.use(
      path,
      express.json({ limit: '64kb' }),
      expressMiddleware(apollo, {
        context: async ({ req }) => {
          const caller = await options.authenticate(req.headers.authorization);
          const stores = new Set<Store>();
          return Object.assign(new MonolithContext(notingStores(dbs, stores), notingStores(options.pools, stores)), { caller, stores });
        },
      }),
    );
  }
  await new Promise<void>((resolve) => httpServer.listen(options.port, options.host ?? '127.0.0.1', resolve));
  const { port } = httpServer.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    async stop() {
      await Promise.all([plain.stop(), audited.stop()]);
      await new Promise((resolve) => httpServer.close(resolve));
    },
  };
}
