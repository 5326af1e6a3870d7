import { parseArgs } from 'node:util';
import { apiSchemaOf } from './checks/apiSchema.ts';
import { checkSchema } from './checks/checkSchema.ts';
import { readAcceptedChanges } from './checks/acceptedChanges.ts';
import { readBaseSupergraph } from './checks/baseSupergraph.ts';
import { formatReport } from './checks/formatReport.ts';
import { compareSupergraph, type GeneratedFileComparison } from './compareSupergraph.ts';
import { compareDashboardOperationTypesFile, dashboardOperationTypesFile } from './dashboardOperationTypesFile.ts';
import { loadSubgraphServices } from './loadSubgraphServices.ts';
import { buildManifest, dashboardOperationsDirectory, loadRegisteredOperations, readManifestText, toManifestText } from './operations/registeredOperations.ts';
import { compareSubgraphSdlFile, subgraphSdlFiles } from './subgraphSdlFile.ts';
import { subgraphs } from './subgraphs.ts';
import { readCommittedSupergraph } from './supergraphFile.ts';

// npm run schema:check [-- --subgraph <name>] [-- --base <git ref>]

/** Prints whether a committed generated file is current; a stale or missing one fails the check. */
function reportFreshness(comparison: GeneratedFileComparison, upToDate: string): void {
  if (comparison.status === 'current') console.log(upToDate);
  else {
    console.error(comparison.message);
    process.exitCode = 1;
  }
}

try {
  const { values } = parseArgs({ options: { subgraph: { type: 'string' }, base: { type: 'string' } } });
  const base = await readBaseSupergraph(values.base ?? process.env['LINJU_SCHEMA_BASE'] ?? 'HEAD');
  const operations = await loadRegisteredOperations();
  const services = await loadSubgraphServices();
  const report = checkSchema({
    baseSupergraphSdl: base.sdl,
    services,
    operations,
    accepted: await readAcceptedChanges(),
    ...(values.subgraph !== undefined && { subgraph: values.subgraph }),
  });
  console.log(`Checking the subgraphs against ${base.from}, with ${operations.length} registered operation(s)${values.subgraph ? `, for subgraph ${values.subgraph}` : ''}:`);
  console.log(formatReport(report, subgraphs.map(({ name }) => name)));
  if (!report.ok) process.exitCode = 1;

  // The committed artefacts must be what the sources generate.
  if (report.supergraphSdl !== undefined) {
    reportFreshness(compareSupergraph(await readCommittedSupergraph(), report.supergraphSdl), 'schema/supergraph.graphql is up to date with the subgraphs');
    try {
      const operationTypes = await dashboardOperationTypesFile(apiSchemaOf(report.supergraphSdl), await loadRegisteredOperations([dashboardOperationsDirectory]));
      reportFreshness(await compareDashboardOperationTypesFile(operationTypes), `${operationTypes.file} is up to date with the schema and the dashboard's operations`);
    } catch (error) {
      // Typically a dashboard operation that no longer validates; the report above names it.
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    }
  }
  for (const file of subgraphSdlFiles(subgraphs, services)) {
    reportFreshness(await compareSubgraphSdlFile(file), `${file.file} is up to date with the ${file.subgraph} subgraph's SDL`);
  }
  if ((await readManifestText()) === toManifestText(buildManifest(operations))) console.log('schema/operations/manifest.json is up to date with the registered operations');
  else {
    console.error('schema/operations/manifest.json is stale or missing: run npm run schema:compose');
    process.exitCode = 1;
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
