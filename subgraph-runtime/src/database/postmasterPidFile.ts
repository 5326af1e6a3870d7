import { readFileSync, realpathSync } from 'node:fs';
import { basename, join } from 'node:path';
import { ageMs, processAlive, UNWRITTEN_MS } from './processes.ts';

/**
 * What a cluster folder's `postmaster.pid` says, read by a process that did not start it (a new
 * start after a crash, an operator's tool while `npm start` runs, a test). PostgreSQL writes the
 * postmaster's PID (line 1), its data folder (2), its port (4) and its status (8: `starting`,
 * `ready`, `stopping`).
 *
 * - `none`: no file.
 * - `stale`: left by a crash. The process it names is gone (or a zombie), or its PID now belongs
 *   to a program that is no PostgreSQL (its command line's first word says so) or to another
 *   cluster's process (a postmaster and its backends work in their data folder: this one works
 *   elsewhere). So is a file without a PID older than `UNWRITTEN_MS` (a crash while PostgreSQL
 *   was creating it).
 * - `live`: a process it names is alive. `confirmed` when it is this folder's postmaster beyond
 *   doubt: a PostgreSQL working in this folder, or, where its working folder cannot be read, one
 *   whose `-D` argument is this folder (both compared by real path, so another spelling of the
 *   folder is the same folder). The file's own line 2 proves nothing: a file always
 *   names the folder it lies in. Unconfirmed (another account's process this one may not look at,
 *   a file being written) it must be neither stopped nor have its file removed: PostgreSQL shuts
 *   down a minute after losing its lock file.
 */
export type PidFileState = { kind: 'none' | 'stale' } | { kind: 'live'; pid: number; confirmed: boolean; port: number; ready: boolean };

export function pidFileState(pgData: string): PidFileState {
  const file = join(pgData, 'postmaster.pid');
  let lines: string[];
  try {
    lines = readFileSync(file, 'utf8').split('\n');
  } catch {
    return { kind: 'none' };
  }
  const pid = Number(lines[0]);
  if (!(pid > 0)) return ageMs(file) < UNWRITTEN_MS ? { kind: 'live', pid: 0, confirmed: false, port: 0, ready: false } : { kind: 'stale' };
  if (!processAlive(pid)) return { kind: 'stale' };
  const args = readArgs(pid);
  // A postmaster's own command line is `…/postgres -D <folder> …` (a backend's reads `postgres: …`).
  if (args.length > 0 && !/^postgres(:|$)/.test(basename(args[0]!))) return { kind: 'stale' };
  // A postmaster works in its data folder: one working elsewhere is another cluster's process.
  const here = realFolder(pgData);
  const folder = realFolder(`/proc/${pid}/cwd`);
  if (folder !== undefined && folder !== here) return { kind: 'stale' };
  const dataArgument = args[args.indexOf('-D') + 1];
  const confirmed = here !== undefined && (folder === here || (args.includes('-D') && dataArgument !== undefined && realFolder(dataArgument) === here));
  return { kind: 'live', pid, confirmed, port: Number(lines[3]) || 0, ready: lines[7]?.trim() === 'ready' };
}

/** This folder's postmaster, confirmed as such and alive; undefined otherwise. */
export function confirmedPostmaster(pgData: string): number | undefined {
  const state = pidFileState(pgData);
  return state.kind === 'live' && state.confirmed ? state.pid : undefined;
}

/** A process's arguments, argv[0] first; none when it is gone or hidden. */
function readArgs(pid: number): string[] {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter((arg) => arg !== '');
  } catch {
    return [];
  }
}

/** A folder's real path; undefined when it cannot be read (a process gone, or one this account may not inspect: another account's, or any without CAP_SYS_PTRACE in some containers). */
function realFolder(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}
