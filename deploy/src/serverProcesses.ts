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
  /** Where its bundle is written, from the repository root, if not `bundlePath(name)` (the benchmark's own servers). */
  readonly bundle?: string;
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

/** Where a process's bundle is written, from the repository root: `node <this>` runs it. */
export function bundlePath(name: string): string {
  return join('dist', name, 'index.mjs');
}
