import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const packageDirectory = fileURLToPath(new URL('../../', import.meta.url));

/** The built page the gateway serves at `/`. */
export const DIST_DIRECTORY = fileURLToPath(new URL('../../dist/', import.meta.url));

/** Where the browser tests save their screenshots (git-ignored): the artefacts CI keeps. */
export const RESULTS_DIRECTORY = fileURLToPath(new URL('../../test-results/', import.meta.url));

/** `npm test` builds the page first (turbo); a bare `npx vitest run` builds it here when there is none. */
export function ensureExplorerBuilt(): void {
  if (existsSync(`${DIST_DIRECTORY}index.html`)) return;
  execFileSync('npx', ['vite', 'build', '--configLoader', 'runner', '--logLevel', 'warn'], { cwd: packageDirectory, stdio: 'inherit' });
}
