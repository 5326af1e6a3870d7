import { readFileSync, statSync } from 'node:fs';

/**
 * What the start's records of processes (a store's `store.lock`, PostgreSQL's `postmaster.pid`)
 * are judged by: whether the process they name is alive and still the one that wrote them.
 */

/** A record file that names no process yet is taken for one being written for this long (a slow disk's write included); older, for one a crash left unwritten. */
export const UNWRITTEN_MS = 10_000;

/** `/proc/<pid>/stat` from its third field (the state) on, the command's parentheses skipped; undefined where /proc does not say. */
function statFields(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/**
 * Whether a process is alive, whoever's it is (PostgreSQL runs as its own account when this one is
 * root); a zombie (exited, not yet reaped: an orphan's parent may never reap it) is not.
 */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const fields = statFields(pid);
  return fields === undefined || fields[0] !== 'Z';
}

/** When a process started, in clock ticks since boot (field 22): tells a reused PID from the process a record named. Undefined where /proc does not say. */
export function startTicks(pid: number): string | undefined {
  return statFields(pid)?.[19];
}

/** How long ago a file was last written, in milliseconds; 0 when it cannot be read. */
export function ageMs(file: string): number {
  try {
    return Date.now() - statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}
