/** Latency percentiles and maximum in ms, to a tenth; undefined where nothing was measured. */
export interface LatencySummary {
  p50: number | undefined;
  p95: number | undefined;
  p99: number | undefined;
  max: number | undefined;
}

/** The `p`th percentile (nearest rank) of sorted values; undefined for none. */
export function percentile(sorted: readonly number[], p: number): number | undefined {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** p50, p95, p99 and the maximum of latencies sorted in ascending order. */
export function latencySummary(sorted: readonly number[]): LatencySummary {
  const tenth = (ms: number | undefined) => (ms === undefined ? undefined : Math.round(ms * 10) / 10);
  return { p50: tenth(percentile(sorted, 50)), p95: tenth(percentile(sorted, 95)), p99: tenth(percentile(sorted, 99)), max: tenth(sorted.at(-1)) };
}
