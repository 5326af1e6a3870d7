import { createHash, randomUUID, type KeyObject } from 'node:crypto';
import { canonicalJson } from '@linju/contract';
import { callerOf, callerRegionProblem, isRole, type Caller } from './caller.ts';
import { hs256Key, JwtInvalid, signJwt, verifyJwt } from './hs256.ts';

/** The header in which the gateway vouches for the caller to a subgraph. */
export const CALLER_HEADER = 'x-linju-caller';

const ISSUER = 'linju-gateway';

/**
 * How long a caller statement lives (`exp` − `iat`, seconds): what the gateway signs, and the longest
 * a subgraph accepts. A statement that claims to live longer was not made by the gateway as it is.
 */
export const CALLER_STATEMENT_SECONDS = 30;

/**
 * How far a statement's `iat` may lie ahead of a subgraph's clock (seconds): the gateway's and the
 * subgraph's clocks may differ by this much. So a statement is accepted at most this long plus
 * {@link CALLER_STATEMENT_SECONDS} after the subgraph first could have seen it.
 */
export const CALLER_STATEMENT_CLOCK_SKEW_SECONDS = 30;

/** What a signature is bound to: this document, operation and variables, so it cannot be reused for another. */
export function operationDigest(query: string | undefined, variables: unknown, operationName?: string | null): string {
  // The operation name too: a document with several operations must not be run under another one's statement.
  return createHash('sha256').update(`${query ?? ''}\n${canonicalJson(variables ?? {})}\n${operationName ?? ''}`).digest('base64url');
}

/**
 * The gateway's statement "this request comes from this caller", for one subgraph (audience),
 * one operation (digest) and a few seconds: HS256 over a secret only the gateway and that
 * subgraph hold, so one subgraph's secret cannot speak to another.
 */
export function signCaller(caller: Caller, options: { secret: string; audience: string; digest: string; ttlSeconds?: number }): Promise<string> {
  const ttl = options.ttlSeconds ?? CALLER_STATEMENT_SECONDS;
  if (ttl > CALLER_STATEMENT_SECONDS) return Promise.reject(new RangeError(`a caller statement lives at most ${CALLER_STATEMENT_SECONDS} seconds (subgraphs refuse a longer one), not ${ttl}`));
  const now = Math.floor(Date.now() / 1000);
  // The claims in the order jose's SignJWT wrote them, so the statement is the same bytes.
  const claims = {
    role: caller.role,
    op: options.digest,
    ...(caller.name && { name: caller.name }),
    ...(caller.region && { region: caller.region }),
    iss: ISSUER,
    aud: options.audience,
    sub: caller.subject,
    iat: now,
    exp: now + ttl,
    jti: randomUUID(),
  };
  return Promise.resolve(signJwt(claims, hs256Key(options.secret)));
}

/**
 * Why a subgraph refused a request's caller statement. `signature`: it is not signed with this
 * subgraph's secret: either it does not come from the gateway, or the gateway holds another secret
 * for this subgraph than the subgraph does (a configuration fault both sides report as such).
 * `malformed`: no HS256 token at all (not three base64url parts, a header or payload that is no JSON
 * object, another algorithm), whatever the key. `invalid`: signed, but its issuer, audience or times
 * do not hold (expired among them). The message is this module's own wording, never a parser's.
 */
export class CallerRejected extends Error {
  constructor(
    message: string,
    readonly reason: 'missing' | 'signature' | 'malformed' | 'invalid' | 'other-operation' | 'incomplete' | 'replay' = 'invalid',
  ) {
    super(message);
  }
}

/** The variable holding the secret one subgraph shares with the gateway: `SICHUAN_GATEWAY_SECRET` for `sichuan`. */
export function gatewaySecretVariable(name: string): string {
  return `${name.toUpperCase()}_GATEWAY_SECRET`;
}

/**
 * The variable holding the secret a subgraph still accepts during a rollover, beside the current
 * one: `SICHUAN_GATEWAY_SECRET_PREVIOUS` for `sichuan`. Only subgraphs read it; the gateway signs
 * with the current secret alone (docs/deployment.md, "Rotating secrets").
 */
export function previousGatewaySecretVariable(name: string): string {
  return `${gatewaySecretVariable(name)}_PREVIOUS`;
}

/**
 * Records a statement's ID (`jti`, until `exp`, seconds since the epoch) and says whether it is the
 * first to: false means the statement was used before. A subgraph with replicas records them in its
 * store, so a statement is accepted once across all of them (subgraph-runtime's `storeStatementClaims`).
 */
export type ClaimStatement = (jti: string, exp: number) => Promise<boolean>;

/**
 * A subgraph's check of the gateway's statement: signed with its own secret, for it, for this very
 * operation, fresh (issued, `iat`, no later than {@link CALLER_STATEMENT_CLOCK_SKEW_SECONDS} ahead of
 * this clock, living no longer than {@link CALLER_STATEMENT_SECONDS}, not expired), and never seen
 * before (a captured header replayed within its lifetime is refused). "Never seen" is this process's memory unless a `claim` is given; an error of the claim
 * (its store unreachable) rejects the verification with that error.
 *
 * `secrets` is the current secret, or the current one then the previous one during a rollover: a
 * statement signed with either is accepted, with nothing else.
 *
 * `claim` answering false checks everything but "never seen before", for a request that reads nothing
 * from the store (subgraph-runtime's `storeFreeOperations`): replayed, it could only give again the
 * answer it was signed for, which the statement's digest binds to the very same variables. It is
 * asked only once the statement has proved itself (signature, audience, expiry, digest), so a
 * stranger's request costs no more than its signature check.
 */
export class CallerVerifier {
  private readonly seen = new Map<string, number>();
  private lastPruned = 0;
  private readonly keys: readonly KeyObject[];

  constructor(
    secrets: string | readonly string[],
    private readonly audience: string,
    private readonly claim?: ClaimStatement,
  ) {
    this.keys = (typeof secrets === 'string' ? [secrets] : secrets).map(hs256Key);
    if (this.keys.length === 0) throw new Error(`no secret to verify ${audience}'s caller statements with`);
  }

  async verify(header: string | undefined, digest: string, options: { claim?: () => boolean } = {}): Promise<Caller> {
    if (!header) throw new CallerRejected('no caller statement from the gateway', 'missing');
    const payload = this.verifiedPayload(header);
    if (payload.op !== digest) throw new CallerRejected('the caller statement was signed for another operation', 'other-operation');
    const { jti, iat, exp, sub } = payload;
    if (typeof jti !== 'string' || !jti || typeof iat !== 'number' || typeof exp !== 'number' || typeof sub !== 'string' || !sub || !isRole(payload.role)) throw new CallerRejected('the caller statement is incomplete', 'incomplete');
    const regionProblem = callerRegionProblem(payload.role, payload.region);
    if (regionProblem) throw new CallerRejected(`the caller statement's region does not fit: ${regionProblem}`, 'incomplete');
    const fresh = options.claim?.() === false || (this.claim ? await this.claim(jti, exp) : this.claimInMemory(jti, exp));
    if (!fresh) throw new CallerRejected('the caller statement was already used (replay)', 'replay');
    return callerOf({ subject: sub, role: payload.role, name: payload.name, region: payload.region });
  }

  /** The statement's claims, checked with the first secret whose signature it bears. */
  private verifiedPayload(header: string): Record<string, unknown> {
    let payload: Record<string, unknown> | null;
    try {
      payload = verifyJwt(header, this.keys, { issuer: ISSUER, audience: this.audience, maxLifetimeSeconds: CALLER_STATEMENT_SECONDS, clockSkewSeconds: CALLER_STATEMENT_CLOCK_SKEW_SECONDS });
    } catch (error) {
      // Malformed, another algorithm, or claims that do not hold: the statement's own fault, whichever secret.
      if (!(error instanceof JwtInvalid)) throw error;
      if (error.kind === 'malformed') throw new CallerRejected('the caller statement is malformed: it is no HS256 token as the gateway signs them', 'malformed');
      throw new CallerRejected('the caller statement is not valid: its issuer, audience or times (expired, not valid yet, or living longer than the gateway signs them) do not hold', 'invalid');
    }
    if (payload) return payload;
    const variables = this.keys.length > 1 ? `${gatewaySecretVariable(this.audience)} or ${previousGatewaySecretVariable(this.audience)}` : gatewaySecretVariable(this.audience);
    throw new CallerRejected(
      `the caller statement is not signed with this subgraph's secret (${variables}): it does not come from the gateway, or the gateway holds another secret for ${this.audience}`,
      'signature',
    );
  }

  private claimInMemory(jti: string, exp: number): boolean {
    this.forgetExpired();
    if (this.seen.has(jti)) return false;
    this.seen.set(jti, exp);
    return true;
  }

  private forgetExpired(): void {
    // At most once a second: a scan per request would cost as much as the requests seen lately.
    const now = Math.floor(Date.now() / 1000);
    if (now === this.lastPruned) return;
    this.lastPruned = now;
    for (const [jti, exp] of this.seen) if (exp < now) this.seen.delete(jti);
  }
}
