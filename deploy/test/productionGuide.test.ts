import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { request } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { freePort } from '@linju/testing';
import { memberBalancerConfig, publicBalancerConfig, RATE_LIMITED_BODY } from '@linju/testing/haproxy';
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

  // One place: the guide's HAProxy files are what testing/src/cluster/haproxyConfig.ts writes, the
  // cluster's tiers (a frontend, a -ready and a -alive backend) with production's bind, TLS and log.
  test('its HAProxy configurations are the ones the cluster’s code writes, with the guide’s addresses', () => {
    expect(haproxyConfigs[0]).toBe(publicBalancerConfig({ certificate: '/etc/haproxy/certs/linju.pem', gateways: [{ label: 'gw1', address: '10.0.0.21:4000' }, { label: 'gw2', address: '10.0.0.22:4000' }] }));
    expect(haproxyConfigs[1]).toBe(
      memberBalancerConfig({
        name: 'sichuan',
        bind: '10.0.1.11:4001',
        replicas: [{ label: 's1', address: '10.0.1.21:4001' }, { label: 's2', address: '10.0.1.22:4001' }],
        caFile: '/etc/haproxy/certs/federation-ca.crt',
        certificate: '/etc/haproxy/certs/sichuan-lb.pem',
      }),
    );
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
  test.skipIf(!tool('/usr/sbin/haproxy') || !tool('/usr/bin/openssl'))('the gateways’ HAProxy answers the public’s /graphql, refuses /health, /ready and /metrics however written, logs each request, tells the gateway the client’s address, and answers 429 beyond the rate limit, but not to an exempt address', async () => {
    const made = spawnSync('/usr/bin/openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', join(scratch, 'front-key.pem'), '-out', join(scratch, 'front-cert.pem'), '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { encoding: 'utf8' });
    expect(made.status, made.stderr).toBe(0);
    writeFileSync(join(scratch, 'front.pem'), readFileSync(join(scratch, 'front-cert.pem'), 'utf8') + readFileSync(join(scratch, 'front-key.pem'), 'utf8'));
    // Both gateways: one server here that answers every path, as a gateway does (/ready 200 for HAProxy's own check).
    const forwardedFor: string[] = [];
    const gateway = createServer((request, response) => {
      if (request.url === '/graphql') forwardedFor.push(String(request.headers['x-forwarded-for']));
      response.writeHead(200, { 'content-type': 'text/plain' }).end(`gateway ${request.url}`);
    });
    await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
    const port = await freePort();
    // The limit lowered to 20 so that a test crosses it quickly; the access log to standard output instead of the host's syslog.
    const limit = 20;
    const documented = haproxyConfigs[0]!;
    expect(documented).toMatch(/ if \{ sc_http_req_rate\(0\) gt 300 \}$/m);
    const config = documented
      .replace(/^  bind :443 ssl crt \S+$/m, `  bind 127.0.0.1:${port} ssl crt ${join(scratch, 'front.pem')}`)
      .replace(/ 10\.0\.0\.2\d:4000 /g, ` 127.0.0.1:${(gateway.address() as AddressInfo).port} `)
      .replace(/^  log \/dev\/log local0$/m, '  log stdout format raw local0')
      .replace(/ gt 300 \}$/m, ` gt ${limit} }`)
      // An office behind one NAT address, exempt as the guide says: its address after `src --`.
      .replace(/^  acl rate_exempt src --$/m, '  acl rate_exempt src -- 127.0.0.6');
    writeFileSync(join(scratch, 'front.cfg'), config);
    const haproxy = spawn('/usr/sbin/haproxy', ['-db', '-f', join(scratch, 'front.cfg')], { stdio: ['ignore', 'pipe', 'pipe'] });
    let said = '';
    let logged = '';
    haproxy.stderr.on('data', (chunk: Buffer) => (said += chunk.toString()));
    haproxy.stdout.on('data', (chunk: Buffer) => (logged += chunk.toString()));
    try {
      // From a client address of its own (127.0.0.0/8 is all this host), so that each count starts at nothing.
      const get = (path: string, from: string) => new Promise<{ status: number; body: string; retryAfter?: string; type?: string }>((resolve, reject) => {
        request({ host: '127.0.0.1', port, path, localAddress: from, ca: readFileSync(join(scratch, 'front-cert.pem')), agent: false }, (response) => {
          let body = '';
          response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
          response.on('end', () => resolve({ status: response.statusCode!, body, retryAfter: response.headers['retry-after'], type: response.headers['content-type'] }));
        }).on('error', reject).end();
      });
      // Until HAProxy listens and counts a gateway up (two passing checks).
      for (let tries = 0; (await get('/graphql', '127.0.0.2').then((answer) => answer.status, () => 0)) !== 200; tries++) {
        if (tries > 100 || haproxy.exitCode !== null) throw new Error(`HAProxy did not pass /graphql: ${said}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const paths = ['/graphql', '/ready', '/health', '/metrics', '/READY', '/ready/', '//metrics', '/%72eady', '/ready?x=1'];
      const statuses = await Promise.all(paths.map((path) => get(path, '127.0.0.3').then((answer) => answer.status)));
      expect(Object.fromEntries(paths.map((path, index) => [path, statuses[index]]))).toEqual({ ...Object.fromEntries(paths.map((path) => [path, 404])), '/graphql': 200 });

      // The gateway learns who asked; HAProxy's access log names the client and the request.
      expect(forwardedFor.at(-1)).toBe('127.0.0.3');
      for (let tries = 0; !/127\.0\.0\.3:\d+ .*"GET \/graphql HTTP\/1\.1"/.test(logged) && tries < 50; tries++) await new Promise((resolve) => setTimeout(resolve, 100));
      // `gateway~`: the frontend, over TLS; then the backend and the gateway that answered, the timings, the status.
      expect(logged).toMatch(/^127\.0\.0\.3:\d+ \[[^\]]+\] gateway~ gateway-ready\/gw[12] [\d/]+ 200 .*"GET \/graphql HTTP\/1\.1"$/m);

      // One client beyond the limit is answered 429, in JSON with Linju's code, and told when to come back; another is not.
      const answers = [];
      for (let i = 0; i < 3 * limit; i++) answers.push(await get('/graphql', '127.0.0.4'));
      expect(answers.slice(0, limit).map((answer) => answer.status)).toEqual(Array(limit).fill(200));
      const refused = answers.find((answer) => answer.status !== 200);
      expect(refused).toEqual({ status: 429, body: RATE_LIMITED_BODY, retryAfter: '10', type: 'application/json; charset=utf-8' });
      expect(JSON.parse(refused!.body)).toMatchObject({ errors: [{ extensions: { code: 'RATE_LIMITED' } }] });
      expect((await get('/graphql', '127.0.0.5')).status).toBe(200);
      // The exempt address is never held to it.
      const exempt = [];
      for (let i = 0; i < 3 * limit; i++) exempt.push((await get('/graphql', '127.0.0.6')).status);
      expect(exempt).toEqual(Array(3 * limit).fill(200));
    } finally {
      haproxy.kill();
      gateway.close();
    }
  });
});
