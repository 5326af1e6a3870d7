import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { ConfigError } from '@linju/observability';
import { ageMs, processAlive } from './postmasterPidFile.ts';

/**
 * Who holds an embedded store's folder (`<LINJU_DATA_DIR>/<name>`, beside its `pg/`): the process
 * that runs its PostgreSQL. `npm start` (each subgraph over its own store) and `npm run cluster`
 * (every store started once by the command) run over the same folders: a second one must refuse,
 * not take the running one's stores away (a postmaster whose process is alive is no orphan to
 * stop). A file, `store.lock`, written by the holder when it starts the store and removed when it
 * stops it; one left by a process that is gone (killed with SIGKILL, its PID now another program's)
 * is taken over.
 */
export const STORE_LOCK_FILE = 'store.lock';

/** What the lock file says. */
export interface StoreHolder {
  pid: number;
  /** When the process started, in clock ticks since boot (`/proc/<pid>/stat`): tells a reused PID from the holder. */
  startTicks?: string;
  /** The command it runs under: `npm start`, `npm run cluster`, or its own command line. */
  command: string;
  /** When it took the store, ISO 8601. */
  since: string;
}

/** A file that names no holder yet is taken for one being written for this long. */
const UNWRITTEN_MS = 5_000;

/** A process's start time in clock ticks since boot; undefined where /proc does not say. */
function startTicks(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

/** The command this process runs under, as the person who typed it would know it. */
export function thisCommand(env: NodeJS.ProcessEnv = process.env, argv: readonly string[] = process.argv): string {
  const event = env.npm_lifecycle_event;
  if (event) return event === 'start' || event === 'test' ? `npm ${event}` : `npm run ${event}`;
  const script = argv[1];
  return [script ? relative(process.cwd(), script) || basename(script) : argv[0] ?? 'node', ...argv.slice(2)].join(' ');
}

/**
 * The live process other than this one that holds `folder`, or undefined when none does (no file,
 * or a file its process left behind: gone, or its PID now another process's). A file just being
 * written, naming no one yet, is held by someone unknown (`pid` 0).
 */
export function storeHolder(folder: string): StoreHolder | undefined {
  const file = join(folder, STORE_LOCK_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  let holder: StoreHolder | undefined;
  try {
    const parsed = JSON.parse(text) as Partial<StoreHolder>;
    if (typeof parsed.pid === 'number' && parsed.pid > 0) holder = { pid: parsed.pid, startTicks: parsed.startTicks, command: String(parsed.command ?? 'another process'), since: String(parsed.since ?? '') };
  } catch {
    // Being written, or damaged.
  }
  if (!holder) return ageMs(file) < UNWRITTEN_MS ? { pid: 0, command: 'another process, starting', since: '' } : undefined;
  if (holder.pid === process.pid) return undefined;
  if (!processAlive(holder.pid)) return undefined;
  if (holder.startTicks !== undefined && startTicks(holder.pid) !== undefined && startTicks(holder.pid) !== holder.startTicks) return undefined;
  return holder;
}

/** The one line a start refuses with while another process holds the store in `folder`. */
export function storeInUse(folder: string, holder: StoreHolder): ConfigError {
  const who = holder.pid > 0 ? `${holder.command} (PID ${holder.pid}${holder.since ? `, since ${holder.since.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')}` : ''})` : holder.command;
  return new ConfigError(
    'LINJU_DATA_DIR',
    `The store in ${folder} is in use by ${who}: npm start and npm run cluster run over the same stores (LINJU_DATA_DIR), one at a time. Stop that one first, or give this one another LINJU_DATA_DIR`,
  );
}

/**
 * Takes `folder` for this process: writes the lock file, or takes over one left by a process that
 * is gone; this process holding it already is no conflict (a store started again after its
 * PostgreSQL died). Returns what gives it back (removes the file if it still names this process).
 * @throws {ConfigError} naming LINJU_DATA_DIR and the holder, while another live process holds it
 */
export function holdStore(folder: string): () => void {
  const file = join(folder, STORE_LOCK_FILE);
  const me: StoreHolder = { pid: process.pid, startTicks: startTicks(process.pid), command: thisCommand(), since: new Date().toISOString() };
  // Only while the file still names this process: gone already, or another's now, it is left.
  const release = () => void (ownFile(file) && rmSync(file, { force: true }));
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      writeFileSync(file, `${JSON.stringify(me)}\n`, { flag: 'wx', mode: 0o644 });
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = storeHolder(folder);
    if (holder) throw storeInUse(folder, holder);
    if (ownFile(file)) return release;
    // Left by a process that is gone: taken over.
    rmSync(file, { force: true });
  }
  throw storeInUse(folder, { pid: 0, command: 'another process starting at the same time', since: '' });
}

function ownFile(file: string): boolean {
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as StoreHolder).pid === process.pid;
  } catch {
    return false;
  }
}

/**
 * Before a command starts anything over `dataDir` (`npm start`, `npm run cluster`): the refusal for
 * the first of the members' stores (`<dataDir>/<name>`) another live process holds, else undefined.
 */
export function storesInUse(dataDir: string, names: readonly string[]): ConfigError | undefined {
  for (const name of names) {
    const folder = join(dataDir, name);
    const holder = storeHolder(folder);
    if (holder) return storeInUse(folder, holder);
  }
  return undefined;
}
