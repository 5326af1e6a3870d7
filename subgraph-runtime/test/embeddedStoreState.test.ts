import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { embeddedStoreState } from '../src/index.ts';

/**
 * How a tool finds an embedded store from its folder alone (`npm run audit:verify` while `npm start`
 * runs): from `pg/postmaster.pid`, which names the postmaster's process, its data folder, its port
 * and its status, and from that process (a postmaster works in its data folder). A live process not
 * confirmed as the folder's ready server makes the store busy (a tool must neither start nor stop
 * it); a file naming a process that is gone, or whose PID now belongs to a process that is no
 * PostgreSQL or to another cluster's, is stale.
 */
let root: string;
const processes: ChildProcess[] = [];
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'linju-store-state-'));
});
afterAll(async () => {
  for (const child of processes) child.kill();
  await rm(root, { recursive: true, force: true });
});

/** A live process standing in for a postmaster (its command line's first word is `…/postgres`) working in `cwd`, or for another program. */
function live(cwd: string, postgres = true): number {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { cwd, ...(postgres && { argv0: '/usr/lib/postgresql/18/bin/postgres' }) });
  processes.push(child);
  return child.pid!;
}

async function folder(name: string): Promise<{ dataDir: string; pg: string; write(lines: string[]): Promise<void> }> {
  const dataDir = join(root, name);
  const pg = join(dataDir, 'pg');
  await mkdir(pg, { recursive: true });
  await writeFile(join(dataDir, 'password'), 'secret/+\n');
  return { dataDir, pg, write: (lines) => writeFile(join(pg, 'postmaster.pid'), `${lines.join('\n')}\n`) };
}

const pidFile = (pid: number | string, pg: string, status = 'ready') => [String(pid), pg, '1700000000', '54321', '', '127.0.0.1', '0', status];

test('no postmaster.pid: stopped', async () => {
  expect(embeddedStoreState((await folder('none')).dataDir)).toEqual({ state: 'stopped' });
});

test('a live PostgreSQL working in this folder, ready: running, at its port, with the folder’s password', async () => {
  const { dataDir, pg, write } = await folder('running');
  await write(pidFile(live(pg), pg));
  expect(embeddedStoreState(dataDir)).toEqual({ state: 'running', url: 'postgresql://linju:secret%2F%2B@127.0.0.1:54321/linju' });
  // The same folder reached through another name is the same folder.
  await symlink(dataDir, join(root, 'alias'));
  expect(embeddedStoreState(join(root, 'alias'))).toMatchObject({ state: 'running' });
});

test('this folder’s PostgreSQL still starting, a half-written file, or a file being created: busy, never started or stopped', async () => {
  const starting = await folder('starting');
  await starting.write(pidFile(live(starting.pg), starting.pg, 'starting'));
  expect(embeddedStoreState(starting.dataDir)).toEqual({ state: 'busy' });
  const half = await folder('half');
  await half.write([String(live(half.pg)), half.pg]);
  expect(embeddedStoreState(half.dataDir)).toEqual({ state: 'busy' });
  const creating = await folder('creating');
  await creating.write(['']);
  expect(embeddedStoreState(creating.dataDir)).toEqual({ state: 'busy' });
});

test('left by a crash: a process gone, a PID now another program’s or another cluster’s, a file never written: stopped', async () => {
  const gone = spawn(process.execPath, ['-e', '0']);
  await new Promise((exited) => gone.on('exit', exited));
  const stale = await folder('stale');
  await stale.write(pidFile(gone.pid!, stale.pg));
  expect(embeddedStoreState(stale.dataDir)).toEqual({ state: 'stopped' });
  const reused = await folder('reused');
  await reused.write(pidFile(live(reused.pg, false), reused.pg));
  expect(embeddedStoreState(reused.dataDir)).toEqual({ state: 'stopped' });
  const sibling = await folder('sibling');
  const elsewhere = await folder('elsewhere');
  await sibling.write(pidFile(live(elsewhere.pg), sibling.pg));
  expect(embeddedStoreState(sibling.dataDir)).toEqual({ state: 'stopped' });
  const unwritten = await folder('unwritten');
  await unwritten.write(['']);
  const minuteAgo = new Date(Date.now() - 60_000);
  await utimes(join(unwritten.pg, 'postmaster.pid'), minuteAgo, minuteAgo);
  expect(embeddedStoreState(unwritten.dataDir)).toEqual({ state: 'stopped' });
});
