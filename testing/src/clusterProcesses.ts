import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { confirmedPostmaster, embeddedStoreState, processAlive } from '@linju/subgraph-runtime';

/**
 * Looks at the embedded PostgreSQL cluster of a subgraph that runs in another process: its
 * processes (to prove none is left, or to kill them all as a crash would) and a connection to it
 * (to hold a lock that keeps the subgraph's requests in flight, or to read the rows themselves).
 * `dataDir` is the subgraph's folder (`<LINJU_DATA_DIR>/<name>`), the cluster is in its `pg/`.
 */

function read(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** A process's command line, its arguments separated by spaces; empty once it is gone. */
export function cmdline(pid: number): string {
  return read(`/proc/${pid}/cmdline`).replaceAll('\0', ' ');
}

function parentOf(pid: number): number {
  // /proc/<pid>/stat: "pid (comm) state ppid …"; comm may hold spaces, so split after its ')'.
  const stat = read(`/proc/${pid}/stat`);
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
}

function allPids(): number[] {
  return readdirSync('/proc').filter((entry) => /^\d+$/.test(entry)).map(Number);
}

/** Whether a process is alive (a zombie counts as gone). */
export const alive = processAlive;

/** The running postmaster of the cluster, if `postmaster.pid` names one that serves this very folder. */
export function postmasterOf(dataDir: string): number | undefined {
  return confirmedPostmaster(join(dataDir, 'pg'));
}

/** The postmaster and every process it started (backends, checkpointer, WAL writer …). */
export function clusterProcesses(dataDir: string): number[] {
  const postmaster = postmasterOf(dataDir);
  if (postmaster === undefined) return [];
  return [postmaster, ...allPids().filter((pid) => parentOf(pid) === postmaster)];
}

/** Every process started under `pid`, at any depth (a child's children too), while they have not left its tree. */
export function descendantsOf(pid: number): number[] {
  const parents = new Map(allPids().map((child) => [child, parentOf(child)]));
  const found: number[] = [];
  for (let level = [pid]; level.length > 0; ) {
    const above = new Set(level);
    level = [...parents].filter(([, parent]) => above.has(parent)).map(([child]) => child);
    found.push(...level);
  }
  return found;
}

/** Processes, among `pids`, still alive, plus any postmaster whose command line names the cluster's folder. */
export function survivors(dataDir: string, pids: readonly number[]): number[] {
  const pgData = join(dataDir, 'pg');
  const serving = allPids().filter((pid) => alive(pid) && cmdline(pid).includes(pgData));
  return [...new Set([...pids.filter(alive), ...serving])];
}

/** A connection to the running cluster, as its own user (port from `postmaster.pid`, password from the folder). */
export async function connectToCluster(dataDir: string): Promise<pg.Client> {
  const store = embeddedStoreState(dataDir);
  if (store.state !== 'running') throw new Error(`No cluster is running in ${dataDir}`);
  const client = new pg.Client({ connectionString: store.url });
  // The cluster may stop under this connection (that is what the tests do): not a crash of the test.
  client.on('error', () => {});
  await client.connect();
  return client;
}
