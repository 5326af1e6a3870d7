import { parseArgs } from 'node:util';
import { apiSchemaOf } from './checks/apiSchema.ts';
import { checkSchema, compareWithBase, type SchemaCheckReport } from './checks/checkSchema.ts';
import { readAcceptedChanges } from './checks/acceptedChanges.ts';
import { readBaseSupergraphs, repositoryRoot, type BaseSupergraph } from './checks/baseSupergraph.ts';
import { VOCABULARY_FILE, vocabularyAt } from './checks/vocabularyChanges.ts';
import { VOCABULARY } from '@linju/contract/vocabulary';
import { sideTypeNameProblems } from './checks/sideTypeNames.ts';
import { formatReport } from './checks/formatReport.ts';
import { verdictLine } from './checks/verdictLine.ts';
import { compareSupergraph, type GeneratedFileComparison } from './compareSupergraph.ts';
import { compareDashboardOperationTypesFile, dashboardOperationTypesFile } from './dashboardOperationTypesFile.ts';
import { loadSubgraphServices } from './loadSubgraphServices.ts';
import { buildManifest, dashboardOperationsDirectory, loadRegisteredOperations, readManifestText, toManifestText } from './operations/registeredOperations.ts';
import { runOperationGenerators } from './operations/runOperationGenerators.ts';
import { comparePrismaClient, prismaClientFile, prismaClientPackages } from './prismaClientFile.ts';
import { compareSubgraphSdlFile, subgraphSdlFiles } from './subgraphSdlFile.ts';
import { subgraphs } from './subgraphs.ts';
import { readCommittedSupergraph } from './supergraphFile.ts';

const usage = `npm run schema:check [-- --subgraph <name>] [-- --base <git ref or supergraph file>]

Composes the subgraphs as they are in the working tree and compares the API schema with the published
one; checks that the committed generated files are current. Ends with one verdict line (OK, BREAKING,
STALE or FAILED) and exits 1 unless it is OK.

The base is the commit schema/published.json names (npm run schema:publish records it), once the
file's history passes: every change of it moved the mark forward, to a commit with no breaking change
nobody accepted, and the file was never removed. Without the file in HEAD's history: the merge-base of
HEAD and main, on main HEAD's parent. A shallow clone is refused (git fetch --unshallow).

  --subgraph <name>   judge only what concerns that subgraph (the verdict line says so)
  --base <ref|file>   compare also with that git ref's committed supergraph, or a supergraph file
                      (also LINJU_SCHEMA_BASE): an added comparison, never instead of the published
                      mark's; HEAD's own commit or supergraph file is refused
  -h, --help          this text

See docs/maintaining-a-subgraph.md#run-the-checks.`;

const staleFiles: string[] = [];
const regenerate = new Set<string>();
let report: SchemaCheckReport | undefined;
let baseLabel: string | undefined;
let error: string | undefined;
let subgraph: string | undefined;

/** Prints whether a committed generated file is current; a stale or missing one fails the check. */
function reportFreshness(file: string, comparison: GeneratedFileComparison, upToDate: string, command = 'npm run schema:compose'): void {
  if (comparison.status === 'current') console.log(upToDate);
  else {
    console.error(comparison.message);
    markStale(file, command);
  }
}

function markStale(file: string, command = 'npm run schema:compose'): void {
  staleFiles.push(file);
  regenerate.add(command);
}

try {
  let parsed;
  try {
    parsed = parseArgs({ options: { subgraph: { type: 'string' }, base: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  } catch (problem) {
    throw new Error(`${problem instanceof Error ? problem.message : String(problem)} (npm run schema:check -- --help lists the options)`);
  }
  const { values } = parsed;
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  subgraph = values.subgraph;
  const operations = await loadRegisteredOperations();
  const services = await loadSubgraphServices();
  const unprefixed = sideTypeNameProblems(subgraphs);
  for (const problem of unprefixed) console.error(`✗ ${problem}`);
  if (unprefixed.length > 0) error = `${unprefixed.length} type(s) of a side not named after it (above)`;

  // The committed artefacts must be what the sources generate; checked whatever the base.
  for (const file of subgraphSdlFiles(subgraphs, services)) {
    reportFreshness(file.file, await compareSubgraphSdlFile(file), `${file.file} is up to date with the ${file.subgraph} subgraph's SDL`);
  }
  for (const directory of prismaClientPackages()) {
    const client = prismaClientFile(directory);
    reportFreshness(client.file, await comparePrismaClient(client), `${client.file} is up to date: the Prisma client beside it was generated from prisma/schema.prisma`, 'npm run prisma:generate');
  }
  for (const generated of await runOperationGenerators(true)) {
    if (generated.ok) console.log(generated.output);
    else if (generated.stale) {
      console.error(generated.output);
      markStale(generated.folder);
    } else throw new Error(`The generator of ${generated.folder} failed (regenerating will not mend it):\n${generated.output}`);
  }
  if ((await readManifestText()) === toManifestText(buildManifest(operations))) console.log('schema/operations/manifest.json is up to date with the registered operations');
  else {
    console.error('schema/operations/manifest.json is stale or missing: run npm run schema:compose');
    markStale('schema/operations/manifest.json');
  }

  // The published one first, then the one given, if any: both must pass (a given base never replaces the mark's).
  const bases = await readBaseSupergraphs(values.base ?? process.env['LINJU_SCHEMA_BASE']);
  const reports: { base: BaseSupergraph; report: SchemaCheckReport }[] = [];
  for (const base of bases) {
    // Kinds are Strings in the schema: the contract's vocabulary is compared as it was at the base's commit.
    const baseVocabulary = base.commit === undefined ? undefined : await vocabularyAt(repositoryRoot, base.commit);
    if (!baseVocabulary) console.log(`The contract's kinds are not compared with ${base.label}: ${base.commit === undefined ? 'the base is a supergraph file, not a commit' : `${VOCABULARY_FILE} is not there`}`);
    const input = {
      baseSupergraphSdl: base.sdl,
      operations,
      accepted: await readAcceptedChanges(),
      ...(baseVocabulary && { vocabulary: { base: baseVocabulary, next: VOCABULARY } }),
      ...(values.subgraph !== undefined && { subgraph: values.subgraph }),
    };
    // Composed once; a failed composition is reported once, the same against every base.
    const first = reports[0]?.report;
    if (first !== undefined && first.supergraphSdl === undefined) break;
    reports.push({ base, report: first?.supergraphSdl === undefined ? checkSchema({ ...input, services }) : compareWithBase({ ...input, services, supergraphSdl: first.supergraphSdl }) });
  }
  // The verdict is the first comparison that refuses, else every base is named.
  const refusing = reports.find((entry) => !entry.report.ok);
  report = (refusing ?? reports[0]!).report;
  baseLabel = refusing ? refusing.base.label : reports.map((entry) => entry.base.label).join(' and ');
  if (report.supergraphSdl !== undefined) {
    reportFreshness('schema/supergraph.graphql', compareSupergraph(await readCommittedSupergraph(), report.supergraphSdl), 'schema/supergraph.graphql is up to date with the subgraphs');
    try {
      const operationTypes = await dashboardOperationTypesFile(apiSchemaOf(report.supergraphSdl), await loadRegisteredOperations([dashboardOperationsDirectory]));
      reportFreshness(operationTypes.file, await compareDashboardOperationTypesFile(operationTypes), `${operationTypes.file} is up to date with the schema and the dashboard's operations`);
    } catch (problem) {
      // A generator's own failure (a scalar it has no type for, say); an operation that no longer validates is left out of the file, and the report names it.
      console.error(problem instanceof Error ? problem.message : problem);
      markStale('dashboard/src/graphql/operations.generated.ts');
    }
  }
  for (const { base, report: against } of reports) {
    console.log(`\nThe API schema of the working tree against ${base.label} (${base.why}), with ${operations.length} registered operation(s)${values.subgraph ? `, for subgraph ${values.subgraph}` : ''}:`);
    console.log(formatReport(against, subgraphs.map(({ name }) => name)));
  }
} catch (problem) {
  error = problem instanceof Error ? problem.message : String(problem);
  console.error(error);
}

const verdict = verdictLine({ ...(report && { report }), ...(baseLabel && { baseLabel }), staleFiles, regenerate: [...regenerate], ...(error !== undefined && { error }), ...(subgraph !== undefined && { subgraph }) });
console.log(verdict.line);
process.exitCode = verdict.ok ? 0 : 1;
