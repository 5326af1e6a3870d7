import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { apiSchemaOf } from './checks/apiSchema.ts';
import { composeSupergraph } from './composeSupergraph.ts';
import { dashboardOperationTypesFile, writeDashboardOperationTypesFile } from './dashboardOperationTypesFile.ts';
import { loadSubgraphServices } from './loadSubgraphServices.ts';
import { buildManifest, dashboardOperationsDirectory, loadRegisteredOperations, manifestPath, writeManifest } from './operations/registeredOperations.ts';
import { subgraphSdlFiles, writeSubgraphSdlFile } from './subgraphSdlFile.ts';
import { subgraphs } from './subgraphs.ts';
import { supergraphPath, writeSupergraph } from './supergraphFile.ts';

// npm run schema:compose [-- --hints] [-- --out <file>]
const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));

try {
  const { values } = parseArgs({
    options: {
      // Hints are legal differences between subgraphs; their full text is long, so it is opt-in.
      hints: { type: 'boolean', default: false },
      // A supergraph for another membership (LINJU_FEDERATION_FILE) than the committed one; then
      // only that file is written, and no committed file changes.
      out: { type: 'string' },
    },
  });
  const { out } = values;
  const services = await loadSubgraphServices();
  const { supergraphSdl, hints } = await composeSupergraph(services);
  await writeSupergraph(supergraphSdl, out ?? supergraphPath);
  console.log(`Wrote ${relative(repositoryRoot, out ?? supergraphPath)} (${hints.length} composition hint(s))`);
  if (out === undefined) {
    for (const file of subgraphSdlFiles(subgraphs, services)) {
      await writeSubgraphSdlFile(file);
      console.log(`Wrote ${file.file} (the ${file.subgraph} subgraph's full SDL)`);
    }
    const operations = await loadRegisteredOperations();
    await writeManifest(buildManifest(operations));
    console.log(`Wrote ${relative(repositoryRoot, manifestPath)} (${operations.length} registered operation(s))`);
    const dashboardOperations = await loadRegisteredOperations([dashboardOperationsDirectory]);
    const operationTypes = await dashboardOperationTypesFile(apiSchemaOf(supergraphSdl), dashboardOperations);
    await writeDashboardOperationTypesFile(operationTypes);
    console.log(`Wrote ${operationTypes.file} (the answer types of the dashboard's ${dashboardOperations.length} operation(s))`);
  }
  const byCode = new Map<string, number>();
  for (const hint of hints) byCode.set(hint.definition.code, (byCode.get(hint.definition.code) ?? 0) + 1);
  for (const [code, count] of byCode) console.log(`  ${code}: ${count}`);
  if (values.hints) for (const hint of hints) console.log(`\n[${hint.definition.code}] ${hint.message}`);
  else if (hints.length > 0) console.log('  (npm run compose --workspace @linju/schema -- --hints prints them)');
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
