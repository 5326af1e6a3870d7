import { describe, expect, it } from 'vitest';
import type { ReportedChange, SchemaCheckReport } from '../src/checks/checkSchema.ts';
import { verdictLine, type CheckOutcome } from '../src/checks/verdictLine.ts';

const change = (severity: ReportedChange['severity'], acceptedBecause?: string): ReportedChange => ({
  severity, type: 'FIELD_REMOVED', description: 'Alliance.kind was removed.', coordinate: 'Alliance.kind', subgraphs: ['joint'], ...(acceptedBecause && { acceptedBecause }),
});
const report = (overrides: Partial<SchemaCheckReport> = {}): SchemaCheckReport => ({ ok: true, compositionErrors: [], changes: [], brokenOperations: [], unusedAcceptances: [], ...overrides });
const base = { baseLabel: 'main@abc1234', staleFiles: [] } as const;

describe('the verdict line of schema:check', () => {
  it.each<[string, CheckOutcome, boolean, string]>([
    ['nothing changed', { ...base, report: report() }, true, 'schema:check: OK — no breaking change against main@abc1234'],
    ['only safe changes', { ...base, report: report({ changes: [change('safe'), change('dangerous')] }) }, true, 'schema:check: OK — no breaking change against main@abc1234'],
    ['an accepted break', { ...base, report: report({ changes: [change('breaking', 'agreed')] }) }, true, 'schema:check: OK — 1 breaking change against main@abc1234, accepted in schema/accepted-changes.json'],
    ['two refused breaks', { ...base, report: report({ ok: false, changes: [change('breaking'), change('breaking')] }) }, false, 'schema:check: BREAKING — 2 breaking changes against main@abc1234'],
    ['a break and a stale file', { ...base, report: report({ ok: false, changes: [change('breaking')] }), staleFiles: ['schema/supergraph.graphql'] }, false, 'schema:check: BREAKING — 1 breaking change against main@abc1234; 1 generated file is stale (npm run schema:compose)'],
    ['only stale files', { ...base, report: report(), staleFiles: ['a', 'b'] }, false, 'schema:check: STALE — 2 generated files are stale (npm run schema:compose)'],
    ['a stale Prisma client and supergraph', { ...base, report: report(), staleFiles: ['a', 'b'], regenerate: ['npm run prisma:generate', 'npm run schema:compose'] }, false, 'schema:check: STALE — 2 generated files are stale (npm run prisma:generate, npm run schema:compose)'],
    ['a broken operation', { ...base, report: report({ ok: false, brokenOperations: [{ name: 'X', source: 'x.graphql', errors: ['e'], subgraphs: ['joint'] }] }) }, false, 'schema:check: FAILED — 1 registered operation no longer validates'],
    ['a broken operation no side could be named for (it fails every side: said, so --subgraph never reads as its fault)', { ...base, subgraph: 'sichuan', report: report({ ok: false, brokenOperations: [{ name: 'X', source: 'x.graphql', errors: ['e'], subgraphs: [] }, { name: 'Y', source: 'y.graphql', errors: ['e'], subgraphs: ['sichuan'] }] }) }, false, 'schema:check: FAILED (subgraph sichuan only) — 2 registered operations no longer validate (no side could be named for 1)'],
    ['composition errors', { ...base, report: report({ ok: false, compositionErrors: [{ code: 'C', message: 'm', subgraphs: [] }, { code: 'C', message: 'n', subgraphs: [] }] }) }, false, 'schema:check: FAILED — composition failed with 2 errors'],
    ['one subgraph judged (--subgraph): said, so it never reads as a whole pass', { ...base, report: report(), subgraph: 'sichuan' }, true, 'schema:check: OK (subgraph sichuan only) — no breaking change against main@abc1234'],
    ['a break in one subgraph judged', { ...base, report: report({ ok: false, changes: [change('breaking')] }), subgraph: 'joint' }, false, 'schema:check: BREAKING (subgraph joint only) — 1 breaking change against main@abc1234'],
    ['no base', { staleFiles: [], error: 'No branch main or origin/main to compare with. Pass --base …\nmore' }, false, 'schema:check: FAILED — No branch main or origin/main to compare with. Pass --base …'],
  ])('%s', (_what, outcome, ok, line) => {
    expect(verdictLine(outcome)).toEqual({ ok, line });
  });
});
