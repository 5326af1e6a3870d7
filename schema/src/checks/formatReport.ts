import { NO_SIDE_NAMED } from './brokenOperations.ts';
import { refusedChanges, type ReportedChange, type SchemaCheckReport } from './checkSchema.ts';

/** The report as `npm run schema:check` prints it: grouped by subgraph, refusals first; `verdictLine` follows it. */
export function formatReport(report: SchemaCheckReport, subgraphNames: readonly string[]): string {
  const lines: string[] = [];
  const names = report.subgraph ? [report.subgraph] : subgraphNames;
  const owned = <T extends { subgraphs: readonly string[] }>(items: readonly T[], name: string): T[] =>
    items.filter((item) => item.subgraphs.includes(name) || (item.subgraphs.length === 0 && name === names[0]));

  if (report.compositionErrors.length > 0) {
    lines.push(`Composition failed with ${report.compositionErrors.length} error(s):`);
    for (const name of names) {
      const errors = owned(report.compositionErrors, name);
      if (errors.length === 0) continue;
      lines.push(`  subgraph ${name}:`);
      for (const error of errors) lines.push(`    ✗ [${error.code}]${error.coordinate ? ` ${error.coordinate}:` : ''} ${error.message}`);
    }
  }

  const refused = refusedChanges(report.changes);
  // The contract's kinds belong to every subgraph: said once, under their own heading.
  const ofVocabulary = (change: ReportedChange) => change.coordinate.startsWith('vocabulary.');
  const groups: [string, ReportedChange[]][] = [
    ...names.map((name): [string, ReportedChange[]] => [`subgraph ${name}`, owned(report.changes.filter((change) => !ofVocabulary(change)), name)]),
    ['the contract’s vocabulary (every subgraph)', report.changes.filter(ofVocabulary)],
  ];
  for (const [heading, changes] of groups) {
    if (changes.length === 0) continue;
    lines.push(`${heading}:`);
    for (const change of changes) {
      const mark = change.severity === 'breaking' ? (change.acceptedBecause === undefined ? '✗ BREAKING' : '✓ accepted breaking') : change.severity === 'dangerous' ? '! dangerous' : '✓ safe';
      lines.push(`  ${mark} [${change.type}] ${change.description}${change.acceptedBecause ? ` (accepted: ${change.acceptedBecause})` : ''}`);
    }
  }

  if (report.brokenOperations.length > 0) {
    lines.push(`Registered operations that no longer validate (${report.brokenOperations.length}):`);
    for (const operation of report.brokenOperations) {
      lines.push(`  ✗ ${operation.name} (${operation.source}) — ${operation.subgraphs.length > 0 ? `broken by ${operation.subgraphs.join(', ')}` : `${NO_SIDE_NAMED}, so it fails every side's check`}`);
      for (const error of operation.errors) lines.push(`      ${error}`);
    }
  }

  for (const entry of report.unusedAcceptances) lines.push(`note: accepted-changes.json lists a change that no longer occurs: ${JSON.stringify(entry.change)}`);

  if (report.compositionErrors.length === 0) {
    if (report.changes.length === 0) lines.push(`No change to the API schema${report.subgraph ? ` from ${report.subgraph}` : ''}.`);
    if (refused.length > 0) {
      lines.push(`${refused.length} breaking change(s) refused. Keep the old field or value (deprecate it with @deprecated(reason: …)), or, after review, list the change's description with a reason in schema/accepted-changes.json.`);
    }
  }
  return lines.join('\n');
}
