import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

/**
 * `npm run certs` run again to add a host (docs/deployment.md, "A member's balancer"): the
 * certificates and keys already made (the gateway's client certificate above all, which the
 * gateways present) are kept and said to be, only the new host's is made; `--force` makes the
 * named ones again.
 */

const ROOT = new URL('../../../', import.meta.url).pathname;
let out: string;
beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'linju-certs-'));
});
afterAll(() => rm(out, { recursive: true, force: true }));

async function certs(...args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/certs.ts', '--out', out, ...args], { cwd: ROOT });
  return stdout;
}

const files = async (...names: string[]) => Promise.all(names.flatMap((name) => [readFile(join(out, `${name}.crt`), 'utf8'), readFile(join(out, `${name}.key`), 'utf8')]));

describe('npm run certs, run again', () => {
  test('keeps every certificate and key already there, makes the new host’s, and --force makes them again', async () => {
    await certs('--hosts', 'sichuan-s1=10.0.1.11+10.0.1.21', '--client', 'gateway', '--client', 'sichuan-lb');
    const first = await files('ca', 'sichuan-s1', 'gateway', 'sichuan-lb');

    const again = await certs('--hosts', 'sichuan-s1=10.0.1.11+10.0.1.21,sichuan-s2=10.0.1.11+10.0.1.22', '--client', 'gateway', '--client', 'sichuan-lb');
    expect(await files('ca', 'sichuan-s1', 'gateway', 'sichuan-lb')).toEqual(first);
    expect((await files('sichuan-s2'))[0]).toContain('BEGIN CERTIFICATE');
    const said = again.trim().split('\n');
    expect(said.filter((line) => line.includes('kept, already there')).map((line) => line.split(/\s+/)[1])).toEqual(['sichuan-s1', 'gateway', 'sichuan-lb']);
    expect(said.find((line) => line.includes('sichuan-s2'))).not.toContain('kept');

    // Without --client: the gateway's, the default, is kept too.
    await certs('--hosts', 'sichuan-s3=10.0.1.23');
    expect(await files('gateway')).toEqual(first.slice(4, 6));

    const forced = await certs('--hosts', 'sichuan-s1=10.0.1.11+10.0.1.21', '--force');
    expect(forced).not.toContain('kept');
    const [cert, key] = await files('gateway');
    expect([cert, key]).not.toContain(first[4]);
    expect(key).not.toBe(first[5]);
    expect(await files('ca')).toEqual(first.slice(0, 2));
  }, 60_000);
});
