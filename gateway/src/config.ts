import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { dataRoot, gatewaySecret } from '@linju/subgraph-kit';
import { subgraphs } from '@linju/schema/subgraphs';
import { supergraphPath as committedSupergraphPath } from '@linju/schema/supergraphFile';

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
  /** The secret shared with each subgraph: `<NAME>_GATEWAY_SECRET`, or the embedded default's generated ones. */
  readonly subgraphSecrets: Readonly<Record<string, string>>;
}

/** A setting that cannot be used; the message names the variable. */
export class ConfigError extends Error {
  constructor(variable: string, value: string, expected: string) {
    super(`Invalid ${variable}=${JSON.stringify(value)}: expected ${expected}`);
    this.name = 'ConfigError';
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

function readTokens(env: NodeJS.ProcessEnv): GatewayConfig['tokens'] {
  const file = setting(env, 'LINJU_JWKS_FILE');
  const url = setting(env, 'LINJU_JWKS_URL');
  if (!file && !url) return { devKeysFile: join(dataRoot(env), 'gateway', 'dev-keys.json') };
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
  return { jwksUrl, issuer, audience };
}

/**
 * Reads and validates the gateway's environment. Call it once, at start-up: it throws a
 * {@link ConfigError} naming the first unusable variable.
 */
export function readGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
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
    tokens: readTokens(env),
    subgraphSecrets: Object.fromEntries(subgraphs.map(({ name }) => [name, gatewaySecret(name, env)])),
  };
}
