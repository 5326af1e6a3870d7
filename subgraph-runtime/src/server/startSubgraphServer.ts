import { createServer } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { Server as TlsServer } from 'node:tls';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginUsageReportingDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginInlineTraceDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import type { DocumentNode } from 'graphql';
import type { Caller, ClaimStatement } from '@linju/access';
import { CALLER_HEADER, CallerRejected, CallerVerifier, operationDigest } from '@linju/access';
import { everyMinuteAtMost, latestCertificate, listenOn, watchCertificateExpiry } from '@linju/observability';
import { CLIENT_CA } from './readSubgraphConfig.ts';
import { storeWatch } from './storeWatch.ts';
import { jsonErrorHandler, maskInternalErrors, notFoundHandler } from '@linju/observability';
import { createLogger } from '@linju/observability';
import { serverObservability, type ServerObservability } from '@linju/observability';
import { SUBGRAPH_MAX_BODY_BYTES, type ResolverMap } from '@linju/contract';
import { healthRouter } from './healthRouter.ts';
import { logTlsClientRefusals } from './tlsClientRefusals.ts';
import type { StoreFree } from './storeFreeOperations.ts';
import { databaseErrorFormatter } from './databaseErrorFormatter.ts';
import { callerRefusalMessage } from './callerRefusal.ts';
import { oneWritePlugin } from './oneWritePlugin.ts';
import { databaseUnavailableError, isDatabaseUnavailable } from '../database/databaseUnavailable.ts';

/** HTTPS for a subgraph: its certificate and key, and for mutual TLS the CA of its clients' certificates (PEM text). */
export interface ServerTls {
  cert: string;
  key: string;
  /** Set: a client without a certificate this CA signed is refused during the handshake (mutual TLS). */
  clientCa?: string;
}

export interface SubgraphServerOptions<Context extends object> {
  name: string;
  typeDefs: DocumentNode;
  resolvers: ResolverMap;
  /**
   * Builds the per-request context (fresh DataLoaders for each request) for the caller the gateway
   * vouched for, and what the server found of the request (`storeFree`: it reads nothing, so its
   * audit has nothing to record).
   */
  context: (caller: Caller, request: SubgraphRequest) => Context;
  /** The secret this subgraph shares with the gateway (then the previous one, during a rollover): requests signed with neither are refused. */
  gatewaySecret: string | readonly string[];
  /**
   * Records each accepted caller statement so it is accepted once (see `storeStatementClaims`: in
   * the store, across replicas). A claim that fails because the store cannot be reached answers
   * DATABASE_UNAVAILABLE: nothing is served on a statement that could not be checked.
   * @default this process's memory
   */
  claimStatement?: ClaimStatement;
  /** 0 picks a free port. */
  port: number;
  host: string;
  /** Serve HTTPS (and require client certificates when `clientCa` is set). @default plain HTTP */
  tls?: ServerTls;
  /**
   * Requests that read nothing from the store (see `storeFreeOperations`): their caller statement is
   * checked but not claimed. @default none
   */
  storeFree?: StoreFree;
  /** Told of every request refused for want of a valid statement from the gateway (to audit it). */
  onRefused?: (request: { query?: unknown; operationName?: unknown }) => void;
  /** The subgraph's own request plugins (access rules, audit), run for every operation. */
  plugins?: ApolloServerPlugin<Context>[];
  /**
   * Production mode (see `isProduction`): no introspection, no field suggestions, no stack
   * traces, internal errors masked. @default false
   */
  production?: boolean;
  /** Its logs, traces and metrics (see `serverObservability`). @default JSON logs at LOG_LEVEL, the global tracer provider */
  observability?: ServerObservability;
  /** Readiness: resolves when the store answers (see `healthRouter`'s `GET /ready`). @default always ready */
  ready?: () => Promise<void>;
}

/** What the server found of a request before its operation runs. */
export interface SubgraphRequest {
  /** It reads nothing from the store (see `storeFreeOperations`): not claimed, and nothing to audit unless it fails. */
  storeFree: boolean;
}

export interface SubgraphServer {
  url: string;
  stop(): Promise<void>;
}

function parseGet(query: Record<string, unknown>): { query?: string; variables?: unknown; operationName?: string } {
  const operationName = typeof query.operationName === 'string' ? query.operationName : undefined;
  try {
    return { query: query.query as string | undefined, variables: query.variables ? JSON.parse(String(query.variables)) : undefined, operationName };
  } catch {
    return { query: query.query as string | undefined, variables: undefined, operationName };
  }
}

/**
 * A subgraph's HTTP server: `POST /graphql` for the gateway, `GET /health` and `GET /ready` for
 * whoever runs it.
 * No landing page, usage reporting, schema reporting or inline traces: a subgraph talks to its
 * gateway and nothing else, and no traffic leaves the machine. No cache-control hints or ETags
 * either: nothing reads them, and each cost CPU on every request (per field, per answer).
 */
export async function startSubgraphServer<Context extends object>(options: SubgraphServerOptions<Context>): Promise<SubgraphServer> {
  const app = express();
  app.disable('x-powered-by');
  // No ETag: the gateway never revalidates, and hashing every answer cost CPU on every request.
  app.disable('etag');
  const { tls } = options;
  const httpServer = tls
    ? createTlsServer({ cert: tls.cert, key: tls.key, minVersion: 'TLSv1.2', ...(tls.clientCa && { ca: tls.clientCa, requestCert: true, rejectUnauthorized: true }) }, app)
    : createServer(app);
  const production = options.production ?? false;
  const observability = options.observability ?? serverObservability({ name: options.name, kind: 'subgraph', logger: createLogger(options.name) });
  const { logger } = observability;
  if (tls) logTlsClientRefusals(httpServer as TlsServer, logger);
  // An expired one is refused at start (readSubgraphConfig); one close to it is said now and daily, and so is the client CA's (a bundle's longest-lived).
  const stopWatches = [
    ...(tls ? [watchCertificateExpiry(logger, 'LINJU_TLS_CERT', tls.cert, "the subgraph's certificate")] : []),
    ...(tls?.clientCa ? [watchCertificateExpiry(logger, 'LINJU_TLS_CLIENT_CA', latestCertificate(tls.clientCa), CLIENT_CA)] : []),
  ];
  const stopCertificateWatch = () => stopWatches.forEach((stop) => stop());
  const apollo = new ApolloServer<Context>({
    logger,
    // Explicit whatever NODE_ENV says: LINJU_ENV=production alone must be enough.
    introspection: !production,
    hideSchemaDetailsFromClientErrors: production,
    // A store that cannot be reached answers DATABASE_UNAVAILABLE naming it, never Prisma's raw
    // message; in every mode any other internal error is masked (the log keeps it), with no stack. The
    // one-write rule's refusal is the client's, as at the gateway.
    formatError: databaseErrorFormatter(options.name, maskInternalErrors({ keep: ['TOO_MANY_WRITES'], log: (message) => logger.error(message), suggestions: !production })),
    includeStacktraceInErrorResponses: false,
    // The process's entry point owns the signals: it stops the server, then the pool, then
    // PostgreSQL. Apollo's own handler would race it and re-raise the signal mid-shutdown.
    stopOnTerminationSignals: false,
    schema: buildSubgraphSchema([{ typeDefs: options.typeDefs, resolvers: options.resolvers as never }]),
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      // No cache hints are used: without it Apollo does not wrap every field's resolver to collect them.
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // One write a request, as at the gateway: before the subgraph's own rules, so it is what a mutation of several is told.
      oneWritePlugin(),
      ...(options.plugins ?? []),
      // Last, so it sees the answer as sent (after the audit's).
      observability.plugin(),
    ],
  });
  await apollo.start();
  app.use(healthRouter({ name: options.name, ...(options.ready && { ready: options.ready }) }));
  app.get('/metrics', observability.metricsHandler);
  const verifier = new CallerVerifier(options.gatewaySecret, options.name, options.claimStatement);
  // A statement this subgraph's secret does not verify: a stranger, or a gateway configured with
  // another secret. Said as such, a few times a minute at most (a stranger must not flood the log).
  const warnSignature = everyMinuteAtMost(
    3,
    (message: string) => logger.warn({ reason: 'signature' }, `refused a caller statement: ${message}`),
    (dropped) => logger.warn({ reason: 'signature', dropped }, `refused ${dropped} more caller statements with a signature this subgraph's secret does not verify`),
  );
  const callers = new WeakMap<express.Request, { caller: Caller; request: SubgraphRequest }>();
  app.use('/graphql', observability.middleware, storeWatch(options.name, logger));
  app.use('/graphql', express.json({ limit: SUBGRAPH_MAX_BODY_BYTES }), async (req, res, next) => {
    // Nothing is answered without the gateway's fresh statement of who asks, made for this very
    // operation: not `_service`, not `_entities`. A subgraph reached directly reveals nothing.
    const { query, variables, operationName } = req.method === 'GET' ? parseGet(req.query) : (req.body ?? {});
    try {
      // Whether to claim is asked only of a statement that proved itself: a stranger's text is never parsed.
      const request: SubgraphRequest = { storeFree: false };
      const claim = () => !(request.storeFree = options.storeFree?.(query, variables) ?? false);
      const caller = await verifier.verify(req.header(CALLER_HEADER), operationDigest(query, variables, operationName), { claim });
      callers.set(req, { caller, request });
      next();
    } catch (error) {
      if (isDatabaseUnavailable(error)) {
        // The claim could not reach the store: answered as any request the store fails, naming it.
        const { message, extensions } = databaseUnavailableError(options.name);
        return void res.status(200).json({ data: null, errors: [{ message, extensions }] });
      }
      if (!(error instanceof CallerRejected)) return next(error);
      options.onRefused?.({ query, operationName: req.method === 'GET' ? req.query.operationName : req.body?.operationName });
      if (error.reason === 'signature') warnSignature(error.message);
      res.status(401).json({ errors: [{ message: callerRefusalMessage(error), extensions: { code: 'UNAUTHENTICATED', reason: error.reason } }] });
    }
  });
  app.use('/graphql', expressMiddleware(apollo, { context: async ({ req, res }) => observability.context(res, () => {
          const { caller, request } = callers.get(req)!;
          return options.context(caller, request);
        }) }));
  app.use(notFoundHandler());
  app.use(jsonErrorHandler((message) => logger.error(message)));
  const { port } = await listenOn(httpServer, { port: options.port, host: options.host, portVariable: `${options.name.toUpperCase()}_PORT`, hostVariable: 'LINJU_HOST' });
  return {
    url: `${tls ? 'https' : 'http'}://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}/graphql`,
    stop: () => (stopCertificateWatch(), apollo.stop()),
  };
}
