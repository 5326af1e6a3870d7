import { readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';

/**
 * What a cluster folder's `postmaster.pid` says, read by a process that did not start it (a new
 * start after a crash, an operator's tool while `npm start` runs). PostgreSQL writes the
 * postmaster's PID (line 1), its data folder (2), its port (4) and its status (8: `starting`,
 * `ready`, `stopping`).
 *
 * - `none`: no file.
 * - `stale`: the process it names is gone, or its PID now belongs to a process that is no
 *   PostgreSQL (its command line says so): left by a crash.
 * - `live`: a process it names is alive. `confirmed` when it is this folder's postmaster beyond
 *   doubt: its command line names the folder, or it is a PostgreSQL and the file's data folder is
 *   this one (compared by real path, so another spelling of it is the same folder). Unconfirmed
 *   (a command line this account may not read, a half-written file) it must be neither stopped
 *   nor have its file removed: PostgreSQL shuts down a minute after losing its lock file.
 */
export type PidFileState = { kind: 'none' | 'stale' } | { kind: 'live'; pid: number; confirmed: boolean; port: number; ready: boolean };

export function pidFileState(pgData: string): PidFileState {
  let lines: string[];
  try {
    lines = readFileSync(join(pgData, 'postmaster.pid'), 'utf8').split('\n');
  } catch {
    return { kind: 'none' };
  }
  const pid = Number(lines[0]);
  // A file being written names no PID yet: someone is starting the cluster.
  if (!(pid > 0)) return { kind: 'live', pid: 0, confirmed: false, port: 0, ready: false };
  if (!processAlive(pid)) return { kind: 'stale' };
  const cmdline = readCmdline(pid);
  if (cmdline !== '' && !cmdline.includes('postgres')) return { kind: 'stale' };
  const confirmed = cmdline.includes(pgData) || (cmdline.includes('postgres') && sameFolder(lines[1] ?? '', pgData));
  return { kind: 'live', pid, confirmed, port: Number(lines[3]) || 0, ready: lines[7]?.trim() === 'ready' };
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
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true;
  }
}

/** A process's command line, its arguments joined by spaces; empty when it is gone or hidden. */
export function readCmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
  } catch {
    return '';
  }
}

function sameFolder(a: string, b: string): boolean {
  try {
    return a !== '' && realpathSync(a) === realpathSync(b);
  } catch {
    return false;
  }
}
