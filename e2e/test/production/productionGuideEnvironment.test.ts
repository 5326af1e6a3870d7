import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readGatewayConfig } from '@linju/gateway/config';
import { readSubgraphConfig } from '@linju/subgraph-runtime';
import { createDevCertificates } from '@linju/testing/tls';

/**
 * The environment files docs/deployment.md tells an operator to write for a jurisdiction's replica
 * and for the gateway, read by the processes' own configuration readers as systemd would hand them
 * over, with every certificate file made where they name it: production, and the gateway's calls
 * across the network in HTTPS, the replica requiring a client certificate of the federation's CA.
 * (Unknown variables are not refused by the readers, so a misspelt optional one would pass here.)
 */

const GUIDE = readFileSync(new URL('../../../docs/deployment.md', import.meta.url), 'utf8');
const TLS_FOLDER = '/etc/linju/tls/';

/** The `sh` block that the sentence naming `/etc/linju/<file>` introduces, as `KEY=value` pairs (comments left out). */
function environmentFile(file: string): Record<string, string> {
  const block = new RegExp(`\`/etc/linju/${file.replace('.', '\\.')}\`[^\`]*?:\n\n\`\`\`sh\n([\\s\\S]*?)\`\`\``).exec(GUIDE);
  if (!block) throw new Error(`docs/deployment.md shows no /etc/linju/${file}`);
  const lines = block[1]!.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('#'));
  return Object.fromEntries(lines.map((line) => {
    const equals = line.indexOf('=');
    return [line.slice(0, equals), line.slice(equals + 1)];
  }));
}

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'linju-guide-env-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The file as this test's process reads it: certificates made here instead of `/etc/linju/tls/`, a secret instead of `…`. */
function asDeployed(env: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).map(([key, value]) => [
    key,
    value === '…' ? randomBytes(32).toString('base64url') : value.replace('…', 'password').replace(TLS_FOLDER, `${scratch}/`),
  ]));
}

/** The certificate file a variable names, by its name in the TLS folder (`sichuan-s1.crt`). */
const fileIn = (value: string | undefined) => value?.startsWith(TLS_FOLDER) ? value.slice(TLS_FOLDER.length) : undefined;

describe('the production guide’s environment files', () => {
  const sichuan = environmentFile('sichuan.env');
  const gateway = environmentFile('gateway.env');

  beforeAll(() => {
    // Every file they name in the TLS folder, from a CA of the test's: Sichuan's replica's
    // certificate for its own address and its balancer's (the host of the gateway's URL), the other
    // members' for theirs, and the gateway's client certificate.
    const replica = fileIn(sichuan.LINJU_TLS_CERT)!.replace(/\.crt$/, '');
    createDevCertificates({
      out: scratch,
      servers: {
        [replica]: [sichuan.LINJU_HOST!, new URL(gateway.SICHUAN_URL!).hostname],
        chongqing: [new URL(gateway.CHONGQING_URL!).hostname],
        joint: [new URL(gateway.JOINT_URL!).hostname],
      },
    });
    // The CA's key is never on the hosts; its certificate is, under the guide's name.
    rmSync(join(scratch, 'ca.key'));
    copyFileSync(join(scratch, 'ca.crt'), join(scratch, fileIn(gateway.LINJU_SUBGRAPH_CA)!));
  });

  test('a jurisdiction’s replica: production, its address, its store, HTTPS requiring a client certificate of the federation’s CA', () => {
    const config = readSubgraphConfig('sichuan', asDeployed(sichuan));
    expect(config.production).toBe(true);
    expect(config.host).toBe(sichuan.LINJU_HOST);
    expect(config.port).toBe(Number(sichuan.SICHUAN_PORT));
    expect(config.databaseUrl).toMatch(/^postgresql:\/\/sichuan_runtime:.*sslmode=verify-full/);
    expect(config.tls?.cert).toContain('BEGIN CERTIFICATE');
    expect(config.tls?.key).toContain('PRIVATE KEY');
    // The CA it requires the gateway's certificate to chain to is the one the gateway trusts for it.
    expect(sichuan.LINJU_TLS_CLIENT_CA).toBe(gateway.LINJU_SUBGRAPH_CA);
    expect(config.tls?.clientCa).toContain('BEGIN CERTIFICATE');
  });

  test('the gateway: every member across the network in HTTPS, the federation’s CA and its client certificate', () => {
    const config = readGatewayConfig(asDeployed(gateway));
    expect(config.production).toBe(true);
    expect(Object.keys(config.subgraphUrls).sort()).toEqual(['chongqing', 'joint', 'sichuan']);
    for (const url of Object.values(config.subgraphUrls)) expect(new URL(url).protocol).toBe('https:');
    expect(config.subgraphTls?.ca).toContain('BEGIN CERTIFICATE');
    expect(config.subgraphTls?.cert).toContain('BEGIN CERTIFICATE');
    expect(config.subgraphTls?.key).toContain('PRIVATE KEY');
    // Sichuan's balancer listens on the replicas' port.
    expect(new URL(config.subgraphUrls.sichuan!).port).toBe(sichuan.SICHUAN_PORT);
  });

  test('the member’s balancer listens where the gateway calls Sichuan and sends to the replica, passing its TLS through', () => {
    const balancer = [...GUIDE.matchAll(/```\n(global\n[\s\S]*?)```/g)].map((match) => match[1]!).find((config) => /^  mode tcp$/m.test(config));
    expect(balancer).toBeDefined();
    const url = new URL(gateway.SICHUAN_URL!);
    expect(balancer).toMatch(new RegExp(`^  bind ${url.hostname.replaceAll('.', '\\.')}:${url.port}$`, 'm'));
    expect(balancer).toMatch(new RegExp(`^  server \\S+ ${sichuan.LINJU_HOST!.replaceAll('.', '\\.')}:${sichuan.SICHUAN_PORT}$`, 'm'));
    // Its checks present a client certificate and verify the replica's against the federation's CA.
    expect(balancer).toMatch(/check-ssl verify required ca-file \S+ crt \S+/);
  });
});
