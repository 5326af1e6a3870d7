import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { freePort } from '@linju/testing';
import { haproxyBinary, startCluster, type Cluster } from '@linju/testing/cluster';

/**
 * `npm run cluster`'s stores are supervised as its replicas are: a store's PostgreSQL killed is
 * started again on its port, saying so, and its replicas are ready again. Meanwhile HAProxy's
 * checks keep every gateway's `/ready` asking each subgraph its readiness round trip, whose
 * request lines stay below info (the replicas log at info here).
 */

const haproxy = haproxyBinary();
const skip = !haproxy && !process.env.CI;

let dir: string;
let cluster: Cluster;
const lines: { label: string; line: string }[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'linju-cluster-store-'));
  await chmod(dir, 0o755);
  const ports = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
  cluster = await startCluster({
    replicas: 1,
    gateways: 1,
    dataDir: dir,
    durable: false,
    port: ports[0]!,
    subgraphPorts: { sichuan: ports[1]!, chongqing: ports[2]!, joint: ports[3]! },
    restartDelayMs: 200,
    onLine: (label, line) => lines.push({ label, line }),
  });
}, 180_000);
afterAll(async () => {
  await cluster?.stop();
  await rm(dir, { recursive: true, force: true });
});

async function until(what: string, check: () => boolean | Promise<boolean>, ms = 60_000): Promise<void> {
  for (const deadline = Date.now() + ms; !(await check()); ) {
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe.skipIf(skip)("a store's PostgreSQL under npm run cluster", () => {
  test('killed, it is started again on its port, and its replica is ready again', async () => {
    const pid = cluster.storePid('sichuan')!;
    expect(pid).toBeGreaterThan(0);
    const ready = new URL('/ready', cluster.replica('sichuan-1').url).href;
    process.kill(pid, 'SIGKILL');
    await until('the restart announced', () => lines.some(({ label, line }) => label === 'sichuan-store' && line.includes("the sichuan store's PostgreSQL exited (SIGKILL); starting it again")));
    await until('the store up again', () => lines.some(({ label, line }) => label === 'sichuan-store' && line === 'the sichuan store is up again'));
    expect(cluster.storePid('sichuan')).not.toBe(pid);
    await until('sichuan-1 ready again', () => fetch(ready).then((response) => response.status === 200, () => false));
  }, 120_000);

  test("the gateway's readiness round trips are not logged at info by the subgraphs", async () => {
    const seen = () => lines.filter(({ label, line }) => label === 'sichuan-1' && line.includes('"msg":"request"')).length;
    // The balancer checks the gateway every second; each check asks every subgraph.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(seen()).toBe(0);
    // A real request still is.
    await fetch(cluster.subgraphUrls.sichuan!, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
    await until('a real request logged', () => seen() > 0, 5000);
  });
});
