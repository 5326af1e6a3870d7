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


/** A value as a request carries it (fetch trims a header's value). */
const key = (authorization: string): string => authorization.trim();

/** How many tokens' checks are kept (the tabs' tokens and a few typed before them). */
const CHECKS_KEPT = 32;

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

  constructor(ask: (authorization: string) => Promise<Response>) {
    this.#ask = ask;
  }

  /** The check of `authorization`, or undefined before it is asked for. */
  get(authorization: string): TokenCheck | undefined {
    return this.#checks.get(key(authorization));
  }

  /** Asks the gateway, unless it was asked (or has answered a request with it) already. */
  check(typed: string): void {
    const authorization = key(typed);
    if (this.#checks.has(authorization)) return;
    this.#set(authorization, { kind: 'checking' });
    this.#ask(authorization).then(
      async (response) => this.#set(authorization, (await checkOfAnswer(response)) ?? { kind: 'unchecked' }),
      () => this.#set(authorization, { kind: 'unchecked' }),
    );
  }

  /** What an answer to one of GraphiQL's requests carrying `authorization` says: it replaces the check when it says anything. */
  async observe(authorization: string, response: Response): Promise<void> {
    const check = await checkOfAnswer(response);
    if (check) this.#set(key(authorization), check);
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
    if (this.#checks.size > CHECKS_KEPT) this.#checks.delete(this.#checks.keys().next().value!);
    for (const listener of this.#listeners) listener();
  }
}
