import { RSS_BUDGET_MB } from './memoryTrend.ts';
import type { SoakReport } from './soakReport.ts';

/** The report as the text printed at the end of a soak: outcome, outage, operations, errors, writes, memory, stop. */
export function formatSoakSummary(report: SoakReport, file: string): string {
  const lines: string[] = [''];
  lines.push(
    `Soak ${report.passed ? 'PASSED' : 'FAILED'}: ${report.load.answered} requests answered in ${(report.phasesMs.loadMs! / 1000).toFixed(1)} s ` +
      `(${report.load.achievedRate} req/s of ${report.options.rate} asked; ${report.load.shed} shed at ${report.options.maxInFlight} in flight)`,
  );
  if (report.outage) {
    const o = report.outage;
    lines.push(
      `Outage: ${o.subgraph} killed (SIGKILL) at ${o.killedAtS?.toFixed(1)} s, ready again at ${o.readyAgainAtS?.toFixed(1)} s (down ${o.downMs} ms); ` +
        `first success through it ${o.firstSuccessAfterRestartMs ?? '?'} ms after its restart; its PostgreSQL ${o.postgresOrphanedByKill ? 'was orphaned and stopped by the restart' : 'died with it'}`,
    );
  }
  lines.push('', 'operation         requests     ok  partial  failed   p50 ms   p95 ms   p99 ms   during outage ok/partial/all');
  const ms = (v: number | undefined) => (v === undefined ? '-' : v.toFixed(1)).padStart(8);
  for (const [kind, s] of Object.entries(report.operations)) {
    lines.push(
      `${kind.padEnd(16)} ${String(s.requests).padStart(9)} ${String(s.ok).padStart(6)} ${String(s.partial).padStart(8)} ${String(s.failed).padStart(7)} ${ms(s.latencyMs.p50)} ${ms(s.latencyMs.p95)} ${ms(s.latencyMs.p99)}   ${s.duringOutage.ok}/${s.duringOutage.partial}/${s.duringOutage.requests}`,
    );
  }
  lines.push('', `Errors by kind (code @ subgraph): ${report.errors.length === 0 ? 'none' : ''}`);
  for (const e of report.errors) lines.push(`  ${`${e.code} @ ${e.subgraph}`.padEnd(36)} ${String(e.count).padStart(6)}  explained ${e.explained}, unexplained ${e.unexplained}   e.g. "${e.example.slice(0, 110)}"`);
  const w = report.writes;
  lines.push(
    '',
    `Writes: ${w.sent} sent, ${w.acknowledged} acknowledged, ${w.lostAcknowledged.length} acknowledged lost; ${w.notAcknowledged} not acknowledged ` +
      `(${w.notAcknowledgedButCommitted} of them committed anyway), sent again with the same keys: ${w.stillMissingAfterRetry.length} still missing, ${w.duplicates.length} duplicates`,
  );
  const names = [...new Set(report.memory.flatMap((m) => Object.keys(m.rssMb)))];
  const column = (text: string, name: string) => text.padStart(Math.max(9, name.length));
  lines.push('', 'Memory (RSS, MB; PostgreSQL summed over its processes):', `   t s  ${names.map((n) => column(n, n)).join(' ')}`);
  for (const m of report.memory) lines.push(`${m.t.toFixed(1).padStart(6)}  ${names.map((n) => column(m.rssMb[n]?.toFixed(1) ?? '-', n)).join(' ')}`);
  lines.push('', `Memory trend after ${report.options.warmupSeconds} s of warm-up (least-squares slope; the Node processes' budget is ${RSS_BUDGET_MB} MB):`);
  for (const [name, trend] of Object.entries(report.memoryTrends)) {
    const budget = name.includes(':') || name === 'soak' ? '' : trend.peakMb <= RSS_BUDGET_MB ? ', within budget' : ', OVER BUDGET';
    lines.push(`  ${name.padEnd(20)} peak ${trend.peakMb.toFixed(1)} MB${budget}; ${trend.afterWarmupMb.first.toFixed(1)} → ${trend.afterWarmupMb.last.toFixed(1)} MB, slope ${trend.slopeMbPerMinute >= 0 ? '+' : ''}${trend.slopeMbPerMinute.toFixed(2)} MB/min over ${trend.samples} samples`);
  }
  const exits = Object.entries(report.stop.exits)
    .map(([name, exit]) => `${name} ${exit ? (exit.signal ?? `exit ${exit.code}`) : 'not running'}`)
    .join(', ');
  lines.push('', `Stop: ${exits}; ${report.stop.left.length} PostgreSQL processes left${report.stop.clean ? '' : ' (NOT CLEAN)'}`);
  lines.push(`Unexplained errors: ${report.unexplainedErrors}. Report: ${file}`);
  return lines.join('\n');
}
