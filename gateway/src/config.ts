import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { gatewaySecret, gatewaySecretVariable } from '@linju/access';
import { MAX_PAGE, SUBGRAPH_MAX_BODY_BYTES } from '@linju/contract';
import { caSetting, claimNamesSetting, ConfigError, isProduction, keyPairSetting, setting } from '@linju/observability';
import { trustedProxiesSetting } from '@linju/observability/clientAddress';
import { subgraphs } from '@linju/schema/subgraphs';
import { supergraphPath as committedSupergraphPath } from '@linju/schema/supergraphFile';
import type { ClaimNames } from './auth/claims.ts';
import { DEV_AUDIENCE, devKeysFile } from './auth/devKeys.ts';
import { DEFAULT_SIGN_IN_CLIENTS, DEFAULT_SIGN_IN_SCOPE, NO_SIGN_IN, type SignInSettings } from './auth/signIn.ts';
import { DEFAULT_QUERY_LIMITS, type QueryLimits } from './limits/QueryLimits.ts';
import { DEFAULT_RETRY_POLICY } from './resilience/retryReads.ts';
import { DEFAULT_TIMEOUT_MS } from './resilience/subgraphConnections.ts';
import type { SubgraphClientTls } from './resilience/subgraphFetcher.ts';

/** The gateway's settings, read from the environment once at start-up. */
export interface GatewayConfig {
  /** `PORT`: where the gateway listens; 0 picks a free port. Default 4000. */
  readonly port: number;
  /** `HOST`: the interface to bind. Default 127.0.0.1, so nothing is exposed by accident. */
  readonly host: string;
  /**
   * Overrides of subgraph URLs by subgraph name, from `SICHUAN_URL`, `CHONGQING_URL` and
   * `JOINT_URL`. Only variables that are set appear: the others keep the URL recorded in the
   * supergraph (`http://127.0.0.1:<port>/graphql`).
   */
  readonly subgraphUrls: Readonly<Record<string, string>>;
  /**
   * TLS towards subgraphs at https URLs (docs/separate-hosts.md): `LINJU_SUBGRAPH_CA`, the CA their
   * certificates must chain to (default Node's trusted CAs), and `LINJU_GATEWAY_TLS_CERT` with
   * `LINJU_GATEWAY_TLS_KEY`, the client certificate the gateway presents to a subgraph that
   * requires mutual TLS. Each a PEM file. Unset: no TLS settings; plain http URLs need none.
   */
  readonly subgraphTls?: SubgraphClientTls;
  /** `SUPERGRAPH_PATH`: the static supergraph to serve. Default the committed schema/supergraph.graphql. */
  readonly supergraphPath: string;
  /**
   * Whose tokens to accept. `LINJU_OIDC_ISSUER`: an OpenID Connect provider, its keys found through
   * its discovery document (and, in development, the dev key pair too). Or `LINJU_JWKS_FILE` (a
   * JWKS document, watched: see auth/watchJwksFile.ts) or `LINJU_JWKS_URL`, with `LINJU_JWT_ISSUER`
   * (either checked by auth/checkJwks.ts when the gateway starts, in authenticatorFor). `LINJU_JWT_AUDIENCE` is the audience
   * either way, and `LINJU_CLAIM_ROLE` / `LINJU_CLAIM_REGION` / `LINJU_CLAIM_NAME` name the claims.
   * With none of them, the embedded default's dev key pair, generated under the data folder, which
   * `npm start` uses to print ready-made tokens. Production refuses the dev key pair.
   */
  readonly tokens:
    | { jwksFile: string; issuer: string; audience: string; claims: ClaimNames }
    | { jwksUrl: URL; issuer: string; audience: string; claims: ClaimNames }
    | { oidc: OidcIssuerConfig }
    | { devKeysFile: string; oidc?: OidcIssuerConfig };
  /**
   * What the dashboard and the explorer sign in with (`GET /auth/config.json`): the issuer of
   * `LINJU_OIDC_ISSUER`, the client IDs `LINJU_OIDC_CLIENT_DASHBOARD` and `LINJU_OIDC_CLIENT_EXPLORER`
   * (default `linju-dashboard`, `linju-explorer`) and the scope `LINJU_OIDC_SCOPE` (default
   * `openid profile`); `{ issuer: null }` without an issuer.
   */
  readonly signIn: SignInSettings;
  /**
   * The secret shared with each subgraph: `<NAME>_GATEWAY_SECRET`, or the embedded default's
   * generated ones (never in production).
   */
  readonly subgraphSecrets: Readonly<Record<string, string>>;
  /**
   * `LINJU_ENV=production` or `NODE_ENV=production`: introspection,
   * field suggestions and stack traces off, internal errors masked, and no embedded-default
   * secrets: a JWKS and every `<NAME>_GATEWAY_SECRET` are required. Default: development.
   */
  readonly production: boolean;
  /** What one request may ask: `LINJU_MAX_QUERY_DEPTH`, `LINJU_MAX_ALIASES`, `LINJU_MAX_QUERY_TOKENS`, `LINJU_MAX_LIST_SIZE`, `LINJU_MAX_QUERY_COST`. */
  readonly limits: QueryLimits;
  /** `LINJU_MAX_BODY_BYTES`: the largest request body, in bytes. Default 65536 (64 kB). */
  readonly maxBodyBytes: number;
  /**
   * `LINJU_MAX_IMPORT_BODY_BYTES`: the largest body of an import call (a mutation of the
   * `<side>Import…` fields only, whose rows are its variables), in bytes. Default 4194304 (4 MiB):
   * a call of the most rows (MAX_IMPORT_ROWS, 1000) takes about 250 kB, 1.6 MB of the longest texts.
   * At most the subgraphs' own limit (SUBGRAPH_MAX_BODY_BYTES, 8 MiB).
   */
  readonly maxImportBodyBytes: number;
  /**
   * `LINJU_REGISTERED_OPERATIONS_ONLY=true`: accept only the operations of schema/operations/manifest.json,
   * by hash or by document; anything else gets OPERATION_NOT_REGISTERED. Default false.
   */
  readonly registeredOperationsOnly: boolean;
  /**
   * How long the gateway waits for each subgraph's answer, in milliseconds, by subgraph name:
   * `SICHUAN_TIMEOUT_MS`, `CHONGQING_TIMEOUT_MS`, `JOINT_TIMEOUT_MS`. Default 5000 each. A subgraph
   * that takes longer gets SUBGRAPH_TIMEOUT and null parts; the rest of the answer stays.
   */
  readonly subgraphTimeoutsMs: Readonly<Record<string, number>>;
  /**
   * `LINJU_SUBGRAPH_RETRIES`: further attempts of a read (never a mutation) after a refused or
   * dropped connection or a 5xx, from 0 (none) to 3. Default 1.
   */
  readonly subgraphRetries: number;
  /**
   * `LINJU_RESPONSE_CACHE_TTL_MS`: how long the gateway may answer a public read (aggregate figures
   * only) from memory, in milliseconds; any mutation it forwards empties the cache. 0 turns it off.
   * Default 5000: short, so a change made behind the gateway's back shows within seconds.
   * With `LINJU_GATEWAY_REPLICAS` above 1 it is off (0), and any other value is refused.
   */
  readonly responseCacheTtlMs: number;
  /**
   * `LINJU_GATEWAY_REPLICAS`: how many gateways serve the federation side by side (behind one load
   * balancer). Default 1. Above 1 the response cache is off: a gateway empties it for the writes it
   * forwards, and knows nothing of those another gateway forwards, so it would answer from before a
   * write acknowledged through another replica. The subgraphs' own aggregate caches stay, and they
   * are coherent across replicas (docs/operations.md, "Replicas").
   */
  readonly replicas: number;
  /**
   * `LINJU_DOCUMENTS_URL`: the documents server (ledger/src/server; `npm start` runs it at
   * http://127.0.0.1:4020), to which `/documents/` is passed through. Unset: no `/documents/`.
   */
  readonly documentsUrl?: string;
  /**
   * `LINJU_TRUSTED_PROXIES`: the balancers (HAProxy) whose `X-Forwarded-For` names the client in
   * the request log line; from any other peer the socket's address is logged. Unset: none.
   */
  readonly trustedProxies: ReadonlySet<string>;
}

/** An OpenID Connect provider whose access tokens the gateway accepts. */
export interface OidcIssuerConfig {
  /** `LINJU_OIDC_ISSUER`: its issuer identifier, exactly as its tokens' `iss` and its discovery document say it. */
  readonly issuer: string;
  /** `LINJU_JWT_AUDIENCE`: the `aud` its access tokens must carry. Default `linju`. */
  readonly audience: string;
  readonly claims: ClaimNames;
}

/** Default of `LINJU_MAX_BODY_BYTES`: ample for any query of the limits above with its variables. */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

/** Default of `LINJU_MAX_IMPORT_BODY_BYTES`: an import call of the most rows with the longest texts, more than twice over. */
export const DEFAULT_MAX_IMPORT_BODY_BYTES = 4 * 1024 * 1024;

/** Default of `<NAME>_TIMEOUT_MS` (5000): a joint query over the seed data answers in well under a second. */
export const DEFAULT_SUBGRAPH_TIMEOUT_MS = DEFAULT_TIMEOUT_MS;

/** Default of `LINJU_SUBGRAPH_RETRIES` (1). */
export const DEFAULT_SUBGRAPH_RETRIES = DEFAULT_RETRY_POLICY.retries;

/** Default of `LINJU_RESPONSE_CACHE_TTL_MS` (5000). */
export const DEFAULT_RESPONSE_CACHE_TTL_MS = 5000;

function readPort(env: NodeJS.ProcessEnv): number {
  const value = setting(env, 'PORT');
  if (value === undefined) return 4000;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw ConfigError.invalid('PORT', value, 'an integer from 0 to 65535');
  return port;
}

/** `variable`'s absolute http(s) URL; a refusal shows `example`, the variable's own kind of URL (a subgraph's GraphQL endpoint, the documents server's root). */
function readUrl(env: NodeJS.ProcessEnv, variable: string, example: string): string | undefined {
  const value = setting(env, variable);
  if (value === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw ConfigError.invalid(variable, value, `an absolute http(s) URL such as ${example}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw ConfigError.invalid(variable, value, 'an http: or https: URL');
  }
  return url.href;
}

/** The hosts a plain http member URL may name in production: this very host, where no network lies between. */
const THIS_HOST = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * `variable`'s URL of a member the gateway calls (a subgraph, the documents server), if set. In
 * production a plain `http://` URL to anything but this host is refused, since the caller's token,
 * the caller statements and the answers (exports of personal data) would cross the network in
 * clear; `expected(url)` says how that member is reached from another host.
 */
function readMemberUrl(env: NodeJS.ProcessEnv, production: boolean, variable: string, example: string, expected: (url: string) => string): string | undefined {
  const url = readUrl(env, variable, example);
  if (url === undefined) return undefined;
  const { protocol, hostname } = new URL(url);
  if (production && protocol === 'http:' && !THIS_HOST.has(hostname)) {
    throw ConfigError.invalid(variable, setting(env, variable)!, `${expected(url)}; plain http only to 127.0.0.1, localhost or [::1]`);
  }
  return url;
}

/**
 * `SICHUAN_URL` …, those set. In production a member on another host is reached over HTTPS with
 * mutual TLS (docs/deployment.md, docs/separate-hosts.md), and a replica serving HTTPS would only
 * reset a plain http connection (`/ready` saying unreachable): see {@link readMemberUrl}.
 */
function readMemberUrls(env: NodeJS.ProcessEnv, production: boolean): Record<string, string> {
  return Object.fromEntries(
    subgraphs.flatMap(({ name, urlVariable, defaultUrl }) => {
      const url = readMemberUrl(env, production, urlVariable, `${defaultUrl} (the ${name} subgraph's GraphQL endpoint)`, (given) => `an https URL in production (${given.replace(/^http:/, 'https:')}): a member on another host serves HTTPS to the gateway (docs/separate-hosts.md)`);
      return url === undefined ? [] : [[name, url]];
    }),
  );
}

function readSupergraphPath(env: NodeJS.ProcessEnv): string {
  const value = setting(env, 'SUPERGRAPH_PATH');
  const path = value === undefined ? committedSupergraphPath : resolve(value);
  if (!existsSync(path)) {
    throw ConfigError.invalid('SUPERGRAPH_PATH', value ?? path, 'an existing supergraph file (npm run schema:compose writes the default)');
  }
  return path;
}

function readWholeNumber(env: NodeJS.ProcessEnv, variable: string, fallback: number, least: number): number {
  const value = setting(env, variable);
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < least || !Number.isSafeInteger(number)) throw ConfigError.invalid(variable, value, `a whole number of at least ${least}`);
  return number;
}

function readPositiveInteger(env: NodeJS.ProcessEnv, variable: string, fallback: number): number {
  return readWholeNumber(env, variable, fallback, 1);
}

function readRetries(env: NodeJS.ProcessEnv): number {
  const value = setting(env, 'LINJU_SUBGRAPH_RETRIES');
  if (value === undefined) return DEFAULT_SUBGRAPH_RETRIES;
  if (!/^[0-3]$/.test(value)) throw ConfigError.invalid('LINJU_SUBGRAPH_RETRIES', value, 'a whole number from 0 to 3');
  return Number(value);
}

function readLimits(env: NodeJS.ProcessEnv): QueryLimits {
  return {
    maxDepth: readPositiveInteger(env, 'LINJU_MAX_QUERY_DEPTH', DEFAULT_QUERY_LIMITS.maxDepth),
    maxAliases: readPositiveInteger(env, 'LINJU_MAX_ALIASES', DEFAULT_QUERY_LIMITS.maxAliases),
    maxTokens: readPositiveInteger(env, 'LINJU_MAX_QUERY_TOKENS', DEFAULT_QUERY_LIMITS.maxTokens),
    maxListSize: readMaxListSize(env),
    maxCost: readPositiveInteger(env, 'LINJU_MAX_QUERY_COST', DEFAULT_QUERY_LIMITS.maxCost),
  };
}

/** `LINJU_MAX_LIST_SIZE`: at most the subgraphs' own page size, which it can only lower (above, the subgraph would refuse what the gateway let through). */
function readMaxListSize(env: NodeJS.ProcessEnv): number {
  const value = readPositiveInteger(env, 'LINJU_MAX_LIST_SIZE', DEFAULT_QUERY_LIMITS.maxListSize);
  if (value > MAX_PAGE) throw ConfigError.invalid('LINJU_MAX_LIST_SIZE', String(value), `at most ${MAX_PAGE}, the largest page a subgraph answers (it can only lower that)`);
  return value;
}

function readFlag(env: NodeJS.ProcessEnv, variable: string): boolean {
  const value = setting(env, variable);
  if (value === undefined || value === 'false' || value === '0') return false;
  if (value === 'true' || value === '1') return true;
  throw ConfigError.invalid(variable, value, '"true" or "false"');
}

function readProduction(env: NodeJS.ProcessEnv): boolean {
  try {
    return isProduction(env);
  } catch {
    throw ConfigError.invalid('LINJU_ENV', setting(env, 'LINJU_ENV') ?? '', '"production" or "development"');
  }
}

/** A secret the embedded default would generate must, in production, come from configuration. */
function requireInProduction(env: NodeJS.ProcessEnv, variable: string, what: string): void {
  if (setting(env, variable) === undefined) throw new ConfigError(variable, `${variable} is not set: production (LINJU_ENV=production or NODE_ENV=production) requires ${what}`);
}

/** `LINJU_OIDC_ISSUER`: an absolute URL without query or fragment; https in production. */
function readIssuer(env: NodeJS.ProcessEnv, production: boolean): string | undefined {
  const value = setting(env, 'LINJU_OIDC_ISSUER');
  if (value === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw ConfigError.invalid('LINJU_OIDC_ISSUER', value, 'the issuer URL of an OpenID Connect provider, such as https://id.example.gov.cn/realms/linju');
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.search || url.hash) throw ConfigError.invalid('LINJU_OIDC_ISSUER', value, 'an http(s) URL without query or fragment');
  // Keys and discovery over plain HTTP could be swapped on the way; and the development provider,
  // which serves only plain HTTP on this machine, is refused in production.
  if (production && url.protocol !== 'https:') throw ConfigError.invalid('LINJU_OIDC_ISSUER', value, 'an https URL in production (the development identity provider is refused)');
  return value;
}

function readTokens(env: NodeJS.ProcessEnv, production: boolean): GatewayConfig['tokens'] {
  const oidcIssuer = readIssuer(env, production);
  const file = setting(env, 'LINJU_JWKS_FILE');
  const url = setting(env, 'LINJU_JWKS_URL');
  const claims = claimNamesSetting(env);
  if (oidcIssuer) {
    if (file || url) throw new ConfigError('LINJU_OIDC_ISSUER', `LINJU_OIDC_ISSUER and ${file ? 'LINJU_JWKS_FILE' : 'LINJU_JWKS_URL'} are both set: they are alternatives (the issuer's discovery document names its keys)`);
    const oidc = { issuer: oidcIssuer, audience: setting(env, 'LINJU_JWT_AUDIENCE') ?? DEV_AUDIENCE, claims };
    // In development the dev key pair stays trusted beside the issuer: scripts and tests mint with it.
    return production ? { oidc } : { devKeysFile: devKeysFile(env), oidc };
  }
  if (file && url) throw new ConfigError('LINJU_JWKS_URL', 'LINJU_JWKS_FILE and LINJU_JWKS_URL are both set: they are alternatives (the issuer\'s keys on disk, or fetched); keep one');
  if (!file && !url) {
    // The development key pair is generated on this machine and its tokens printed to the console.
    if (production) requireInProduction(env, 'LINJU_OIDC_ISSUER', `the office's identity provider (LINJU_OIDC_ISSUER), or its keys (LINJU_JWKS_FILE or LINJU_JWKS_URL) ${JWKS_NEEDS}; the development key is refused`);
    return { devKeysFile: devKeysFile(env) };
  }
  // The keys first, then what tokens they sign must say: each refusal names what is wrong now.
  const source = file ? readJwksFile(file) : readJwksUrl(url!, production);
  const issuer = setting(env, 'LINJU_JWT_ISSUER');
  const audience = setting(env, 'LINJU_JWT_AUDIENCE');
  if (!issuer || !audience) {
    const missing = [!issuer && 'LINJU_JWT_ISSUER', !audience && 'LINJU_JWT_AUDIENCE'].filter((name): name is string => !!name);
    throw new ConfigError(missing[0]!, `${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not set: ${file ? 'LINJU_JWKS_FILE' : 'LINJU_JWKS_URL'} needs ${JWKS_NEEDS.replace(/^with /, '')}`);
  }
  return { ...source, issuer, audience, claims };
}

/** What a JWKS needs beside it: the `iss` and `aud` its tokens must carry. */
const JWKS_NEEDS = 'with LINJU_JWT_ISSUER and LINJU_JWT_AUDIENCE (the iss and aud of the tokens to accept)';

function readJwksFile(file: string): { jwksFile: string } {
  if (!existsSync(file)) throw ConfigError.invalid('LINJU_JWKS_FILE', file, 'an existing JWKS file');
  return { jwksFile: resolve(file) };
}

function readJwksUrl(url: string, production: boolean): { jwksUrl: URL } {
  let jwksUrl: URL;
  try {
    jwksUrl = new URL(url);
  } catch {
    throw ConfigError.invalid('LINJU_JWKS_URL', url, 'an https URL of a JWKS document');
  }
  // Keys fetched over plain HTTP could be swapped on the way: anyone could then mint tokens.
  if (production && jwksUrl.protocol !== 'https:') throw ConfigError.invalid('LINJU_JWKS_URL', url, 'an https URL in production');
  return { jwksUrl };
}

/** What `LINJU_SUBGRAPH_CA` is, in the messages that name it. */
export const SUBGRAPH_CA = "the CA that signs the subgraphs' certificates";

/**
 * `LINJU_SUBGRAPH_CA` (refused when out of date), `LINJU_GATEWAY_TLS_CERT` and `LINJU_GATEWAY_TLS_KEY`
 * (the last two both or neither, the key the certificate's own), parsed as a subgraph's are.
 */
function readSubgraphTls(env: NodeJS.ProcessEnv): SubgraphClientTls | undefined {
  const ca = caSetting(env, 'LINJU_SUBGRAPH_CA', SUBGRAPH_CA);
  const pair = keyPairSetting(env, { cert: 'LINJU_GATEWAY_TLS_CERT', key: 'LINJU_GATEWAY_TLS_KEY', what: "the gateway's client certificate", purpose: "the gateway's client certificate" });
  if (!ca && !pair) return undefined;
  return { ...(ca && { ca }), ...pair };
}

/** A client ID: printable, no spaces. */
function readClientId(env: NodeJS.ProcessEnv, variable: string, fallback: string): string {
  const value = setting(env, variable);
  if (value === undefined) return fallback;
  if (!/^[\x21-\x7e]+$/.test(value)) throw ConfigError.invalid(variable, value, 'an OAuth client ID (printable characters, no spaces)');
  return value;
}

function readSignIn(env: NodeJS.ProcessEnv, tokens: GatewayConfig['tokens']): SignInSettings {
  const claims = 'claims' in tokens ? tokens.claims : tokens.oidc?.claims ?? NO_SIGN_IN.claims;
  if (!('oidc' in tokens) || !tokens.oidc) return { ...NO_SIGN_IN, claims };
  const scope = setting(env, 'LINJU_OIDC_SCOPE') ?? DEFAULT_SIGN_IN_SCOPE;
  if (!scope.split(/\s+/).includes('openid')) throw ConfigError.invalid('LINJU_OIDC_SCOPE', scope, 'space-separated scopes that include openid');
  return {
    issuer: tokens.oidc.issuer,
    clients: {
      dashboard: readClientId(env, 'LINJU_OIDC_CLIENT_DASHBOARD', DEFAULT_SIGN_IN_CLIENTS.dashboard),
      explorer: readClientId(env, 'LINJU_OIDC_CLIENT_EXPLORER', DEFAULT_SIGN_IN_CLIENTS.explorer),
    },
    scope: scope.split(/\s+/).join(' '),
    claims,
    roles: NO_SIGN_IN.roles,
  };
}

/**
 * What the gateway calls the subgraph `name` with: the secret it signs with (`<NAME>_GATEWAY_SECRET`,
 * required in production) and its TLS settings towards the subgraphs, read as `readGatewayConfig`
 * reads them: for a tool that sends the gateway's checks to one replica (scripts/secret-check.ts).
 * @throws a {@link ConfigError} naming the first unusable variable
 */
export function readSubgraphClient(env: NodeJS.ProcessEnv, name: string): { secret: string; tls?: SubgraphClientTls } {
  if (readProduction(env)) requireSecret(env, name);
  const tls = readSubgraphTls(env);
  return { secret: readSecret(env, name), ...(tls && { tls }) };
}

/** Production's rule: `<NAME>_GATEWAY_SECRET` set, never the embedded default's generated one. */
function requireSecret(env: NodeJS.ProcessEnv, name: string): void {
  requireInProduction(env, gatewaySecretVariable(name), `the secret shared with the ${name} subgraph (at least 32 characters)`);
}

function readSecret(env: NodeJS.ProcessEnv, name: string): string {
  try {
    return gatewaySecret(name, env);
  } catch (error) {
    const variable = gatewaySecretVariable(name);
    if (error instanceof Error && error.message.startsWith(variable)) throw new ConfigError(variable, error.message);
    throw error;
  }
}

/**
 * Reads and validates the gateway's environment. Call it once, at start-up: it throws a
 * {@link ConfigError} naming the first unusable variable.
 */
export function readGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const production = readProduction(env);
  // Settings checked before anything is generated under the data folder.
  const limits = readLimits(env);
  const maxBodyBytes = readPositiveInteger(env, 'LINJU_MAX_BODY_BYTES', DEFAULT_MAX_BODY_BYTES);
  const maxImportBodyBytes = readPositiveInteger(env, 'LINJU_MAX_IMPORT_BODY_BYTES', DEFAULT_MAX_IMPORT_BODY_BYTES);
  if (maxImportBodyBytes > SUBGRAPH_MAX_BODY_BYTES) {
    throw ConfigError.invalid('LINJU_MAX_IMPORT_BODY_BYTES', String(maxImportBodyBytes), `at most ${SUBGRAPH_MAX_BODY_BYTES}, the largest body a subgraph accepts`);
  }
  const subgraphTimeoutsMs = Object.fromEntries(
    subgraphs.map(({ name }) => [name, readPositiveInteger(env, `${name.toUpperCase()}_TIMEOUT_MS`, DEFAULT_SUBGRAPH_TIMEOUT_MS)]),
  );
  const subgraphRetries = readRetries(env);
  const replicas = readPositiveInteger(env, 'LINJU_GATEWAY_REPLICAS', 1);
  const responseCacheTtlMs = readWholeNumber(env, 'LINJU_RESPONSE_CACHE_TTL_MS', replicas > 1 ? 0 : DEFAULT_RESPONSE_CACHE_TTL_MS, 0);
  if (replicas > 1 && responseCacheTtlMs > 0) {
    throw new ConfigError(
      'LINJU_RESPONSE_CACHE_TTL_MS',
      `LINJU_RESPONSE_CACHE_TTL_MS=${responseCacheTtlMs} with LINJU_GATEWAY_REPLICAS=${replicas}: a gateway's response cache learns only of the writes it forwards itself, so with replicas it would answer from before a write acknowledged through another; set it to 0 or leave it unset`,
    );
  }
  const documentsUrl = readMemberUrl(env, production, 'LINJU_DOCUMENTS_URL', 'http://127.0.0.1:4020 (the documents server)', () => 'the documents server\'s own URL beside this gateway: it serves plain HTTP on 127.0.0.1 only and runs on each gateway\'s host (http://127.0.0.1:4020, docs/deployment.md), so an address of another host would send exports across the network in clear');
  if (production) {
    for (const { name } of subgraphs) requireSecret(env, name);
  }
  const subgraphUrls = readMemberUrls(env, production);
  const tokens = readTokens(env, production);
  const signIn = readSignIn(env, tokens);
  const subgraphTls = readSubgraphTls(env);
  return {
    port: readPort(env),
    host: setting(env, 'HOST') ?? '127.0.0.1',
    subgraphUrls,
    ...(subgraphTls && { subgraphTls }),
    supergraphPath: readSupergraphPath(env),
    tokens,
    signIn,
    subgraphSecrets: Object.fromEntries(subgraphs.map(({ name }) => [name, readSecret(env, name)])),
    production,
    limits,
    maxBodyBytes,
    maxImportBodyBytes,
    registeredOperationsOnly: readFlag(env, 'LINJU_REGISTERED_OPERATIONS_ONLY'),
    subgraphTimeoutsMs,
    subgraphRetries,
    responseCacheTtlMs,
    replicas,
    ...(documentsUrl !== undefined && { documentsUrl }),
    trustedProxies: trustedProxiesSetting(env),
  };
}
