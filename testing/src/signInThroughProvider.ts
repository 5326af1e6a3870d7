import { createHash, randomBytes } from 'node:crypto';

/** What a sign-in through an OpenID Connect provider's pages asks for. */
export interface SignInRequest {
  /** The provider's issuer identifier; its endpoints come from the discovery document. */
  issuer: string;
  clientId: string;
  /** The page's own address, as registered for the client (e.g. `http://127.0.0.1:4000/dashboard/`). */
  redirectUri: string;
  account: string;
  password: string;
  /** @default 'openid profile' */
  scope?: string;
}

/** The tokens of a sign-in, or the sign-in page shown again (a wrong password). */
export type SignInOutcome =
  | { signedIn: true; accessToken: string; idToken: string; refreshToken?: string; expiresIn: number; tokenEndpoint: string }
  | { signedIn: false; status: number; page: string; redirects: string[] };

/** The provider's discovery document. */
export async function discover(issuer: string): Promise<Record<string, unknown> & { authorization_endpoint: string; token_endpoint: string; jwks_uri: string; end_session_endpoint?: string }> {
  const response = await fetch(new URL('.well-known/openid-configuration', issuer.endsWith('/') ? issuer : `${issuer}/`));
  if (!response.ok) throw new Error(`discovery answered ${response.status}`);
  return (await response.json()) as never;
}

/** Cookies as a browser keeps them for one host: name → value, set by `Set-Cookie`, sent back on each request. */
class CookieJar {
  readonly #cookies = new Map<string, string>();

  keep(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      const name = pair!.slice(0, at).trim();
      const value = pair!.slice(at + 1).trim();
      if (/expires=Thu, 01 Jan 1970/i.test(line) || value === '') this.#cookies.delete(name);
      else this.#cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

/**
 * The authorization-code flow with PKCE as a browser performs it, without a browser: the
 * authorization request, the provider's redirects to its sign-in page, the form posted with the
 * account and password, the redirects back to the page with `code` (and `state`), then the code
 * exchanged at the token endpoint as the page's script would (with the page's Origin).
 */
export async function signInThroughProvider(request: SignInRequest): Promise<SignInOutcome> {
  const discovery = await discover(request.issuer);
  const verifier = randomBytes(32).toString('base64url');
  const state = randomBytes(16).toString('base64url');
  const authorization = new URL(discovery.authorization_endpoint);
  authorization.search = new URLSearchParams({
    response_type: 'code',
    client_id: request.clientId,
    redirect_uri: request.redirectUri,
    scope: request.scope ?? 'openid profile',
    state,
    nonce: randomBytes(16).toString('base64url'),
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString();

  const jar = new CookieJar();
  const redirects: string[] = [];
  const go = async (url: string, init: RequestInit = {}): Promise<Response> => {
    const response = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), cookie: jar.header() } });
    jar.keep(response);
    return response;
  };

  // Follows redirects within the provider; stops at the page (the redirect URI) or at an HTML page.
  let response = await go(authorization.href);
  let url = authorization.href;
  let posted = false;
  for (;;) {
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      url = new URL(location, url).href;
      redirects.push(url);
      if (url.startsWith(request.redirectUri)) break;
      response = await go(url);
      continue;
    }
    const page = await response.text();
    const action = /<form method="post" action="([^"]+)"/.exec(page)?.[1];
    if (!action || posted) return { signedIn: false, status: response.status, page, redirects };
    posted = true;
    // The sign-in form, posted as a browser would (same-origin, form-encoded).
    const target = new URL(action.replaceAll('&amp;', '&'), url).href;
    response = await go(target, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: new URL(target).origin },
      body: new URLSearchParams({ login: request.account, password: request.password }).toString(),
    });
    if (response.status < 300 || response.status >= 400) return { signedIn: false, status: response.status, page: await response.text(), redirects };
    url = target;
  }

  const callback = new URL(url);
  if (callback.searchParams.get('state') !== state) throw new Error(`the provider answered with state ${callback.searchParams.get('state')}, not ${state}`);
  const code = callback.searchParams.get('code');
  if (!code) throw new Error(`the provider answered with no code: ${callback.search}`);
  const tokens = await fetch(discovery.token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: new URL(request.redirectUri).origin },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: request.redirectUri, client_id: request.clientId, code_verifier: verifier }).toString(),
  });
  const body = (await tokens.json()) as { access_token?: string; id_token?: string; refresh_token?: string; expires_in?: number; error?: string; error_description?: string };
  if (!tokens.ok || !body.access_token) throw new Error(`the token endpoint answered ${tokens.status}: ${body.error} ${body.error_description ?? ''}`);
  return { signedIn: true, accessToken: body.access_token, idToken: body.id_token!, refreshToken: body.refresh_token, expiresIn: body.expires_in!, tokenEndpoint: discovery.token_endpoint };
}
