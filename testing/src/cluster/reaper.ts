import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startTicks } from '@linju/subgraph-runtime/processes';

/**
 * What `npm run cluster` runs that cannot watch its starter's PID as the Node servers do
 * (`LINJU_SUPERVISOR_PID`): HAProxy, a Debian binary, and each store's PostgreSQL, started by the
 * command itself. Should the command be killed with SIGKILL, they would serve on with no owner. So
 * the command starts a reaper first, a small process of its own (its own session: a terminal's
 * Ctrl-C does not reach it) reading what to stop on a pipe from the command. The kernel closes that
 * pipe however the command ends; at its end the reaper stops, in the order of `REAPER_STAGES` (as
 * the command's own stop does), whatever of it still runs, each stage's processes by its signal,
 * waiting until they are gone (up to `STAGE_LIMIT_MS`) before the next. After a clean stop nothing
 * runs any more, and the reaper just exits.
 */

/** The order in which the reaper stops what it was given, and by which signal: as the cluster's `stop()`. */
export const REAPER_STAGES = {
  /** HAProxy: no more requests reach the replicas. */
  balancer: 'SIGTERM',
  /** The gateways and the identity provider: they also stop by themselves, watching the command's PID; stopped here at once, and waited for. */
  gateways: 'SIGTERM',
  /** The subgraphs' replicas, likewise: their stores answer their last requests. */
  subgraphs: 'SIGTERM',
  /** Each store's PostgreSQL: fast shutdown, as `EmbeddedCluster.stop()`. */
  stores: 'SIGINT',
} as const satisfies Record<string, NodeJS.Signals>;

export type ReaperStage = keyof typeof REAPER_STAGES;

/** How long the reaper waits for one stage's processes to be gone before it goes on: as long as `pg_ctl stop` waits. */
export const STAGE_LIMIT_MS = 60_000;

/** One process the reaper is given, as a line on its pipe: `<stage> <pid> <start ticks>`. */
export function reaperLine(stage: ReaperStage, pid: number, ticks: string): string {
  return `${stage} ${pid} ${ticks}\n`;
}

/** What a line says, or undefined for one that says nothing the reaper knows. */
export function parseReaperLine(line: string): { stage: ReaperStage; pid: number; ticks: string } | undefined {
  const [stage, pid, ticks] = line.trim().split(' ');
  if (!stage || !(stage in REAPER_STAGES) || !ticks || !(Number(pid) > 1)) return undefined;
  return { stage: stage as ReaperStage, pid: Number(pid), ticks };
}

/** The running reaper, as the command holds it. */
export interface Reaper {
  /** PID of the reaper itself. */
  pid: number;
  /** Has the reaper stop `pid` at its stage should this process end first: call it as soon as the process is started. */
  guard(stage: ReaperStage, pid: number | undefined): void;
  /** After a clean stop: the reaper ends, finding nothing left to stop. */
  close(): void;
}

const entry = fileURLToPath(new URL('./reaperProcess.ts', import.meta.url));

/** Starts the reaper (see above); it keeps this process up neither by itself nor by its pipe. */
export function startReaper(): Reaper {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], { stdio: ['pipe', 'ignore', 'ignore'], detached: true });
  child.unref();
  const pipe = child.stdin!;
  // Its end, should the reaper be gone (killed by hand), is no failure of the command.
  pipe.on('error', () => {});
  (pipe as unknown as { unref(): void }).unref();
  return {
    pid: child.pid!,
    guard(stage, pid) {
      // A process is reaped (its PID freed) only once this one has seen it exit: what its start ticks are now is its own.
      const ticks = pid === undefined ? undefined : startTicks(pid);
      if (pid !== undefined && ticks !== undefined && pipe.writable) pipe.write(reaperLine(stage, pid, ticks));
    },
    close() {
      pipe.end();
    },
  };
}
