import type { MemorySample } from './soakReport.ts';

/** The RSS each Node process of the federation may reach under load at scale 1 (issue: gateway and each subgraph ≤ 300 MB). */
export const RSS_BUDGET_MB = 300;

/** One process's memory over a soak: its peak, and the trend after warm-up. */
export interface MemoryTrend {
  peakMb: number;
  /** Least-squares slope of RSS against time over the samples after warm-up, in MB per minute. */
  slopeMbPerMinute: number;
  /** RSS at the first and last sample after warm-up. */
  afterWarmupMb: { first: number; last: number };
  samples: number;
}

/**
 * Each process's trend over the samples taken at or after `warmupSeconds` (a restarted process's
 * samples keep counting: its RSS starts over, which shows as a drop, not as growth).
 */
export function memoryTrends(memory: readonly MemorySample[], warmupSeconds: number): Record<string, MemoryTrend> {
  const names = [...new Set(memory.flatMap((m) => Object.keys(m.rssMb)))];
  const trends: Record<string, MemoryTrend> = {};
  for (const name of names) {
    const all = memory.flatMap((m) => (m.rssMb[name] === undefined ? [] : [{ t: m.t, mb: m.rssMb[name]! }]));
    const steady = all.filter((p) => p.t >= warmupSeconds);
    if (all.length === 0 || steady.length < 2) continue;
    trends[name] = {
      peakMb: Math.max(...all.map((p) => p.mb)),
      slopeMbPerMinute: slope(steady) * 60,
      afterWarmupMb: { first: steady[0]!.mb, last: steady.at(-1)!.mb },
      samples: steady.length,
    };
  }
  return trends;
}

/** The least-squares slope of `mb` against `t` (MB per second). */
export function slope(points: readonly { t: number; mb: number }[]): number {
  const n = points.length;
  const meanT = points.reduce((s, p) => s + p.t, 0) / n;
  const meanMb = points.reduce((s, p) => s + p.mb, 0) / n;
  const covariance = points.reduce((s, p) => s + (p.t - meanT) * (p.mb - meanMb), 0);
  const variance = points.reduce((s, p) => s + (p.t - meanT) ** 2, 0);
  return variance === 0 ? 0 : covariance / variance;
}
