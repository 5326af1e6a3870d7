import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/** Why HAProxy cannot take a port: another process holds it. One wording for the check before the start and for HAProxy's own refusal. */
export function portInUse(port: number, what: string): string {
  return `HAProxy cannot listen on 127.0.0.1:${port} (${what}): the port is in use by another process; stop that process or choose another port`;
}

/** The ports of `frontends` (what each is for, by port) that another process already listens on, 127.0.0.1. */
export async function busyPorts(frontends: ReadonlyMap<number, string>): Promise<string[]> {
  const busy: string[] = [];
  for (const [port, what] of frontends) {
    const free = await new Promise<boolean>((resolve) => {
      const probe = createServer();
      probe.once('error', () => resolve(false));
      probe.listen({ port, host: '127.0.0.1', exclusive: true }, () => probe.close(() => resolve(true)));
    });
    if (!free) busy.push(portInUse(port, what));
  }
  return busy;
}

/**
 * Why HAProxy stopped, from its output: a port it could not bind (`cannot bind socket (Address
 * already in use) for [127.0.0.1:4001]`) named as such, with what that frontend is for; else its
 * alert lines.
 */
export function balancerFailure(lines: readonly string[], exit: string, frontends: ReadonlyMap<number, string>): string {
  const bound = lines.map((line) => /cannot bind socket[^[]*\[([\d.]+):(\d+)\]/.exec(line)).find((match) => match);
  if (bound && /in use/i.test(bound.input)) return portInUse(Number(bound[2]), frontends.get(Number(bound[2])) ?? 'a frontend');
  const alerts = lines.filter((line) => /\[(ALERT|EMERG)\]/.test(line));
  return `HAProxy exited (${exit}) as it started:\n${(alerts.length ? alerts : lines).join('\n')}`;
}

/**
 * Starts HAProxy on `configFile` (in its own process group: a terminal's Ctrl-C reaches the
 * caller, which stops it first) and waits until its statistics page answers, so that every
 * frontend is bound; rejects at once, with `balancerFailure`, if it exits first. `failure` settles,
 * with the same, whenever it exits later. `onSpawn` is given its PID as soon as it is started (the
 * cluster's reaper).
 */
export async function startBalancer(
  haproxy: string,
  configFile: string,
  statsPort: number,
  frontends: ReadonlyMap<number, string>,
  say: (line: string) => void,
  onSpawn?: (pid: number) => void,
): Promise<{ child: ChildProcess; failure: Promise<string> }> {
  const balancer = spawn(haproxy, ['-db', '-f', configFile], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  if (balancer.pid) onSpawn?.(balancer.pid);
  const lines: string[] = [];
  for (const stream of [balancer.stdout!, balancer.stderr!]) {
    stream.setEncoding('utf8').on('data', (chunk: string) =>
      chunk.trimEnd().split('\n').forEach((line) => {
        lines.push(line);
        say(line);
      }),
    );
  }
  // 'close': exited, and its output read to the end.
  const failure = new Promise<string>((resolve) => balancer.once('close', (code, signal) => resolve(balancerFailure(lines, String(signal ?? code), frontends))));
  for (const deadline = Date.now() + 10_000; ; ) {
    const listening = await fetch(`http://127.0.0.1:${statsPort}/stats;csv`).then((response) => response.ok, () => false);
    if (listening) return { child: balancer, failure };
    const failed = await Promise.race([failure, new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 100))]);
    if (failed) throw new Error(failed);
    if (Date.now() > deadline) {
      balancer.kill('SIGTERM');
      throw new Error(`HAProxy did not answer on its statistics port ${statsPort} within 10 s:\n${lines.join('\n')}`);
    }
  }
}
