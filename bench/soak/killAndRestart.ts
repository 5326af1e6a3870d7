import { alive } from '../process/procfs.ts';
import { type Service, sleep } from '../process/Service.ts';

/** When a subgraph was killed and ready again (epoch ms), and its process before and after. */
export interface Outage {
  subgraph: string;
  killedAt?: number;
  readyAt?: number;
  pidBefore?: number;
  pidAfter?: number;
  /** Whether its PostgreSQL outlived the kill (it runs in its own process group). */
  postmasterOrphaned?: boolean;
}

export interface KillSchedule {
  /** When the load started (epoch ms). */
  loadStart: number;
  /** Seconds into the load when the subgraph is killed. */
  killAt: number;
  /** How long it stays down before it is started again. */
  downSeconds: number;
}

/**
 * The outage: `killAt` seconds into the load, kills the subgraph with SIGKILL, waits `downSeconds`
 * and starts it again on the same port and data folder (its start stops the orphaned PostgreSQL and
 * clears its stale `postmaster.pid`). Resolves when it is ready again, or early on an interrupt.
 */
export async function killAndRestart(victim: Service, dataDir: string, schedule: KillSchedule, stopped: () => boolean): Promise<Outage> {
  const outage: Outage = { subgraph: victim.name };
  const seconds = (at: number) => ((at - schedule.loadStart) / 1000).toFixed(1);
  await sleep(schedule.loadStart + schedule.killAt * 1000 - Date.now());
  if (stopped()) return outage;
  outage.pidBefore = victim.pid;
  const postmaster = victim.postmaster(dataDir);
  outage.killedAt = Date.now();
  console.log(`  t=${seconds(outage.killedAt)} s: kill -9 ${victim.name} (pid ${outage.pidBefore})`);
  await victim.stop('SIGKILL');
  outage.postmasterOrphaned = postmaster !== undefined && alive(postmaster);
  await sleep(schedule.downSeconds * 1000);
  if (stopped()) return outage;
  await victim.start();
  outage.readyAt = Date.now();
  outage.pidAfter = victim.pid;
  console.log(`  t=${seconds(outage.readyAt)} s: ${victim.name} ready again (pid ${outage.pidAfter}), down ${outage.readyAt - outage.killedAt} ms`);
  return outage;
}
