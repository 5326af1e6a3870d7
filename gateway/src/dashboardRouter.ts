import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Response, type Router } from 'express';

/** Where `npm run build --workspace @linju/dashboard` writes the page. */
export const DASHBOARD_DIRECTORY = fileURLToPath(new URL('../../dashboard/dist/', import.meta.url));

/**
 * The page may load and call nothing but its own origin: its bundle (ECharts included) and
 * `/graphql`. ECharts and the page set inline style attributes, hence 'unsafe-inline' for styles
 * only. The token travels in the fragment and in sessionStorage, never in a Referer.
 */
const CONTENT_SECURITY_POLICY = [
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

const NOT_BUILT = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>联合看板尚未构建</title>
<body style="font-family:sans-serif;max-width:40rem;margin:3rem auto;line-height:1.6">
<h1>联合看板尚未构建 / The dashboard has not been built</h1>
<p>在仓库根目录运行 <code>npm start</code>（会先构建看板），或 <code>npm run build --workspace @linju/dashboard</code>，然后刷新本页。</p>
<p>Run <code>npm start</code> (it builds the dashboard first) or <code>npm run build --workspace @linju/dashboard</code> from the repository root, then reload.</p>
</body></html>`;

/**
 * The joint dashboard at `/dashboard/`: the built page from `dashboard/dist`, read at each request
 * so a rebuild needs no restart. index.html is revalidated on every load (it names the current
 * bundle); the hashed assets are cached for a year, since a new build has new names. Without a
 * build, a 503 page that says how to make one.
 */
export function dashboardRouter(directory: string = DASHBOARD_DIRECTORY): Router {
  const router = express.Router({ strict: true });
  const sendPage = (response: Response) => {
    const index = join(directory, 'index.html');
    if (!existsSync(index)) {
      response.status(503).set('Cache-Control', 'no-store').type('html').send(NOT_BUILT);
      return;
    }
    response.set({ 'Cache-Control': 'no-cache', 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'Referrer-Policy': 'no-referrer', 'X-Content-Type-Options': 'nosniff' });
    response.sendFile(index);
  };
  router.get('/', (request, response) => {
    // `/dashboard` → `/dashboard/`, so the page's relative URLs resolve under it (a fragment survives the redirect).
    if (!request.originalUrl.split('?')[0]!.endsWith('/')) {
      response.redirect(301, `${request.baseUrl}/`);
      return;
    }
    sendPage(response);
  });
  router.get('/index.html', (_request, response) => sendPage(response));
  router.use('/assets', express.static(join(directory, 'assets'), { index: false, immutable: true, maxAge: '365d', setHeaders: (response) => response.set('X-Content-Type-Options', 'nosniff') }));
  return router;
}
