import { fileURLToPath } from 'node:url';
import express, { type Response, type Router } from 'express';
import { allowingConnections, builtAssets, notBuiltPage, sendBuiltPage, type BuiltPage } from './builtPage.ts';

/** Where `npm run build --workspace @linju/dashboard` writes the page. */
export const DASHBOARD_DIRECTORY = fileURLToPath(new URL('../../dashboard/dist/', import.meta.url));

/**
 * The page may load and call nothing but its own origin: its bundle (ECharts included) and
 * `/graphql` (and the identity provider's token endpoint when sign-in is configured). ECharts and
 * the page set inline style attributes, hence 'unsafe-inline' for styles only. The token travels
 * in the fragment and in sessionStorage, never in a Referer.
 */
const DASHBOARD_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The joint dashboard at `/dashboard/`: the built page from `dashboard/dist`, read at each request
 * so a rebuild needs no restart. index.html is revalidated on every load (it names the current
 * bundle); the hashed assets are cached for a year, since a new build has new names. Without a
 * build, a 503 page that says how to make one.
 */
export function dashboardRouter(directory: string = DASHBOARD_DIRECTORY, signInOrigins: readonly string[] = []): Router {
  const router = express.Router({ strict: true });
  const page: BuiltPage = { directory, contentSecurityPolicy: allowingConnections(DASHBOARD_CONTENT_SECURITY_POLICY, signInOrigins), notBuilt: notBuiltPage('联合看板', 'dashboard', '@linju/dashboard') };
  const sendPage = (response: Response) => sendBuiltPage(page, response);
  router.get('/', (request, response) => {
    // `/dashboard` → `/dashboard/`, so the page's relative URLs resolve under it (a fragment survives the redirect).
    if (!request.originalUrl.split('?')[0]!.endsWith('/')) {
      response.redirect(301, `${request.baseUrl}/`);
      return;
    }
    sendPage(response);
  });
  router.get('/index.html', (_request, response) => sendPage(response));
  router.use('/assets', builtAssets(page));
  return router;
}
