import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { subgraphs } from '@linju/schema/subgraphs';
import { freePort } from '@linju/testing';
import { haproxyBinary, startBalancer, startCluster } from '@linju/testing/cluster';
import { clusterCommand, throughBalancer } from '../../../scripts/clusterCommand.ts';

/**
 * `npm run cluster`'s ports: HAProxy's frontends where the command line and the members' port
 * variables say (as under `npm start`), and a port another process holds refused at once, named,
 * before any store or replica starts, whether found by the check before the start or by HAProxy
 * exiting on it.
 */

const haproxy = haproxyBinary();
const skip = !haproxy && !process.env.CI;

describe("npm run cluster's ports (scripts/clusterCommand.ts)", () => {
  const members = subgraphs.map(({ name, defaultPort }) => ({ name, defaultPort }));

  test('each member\'s frontend on <KEY>_PORT, the gateways\' on --port, else PORT, else federation.json\'s and 4000', () => {
    expect(clusterCommand(['--replicas', '2', '--port', '4300'], { SICHUAN_PORT: '4301', CHONGQING_PORT: '4302', JOINT_PORT: '4303', PORT: '4999' }, members)).toEqual({
      replicas: 2,
      gateways: 2,
      port: 4300,
      subgraphPorts: { sichuan: 4301, chongqing: 4302, joint: 4303 },
    });
    expect(clusterCommand([], { PORT: '4400' }, members)).toMatchObject({ port: 4400, subgraphPorts: Object.fromEntries(members.map(({ name, defaultPort }) => [name, defaultPort])) });
    expect(clusterCommand(['--help'], {}, members)).toBe('help');
  });

  test("a gateway replica's dashboard link goes through the balancer's port; other lines are left as they are", () => {
    expect(throughBalancer('Joint dashboard (联合看板, as viewer): http://127.0.0.1:41234/dashboard/#token=eyJ.a.b', 4300)).toBe(
      'Joint dashboard (联合看板, as viewer): http://127.0.0.1:4300/dashboard/#token=eyJ.a.b',
    );
    const ready = '{"level":"info","msg":"gateway ready at http://127.0.0.1:41234/graphql"}';
    expect(throughBalancer(ready, 4300)).toBe(ready);
  });

  test('a port that is no port, or two frontends on one port, is refused naming where it came from', () => {
    expect(() => clusterCommand([], { SICHUAN_PORT: 'x' }, members)).toThrow('SICHUAN_PORT must be a whole number from 1 to 65535, not "x"');
    expect(() => clusterCommand(['--port', '4301'], { SICHUAN_PORT: '4301' }, members)).toThrow('--port 4301 and SICHUAN_PORT=4301: two of HAProxy\'s frontends cannot share port 4301');
    expect(() => clusterCommand(['--ports', '1'], {}, members)).toThrow(/--ports/);
  });
});

describe.skipIf(skip)('a port another process holds', () => {
  let dir: string;
  let holder: Server;
  let held: number;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'linju-cluster-ports-'));
    held = await freePort();
    holder = createServer();
    await new Promise<void>((resolve) => holder.listen(held, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await new Promise((resolve) => holder.close(resolve));
    await rm(dir, { recursive: true, force: true });
  });

  test('stops the cluster at once, naming the port and the frontend, before any store starts', async () => {
    const started = Date.now();
    const subgraphPorts = Object.fromEntries(await Promise.all(subgraphs.map(async ({ name }) => [name, name === 'sichuan' ? held : await freePort()] as const)));
    await expect(startCluster({ replicas: 1, dataDir: dir, port: await freePort(), subgraphPorts, durable: false })).rejects.toThrow(
      `HAProxy cannot listen on 127.0.0.1:${held} (sichuan's frontend): the port is in use by another process`,
    );
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(existsSync(join(dir, 'sichuan'))).toBe(false);
  });

  test('HAProxy exiting on it is caught at once, with its reason', async () => {
    const statsPort = await freePort();
    const configFile = join(dir, 'haproxy.cfg');
    await writeFile(configFile, `global\n  maxconn 64\n\ndefaults\n  mode http\n  timeout connect 2s\n  timeout client 5s\n  timeout server 5s\n\nfrontend stats\n  bind 127.0.0.1:${statsPort}\n  stats enable\n  stats uri /stats\n\nfrontend sichuan\n  bind 127.0.0.1:${held}\n  default_backend none\n\nbackend none\n`);
    const started = Date.now();
    const lines: string[] = [];
    await expect(startBalancer(haproxy!, configFile, statsPort, new Map([[held, "sichuan's frontend"]]), (line) => lines.push(line))).rejects.toThrow(
      `HAProxy cannot listen on 127.0.0.1:${held} (sichuan's frontend): the port is in use by another process`,
    );
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(lines.join('\n')).toMatch(/cannot bind socket/);
  });
});
