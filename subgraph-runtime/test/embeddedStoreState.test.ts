import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { embeddedStoreState } from '../src/index.ts';

/**
 * How a tool finds an embedded store from its folder alone (`npm run audit:verify` while `npm start`
 * runs): from `pg/postmaster.pid`, which names the postmaster's process, its data folder, its port
 * and its status. A live process that is not confirmed as the folder's ready server makes the store
 * busy (a tool must neither start nor stop it); a file naming a process that is gone, or whose PID
 * now belongs to a process that is no PostgreSQL, is stale.
 */
let root: string;
/** Stands in for a postmaster: a live process whose command line says `postgres`. */
let postmaster: ReturnType<typeof spawn>;
/** A live process that is no PostgreSQL: a PID reused after a crash. */
let other: ReturnType<typeof spawn>;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'linju-store-state-'));
  postmaster = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)', 'postgres']);
  other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
});
afterAll(async () => {
  postmaster.kill();
  other.kill();
  await rm(root, { recursive: true, force: true });
});

async function folder(name: string, pidLines: (folder: string) => string[] | undefined): Promise<string> {
  const dataDir = join(root, name);
  await mkdir(join(dataDir, 'pg'), { recursive: true });
  await writeFile(join(dataDir, 'password'), 'secret/+\n');
  const lines = pidLines(join(dataDir, 'pg'));
  if (lines) await writeFile(join(dataDir, 'pg', 'postmaster.pid'), `${lines.join('\n')}\n`);
  return dataDir;
}

test('no postmaster.pid: stopped', async () => {
  expect(embeddedStoreState(await folder('none', () => undefined))).toEqual({ state: 'stopped' });
});

test('a live PostgreSQL named with this folder, its port and ready: running, at that port, with the folder’s password', async () => {
  const dataDir = await folder('running', (pg) => [String(postmaster.pid), pg, '1700000000', '54321', '', '127.0.0.1', '0', 'ready']);
  expect(embeddedStoreState(dataDir)).toEqual({ state: 'running', url: 'postgresql://linju:secret%2F%2B@127.0.0.1:54321/linju' });
  // The same folder reached through another name is the same folder.
  await symlink(dataDir, join(root, 'alias'));
  expect(embeddedStoreState(join(root, 'alias'))).toMatchObject({ state: 'running' });
});

test('a live PostgreSQL still starting, a half-written file, or one naming another folder: busy, never started or stopped', async () => {
  expect(embeddedStoreState(await folder('starting', (pg) => [String(postmaster.pid), pg, '1', '54321', '', '127.0.0.1', '0', 'starting']))).toEqual({ state: 'busy' });
  expect(embeddedStoreState(await folder('half', (pg) => [String(postmaster.pid), pg]))).toEqual({ state: 'busy' });
  expect(embeddedStoreState(await folder('empty', () => ['']))).toEqual({ state: 'busy' });
  expect(embeddedStoreState(await folder('other', () => [String(postmaster.pid), join(root, 'elsewhere', 'pg'), '1', '54321', '', '', '0', 'ready']))).toEqual({ state: 'busy' });
});

test('a process that is gone, or a PID now another program’s: a stale file, stopped', async () => {
  const gone = spawn(process.execPath, ['-e', '0']);
  await new Promise((exited) => gone.on('exit', exited));
  expect(embeddedStoreState(await folder('stale', (pg) => [String(gone.pid), pg, '1', '54321', '', '', '0', 'ready']))).toEqual({ state: 'stopped' });
  expect(embeddedStoreState(await folder('reused', (pg) => [String(other.pid), pg, '1', '54321', '', '', '0', 'ready']))).toEqual({ state: 'stopped' });
});
