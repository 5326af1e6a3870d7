import './telemetry.ts';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { explorerRouter } from './explorerRouter.ts';
import { loadExamples } from './loadExamples.ts';
import { jsonErrorHandler, maskInternalErrors, type Caller } from '@linju/subgraph-kit';
import type { Authenticate } from './auth/authenticate.ts';
import { DEFAULT_MAX_BODY_BYTES } from './config.ts';
import { DEFAULT_QUERY_LIMITS, LIMIT_ERROR_CODES, type QueryLimits } from './limits/QueryLimits.ts';
import { queryCostPlugin } from './limits/queryCostPlugin.ts';
import { queryShapeLimits } from './limits/queryShapeLimits.ts';
import { requestBody } from './limits/requestBody.ts';
import { SubgraphDataSource, type SubgraphRequestListener } from './SubgraphDataSource.ts';

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
  /**
   * Production mode: no introspection, no "Did you mean" suggestions, no stack traces, and every
   * error whose code is not the client's masked as "Internal server error". @default false
   */
  production?: boolean;
  /** What one request may ask; a limit left out keeps its default ({@link DEFAULT_QUERY_LIMITS}). */
  limits?: Partial<QueryLimits>;
  /** The largest request body, in bytes. @default 65536 */
  maxBodyBytes?: number;
  /** Where errors masked in production and unexpected ones are logged. @default console.error */
  log?: (message: string) => void;
}

/** A gateway that is listening. */
export interface RunningGateway {
  /** The GraphQL endpoint, `http://host:port/graphql`; the explorer is at `/`. */
  url: string;
  /** Stops accepting requests, drains open ones and releases the port. */
  stop(): Promise<void>;
}

function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

function urlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/** Builds the federation's gateway over a static supergraph and starts listening. */
export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const { supergraphSdl, subgraphUrls, port = 0, host = '127.0.0.1', onSubgraphRequest, subgraphSecrets, authenticate } = options;
  const { production = false, maxBodyBytes = DEFAULT_MAX_BODY_BYTES, log = (message: string) => console.error(`[gateway] ${message}`) } = options;
  const limits: QueryLimits = { ...DEFAULT_QUERY_LIMITS, ...options.limits };
  const served = new Set<string>();
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService({ name, url }) {
      served.add(name);
      const target = subgraphUrls[name] ?? url;
      if (target === undefined) throw new Error(`No URL for subgraph "${name}"`);
      const secret = subgraphSecrets[name];
      if (!secret) throw new Error(`No secret shared with subgraph "${name}"`);
      return new SubgraphDataSource(name, target, secret, onSubgraphRequest);
    },
  });

  const app = express();
  // Nothing says which software answers.
  app.disable('x-powered-by');
  const httpServer = createServer(app);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    // Explicit whatever NODE_ENV says, so LINJU_ENV=production alone is enough. In development
    // the explorer introspects and suggestions help; Apollo's default decides on stack traces.
    introspection: !production,
    hideSchemaDetailsFromClientErrors: production,
    ...(production && { includeStacktraceInErrorResponses: false, formatError: maskInternalErrors({ keep: LIMIT_ERROR_CODES, log }) }),
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
      // Lists and estimated cost, once the operation and its variables are known, before planning.
      queryCostPlugin(limits),
    ],
  });
  await apollo.start();
  try {
    // Catches a typo in an override instead of silently calling the default URL.
    const unknown = Object.keys(subgraphUrls).filter((name) => !served.has(name));
    if (unknown.length > 0) {
      throw new Error(`subgraphUrls names subgraphs absent from the supergraph: ${unknown.join(', ')}`);
    }
    app.use(
      '/graphql',
      ...requestBody(maxBodyBytes),
      // Tokens, depth and aliases, before Apollo parses and validates.
      queryShapeLimits(limits),
      expressMiddleware(apollo, { context: async ({ req }) => ({ caller: await authenticate(req.headers.authorization) }) }),
    );
    app.use(explorerRouter(await loadExamples()));
    app.use(jsonErrorHandler(log));
    const address = await listen(httpServer, port, host);
    return {
      url: `http://${urlHost(host)}:${address.port}/graphql`,
      stop: () => apollo.stop(),
    };
  } catch (error) {
    await apollo.stop();
    throw error;
  }
}
