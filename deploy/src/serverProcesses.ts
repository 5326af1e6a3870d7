import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { subgraphs } from '@linju/schema/subgraphs';

/** The repository root: bundles are written under it and read their assets from it. */
export const REPOSITORY_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** One server process of a production deployment. */
export interface ServerProcess {
  /** `gateway`, or the subgraph's name (`sichuan`, `chongqing`, `joint`): also its folder under `dist/`. */
  readonly name: string;
  /** Its entry point, from the repository root (what `npm start` runs through tsx). */
  readonly entry: string;
  /** Where its bundle is written, from the repository root, if not `bundlePath(name)` (the benchmark's own servers, the operations tools). */
  readonly bundle?: string;
  /**
   * A command, not a server: its entry exports `main(argv)`, which the bundle runs with the command
   * line's arguments, exiting with the code it returns (the module's own "am I run?" check compares
   * its source file with `process.argv[1]`, which a bundle is not).
   */
  readonly command?: true;
}

/**
 * Every process a production deployment runs, each built into `dist/<name>/index.mjs`: each
 * member's subgraph as `federation.json` lists them, then the gateway. The development identity
 * provider is not among them: production refuses it.
 */
export const SERVER_PROCESSES: readonly ServerProcess[] = [
  ...subgraphs.map((subgraph) => ({ name: subgraph.name, entry: join(relative(REPOSITORY_ROOT, subgraph.directory), 'src/index.ts') })),
  { name: 'gateway', entry: 'gateway/src/index.ts' },
];

/**
 * The operator's commands that production hosts run too (docs/deployment.md, "Operations tools"),
 * bundled like the servers into `dist/tools/<name>.mjs` and run as `node dist/tools/<name>.mjs`,
 * after `npm prune --omit=dev` as before it: each reads the stores, asks the gateway, (secret-check)
 * sends the gateway's checks to a subgraph's replica, or (regions) loads a region tree as a store's owner. In
 * development the same modules run through tsx as `npm run <script>`.
 */
export const OPERATIONS_TOOLS: readonly (ServerProcess & { readonly script: string })[] = [
  { name: 'audit-verify', script: 'audit:verify', entry: 'scripts/verify-audit.ts' },
  { name: 'figures-verify', script: 'figures:verify', entry: 'scripts/verify-figures.ts' },
  { name: 'tree-check', script: 'tree:check', entry: 'scripts/check-tree.ts' },
  { name: 'reconcile', script: 'reconcile', entry: 'scripts/reconcile.ts' },
  { name: 'secret-check', script: 'secret:check', entry: 'scripts/secret-check.ts' },
  { name: 'regions', script: 'regions', entry: 'scripts/regions.ts' },
].map((tool) => ({ ...tool, bundle: toolBundlePath(tool.name), command: true as const }));

/** Where an operations tool's bundle is written, from the repository root. */
export function toolBundlePath(name: string): string {
  return join('dist', 'tools', `${name}.mjs`);
}

/**
 * How node runs each server in production (docs/deployment.md's units, and `npm run bench -- --bundles
 * yes`): stack traces point at the sources; and a heap of at most 1 GiB, which makes V8 collect when
 * the old generation reaches about 1.6× what is live instead of 4× (its factor on a host with
 * memory to spare): under the benchmark's load a subgraph's heap otherwise swung from 50 to 175 MB
 * between collections and its RSS to 330 MB, over the 300 MB budget, with nothing leaking.
 */
export const PRODUCTION_NODE_FLAGS: readonly string[] = ['--enable-source-maps', '--max-old-space-size=1024'];

/** Where a process's bundle is written, from the repository root: `node <this>` runs it. */
export function bundlePath(name: string): string {
  return join('dist', name, 'index.mjs');
}
