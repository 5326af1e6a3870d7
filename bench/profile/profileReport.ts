import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROFILE_CATEGORIES, GC, NATIVE, OTHER } from './profileCategories.ts';
import { cpuByCategory, type CpuProfile, type ProfileWindow } from './profileWindows.ts';

/** The file the bench writes beside the profiles: its measured runs. */
export const WINDOWS_FILE = 'windows.json';

/** CPU per request (ms) of one scenario on one system, by process and category. */
export interface ScenarioProfile {
  scenario: string;
  system: string;
  requests: number;
  /**
   * process → category → ms per request: the samples' shares of the CPU the process used (from
   * /proc) when the windows measured it, otherwise the samples' busy time itself.
   */
  perRequestMs: Record<string, Record<string, number>>;
  /** process → its busy time in the samples over the CPU /proc measured (above 1: it waited for a core). */
  busyOverCpu: Record<string, number>;
  /** store → CPU ms per request of its PostgreSQL (postmaster and backends), when measured. */
  postgresMs: Record<string, number>;
}

const CATEGORY_ORDER = [...PROFILE_CATEGORIES.map((c) => c.name).filter((name) => name !== GC), GC, NATIVE, OTHER];

/**
 * The PID in the name of a main thread's `--cpu-prof` file (`CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile`,
 * thread 0); undefined for another thread's (tsx's module loader runs in a worker of its own).
 */
export function pidOfProfile(file: string): number | undefined {
  const match = /^CPU\.\d+\.\d+\.(\d+)\.0\.\d+\.cpuprofile$/.exec(file);
  return match ? Number(match[1]) : undefined;
}

/** Reads a profile directory the bench wrote (`--profile DIR`) and charges each measured run's CPU to its processes and categories. */
export function readScenarioProfiles(dir: string): ScenarioProfile[] {
  const windows = (JSON.parse(readFileSync(join(dir, WINDOWS_FILE), 'utf8')) as { windows: ProfileWindow[] }).windows;
  const profiles = new Map<number, string>();
  for (const file of readdirSync(dir)) {
    const pid = pidOfProfile(file);
    if (pid !== undefined) profiles.set(pid, join(dir, file));
  }
  const byRun = new Map<string, ScenarioProfile>();
  const runOf = (w: ProfileWindow) => {
    const key = `${w.scenario}\u0000${w.system}`;
    let run = byRun.get(key);
    if (!run) byRun.set(key, (run = { scenario: w.scenario, system: w.system, requests: 0, perRequestMs: {}, busyOverCpu: {}, postgresMs: {} }));
    return run;
  };
  // CPU measured per run and process (ms, summed over rounds), and whether every window measured it.
  const measured = new Map<ScenarioProfile, Record<string, number | undefined>>();
  for (const w of windows) {
    const run = runOf(w);
    run.requests += w.requests;
    const cpu = measured.get(run) ?? {};
    for (const name of Object.keys(w.processes)) cpu[name] = w.cpuMs?.[name] === undefined || (name in cpu && cpu[name] === undefined) ? undefined : (cpu[name] ?? 0) + w.cpuMs[name]!;
    for (const [name, ms] of Object.entries(w.cpuMs ?? {})) if (name.endsWith(':postgres')) cpu[name] = (cpu[name] ?? 0) + ms;
    measured.set(run, cpu);
  }
  for (const [pid, file] of profiles) {
    const mine = windows.filter((w) => Object.values(w.processes).includes(pid));
    if (mine.length === 0) continue;
    const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
    const totals = cpuByCategory(profile, mine);
    mine.forEach((w, i) => {
      const name = Object.entries(w.processes).find(([, p]) => p === pid)![0];
      const run = runOf(w);
      const into = (run.perRequestMs[name] ??= {});
      for (const [category, us] of totals[i]!) into[category] = (into[category] ?? 0) + us / 1000;
    });
  }
  for (const run of byRun.values()) {
    const cpu = measured.get(run) ?? {};
    for (const [name, categories] of Object.entries(run.perRequestMs)) {
      const busy = Object.values(categories).reduce((a, b) => a + b, 0);
      const spent = cpu[name];
      const scale = spent !== undefined && busy > 0 ? spent / busy : 1;
      if (spent !== undefined && spent > 0) run.busyOverCpu[name] = busy / spent;
      for (const category of Object.keys(categories)) categories[category] = (categories[category]! * scale) / Math.max(1, run.requests);
    }
    for (const [name, ms] of Object.entries(cpu)) if (name.endsWith(':postgres') && ms !== undefined) run.postgresMs[name.slice(0, -':postgres'.length)] = ms / Math.max(1, run.requests);
  }
  return [...byRun.values()];
}

const ms = (value: number | undefined) => (value === undefined || value < 0.005 ? '' : value.toFixed(2));

/** Markdown: for each scenario and system, CPU per request in ms by category (rows) and process (columns), with totals. */
export function formatScenarioProfiles(runs: readonly ScenarioProfile[]): string {
  const lines: string[] = [];
  for (const run of runs) {
    const processes = Object.keys(run.perRequestMs);
    const total = (category: string) => processes.reduce((sum, p) => sum + (run.perRequestMs[p]![category] ?? 0), 0);
    const processTotal = (p: string) => Object.values(run.perRequestMs[p]!).reduce((a, b) => a + b, 0);
    const categories = CATEGORY_ORDER.filter((c) => total(c) >= 0.005);
    lines.push(`### ${run.scenario} on ${run.system} (${run.requests} requests; CPU ms per request)`, '');
    lines.push(`| category | ${processes.join(' | ')} | all |`, `|---|${processes.map(() => '---:').join('|')}|---:|`);
    for (const c of categories) lines.push(`| ${c} | ${processes.map((p) => ms(run.perRequestMs[p]![c])).join(' | ')} | ${ms(total(c))} |`);
    const all = processes.reduce((sum, p) => sum + processTotal(p), 0);
    lines.push(`| **total** | ${processes.map((p) => `**${ms(processTotal(p))}**`).join(' | ')} | **${ms(all)}** |`);
    if (Object.keys(run.busyOverCpu).length > 0) lines.push(`| samples' busy time ÷ CPU | ${processes.map((p) => run.busyOverCpu[p]?.toFixed(2) ?? '').join(' | ')} | |`);
    lines.push('');
    const stores = Object.entries(run.postgresMs);
    if (stores.length > 0) {
      const postgres = stores.reduce((sum, [, value]) => sum + value, 0);
      lines.push(`PostgreSQL, CPU ms per request: ${stores.map(([store, value]) => `${store} ${ms(value) || '0'}`).join(', ')}; with the processes above, ${ms(all + postgres)} ms of CPU per request in all.`, '');
    }
  }
  return lines.join('\n');
}
