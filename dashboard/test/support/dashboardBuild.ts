import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const packageDirectory = fileURLToPath(new URL('../../', import.meta.url));

/** Where the browser tests save their screenshots (git-ignored): the artefacts CI keeps. */
export const RESULTS_DIRECTORY = fileURLToPath(new URL('../../test-results/', import.meta.url));

/**
 * The built page the gateway serves. `npm test` builds it first (turbo); a bare `npx vitest run`
 * builds it here when there is none.
 */
export function ensureDashboardBuilt(): void {
  if (existsSync(fileURLToPath(new URL('../../dist/index.html', import.meta.url)))) return;
  execFileSync('npx', ['vite', 'build', '--configLoader', 'runner', '--logLevel', 'warn'], { cwd: packageDirectory, stdio: 'inherit' });
}
