import { fileURLToPath } from 'node:url';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { subgraphs } from '@linju/schema/subgraphs';
import { startTicks } from '@linju/subgraph-runtime/processes';
import { alive, cmdline, descendantsOf, freePort, postmasterOf, survivors } from '@linju/testing';
import { haproxyBinary } from '@linju/testing/cluster';

/**
 * QA: `kill -9` of `npm run cluster` left HAProxy and each store's PostgreSQL running (the Node
 * replicas stop by themselves, watching its PID; those two cannot). Its reaper (testing/src/cluster/
 * reaper.ts) stops them once the command is gone: every process the command started, at any depth,
 * is gone, each store's PostgreSQL stopped cleanly (its postmaster.pid removed), not left to the next
 * start to stop.
 */

const haproxy = haproxyBinary();
const skip = !haproxy && !process.env.CI;
const root = fileURLToPath(new URL('../../../', import.meta.url));

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'linju-cluster-killed-'));
  await chmod(dir, 0o755);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Still the process it was when listed (not another under its PID since). */
const running = ({ pid, ticks }: { pid: number; ticks: string | undefined }) => alive(pid) && startTicks(pid) === ticks;

describe.skipIf(skip)('npm run cluster killed with SIGKILL', () => {
  test('leaves nothing running: HAProxy, the replicas and each store’s PostgreSQL stop', async () => {
    const ports = await Promise.all(Array.from({ length: subgraphs.length + 1 }, () => freePort()));
    const starter = spawn(process.execPath, ['--import', 'tsx', 'e2e/test/cluster/fixtures/clusterStarter.ts'], {
      cwd: root,
      env: { ...process.env, CLUSTER_DIR: dir, CLUSTER_PORTS: ports.join(',') },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let listed: { pid: number; ticks: string | undefined; command: string }[] = [];
    try {
      const said: string[] = [];
      for await (const line of createInterface({ input: starter.stdout! })) {
        said.push(line);
        if (line === 'cluster ready') break;
      }
      expect(said.at(-1), 'the cluster did not start').toBe('cluster ready');
      listed = descendantsOf(starter.pid!).map((pid) => ({ pid, ticks: startTicks(pid), command: cmdline(pid) }));
      const postmasters = subgraphs.map(({ name }) => postmasterOf(join(dir, name)));
      // What is to be stopped is among them: HAProxy, each store's postmaster, the reaper.
      expect(listed.filter(({ command }) => command.includes(join(dir, 'cluster', 'haproxy.cfg')))).toHaveLength(1);
      expect(postmasters.every((pid) => listed.some((entry) => entry.pid === pid))).toBe(true);
      expect(listed.filter(({ command }) => command.includes('reaperProcess.ts'))).toHaveLength(1);

      starter.kill('SIGKILL');
      // Until every one is gone, with a generous limit (not a time bound on the stop: a loaded machine is slow).
      for (let tries = 0; tries < 600 && listed.some(running); tries++) await new Promise((resolve) => setTimeout(resolve, 200));
      expect(listed.filter(running).map(({ pid, command }) => `${pid} ${command}`)).toEqual([]);
      for (const { name } of subgraphs) {
        expect(survivors(join(dir, name), []), name).toEqual([]);
        // Stopped (a fast shutdown), not killed: PostgreSQL removed its own lock file.
        expect(existsSync(join(dir, name, 'pg', 'postmaster.pid')), name).toBe(false);
      }
    } finally {
      starter.kill('SIGKILL');
      for (const entry of listed.filter(running)) process.kill(entry.pid, 'SIGKILL');
    }
  }, 400_000);
});
