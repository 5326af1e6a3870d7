import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { dataRoot, gatewaySecret } from '@linju/access';
import { isProduction } from '@linju/observability';
import { subgraphs } from '@linju/schema/subgraphs';
import { supergraphPath as committedSupergraphPath } from '@linju/schema/supergraphFile';
import { DEFAULT_QUERY_LIMITS, type QueryLimits } from './limits/QueryLimits.ts';
import { DEFAULT_RETRY_POLICY } from './resilience/retryReads.ts';
import { DEFAULT_TIMEOUT_MS } from './resilience/subgraphConnections.ts';

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
  /** `SUPERGRAPH_PATH`: the static supergraph to serve. Default the committed schema/supergraph.graphql. */
  readonly supergraphPath: string;
  /**
   * Whose tokens to accept: `LINJU_JWKS_FILE` (a JWKS document) or `LINJU_JWKS_URL`, with
   * `LINJU_JWT_ISSUER` and `LINJU_JWT_AUDIENCE`; with neither, the embedded default's dev key
   * pair, generated under the data folder, which `npm start` uses to print ready-made tokens.
   */
  readonly tokens: { jwksFile: string; issuer: string; audience: string } | { jwksUrl: URL; issuer: string; audience: string } | { devKeysFile: string };
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
   */
  readonly responseCacheTtlMs: number;
}

/** Default of `LINJU_MAX_BODY_BYTES`: ample for any query of the limits above with its variables. */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

/** Default of `<NAME>_TIMEOUT_MS` (5000): a joint query over the seed data answers in well under a second. */
export const DEFAULT_SUBGRAPH_TIMEOUT_MS = DEFAULT_TIMEOUT_MS;

/** Default of `LINJU_SUBGRAPH_RETRIES` (1). */
export const DEFAULT_SUBGRAPH_RETRIES = DEFAULT_RETRY_POLICY.retries;

/** Default of `LINJU_RESPONSE_CACHE_TTL_MS` (5000). */
export const DEFAULT_RESPONSE_CACHE_TTL_MS = 5000;

/** A setting that cannot be used; the message names the variable. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    value: string,
    expected: string,
  ) {
    super(`Invalid ${variable}=${JSON.stringify(value)}: expected ${expected}`);
    this.name = 'ConfigError';
  }

  /** An error about a variable, in words of its own (a missing or too short setting); the message must name it. */
  static about(variable: string, message: string): ConfigError {
    const error = new ConfigError(variable, '', '');
    error.message = message;
    return error;
  }
}

function setting(env: NodeJS.ProcessEnv, variable: string): string | undefined {
  const value = env[variable]?.trim();
  return value === '' ? undefined : value;
}

function readPort(env: NodeJS.ProcessEnv): number {
  const value = setting(env, 'PORT');
  if (value === undefined) return 4000;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new ConfigError('PORT', value, 'an integer from 0 to 65535');
  return port;
}

function readUrl(env: NodeJS.ProcessEnv, variable: string): string | undefined {
  const value = setting(env, variable);
  if (value === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(variable, value, 'an absolute http(s) URL such as http://127.0.0.1:4001/graphql');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(variable, value, 'an http: or https: URL');
  }
  return url.href;
}

function readSupergraphPath(env: NodeJS.ProcessEnv): string {
  const value = setting(env, 'SUPERGRAPH_PATH');
  const path = value === undefined ? committedSupergraphPath : resolve(value);
  if (!existsSync(path)) {
    throw new ConfigError('SUPERGRAPH_PATH', value ?? path, 'an existing supergraph file (npm run schema:compose writes the default)');
  }
  return path;
}

function readWholeNumber(env: NodeJS.ProcessEnv, variable: string, fallback: number, least: number): number {
  const value = setting(env, variable);
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < least || !Number.isSafeInteger(number)) throw new ConfigError(variable, value, `a whole number of at least ${least}`);
  return number;
}

function readPositiveInteger(env: NodeJS.ProcessEnv, variable: string, fallback: number): number {
  return readWholeNumber(env, variable, fallback, 1);
}

function readRetries(env: NodeJS.ProcessEnv): number {
  const value = setting(env, 'LINJU_SUBGRAPH_RETRIES');
  if (value === undefined) return DEFAULT_SUBGRAPH_RETRIES;
  if (!/^[0-3]$/.test(value)) throw new ConfigError('LINJU_SUBGRAPH_RETRIES', value, 'a whole number from 0 to 3');
  return Number(value);
}

function readLimits(env: NodeJS.ProcessEnv): QueryLimits {
  return {
    maxDepth: readPositiveInteger(env, 'LINJU_MAX_QUERY_DEPTH', DEFAULT_QUERY_LIMITS.maxDepth),
    maxAliases: readPositiveInteger(env, 'LINJU_MAX_ALIASES', DEFAULT_QUERY_LIMITS.maxAliases),
    maxTokens: readPositiveInteger(env, 'LINJU_MAX_QUERY_TOKENS', DEFAULT_QUERY_LIMITS.maxTokens),
    maxListSize: readPositiveInteger(env, 'LINJU_MAX_LIST_SIZE', DEFAULT_QUERY_LIMITS.maxListSize),
    maxCost: readPositiveInteger(env, 'LINJU_MAX_QUERY_COST', DEFAULT_QUERY_LIMITS.maxCost),
  };
}

function readFlag(env: NodeJS.ProcessEnv, variable: string): boolean {
  const value = setting(env, variable);
  if (value === undefined || value === 'false' || value === '0') return false;
  if (value === 'true' || value === '1') return true;
  throw new ConfigError(variable, value, '"true" or "false"');
}

function readProduction(env: NodeJS.ProcessEnv): boolean {
  try {
    return isProduction(env);
  } catch {
    throw new ConfigError('LINJU_ENV', setting(env, 'LINJU_ENV') ?? '', '"production" or "development"');
  }
}

/** A secret the embedded default would generate must, in production, come from configuration. */
function requireInProduction(env: NodeJS.ProcessEnv, variable: string, what: string): void {
  if (setting(env, variable) === undefined) throw ConfigError.about(variable, `${variable} is not set: production (LINJU_ENV=production or NODE_ENV=production) requires ${what}`);
}

function readTokens(env: NodeJS.ProcessEnv, production: boolean): GatewayConfig['tokens'] {
  const file = setting(env, 'LINJU_JWKS_FILE');
  const url = setting(env, 'LINJU_JWKS_URL');
  if (!file && !url) {
    // The development key pair is generated on this machine and its tokens printed to the console.
    if (production) requireInProduction(env, 'LINJU_JWKS_FILE', 'the issuer\'s keys, from LINJU_JWKS_FILE or LINJU_JWKS_URL; the development key is refused');
    return { devKeysFile: join(dataRoot(env), 'gateway', 'dev-keys.json') };
  }
  const issuer = setting(env, 'LINJU_JWT_ISSUER');
  const audience = setting(env, 'LINJU_JWT_AUDIENCE');
  if (!issuer) throw new ConfigError('LINJU_JWT_ISSUER', '', 'the issuer of the tokens to accept, required with a JWKS');
  if (!audience) throw new ConfigError('LINJU_JWT_AUDIENCE', '', 'the audience of the tokens to accept, required with a JWKS');
  if (file) {
    if (!existsSync(file)) throw new ConfigError('LINJU_JWKS_FILE', file, 'an existing JWKS file');
    return { jwksFile: resolve(file), issuer, audience };
  }
  let jwksUrl: URL;
  try {
    jwksUrl = new URL(url!);
  } catch {
    throw new ConfigError('LINJU_JWKS_URL', url!, 'an https URL of a JWKS document');
  }
  // Keys fetched over plain HTTP could be swapped on the way: anyone could then mint tokens.
  if (production && jwksUrl.protocol !== 'https:') throw new ConfigError('LINJU_JWKS_URL', url!, 'an https URL in production');
  return { jwksUrl, issuer, audience };
}

function readSecret(env: NodeJS.ProcessEnv, name: string): string {
  try {
    return gatewaySecret(name, env);
  } catch (error) {
    const variable = `${name.toUpperCase()}_GATEWAY_SECRET`;
    if (error instanceof Error && error.message.startsWith(variable)) throw ConfigError.about(variable, error.message);
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
  const subgraphTimeoutsMs = Object.fromEntries(
    subgraphs.map(({ name }) => [name, readPositiveInteger(env, `${name.toUpperCase()}_TIMEOUT_MS`, DEFAULT_SUBGRAPH_TIMEOUT_MS)]),
  );
  const subgraphRetries = readRetries(env);
  const responseCacheTtlMs = readWholeNumber(env, 'LINJU_RESPONSE_CACHE_TTL_MS', DEFAULT_RESPONSE_CACHE_TTL_MS, 0);
  if (production) {
    for (const { name } of subgraphs) requireInProduction(env, `${name.toUpperCase()}_GATEWAY_SECRET`, `the secret shared with the ${name} subgraph (at least 32 characters)`);
  }
  return {
    port: readPort(env),
    host: setting(env, 'HOST') ?? '127.0.0.1',
    subgraphUrls: Object.fromEntries(
      subgraphs.flatMap(({ name, urlVariable }) => {
        const url = readUrl(env, urlVariable);
        return url === undefined ? [] : [[name, url]];
      }),
    ),
    supergraphPath: readSupergraphPath(env),
    tokens: readTokens(env, production),
    subgraphSecrets: Object.fromEntries(subgraphs.map(({ name }) => [name, readSecret(env, name)])),
    production,
    limits,
    maxBodyBytes,
    registeredOperationsOnly: readFlag(env, 'LINJU_REGISTERED_OPERATIONS_ONLY'),
    subgraphTimeoutsMs,
    subgraphRetries,
    responseCacheTtlMs,
  };
}
