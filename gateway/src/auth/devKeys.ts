import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { dataRoot, operatorJurisdiction, type Role } from '@linju/access';
import { DEVELOPMENT_KEY_ISSUER } from '@linju/sign-in/tokenClaims';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JSONWebKeySet, type JWK } from 'jose';

/** The embedded default's token issuer: a key pair generated on first start, never committed. */
export interface DevKeys {
  privateJwk: JWK;
  jwks: JSONWebKeySet;
}

/** Its tokens' `iss`; the pages and the documents server read such tokens' claims by Linju's own names. */
export const DEV_ISSUER = DEVELOPMENT_KEY_ISSUER;
export const DEV_AUDIENCE = 'linju';

export async function createDevKeys(): Promise<DevKeys> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const kid = `dev-${Date.now().toString(36)}`;
  return {
    privateJwk: { ...(await exportJWK(privateKey)), kid, alg: 'ES256' },
    jwks: { keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' }] },
  };
}

/** Where the embedded default keeps its development key pair: `LINJU_DATA_DIR/gateway/dev-keys.json`. */
export function devKeysFile(env: NodeJS.ProcessEnv = process.env): string {
  return join(dataRoot(env), 'gateway', 'dev-keys.json');
}

/**
 * The running embedded default's development key pair, for a command that signs a token its
 * gateway accepts; undefined where none may be used or none exists yet (a new one would not be the
 * gateway's): in production (`production`), or before the first `npm start`.
 */
export async function existingDevKeys(env: NodeJS.ProcessEnv, production: boolean): Promise<DevKeys | undefined> {
  const file = devKeysFile(env);
  return production || !existsSync(file) ? undefined : loadOrCreateDevKeys(file);
}

/** The dev key pair kept in the data folder (git-ignored, readable by this user only). */
export async function loadOrCreateDevKeys(file: string): Promise<DevKeys> {
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as DevKeys;
  const keys = await createDevKeys();
  // Only the key's own folder is private: its parent (the data root) must stay open to the
  // account embedded PostgreSQL runs as (a recursive mkdir would give it the private mode too).
  mkdirSync(dirname(dirname(file)), { recursive: true });
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  writeFileSync(file, JSON.stringify(keys), { mode: 0o600 });
  return keys;
}

/** The claims a token carries besides its role: a display name, and a jurisdiction operator's region (its side's province unless given). */
export interface DevClaims {
  name?: string;
  region?: string;
}

/** A development token for a role, so an analyst can explore at once; a jurisdiction operator's keeps the whole side unless a region is given. */
export async function mintDevToken(keys: DevKeys, role: Exclude<Role, 'anonymous'>, subject = `dev-${role}`, expiresIn = '12h', claims: DevClaims = {}): Promise<string> {
  const region = claims.region ?? operatorJurisdiction(role)?.code;
  return new SignJWT({ role, ...(claims.name && { name: claims.name }), ...(region && { region }) })
    .setProtectedHeader({ alg: 'ES256', kid: keys.privateJwk.kid! })
    .setIssuer(DEV_ISSUER)
    .setAudience(DEV_AUDIENCE)
    .setSubject(subject)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(await importJWK(keys.privateJwk, 'ES256'));
}
