import type { LoadResult } from '../measure/runLoad.ts';
import type { StoreProfile } from '../measure/storeMetrics.ts';
import { STATEMENT_KINDS, type StatementTimes } from '../measure/statementTimes.ts';

/** The systems compared: `monolith-audited` is the monolith with the federation's audit appends (bench/monolith/monolithAudit.ts). */
export type SystemName = 'linju' | 'hive' | 'monolith' | 'monolith-audited';

/** One scenario against one system. */
export interface ScenarioRun extends LoadResult {
  /** SQL statements per request, by store, over the measured run. */
  statementsPerRequest: Record<string, number>;
  /** The federation's subgraphs during the run: their requests' mean time and their statements' (from their /metrics). */
  stores?: Record<string, StoreProfile>;
  /** With `--statement-times`: each cluster's statements by kind, per client request, and the server's execution time of each (pg_stat_statements). */
  statementTimes?: Record<string, StatementTimes>;
  /** Peak RSS in MB of the system's front process (gateway or monolith) during the measured run. */
  peakRssMb: number | undefined;
  /** With `--rounds N` (N > 1): each round's figures, in round order; the run above is the median round by p50. */
  rounds?: { p50: number[]; p95: number[]; throughput: number[]; load1: number[] };
}

export interface BenchReport {
  command: string;
  startedAt: string;
  machine: { cpu: string; cores: number; memoryGb: number; node: string; loadBefore: number[]; loadAfter: number[] };
  dataset: { scale: number; seed: number; loadMs: { federation: number; monolith: number }; size: Record<string, number> };
  options: {
    seconds: number;
    warmupSeconds: number;
    connections: number;
    rounds: number;
    /** Linju's gateway's response cache (`LINJU_RESPONSE_CACHE_TTL_MS`; 0 = off, the bench's default). */
    responseCacheTtlMs: number;
    /** `LINJU_AGGREGATE_CACHE_TTL_MS` as the run had it: null when unset (every system's default, on). */
    aggregateCacheTtlMs: string | null;
  };
  /** Whether each baseline answered each read exactly as Linju did (same `data`, no errors). */
  sameAnswers: Record<string, Record<string, boolean | string>>;
  /** Statements per store of one request, by probe (request and page size). */
  statementProbes: Record<string, Record<SystemName, Record<string, number>>>;
  scenarios: { name: string; description: string; runs: Partial<Record<SystemName, ScenarioRun>> }[];
  /** Each store's audit chain recomputed after the load. */
  auditChains: Record<string, { entries: number; verified: boolean; brokenAt: string | null; stretches?: number }>;
  /** Peak RSS in MB of every process over the whole run. */
  peakRssMb: Record<string, number>;
}

const fmt = (value: number | undefined, digits = 1) => (value === undefined || Number.isNaN(value) ? '–' : value.toFixed(digits));
const ratio = (a: number | undefined, b: number | undefined) => (a && b ? (a / b).toFixed(2) : '–');
const stores = (counts: Record<string, number> | undefined) =>
  counts ? Object.entries(counts).map(([store, n]) => `${store} ${fmt(n, n % 1 === 0 ? 0 : 2)}`).join(', ') : '–';

/** A figure with the range over the rounds, when there were several: `12.3 (11.9–13.0)`. */
const withRange = (value: number | undefined, rounds: readonly number[] | undefined) =>
  rounds && rounds.length > 1 ? `${fmt(value)} (${fmt(Math.min(...rounds))}–${fmt(Math.max(...rounds))})` : fmt(value);

/** The machine's 1-minute load average at the end of each run of a scenario: the range over all of them. */
function loads(runs: Partial<Record<SystemName, ScenarioRun>>): string {
  const all = Object.values(runs).flatMap((r) => r?.rounds?.load1 ?? []);
  return all.length ? `${fmt(Math.min(...all), 2)}–${fmt(Math.max(...all), 2)}` : '–';
}

/** The run as Markdown: what docs/benchmarks.md summarizes. */
export function formatReport(report: BenchReport): string {
  const m = report.machine;
  const lines: string[] = [
    `# Benchmark run ${report.startedAt}`,
    '',
    `Command: \`${report.command}\``,
    '',
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB, Node ${m.node}; load average before ${m.loadBefore.map((l) => l.toFixed(2)).join(' ')}, after ${m.loadAfter.map((l) => l.toFixed(2)).join(' ')}.`,
    `Dataset: scale ${report.dataset.scale} (seed ${report.dataset.seed}): per side ${report.dataset.size.organizations} organizations, ${report.dataset.size.people} people, ${report.dataset.size.posts} posts, ` +
      `${report.dataset.size.activities} activities, ${report.dataset.size.serviceCases} service cases; ${report.dataset.size.alliances} alliances. ` +
      `Loaded in ${fmt(report.dataset.loadMs.federation / 1000)} s (the federation's three stores) and ${fmt(report.dataset.loadMs.monolith / 1000)} s (the monolith).`,
    `Load: ${report.options.connections} connections, closed loop, ${report.options.seconds} s per scenario and system after ${report.options.warmupSeconds} s of warm-up` +
      (report.options.rounds > 1 ? `; ${report.options.rounds} rounds, the systems' order reversed every other round, the median round (by p50) shown with the range over the rounds.` : '.'),
    `Caches: Linju's response cache ${report.options.responseCacheTtlMs > 0 ? `on (${report.options.responseCacheTtlMs} ms; the monolith has none)` : 'off (as the monolith, which has none)'}; ` +
      `the aggregate caches ${report.options.aggregateCacheTtlMs === null ? 'on in every system (default)' : report.options.aggregateCacheTtlMs === '0' ? 'off in every system' : `at ${report.options.aggregateCacheTtlMs} ms in every system`}.`,
    '',
    '| scenario | system | req/s | p50 ms | p95 ms | p99 ms | errors | statements / request | gateway peak RSS MB |',
    '|---|---|---:|---:|---:|---:|---:|---|---:|',
  ];
  for (const scenario of report.scenarios) {
    for (const [system, run] of Object.entries(scenario.runs) as [SystemName, ScenarioRun][]) {
      lines.push(
        `| ${scenario.name} | ${system} | ${withRange(run.throughput, run.rounds?.throughput)} | ${withRange(run.latencyMs.p50, run.rounds?.p50)} | ${withRange(run.latencyMs.p95, run.rounds?.p95)} | ${fmt(run.latencyMs.p99)} | ${run.failed + run.graphqlErrors} | ${stores(run.statementsPerRequest)} | ${fmt(run.peakRssMb, 0)} |`,
      );
    }
  }
  lines.push('', '| scenario | Linju / Hive req/s | Hive p50 / Linju p50 | Linju p50 / monolith p50 | Linju p50 / audited monolith p50 | Linju p95 / monolith p95 | load average (1 min) over its runs |', '|---|---:|---:|---:|---:|---:|---|');
  for (const { name, runs } of report.scenarios) {
    // A run whose answers carried errors is not compared: failing fast is not serving faster.
    const failed = (run: ScenarioRun | undefined) => (run ? run.failed + run.graphqlErrors : 0);
    const hive = failed(runs.hive) ? `n/a (Hive: ${failed(runs.hive)} errors)` : undefined;
    lines.push(
      `| ${name} | ${hive ?? ratio(runs.linju?.throughput, runs.hive?.throughput)} | ${hive ?? ratio(runs.hive?.latencyMs.p50, runs.linju?.latencyMs.p50)} | ${ratio(runs.linju?.latencyMs.p50, runs.monolith?.latencyMs.p50)} | ${ratio(runs.linju?.latencyMs.p50, runs['monolith-audited']?.latencyMs.p50)} | ${ratio(runs.linju?.latencyMs.p95, runs.monolith?.latencyMs.p95)} | ${loads(runs)} |`,
    );
  }
  const mixed = report.scenarios.flatMap(({ name, runs }) => (Object.entries(runs) as [SystemName, ScenarioRun][]).filter(([, run]) => run.byLabel).map(([system, run]) => ({ name, system, byLabel: run.byLabel! })));
  if (mixed.length) {
    lines.push('', 'Each kind of request within a scenario of several (the median round), latency in ms:', '', '| scenario | system | request | count | p50 | p95 | p99 |', '|---|---|---|---:|---:|---:|---:|');
    for (const { name, system, byLabel } of mixed) {
      for (const [label, l] of Object.entries(byLabel)) lines.push(`| ${name} | ${system} | ${label} | ${l.count} | ${fmt(l.p50)} | ${fmt(l.p95)} | ${fmt(l.p99)} |`);
    }
  }
  lines.push('', 'Inside the subgraphs during each federated run (mean time of a subgraph request; statements per subgraph request and their mean time, by kind: INSERT is the audit entry):', '');
  for (const { name, runs } of report.scenarios) {
    for (const system of ['linju', 'hive'] as const) {
      const stores = runs[system]?.stores;
      if (!stores) continue;
      const parts = Object.entries(stores)
        .filter(([, p]) => p.subgraphRequests > 0)
        .map(([store, p]) => `${store} ${p.subgraphRequests} requests of ${fmt(p.meanRequestMs)} ms (${Object.entries(p.statements).map(([op, st]) => `${op} ${fmt(st.perRequest, 2)}×${fmt(st.meanMs, 2)} ms`).join(', ')})`);
      lines.push(`- ${name} / ${system}: ${parts.join('; ')}`);
    }
  }
  const timed = report.scenarios.flatMap(({ name, runs }) => (Object.entries(runs) as [SystemName, ScenarioRun][]).filter(([, run]) => run.statementTimes).map(([system, run]) => ({ name, system, clusters: run.statementTimes! })));
  if (timed.length) {
    lines.push('', "Each PostgreSQL cluster's own execution time (`--statement-times`, pg_stat_statements; the median round), per client request: statements × mean ms of each, by kind, and in all:", '', `| scenario | system | cluster | ${STATEMENT_KINDS.join(' | ')} | ms per request |`, `|---|---|---|${STATEMENT_KINDS.map(() => '---:|').join('')}---:|`);
    for (const { name, system, clusters } of timed) {
      for (const [cluster, times] of Object.entries(clusters)) {
        const cells = STATEMENT_KINDS.map((kind) => (times[kind].calls ? `${fmt(times[kind].calls, 2)} × ${fmt(times[kind].ms / times[kind].calls, 3)}` : '–'));
        lines.push(`| ${name} | ${system} | ${cluster} | ${cells.join(' | ')} | ${fmt(STATEMENT_KINDS.reduce((sum, kind) => sum + times[kind].ms, 0), 3)} |`);
      }
    }
  }
  lines.push('', 'Statements of one request, by store, one system after the other (Linju and Hive share the subgraphs and so their aggregate caches):', '', '| request | Linju | Hive | monolith | audited monolith |', '|---|---|---|---|---|');
  for (const [probe, bySystem] of Object.entries(report.statementProbes)) lines.push(`| ${probe} | ${stores(bySystem.linju)} | ${stores(bySystem.hive)} | ${stores(bySystem.monolith)} | ${stores(bySystem['monolith-audited'])} |`);
  lines.push('', 'Same answer as Linju (the `data` of each read, compared as JSON):', '');
  for (const [system, answers] of Object.entries(report.sameAnswers)) lines.push(`- ${system}: ${Object.entries(answers).map(([request, same]) => `${request} ${same === true ? 'yes' : `NO (${same})`}`).join(', ')}`);
  lines.push('', `Audit chains after the run: ${Object.entries(report.auditChains).map(([store, c]) => `${store} ${c.entries} entries, ${c.verified ? `verified${c.stretches ? ` in ${c.stretches} stretch(es)` : ''}` : `NOT verified (${c.brokenAt})`}`).join('; ')}.`);
  lines.push('', `Peak RSS over the run (MB): ${Object.entries(report.peakRssMb).map(([name, mb]) => `${name} ${fmt(mb, 0)}`).join(', ')}`);
  const errors = report.scenarios.flatMap((s) => Object.entries(s.runs).filter(([, r]) => r.firstError).map(([system, r]) => `${s.name}/${system}: ${r.firstError}`));
  if (errors.length) lines.push('', 'First error of each run that had errors:', '', ...errors.map((e) => `- ${e}`));
  return `${lines.join('\n')}\n`;
}
