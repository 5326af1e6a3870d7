// The cluster's reaper (see reaper.ts): reads what to stop on its standard input and, at its end, stops whatever of it still runs.
import { createInterface } from 'node:readline';
import { processAlive, startTicks } from '@linju/subgraph-runtime/processes';
import { parseReaperLine, REAPER_STAGES, STAGE_LIMIT_MS, type ReaperStage } from './reaper.ts';

const given = new Map<ReaperStage, Map<number, string>>();

/** Still the process it was given: alive, and not another one under its PID since. */
const running = (pid: number, ticks: string) => processAlive(pid) && startTicks(pid) === ticks;

createInterface({ input: process.stdin })
  .on('line', (line) => {
    const guarded = parseReaperLine(line);
    if (guarded) given.set(guarded.stage, (given.get(guarded.stage) ?? new Map<number, string>()).set(guarded.pid, guarded.ticks));
  })
  .on('close', async () => {
    for (const [stage, signal] of Object.entries(REAPER_STAGES) as [ReaperStage, NodeJS.Signals][]) {
      const left = [...(given.get(stage) ?? [])].filter(([pid, ticks]) => running(pid, ticks));
      for (const [pid] of left) {
        try {
          process.kill(pid, signal);
        } catch {
          // Gone meanwhile.
        }
      }
      for (const deadline = Date.now() + STAGE_LIMIT_MS; left.some(([pid, ticks]) => running(pid, ticks)) && Date.now() < deadline; ) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
    process.exit(0);
  });
