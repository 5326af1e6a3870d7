import { ROLES } from '@linju/access';
import express, { type Router } from 'express';
import { DEFAULT_CLAIM_NAMES, type ClaimNames } from './claims.ts';

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

/**
 * What the pages need to sign in and to read a token, `GET /auth/config.json`: the issuer, each
 * page's client and the scope (`issuer: null` without one), and always where a token's role, region
 * and name are (`LINJU_CLAIM_*`) and Linju's roles (which of a list of roles is the holder's).
 */
export type SignInSettings = ({ issuer: string; clients: Readonly<Record<SignInPage, string>>; scope: string } | { issuer: null }) & {
  claims: ClaimNames;
  roles: readonly string[];
};

/** No sign-in configured: the pages keep the development tokens (`#token=` or a pasted header), read by the default claim names. */
export const NO_SIGN_IN: SignInSettings = { issuer: null, claims: DEFAULT_CLAIM_NAMES, roles: ROLES };

/**
 * `GET /auth/config.json`: the issuer the pages sign in at, their client IDs and the scope; the
 * pages read the rest (endpoints) from the issuer's discovery document. No secret is in it: the
 * pages are public clients (PKCE). The claim names and roles let the pages read a token as the
 * gateway does.
 */
export function signInRouter(settings: SignInSettings): Router {
  const router = express.Router();
  const body = JSON.stringify(settings);
  router.get('/auth/config.json', (_request, response) => {
    response.set({ 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff' }).type('application/json').send(body);
  });
  return router;
}
