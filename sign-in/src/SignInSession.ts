import * as oauth from 'oauth4webapi';
import { isCallback, isLoopback, redirectUriOf, withoutCallback } from './pageAddress.ts';
import { renewalDelay } from './renewalDelay.ts';
import { loadSignInConfig, parseSignInConfig, type SignInConfig, type SigningPage } from './signInConfig.ts';
import { tokenClaims, type TokenClaims } from './tokenClaims.ts';
import { accountRefusedNotice, SIGN_IN_MESSAGES, signInFailure } from './signInMessages.ts';

/** Where a page stands: no identity provider configured, signed out (and why, if the page should say), or signed in. */
export type SignInState =
  | { readonly kind: 'unavailable' }
  | { readonly kind: 'signed-out'; readonly notice: string | null }
  | { readonly kind: 'signed-in'; readonly accessToken: string; readonly claims: TokenClaims };

/** The tokens of this tab, kept in sessionStorage (gone when the tab closes; never localStorage, never a cookie). */
interface HeldTokens {
  readonly accessToken: string;
  readonly idToken?: string;
  readonly refreshToken?: string;
  /** ms since the epoch */
  readonly expiresAt: number;
}

/** What a sign-in sent to the identity provider, kept across the redirect to check its answer. */
interface PendingSignIn {
  readonly state: string;
  readonly nonce: string;
  readonly verifier: string;
  readonly redirectUri: string;
}

/** The gateway's refusal of a token (`UNAUTHENTICATED`): its `extensions.reason` and its message (`中文 / English`). */
export interface GatewayRefusal {
  readonly reason?: string;
  readonly message?: string;
}

/**
 * The gateway's reasons (`extensions.reason`) that are the account's, not the token's: no Linju
 * role or two of them, a region that does not fit, a subject or name no audit entry may hold. A
 * renewed token, or a new sign-in, carries the same claims, so the page signs out at once and says
 * why.
 */
const ACCOUNT_REFUSALS: ReadonlySet<string> = new Set(['no-role', 'ambiguous-role', 'bad-region', 'bad-identity']);

/** After a renewal that failed for want of an answer (not a refusal), the next try comes this much later. */
const RETRY_MS = 15_000;
/** The lifetime assumed for an access token that states none (no expires_in, no exp). */
const UNKNOWN_LIFETIME_MS = 5 * 60_000;

/**
 * The browser's localStorage, where a sign-out leaves its mark for whoever signs in next on this
 * device (not a token: `'1'`); null where there is none or it may not be used (a private window).
 */
function deviceStorage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/**
 * Written to localStorage (the time, so that each write is a change) by a page back from the
 * identity provider's 退出 page, whichever page of this origin it is (the dashboard, the explorer):
 * the browser's other tabs, told by their `storage` event, renew at once and so learn whether the
 * provider still honours their sign-in, instead of at their next renewal, up to 14 minutes later.
 */
const SIGNED_OUT_ELSEWHERE_KEY = 'linju.signIn.signedOutElsewhere';

function readJson<T>(storage: Storage, key: string): T | null {
  try {
    return JSON.parse(storage.getItem(key) ?? 'null') as T | null;
  } catch {
    return null;
  }
}

/**
 * Sign-in for one page, as an OpenID Connect client of the issuer the gateway names: the
 * authorization code flow with PKCE (S256), state and nonce; silent renewal with the refresh
 * token before the access token expires; sign-out at the issuer's end_session_endpoint. The
 * protocol is oauth4webapi's (discovery, the authorization response, the token endpoint, the ID
 * token's claims); this class only keeps the tokens of the tab and says what changed.
 */
export class SignInSession {
  #state: SignInState;
  #tokens: HeldTokens | null = null;
  #server: Promise<oauth.AuthorizationServer> | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #renewing: Promise<boolean> | null = null;
  /** A token the gateway refused is renewed once; a renewed token refused again signs the tab out. */
  #renewedAfterRefusal = false;
  /** The renewal a refusal asked for, by the token refused: the other requests refused with that token wait for it. */
  #renewalAfterRefusal: { from: string; renewed: Promise<boolean> } | null = null;
  readonly #listeners = new Set<(state: SignInState) => void>();
  readonly #tokensKey: string;
  readonly #pendingKey: string;
  /** Set by 退出 or a refusal of the account, cleared by the next sign-in that finishes: that sign-in asks for the account (`prompt=login`). */
  readonly #askAccountKey: string;
  /** Set by 退出 just before the trip to the identity provider, read once back: the page says 已退出登录。 then. */
  readonly #signedOutKey: string;
  readonly #client: oauth.Client;
  readonly #redirectUri: string;

  private constructor(
    readonly config: SignInConfig,
    clientId: string | null,
    address: URL,
    private readonly storage: Storage,
  ) {
    this.#client = { client_id: clientId ?? '' };
    this.#tokensKey = `linju.signIn.${clientId}.tokens`;
    this.#pendingKey = `linju.signIn.${clientId}.pending`;
    this.#askAccountKey = `linju.signIn.${clientId}.askAccount`;
    this.#signedOutKey = `linju.signIn.${clientId}.signedOut`;
    this.#redirectUri = redirectUriOf(address);
    this.#state = config.issuer && clientId ? { kind: 'signed-out', notice: null } : { kind: 'unavailable' };
  }

  /**
   * Reads the gateway's sign-in settings and the tab's state: finishes a sign-in when the address
   * is the identity provider's answer (and removes it from the address bar), or takes up the
   * tokens this tab already holds. Never throws: a failure leaves the page signed out, saying why.
   */
  static async start(page: SigningPage, configUrl: URL, storage: Storage = sessionStorage): Promise<SignInSession> {
    let config: SignInConfig;
    try {
      config = await loadSignInConfig(configUrl);
    } catch {
      config = parseSignInConfig(null);
    }
    const address = new URL(window.location.href);
    const session = new SignInSession(config, config.clients[page] ?? null, address, storage);
    if (session.#state.kind === 'unavailable') return session;
    window.addEventListener('storage', (event) => session.#onDeviceStorage(event));
    if (isCallback(address)) await session.#finishSignIn(address);
    else await session.#resume();
    return session;
  }

  /** What a token says of its holder, read as the gateway reads it (its claim names and roles); null when it is no JWT. */
  claimsOf(token: string): TokenClaims | null {
    return tokenClaims(token, this.config.claims);
  }

  get state(): SignInState {
    return this.#state;
  }

  /** The access token to send as `Authorization: Bearer …`, or null. */
  get accessToken(): string | null {
    return this.#state.kind === 'signed-in' ? this.#state.accessToken : null;
  }

  /** Calls `listener` at every change of state (a renewal gives a new token); returns the unsubscribe. */
  onChange(listener: (state: SignInState) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Leaves for the identity provider's sign-in page; it sends the person back to this page. */
  async signIn(): Promise<void> {
    let server: oauth.AuthorizationServer;
    try {
      server = await this.#authorizationServer();
    } catch {
      this.#signedOut(SIGN_IN_MESSAGES.unreachable);
      return;
    }
    const pending: PendingSignIn = {
      state: oauth.generateRandomState(),
      nonce: oauth.generateRandomNonce(),
      verifier: oauth.generateRandomCodeVerifier(),
      redirectUri: this.#redirectUri,
    };
    this.storage.setItem(this.#pendingKey, JSON.stringify(pending));
    const url = new URL(server.authorization_endpoint!);
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: this.#client.client_id,
      redirect_uri: pending.redirectUri,
      scope: this.config.scope,
      state: pending.state,
      nonce: pending.nonce,
      code_challenge: await oauth.calculatePKCECodeChallenge(pending.verifier),
      code_challenge_method: 'S256',
      // After a 退出 from this page, whatever the provider answered (its session is kept when the
      // person chose 取消 there): the next sign-in asks for the account, so the next person on a
      // shared phone or office computer is not signed in as the last one without a password.
      ...(this.#mustAskAccount() && { prompt: 'login' }),
    }).toString();
    window.location.assign(url.href);
  }

  /**
   * Forgets the tab's tokens, then ends the session at the identity provider (which asks the
   * person to confirm and sends them back to this page); without an end_session_endpoint, only
   * the tab forgets.
   */
  async signOut(): Promise<void> {
    const idToken = this.#tokens?.idToken;
    this.#signedOut(SIGN_IN_MESSAGES.signedOut);
    this.#askAccountNextTime();
    let endpoint: string | undefined;
    try {
      endpoint = (await this.#authorizationServer()).end_session_endpoint;
    } catch {
      return;
    }
    if (!endpoint) return;
    const url = new URL(endpoint);
    url.searchParams.set('client_id', this.#client.client_id);
    url.searchParams.set('post_logout_redirect_uri', this.#redirectUri);
    if (idToken) url.searchParams.set('id_token_hint', idToken);
    // The page loads afresh on the way back: this mark has it say 已退出登录。 then (see #resume).
    this.storage.setItem(this.#signedOutKey, '1');
    window.location.assign(url.href);
  }

  /**
   * The gateway refused the access token (UNAUTHENTICATED): renew it once. True when there is a
   * new token to try; otherwise the tab is signed out, saying so. A refusal of the account itself
   * (no Linju role: `ACCOUNT_REFUSALS`) signs out at once, with the gateway's reason in Chinese,
   * since signing in again would give the same refusal.
   *
   * `sentWith` is the token the refused request carried, which each caller must say (taken as the one
   * held now, a request answered after a renewal would be read as the new token refused, and sign the
   * tab out). Several requests refused together (a page's
   * panels asking at once when the token lapsed) share the one renewal, and a refusal of a token
   * already replaced asks for nothing (send again with the one held): neither is a second refusal.
   */
  async renewAfterRefusal(refusal: GatewayRefusal, sentWith: string | null): Promise<boolean> {
    const refused = this.accessToken;
    if (!refused) return false;
    if (!(refusal.reason && ACCOUNT_REFUSALS.has(refusal.reason))) {
      if (sentWith !== refused) return true;
      if (this.#renewalAfterRefusal?.from === refused) return this.#renewalAfterRefusal.renewed;
    }
    if (refusal.reason && ACCOUNT_REFUSALS.has(refusal.reason)) {
      this.#signedOut(accountRefusedNotice(refusal.message));
      // The identity provider still holds this account's session: without prompt=login the next
      // 登录 would come straight back as the same refused account, and nobody could switch.
      this.#askAccountNextTime();
      return false;
    }
    if (this.#renewedAfterRefusal) {
      this.#signedOut(SIGN_IN_MESSAGES.refused);
      return false;
    }
    this.#renewedAfterRefusal = true;
    const renewed = this.#renew().then((held) => held && this.accessToken !== refused);
    this.#renewalAfterRefusal = { from: refused, renewed };
    return renewed;
  }

  /**
   * Another tab of this browser is back from the provider's 退出 page: renew now. The provider
   * refuses the refresh token where that 退出 ended this sign-in (its 退出登录, or its 取消 for a
   * tab of the same page, whose grant it revokes as well), and the tab is signed out at once,
   * saying so, not up to 14 minutes later with the page's data left on a shared computer meanwhile.
   */
  #onDeviceStorage(event: StorageEvent): void {
    if (event.key === SIGNED_OUT_ELSEWHERE_KEY && event.newValue && this.#tokens) void this.#renew();
  }

  /** Takes up the tokens this tab holds (a reload); one that expired while the tab slept is renewed before the page uses it. */
  async #resume(): Promise<void> {
    if (this.storage.getItem(this.#signedOutKey) === '1') {
      // Back from the identity provider after 退出 (whichever button the person chose there).
      this.storage.removeItem(this.#signedOutKey);
      this.#set({ kind: 'signed-out', notice: SIGN_IN_MESSAGES.signedOut });
      try {
        deviceStorage()?.setItem(SIGNED_OUT_ELSEWHERE_KEY, String(Date.now()));
      } catch {
        // A full or refused localStorage: the other tabs learn at their next renewal.
      }
    }
    const held = readJson<HeldTokens>(this.storage, this.#tokensKey);
    if (!held?.accessToken || typeof held.expiresAt !== 'number') return;
    this.#hold(held);
    if (renewalDelay(held.expiresAt, Date.now()) === 0) await this.#renew();
  }

  async #finishSignIn(address: URL): Promise<void> {
    // First of all: the code leaves the address bar, whatever happens next.
    window.history.replaceState(window.history.state, '', withoutCallback(address));
    const pending = readJson<PendingSignIn>(this.storage, this.#pendingKey);
    this.storage.removeItem(this.#pendingKey);
    this.storage.removeItem(this.#signedOutKey);
    if (!pending) {
      this.#signedOut(SIGN_IN_MESSAGES.unexpectedAnswer);
      return;
    }
    try {
      const server = await this.#authorizationServer();
      const parameters = oauth.validateAuthResponse(server, this.#client, address, pending.state);
      const response = await oauth.authorizationCodeGrantRequest(server, this.#client, oauth.None(), parameters, pending.redirectUri, pending.verifier, this.#httpOptions());
      const result = await oauth.processAuthorizationCodeResponse(server, this.#client, response, { expectedNonce: pending.nonce, requireIdToken: true });
      this.#hold(this.#heldFrom(result, null));
      this.storage.removeItem(this.#askAccountKey);
      deviceStorage()?.removeItem(this.#askAccountKey);
    } catch (error) {
      this.#signedOut(signInFailure(error));
    }
  }

  /** Renews with the refresh token; true when a new access token is held. Concurrent calls share one request. */
  #renew(): Promise<boolean> {
    this.#renewing ??= this.#renewOnce().finally(() => {
      this.#renewing = null;
    });
    return this.#renewing;
  }

  async #renewOnce(): Promise<boolean> {
    const held = this.#tokens;
    if (!held) return false;
    if (!held.refreshToken) {
      this.#signedOut(SIGN_IN_MESSAGES.expired);
      return false;
    }
    try {
      const server = await this.#authorizationServer();
      const response = await oauth.refreshTokenGrantRequest(server, this.#client, oauth.None(), held.refreshToken, this.#httpOptions());
      const result = await oauth.processRefreshTokenResponse(server, this.#client, response);
      // Signed out (or in again) meanwhile: this answer is for tokens no longer held.
      if (this.#tokens !== held) return false;
      // The issuer rotates refresh tokens: the one just used is spent, keep the newest.
      this.#hold(this.#heldFrom(result, held));
      return true;
    } catch (error) {
      if (this.#tokens !== held) return this.#tokens !== null;
      const refused = error instanceof oauth.ResponseBodyError;
      const left = held.expiresAt - Date.now();
      if (!refused && left > RETRY_MS) {
        // No answer (network, identity provider restarting): try again while the token still works.
        this.#schedule(RETRY_MS);
        return false;
      }
      this.#signedOut(refused ? SIGN_IN_MESSAGES.sessionEnded : SIGN_IN_MESSAGES.expired);
      return false;
    }
  }

  #heldFrom(result: oauth.TokenEndpointResponse, previous: HeldTokens | null): HeldTokens {
    const exp = tokenClaims(result.access_token)?.exp;
    // expires_in is optional: then the token's own exp, else a guess that renews soon but not in a loop.
    const lifetimeMs = result.expires_in ? result.expires_in * 1000 : exp ? exp * 1000 - Date.now() : UNKNOWN_LIFETIME_MS;
    const idToken = result.id_token ?? previous?.idToken;
    const refreshToken = result.refresh_token ?? previous?.refreshToken;
    return { accessToken: result.access_token, expiresAt: Date.now() + lifetimeMs, ...(idToken && { idToken }), ...(refreshToken && { refreshToken }) };
  }

  #hold(tokens: HeldTokens): void {
    this.#tokens = tokens;
    this.storage.setItem(this.#tokensKey, JSON.stringify(tokens));
    this.#schedule(renewalDelay(tokens.expiresAt, Date.now()));
    this.#set({ kind: 'signed-in', accessToken: tokens.accessToken, claims: this.claimsOf(tokens.accessToken) ?? {} });
  }

  #schedule(delay: number): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#renewedAfterRefusal = false;
      void this.#renew();
    }, delay);
  }

  #signedOut(notice: string | null): void {
    clearTimeout(this.#timer);
    this.#tokens = null;
    this.#renewedAfterRefusal = false;
    this.storage.removeItem(this.#tokensKey);
    this.#set({ kind: 'signed-out', notice });
  }

  #set(state: SignInState): void {
    this.#state = state;
    for (const listener of this.#listeners) listener(state);
  }

  /** Marks this tab and this device (whoever signs in next on it) so that the next sign-in asks for the account (`prompt=login`). */
  #askAccountNextTime(): void {
    try {
      deviceStorage()?.setItem(this.#askAccountKey, '1');
    } catch {
      // A full or refused localStorage: the tab's own mark below still asks.
    }
    this.storage.setItem(this.#askAccountKey, '1');
  }

  /** A 退出 from this page (this tab, or another tab of this browser), or a refusal of the account, not yet followed by a sign-in. */
  #mustAskAccount(): boolean {
    try {
      return this.storage.getItem(this.#askAccountKey) === '1' || deviceStorage()?.getItem(this.#askAccountKey) === '1';
    } catch {
      return true;
    }
  }

  #httpOptions(): { [oauth.allowInsecureRequests]?: boolean } {
    // Plain HTTP for the development identity provider on this machine only.
    return isLoopback(new URL(this.config.issuer!)) ? { [oauth.allowInsecureRequests]: true } : {};
  }

  #authorizationServer(): Promise<oauth.AuthorizationServer> {
    const issuer = new URL(this.config.issuer!);
    this.#server ??= oauth
      .discoveryRequest(issuer, { algorithm: 'oidc', ...this.#httpOptions() })
      .then((response) => oauth.processDiscoveryResponse(issuer, response))
      .catch((error: unknown) => {
        this.#server = null; // asked again next time
        throw error;
      });
    return this.#server;
  }
}
