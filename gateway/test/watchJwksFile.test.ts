import { mkdir, mkdtemp, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JWK } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { JWKS_FILE_CHECK_MS, watchJwksFile, type WatchedJwksFile } from '../src/auth/watchJwksFile.ts';
import { es256Key, lineRecorder, verifies } from './support/jwksProbes.ts';

/**
 * LINJU_JWKS_FILE on a real file system: each way an operator changes the file (an editor's
 * rename-replace, a Kubernetes ConfigMap's symlink swap, a write in place behind a symlink) is seen
 * without a restart; a file that does not check out is refused and the keys before stay.
 */

let root: string;
let a: JWK;
let b: JWK;
let privateB: JWK;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'linju-jwks-'));
  a = (await es256Key('key-a')).publicJwk;
  ({ publicJwk: b, privateJwk: privateB } = await es256Key('key-b'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

const watched: WatchedJwksFile[] = [];
afterEach(() => {
  for (const file of watched.splice(0)) file.close();
});


async function until(what: string, condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}


async function folderWith(keys: unknown): Promise<{ dir: string; path: string }> {
  const dir = await mkdtemp(join(root, 'dir-'));
  const path = join(dir, 'jwks.json');
  await writeFile(path, JSON.stringify(keys));
  return { dir, path };
}

async function watching(path: string, logger = lineRecorder()): Promise<WatchedJwksFile> {
  const file = await watchJwksFile(path, logger);
  watched.push(file);
  return file;
}

/** An editor's save: a new file renamed over the old one. */
async function replace(path: string, content: string): Promise<void> {
  await writeFile(`${path}.tmp`, content);
  await rename(`${path}.tmp`, path);
}

describe('watchJwksFile', () => {
  it('refuses to start on a file that does not check out or cannot be read, naming LINJU_JWKS_FILE', async () => {
    const { path } = await folderWith({ keys: [a, privateB] });
    await expect(watchJwksFile(path, lineRecorder())).rejects.toThrow(/^LINJU_JWKS_FILE ".*jwks\.json" holds a private key \(kid "key-b"\): publish public keys only$/);
    await expect(watchJwksFile(join(root, 'missing.json'), lineRecorder())).rejects.toMatchObject({ variable: 'LINJU_JWKS_FILE', message: expect.stringMatching(/cannot be read \(ENOENT\)$/) });
  });

  it('an editor\'s rename-replace: a key added verifies, a key removed no longer does, without a token to prompt it', async () => {
    const { path } = await folderWith({ keys: [a] });
    const logger = lineRecorder();
    const file = await watching(path, logger);
    expect([await verifies(file.getKey, 'key-a'), await verifies(file.getKey, 'key-b')]).toEqual([true, false]);

    await replace(path, JSON.stringify({ keys: [a, b] }));
    // The folder's change event alone reloads it: no token was verified in between.
    await until('the reload after adding key-b', () => logger.lines.some((line) => line.includes('key-a, key-b')));
    expect(logger.lines.at(-1)).toMatch(/^info LINJU_JWKS_FILE ".*" reloaded: 2 key\(s\), key-a, key-b$/);
    expect(await verifies(file.getKey, 'key-b')).toBe(true);

    await replace(path, JSON.stringify({ keys: [b] }));
    await until('the reload after removing key-a', () => logger.lines.at(-1)!.endsWith('reloaded: 1 key(s), key-b'));
    expect([await verifies(file.getKey, 'key-a'), await verifies(file.getKey, 'key-b')]).toEqual([false, true]);
  });

  it('a file that no longer checks out is refused in one error line, and the keys read before stay', async () => {
    const { path } = await folderWith({ keys: [b] });
    const logger = lineRecorder();
    const file = await watching(path, logger);
    for (const [content, says] of [
      ['{"keys": [', /is not JSON/],
      [JSON.stringify({ keys: [] }), /holds no key/],
      [JSON.stringify({ keys: [privateB] }), /holds a private key \(kid "key-b"\)/],
    ] as const) {
      const before = logger.lines.length;
      await replace(path, content);
      await until(`the refusal of ${content}`, () => logger.lines.length > before);
      expect(logger.lines.slice(before)).toEqual([expect.stringMatching(/^error LINJU_JWKS_FILE ".*jwks\.json" .*; the keys read before stay in use$/)]);
      expect(logger.lines.at(-1)).toMatch(says);
      expect(await verifies(file.getKey, 'key-b')).toBe(true);
    }
    // Fixed again: picked up as any change.
    await replace(path, JSON.stringify({ keys: [a] }));
    await until('the reload of the fixed file', () => logger.lines.at(-1)!.endsWith('reloaded: 1 key(s), key-a'));
    expect([await verifies(file.getKey, 'key-a'), await verifies(file.getKey, 'key-b')]).toEqual([true, false]);
  });

  it('a Kubernetes ConfigMap: the ..data symlink swapped to a new folder', async () => {
    const dir = await mkdtemp(join(root, 'configmap-'));
    const version = async (name: string, keys: unknown) => {
      await mkdir(join(dir, name));
      await writeFile(join(dir, name, 'jwks.json'), JSON.stringify(keys));
    };
    await version('..2024_01_01', { keys: [a] });
    await symlink('..2024_01_01', join(dir, '..data'));
    await symlink('..data/jwks.json', join(dir, 'jwks.json'));
    const logger = lineRecorder();
    const file = await watching(join(dir, 'jwks.json'), logger);
    expect(await verifies(file.getKey, 'key-b')).toBe(false);

    // What the kubelet does: the new version in a folder of its own, then an atomic rename of the symlink.
    await version('..2024_01_02', { keys: [b] });
    await symlink('..2024_01_02', join(dir, '..data_tmp'));
    await rename(join(dir, '..data_tmp'), join(dir, '..data'));
    await until('the reload after the swap', () => logger.lines.some((line) => line.endsWith('reloaded: 1 key(s), key-b')));
    expect([await verifies(file.getKey, 'key-a'), await verifies(file.getKey, 'key-b')]).toEqual([false, true]);
  });

  it('a change no watch can see (the file written in place behind a symlink to another folder) is picked up when a token is verified', async () => {
    const { path: real } = await folderWith({ keys: [a] });
    const dir = await mkdtemp(join(root, 'link-'));
    await symlink(real, join(dir, 'jwks.json'));
    const logger = lineRecorder();
    const file = await watching(join(dir, 'jwks.json'), logger);

    await writeFile(real, JSON.stringify({ keys: [a, b] }));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(logger.lines).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, JWKS_FILE_CHECK_MS));
    expect(await verifies(file.getKey, 'key-b')).toBe(true);
    expect(logger.lines).toEqual([expect.stringMatching(/reloaded: 2 key\(s\), key-a, key-b$/)]);
  });

  it('once closed, the folder is no longer watched', async () => {
    const { path } = await folderWith({ keys: [a] });
    const logger = lineRecorder();
    const file = await watchJwksFile(path, logger);
    file.close();
    await replace(path, JSON.stringify({ keys: [b] }));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(logger.lines).toEqual([]);
  });
});
