import './telemetry.ts';
import { createServer } from 'node:http';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import type { TracerProvider } from '@opentelemetry/api';
import { createLogger, everyMinuteAtMost, latestCertificate, listenOn, serverObservability, type Logger, watchCertificateExpiry } from '@linju/observability';
import express from 'express';
import { dashboardRouter } from './dashboardRouter.ts';
import { documentsRouter } from './documentsRouter.ts';
import { explorerRouter } from './explorerRouter.ts';
import { loadExamples } from './loadExamples.ts';
import { jsonErrorHandler, maskInternalErrors, notFoundHandler } from '@linju/observability';
import { gatewaySecretVariable, type Caller } from '@linju/access';
import type { Authenticate } from './auth/authenticate.ts';
import { NO_SIGN_IN, signInRouter, type SignInSettings } from './auth/signIn.ts';
import { DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_IMPORT_BODY_BYTES, SUBGRAPH_CA } from './config.ts';
import { DEFAULT_QUERY_LIMITS, LIMIT_ERROR_CODES, type QueryLimits } from './limits/QueryLimits.ts';
import { checkReferencesPlugin, type ExecuteRead } from './operations/checkReferencesPlugin.ts';
import { dateLiteralsPlugin } from './operations/dateLiteralsPlugin.ts';
import { operationResolutionPlugin } from './operations/operationResolutionPlugin.ts';
import { queryCostPlugin } from './limits/queryCostPlugin.ts';
import { oneWritePlugin } from './limits/oneWritePlugin.ts';
import { queryShapeLimits } from './limits/queryShapeLimits.ts';
import { ResponseCache } from './cache/ResponseCache.ts';
import { responseCachePlugin } from './cache/responseCachePlugin.ts';
import { requestBody } from './limits/requestBody.ts';
import { capVariableErrors } from './limits/variableErrors.ts';
import { refuseOtherContentTypes } from './limits/contentType.ts';
import { contractDeclarations } from '@linju/schema/subgraphs';
import { DeclarationsDataSource } from './DeclarationsDataSource.ts';
import { SubgraphDataSource, type SubgraphRequestListener } from './SubgraphDataSource.ts';
import { operationRegistry, type RegisteredOperationsOptions } from './operations/registeredOperations.ts';
import { createSubgraphFetchMetrics, observeSubgraphFetches } from './observability/observeSubgraphFetches.ts';
import { apolloLogger } from './observability/apolloLogger.ts';
import { gatewayHealthRouter, READINESS_TIMEOUT_MS } from './health/gatewayHealthRouter.ts';
import { MemberStates } from './health/memberStates.ts';
export { MEMBER_RECOVERY_QUIET_MS } from './health/memberStates.ts';
import { createSubgraphConnections } from './resilience/subgraphConnections.ts';
import type { SubgraphClientTls } from './resilience/subgraphFetcher.ts';
import { SUBGRAPH_FAILURE_CODES, subgraphLabels } from './resilience/subgraphFailure.ts';

/** The pages a person who mistyped an address may have meant: the not-found page links them. */
const GATEWAY_PAGES = [
  { href: '/dashboard/', label: '遂潼邻聚党建 · 联合看板' },
  { href: '/', label: '接口浏览器（GraphQL explorer）' },
];

/** Per-request context of the gateway: who is calling. */
export interface GatewayContext {
  caller: Caller;
}

/** How to build a gateway. */
export interface GatewayOptions {
  /** The static supergraph SDL, as composed by `@linju/schema`. */
  supergraphSdl: string;
  /**
   * Where each subgraph answers, by subgraph name. The URLs recorded in the supergraph are
   * defaults only: a subgraph missing here is called at its supergraph URL.
   */
  subgraphUrls: Record<string, string>;
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** Interface to bind. Default 127.0.0.1. */
  host?: string;
  /** Called before each request to a subgraph, with the subgraph's name and the operation. */
  onSubgraphRequest?: SubgraphRequestListener;
  /** The secret shared with each subgraph, by subgraph name: every subgraph request is signed with its own. */
  subgraphSecrets: Record<string, string>;
  /** Who the caller is, from the request's Authorization header. */
  authenticate: Authenticate;
  /** What the pages sign in with, served at `/auth/config.json`. @default `{ issuer: null }`: no sign-in */
  signIn?: SignInSettings;
  /** Origins of the identity provider the pages call from the browser (token endpoint): their Content-Security-Policy allows them. @default none */
  signInOrigins?: readonly string[];
  /**
   * Production mode: no introspection, no "Did you mean" suggestions, no stack traces, and every
   * error whose code is not the client's masked as "服务器内部错误… / Internal server error". @default false
   */
  production?: boolean;
  /** What one request may ask; a limit left out keeps its default ({@link DEFAULT_QUERY_LIMITS}). */
  limits?: Partial<QueryLimits>;
  /** The largest request body, in bytes. @default 65536 */
  maxBodyBytes?: number;
  /** The largest body of an import call (`LINJU_MAX_IMPORT_BODY_BYTES`). @default DEFAULT_MAX_IMPORT_BODY_BYTES */
  maxImportBodyBytes?: number;
  /** Registered-only mode (`LINJU_REGISTERED_OPERATIONS_ONLY`) and the APQ cache. @default every operation; APQ in memory */
  registeredOperations?: RegisteredOperationsOptions;
  /** Where errors masked in production and unexpected ones are logged. @default the logger, at level error */
  log?: (message: string) => void;
  /** Where its JSON log lines go (one per request, with its ID). @default `createLogger('gateway')`: standard output, at LOG_LEVEL */
  logger?: Logger;
  /** Where its spans go (tests pass one with an in-memory exporter). @default the global provider (see `startTracing`) */
  tracerProvider?: TracerProvider;
  /** How long to wait for each subgraph, in milliseconds, by subgraph name. @default 5000 each */
  subgraphTimeoutsMs?: Record<string, number>;
  /** Further attempts of a read (never a mutation) after a refused or dropped connection or a 5xx. @default 1 */
  subgraphRetries?: number;
  /** Wait before retrying, in milliseconds. @default 100 */
  retryBackoffMs?: number;
  /**
   * For subgraphs at https URLs: the CA their certificates must chain to and the gateway's client
   * certificate for mutual TLS (`LINJU_SUBGRAPH_CA`, `LINJU_GATEWAY_TLS_CERT`/`_KEY`). @default Node's trusted CAs, no client certificate
   */
  subgraphTls?: SubgraphClientTls;
  /**
   * How long a public answer may be served from the gateway's response cache, in milliseconds
   * (`LINJU_RESPONSE_CACHE_TTL_MS`; see `cache/responseCachePlugin.ts`). @default 0: off, every
   * request reaches the subgraphs
   */
  responseCacheTtlMs?: number;
  /**
   * Where the documents server answers (`LINJU_DOCUMENTS_URL`): `/documents/` is passed through to
   * it (see documentsRouter.ts). @default none: `/documents/` is not served
   */
  documentsUrl?: string;
  /** The balancers whose `X-Forwarded-For` names the client in the request log line (`LINJU_TRUSTED_PROXIES`). @default none: the socket's peer */
  trustedProxies?: ReadonlySet<string>;
  /** How long a member that failed must go without failing before the log says it is back (see health/memberStates.ts). @default 5000 */
  memberRecoveryQuietMs?: number;
  /** The clock that quiet is measured by, in milliseconds (tests pass one they move, instead of waiting). @default Date.now */
  memberClock?: () => number;
}

/** A gateway that is listening. */
export interface RunningGateway {
  /** The GraphQL endpoint, `http://host:port/graphql`; the explorer is at `/`. */
  url: string;
  /** Stops accepting requests, drains open ones and releases the port. */
  stop(): Promise<void>;
}

function urlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/** Builds the federation's gateway over a static supergraph and starts listening. */
export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const { supergraphSdl, subgraphUrls, port = 0, host = '127.0.0.1', onSubgraphRequest, subgraphSecrets, authenticate } = options;
  const observability = serverObservability({
    name: 'gateway',
    kind: 'gateway',
    logger: options.logger ?? createLogger('gateway'),
    ...(options.tracerProvider && { tracerProvider: options.tracerProvider }),
    ...(options.trustedProxies && { trustedProxies: options.trustedProxies }),
  });
  const fetchMetrics = createSubgraphFetchMetrics(observability);
  // Each member's state as requests and /ready checks meet it: a warning when it becomes unavailable, a line when it is back.
  const members = new MemberStates({ logger: observability.logger, registry: observability.registry, ...(options.memberRecoveryQuietMs !== undefined && { quietMs: options.memberRecoveryQuietMs }), ...(options.memberClock && { now: options.memberClock }) });
  const { production = false, maxBodyBytes = DEFAULT_MAX_BODY_BYTES, maxImportBodyBytes = DEFAULT_MAX_IMPORT_BODY_BYTES, log = (message: string) => observability.logger.error(message) } = options;
  const limits: QueryLimits = { ...DEFAULT_QUERY_LIMITS, ...options.limits };
  const served = new Set<string>();
  const targets: Record<string, string> = {};
  // Said as what it is, a few times a minute at most: the subgraph says the same on its side.
  const warnSecretMismatch = everyMinuteAtMost(
    5,
    (name: string) =>
      observability.logger.error({ subgraph: name, reason: 'secret-mismatch' }, `the ${name} subgraph refuses the gateway's signature: the gateway and the subgraph hold different values of ${gatewaySecretVariable(name)}`),
    () => undefined,
  );
  const connections = createSubgraphConnections({ timeoutsMs: options.subgraphTimeoutsMs, retries: options.subgraphRetries, backoffMs: options.retryBackoffMs, ...(options.subgraphTls && { tls: options.subgraphTls }) });
  // An expired one is refused at start (readGatewayConfig); one close to it is said now and daily, and so is the subgraphs' CA's (a bundle's longest-lived).
  const { cert: clientCertificate, ca } = options.subgraphTls ?? {};
  const stopWatches = [
    ...(clientCertificate ? [watchCertificateExpiry(observability.logger, 'LINJU_GATEWAY_TLS_CERT', clientCertificate, "the gateway's client certificate")] : []),
    ...(ca ? [watchCertificateExpiry(observability.logger, 'LINJU_SUBGRAPH_CA', latestCertificate(ca), SUBGRAPH_CA)] : []),
  ];
  const stopCertificateWatch = () => stopWatches.forEach((stop) => stop());
  // Apollo's own messages as Linju's lines: structured, one line each.
  const apolloLog = apolloLogger(observability.logger);
  const gateway = new ApolloGateway({
    logger: apolloLog,
    supergraphSdl,
    buildService({ name, url }) {
      // Composed for its declarations, called by no plan: no URL, secret or readiness check.
      if (name === contractDeclarations.name) return new DeclarationsDataSource(name);
      served.add(name);
      const target = subgraphUrls[name] ?? url;
      if (target === undefined) throw new Error(`No URL for subgraph "${name}"`);
      const secret = subgraphSecrets[name];
      if (!secret) throw new Error(`No secret shared with subgraph "${name}"`);
      targets[name] = target;
      return observeSubgraphFetches(
        name,
        new SubgraphDataSource(name, target, secret, onSubgraphRequest, { ...connections.connectionFor(name), onSecretMismatch: warnSecretMismatch }),
        observability,
        fetchMetrics,
        members,
      );
    },
  });
  // At most MAX_VARIABLE_ERRORS errors of the variables' coercion, not one per field sent.
  capVariableErrors(gateway);

  const app = express();
  // Nothing says which software answers.
  app.disable('x-powered-by');
  // No ETag on what the app sends itself: nothing revalidates a GraphQL answer, and hashing each one
  // cost CPU per request. Static files and pages keep theirs (express.static and sendFile make their
  // own); the small JSON of the explorer's examples and the sign-in settings is sent whole each time.
  app.disable('etag');
  const httpServer = createServer(app);
  const operations = await operationRegistry(options.registeredOperations);
  // Every error a client gets goes through it: Apollo Server's own answers, and the answers a plugin
  // gives in place of the operation's (the reference check's refusals), which Apollo sends as they are.
  // A subgraph's internal error, masked, still says whose it was (its labels: withSubgraphLabels), by the gateway's names alone:
  // `subgraph` and `jurisdiction`, not Apollo's `serviceName`, the same as `subgraph` (docs/api.md, Error codes).
  const sourceOf = (extensions: Readonly<Record<string, unknown>>) => {
    const name = extensions['subgraph'] ?? extensions['serviceName'];
    if (typeof name !== 'string' || !Object.hasOwn(subgraphUrls, name)) return undefined;
    const { subgraph, jurisdiction } = subgraphLabels(name);
    return { subgraph, jurisdiction };
  };
  const formatError = maskInternalErrors({ keep: [...LIMIT_ERROR_CODES, ...SUBGRAPH_FAILURE_CODES], log, suggestions: !production, sourceOf });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    // Automatic persisted queries, in memory; in registered-only mode preloaded with the manifest and closed to others.
    persistedQueries: operations.persistedQueries,
    logger: apolloLog,
    // Explicit whatever NODE_ENV says, so LINJU_ENV=production alone is enough. In development
    // the explorer introspects and suggestions help. In every mode an internal error reaches the
    // client as a code and a plain message, never a stack or a library's text (the log keeps them).
    introspection: !production,
    hideSchemaDetailsFromClientErrors: production,
    includeStacktraceInErrorResponses: false,
    formatError,
    // A browser cannot send a GraphQL request cross-site without a CORS preflight: a GET or a
    // form-encoded / text/plain POST must carry a header no form can set.
    csrfPrevention: true,
    // One operation per request: a batch would multiply every limit below by its length.
    allowBatchedHttpRequests: false,
    // queryShapeLimits counts tokens first; this is the parser's own backstop.
    parseOptions: { maxTokens: limits.maxTokens },
    // Signals belong to the process's entry point, not to a factory that tests start many times.
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // Apollo's landing page loads its CDN; ours at `/` is served from local files.
      ApolloServerPluginLandingPageDisabled(),
      // Explicit, so an APOLLO_KEY in the environment can never start reporting to Apollo.
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      // No cache-control hints are read (the response cache decides from the operation's fields):
      // without it Apollo does not wrap every field's resolution to collect them.
      ApolloServerPluginCacheControlDisabled(),
      // No single operation to run, or a subscription: the client's error (400), not the planner's (500).
      operationResolutionPlugin(),
      // One write a request: a mutation of several root fields is refused whole, before planning.
      oneWritePlugin(),
      // Dates written in the document are checked here as the subgraphs check variables: BAD_USER_INPUT.
      dateLiteralsPlugin(),
      // Lists and estimated cost, once the operation and its variables are known, before planning.
      queryCostPlugin(limits),
      // Public answers from memory, after the limits have accepted the request; writes empty it.
      responseCachePlugin(new ResponseCache(options.responseCacheTtlMs ?? 0)),
      // A write naming other stores' records is sent only once their homes say they exist (its own query plan, as the caller).
      checkReferencesPlugin(() => gateway.executor as unknown as ExecuteRead, formatError),
      // Last: the operation, and the error codes of the answer as sent.
      observability.plugin(),
    ],
  });
  await apollo.start();
  try {
    // Catches a typo in an override instead of silently calling the default URL.
    const unknown = Object.keys(subgraphUrls).filter((name) => !served.has(name));
    if (unknown.length > 0) {
      throw new Error(`subgraphUrls names subgraphs absent from the supergraph: ${unknown.join(', ')}`);
    }
    // Alive and ready (each subgraph's state): no token, nothing sensitive.
    app.use(
      gatewayHealthRouter({
        subgraphUrls: () => targets,
        secrets: subgraphSecrets,
        onSecretMismatch: warnSecretMismatch,
        fetch: connections.probe(READINESS_TIMEOUT_MS),
        members,
        ...(options.documentsUrl && { documentsUrl: options.documentsUrl }),
      }),
    );
    // First: the request's ID, its span, and its log line and metrics whatever answers it.
    app.use('/graphql', observability.middleware);
    // No answer is kept by a browser's or a proxy's cache (Apollo's cache-control plugin, off above,
    // said the same of every answer): a GET's answer may hold personal data.
    app.use('/graphql', (_request, response, next) => {
      response.setHeader('cache-control', 'no-store');
      next();
    });
    app.use(
      '/graphql',
      ...requestBody(maxBodyBytes, { maxBytes: maxImportBodyBytes, maxTokens: limits.maxTokens }),
      // A body of another content type, said as such rather than as an empty body.
      refuseOtherContentTypes(),
      // Registered-only mode: unknown operations are refused before anything else looks at them.
      ...operations.middleware,
      // Tokens, depth and aliases, before Apollo parses and validates.
      queryShapeLimits(limits),
      expressMiddleware(apollo, { context: async ({ req, res }) => observability.context(res, async () => ({ caller: await authenticate(req.headers.authorization) })) }),
    );
    app.get('/metrics', observability.metricsHandler);
    app.use(signInRouter(options.signIn ?? NO_SIGN_IN));
    if (options.documentsUrl) app.use('/documents', documentsRouter(options.documentsUrl, { logger: observability.logger, registry: observability.registry, members, ...(options.trustedProxies && { trustedProxies: options.trustedProxies }) }));
    app.use('/dashboard', dashboardRouter(undefined, options.signInOrigins));
    app.use(explorerRouter(await loadExamples(), undefined, options.signInOrigins));
    app.use(notFoundHandler(GATEWAY_PAGES));
    app.use(jsonErrorHandler(log));
    const address = await listenOn(httpServer, { port, host, portVariable: 'PORT', hostVariable: 'HOST' });
    return {
      url: `http://${urlHost(host)}:${address.port}/graphql`,
      stop: () => apollo.stop().finally(() => (stopCertificateWatch(), connections.close())),
    };
  } catch (error) {
    stopCertificateWatch();
    await apollo.stop();
    connections.close();
    throw error;
  }
}
