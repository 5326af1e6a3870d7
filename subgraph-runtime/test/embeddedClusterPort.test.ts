import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { EmbeddedCluster } from '../src/database/EmbeddedCluster.ts';
import { freePort } from '../src/freePort.ts';

/**
 * The port an embedded cluster chooses is free when chosen, not reserved: another process may take
 * it before PostgreSQL binds it. The cluster then chooses another; a port its caller gave is kept,
 * and its being taken is said.
 */
let dataDir: string;
let taken: Server;
let takenPort: number;
const clusters: EmbeddedCluster[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'linju-cluster-port-'));
  // As root, PostgreSQL runs as another account, which must enter this folder.
  await chmod(dataDir, 0o755);
  taken = createServer();
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  takenPort = (taken.address() as { port: number }).port;
});
afterAll(async () => {
  await Promise.all(clusters.map((cluster) => cluster.stop()));
  await new Promise<void>((resolve) => taken.close(() => resolve()));
  await rm(dataDir, { recursive: true, force: true });
});

test('a port it chose, taken before PostgreSQL listens: another is chosen, and the cluster answers there', async () => {
  const offered = [takenPort];
  const logged: string[] = [];
  const cluster = new EmbeddedCluster({ dataDir: join(dataDir, 'chosen'), durable: false, onLog: (line) => logged.push(line), choosePort: async () => offered.shift() ?? freePort() });
  clusters.push(cluster);
  await cluster.start();
  expect(cluster.port).not.toBe(takenPort);
  expect(logged).toContain(`port ${takenPort} was taken before PostgreSQL could listen on it; choosing another`);
  const client = new pg.Client({ connectionString: cluster.url('postgres') });
  await client.connect();
  expect((await client.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  await client.end();
});

test('a port given to it, taken: the start fails, saying so, on that port', async () => {
  const cluster = new EmbeddedCluster({ dataDir: join(dataDir, 'given'), durable: false });
  clusters.push(cluster);
  cluster.port = takenPort;
  await expect(cluster.start()).rejects.toThrow(/Address already in use/);
  expect(cluster.port).toBe(takenPort);
});
