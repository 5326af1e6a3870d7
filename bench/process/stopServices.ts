import { alive, childrenOf } from './procfs.ts';
import { type Service, sleep } from './Service.ts';

/** How each service ended (undefined: it was not running) and the PostgreSQL processes that had to be stopped. */
export interface StoppedServices {
  exits: Record<string, { code: number | null; signal: string | null } | undefined>;
  left: number[];
}

/**
 * Stops what the benchmarks started: the front processes (gateways, the monolith) first, so what
 * they are draining can still reach the subgraphs, then the subgraphs, each with SIGTERM. Each
 * stops its embedded PostgreSQL; whatever of their clusters under `dataDir` is still alive 10 s
 * later (an orphan of a kill, should the restart have failed) gets SIGINT.
 */
export async function stopServices(fronts: readonly Service[], subgraphs: readonly Service[], dataDir: string): Promise<StoppedServices> {
  const clusters = [...fronts, ...subgraphs].map((s) => s.postmaster(dataDir)).filter((pid): pid is number => pid !== undefined);
  const postgres = [...clusters, ...clusters.flatMap(childrenOf)];
  const exits: StoppedServices['exits'] = {};
  for (const group of [fronts, subgraphs]) await Promise.all(group.map(async (service) => (exits[service.name] = await service.stop('SIGTERM'))));
  for (let i = 0; i < 100 && postgres.some(alive); i++) await sleep(100);
  const left = postgres.filter(alive);
  for (const pid of left) {
    try {
      process.kill(pid, 'SIGINT');
    } catch {
      // Gone meanwhile.
    }
  }
  return { exits, left };
}
