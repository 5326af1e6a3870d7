import { createHmac, createSecretKey, timingSafeEqual, type KeyObject } from 'node:crypto';

/**
 * A JWT in compact JWS form signed with HS256 (RFC 7515, 7518, 7519), done synchronously with
 * `node:crypto`: the caller statement's wire format, byte for byte what jose writes and reads
 * (`SignJWT`, `jwtVerify`), without jose's WebCrypto key import and asynchronous jobs per call.
 */

/** The protected header of every token: `{"alg":"HS256"}`, base64url-encoded. */
const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256' })).toString('base64url');
/** Unpadded base64url, as JWS requires; a length of 4n+1 characters encodes no byte string. */
const BASE64URL = /^[A-Za-z0-9_-]*$/;
const ASCII = /^[\x00-\x7f]*$/;
/** An HMAC-SHA-256 is 32 bytes. */
const SIGNATURE_BYTES = 32;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A token that is no HS256 JWT at all (`malformed`: not three base64url parts, a header or payload
 * that is no JSON object, another algorithm) or whose claims do not hold (`claims`): the token's own
 * fault, whatever the key. The message says which check failed, for this module's callers; it is
 * no wording for a client.
 */
export class JwtInvalid extends Error {
  constructor(
    message: string,
    readonly kind: 'malformed' | 'claims',
  ) {
    super(message);
  }
}

const keyCache = new Map<string, KeyObject>();

/** The HMAC key of a secret (its UTF-8 bytes, as jose took it), made once per secret. */
export function hs256Key(secret: string): KeyObject {
  let key = keyCache.get(secret);
  if (!key) {
    // Secrets are a handful (one per subgraph, two during a rollover); bound the cache all the same.
    if (keyCache.size >= 64) keyCache.clear();
    key = createSecretKey(Buffer.from(secret, 'utf8'));
    keyCache.set(secret, key);
  }
  return key;
}

const hmac = (key: KeyObject, signingInput: string) => createHmac('sha256', key).update(signingInput).digest();

/** The compact JWS of `claims`, signed with `key`. */
export function signJwt(claims: Record<string, unknown>, key: KeyObject): string {
  const signingInput = `${HEADER}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  return `${signingInput}.${hmac(key, signingInput).toString('base64url')}`;
}

/**
 * What a token's claims must hold besides their types: its issuer and audience, and, when given, how
 * long it may live (`exp` − `iat`, seconds) and how far its `iat` may lie ahead of this clock.
 */
export interface ExpectedClaims {
  issuer: string;
  audience: string;
  maxLifetimeSeconds?: number;
  clockSkewSeconds?: number;
}

/**
 * The claims of `token` when one of `keys` (tried in order) signed it, checked as jose's `jwtVerify`
 * checks them with `{ issuer, audience, algorithms: ['HS256'] }`: no clock tolerance, `exp` at or
 * before now and `nbf` after now refused, `iat` only required to be a number. Stricter than jose
 * where `expected` bounds the lifetime (`exp` more than `maxLifetimeSeconds` after `iat` refused) and
 * the clock skew (`iat` more than `clockSkewSeconds` ahead refused), each only of a token that has the
 * claims it compares. Null when no key signed it. Throws `JwtInvalid` for a malformed token or another
 * algorithm (checked before any signature, so whatever the key) and for claims that do not hold
 * (checked once the signature does).
 */
export function verifyJwt(token: string, keys: readonly KeyObject[], expected: ExpectedClaims): Record<string, unknown> | null {
  const parts = token.split('.');
  if (parts.length !== 3) throw new JwtInvalid('not a compact JWS (three parts separated by dots)', 'malformed');
  const [header, payload, signature] = parts as [string, string, string];
  const protectedHeader = decodeJson(header, 'protected header');
  if (Object.hasOwn(protectedHeader, 'crit')) throw new JwtInvalid('the protected header names critical extensions ("crit")', 'malformed');
  if (protectedHeader.alg !== 'HS256') throw new JwtInvalid('the "alg" header is not HS256', 'malformed');
  if (!ASCII.test(payload)) throw new JwtInvalid('the payload is not ASCII', 'malformed');
  const given = decodeBase64url(signature, 'signature');
  const signingInput = `${header}.${payload}`;
  // A signature of another length is not one these keys made (as WebCrypto's verify says): try no key.
  if (given.length !== SIGNATURE_BYTES || !keys.some((key) => timingSafeEqual(hmac(key, signingInput), given))) return null;
  return checkedClaims(decodeJson(payload, 'payload'), expected);
}

function checkedClaims(claims: Record<string, unknown>, expected: ExpectedClaims): Record<string, unknown> {
  if (!Object.hasOwn(claims, 'iss')) throw new JwtInvalid('missing required "iss" claim', 'claims');
  if (!Object.hasOwn(claims, 'aud')) throw new JwtInvalid('missing required "aud" claim', 'claims');
  if (claims.iss !== expected.issuer) throw new JwtInvalid('unexpected "iss" claim value', 'claims');
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!audiences.includes(expected.audience)) throw new JwtInvalid('unexpected "aud" claim value', 'claims');
  // `iat` is checked for its type only unless `expected` bounds it: jose refuses one in the future only when given a maximum age.
  for (const claim of ['iat', 'nbf', 'exp']) if (claims[claim] !== undefined && typeof claims[claim] !== 'number') throw new JwtInvalid(`"${claim}" claim must be a number`, 'claims');
  const { iat, nbf, exp } = claims as { iat?: number; nbf?: number; exp?: number };
  const now = Math.floor(Date.now() / 1000);
  if (nbf !== undefined && nbf > now) throw new JwtInvalid('"nbf" claim timestamp check failed', 'claims');
  if (exp !== undefined && exp <= now) throw new JwtInvalid('"exp" claim timestamp check failed', 'claims');
  const { maxLifetimeSeconds, clockSkewSeconds } = expected;
  if (iat !== undefined && clockSkewSeconds !== undefined && iat > now + clockSkewSeconds) {
    throw new JwtInvalid(`"iat" claim lies more than ${clockSkewSeconds} seconds in the future`, 'claims');
  }
  if (iat !== undefined && exp !== undefined && maxLifetimeSeconds !== undefined && exp - iat > maxLifetimeSeconds) {
    throw new JwtInvalid(`"exp" claim lies more than ${maxLifetimeSeconds} seconds after "iat"`, 'claims');
  }
  return claims;
}

function decodeBase64url(part: string, what: string): Buffer {
  if (!BASE64URL.test(part) || part.length % 4 === 1) throw new JwtInvalid(`the ${what} is not base64url`, 'malformed');
  return Buffer.from(part, 'base64url');
}

function decodeJson(part: string, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(utf8.decode(decodeBase64url(part, what)));
  } catch (error) {
    if (error instanceof JwtInvalid) throw error;
    throw new JwtInvalid(`the ${what} is not JSON`, 'malformed');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new JwtInvalid(`the ${what} is not a JSON object`, 'malformed');
  return value as Record<string, unknown>;
}
