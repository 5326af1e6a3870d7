import { spawnSync } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ServiceProcess } from '@linju/testing';

/**
 * Every server of the federation started on a port another process holds: it exits 1 with one
 * line that names the variable to change (no stack trace), and a subgraph that had already started
 * its embedded PostgreSQL stops it.
 */

const STACK = /^\s+at |node_modules|\.ts:\d+|EADDRINUSE/m;

let root: string;
let held: Server;
let port: number;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'linju-port-'));
  // Embedded PostgreSQL's account (when the tests run as root) must reach the data folders.
  await chmod(root, 0o755);
  held = createServer();
  await new Promise<void>((resolve) => held.listen(0, '127.0.0.1', resolve));
  port = (held.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((resolve) => held.close(resolve));
  await rm(root, { recursive: true, force: true });
});

/** The message of a log line (JSON) or the line itself (a plain line on standard error). */
function message(line: string): string {
  try {
    return (JSON.parse(line) as { msg: string }).msg;
  } catch {
    return line;
  }
}

test.concurrent.each([
  ['gateway', 'gateway/src/index.ts', 'PORT'],
  ['identity', 'identity/src/index.ts', 'LINJU_IDP_PORT'],
  ['documents', 'ledger/src/server/index.ts', 'LINJU_DOCUMENTS_PORT'],
  ['sichuan', 'subgraph-sichuan/src/index.ts', 'SICHUAN_PORT'],
])('%s on a port another process holds: exit 1, one line naming the variable', async (label, entry, variable) => {
  const dataDir = await mkdtemp(join(root, `${label}-`));
  await chmod(dataDir, 0o755);
  const service = ServiceProcess.launch(label, entry, { LINJU_DATA_DIR: dataDir, [variable]: String(port) });
  const exit = await Promise.race([
    service.finished,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${label} still runs:\n${service.output.join('\n')}`)), 120_000)),
  ]).finally(() => service.stop(1000));
  const lines = service.output.filter((line) => line.trim() !== '');
  expect(exit.code).toBe(1);
  expect(message(lines.at(-1)!)).toBe(`${variable}=${port}: port ${port} on 127.0.0.1 is already in use by another process; stop that process or set another ${variable}`);
  expect(lines.join('\n')).not.toMatch(STACK);
  // No PostgreSQL of its data folder is left running (a subgraph had started one before it listened).
  // pgrep exits 1 when nothing matches (2 or 3 would be its own failure, not an answer).
  expect(spawnSync('pgrep', ['-f', dataDir]).status).toBe(1);
}, 150_000);
