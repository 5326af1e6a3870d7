import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gatewaySecretVariable, previousGatewaySecretVariable } from './callerToken.ts';

/** The shortest secret accepted in `<NAME>_GATEWAY_SECRET` and `<NAME>_GATEWAY_SECRET_PREVIOUS`. */
const GATEWAY_SECRET_MIN_LENGTH = 32;

/** Where the embedded default keeps its data and generated secrets: `LINJU_DATA_DIR`, else `.data/` at the repository root. */
export function dataRoot(env: NodeJS.ProcessEnv = process.env): string {
  return env.LINJU_DATA_DIR ? resolve(env.LINJU_DATA_DIR) : resolve(import.meta.dirname, '../../.data');
}

/**
 * The secret one subgraph shares with the gateway, which signs each request's caller with it:
 * `<NAME>_GATEWAY_SECRET` (e.g. SICHUAN_GATEWAY_SECRET) in production; for the embedded default,
 * one generated on first start under the data folder (git-ignored, readable by this user only).
 */
export function gatewaySecret(name: string, env: NodeJS.ProcessEnv = process.env): string {
  const configured = configuredSecret(gatewaySecretVariable(name), env);
  if (configured) return configured;
  const folder = join(dataRoot(env), 'secrets');
  const file = join(folder, `${name}-gateway.secret`);
  // Only the secrets folder is private: the data root must stay open to the account embedded
  // PostgreSQL runs as (a recursive mkdir would give the root the private mode too).
  mkdirSync(dataRoot(env), { recursive: true });
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  try {
    // `wx`: whichever process starts first creates it; the others read that one.
    writeFileSync(file, randomBytes(32).toString('base64url'), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return readFileSync(file, 'utf8').trim();
}

/** A secret set in `variable`, trimmed, if set; one too short is refused, naming the variable. */
function configuredSecret(variable: string, env: NodeJS.ProcessEnv): string | undefined {
  const configured = env[variable]?.trim();
  if (configured && configured.length < GATEWAY_SECRET_MIN_LENGTH) throw new Error(`${variable} must be at least ${GATEWAY_SECRET_MIN_LENGTH} characters`);
  return configured || undefined;
}

/**
 * The secret a subgraph still accepts during a rollover, beside the current one:
 * `<NAME>_GATEWAY_SECRET_PREVIOUS`, if set (the same length rule). It only makes sense beside a
 * configured current secret: set alone, it is refused, naming both variables.
 */
export function previousGatewaySecret(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const variable = previousGatewaySecretVariable(name);
  const previous = configuredSecret(variable, env);
  if (previous && !env[gatewaySecretVariable(name)]?.trim()) throw new Error(`${variable} is set but ${gatewaySecretVariable(name)} is not: a rollover keeps the new secret in ${gatewaySecretVariable(name)} and the old one in ${variable}`);
  return previous;
}
