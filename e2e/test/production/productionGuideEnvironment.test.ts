import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { readGatewayConfig } from '@linju/gateway/config';
import { readSubgraphConfig } from '@linju/subgraph-runtime';
import { createDevCertificates } from '@linju/testing/tls';

/**
 * The environment files docs/deployment.md tells an operator to write, read by the processes' own
 * configuration readers, as systemd would hand them over: every variable known, every certificate
 * file where the file names it, and the gateway's calls across the network in HTTPS with mutual TLS.
 */

const GUIDE = readFileSync(new URL('../../../docs/deployment.md', import.meta.url), 'utf8');
const TLS_FOLDER = '/etc/linju/tls/';

/** The `sh` block that a line naming `/etc/linju/<file>` introduces, as `KEY=value` pairs (comments left out). */
function environmentFile(file: string): Record<string, string> {
  const block = new RegExp(`\`/etc/linju/${file.replace('.', '\\.')}\`[^\n]*:\n\n\`\`\`sh\n([\\s\\S]*?)\`\`\``).exec(GUIDE);
  if (!block) throw new Error(`docs/deployment.md shows no /etc/linju/${file}`);
  const lines = block[1]!.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('#'));
  return Object.fromEntries(lines.map((line) => {
    const equals = line.indexOf('=');
    return [line.slice(0, equals), line.slice(equals + 1)];
  }));
}

const scratch = mkdtempSync(join(tmpdir(), 'linju-guide-env-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The file as this test's process reads it: certificates made here instead of `/etc/linju/tls/`, a secret instead of `…`. */
function asDeployed(env: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).map(([key, value]) => [
    key,
    value === '…' ? randomBytes(32).toString('base64url') : value.replace('…', 'password').replace(TLS_FOLDER, `${scratch}/`),
  ]));
}

describe('the production guide’s environment files', () => {
  const sichuan = environmentFile('sichuan.env');
  const gateway = environmentFile('gateway.env');
  // Every file they name in the TLS folder, made by a CA of the test's: each member's server
  // certificate for its address in the gateway's URLs, and the gateway's client certificate.
  const certificates = createDevCertificates({
    out: scratch,
    servers: Object.fromEntries(['SICHUAN', 'CHONGQING', 'JOINT'].map((key) => [key.toLowerCase(), [new URL(gateway[`${key}_URL`]!).hostname]])),
  });
  // The CA's key is never on the hosts; its certificate is, under the guide's name.
  rmSync(certificates.ca.key);
  copyFileSync(certificates.ca.cert, join(scratch, 'federation-ca.crt'));

  test('a jurisdiction’s subgraph: production, its address, its store, HTTPS requiring the gateway’s client certificate', () => {
    const config = readSubgraphConfig('sichuan', asDeployed(sichuan));
    expect(config.production).toBe(true);
    expect(config.host).toBe(sichuan.LINJU_HOST);
    expect(config.port).toBe(Number(sichuan.SICHUAN_PORT));
    expect(config.databaseUrl).toMatch(/^postgresql:\/\/sichuan_runtime:.*sslmode=verify-full/);
    expect(config.tls?.cert).toContain('BEGIN CERTIFICATE');
    expect(config.tls?.key).toContain('PRIVATE KEY');
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
    // The member's subgraph answers where the gateway calls it.
    expect(new URL(config.subgraphUrls.sichuan!).hostname).toBe(sichuan.LINJU_HOST);
    expect(new URL(config.subgraphUrls.sichuan!).port).toBe(sichuan.SICHUAN_PORT);
  });
});
