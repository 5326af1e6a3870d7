import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { request } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { freePort } from '@linju/testing';
import { PRODUCTION_NODE_FLAGS } from '../src/serverProcesses.ts';

/**
 * The files docs/deployment.md tells an operator to write are checked by the tools that will read
 * them: each systemd unit by `systemd-analyze verify` (unknown keys, bad values, a program that is
 * not there), HAProxy's configuration by `haproxy -c` with a certificate made here. Without a tool
 * its check is skipped, saying so.
 */

const GUIDE = readFileSync(new URL('../../docs/deployment.md', import.meta.url), 'utf8');
const NODE = '/usr/bin/node';

/** Every fenced block of the guide, with the text before it. */
const blocks = [...GUIDE.matchAll(/```(\w*)\n([\s\S]*?)```/g)].map((match) => ({ lang: match[1]!, body: match[2]!, before: GUIDE.slice(0, match.index) }));

/** The unit files: each `ini` block, named by the last `/etc/systemd/system/<name>` before it. */
const units = blocks
  .filter((block) => block.lang === 'ini')
  .map((block) => ({ name: [...block.before.matchAll(/\/etc\/systemd\/system\/([\w@.-]+\.service)/g)].at(-1)![1]!, body: block.body }));

/** HAProxy's configurations: the joint office's in front of the gateways, then a member's in front of its replicas. */
const haproxyConfigs = blocks.filter((block) => block.body.startsWith('global\n')).map((block) => block.body);

const scratch = mkdtempSync(join(tmpdir(), 'linju-guide-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function tool(path: string): boolean {
  if (existsSync(path)) return true;
  console.warn(`Skipping the check by ${path}: not installed here`);
  return false;
}

describe('the production guide’s files', () => {
  test('names every unit it shows: the subgraphs’ template, the gateway, the documents server', () => {
    expect(units.map((unit) => unit.name)).toEqual(['linju-subgraph@.service', 'linju-gateway.service', 'linju-documents.service']);
    expect(haproxyConfigs).toHaveLength(2);
  });

  test('runs the subgraphs and the gateway from their bundles with the production flags', () => {
    const starts = units.filter((unit) => unit.name !== 'linju-documents.service').map((unit) => /^ExecStart=(.*)$/m.exec(unit.body)?.[1]);
    expect(starts).toEqual([
      `${NODE} ${PRODUCTION_NODE_FLAGS.join(' ')} dist/%i/index.mjs`,
      `${NODE} ${PRODUCTION_NODE_FLAGS.join(' ')} dist/gateway/index.mjs`,
    ]);
  });

  test.skipIf(!tool('/usr/bin/systemd-analyze'))('each unit passes systemd-analyze verify, without a warning', () => {
    for (const unit of units) {
      // A template is verified as an instance; node where this machine has it, should it not be at /usr/bin.
      const file = join(scratch, unit.name.replace('@.', '@sichuan.'));
      writeFileSync(file, existsSync(NODE) ? unit.body : unit.body.replaceAll(NODE, process.execPath));
      const result = spawnSync('/usr/bin/systemd-analyze', ['verify', '--man=no', file], { encoding: 'utf8' });
      expect({ unit: unit.name, status: result.status, output: `${result.stdout}${result.stderr}`.trim() }).toEqual({ unit: unit.name, status: 0, output: '' });
    }
  });

  test.skipIf(!tool('/usr/sbin/haproxy') || !tool('/usr/bin/openssl'))('each HAProxy configuration passes haproxy -c, with the certificates it names in their places', () => {
    const made = spawnSync('/usr/bin/openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', join(scratch, 'key.pem'), '-out', join(scratch, 'cert.pem'), '-days', '1', '-subj', '/CN=linju.example'], { encoding: 'utf8' });
    expect(made.status, made.stderr).toBe(0);
    const certificate = readFileSync(join(scratch, 'cert.pem'), 'utf8');
    // A certificate with its key for `crt`, the certificate alone for `ca-file`.
    writeFileSync(join(scratch, 'with-key.pem'), certificate + readFileSync(join(scratch, 'key.pem'), 'utf8'));
    expect(haproxyConfigs[0]).toContain('crt /etc/haproxy/certs/linju.pem');
    expect(haproxyConfigs[1]).toMatch(/^  mode tcp$/m);
    haproxyConfigs.forEach((config, index) => {
      const file = join(scratch, `haproxy-${index}.cfg`);
      writeFileSync(file, config.replace(/\/etc\/haproxy\/certs\/([\w.-]+)/g, (_, name: string) => join(scratch, name.endsWith('.crt') ? 'cert.pem' : 'with-key.pem')));
      const result = spawnSync('/usr/sbin/haproxy', ['-c', '-f', file], { encoding: 'utf8' });
      expect({ config: index, status: result.status, output: `${result.stdout}${result.stderr}`.trim() }).toEqual({ config: index, status: 0, output: 'Configuration file is valid' });
    });
  });

  // What the gateways answer at /ready names what is wrong (`secret-mismatch`), and /metrics their traffic: for HAProxy's
  // checks and the office's monitoring, which reach each gateway at its own address, never for the public.
  test.skipIf(!tool('/usr/sbin/haproxy') || !tool('/usr/bin/openssl'))('the gateways’ HAProxy answers the public’s /graphql and refuses /health, /ready and /metrics, however written', async () => {
    const made = spawnSync('/usr/bin/openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', join(scratch, 'front-key.pem'), '-out', join(scratch, 'front-cert.pem'), '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { encoding: 'utf8' });
    expect(made.status, made.stderr).toBe(0);
    writeFileSync(join(scratch, 'front.pem'), readFileSync(join(scratch, 'front-cert.pem'), 'utf8') + readFileSync(join(scratch, 'front-key.pem'), 'utf8'));
    // Both gateways: one server here that answers every path, as a gateway does (/ready 200 for HAProxy's own check).
    const gateway = createServer((request, response) => response.writeHead(200, { 'content-type': 'text/plain' }).end(`gateway ${request.url}`));
    await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
    const port = await freePort();
    const config = haproxyConfigs[0]!
      .replace(/^  bind :443 ssl crt \S+$/m, `  bind 127.0.0.1:${port} ssl crt ${join(scratch, 'front.pem')}`)
      .replace(/ 10\.0\.0\.2\d:4000 /g, ` 127.0.0.1:${(gateway.address() as AddressInfo).port} `);
    writeFileSync(join(scratch, 'front.cfg'), config);
    const haproxy = spawn('/usr/sbin/haproxy', ['-db', '-f', join(scratch, 'front.cfg')], { stdio: ['ignore', 'ignore', 'pipe'] });
    let said = '';
    haproxy.stderr.on('data', (chunk: Buffer) => (said += chunk.toString()));
    try {
      const get = (path: string) => new Promise<number>((resolve, reject) => {
        request({ host: '127.0.0.1', port, path, ca: readFileSync(join(scratch, 'front-cert.pem')) }, (response) => {
          response.resume();
          resolve(response.statusCode!);
        }).on('error', reject).end();
      });
      // Until HAProxy listens and counts a gateway up (two passing checks).
      for (let tries = 0; (await get('/graphql').catch(() => 0)) !== 200; tries++) {
        if (tries > 100 || haproxy.exitCode !== null) throw new Error(`HAProxy did not pass /graphql: ${said}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const paths = ['/graphql', '/ready', '/health', '/metrics', '/READY', '/ready/', '//metrics', '/%72eady', '/ready?x=1'];
      const statuses = await Promise.all(paths.map(get));
      expect(Object.fromEntries(paths.map((path, index) => [path, statuses[index]]))).toEqual({ ...Object.fromEntries(paths.map((path) => [path, 404])), '/graphql': 200 });
    } finally {
      haproxy.kill();
      gateway.close();
    }
  });
});
