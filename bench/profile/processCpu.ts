import { clusterCpuSeconds, cpuSeconds } from '../process/procfs.ts';

/**
 * CPU seconds used so far by each server process (by name) and by each PostgreSQL cluster (named
 * `<store>:postgres`: its postmaster and every backend, summed), read from /proc.
 */
export function cpuByProcess(processes: Record<string, number>, clusters: Record<string, number>): Record<string, number> {
  const used: Record<string, number> = {};
  for (const [name, pid] of Object.entries(processes)) used[name] = cpuSeconds(pid) ?? 0;
  for (const [store, postmaster] of Object.entries(clusters)) used[`${store}:postgres`] = clusterCpuSeconds(postmaster);
  return used;
}

/** Milliseconds of CPU each process and cluster used between two readings of {@link cpuByProcess}. */
export function cpuSpent(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(after).map(([name, seconds]) => [name, Math.max(0, Math.round((seconds - (before[name] ?? 0)) * 1000))]));
}
