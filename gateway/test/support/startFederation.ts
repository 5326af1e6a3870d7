import '../../src/telemetry.ts';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { print, type DocumentNode } from 'graphql';
import { composeSupergraph, loadSubgraphServices, subgraphs, type SubgraphEntry } from '@linju/schema';
import { randomBytes } from 'node:crypto';
import type { Role, RunningSubgraph, SubgraphOptions } from '@linju/subgraph-kit';
import { createAuthenticator } from '../../src/auth/authenticate.ts';
import { createDevKeys, DEV_AUDIENCE, DEV_ISSUER, mintDevToken, type DevKeys } from '../../src/auth/devKeys.ts';
import { startGateway, type GatewayOptions, type RunningGateway } from '../../src/server.ts';
import type { SubgraphRequest } from '../../src/SubgraphDataSource.ts';

type StartSubgraph = (options: SubgraphOptions) => Promise<RunningSubgraph>;

/** Who a test request is made as: a role with a fresh dev token, anonymous (no token), or a raw Authorization header. */
export interface AsCaller {
  as?: Role | { authorization: string };
}

/** A request the gateway sent to a subgraph. */
export interface RecordedSubgraphRequest extends SubgraphRequest {
  readonly name: string;
}

/** A GraphQL response as the gateway sends it. */
export interface GraphQLResponse<TData> {
  data?: TData | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }>;
}

/** The real subgraphs, seeded, behind a gateway; everything on 127.0.0.1 and free ports. */
export interface Federation {
  readonly gatewayUrl: string;
  readonly subgraphs: Readonly<Record<string, RunningSubgraph>>;
  /** Names of the subgraphs called, in call order, since the start or the last `resetCalls()`. */
  readonly subgraphCalls: string[];
  /** The same calls with their operations, for assertions on what was asked of whom. */
  readonly subgraphRequests: RecordedSubgraphRequest[];
  /** Forgets recorded calls and resets every subgraph's SQL statement count. */
  resetCalls(): void;
  /** POSTs an operation to the gateway, as a viewer unless told otherwise, and returns its parsed JSON response. */
  query<TData = Record<string, unknown>>(
    document: string | DocumentNode,
    variables?: Record<string, unknown>,
    options?: AsCaller,
  ): Promise<GraphQLResponse<TData>>;
  /** A valid token for a role, as the embedded default's issuer would mint it. */
  token(role: Exclude<Role, 'anonymous'>): Promise<string>;
  /** The secret each subgraph shares with the gateway (for tests that forge or replay statements). */
  readonly secrets: Readonly<Record<string, string>>;
  /** The token issuer's keys (for tests that forge tokens). */
  readonly devKeys: DevKeys;
  /** Stops the gateway, then the subgraphs, and deletes their data folders. */
  stop(): Promise<void>;
}

/** How to start the federation; every option defaults to what the tests have always run. */
export interface FederationOptions {
  /** Runs the gateway and every subgraph in production mode (as with LINJU_ENV=production). @default false */
  production?: boolean;
  /** The gateway's query limits; those left out keep their defaults. */
  limits?: GatewayOptions['limits'];
  /** The gateway's request body limit in bytes. */
  maxBodyBytes?: number;
  /** Where the gateway logs masked and unexpected errors. @default console.error */
  log?: (message: string) => void;
}

interface StartedSubgraph {
  readonly running: RunningSubgraph;
  readonly dataDir: string;
}

async function startOne(entry: SubgraphEntry, gatewaySecret: string, production: boolean): Promise<StartedSubgraph> {
  const dataDir = await mkdtemp(join(tmpdir(), `linju-${entry.name}-`));
  try {
    const module: { startSubgraph: StartSubgraph } = await import(entry.package);
    // Not durable: a throwaway cluster need not fsync, which saves seconds per start.
    const running = await module.startSubgraph({ port: 0, host: '127.0.0.1', dataDir, seed: true, durable: false, gatewaySecret, production });
    return { running, dataDir };
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}

async function stopAll(started: readonly StartedSubgraph[]): Promise<void> {
  await Promise.allSettled(started.map(({ running }) => running.stop()));
  await Promise.all(started.map(({ dataDir }) => rm(dataDir, { recursive: true, force: true })));
}

/**
 * Starts the federation for an integration test. The supergraph is composed in memory from
 * the subgraphs' current SDL, so tests never run against a stale committed file.
 */
export async function startFederation(options: FederationOptions = {}): Promise<Federation> {
  const production = options.production ?? false;
  const secrets = Object.fromEntries(subgraphs.map((entry) => [entry.name, randomBytes(32).toString('base64url')]));
  const devKeys = await createDevKeys();
  const settled = await Promise.allSettled(subgraphs.map((entry) => startOne(entry, secrets[entry.name]!, production)));
  const started = settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const failure = settled.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failure) {
    await stopAll(started);
    throw failure.reason;
  }

  const subgraphCalls: string[] = [];
  const subgraphRequests: RecordedSubgraphRequest[] = [];
  const running: Record<string, RunningSubgraph> = Object.fromEntries(
    started.map(({ running: subgraph }) => [subgraph.name, subgraph]),
  );
  let gateway: RunningGateway;
  try {
    const { supergraphSdl } = await composeSupergraph(await loadSubgraphServices());
    gateway = await startGateway({
      supergraphSdl,
      subgraphUrls: Object.fromEntries(started.map(({ running: subgraph }) => [subgraph.name, subgraph.url])),
      port: 0,
      host: '127.0.0.1',
      subgraphSecrets: secrets,
      authenticate: createAuthenticator({ keys: devKeys.jwks, issuer: DEV_ISSUER, audience: DEV_AUDIENCE }),
      production,
      ...(options.limits && { limits: options.limits }),
      ...(options.maxBodyBytes !== undefined && { maxBodyBytes: options.maxBodyBytes }),
      ...(options.log && { log: options.log }),
      onSubgraphRequest(name, request) {
        subgraphCalls.push(name);
        subgraphRequests.push({ name, ...request });
      },
    });
  } catch (error) {
    await stopAll(started);
    throw error;
  }

  return {
    gatewayUrl: gateway.url,
    subgraphs: running,
    subgraphCalls,
    subgraphRequests,
    resetCalls() {
      subgraphCalls.length = 0;
      subgraphRequests.length = 0;
      for (const subgraph of Object.values(running)) subgraph.statements.reset();
    },
    secrets,
    devKeys,
    token: (role) => mintDevToken(devKeys, role, `test-${role}`),
    async query<TData>(document: string | DocumentNode, variables?: Record<string, unknown>, options: AsCaller = {}) {
      const as = options.as ?? 'viewer';
      const authorization = typeof as === 'object' ? as.authorization : as === 'anonymous' ? undefined : `Bearer ${await mintDevToken(devKeys, as, `test-${as}`)}`;
      const response = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(authorization && { authorization }) },
        body: JSON.stringify({ query: typeof document === 'string' ? document : print(document), variables }),
      });
      const text = await response.text();
      try {
        return JSON.parse(text) as GraphQLResponse<TData>;
      } catch {
        throw new Error(`Gateway answered ${response.status} with non-JSON: ${text.slice(0, 500)}`);
      }
    },
    async stop() {
      await gateway.stop();
      await stopAll(started);
    },
  };
}
