/**
 * `npm run build`'s last step: one bundle per server process under `dist/`, each run as
 * `node dist/<name>/index.mjs`, and one per operations tool, `node dist/tools/<name>.mjs` (docs/deployment.md).
 */
import { buildProduction } from './buildProduction.ts';
import { OPERATIONS_TOOLS, SERVER_PROCESSES } from './serverProcesses.ts';

const started = Date.now();
try {
  const built = await buildProduction([...SERVER_PROCESSES, ...OPERATIONS_TOOLS]);
  console.log(`Built in ${((Date.now() - started) / 1000).toFixed(1)} s (run each with node; docs/deployment.md):`);
  const width = Math.max(...built.map(({ server }) => server.name.length));
  for (const { server, bundle } of built) console.log(`  ${server.name.padEnd(width)} node ${bundle}`);
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
}
