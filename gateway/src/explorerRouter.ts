import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Router } from 'express';
import type { ExampleQuery } from './loadExamples.ts';

const require = createRequire(import.meta.url);
const packageDirectory = (name: string) => dirname(require.resolve(`${name}/package.json`));
const publicDirectory = fileURLToPath(new URL('../public/', import.meta.url));

// Served from node_modules so the explorer works on networks that cannot reach a CDN.
// react's export map hides umd/, hence resolving through package.json.
const assets: Record<string, string> = {
  'react.production.min.js': join(packageDirectory('react'), 'umd/react.production.min.js'),
  'react-dom.production.min.js': join(packageDirectory('react-dom'), 'umd/react-dom.production.min.js'),
  'graphiql.min.js': join(packageDirectory('graphiql'), 'graphiql.min.js'),
  'graphiql.min.js.map': join(packageDirectory('graphiql'), 'graphiql.min.js.map'),
  'graphiql.min.css': join(packageDirectory('graphiql'), 'graphiql.min.css'),
  'graphiql.min.css.map': join(packageDirectory('graphiql'), 'graphiql.min.css.map'),
};

/**
 * GraphiQL at `/`, with the example operations as its default tabs. Every URL the page uses
 * is relative, so it also works behind a proxy that mounts the gateway under a path.
 */
export function explorerRouter(examples: readonly ExampleQuery[]): Router {
  const router = express.Router();
  const examplesJson = JSON.stringify(examples.map(({ query, variables }) => ({ query, variables })));

  router.get('/', (_request, response) => {
    response.sendFile(join(publicDirectory, 'index.html'));
  });
  router.get('/explorer.js', (_request, response) => {
    response.sendFile(join(publicDirectory, 'explorer.js'));
  });
  // Linked from the page, so browsers do not also ask for /favicon.ico and log its 404.
  router.get('/favicon.svg', (_request, response) => {
    response.sendFile(join(publicDirectory, 'favicon.svg'));
  });
  router.get('/examples.json', (_request, response) => {
    response.type('application/json').send(examplesJson);
  });
  router.get('/assets/:file', (request, response, next) => {
    const path = assets[request.params.file];
    if (path === undefined) {
      next();
      return;
    }
    response.sendFile(path, { maxAge: '1d' });
  });
  return router;
}
