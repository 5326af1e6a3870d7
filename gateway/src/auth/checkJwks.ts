import { ConfigError } from '@linju/observability';
import type { JSONWebKeySet, JWK } from 'jose';
import { ACCEPTED_ALGORITHMS } from './authenticate.ts';

/** Where a JWKS comes from, as a line about it says: the variable to change and the document it points at. */
export interface JwksOrigin {
  /** The setting the operator changes: `LINJU_JWKS_FILE`, `LINJU_JWKS_URL`, `LINJU_OIDC_ISSUER`. */
  readonly variable: string;
  /** How a line names the document, e.g. `LINJU_JWKS_FILE "/etc/linju/jwks.json"`. */
  readonly name: string;
}

/** A JWKS the gateway will not use: one line naming its variable and why. */
export class JwksError extends ConfigError {
  /**
   * @param unreachable its URL did not answer (no connection, a timeout, HTTP 5xx or 429): an outage,
   *   which `issuerKeys` waits out, where any other problem is the configuration's
   */
  constructor(
    origin: JwksOrigin,
    problem: string,
    readonly unreachable = false,
  ) {
    super(origin.variable, `${origin.name} ${problem}`);
  }
}

/** Members only a private (or symmetric) key has (RFC 7518 §6.2.2, §6.3.2, §6.4). */
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];

/** The members each key type needs to be a public key, and the signature algorithms it can verify. */
const KEY_TYPES: Readonly<Record<string, { members: readonly string[]; algorithms: (crv: unknown) => readonly string[] }>> = {
  EC: { members: ['crv', 'x', 'y'], algorithms: (crv) => ({ 'P-256': ['ES256'], 'P-384': ['ES384'], 'P-521': ['ES512'] })[String(crv)] ?? [] },
  RSA: { members: ['n', 'e'], algorithms: () => ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'] },
  OKP: { members: ['crv', 'x'], algorithms: (crv) => (crv === 'Ed25519' ? ['EdDSA', 'Ed25519'] : []) },
};

/** Key-management (JWE) algorithms: a key published for them encrypts, it never verifies a token. */
const ENCRYPTION_ALGORITHM = /^(RSA1_5|RSA-OAEP|ECDH-ES)/;

function label(jwk: Record<string, unknown>, index: number): string {
  return typeof jwk.kid === 'string' ? `kid ${JSON.stringify(jwk.kid)}` : `key #${index + 1}, no kid`;
}

/** Published for encryption (an identity provider's JWKS may hold such keys beside its signing keys): left out. */
function forEncryption(jwk: Record<string, unknown>): boolean {
  return jwk.use === 'enc' || (typeof jwk.alg === 'string' && ENCRYPTION_ALGORITHM.test(jwk.alg)) || (Array.isArray(jwk.key_ops) && !jwk.key_ops.includes('verify'));
}

/** Why one key cannot be used to verify tokens, or undefined when it can. */
function keyProblem(jwk: Record<string, unknown>, at: string): string | undefined {
  if (jwk.kty === 'oct') return `holds a symmetric key (${at}, kty "oct"): publish public keys only, the gateway accepts asymmetric signatures only`;
  if (PRIVATE_MEMBERS.some((member) => member in jwk)) return `holds a private key (${at}): publish public keys only`;
  const type = typeof jwk.kty === 'string' ? KEY_TYPES[jwk.kty] : undefined;
  if (!type) return `holds a key of unsupported kty ${JSON.stringify(jwk.kty) ?? 'undefined'} (${at}): only EC, RSA and OKP keys are accepted`;
  const missing = type.members.filter((member) => typeof jwk[member] !== 'string');
  if (missing.length) return `holds an ${String(jwk.kty)} key without ${missing.join(', ')} (${at})`;
  if (forEncryption(jwk)) return undefined;
  const usable = type.algorithms(jwk.crv).filter((algorithm) => ACCEPTED_ALGORITHMS.includes(algorithm));
  if (jwk.alg === undefined) {
    return usable.length ? undefined : `holds an ${String(jwk.kty)} key on curve ${JSON.stringify(jwk.crv)} (${at}), which verifies none of the accepted algorithms (${ACCEPTED_ALGORITHMS.join(', ')})`;
  }
  if (typeof jwk.alg !== 'string' || !ACCEPTED_ALGORITHMS.includes(jwk.alg)) return `holds a key for alg ${JSON.stringify(jwk.alg)} (${at}), which the gateway does not accept (${ACCEPTED_ALGORITHMS.join(', ')})`;
  if (!usable.includes(jwk.alg)) return `holds a key whose alg ${jwk.alg} does not fit its kty ${String(jwk.kty)}${jwk.crv ? ` and crv ${String(jwk.crv)}` : ''} (${at})`;
  return undefined;
}

/**
 * Checks a JWKS document before the gateway trusts it: a `keys` array of public keys only (no
 * private or symmetric member, kty EC, RSA or OKP), each usable with an algorithm the gateway
 * accepts, at least one of them. Keys published for encryption are left out of what it returns.
 * Used for `LINJU_JWKS_FILE` at start and on every reload, and for each JWKS fetched from a URL.
 */
export function checkJwks(document: unknown, origin: JwksOrigin): JSONWebKeySet {
  if (document === null || typeof document !== 'object' || Array.isArray(document) || !Array.isArray((document as { keys?: unknown }).keys)) {
    throw new JwksError(origin, 'is not a JWKS: expected a JSON object with a "keys" array');
  }
  const keys = (document as { keys: unknown[] }).keys;
  if (keys.length === 0) throw new JwksError(origin, 'holds no key: publish at least one public signing key');
  keys.forEach((jwk, index) => {
    if (jwk === null || typeof jwk !== 'object' || Array.isArray(jwk)) throw new JwksError(origin, `holds key #${index + 1}, which is not a JSON object`);
    const problem = keyProblem(jwk as Record<string, unknown>, label(jwk as Record<string, unknown>, index));
    if (problem) throw new JwksError(origin, problem);
  });
  const signing = (keys as Record<string, unknown>[]).filter((jwk) => !forEncryption(jwk));
  if (signing.length === 0) throw new JwksError(origin, 'holds encryption keys only: publish at least one public signing key');
  return { keys: signing as unknown as JWK[] };
}

/** {@link checkJwks} of a document's text: it must first be JSON. */
export function parseJwks(text: string, origin: JwksOrigin): JSONWebKeySet {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new JwksError(origin, `is not JSON (${(error as Error).message.split('\n')[0]})`);
  }
  return checkJwks(document, origin);
}

/** The key IDs of a checked JWKS, for a log line. */
export function kidsOf(jwks: JSONWebKeySet): string[] {
  return jwks.keys.map((jwk, index) => jwk.kid ?? `#${index + 1}`);
}

/**
 * The issuer's keys could not be had when a token needed them (unreachable, not 200, not a key set,
 * too slow, the cache expired meanwhile): the token cannot be checked, which says nothing about the
 * token itself. The authenticator answers it as an outage to retry, not as a bad token.
 */
export class KeysUnavailable extends Error {
  constructor(origin: JwksOrigin, cause: unknown) {
    super(`${origin.name} could not be fetched (${fetchProblem(cause)}); tokens of its issuer cannot be verified until it answers`, { cause });
    this.name = 'KeysUnavailable';
  }
}

/** Why a fetch of the key set failed, in one line: the socket's code when there is one. */
export function fetchProblem(error: unknown): string {
  const cause = (error as Error).cause as NodeJS.ErrnoException | undefined;
  return `${(error as Error).message}${cause ? `: ${cause.code ?? cause.message}` : ''}`;
}
