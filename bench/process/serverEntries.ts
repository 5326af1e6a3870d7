import { bundlePath, buildProcess, buildProduction, PRODUCTION_NODE_FLAGS, type ServerProcess } from '@linju/deploy';

/** How the benchmark starts its servers: each one's entry point, from its name and source, and node's own flags. */
export interface ServerEntries {
  readonly entryOf: (name: string, source: string) => string;
  readonly nodeArgs: readonly string[];
}

/**
 * Where the benchmark's server processes start from. With `bundles`, as production runs a server:
 * Linju's four each from its production bundle (`dist/<name>/index.mjs`, built first as `npm run
 * build`'s last step builds them), and the benchmark's own servers given in `benchServers` (the
 * monolith, Hive Gateway's process) from bundles built the same way under `bench/dist/`, every one
 * under node with the production flags (`PRODUCTION_NODE_FLAGS`), so every system runs in the same
 * form; otherwise each from its source through tsx, as `npm start` runs Linju's.
 */
export async function serverEntries(bundles: boolean, benchServers: readonly ServerProcess[] = []): Promise<ServerEntries> {
  if (!bundles) return { entryOf: (_name, source) => source, nodeArgs: [] };
  console.log('Building the production bundles (dist/<process>/index.mjs, bench/dist/<server>/index.mjs)…');
  await buildProduction();
  const built = await Promise.all(benchServers.map((server) => buildProcess(server)));
  const benchBundles = new Map(built.map(({ server, bundle }) => [server.name, bundle]));
  return { entryOf: (name) => benchBundles.get(name) ?? bundlePath(name), nodeArgs: PRODUCTION_NODE_FLAGS };
}
