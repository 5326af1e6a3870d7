import { readFileSync } from 'node:fs';

/** Which Linju a process runs: for `/health` and the `linju_build_info` gauge. */
export interface BuildInfo {
  /** The `version` of the repository's root `package.json`. */
  readonly version: string;
  /** The git commit the bundle was built from; `unknown` when not built by `npm run build` (tsx, tests) or outside a git checkout. */
  readonly commit: string;
}

// Replaced by the production build (deploy/src/buildProcess.ts, `define`, the same two names): absent under tsx and in tests.
declare const __LINJU_VERSION__: string | undefined;
declare const __LINJU_COMMIT__: string | undefined;

/** What a process says when nothing tells it: no git at run time. */
export const UNKNOWN_COMMIT = 'unknown';

function packageVersion(): string {
  try {
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
    return typeof version === 'string' ? version : 'unknown';
  } catch {
    return 'unknown';
  }
}

let known: BuildInfo | undefined;

/**
 * The version and commit the production build wrote into the bundle; run from the sources (tsx),
 * the version read from the root `package.json` and the commit `unknown`. Never runs git.
 */
export function buildInfo(): BuildInfo {
  known ??= {
    version: typeof __LINJU_VERSION__ === 'string' ? __LINJU_VERSION__ : packageVersion(),
    commit: typeof __LINJU_COMMIT__ === 'string' && __LINJU_COMMIT__ !== '' ? __LINJU_COMMIT__ : UNKNOWN_COMMIT,
  };
  return known;
}

/**
 * The body of every server's `GET /health`: alive, who answers (`{ service: 'gateway' }`,
 * `{ subgraph: 'sichuan' }`, `{ service: 'documents' }`) and which build.
 */
export function healthBody(who: Readonly<Record<string, string>>): Record<string, string> {
  const { version, commit } = buildInfo();
  return { status: 'ok', ...who, version, commit };
}
