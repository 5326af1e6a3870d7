import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { confirmedPostmaster, EmbeddedCluster, processAlive } from '@linju/subgraph-runtime';
import { holdStore, STORE_LOCK_FILE } from '@linju/subgraph-runtime/storeLock';
import { freePort, ServiceProcess } from '@linju/testing';
import { runRepoCommand } from '../repoCommand.ts';

/**
 * `npm start` and `npm run cluster` run over the same stores (LINJU_DATA_DIR): while one runs a
 * store's PostgreSQL, the other refuses in one line naming the process that holds it and the
 * command it runs under, and leaves that PostgreSQL running (a postmaster whose process is alive is
 * no orphan to stop). A lock left by a process that is gone is taken over.
 */

const STACK = /^\s+at |node_modules|\.ts:\d+|Prisma/m;
const IN_USE = /^The store in (\S+) is in use by (.+) \(PID (\d+), since \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\): npm start and npm run cluster run over the same stores \(LINJU_DATA_DIR\), one at a time\. Stop that one first, or give this one another LINJU_DATA_DIR$/;

let root: string;
let data: string;
let running: ServiceProcess;
let postmaster: number;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'linju-stores-in-use-'));
  // Embedded PostgreSQL's account (when the tests run as root) must reach the data folders.
  await chmod(root, 0o755);
  data = join(root, 'data');
  running = await ServiceProcess.start('sichuan', 'subgraph-sichuan/src/index.ts', { LINJU_DATA_DIR: data, SICHUAN_PORT: String(await freePort()) });
  postmaster = confirmedPostmaster(join(data, 'sichuan', 'pg'))!;
  expect(postmaster).toBeGreaterThan(0);
}, 120_000);
afterAll(async () => {
  await running?.stop();
  await rm(root, { recursive: true, force: true });
});

describe('a store another live process runs', () => {
  test('is refused to a second start over its folder, naming the holder, and its PostgreSQL keeps running', async () => {
    const second = new EmbeddedCluster({ dataDir: join(data, 'sichuan'), durable: false });
    const refusal = await second.start().then(() => undefined, (error: Error & { variable?: string }) => error);
    expect(refusal?.variable).toBe('LINJU_DATA_DIR');
    const [, folder, , pid] = IN_USE.exec(refusal?.message ?? '') ?? [];
    expect({ folder, pid: Number(pid) }).toEqual({ folder: join(data, 'sichuan'), pid: running.pid });
    expect(confirmedPostmaster(join(data, 'sichuan', 'pg'))).toBe(postmaster);
    expect(processAlive(postmaster)).toBe(true);
    // The refused start gave nothing back that was not its own: the holder's file stays.
    expect(JSON.parse(readFileSync(join(data, 'sichuan', STORE_LOCK_FILE), 'utf8'))).toMatchObject({ pid: running.pid });
  });

  test.each([
    ['npm start', 'scripts/start.ts', []],
    ['npm run cluster', 'scripts/cluster.ts', ['--replicas', '1']],
  ] as const)('%s refuses in one line, before starting anything, and leaves it running', async (_, script, args) => {
    const ports = { SICHUAN_PORT: String(await freePort()), CHONGQING_PORT: String(await freePort()), JOINT_PORT: String(await freePort()), LINJU_IDP_PORT: String(await freePort()), PORT: String(await freePort()) };
    const { code, stdout, stderr } = await runRepoCommand([script, ...args], { LINJU_DATA_DIR: data, ...ports, LINJU_DOCUMENTS_URL: 'http://127.0.0.1:9' }, 120_000);
    const lines = `${stdout}${stderr}`.split('\n').filter((line) => line.trim() !== '');
    expect({ code, lines: lines.length }).toEqual({ code: 1, lines: 1 });
    expect(lines[0]).toMatch(IN_USE);
    expect(Number(IN_USE.exec(lines[0]!)![3])).toBe(running.pid);
    expect(lines[0]).not.toMatch(STACK);
    expect(confirmedPostmaster(join(data, 'sichuan', 'pg'))).toBe(postmaster);
    // Nothing of the others was started: no store of theirs was made.
    expect(existsSync(join(data, 'chongqing'))).toBe(false);
  }, 120_000);
});

test('a lock left by a process that is gone is taken over, and given back', async () => {
  const folder = join(root, 'left');
  await mkdir(folder);
  const gone = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' });
  const deadPid = Number(gone.stdout.trim());
  writeFileSync(join(folder, STORE_LOCK_FILE), `${JSON.stringify({ pid: deadPid, command: 'npm run cluster', since: new Date().toISOString() })}\n`);
  const release = holdStore(folder);
  expect(JSON.parse(readFileSync(join(folder, STORE_LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid });
  release();
  expect(existsSync(join(folder, STORE_LOCK_FILE))).toBe(false);
});
