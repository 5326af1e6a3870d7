import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

/**
 * `npm run import -- …` run as a clerk runs it from a terminal, in its own process group, behind a proxy in front of the
 * gateway that presses Ctrl-C (a SIGINT to the whole group, as the terminal's is) as the `at`-th write the command sends
 * (a mutation `writes` names, no dry run) arrives, and passes that write on once the command has said `notice` on stderr
 * (or has died without a word): so the write is in flight when the signal comes. Each write's variables are kept.
 */
export interface CtrlC {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** The variables of every write the command sent (the ones after the signal among them, if any). */
  writes: Record<string, unknown>[];
}

const ROOT = join(import.meta.dirname, '../..');

const bodyOf = async (request: IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};

/**
 * `signal`: SIGINT (Ctrl-C) unless said; SIGHUP is the terminal going away (its window closed, an SSH connection dropped),
 * so the command's stdout is closed as it is sent: every later write to it fails (EPIPE), as one to a vanished terminal does.
 * The command's end is awaited until its output is closed: the command itself may outlive npm and tsx, which a hangup ends.
 */
export async function pressCtrlC(gatewayUrl: string, args: readonly string[], { writes, at, notice, signal = 'SIGINT' }: { writes: RegExp; at: number; notice: string; signal?: NodeJS.Signals }): Promise<CtrlC> {
  let stderr = '';
  let stdout = '';
  let noticed: () => void = () => undefined;
  const stopping = new Promise<void>((resolve) => (noticed = resolve));
  const sent: Record<string, unknown>[] = [];
  let command: ReturnType<typeof spawn> | undefined;
  const proxy = createServer((request, response) => {
    void (async () => {
      const body = await bodyOf(request);
      const { query, variables } = JSON.parse(body.toString('utf8')) as { query: string; variables: Record<string, unknown> };
      if (writes.test(query) && !variables.dryRun) {
        sent.push(variables);
        if (sent.length === at) {
          if (signal === 'SIGHUP') command!.stdout!.destroy();
          process.kill(-command!.pid!, signal);
          await Promise.race([stopping, once(command!, 'exit')]);
        }
      }
      const answer = await fetch(gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization: request.headers.authorization ?? '' }, body });
      response.writeHead(answer.status, { 'content-type': 'application/json' }).end(Buffer.from(await answer.arrayBuffer()));
    })();
  });
  proxy.listen(0, '127.0.0.1');
  await once(proxy, 'listening');
  try {
    const gateway = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/graphql`;
    command = spawn('npm', ['run', '--silent', 'import', '--', ...args, '--gateway', gateway], { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    command.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    command.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      if (stderr.includes(notice)) noticed();
    });
    const [code] = (await once(command, 'close')) as [number | null];
    return { code, signal: command.signalCode, stdout, stderr, writes: sent };
  } finally {
    if (command && command.exitCode === null && command.signalCode === null) process.kill(-command.pid!, 'SIGKILL');
    proxy.close();
  }
}
