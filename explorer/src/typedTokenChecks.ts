/**
 * What the gateway has said of an `Authorization` typed into GraphiQL's Headers editor. Its
 * claims are read from the token without checking it (anyone can write a token that names anyone):
 * they are shown as the holder only once the gateway has accepted a request carrying it, and as
 * 未验证 until then; a token the gateway refuses is shown by the gateway's reason, not its claims.
 *
 * - `checking`: asked, no answer yet;
 * - `accepted`: a request with it was answered (the gateway verified its signature, issuer,
 *   audience, expiry and role before answering);
 * - `refused`: the gateway refused it (`UNAUTHENTICATED`), `reason` its Chinese half;
 * - `unchecked`: no answer said either way (the gateway unreachable, or its identity provider's
 *   keys unavailable).
 */
export type TokenCheck = { readonly kind: 'checking' } | { readonly kind: 'accepted' } | { readonly kind: 'refused'; readonly reason: string } | { readonly kind: 'unchecked' };


import { tokenClaims } from '@linju/sign-in';

/** A value as a request carries it (fetch trims a header's value). */
const key = (authorization: string): string => authorization.trim();

/** How many tokens' checks are kept (the tabs' tokens and a few typed before them). */
const CHECKS_KEPT = 32;

/** After a check that got no verdict (`unchecked`: the gateway or its keys out), the value still typed is asked again this much later. */
export const UNCHECKED_RETRY_MS = 15_000;

/** The longest a timer may wait (setTimeout's limit, about 24.8 days); a token that lives longer is looked at again then. */
const LONGEST_TIMER_MS = 2 ** 31 - 1;

/** A GraphQL answer, as far as a check reads it. */
interface GraphQLAnswer {
  data?: unknown;
  errors?: { message?: unknown; extensions?: { code?: unknown } }[];
}

/** What the gateway's answer to a request that carried the token says of it: a verdict, or null when it says nothing. */
export async function checkOfAnswer(response: Response): Promise<TokenCheck | null> {
  let body: GraphQLAnswer | null;
  try {
    body = (await response.clone().json()) as GraphQLAnswer | null;
  } catch {
    return null;
  }
  const refusal = body?.errors?.find((error) => error.extensions?.code === 'UNAUTHENTICATED');
  if (refusal) {
    const chinese = typeof refusal.message === 'string' ? refusal.message.split(' / ')[0]!.trim().replace(/[。.]$/, '') : '';
    return { kind: 'refused', reason: /[\u4e00-\u9fff]/.test(chinese) ? chinese : '令牌无法验证' };
  }
  // An answer of the operation (200, data): the gateway builds the caller from the token before anything else.
  return response.status === 200 && body?.data !== undefined && body.data !== null ? { kind: 'accepted' } : null;
}

/**
 * The checks of the tokens typed so far, by their whole `Authorization` value: asked of the
 * gateway once per value (`explorer/operations/ExplorerTokenCheck.graphql`, registered: answered by
 * the gateway itself after it has verified the token, by no subgraph; through `ask`), and learnt
 * from GraphiQL's own requests that carry one ({@link observe}).
 */
export class TypedTokenChecks {
  readonly #checks = new Map<string, TokenCheck>();
  readonly #listeners = new Set<() => void>();
  readonly #ask: (authorization: string) => Promise<Response>;
  /** The value last asked for by {@link check}: the one typed now, which a retry asks for again. */
  #typed: string | null = null;
  /** Per value, the timer of its retry (`unchecked`) or of its expiry (`accepted`). */
  readonly #timers = new Map<string, ReturnType<typeof setTimeout>>();

  readonly #retryMs: number;

  /** @param retryMs how long after a check without a verdict the value still typed is asked again */
  constructor(ask: (authorization: string) => Promise<Response>, retryMs: number = UNCHECKED_RETRY_MS) {
    this.#ask = ask;
    this.#retryMs = retryMs;
  }

  /** The check of `authorization`, or undefined before it is asked for. */
  get(authorization: string): TokenCheck | undefined {
    return this.#checks.get(key(authorization));
  }

  /**
   * Asks the gateway, unless it was asked (or has answered a request with it) already; a check
   * that got no verdict is asked again ({@link UNCHECKED_RETRY_MS} later, while the value is typed).
   */
  check(typed: string): void {
    const authorization = key(typed);
    this.#typed = authorization;
    const known = this.#checks.get(authorization);
    if (known && known.kind !== 'unchecked') return;
    if (known && this.#timers.has(authorization)) return; // its retry is due
    this.#probe(authorization);
  }

  /** What an answer to one of GraphiQL's requests carrying `authorization` says: it replaces the check when it says anything. */
  async observe(authorization: string, response: Response): Promise<void> {
    const check = await checkOfAnswer(response);
    if (check) this.#set(key(authorization), check);
  }

  #probe(authorization: string): void {
    const asked: TokenCheck = { kind: 'checking' };
    this.#set(authorization, asked);
    // The probe's answer counts only if nothing was learnt since it was sent: a later answer to a
    // request of GraphiQL's (a refusal once the token was revoked, say) is newer than it.
    const settle = (check: TokenCheck) => {
      if (this.#checks.get(authorization) === asked) this.#set(authorization, check);
    };
    this.#ask(authorization).then(
      async (response) => settle((await checkOfAnswer(response)) ?? { kind: 'unchecked' }),
      () => settle({ kind: 'unchecked' }),
    );
  }

  /** Called on every change; returns what stops it. */
  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #set(authorization: string, check: TokenCheck): void {
    // A late answer to a probe does not overwrite what a request of GraphiQL's said since.
    const known = this.#checks.get(authorization);
    if (known && known.kind !== 'checking' && check.kind === 'unchecked') return;
    this.#checks.delete(authorization);
    this.#checks.set(authorization, check);
    if (this.#checks.size > CHECKS_KEPT) this.#forget(this.#checks.keys().next().value!);
    this.#watch(authorization, check);
    for (const listener of this.#listeners) listener();
  }

  /**
   * What a check waits for: an `unchecked` one is asked again later while its value is typed; an
   * `accepted` one is said again at the token's `exp`, so the bar shows （已过期） then (the gateway's
   * acceptance was of a token that has since expired), not only at the next answer.
   */
  #watch(authorization: string, check: TokenCheck): void {
    clearTimeout(this.#timers.get(authorization));
    this.#timers.delete(authorization);
    let delay: number | undefined;
    let due: () => void = () => undefined;
    if (check.kind === 'unchecked') {
      delay = this.#retryMs;
      due = () => {
        this.#timers.delete(authorization);
        if (this.#typed === authorization && this.#checks.get(authorization) === check) this.#probe(authorization);
      };
    } else if (check.kind === 'accepted') {
      const exp = tokenClaims(authorization.replace(/^Bearer\s+/i, ''))?.exp;
      if (exp === undefined) return;
      const left = exp * 1000 - Date.now();
      if (left < 0) return;
      delay = Math.min(left + 1, LONGEST_TIMER_MS);
      due = () => {
        this.#timers.delete(authorization);
        // The same verdict, a new value: whoever shows it draws it again, now past its exp.
        if (this.#checks.get(authorization) === check) this.#set(authorization, { kind: 'accepted' });
      };
    }
    if (delay !== undefined) this.#timers.set(authorization, setTimeout(due, delay));
  }

  #forget(authorization: string): void {
    clearTimeout(this.#timers.get(authorization));
    this.#timers.delete(authorization);
    this.#checks.delete(authorization);
  }
}
