import { spawn, type ChildProcess } from 'node:child_process';
import { SUPERVISOR_PID_VARIABLE } from '@linju/observability/supervisor';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** How a child process ended. */
export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** How to launch a process, beyond its entry and environment. */
export interface LaunchOptions {
  /** Receives each line it prints (stdout and stderr), as it prints it. */
  onLine?: (line: string) => void;
  /** Keep every line in `output` (a test reads them); off for a long-running process. @default true */
  keepOutput?: boolean;
  /** `env` is the whole environment, not added to this process's (with telemetry off and LOG_LEVEL info), but for `LINJU_SUPERVISOR_PID`, always this process's. @default false */
  exactEnv?: boolean;
  /** Options for node itself, e.g. `--cpu-prof`. */
  nodeArgs?: readonly string[];
  /** @default the repository's root */
  cwd?: string;
  /**
   * A command that runs node in turn, exec'ing it (so signals reach node itself): `['ip', 'netns',
   * 'exec', 'linju-sichuan']` runs the process in that network namespace. @default none
   */
  within?: readonly string[];
}

/**
 * One of the federation's entry points (`subgraph-sichuan/src/index.ts`, `gateway/src/index.ts` …)
 * run as its own process. The one process runner: `npm start`, the benchmarks and the tests all
 * launch their processes through it, so a test runs an entry exactly as `npm start` does and can
 * signal or `kill -9` it.
 */
export class ServiceProcess {
  /** Everything it printed, stdout and stderr, line by line. */
  readonly output: string[] = [];
  /** Resolves when the process has exited. */
  readonly exited: Promise<Exit>;
  /** Resolves when the process has exited and all it printed is in `output` (its streams closed). */
  readonly finished: Promise<Exit>;
  /** The GraphQL URL it printed when ready. */
  url = '';
  #exit: Exit | undefined;

  private constructor(
    readonly label: string,
    readonly child: ChildProcess,
    options: LaunchOptions,
  ) {
    // Should the test process end first, the child still stops (and stops its PostgreSQL) on its own.
    const orphaned = () => child.kill('SIGTERM');
    process.once('exit', orphaned);
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        process.off('exit', orphaned);
        this.#exit = { code, signal };
        resolve(this.#exit);
      }),
    );
    this.finished = new Promise((resolve) => child.once('close', (code, signal) => resolve({ code, signal })));
    const keep = options.keepOutput ?? true;
    for (const stream of [child.stdout!, child.stderr!]) {
      createInterface({ input: stream }).on('line', (line) => {
        if (keep) this.output.push(line);
        options.onLine?.(line);
      });
    }
  }

  /**
   * Starts `entry` (a path from the repository root) with `env` added to this process's, without
   * waiting: for a process expected to refuse to start (await `finished`, then read `output`). A
   * TypeScript entry runs through tsx, as `npm start` runs it; a built one (`dist/<name>/index.mjs`)
   * with plain Node, as production runs it.
   */
  static launch(label: string, entry: string, env: NodeJS.ProcessEnv, options: LaunchOptions = {}): ServiceProcess {
    const args = [...(options.nodeArgs ?? []), ...(entry.endsWith('.ts') ? ['--import', 'tsx', entry] : [entry])];
    const [command, ...prefix] = [...(options.within ?? []), process.execPath];
    const child = spawn(command!, [...prefix, ...args], {
      cwd: options.cwd ?? root,
      // `info` whatever the test run's LOG_LEVEL: the `ready at` line is how it says where it listens.
      // This process's PID, whatever its own environment says (a starter started by another starter
      // inherits that one's): the server stops by itself once its starter is gone (watchSupervisor).
      env: { ...(options.exactEnv ? env : { ...process.env, APOLLO_TELEMETRY_DISABLED: 'true', TURBO_TELEMETRY_DISABLED: '1', CHECKPOINT_DISABLE: '1', LOG_LEVEL: 'info', ...env }), [SUPERVISOR_PID_VARIABLE]: String(process.pid) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new ServiceProcess(label, child, options);
  }

  /** Starts `entry` (a path from the repository root) with `env` added to this process's, and waits until it says `ready at <url>`. */
  static async start(label: string, entry: string, env: Record<string, string>, timeoutMs = 60_000, options: LaunchOptions = {}): Promise<ServiceProcess> {
    let ready: string | undefined;
    const onLine = (line: string) => {
      ready ??= /ready at (https?:\/\/[^\s"]+)/.exec(line)?.[1];
      options.onLine?.(line);
    };
    const service = ServiceProcess.launch(label, entry, env, { ...options, onLine });
    const child = service.child;
    const deadline = Date.now() + timeoutMs;
    while (!service.url) {
      if (ready) service.url = ready;
      else if (service.#exit) throw new Error(`${label} exited (${service.#exit.signal ?? service.#exit.code}) before it was ready:\n${service.output.join('\n')}`);
      else if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`${label} was not ready within ${timeoutMs} ms:\n${service.output.join('\n')}`);
      } else await new Promise((resolve) => setTimeout(resolve, 25));
    }
    return service;
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** Whether the process is still running. */
  get running(): boolean {
    return this.#exit === undefined;
  }

  signal(signal: NodeJS.Signals): void {
    if (this.running) this.child.kill(signal);
  }

  /** SIGTERM, then SIGKILL if it has not exited within `graceMs`: for cleanup after a failed test. */
  async stop(graceMs = 15_000): Promise<Exit> {
    if (!this.running) return this.exited;
    this.signal('SIGTERM');
    const timer = setTimeout(() => this.signal('SIGKILL'), graceMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }
}
