import '@linju/gateway/telemetry';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { print, type DocumentNode } from 'graphql';
import { composeSupergraph, loadSubgraphServices, subgraphs, type SubgraphEntry } from '@linju/schema';
import { randomBytes } from 'node:crypto';
import type { Role } from '@linju/access';
import type { RunningSubgraph, SubgraphOptions } from '@linju/subgraph-runtime';
import { createLogger, createTracerProvider, type DestinationStream } from '@linju/observability';
import type { SpanExporter } from '@linju/observability';
import { createAuthenticator, type AuthenticationOptions } from '@linju/gateway/authenticate';
import { discoverIssuer } from '@linju/gateway/discoverIssuer';
import { remoteJwks } from '@linju/gateway/remoteJwks';
import { DEFAULT_SIGN_IN_CLIENTS, DEFAULT_SIGN_IN_SCOPE, NO_SIGN_IN } from '@linju/gateway/signIn';
import { freePort } from '@linju/subgraph-runtime';
import { createDevKeys, DEV_AUDIENCE, DEV_ISSUER, mintDevToken, type DevKeys } from '@linju/gateway/devKeys';
import { startGateway, type GatewayOptions, type RunningGateway } from '@linju/gateway';
import type { SubgraphRequest } from '@linju/gateway/dataSource';
import { FaultProxy } from './FaultProxy.ts';
import { ServiceProcess } from './ServiceProcess.ts';
import { storeFromTemplate } from './storeTemplates.ts';

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
  /** The development identity provider the gateway trusts, when started with `identityProvider`. */
  readonly identity?: IdentityProviderProcess;
  /** Stops the gateway, then the subgraphs (and the identity provider), and deletes their data folders. */
  stop(): Promise<void>;
  /** The fault injector in front of each subgraph started here, by name; empty unless `proxied`. */
  readonly proxies: Readonly<Record<string, FaultProxy>>;
  /** Stops a subgraph started here (its server, pool and PostgreSQL) as an outage would, keeping its data and URL. */
  stopSubgraph(name: string): Promise<void>;
  /** Starts a stopped subgraph again, at the same URL and over the same data; `subgraphs[name]` is the new one. */
  startSubgraph(name: string): Promise<void>;
}

/** The development identity provider (identity/src/index.ts) as its own process, as `npm start` runs it. */
export interface IdentityProviderProcess {
  /** Its issuer identifier, `http://127.0.0.1:<port>`, which the gateway trusts (beside the dev key pair). */
  readonly issuer: string;
  /** Its data folder (`LINJU_DATA_DIR`): its keys are in `identity/keys.json`. */
  readonly dataDir: string;
  /** The gateway's origin, where the pages (the provider's redirect URIs) are served. */
  readonly gatewayOrigin: string;
  readonly process: ServiceProcess;
  /** Stops it and starts it again on the same port over the same keys file (e.g. after a key rotation). */
  restart(): Promise<void>;
}

/** How to start the federation; every option defaults to what the tests have always run. */
export interface FederationOptions {
  /** Runs the gateway and every subgraph in production mode (as with LINJU_ENV=production). @default false */
  production?: boolean;
  /** The gateway's query limits; those left out keep their defaults. */
  limits?: GatewayOptions['limits'];
  /** The gateway's request body limit in bytes. */
  maxBodyBytes?: number;
  /** Registered-only mode and the APQ cache of the gateway. @default every operation accepted */
  registeredOperations?: GatewayOptions['registeredOperations'];
  /** Where the gateway logs masked and unexpected errors. @default the gateway's logger (silent in tests) */
  log?: (message: string) => void;
  /**
   * Subgraphs that run elsewhere (e.g. a child process the test kills and restarts), by name: the
   * gateway calls each at its URL with its secret, and none of them is started or stopped here nor
   * listed in `subgraphs`. @default {}
   */
  external?: Readonly<Record<string, { url: string; secret: string }>>;
  /**
   * Receives the JSON log lines of the gateway and of every subgraph started here, at level info
   * whatever LOG_LEVEL says (each line's `name` says whose). @default LOG_LEVEL (silent in tests)
   */
  logDestination?: DestinationStream;
  /**
   * Receives the spans of the gateway and of every subgraph started here (an InMemorySpanExporter);
   * each server's `service.name` is `linju-<name>`. @default no span is recorded
   */
  spanExporter?: SpanExporter;
  /** Puts a {@link FaultProxy} in front of every subgraph started here (see `Federation.proxies`). @default false */
  proxied?: boolean;
  /**
   * Every store made from nothing (initdb, each migration, the seed) rather than copied from the
   * run's template (see `storeFromTemplate`): for tests of what a first start leaves, such as the
   * seed's time or a catalogue the test changed before starting. @default false
   */
  freshStores?: boolean;
  /** Subgraphs that are down when the gateway starts (started for their data and URL, then stopped); `startSubgraph` brings one up. @default [] */
  downAtStart?: readonly string[];
  /** The gateway's timeout per subgraph, in milliseconds, by name. @default 5000 each */
  subgraphTimeoutsMs?: Record<string, number>;
  /** The gateway's retries of a read. @default 1 */
  subgraphRetries?: number;
  /** The gateway's wait before a retry, in milliseconds. @default 100 */
  retryBackoffMs?: number;
  /** The gateway's response cache TTL for public reads, in milliseconds. @default 0: off, every request reaches the subgraphs */
  responseCacheTtlMs?: number;
  /** The documents server the gateway passes `/documents/` to (`LINJU_DOCUMENTS_URL`). @default none */
  documentsUrl?: string;
  /**
   * The clock by which the gateway's member states measure the quiet before a member is said to be
   * back (`GatewayOptions.memberClock`): a test moves it instead of waiting. @default Date.now
   */
  memberClock?: () => number;
  /**
   * Starts the development identity provider as its own process and has the gateway trust it
   * (discovery, JWKS) beside the dev key pair, and serve it at `/auth/config.json`, as `npm start`
   * does. @default false: the dev key pair only, and `{ issuer: null }`
   */
  identityProvider?: boolean;
  /**
   * Where the identity provider's tokens hold the role, region and name (`LINJU_CLAIM_*`): the
   * gateway reads them there and tells the pages so at `/auth/config.json`; the dev key pair's
   * tokens keep Linju's own names. @default role, region, name
   */
  claims?: NonNullable<AuthenticationOptions['claims']>;
  /**
   * Stores of the test's own (a PostgreSQL outside the project, say) by subgraph name: that
   * subgraph runs over `databaseUrl` (announced as `<NAME>_DATABASE_URL`), applies pending
   * migrations through `migrationDatabaseUrl` if given, and loads no seed, as production leaves a
   * store. The others get a throwaway embedded cluster, seeded. @default {}
   */
  stores?: Readonly<Record<string, FederationStore>>;
}

/** A subgraph's store given by the test (see `FederationOptions.stores`). */
export interface FederationStore {
  /** The role the subgraph runs as. */
  databaseUrl: string;
  /** The store's owner, for pending migrations. @default none: see `SubgraphOptions.migrationDatabaseUrl` */
  migrationDatabaseUrl?: string;
}

/** Starts the identity provider over a new data folder, its redirect URIs on the gateway's port to be. */
async function startIdentityProvider(gatewayPort: number): Promise<IdentityProviderProcess> {
  const dataDir = await mkdtemp(join(tmpdir(), 'linju-identity-'));
  const gatewayOrigin = `http://127.0.0.1:${gatewayPort}`;
  const env = { LINJU_DATA_DIR: dataDir, LINJU_IDP_PORT: String(await freePort()), LINJU_IDP_GATEWAY_URL: gatewayOrigin };
  const start = () => ServiceProcess.start('identity', 'identity/src/index.ts', env);
  let process: ServiceProcess;
  try {
    process = await start();
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    issuer: process.url,
    dataDir,
    gatewayOrigin,
    get process() {
      return process;
    },
    async restart() {
      await process.stop();
      process = await start();
    },
  };
}

/** A server's logger and tracer provider, as the options ask. */
type Observed = Pick<SubgraphOptions, 'logger' | 'tracerProvider'>;

function observed(name: string, options: FederationOptions): Observed {
  return {
    ...(options.logDestination && { logger: createLogger(name, { level: 'info', destination: options.logDestination }) }),
    ...(options.spanExporter && { tracerProvider: createTracerProvider({ serviceName: name, exporter: options.spanExporter }) }),
  };
}

interface StartedSubgraph {
  readonly running: RunningSubgraph;
  readonly dataDir: string;
}

/** Starts one subgraph on a free port over a new data folder, or (a restart) on the given port over the given folder. */
async function startOne(entry: SubgraphEntry, gatewaySecret: string, production: boolean, observe: Observed = {}, again?: { port: number; dataDir: string }, store?: FederationStore, fresh = false): Promise<StartedSubgraph> {
  const dataDir = again?.dataDir ?? (await mkdtemp(join(tmpdir(), `linju-${entry.name}-`)));
  try {
    // A new store is a copy of the run's template when there is one (see `storeFromTemplate`).
    if (!again && !store && !fresh) await storeFromTemplate(entry, dataDir);
    const module: { startSubgraph: StartSubgraph } = await import(pathToFileURL(join(entry.directory, 'src/server.ts')).href);
    const prefix = entry.name.toUpperCase();
    const external = store && {
      databaseUrl: store.databaseUrl,
      databaseUrlVariable: `${prefix}_DATABASE_URL`,
      migrationDatabaseUrlVariable: `${prefix}_MIGRATION_DATABASE_URL`,
      ...(store.migrationDatabaseUrl && { migrationDatabaseUrl: store.migrationDatabaseUrl }),
      connectAttempts: 1,
    };
    // Not durable: a throwaway cluster need not fsync, which saves seconds per start.
    const running = await module.startSubgraph({ port: again?.port ?? 0, host: '127.0.0.1', dataDir, seed: !store, durable: false, gatewaySecret, production, ...external, ...observe });
    return { running, dataDir };
  } catch (error) {
    if (!again) await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}

async function stopIdentity(identity: IdentityProviderProcess | undefined): Promise<void> {
  if (!identity) return;
  await identity.process.stop();
  await rm(identity.dataDir, { recursive: true, force: true });
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
  const external = options.external ?? {};
  const secrets = Object.fromEntries(subgraphs.map((entry) => [entry.name, external[entry.name]?.secret ?? randomBytes(32).toString('base64url')]));
  const devKeys = await createDevKeys();
  const local = subgraphs.filter((entry) => !(entry.name in external));
  const stores = options.stores ?? {};
  const settled = await Promise.allSettled(local.map((entry) => startOne(entry, secrets[entry.name]!, production, observed(entry.name, options), undefined, stores[entry.name], options.freshStores)));
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
  // Subgraphs stopped by the test: their data folders stay until the federation stops.
  const stopped = new Set<string>();
  const live = () => started.filter(({ running: subgraph }) => !stopped.has(subgraph.name));
  const stopSubgraph = async (name: string) => {
    const subgraph = running[name];
    if (!subgraph || stopped.has(name)) throw new Error(`stopSubgraph: ${name} is not a running subgraph started here`);
    stopped.add(name);
    await subgraph.stop();
  };
  const proxies: Record<string, FaultProxy> = {};
  let gateway: RunningGateway;
  let identity: IdentityProviderProcess | undefined;
  try {
    if (options.proxied) for (const { running: subgraph } of started) proxies[subgraph.name] = await FaultProxy.start(subgraph.url);
    for (const name of options.downAtStart ?? []) await stopSubgraph(name);
    const { supergraphSdl } = await composeSupergraph(await loadSubgraphServices());
    const trusted: AuthenticationOptions[] = [{ keys: devKeys.jwks, issuer: DEV_ISSUER, audience: DEV_AUDIENCE }];
    const gatewayPort = options.identityProvider ? await freePort() : 0;
    let signInOrigins: readonly string[] = [];
    if (options.identityProvider) {
      identity = await startIdentityProvider(gatewayPort);
      const discovered = await discoverIssuer(identity.issuer, production);
      const keys = remoteJwks(discovered.jwksUri, { variable: 'LINJU_OIDC_ISSUER', name: `the identity provider's jwks_uri ${discovered.jwksUri.href}` });
      trusted.push({ keys: keys.getKey, issuer: discovered.issuer, audience: DEV_AUDIENCE, ...(options.claims && { claims: options.claims }) });
      signInOrigins = discovered.browserOrigins;
    }
    gateway = await startGateway({
      supergraphSdl,
      subgraphUrls: {
        ...Object.fromEntries(started.map(({ running: subgraph }) => [subgraph.name, proxies[subgraph.name]?.url ?? subgraph.url])),
        ...Object.fromEntries(Object.entries(external).map(([name, { url }]) => [name, url])),
      },
      port: gatewayPort,
      host: '127.0.0.1',
      subgraphSecrets: secrets,
      authenticate: createAuthenticator(trusted),
      ...(identity && { signIn: { ...NO_SIGN_IN, issuer: identity.issuer, clients: DEFAULT_SIGN_IN_CLIENTS, scope: DEFAULT_SIGN_IN_SCOPE, ...(options.claims && { claims: options.claims }) }, signInOrigins }),
      production,
      ...(options.limits && { limits: options.limits }),
      ...(options.maxBodyBytes !== undefined && { maxBodyBytes: options.maxBodyBytes }),
      ...(options.registeredOperations && { registeredOperations: options.registeredOperations }),
      ...(options.log && { log: options.log }),
      ...observed('gateway', options),
      ...(options.subgraphTimeoutsMs && { subgraphTimeoutsMs: options.subgraphTimeoutsMs }),
      ...(options.subgraphRetries !== undefined && { subgraphRetries: options.subgraphRetries }),
      ...(options.retryBackoffMs !== undefined && { retryBackoffMs: options.retryBackoffMs }),
      ...(options.responseCacheTtlMs !== undefined && { responseCacheTtlMs: options.responseCacheTtlMs }),
      ...(options.documentsUrl && { documentsUrl: options.documentsUrl }),
      ...(options.memberClock && { memberClock: options.memberClock }),
      onSubgraphRequest(name, request) {
        subgraphCalls.push(name);
        subgraphRequests.push({ name, ...request });
      },
    });
  } catch (error) {
    await Promise.all(Object.values(proxies).map((proxy) => proxy.close()));
    await stopIdentity(identity);
    await stopAll(live());
    await Promise.all(started.map(({ dataDir }) => rm(dataDir, { recursive: true, force: true })));
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
    ...(identity && { identity }),
    async stop() {
      await gateway.stop();
      await stopIdentity(identity);
      await Promise.all(Object.values(proxies).map((proxy) => proxy.close()));
      await stopAll(live());
      await Promise.all(started.map(({ dataDir }) => rm(dataDir, { recursive: true, force: true })));
    },
    proxies,
    stopSubgraph,
    async startSubgraph(name) {
      const index = started.findIndex(({ running: subgraph }) => subgraph.name === name);
      const entry = subgraphs.find((e) => e.name === name);
      if (index < 0 || !entry || !stopped.has(name)) throw new Error(`startSubgraph: ${name} is not a subgraph stopped here`);
      const { running: was, dataDir } = started[index]!;
      const again = await startOne(entry, secrets[name]!, production, observed(name, options), { port: Number(new URL(was.url).port), dataDir }, stores[name]);
      started[index] = again;
      running[name] = again.running;
      stopped.delete(name);
    },
  };
}
