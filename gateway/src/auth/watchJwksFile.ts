import { watch, type FSWatcher } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createLocalJWKSet, type JWTVerifyGetKey } from 'jose';
import type { Logger } from '@linju/observability';
import { JwksError, kidsOf, parseJwks, type JwksOrigin } from './checkJwks.ts';

/** Where lines about a JWKS go. */
export type JwksLogger = Pick<Logger, 'info' | 'warn' | 'error'>;

/** How long after the last change event in the file's folder the file is read (an editor's or a ConfigMap's writes settle). */
export const JWKS_FILE_SETTLE_MS = 100;

/** How often, at most, verifying a token checks the file's identity, size and time (should a change event be missed). */
export const JWKS_FILE_CHECK_MS = 1_000;

/** The keys of `LINJU_JWKS_FILE`, kept up to date with the file. */
export interface WatchedJwksFile {
  /** Resolves a token's key from the keys last read. */
  readonly getKey: JWTVerifyGetKey;
  /** Stops watching (when the gateway stops). */
  close(): void;
}

/** What changes when the file is written, replaced (rename) or swapped behind a symlink (a Kubernetes ConfigMap). */
async function identity(path: string): Promise<string> {
  const { dev, ino, size, mtimeMs, ctimeMs } = await stat(path);
  return `${dev}:${ino}:${size}:${mtimeMs}:${ctimeMs}`;
}

function unreadable(origin: JwksOrigin, error: unknown): JwksError {
  return new JwksError(origin, `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
}

async function load(path: string, origin: JwksOrigin) {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw unreadable(origin, error);
  }
  return parseJwks(text, origin);
}

/**
 * Reads and checks the JWKS file (a {@link JwksError} naming `LINJU_JWKS_FILE` if it cannot be
 * used), then keeps its keys up to date: the file's folder is watched (so an editor's
 * rename-replace and a ConfigMap's symlink swap are seen), and verifying a token checks the file
 * again at most every {@link JWKS_FILE_CHECK_MS}. A changed file that checks out replaces the keys
 * (a key added verifies at once, a key removed no longer does); one that does not is refused with
 * one error line naming the variable, and the keys read before stay in use.
 */
export async function watchJwksFile(path: string, logger: JwksLogger, variable = 'LINJU_JWKS_FILE'): Promise<WatchedJwksFile> {
  const origin: JwksOrigin = { variable, name: `${variable} ${JSON.stringify(path)}` };
  let seen: string;
  try {
    seen = await identity(path);
  } catch (error) {
    throw unreadable(origin, error);
  }
  let keys = createLocalJWKSet(await load(path, origin));
  let checkedAt = Date.now();
  let checking: Promise<void> | undefined;

  const reloadIfChanged = async () => {
    let now: string;
    try {
      now = await identity(path);
    } catch (error) {
      now = `unreadable:${(error as NodeJS.ErrnoException).code}`;
      if (now !== seen) logger.error({ variable }, `${unreadable(origin, error).message}; the keys read before stay in use`);
      seen = now;
      return;
    }
    if (now === seen) return;
    seen = now;
    try {
      const jwks = await load(path, origin);
      keys = createLocalJWKSet(jwks);
      logger.info({ variable, kids: kidsOf(jwks) }, `${origin.name} reloaded: ${jwks.keys.length} key(s), ${kidsOf(jwks).join(', ')}`);
    } catch (error) {
      logger.error({ variable }, `${(error as Error).message}; the keys read before stay in use`);
    }
  };
  const check = (): Promise<void> =>
    (checking ??= reloadIfChanged().finally(() => {
      checking = undefined;
      checkedAt = Date.now();
    }));

  let settle: NodeJS.Timeout | undefined;
  let watcher: FSWatcher | undefined;
  const stopWatching = () => {
    clearTimeout(settle);
    watcher?.close();
    watcher = undefined;
  };
  const unwatched = (error: unknown) =>
    logger.warn({ variable }, `${origin.name}: its folder cannot be watched (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); a change is picked up when a token is next verified`);
  try {
    // The folder, not the file: a rename-replace or a symlink swap leaves a watch on the file itself on the old one.
    watcher = watch(dirname(path), { persistent: false }, () => {
      clearTimeout(settle);
      settle = setTimeout(() => void check(), JWKS_FILE_SETTLE_MS).unref();
    });
    watcher.on('error', (error) => {
      unwatched(error);
      stopWatching();
    });
  } catch (error) {
    unwatched(error);
  }

  return {
    async getKey(header, token) {
      if (Date.now() - checkedAt >= JWKS_FILE_CHECK_MS) await check();
      return keys(header, token);
    },
    close: stopWatching,
  };
}
