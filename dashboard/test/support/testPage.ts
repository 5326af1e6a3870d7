import { readFile, rm } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { build } from 'vite';
import { registeredOperations } from '../../vite/registeredOperations.ts';
import { RESULTS_DIRECTORY } from './dashboardBuild.ts';

const CONTENT_TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

/**
 * A page of its own for a browser test (a folder under test/ with an index.html), built by Vite as
 * the dashboard is (its registered operations bundled) and served at the gateway's origin under
 * `path`, so its relative /graphql is the real gateway's.
 */
export class TestPage {
  private readonly output: string;

  constructor(
    private readonly source: string,
    /** Where the page is served, e.g. `/drill-test/`. */
    readonly path: string,
  ) {
    this.output = join(RESULTS_DIRECTORY, `${path.replace(/\W+/g, '')}-build`);
  }

  /** Builds the page afresh. */
  async build(): Promise<void> {
    await rm(this.output, { recursive: true, force: true });
    await build({
      configFile: false,
      root: this.source,
      base: this.path,
      logLevel: 'warn',
      plugins: [registeredOperations()],
      build: { outDir: this.output, emptyOutDir: true, target: 'es2022' },
    });
  }

  /** Serves the built page to a browser context at `origin` + `path`. */
  async serve(context: BrowserContext, origin: string): Promise<void> {
    await context.route(`${origin}${this.path}**`, async (route) => {
      const file = new URL(route.request().url()).pathname.slice(this.path.length) || 'index.html';
      await route.fulfill({ body: await readFile(join(this.output, file)), contentType: CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' });
    });
  }
}
