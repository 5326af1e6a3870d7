import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { exportJWK, generateKeyPair, type JWK } from 'jose';

/** What the development identity provider keeps between starts: its signing keys and its cookie keys. */
export interface IdentityKeys {
  /** Private ES256 keys, newest first: the first signs, all are published in the JWKS (so tokens of a retired key still verify until they expire). */
  readonly signing: JWK[];
  /** Keys that sign the provider's cookies (sessions and interactions). */
  readonly cookies: string[];
}

/** The keys file under a data root: `<root>/identity/keys.json`. */
export function identityKeysFile(dataRoot: string): string {
  return join(dataRoot, 'identity', 'keys.json');
}

/** A new ES256 signing key, named by when it was made. */
export async function createSigningKey(): Promise<JWK> {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  return { ...(await exportJWK(privateKey)), kid: `idp-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`, alg: 'ES256', use: 'sig' };
}

function save(file: string, keys: IdentityKeys): void {
  // Only the key's own folder is private: its parent (the data root) must stay open to the
  // account embedded PostgreSQL runs as (a recursive mkdir would give it the private mode too).
  mkdirSync(dirname(dirname(file)), { recursive: true });
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  // Written aside and renamed, so a provider starting meanwhile never reads half a file.
  const partial = `${file}.${process.pid}.partial`;
  writeFileSync(partial, JSON.stringify(keys), { mode: 0o600 });
  renameSync(partial, file);
}

/** The keys kept in `file` (git-ignored, readable by this user only), generated on first start. */
export async function loadOrCreateIdentityKeys(file: string): Promise<IdentityKeys> {
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as IdentityKeys;
  const keys: IdentityKeys = { signing: [await createSigningKey()], cookies: [randomBytes(32).toString('base64url')] };
  save(file, keys);
  return keys;
}

/**
 * Rotates the signing key: a new key goes first (it signs after the next start) and the previous
 * ones stay published, up to `keep` in all, so tokens they signed keep verifying until they expire.
 * Returns the new key's `kid`.
 */
export async function rotateSigningKey(file: string, keep = 2): Promise<string> {
  const keys = await loadOrCreateIdentityKeys(file);
  const key = await createSigningKey();
  save(file, { ...keys, signing: [key, ...keys.signing].slice(0, keep) });
  return key.kid!;
}
