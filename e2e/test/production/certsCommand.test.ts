import { fileURLToPath } from 'node:url';
import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createDevCertificates } from '@linju/testing/tls';

/**
 * `npm run certs` run again to add a host (docs/deployment.md, "A member's balancer"): the
 * certificates and keys already made (the gateway's client certificate above all, which the
 * gateways present) are kept and said to be, only the new host's is made; `--force` makes the
 * named ones again. One that could not serve any more (expired, another CA's, not naming an
 * address now given) is made again, saying why; a CA out of date is refused.
 */

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
let out: string;
beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'linju-certs-'));
});
afterAll(() => rm(out, { recursive: true, force: true }));

async function certs(...args: string[]): Promise<string> {
  return certsIn(out, ...args);
}

async function certsIn(folder: string, ...args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/certs.ts', '--out', folder, ...args], { cwd: ROOT });
  return stdout;
}

/** The line `npm run certs` printed for a certificate's name. */
const lineOf = (said: string, name: string) => said.split('\n').find((line) => line.split(/\s+/)[1] === name) ?? '';

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

  test('makes again, saying why, a certificate that expired, one another CA signed and a server’s that does not name an address now given', async () => {
    await certs('--hosts', 'joint-s1=10.0.3.11', '--client', 'gateway');
    const [gateway] = await files('gateway');
    // Expired: signed by the same CA for January 2020.
    createDevCertificates({ out, servers: { 'sichuan-old': ['10.0.1.40'] }, clients: [], validity: { notBefore: new Date('2020-01-01T00:00:00Z'), notAfter: new Date('2020-02-01T00:00:00Z') } });
    const [expired] = await files('sichuan-old');
    // Another CA's: made in a folder of its own, then copied in.
    const elsewhere = await mkdtemp(join(tmpdir(), 'linju-certs-other-'));
    try {
      createDevCertificates({ out: elsewhere, servers: { 'chongqing-x': ['10.0.2.40'] }, clients: [] });
      for (const ext of ['crt', 'key']) await copyFile(join(elsewhere, `chongqing-x.${ext}`), join(out, `chongqing-x.${ext}`));
    } finally {
      await rm(elsewhere, { recursive: true, force: true });
    }
    const [foreign] = await files('chongqing-x');

    const said = await certs('--hosts', 'sichuan-old=10.0.1.40,chongqing-x=10.0.2.40,joint-s1=10.0.3.11+10.0.3.21', '--client', 'gateway');
    expect(lineOf(said, 'sichuan-old')).toContain('made again, the one there expired on 2020-02-01');
    expect(lineOf(said, 'chongqing-x')).toContain(`made again, the one there not signed by the CA in ${join(out, 'ca.crt')}`);
    expect(lineOf(said, 'joint-s1')).toContain('made again, the one there it does not name 10.0.3.21');
    expect(lineOf(said, 'gateway')).toMatch(/kept, already there, valid until \d{4}-\d{2}-\d{2} /);
    const [sichuanOld, chongqingX, gatewayAfter] = [(await files('sichuan-old'))[0], (await files('chongqing-x'))[0], (await files('gateway'))[0]];
    expect(sichuanOld).not.toBe(expired);
    expect(chongqingX).not.toBe(foreign);
    expect(gatewayAfter).toBe(gateway);
    // Run again: all of them kept now.
    const again = await certs('--hosts', 'sichuan-old=10.0.1.40,chongqing-x=10.0.2.40,joint-s1=10.0.3.11+10.0.3.21', '--client', 'gateway');
    expect(again.split('\n').filter((line) => line.includes('kept, already there'))).toHaveLength(4);
  }, 60_000);

  test('refuses a CA out of date: every certificate must be made again under a new one', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'linju-certs-ca-'));
    try {
      // A CA self-signed for January 2020, by `openssl ca -selfsign` (req -x509 takes no start date in OpenSSL 3.0).
      const run = (...args: string[]) => promisify(execFile)('openssl', args, { cwd: folder });
      await run('req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', 'ca.key', '-out', 'ca.csr', '-subj', '/CN=Old CA');
      await writeFile(join(folder, 'index.txt'), '');
      await writeFile(join(folder, 'serial'), '01\n');
      await writeFile(join(folder, 'ca.cnf'), ['[ca]', 'default_ca = old', '[old]', 'database = index.txt', 'new_certs_dir = .', 'serial = serial', 'default_md = sha256', 'policy = any', '[any]', 'commonName = supplied', '[v3]', 'basicConstraints = critical,CA:TRUE', 'keyUsage = critical,keyCertSign,cRLSign', ''].join('\n'));
      await run('ca', '-batch', '-notext', '-selfsign', '-config', 'ca.cnf', '-extensions', 'v3', '-keyfile', 'ca.key', '-in', 'ca.csr', '-out', 'ca.crt', '-startdate', '20200101000000Z', '-enddate', '20200201000000Z');
      const refused = await certsIn(folder, '--hosts', 'sichuan=10.0.1.50').then(() => undefined, (error: { code: number; stderr: string }) => error);
      expect(refused?.code).toBe(2);
      expect(refused?.stderr).toContain(`The CA in ${join(folder, 'ca.crt')} expired on 2020-02-01: move ca.crt and ca.key away`);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  }, 60_000);

  test('keeps a server certificate whose addresses are given in another form (IPv6 compressed, a DNS name in other case), and makes every one again under a CA made anew', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'linju-certs-v6-'));
    try {
      await certsIn(folder, '--hosts', 'joint-v6=fd00::1+Joint.Example', '--client', 'gateway');
      const again = await certsIn(folder, '--hosts', 'joint-v6=fd00:0:0:0::1+joint.example', '--client', 'gateway');
      expect(lineOf(again, 'joint-v6')).toContain('kept, already there');
      // The CA moved away (as the refusal of an expired one says to): nothing kept verifies under the new one.
      await rm(join(folder, 'ca.crt'));
      await rm(join(folder, 'ca.key'));
      const anew = await certsIn(folder, '--hosts', 'joint-v6=fd00::1', '--client', 'gateway');
      for (const name of ['joint-v6', 'gateway']) expect(lineOf(anew, name)).toContain('made again, the one there was signed by a CA no longer there (the CA is made anew)');
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  }, 60_000);
});
