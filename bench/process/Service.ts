import type { ChildProcess } from 'node:child_process';
import type { WriteStream } from 'node:fs';
import { join } from 'node:path';
import { ServiceProcess } from '@linju/testing/process';
import { confirmedPostmaster } from '@linju/subgraph-runtime';

export const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * One server process the benchmarks run and own (a subgraph, a gateway, a baseline): launched by
 * the one process runner (`ServiceProcess`), as `npm start` launches it, and restarted on the same
 * port; its output goes, line by line and with tokens removed, to a log file.
 */
export class Service {
  child: ChildProcess | undefined;
  readonly exits: { code: number | null; signal: string | null; at: number }[] = [];
  constructor(
    readonly name: string,
    readonly port: number,
    private readonly entry: string,
    private readonly cwd: string,
    private readonly env: NodeJS.ProcessEnv,
    private readonly log: WriteStream,
    /** Answers 200 once the process serves. */
    private readonly healthPath = '/health',
    /** Options for node itself, e.g. `--cpu-prof` (which NODE_OPTIONS may not carry). */
    private readonly nodeArgs: readonly string[] = [],
  ) {}

  get pid(): number | undefined {
    return this.child && this.child.exitCode === null && this.child.signalCode === null ? this.child.pid : undefined;
  }

  /** The postmaster of its embedded cluster (`<dataDir>/<name>/pg`), if it has one running. */
  postmaster(dataDir: string): number | undefined {
    return confirmedPostmaster(join(dataDir, this.name, 'pg'));
  }

  async start(timeoutMs = 180_000): Promise<void> {
    // A gateway prints development tokens at start: they stay out of the file.
    const redact = (line: string) => line.replace(/eyJ[\w-]+\.[\w-]+\.[\w-]+/g, '<token>');
    const onLine = (line: string) => this.log.write(`${this.name.padEnd(9)} | ${redact(line)}\n`);
    const { child } = ServiceProcess.launch(this.name, this.entry, this.env, { onLine, keepOutput: false, exactEnv: true, nodeArgs: this.nodeArgs, cwd: this.cwd });
    this.child = child;
    child.once('exit', (code, signal) => this.exits.push({ code, signal, at: Date.now() }));
    // Ready when its health check answers: no dependence on the wording or level of its log lines.
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${this.name} exited (${child.signalCode ?? child.exitCode}) while starting; see the .log file`);
      if (Date.now() > deadline) throw new Error(`${this.name} did not answer ${this.healthPath} within ${timeoutMs / 1000} s`);
      try {
        const response = await fetch(`http://127.0.0.1:${this.port}${this.healthPath}`, { signal: AbortSignal.timeout(1000) });
        if (response.ok) return;
      } catch {
        // Not listening yet.
      }
      await sleep(100);
    }
  }

  /** Sends a signal and waits (up to `timeoutMs`) for the exit; SIGKILL after that. */
  async stop(signal: NodeJS.Signals, timeoutMs = 30_000): Promise<{ code: number | null; signal: string | null } | undefined> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return undefined;
    const exited = new Promise<{ code: number | null; signal: string | null }>((done) => child.once('exit', (code, sig) => done({ code, signal: sig })));
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    try {
      return await exited;
    } finally {
      clearTimeout(timer);
    }
  }
}
