import { ANONYMOUS, callerOf, callerRegionProblem, ROLES, type Caller } from '@linju/access';
import { GraphQLError } from 'graphql';
import { createLocalJWKSet, decodeJwt, jwtVerify, type CompactJWSHeaderParameters, type FlattenedJWSInput, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';
import { KeysUnavailable } from './checkJwks.ts';
import { claimAt, DEFAULT_CLAIM_NAMES, IDENTITY_CLAIM_MAX_LENGTH, identityClaimProblem, linjuRoleOf, regionOf, type ClaimNames } from './claims.ts';

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

/**
 * Why a token was refused, for the person who sent it: what is wrong and what to do, in Chinese
 * (the English half gives the detail). `reason` travels as `extensions.reason`, so a page can tell
 * a refusal that a new sign-in cures (`expired`) from one it does not (`no-role`: the account has
 * no Linju role, and signing in again gives the same token).
 */
export const TOKEN_REFUSALS = {
  'not-bearer': '请求头格式不对：应为 {"Authorization": "Bearer <令牌>"}，Bearer 与令牌之间空一格，令牌不加引号',
  'not-a-jwt': '令牌不完整或不是令牌：请粘贴完整的访问令牌（以 eyJ 开头、由两个点分成三段，不加引号），或登录后再试',
  'untrusted-issuer': '令牌不是本系统信任的身份认证服务签发的，请通过“登录”重新获取',
  expired: '登录已过期（令牌已失效），请重新登录或换用新的令牌',
  invalid: '令牌无法验证（签名不符、签发密钥已停用，或不是签发给邻聚的），请重新登录获取新的令牌',
  'no-role': '您的账号尚未开通邻聚的权限（令牌中没有邻聚的角色），重新登录也无法查询非公开数据；请联系本单位组织部门的管理员开通',
  'ambiguous-role': '您的账号在统一身份认证中同时开通了邻聚的多个角色，无法确定以哪个身份操作，重新登录也是如此；请联系本单位组织部门的管理员只保留其中一个',
  'bad-region': '您的账号所属区划设置有误，无法确定可操作的范围；请联系管理员在统一身份认证中核对区划代码',
  'bad-identity': '令牌中的账号或姓名含有不允许的字符或过长，请联系管理员',
  'issued-in-future': '令牌的签发时间晚于当前时间（身份认证服务的时钟可能不准），请稍后重试或联系管理员',
} as const;

export type TokenRefusal = keyof typeof TOKEN_REFUSALS;

function unauthenticated(reason: TokenRefusal, message: string): GraphQLError {
  return new GraphQLError(`${TOKEN_REFUSALS[reason]} / ${message}`, { extensions: { code: 'UNAUTHENTICATED', reason, http: { status: 401 } } });
}

/**
 * The issuer's keys could not be had (`KeysUnavailable`): nothing is known of the token, so it is
 * not called bad, and a page does not sign its user out for it; an outage to retry (503).
 */
function keysUnavailable(): GraphQLError {
  return new GraphQLError(
    '暂时无法核验登录：身份认证服务的公钥暂时无法获取，请稍后重试（无需重新登录） / The token could not be checked: the identity provider’s keys cannot be fetched now; try again later',
    { extensions: { code: 'IDENTITY_PROVIDER_UNAVAILABLE', http: { status: 503 } } },
  );
}

/**
 * jose's refusal of a token's signature or claims, as one of the reasons above with an English
 * detail of our own: jose's message (which claim check failed, how) is a library's text and does
 * not reach a client.
 */
function verificationRefusal(error: unknown): GraphQLError {
  if (error instanceof KeysUnavailable) return keysUnavailable();
  const code = (error as { code?: unknown }).code;
  if (code === 'ERR_JWT_EXPIRED') return unauthenticated('expired', 'The token was refused: it has expired');
  if (code === 'ERR_JWS_INVALID' || code === 'ERR_JWT_INVALID') return unauthenticated('not-a-jwt', 'The token was refused: it is not a well-formed JWT');
  if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED') {
    const { claim, reason } = error as { claim?: unknown; reason?: unknown };
    const which = typeof claim === 'string' && /^[a-z]{2,5}$/.test(claim) ? `its "${claim}" claim` : 'one of its claims';
    const what = reason === 'missing' ? 'is missing' : claim === 'nbf' ? 'says it is not valid yet' : 'is not the one expected';
    return unauthenticated('invalid', `The token was refused: ${which} ${what}`);
  }
  return unauthenticated('invalid', 'The token was refused: its signature does not verify with a trusted key, or it is signed with an algorithm not accepted');
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
 * algorithms only), issuer, audience and expiry, and a role claim naming one of Linju's roles, or a
 * list holding exactly one (a jurisdiction operator's with a region of that side, a code given as
 * text or as a number). A bad token is refused outright rather than
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
    if (!match) throw unauthenticated('not-bearer', 'The Authorization header must be "Bearer <token>"');
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
      throw unauthenticated('not-a-jwt', 'The token was refused: it is not a JWT');
    }
    const from = typeof issuer === 'string' ? issuers.get(issuer) : undefined;
    if (!from) throw unauthenticated('untrusted-issuer', 'The token was refused: its issuer is not trusted');
    let payload, header, key: Promise<ResolvedKey> | undefined;
    try {
      ({ payload, protectedHeader: header } = await jwtVerify(token, (h) => (key = keyOf(from, h, token)), { issuer: issuer as string, audience: from.audience, algorithms: ACCEPTED_ALGORITHMS, requiredClaims: ['exp', 'sub'] }));
    } catch (error) {
      throw verificationRefusal(error);
    }
    // A role given as a list (Keycloak's realm_access.roles, Entra ID's roles) holds one Linju role among others.
    const reading = linjuRoleOf(claimAt(payload, from.claims.role), ROLES);
    if ('refused' in reading) throw unauthenticated(reading.refused, reading.detail);
    const role = reading.role as (typeof ROLES)[number];
    const region = regionOf(claimAt(payload, from.claims.region));
    if (!payload.sub) throw unauthenticated('invalid', 'The token names no subject');
    // A token that never expires, or one issued in the future (a forged or misconfigured issuer), is not taken.
    if (payload.iat !== undefined && payload.iat > Date.now() / 1000 + CLOCK_SKEW_S) throw unauthenticated('issued-in-future', 'The token was refused: it was issued in the future (iat)');
    const name = claimAt(payload, from.claims.name);
    const identityProblem = identityClaimProblem('sub', payload.sub, IDENTITY_CLAIM_MAX_LENGTH.sub) ?? identityClaimProblem(from.claims.name, name, IDENTITY_CLAIM_MAX_LENGTH.name);
    if (identityProblem) throw unauthenticated('bad-identity', `The token was refused: ${identityProblem}`);
    const regionProblem = callerRegionProblem(role, region);
    if (regionProblem) throw unauthenticated('bad-region', `The token was refused: ${regionProblem}`);
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
