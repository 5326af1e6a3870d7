import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { getSystemErrorMap } from 'node:util';
import { dataRoot, gatewaySecretVariable } from '@linju/access';
import { FEDERATION, JOINT_HOME } from '@linju/contract';
import { caSetting, ConfigError, isProduction, keyPairSetting, setting } from '@linju/observability';
import { readAggregateCacheTtl } from '../cache/AggregateCache.ts';
import { parseDatabaseUrl } from '../database/databaseAddress.ts';
import { DEFAULT_CONNECT_ATTEMPTS, DEFAULT_POOL_SIZE } from '../database/openDatabase.ts';
import type { ServerTls } from './startSubgraphServer.ts';

/** What `LINJU_SEED` accepts: the demonstration seed (`demo`) or none. */
export const SEED_CHOICES = ['demo', 'none'] as const;

/** A subgraph process's settings, read from its environment once, at start-up. */
export interface SubgraphConfig {
  /** `<NAME>_PORT`: default the member's port in `federation.json`; 0 picks a free one. */
  port: number;
  /** `LINJU_HOST`. @default 127.0.0.1 */
  host: string;
  /** `LINJU_ENV=production` or `NODE_ENV=production`. */
  production: boolean;
  /** `<NAME>_DATABASE_URL`: the store's PostgreSQL; unset means the embedded default, refused in production. */
  databaseUrl: string | undefined;
  /** The name of that variable, for every message about the store. */
  databaseUrlVariable: string;
  /** `<NAME>_MIGRATION_DATABASE_URL`: the store's owning role, which applies pending migrations (see `openDatabase`); with the embedded default it is not used. */
  migrationDatabaseUrl: string | undefined;
  /** The name of that variable. */
  migrationDatabaseUrlVariable: string;
  /** `LINJU_DATA_DIR/<name>`: the embedded cluster's folder. */
  dataDir: string;
  /** `LINJU_SEED`: `demo` loads the demonstration seed; default `demo` in development, `none` in production. */
  seed: boolean;
  /** `LINJU_DATABASE_CONNECT_ATTEMPTS`: attempts to reach an external database at start. @default 8 */
  connectAttempts: number;
  /** `LINJU_DATABASE_POOL_SIZE`: connections to the store at most (1–1000). @default 10 */
  poolSize: number;
  /** `LINJU_AGGREGATE_CACHE_TTL_MS`. @default 30000 */
  aggregateCacheTtlMs: number;
  /**
   * `LINJU_TLS_CERT` and `LINJU_TLS_KEY`: serve HTTPS with this certificate and key (PEM files);
   * with `LINJU_TLS_CLIENT_CA` too, only clients (the gateway) whose certificate that CA signed are
   * served: mutual TLS. Unset: plain HTTP (see docs/separate-hosts.md).
   */
  tls?: ServerTls;
}

/**
 * Reads a subgraph's environment (`name` is its member key, `joint` for the joint office).
 * @throws {ConfigError} naming the variable, on a value it cannot use, or on what production requires and is missing
 */
export function readSubgraphConfig(name: string, env: NodeJS.ProcessEnv = process.env): SubgraphConfig {
  const prefix = name.toUpperCase();
  const member = name === JOINT_HOME.key ? FEDERATION.joint : FEDERATION.jurisdictions.find((j) => j.key === name);
  if (!member) throw new Error(`${name} is not a member of the federation (${FEDERATION.file})`);
  const production = isProduction(env);
  const { databaseUrl, databaseUrlVariable, migrationDatabaseUrl, migrationDatabaseUrlVariable } = readStoreUrls(name, env);
  if (production && !databaseUrl) {
    throw new ConfigError(databaseUrlVariable, `${databaseUrlVariable} is not set: production (LINJU_ENV=production or NODE_ENV=production) needs ${name}'s own PostgreSQL; the embedded default is for development only`);
  }
  const secretVariable = gatewaySecretVariable(name);
  // A generated secret is the embedded default's: in production it must come from configuration.
  if (production && !setting(env, secretVariable)) {
    throw new ConfigError(secretVariable, `${secretVariable} is not set: production (LINJU_ENV=production or NODE_ENV=production) requires the secret ${name} shares with the gateway`);
  }
  return {
    port: readInteger(env, `${prefix}_PORT`, member.port, 0, 65535, 'a port number from 0 to 65535'),
    host: setting(env, 'LINJU_HOST') ?? '127.0.0.1',
    production,
    databaseUrl,
    databaseUrlVariable,
    migrationDatabaseUrl,
    migrationDatabaseUrlVariable,
    dataDir: resolve(dataRoot(env), name),
    seed: readSeed(env, production),
    connectAttempts: readConnectAttempts(env),
    poolSize: readInteger(env, 'LINJU_DATABASE_POOL_SIZE', DEFAULT_POOL_SIZE, 1, 1000, 'a whole number of connections from 1 to 1000'),
    aggregateCacheTtlMs: readAggregateCacheTtl(env),
    ...readServerTls(env),
  };
}

/** What `LINJU_TLS_CLIENT_CA` is, in the messages that name it. */
export const CLIENT_CA = "the CA that signs the gateway's client certificate";

/**
 * `LINJU_TLS_CERT`, `LINJU_TLS_KEY` (both or neither, the key the certificate's own) and
 * `LINJU_TLS_CLIENT_CA` (only with them; refused when out of date), all parsed here, before anything is created.
 */
function readServerTls(env: NodeJS.ProcessEnv): { tls?: ServerTls } {
  const pair = keyPairSetting(env, { cert: 'LINJU_TLS_CERT', key: 'LINJU_TLS_KEY', what: "the subgraph's certificate", purpose: 'HTTPS' });
  const clientCa = caSetting(env, 'LINJU_TLS_CLIENT_CA', CLIENT_CA);
  if (clientCa && !pair) throw new ConfigError('LINJU_TLS_CERT', 'LINJU_TLS_CERT is not set: LINJU_TLS_CLIENT_CA (mutual TLS) needs HTTPS, LINJU_TLS_CERT and LINJU_TLS_KEY');
  return pair ? { tls: { ...pair, ...(clientCa && { clientCa }) } } : {};
}

/** A member's store URLs, as a subgraph and `npm run migrate` read them. */
export interface StoreUrls {
  /** `<NAME>_DATABASE_URL`: the role the subgraph runs as. */
  databaseUrl: string | undefined;
  databaseUrlVariable: string;
  /** `<NAME>_MIGRATION_DATABASE_URL`: the store's owning role. */
  migrationDatabaseUrl: string | undefined;
  migrationDatabaseUrlVariable: string;
}

/**
 * Reads `<NAME>_DATABASE_URL` and `<NAME>_MIGRATION_DATABASE_URL` (`name` is the member's key).
 * @throws {ConfigError} naming the variable whose value is not a PostgreSQL URL (never showing the value)
 */
export function readStoreUrls(name: string, env: NodeJS.ProcessEnv = process.env): StoreUrls {
  const prefix = name.toUpperCase();
  const databaseUrlVariable = `${prefix}_DATABASE_URL`;
  const migrationDatabaseUrlVariable = `${prefix}_MIGRATION_DATABASE_URL`;
  return {
    databaseUrl: readDatabaseUrl(env, databaseUrlVariable),
    databaseUrlVariable,
    migrationDatabaseUrl: readDatabaseUrl(env, migrationDatabaseUrlVariable),
    migrationDatabaseUrlVariable,
  };
}

/** `LINJU_DATABASE_CONNECT_ATTEMPTS`: attempts to reach an external database at start (1–100). @default 8 */
export function readConnectAttempts(env: NodeJS.ProcessEnv = process.env): number {
  return readInteger(env, 'LINJU_DATABASE_CONNECT_ATTEMPTS', DEFAULT_CONNECT_ATTEMPTS, 1, 100, 'a whole number of attempts from 1 to 100');
}

function readInteger(env: NodeJS.ProcessEnv, variable: string, fallback: number, min: number, max: number, expected: string): number {
  const value = setting(env, variable);
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < min || number > max) throw ConfigError.invalid(variable, value, expected);
  return number;
}

/** What to do about a password that breaks a URL: the characters of `openssl rand -base64` among them. */
const ENCODE_PASSWORD = 'a password holding / + = (as openssl rand -base64 makes) or @ : # ? % must be percent-encoded in the URL (/ as %2F, + as %2B, = as %3D, @ as %40, # as %23, % as %25)';

/**
 * Why a URL that parses is still not the one meant, when a password's `@`, `#` or `/` went in
 * unencoded: a `#` starts a fragment, which a PostgreSQL URL never has (`p@ss#w/rd@host/db` would
 * connect to the host `ss` and lose the rest); more than one `@` before the host, which libpq (psql,
 * pg_dump) splits at the first and node-postgres at the last; a path that is not one database's name.
 * Undefined when none of these.
 */
function misparsedDatabaseUrl(value: string, url: URL): string | undefined {
  const authority = /^[a-z]+:\/\/([^/?#]*)/i.exec(value)?.[1] ?? '';
  if (value.includes('#')) return 'it holds a "#", which ends the URL there (a fragment)';
  if (authority.split('@').length > 2) return 'it holds more than one "@" before the host';
  if (/[/@]/.test(url.pathname.slice(1))) return 'its path is not one database name';
  return undefined;
}

/** The files a PostgreSQL URL may name (client certificate, its key, the CA), which the driver reads when it connects. */
const URL_FILES = ['sslrootcert', 'sslcert', 'sslkey'] as const;

function readDatabaseUrl(env: NodeJS.ProcessEnv, variable: string): string | undefined {
  const value = setting(env, variable);
  if (value === undefined) return undefined;
  // The value holds a password: the message shows its shape, never the value.
  const expected = `Invalid ${variable}: expected a PostgreSQL URL such as postgresql://user:password@host:5432/database`;
  const looksLikeOne = /^postgres(ql)?:\/\/[^@]*:.*@/.test(value);
  // Read as node-postgres reads it: a socket's URL naming a user but no host (`user@/database?host=/var/run/postgresql`) is one.
  const url = parseDatabaseUrl(value)?.url;
  if (!url || (url.protocol !== 'postgresql:' && url.protocol !== 'postgres:')) {
    throw new ConfigError(variable, looksLikeOne ? `${expected}; ${ENCODE_PASSWORD}` : expected);
  }
  if (!decodes(url.username) || !decodes(url.password)) throw new ConfigError(variable, `${expected}; ${ENCODE_PASSWORD}`);
  // A password with a '@', '#' or '/' may still parse, as another host, with the rest in a fragment or the path.
  const misparsed = misparsedDatabaseUrl(value, url);
  if (misparsed) throw new ConfigError(variable, `${variable} does not parse as intended: ${misparsed}; ${ENCODE_PASSWORD}`);
  for (const option of URL_FILES) {
    const path = url.searchParams.get(option);
    if (path) checkReadable(variable, option, path);
  }
  return value;
}

function processUser(): string {
  try {
    return userInfo().username;
  } catch {
    return `uid ${process.getuid?.() ?? '?'}`;
  }
}

function decodes(text: string): boolean {
  try {
    decodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * A file the URL names, read now as the driver will read it at every connection (where a failure
 * would be an uncaught stack naming no variable).
 * @throws {ConfigError} naming the variable, the option, the file and why, in words
 */
function checkReadable(variable: string, option: string, path: string): void {
  try {
    readFileSync(path);
  } catch (error) {
    const { code, errno } = error as NodeJS.ErrnoException;
    const words = (errno !== undefined && getSystemErrorMap().get(errno)?.[1]) || (error as Error).message;
    const who = code === 'EACCES' || code === 'EPERM' ? ` to the user this process runs as (${processUser()})` : '';
    throw new ConfigError(variable, `${variable}: its ${option} file ${JSON.stringify(path)} cannot be read: ${words}${who} (${code ?? 'error'})`);
  }
}

function readSeed(env: NodeJS.ProcessEnv, production: boolean): boolean {
  const value = setting(env, 'LINJU_SEED');
  if (value === undefined) return !production;
  if (!(SEED_CHOICES as readonly string[]).includes(value)) throw ConfigError.invalid('LINJU_SEED', value, SEED_CHOICES.map((choice) => `"${choice}"`).join(' or '));
  return value === 'demo';
}
