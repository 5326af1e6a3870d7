import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { EmbeddedCluster } from '../src/database/EmbeddedCluster.ts';
import { processAlive, startTicks } from '../src/database/processes.ts';
import { holdStore, POSTMASTER_OWNER_FILE, recordPostmasterOwner, STORE_LOCK_FILE, type StoreHolder } from '../src/database/storeLock.ts';

/**
 * Two starts taking over one stale `store.lock` at the same moment: exactly one holds the store,
 * and the other refuses naming it, never removing the file the first wrote (it would then stop the
 * first one's live PostgreSQL as an orphan). And a postmaster whose starter is alive is never
 * stopped as an orphan, whatever `store.lock` says.
 */
let root: string;
const processes: ChildProcess[] = [];
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'linju-store-lock-'));
  // As root, PostgreSQL's account must reach the folders (EmbeddedCluster checks it).
  await chmod(root, 0o755);
});
afterAll(async () => {
  for (const child of processes) child.kill('SIGKILL');
  await rm(root, { recursive: true, force: true });
});

/** A live process other than this one, as a lock names it. */
function liveHolder(command: string, cwd?: string, argv0?: string): StoreHolder {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 120000)'], { cwd, argv0, stdio: 'ignore' });
  processes.push(child);
  return { pid: child.pid!, startTicks: startTicks(child.pid!), command, since: new Date().toISOString() };
}

function deadPid(): number {
  return Number(spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' }).stdout.trim());
}

const lockOf = (folder: string) => JSON.parse(readFileSync(join(folder, STORE_LOCK_FILE), 'utf8')) as StoreHolder;
const IN_USE = /^The store in (\S+) is in use by (.+) \(PID (\d+), since /;

test.each([
  ['a process that is gone', () => ({ pid: deadPid(), command: 'npm run cluster', since: new Date().toISOString() })],
  // A reused PID: alive, but started after the lock was written (its start time differs).
  ['a PID now another process’s', () => ({ ...liveHolder('npm start'), startTicks: '1' })],
])('a stale lock left by %s, taken over by two starts at once: one holds it, the other refuses naming it', async (_, left) => {
  const folder = join(root, `race-${processes.length}-${Date.now()}`);
  await mkdir(folder);
  writeFileSync(join(folder, STORE_LOCK_FILE), `${JSON.stringify(left())}\n`);
  const first = liveHolder('npm run cluster');
  let firstRelease: (() => void) | undefined;
  // The second judges the file stale; before it takes it over, the first takes it over whole.
  const refusal = (() => {
    try {
      holdStore(folder, { beforeTakeover: () => void (firstRelease ??= holdStore(folder, { holder: first })) });
      return undefined;
    } catch (error) {
      return error as Error & { variable?: string };
    }
  })();
  expect(firstRelease).toBeDefined();
  expect(refusal?.variable).toBe('LINJU_DATA_DIR');
  expect(Number(IN_USE.exec(refusal?.message ?? '')?.[3])).toBe(first.pid);
  // The first's file stands, and nothing moved aside is left behind.
  expect(lockOf(folder)).toEqual(first);
  expect(readdirSync(folder)).toEqual([STORE_LOCK_FILE]);
  firstRelease!();
  expect(existsSync(join(folder, STORE_LOCK_FILE))).toBe(false);
});

test('a lock naming a PID now another process’s (its start time differs) is taken over, and given back', async () => {
  const folder = join(root, 'reused');
  await mkdir(folder);
  writeFileSync(join(folder, STORE_LOCK_FILE), `${JSON.stringify({ ...liveHolder('npm start'), startTicks: '1' })}\n`);
  const release = holdStore(folder);
  expect(lockOf(folder)).toMatchObject({ pid: process.pid, startTicks: startTicks(process.pid) });
  release();
  expect(existsSync(join(folder, STORE_LOCK_FILE))).toBe(false);
});

/** A store folder whose `pg/postmaster.pid` names a live stand-in for its postmaster (a process whose first word is `…/postgres`, working in `pg/`). */
async function runningStore(name: string): Promise<{ dataDir: string; postmaster: number }> {
  const dataDir = join(root, name);
  const pg = join(dataDir, 'pg');
  await mkdir(pg, { recursive: true });
  await chmod(dataDir, 0o755);
  writeFileSync(join(pg, 'PG_VERSION'), '18\n');
  const postmaster = liveHolder('postgres', pg, '/usr/lib/postgresql/18/bin/postgres').pid;
  writeFileSync(join(pg, 'postmaster.pid'), `${[postmaster, pg, '1700000000', '54321', '', '127.0.0.1', '0', 'ready'].join('\n')}\n`);
  return { dataDir, postmaster };
}

test('a postmaster whose starter is alive is not stopped as an orphan, though store.lock did not name its starter: the start is refused naming it', async () => {
  const { dataDir, postmaster } = await runningStore('owned');
  const starter = liveHolder('npm start');
  recordPostmasterOwner(dataDir, postmaster, starter);
  const refusal = await new EmbeddedCluster({ dataDir, durable: false }).start().then(
    () => undefined,
    (error: Error & { variable?: string }) => error,
  );
  expect(refusal?.variable).toBe('LINJU_DATA_DIR');
  expect(Number(IN_USE.exec(refusal?.message ?? '')?.[3])).toBe(starter.pid);
  expect(processAlive(postmaster)).toBe(true);
  // The refused start gave its lock back.
  expect(existsSync(join(dataDir, STORE_LOCK_FILE))).toBe(false);
});

test('a postmaster whose starter is gone (its PID now another process’s) is an orphan, stopped', async () => {
  const { dataDir, postmaster } = await runningStore('orphan');
  recordPostmasterOwner(dataDir, postmaster, { ...liveHolder('npm start'), startTicks: '1' });
  // The stand-in is no PostgreSQL: once it is stopped, the real start over its folder fails.
  await new EmbeddedCluster({ dataDir, durable: false }).start().catch(() => undefined);
  expect(processAlive(postmaster)).toBe(false);
}, 120_000);

test('a clean stop removes postmaster.owner with store.lock; a record another start wrote in its place is left', async () => {
  const dataDir = join(root, 'clean-stop');
  const cluster = new EmbeddedCluster({ dataDir, durable: false });
  await cluster.start();
  const ownerFile = join(dataDir, POSTMASTER_OWNER_FILE);
  expect(JSON.parse(readFileSync(ownerFile, 'utf8'))).toMatchObject({ pid: process.pid, postmaster: cluster.pid });
  await cluster.stop();
  expect(readdirSync(dataDir).filter((entry) => entry !== 'pg' && entry !== 'password')).toEqual([]);

  // A start holding the folder beside this one (see holdStore) recorded its postmaster meanwhile: removed, that postmaster would be stopped as an orphan.
  await cluster.start();
  const other = { ...liveHolder('npm run cluster'), postmaster: cluster.pid! };
  recordPostmasterOwner(dataDir, other.postmaster, other);
  await cluster.stop();
  expect(JSON.parse(readFileSync(ownerFile, 'utf8'))).toEqual(other);
  expect(readdirSync(dataDir).filter((entry) => entry !== 'pg' && entry !== 'password')).toEqual([POSTMASTER_OWNER_FILE]);
}, 120_000);
