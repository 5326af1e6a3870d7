import { bundlePath, buildProcess, buildProduction, type ServerProcess } from '@linju/deploy';

/**
 * Where the benchmark's server processes start from. With `bundles`, Linju's four each from its
 * production bundle (`dist/<name>/index.mjs`, built first as `npm run build`'s last step builds
 * them) under plain node, as production runs them, and the benchmark's own servers given in
 * `benchServers` (the monolith, Hive Gateway's process) from bundles built the same way under
 * `bench/dist/`, so every system runs in the same form; otherwise each from its source through tsx,
 * as `npm start` runs Linju's.
 */
export async function serverEntries(bundles: boolean, benchServers: readonly ServerProcess[] = []): Promise<(name: string, source: string) => string> {
  if (!bundles) return (_name, source) => source;
  console.log('Building the production bundles (dist/<process>/index.mjs, bench/dist/<server>/index.mjs)…');
  await buildProduction();
  const built = await Promise.all(benchServers.map((server) => buildProcess(server)));
  const benchBundles = new Map(built.map(({ server, bundle }) => [server.name, bundle]));
  return (name) => benchBundles.get(name) ?? bundlePath(name);
}
