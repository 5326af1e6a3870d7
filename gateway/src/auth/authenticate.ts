import { ANONYMOUS, callerOf, callerRegionProblem, isRole, type Caller } from '@linju/access';
import { GraphQLError } from 'graphql';
import { createLocalJWKSet, decodeJwt, jwtVerify, type CompactJWSHeaderParameters, type FlattenedJWSInput, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';
import { claimAt, DEFAULT_CLAIM_NAMES, IDENTITY_CLAIM_MAX_LENGTH, identityClaimProblem, type ClaimNames } from './claims.ts';

/** An issuer whose tokens the gateway accepts. */
export interface AuthenticationOptions {
  /**
   * The issuer's public keys: a JWKS document (the embedded default's dev key), or what resolves a
   * token's key from keys that change (`watchJwksFile` for a file, `remoteJwks` for a URL).
   */
  keys: JSONWebKeySet | JWTVerifyGetKey;
  /** Required `iss` claim. */
  issuer: string;
  /** Required `aud` claim. */
  audience: string;
  /** Where the role, region and display name are. @default role, region, name */
  claims?: ClaimNames;
}

/** Turns an `Authorization` header into the caller; no header is the anonymous caller. */
export type Authenticate = (authorization: string | undefined) => Promise<Caller>;

/**
 * Signatures the gateway accepts: asymmetric only. An HMAC token would verify with whatever secret
 * the key set holds, and a published JWKS must never be a signing secret; `none` is never accepted.
 */
export const ACCEPTED_ALGORITHMS = ['ES256', 'ES384', 'ES512', 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'EdDSA', 'Ed25519'];

/**
 * How long after fetching an issuer's JWKS (`remoteJwks`) the gateway waits before fetching it again for a key
 * it does not know. A rotated key is picked up within this time, without a restart; tokens naming
 * unknown keys cannot make the gateway fetch more often than this.
 */
export const JWKS_REFETCH_COOLDOWN_MS = 5_000;

/** How long fetched keys are trusted before they are fetched again anyway (a removed key stops verifying). */
export const JWKS_MAX_AGE_MS = 10 * 60_000;

/**
 * How long the gateway keeps a token it verified, so a client's next requests with the same token
 * are not verified again (an asymmetric signature each: the largest part of the bearer check). A
 * token is kept until its expiry or this long, whichever comes first, and only while its issuer's
 * keys still give the key that verified it: a key removed from the set is refused at once, as
 * before.
 */
export const VERIFIED_TOKEN_KEPT_MS = 60_000;

/** At most this many verified tokens are kept; beyond, the oldest is forgotten (and verified again if it comes back). */
export const VERIFIED_TOKENS_KEPT = 4096;

/** How far a token's issue time (`iat`) may lie ahead of the gateway's clock: the issuer's clock may run a little fast. */
export const CLOCK_SKEW_S = 60;

/** What an issuer's key set gives for a token's header. */
type ResolvedKey = Awaited<ReturnType<JWTVerifyGetKey>>;

/** A token verified lately: the caller it stands for, until when, and the key its signature was checked with. */
interface VerifiedToken {
  readonly caller: Caller;
  readonly until: number;
  readonly from: Trusted;
  readonly header: CompactJWSHeaderParameters;
  readonly key: ResolvedKey;
}

function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(`登录凭据无效，请重新登录 / ${message}`, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}

interface Trusted {
  readonly keys: JWTVerifyGetKey;
  readonly audience: string;
  readonly claims: ClaimNames;
}

function trusted(options: AuthenticationOptions): Trusted {
  const keys = typeof options.keys === 'function' ? options.keys : createLocalJWKSet(options.keys);
  return { keys, audience: options.audience, claims: options.claims ?? DEFAULT_CLAIM_NAMES };
}

/**
 * Bearer JWTs from the trusted issuers, each verified against its own keys: signature (asymmetric
 * algorithms only), issuer, audience and expiry, and a role claim naming one of Linju's roles (a
 * jurisdiction operator's with a region of that side). A bad token is refused outright rather than
 * treated as anonymous, so a client never mistakes an expired session for "no data". A token
 * verified once is taken again without its signature being checked while its issuer's keys still
 * give the key that checked it, until it expires, at most `VERIFIED_TOKEN_KEPT_MS` later; a refused
 * one is checked again each time.
 */
export function createAuthenticator(options: AuthenticationOptions | readonly AuthenticationOptions[]): Authenticate {
  const issuers = new Map<string, Trusted>((Array.isArray(options) ? options : [options]).map((issuer: AuthenticationOptions) => [issuer.issuer, trusted(issuer)]));
  // Tokens verified lately, in the order verified.
  const verified = new Map<string, VerifiedToken>();
  return async (authorization) => {
    if (!authorization) return ANONYMOUS;
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match) throw unauthenticated('The Authorization header must be "Bearer <token>"');
    const token = match[1]!;
    const known = verified.get(token);
    if (known && Date.now() < known.until && (await keyOf(known.from, known.header, token).catch(() => undefined)) === known.key) return known.caller;
    verified.delete(token);
    const entry = await verify(token);
    verified.set(token, entry);
    if (verified.size > VERIFIED_TOKENS_KEPT) verified.delete(verified.keys().next().value!);
    return entry.caller;
  };

  async function verify(token: string): Promise<VerifiedToken> {
    // The unverified `iss` only picks whose keys to verify with; jwtVerify checks it again.
    let issuer: unknown;
    try {
      issuer = decodeJwt(token).iss;
    } catch {
      throw unauthenticated('The token was refused: it is not a JWT');
    }
    const from = typeof issuer === 'string' ? issuers.get(issuer) : undefined;
    if (!from) throw unauthenticated('The token was refused: its issuer is not trusted');
    let payload, header, key: Promise<ResolvedKey> | undefined;
    try {
      ({ payload, protectedHeader: header } = await jwtVerify(token, (h) => (key = keyOf(from, h, token)), { issuer: issuer as string, audience: from.audience, algorithms: ACCEPTED_ALGORITHMS, requiredClaims: ['exp', 'sub'] }));
    } catch (error) {
      throw unauthenticated(`The token was refused: ${(error as Error).message}`);
    }
    const role = claimAt(payload, from.claims.role);
    const region = claimAt(payload, from.claims.region);
    if (!isRole(role) || role === 'anonymous') throw unauthenticated(`The token's role ${JSON.stringify(role) ?? 'undefined'} is not a Linju role`);
    if (!payload.sub) throw unauthenticated('The token names no subject');
    // A token that never expires, or one issued in the future (a forged or misconfigured issuer), is not taken.
    if (payload.iat !== undefined && payload.iat > Date.now() / 1000 + CLOCK_SKEW_S) throw unauthenticated('The token was refused: it was issued in the future (iat)');
    const name = claimAt(payload, from.claims.name);
    const identityProblem = identityClaimProblem('sub', payload.sub, IDENTITY_CLAIM_MAX_LENGTH.sub) ?? identityClaimProblem(from.claims.name, name, IDENTITY_CLAIM_MAX_LENGTH.name);
    if (identityProblem) throw unauthenticated(`The token was refused: ${identityProblem}`);
    const regionProblem = callerRegionProblem(role, region);
    if (regionProblem) throw unauthenticated(`The token was refused: ${regionProblem}`);
    const caller = callerOf({ subject: payload.sub, role, name, region });
    return { caller, until: Math.min(payload.exp! * 1000, Date.now() + VERIFIED_TOKEN_KEPT_MS), from, header, key: await key! };
  }
}

/** The key `from`'s key set gives for a token's header (what jwtVerify asks it for). */
async function keyOf(from: Trusted, header: CompactJWSHeaderParameters, token: string): Promise<ResolvedKey> {
  const [encodedHeader, payload, signature] = token.split('.');
  const jws: FlattenedJWSInput = { protected: encodedHeader, payload: payload ?? '', signature: signature ?? '' };
  return from.keys(header, jws);
}
