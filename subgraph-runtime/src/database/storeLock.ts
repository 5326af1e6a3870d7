import { randomBytes } from 'node:crypto';
import { closeSync, fstatSync, linkSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { ConfigError } from '@linju/observability';
import { processAlive, startTicks, UNWRITTEN_MS } from './processes.ts';

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

/**
 * Beside `store.lock`: the process that started the folder's running postmaster, and that
 * postmaster's PID. A postmaster whose starter is alive is no orphan, whatever `store.lock` says.
 * Removed when its starter stops that postmaster (`forgetPostmasterOwner`); one left by a starter
 * killed with SIGKILL names a postmaster that is gone or an orphan, and is written over at the next start.
 */
export const POSTMASTER_OWNER_FILE = 'postmaster.owner';

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

/** This process, as a lock file names it. */
export function thisHolder(): StoreHolder {
  return { pid: process.pid, startTicks: startTicks(process.pid), command: thisCommand(), since: new Date().toISOString() };
}

/** The command this process runs under, as the person who typed it would know it. */
export function thisCommand(env: NodeJS.ProcessEnv = process.env, argv: readonly string[] = process.argv): string {
  const event = env.npm_lifecycle_event;
  if (event) return event === 'start' || event === 'test' ? `npm ${event}` : `npm run ${event}`;
  const script = argv[1];
  return [script ? relative(process.cwd(), script) || basename(script) : argv[0] ?? 'node', ...argv.slice(2)].join(' ');
}

/** A holder the text names, or undefined when it names none (being written, or damaged). */
function parseHolder(text: string): StoreHolder | undefined {
  try {
    const parsed = JSON.parse(text) as Partial<StoreHolder>;
    if (typeof parsed.pid === 'number' && parsed.pid > 0) return { pid: parsed.pid, startTicks: parsed.startTicks, command: String(parsed.command ?? 'another process'), since: String(parsed.since ?? '') };
  } catch {
    // Being written, or damaged.
  }
  return undefined;
}

/** Whether `holder` is `me`: the same PID and, where both say, the same start. */
function isMe(holder: StoreHolder | undefined, me: StoreHolder): boolean {
  return holder?.pid === me.pid && (holder.startTicks === undefined || me.startTicks === undefined || holder.startTicks === me.startTicks);
}

/** Whether the process `holder` names is alive and still the one that wrote it (not a reused PID). */
function holderAlive(holder: StoreHolder): boolean {
  if (!processAlive(holder.pid)) return false;
  const now = holder.startTicks === undefined ? undefined : startTicks(holder.pid);
  return now === undefined || now === holder.startTicks;
}

/** What a lock file's text, `age` ms old, says to `me`: `'mine'`, the live holder other than me, or undefined (stale: its process gone). */
function judge(text: string, age: number, me: StoreHolder): StoreHolder | 'mine' | undefined {
  const holder = parseHolder(text);
  if (!holder) return age < UNWRITTEN_MS ? { pid: 0, command: 'another process, starting', since: '' } : undefined;
  if (isMe(holder, me)) return 'mine';
  return holderAlive(holder) ? holder : undefined;
}

/**
 * The live process other than this one that holds `folder`, or undefined when none does (no file,
 * or a file its process left behind: gone, or its PID now another process's). A file just being
 * written, naming no one yet, is held by someone unknown (`pid` 0).
 */
export function storeHolder(folder: string): StoreHolder | undefined {
  const found = openLock(join(folder, STORE_LOCK_FILE));
  if (!found) return undefined;
  try {
    const verdict = judge(found.text, Date.now() - found.mtimeMs, thisHolder());
    return verdict === 'mine' ? undefined : verdict;
  } finally {
    closeSync(found.fd);
  }
}

/** The one line a start refuses with while another process holds the store in `folder`. */
export function storeInUse(folder: string, holder: StoreHolder): ConfigError {
  const who = holder.pid > 0 ? `${holder.command} (PID ${holder.pid}${holder.since ? `, since ${holder.since.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')}` : ''})` : holder.command;
  return new ConfigError(
    'LINJU_DATA_DIR',
    `The store in ${folder} is in use by ${who}: npm start and npm run cluster run over the same stores (LINJU_DATA_DIR), one at a time. Stop that one first, or give this one another LINJU_DATA_DIR`,
  );
}

/** What `holdStore` is told in a test: who takes the folder, and what happens between judging a file stale and taking it over. */
export interface HoldOptions {
  /** @default this process */
  holder?: StoreHolder;
  /** Called after a file is judged stale, before it is taken over (a test starts another taker there). */
  beforeTakeover?: () => void;
}

/**
 * Takes `folder` for this process: writes the lock file, or takes over one left by a process that
 * is gone; this process holding it already is no conflict (a store started again after its
 * PostgreSQL died). Returns what gives it back (removes the file if it still names this process).
 *
 * Two starts taking over one stale file at once: each moves the file it judged out of the way by
 * renaming it (atomic: one of them gets it) and keeps it only if it is that very file (its inode,
 * held open since it was read); the other, having moved the winner's new file instead, puts that
 * back (a hard link, never over a newer file) and judges again, finding the winner alive. Only a
 * third start writing in the instant between the move and the putting back could then hold the
 * folder beside the winner: `stopOrphan` still leaves a postmaster whose starter lives, and
 * PostgreSQL's own `postmaster.pid` lets one postmaster run.
 * @throws {ConfigError} naming LINJU_DATA_DIR and the holder, while another live process holds it
 */
export function holdStore(folder: string, options: HoldOptions = {}): () => void {
  const file = join(folder, STORE_LOCK_FILE);
  const me = options.holder ?? thisHolder();
  // Only while the file still names this process: gone already, or another's now, it is left.
  const release = () => void (isMe(readHolder(file), me) && rmSync(file, { force: true }));
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      writeFileSync(file, `${JSON.stringify(me)}\n`, { flag: 'wx', mode: 0o644 });
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const found = openLock(file);
    // Removed in the meantime: try again.
    if (!found) continue;
    try {
      const verdict = judge(found.text, Date.now() - found.mtimeMs, me);
      if (verdict === 'mine') return release;
      if (verdict) throw storeInUse(folder, verdict);
      options.beforeTakeover?.();
      takeOver(file, found);
    } finally {
      closeSync(found.fd);
    }
  }
  throw storeInUse(folder, { pid: 0, command: 'another process starting at the same time', since: '' });
}

/** A lock file open for reading (held open, so that its inode cannot be another file's while it is judged), its text and when it was written; undefined when there is none. */
interface OpenLock {
  fd: number;
  text: string;
  ino: number;
  dev: number;
  mtimeMs: number;
}

function openLock(file: string): OpenLock | undefined {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return undefined;
  }
  try {
    const { ino, dev, mtimeMs } = fstatSync(fd);
    return { fd, text: readFileSync(fd, 'utf8'), ino, dev, mtimeMs };
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}

/** Moves the stale file `found` out of `file`'s way, and removes it; a file found there instead (another's, written since) is put back. */
function takeOver(file: string, found: OpenLock): void {
  removeIf(file, (aside) => {
    const moved = statSync(aside);
    return moved.ino === found.ino && moved.dev === found.dev;
  });
}

/**
 * Moves `file` aside (atomic: of two doing so at once, one gets it) and removes it if it is the
 * one meant (`meant`, given where it now is); a file found there instead (another's, written since)
 * is put back (a hard link, never over a newer file). Gone already: nothing to do.
 */
function removeIf(file: string, meant: (aside: string) => boolean): void {
  const aside = `${file}.stale.${process.pid}.${randomBytes(6).toString('hex')}`;
  try {
    renameSync(file, aside);
  } catch (error) {
    // Taken over (or removed) by another already.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  try {
    if (meant(aside)) return;
    linkSync(aside, file);
  } catch (error) {
    // Another file written there since (a third start's): that one now stands.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    rmSync(aside, { force: true });
  }
}

function readHolder(file: string): StoreHolder | undefined {
  try {
    return parseHolder(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Records that this process started `folder`'s postmaster `postmaster` (`POSTMASTER_OWNER_FILE`). */
export function recordPostmasterOwner(folder: string, postmaster: number, owner: StoreHolder = thisHolder()): void {
  // Whole or not at all: a reader never sees half of it.
  const file = join(folder, POSTMASTER_OWNER_FILE);
  const written = `${file}.${process.pid}.${randomBytes(6).toString('hex')}`;
  writeFileSync(written, `${JSON.stringify({ ...owner, postmaster })}\n`, { mode: 0o644 });
  renameSync(written, file);
}

/** The starter `file` (a `POSTMASTER_OWNER_FILE`) names, if it names it as the starter of `postmaster`. */
function ownerOf(file: string, postmaster: number): StoreHolder | undefined {
  try {
    const text = readFileSync(file, 'utf8');
    return (JSON.parse(text) as { postmaster?: unknown }).postmaster === postmaster ? parseHolder(text) : undefined;
  } catch {
    return undefined;
  }
}

/** The live process other than this one that started `folder`'s postmaster `postmaster`, or undefined (no record of that postmaster, or its starter gone). */
export function postmasterOwner(folder: string, postmaster: number): StoreHolder | undefined {
  const owner = ownerOf(join(folder, POSTMASTER_OWNER_FILE), postmaster);
  if (!owner || isMe(owner, thisHolder())) return undefined;
  return holderAlive(owner) ? owner : undefined;
}

/**
 * Once this process has stopped `folder`'s postmaster `postmaster`: removes `POSTMASTER_OWNER_FILE`
 * if it names that postmaster as this process's, while this process still holds the folder. Any
 * other record is left, and so is one written in its place meanwhile (by a start holding the folder
 * beside this one, see `holdStore`): removed, its postmaster would be stopped as an orphan.
 */
export function forgetPostmasterOwner(folder: string, postmaster: number, me: StoreHolder = thisHolder()): void {
  const file = join(folder, POSTMASTER_OWNER_FILE);
  const mine = (path: string) => isMe(ownerOf(path, postmaster), me);
  if (mine(file)) removeIf(file, mine);
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
