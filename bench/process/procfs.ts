import { readdirSync, readFileSync } from 'node:fs';
import { processAlive } from '@linju/subgraph-runtime';

// What the benchmarks read of other processes, from /proc (Linux).

/** Resident memory of a process in MB; undefined when it is gone or unreadable. */
export function rssMb(pid: number): number | undefined {
  try {
    const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
    return Number.isFinite(kb) ? Math.round(kb / 102.4) / 10 : undefined;
  } catch {
    return undefined;
  }
}

/** A reading of a PostgreSQL cluster: of its postmaster and each of its children (the backends), summed. */
function overCluster(postmaster: number, read: (pid: number) => number | undefined): number {
  return [postmaster, ...childrenOf(postmaster)].reduce((sum, pid) => sum + (read(pid) ?? 0), 0);
}

/** Resident memory of a PostgreSQL cluster in MB: its postmaster's and its children's, summed (which counts their shared buffers more than once). */
export function clusterRssMb(postmaster: number): number {
  return overCluster(postmaster, rssMb);
}

/** CPU seconds a PostgreSQL cluster has used so far: its postmaster's and its running backends'. */
export function clusterCpuSeconds(postmaster: number): number {
  return overCluster(postmaster, cpuSeconds);
}

/** Whether a process runs (a zombie does not). */
export const alive = processAlive;

/** The direct children of a process. */
export function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) children.push(Number(entry));
    } catch {
      // Gone meanwhile.
    }
  }
  return children;
}

/** CPU time (user + system) a process has used so far, in seconds. */
export function cpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime, fields 14 and 15 of stat (11 and 12 after the command), in clock ticks of 1/100 s.
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}
