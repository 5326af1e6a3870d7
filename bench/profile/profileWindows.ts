import { categoryOf, IDLE } from './profileCategories.ts';

/** A V8 CPU profile as `--cpu-prof` writes it (the fields used here). Times in microseconds of the monotonic clock. */
export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string }; children?: number[] }[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/**
 * One measured run of the bench: a scenario against a system, between two readings of the
 * monotonic clock (`process.hrtime`, the clock V8 stamps its samples with), and the requests it
 * answered; with the processes that served it, by name and PID.
 */
export interface ProfileWindow {
  scenario: string;
  system: string;
  round: number;
  fromUs: number;
  toUs: number;
  requests: number;
  processes: Record<string, number>;
  /**
   * CPU (ms) each process used in the window, from /proc, and each PostgreSQL cluster's
   * (`<store>:postgres`). A profile's samples count the time its thread was not idle, which under
   * a load of more runnable threads than cores includes the time it waited for one: the samples
   * give the shares, this the amount.
   */
  cpuMs?: Record<string, number>;
}

/** The monotonic clock in microseconds, as V8's profiles stamp their samples. */
export const monotonicUs = (): number => Number(process.hrtime.bigint() / 1000n);

/**
 * Each sample's category (see `categoryOf`) and time, by walking every sample's stack once per
 * node: a profile of minutes has hundreds of thousands of samples and a few thousand nodes.
 */
function sampleCategories(profile: CpuProfile): Map<number, string> {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const categories = new Map<number, string>();
  for (const node of profile.nodes) {
    const frames = [];
    for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) frames.push(byId.get(id)!.callFrame);
    categories.set(node.id, categoryOf(frames));
  }
  return categories;
}

/** CPU time (microseconds) by category spent by a profile's process between `fromUs` and `toUs`, idle excluded. */
export function cpuByCategory(profile: CpuProfile, windows: readonly { fromUs: number; toUs: number }[]): Map<string, number>[] {
  const categories = sampleCategories(profile);
  const totals = windows.map(() => new Map<string, number>());
  let at = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    at += profile.timeDeltas[i]!;
    // A sample stands for the time until the next one.
    const spent = profile.timeDeltas[i + 1] ?? 0;
    const index = windows.findIndex((w) => at >= w.fromUs && at < w.toUs);
    if (index < 0) continue;
    const category = categories.get(profile.samples[i]!)!;
    if (category === IDLE) continue;
    const total = totals[index]!;
    total.set(category, (total.get(category) ?? 0) + spent);
  }
  return totals;
}
