import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Response, type Router } from 'express';
import { allowingConnections, builtAssets, notBuiltPage, sendBuiltPage, type BuiltPage } from './builtPage.ts';
import type { ExampleQuery } from './loadExamples.ts';

/** Where `npm run build --workspace @linju/explorer` writes the page. */
export const EXPLORER_DIRECTORY = fileURLToPath(new URL('../../explorer/dist/', import.meta.url));

/**
 * The page may load and call nothing but its own origin: its bundle, the examples and `/graphql`
 * (and the identity provider's token endpoint when sign-in is configured).
 * Monaco runs its language services in workers bundled beside the page (worker-src 'self'), inserts
 * its own style elements and styles lines inline, hence 'unsafe-inline' for styles only. GraphiQL's
 * fonts and icons are data: URLs inside its CSS.
 */
export const EXPLORER_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * GraphiQL at `/`: the page built from `explorer/` (read at each request, so a rebuild needs no
 * restart) with the example operations as its default tabs. Every URL the page uses is relative,
 * so it also works behind a proxy that mounts the gateway under a path. index.html is revalidated
 * on every load (it names the current bundle); the hashed assets are cached for a year, since a
 * new build has new names. Without a build, a 503 page that says how to make one.
 */
export function explorerRouter(examples: readonly ExampleQuery[], directory: string = EXPLORER_DIRECTORY, signInOrigins: readonly string[] = []): Router {
  const router = express.Router({ strict: true });
  // The examples anyone can run come first, so a newcomer's first tab answers before any sign-in.
  const ordered = [...examples.filter((example) => example.role === 'anonymous'), ...examples.filter((example) => example.role !== 'anonymous')];
  const examplesJson = JSON.stringify(ordered.map(({ query, variables, role }) => ({ query, variables, role })));
  const page: BuiltPage = {
    directory,
    contentSecurityPolicy: allowingConnections(EXPLORER_CONTENT_SECURITY_POLICY, signInOrigins),
    notBuilt: notBuiltPage('查询工具', 'explorer', '@linju/explorer', 'GraphQL 接口 <code>graphql</code> 照常可用。', 'The GraphQL endpoint at <code>graphql</code> works as usual. '),
  };
  const sendPage = (response: Response) => sendBuiltPage(page, response);

  router.get('/', (_request, response) => sendPage(response));
  // Linked from the page, so browsers do not also ask for /favicon.ico and log its 404.
  router.get('/favicon.svg', (_request, response, next) => {
    response.sendFile(join(directory, 'favicon.svg'), { maxAge: '1d' }, (error) => {
      if (error && !response.headersSent) next();
    });
  });
  router.get('/examples.json', (_request, response) => {
    response.set('Cache-Control', 'no-cache').type('application/json').send(examplesJson);
  });
  router.use('/assets', builtAssets(page));
  return router;
}
