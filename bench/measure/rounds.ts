import type { ScenarioRun } from '../report/formatReport.ts';

/** The order of the systems in round `round`: as given in even rounds, reversed in odd ones, so no system always runs first (or right after another). */
export function roundOrder<T>(systems: readonly T[], round: number): T[] {
  return round % 2 === 0 ? [...systems] : [...systems].reverse();
}

/**
 * A scenario's runs of one system over the rounds, as one: the run whose p50 is the median (the
 * lower one of an even count), with every round's p50, p95, throughput and 1-minute load average
 * kept beside it for the spread.
 */
export function medianRun(runs: readonly (ScenarioRun & { load1: number })[]): ScenarioRun {
  if (runs.length === 0) throw new Error('no runs');
  const sorted = [...runs].sort((a, b) => (a.latencyMs.p50 ?? Infinity) - (b.latencyMs.p50 ?? Infinity));
  const median = sorted[Math.floor((sorted.length - 1) / 2)]!;
  return {
    ...median,
    rounds: {
      p50: runs.map((r) => r.latencyMs.p50 ?? NaN),
      p95: runs.map((r) => r.latencyMs.p95 ?? NaN),
      throughput: runs.map((r) => r.throughput),
      load1: runs.map((r) => r.load1),
    },
  };
}
