import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { readAcceptedChanges } from './checks/acceptedChanges.ts';
import { apiSchemaOf } from './checks/apiSchema.ts';
import { readBaseSupergraphs } from './checks/baseSupergraph.ts';
import { compareWithBase } from './checks/checkSchema.ts';
import { formatReport } from './checks/formatReport.ts';
import { composeSupergraph } from './composeSupergraph.ts';
import { dashboardOperationTypesFile, writeDashboardOperationTypesFile } from './dashboardOperationTypesFile.ts';
import { loadSubgraphServices } from './loadSubgraphServices.ts';
import { buildManifest, dashboardOperationsDirectory, loadRegisteredOperations, manifestPath, writeManifest } from './operations/registeredOperations.ts';
import { writeGeneratedOperations } from './operations/runOperationGenerators.ts';
import { subgraphSdlFiles, writeSubgraphSdlFile } from './subgraphSdlFile.ts';
import { subgraphs } from './subgraphs.ts';
import { supergraphPath, writeSupergraph } from './supergraphFile.ts';

// npm run schema:compose [-- --hints] [-- --out <file>] [-- --base <git ref or supergraph file>]
const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Writing a breaking supergraph is allowed (it is how a change is prepared), but said loudly: the
 * same comparison `schema:check` makes, against the same base. Without a base, a note, not a failure.
 */
async function warnIfBreaking(supergraphSdl: string, baseOption: string | undefined): Promise<void> {
  let bases;
  try {
    bases = await readBaseSupergraphs(baseOption);
  } catch (error) {
    console.warn(`Note: not compared with a published supergraph: ${error instanceof Error ? error.message : error}`);
    return;
  }
  for (const base of bases) {
    const report = compareWithBase({ baseSupergraphSdl: base.sdl, supergraphSdl, operations: await loadRegisteredOperations(), accepted: await readAcceptedChanges() });
    if (report.ok) continue;
    console.warn(`\nWARNING: what was written is BREAKING against ${base.label} (${base.why}); npm run schema:check will refuse it:`);
    console.warn(formatReport(report, subgraphs.map(({ name }) => name)));
  }
}

let written: { readonly supergraphSdl: string; readonly base: string | undefined } | undefined;
try {
  const { values } = parseArgs({
    options: {
      // Hints are legal differences between subgraphs; their full text is long, so it is opt-in.
      hints: { type: 'boolean', default: false },
      // A supergraph for another membership (LINJU_FEDERATION_FILE) than the committed one; then
      // only that file is written, and no committed file changes.
      out: { type: 'string' },
      // What the written supergraph is compared with (as schema:check does); a breaking change is warned about.
      base: { type: 'string' },
    },
  });
  const { out } = values;
  const services = await loadSubgraphServices();
  const { supergraphSdl, hints } = await composeSupergraph(services);
  await writeSupergraph(supergraphSdl, out ?? supergraphPath);
  written = { supergraphSdl, base: values.base ?? process.env['LINJU_SCHEMA_BASE'] };
  console.log(`Wrote ${relative(repositoryRoot, out ?? supergraphPath)} (${hints.length} composition hint(s))`);
  if (out === undefined) {
    for (const file of subgraphSdlFiles(subgraphs, services)) {
      await writeSubgraphSdlFile(file);
      console.log(`Wrote ${file.file} (the ${file.subgraph} subgraph's full SDL)`);
    }
    // The ledger's documents follow the supergraph just written.
    await writeGeneratedOperations();
    const operations = await loadRegisteredOperations();
    await writeManifest(buildManifest(operations));
    console.log(`Wrote ${relative(repositoryRoot, manifestPath)} (${operations.length} registered operation(s))`);
    const dashboardOperations = await loadRegisteredOperations([dashboardOperationsDirectory]);
    const operationTypes = await dashboardOperationTypesFile(apiSchemaOf(supergraphSdl), dashboardOperations);
    await writeDashboardOperationTypesFile(operationTypes);
    // A breaking change may break a dashboard operation: the rest is still written, and the warning below names who broke it.
    const { leftOut } = operationTypes;
    const left = leftOut.length > 0 ? `; left out, as they no longer validate against the schema: ${leftOut.join(', ')}` : '';
    console.log(`Wrote ${operationTypes.file} (the answer types of the dashboard's ${dashboardOperations.length - leftOut.length} operation(s)${left})`);
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
// Also when a later step failed: the supergraph is written.
if (written) await warnIfBreaking(written.supergraphSdl, written.base);
