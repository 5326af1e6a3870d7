import express, { type Router } from 'express';

/** The pages that sign in through the identity provider, by their key in `/auth/config.json`. */
export type SignInPage = 'dashboard' | 'explorer';

/**
 * Where each page is served on the gateway. A page's redirect URI (and its post-logout redirect
 * URI) is its own address: the gateway's origin followed by this path.
 */
export const SIGN_IN_PAGE_PATHS: Readonly<Record<SignInPage, string>> = { dashboard: '/dashboard/', explorer: '/' };

/** The client IDs the pages sign in with unless `LINJU_OIDC_CLIENT_DASHBOARD` / `LINJU_OIDC_CLIENT_EXPLORER` say otherwise. */
export const DEFAULT_SIGN_IN_CLIENTS: Readonly<Record<SignInPage, string>> = { dashboard: 'linju-dashboard', explorer: 'linju-explorer' };

/** The scope the pages ask for unless `LINJU_OIDC_SCOPE` says otherwise: the ID token's `name`, and (on the development provider) a refresh token. */
export const DEFAULT_SIGN_IN_SCOPE = 'openid profile';

/** What the pages need to sign in: `GET /auth/config.json`. */
export type SignInSettings = { issuer: string; clients: Readonly<Record<SignInPage, string>>; scope: string } | { issuer: null };

/** No sign-in configured: the pages keep the development tokens (`#token=` or a pasted header). */
export const NO_SIGN_IN: SignInSettings = { issuer: null };

/**
 * `GET /auth/config.json`: the issuer the pages sign in at, their client IDs and the scope; the
 * pages read the rest (endpoints) from the issuer's discovery document. No secret is in it: the
 * pages are public clients (PKCE).
 */
export function signInRouter(settings: SignInSettings): Router {
  const router = express.Router();
  const body = JSON.stringify(settings);
  router.get('/auth/config.json', (_request, response) => {
    response.set({ 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff' }).type('application/json').send(body);
  });
  return router;
}
