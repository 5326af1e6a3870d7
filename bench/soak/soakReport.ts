import { memoryTrends, type MemoryTrend } from './memoryTrend.ts';
import { latencySummary, type LatencySummary } from '../measure/latencySummary.ts';
import type { StoppedServices } from '../process/stopServices.ts';
import type { Outage } from './killAndRestart.ts';
import type { SeenError } from './postGraphQL.ts';
import type { Outcome } from './runOpenLoop.ts';
import { READ_KINDS, WRITE_KINDS } from './soakOperations.ts';
import type { SoakOptions } from './soakOptions.ts';
import type { WriteCheck } from './WriteLedger.ts';

/** Errors of one code naming one subgraph, and how many of them the outage explains. */
export interface ErrorKind {
  code: string;
  subgraph: string;
  count: number;
  explained: number;
  unexplained: number;
  example: string;
}

/** One kind of request over the run. */
export interface OperationSummary {
  requests: number;
  ok: number;
  partial: number;
  failed: number;
  /** Of the answers with data and no error. */
  latencyMs: LatencySummary;
  duringOutage: { requests: number; ok: number; partial: number };
}

/** A memory sample: seconds into the load, and each process's RSS in MB. */
export interface MemorySample {
  t: number;
  rssMb: Record<string, number | undefined>;
}

/** What `npm run soak` writes to `bench/results/soak-<timestamp>.json`. */
export interface SoakReport {
  passed: boolean;
  options: SoakOptions;
  tag: string;
  dataDir: string;
  phasesMs: { startMs?: number; loadMs?: number; checkMs?: number; stopMs?: number };
  load: { answered: number; shed: number; achievedRate: number };
  outage?: {
    subgraph: string;
    killedAtS?: number;
    readyAgainAtS?: number;
    downMs?: number;
    firstSuccessAfterRestartMs?: number;
    postgresOrphanedByKill?: boolean;
    pids: { before?: number; after?: number };
  };
  operations: Record<string, OperationSummary>;
  errors: ErrorKind[];
  unexplainedErrors: number;
  writes: WriteCheck;
  memory: MemorySample[];
  /** Each process's peak RSS and its slope after warm-up (see memoryTrend.ts). */
  memoryTrends: Record<string, MemoryTrend>;
  stop: StoppedServices & { clean: boolean };
}

export interface SoakRun {
  options: SoakOptions;
  tag: string;
  dataDir: string;
  phasesMs: SoakReport['phasesMs'];
  loadStart: number;
  outcomes: readonly Outcome[];
  shed: number;
  outage: Outage | undefined;
  writes: WriteCheck;
  memory: MemorySample[];
  stopped: StoppedServices;
  /** Whether a signal cut the run short. */
  interrupted: boolean;
}

/**
 * Judges the run. An error is explained when it names the killed subgraph and its request
 * overlapped the outage: from the kill until the subgraph was ready again, plus the grace period.
 * It passes with no acknowledged write lost, no duplicate, no write missing after the retry, no
 * unexplained error, a clean stop (every process exited 0, no PostgreSQL process left) and no interrupt.
 */
export function soakReport(run: SoakRun): SoakReport {
  const { options, outage, outcomes, loadStart } = run;
  const overlaps = (o: Outcome, graceMs: number) =>
    outage?.killedAt !== undefined && o.end >= outage.killedAt && o.start <= (outage.readyAt ?? Infinity) + graceMs;
  const explained = (o: Outcome, e: SeenError) => e.subgraph === outage?.subgraph && overlaps(o, options.graceSeconds * 1000);

  const errorKinds = new Map<string, ErrorKind>();
  for (const o of outcomes) {
    for (const e of o.errors) {
      const key = `${e.code} @ ${e.subgraph}`;
      const entry = errorKinds.get(key) ?? { code: e.code, subgraph: e.subgraph, count: 0, explained: 0, unexplained: 0, example: e.message };
      entry.count++;
      if (explained(o, e)) entry.explained++;
      else entry.unexplained++;
      errorKinds.set(key, entry);
    }
  }
  const unexplained = [...errorKinds.values()].reduce((sum, e) => sum + e.unexplained, 0);

  const operations = Object.fromEntries(
    [...READ_KINDS, ...WRITE_KINDS].map((kind) => {
      const mine = outcomes.filter((o) => o.kind === kind);
      const during = mine.filter((o) => overlaps(o, 0));
      const summary: OperationSummary = {
        requests: mine.length,
        ok: mine.filter((o) => o.ok).length,
        partial: mine.filter((o) => o.partial).length,
        failed: mine.filter((o) => !o.ok && !o.partial).length,
        latencyMs: latencySummary(mine.filter((o) => o.ok).map((o) => o.ms).sort((a, b) => a - b)),
        duringOutage: { requests: during.length, ok: during.filter((o) => o.ok).length, partial: during.filter((o) => o.partial).length },
      };
      return [kind, summary];
    }),
  );

  // The first answer after the kill that needed the killed subgraph: its own list or writes, or (the joint office) the joint reads.
  const needs = (o: Outcome) => o.kind === `write:${outage?.subgraph}` || o.kind === `list:${outage?.subgraph}` || (outage?.subgraph === 'joint' && (o.kind === 'overview' || o.kind === 'alliances'));
  const firstRecovery =
    outage?.readyAt === undefined ? undefined : outcomes.filter((o) => o.ok && o.start >= outage.killedAt! && needs(o)).sort((a, b) => a.end - b.end)[0];
  const clean = Object.values(run.stopped.exits).every((exit) => exit?.code === 0) && run.stopped.left.length === 0;
  const w = run.writes;
  return {
    passed: w.lostAcknowledged.length === 0 && w.duplicates.length === 0 && w.stillMissingAfterRetry.length === 0 && unexplained === 0 && clean && !run.interrupted,
    options,
    tag: run.tag,
    dataDir: run.dataDir,
    phasesMs: run.phasesMs,
    load: { answered: outcomes.length, shed: run.shed, achievedRate: Math.round((outcomes.length / (run.phasesMs.loadMs! / 1000)) * 10) / 10 },
    outage: outage && {
      subgraph: outage.subgraph,
      killedAtS: outage.killedAt === undefined ? undefined : (outage.killedAt - loadStart) / 1000,
      readyAgainAtS: outage.readyAt === undefined ? undefined : (outage.readyAt - loadStart) / 1000,
      downMs: outage.readyAt && outage.killedAt ? outage.readyAt - outage.killedAt : undefined,
      firstSuccessAfterRestartMs: firstRecovery && outage.readyAt ? Math.max(0, firstRecovery.end - outage.readyAt) : undefined,
      postgresOrphanedByKill: outage.postmasterOrphaned,
      pids: { before: outage.pidBefore, after: outage.pidAfter },
    },
    operations,
    errors: [...errorKinds.values()].sort((a, b) => b.count - a.count),
    unexplainedErrors: unexplained,
    writes: w,
    memory: run.memory,
    memoryTrends: memoryTrends(run.memory, options.warmupSeconds),
    stop: { ...run.stopped, clean },
  };
}
