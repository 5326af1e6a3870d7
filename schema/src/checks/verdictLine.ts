import { NO_SIDE_NAMED } from './brokenOperations.ts';
import { refusedChanges, type SchemaCheckReport } from './checkSchema.ts';

/** What one run of `npm run schema:check` found. */
export interface CheckOutcome {
  /** The comparison with the base; absent when the check could not run (`error` says why). */
  readonly report?: SchemaCheckReport;
  /** The base, as `readBaseSupergraph` labels it (`main@abc1234`). */
  readonly baseLabel?: string;
  /** Committed generated files that are stale or missing. */
  readonly staleFiles: readonly string[];
  /** The commands that regenerate them (default: `npm run schema:compose`). */
  readonly regenerate?: readonly string[];
  /** Why the check could not run (no base, a malformed file …). */
  readonly error?: string;
  /** `--subgraph`: only that subgraph's changes were judged, which the line says. */
  readonly subgraph?: string;
}

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * The one closing line of `npm run schema:check`, and whether it passes: `OK`, `BREAKING` (a
 * breaking change nobody accepted), `STALE` (only a generated file out of date) or `FAILED`
 * (composition, a registered operation, or no base); `(subgraph sichuan only)` after the word
 * when `--subgraph` limited it, so a partial pass never reads as a whole one.
 */
export function verdictLine(outcome: CheckOutcome): { readonly ok: boolean; readonly line: string } {
  const { report, staleFiles } = outcome;
  const scope = outcome.subgraph !== undefined ? ` (subgraph ${outcome.subgraph} only)` : '';
  const against = outcome.baseLabel ? ` against ${outcome.baseLabel}` : '';
  const problems: string[] = [];
  if (outcome.error !== undefined) problems.push(outcome.error.split('\n')[0]!);
  const refused = report ? refusedChanges(report.changes).length : 0;
  if (refused > 0) problems.push(`${count(refused, 'breaking change', 'breaking changes')}${against}`);
  if (report && report.compositionErrors.length > 0) problems.push(`composition failed with ${count(report.compositionErrors.length, 'error', 'errors')}`);
  if (report && report.brokenOperations.length > 0) {
    // An operation no side could be named for refuses every side's check: the line says why this one's.
    const unnamed = report.brokenOperations.filter((operation) => operation.subgraphs.length === 0).length;
    problems.push(`${count(report.brokenOperations.length, 'registered operation no longer validates', 'registered operations no longer validate')}${unnamed > 0 ? ` (${NO_SIDE_NAMED} for ${unnamed})` : ''}`);
  }
  const regenerate = outcome.regenerate?.length ? outcome.regenerate : ['npm run schema:compose'];
  if (staleFiles.length > 0) problems.push(`${count(staleFiles.length, 'generated file is', 'generated files are')} stale (${regenerate.join(', ')})`);
  if (problems.length === 0) {
    const accepted = report ? report.changes.filter((change) => change.acceptedBecause !== undefined).length : 0;
    const what = accepted > 0 ? `${count(accepted, 'breaking change', 'breaking changes')}${against}, accepted in schema/accepted-changes.json` : `no breaking change${against}`;
    return { ok: true, line: `schema:check: OK${scope} — ${what}` };
  }
  const verdict = refused > 0 ? 'BREAKING' : problems.length === 1 && staleFiles.length > 0 ? 'STALE' : 'FAILED';
  return { ok: false, line: `schema:check: ${verdict}${scope} — ${problems.join('; ')}` };
}
