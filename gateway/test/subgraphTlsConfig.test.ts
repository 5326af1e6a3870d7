import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from '@linju/observability';
// By path, not as a dependency: @linju/testing depends on this workspace. Node builtins and openssl only.
import { createDevCertificates } from '../../testing/src/tls/devCertificates.ts';
import { readGatewayConfig } from '../src/config.ts';

const env = { SUPERGRAPH_PATH: fileURLToPath(new URL('../package.json', import.meta.url)) };
// The configuration parses each file and checks the key fits; the TLS handshake itself is e2e/test/hosts's.
const folder = mkdtempSync(join(tmpdir(), 'linju-gateway-tls-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const made = createDevCertificates({ out: folder, servers: { sichuan: ['127.0.0.1'] } });
const ca = made.ca.cert;
const { cert, key } = made.clients.gateway!;
const notPem = join(folder, 'notes.txt');
writeFileSync(notPem, 'not a certificate');

function refusal(extra: NodeJS.ProcessEnv): ConfigError {
  try {
    readGatewayConfig({ ...env, ...extra });
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('accepted');
}

describe('the gateway\'s TLS towards its subgraphs (docs/separate-hosts.md)', () => {
  it('has no TLS settings unless told: plain http URLs need none, https ones use Node\'s trusted CAs', () => {
    expect(readGatewayConfig(env).subgraphTls).toBeUndefined();
  });

  it('reads the subgraphs\' CA and its client certificate and key as PEM text', () => {
    const config = readGatewayConfig({ ...env, SICHUAN_URL: 'https://10.77.1.2:4001/graphql', LINJU_SUBGRAPH_CA: ca, LINJU_GATEWAY_TLS_CERT: cert, LINJU_GATEWAY_TLS_KEY: key });
    expect(config.subgraphUrls).toEqual({ sichuan: 'https://10.77.1.2:4001/graphql' });
    expect(config.subgraphTls).toEqual({ ca: expect.stringContaining('BEGIN CERTIFICATE'), cert: expect.stringContaining('BEGIN CERTIFICATE'), key: expect.stringContaining('BEGIN PRIVATE KEY') });
    expect(readGatewayConfig({ ...env, LINJU_SUBGRAPH_CA: ca }).subgraphTls).toEqual({ ca: expect.any(String) });
  });

  it('refuses a certificate without its key (or the reverse), an unreadable file and a file without PEM, naming the variable and never the content', () => {
    expect(refusal({ LINJU_GATEWAY_TLS_CERT: cert })).toMatchObject({ variable: 'LINJU_GATEWAY_TLS_KEY', message: expect.stringContaining('needs both') });
    expect(refusal({ LINJU_GATEWAY_TLS_KEY: key }).variable).toBe('LINJU_GATEWAY_TLS_CERT');
    const missing = refusal({ LINJU_SUBGRAPH_CA: join(folder, 'absent.crt') });
    expect(missing.variable).toBe('LINJU_SUBGRAPH_CA');
    expect(missing.message).toContain('cannot be read (ENOENT)');
    const garbage = refusal({ LINJU_GATEWAY_TLS_CERT: notPem, LINJU_GATEWAY_TLS_KEY: key });
    expect(garbage).toMatchObject({ variable: 'LINJU_GATEWAY_TLS_CERT', message: expect.stringContaining('holds no PEM block') });
    expect(garbage.message).not.toContain('not a certificate');
  });

  it('refuses a key that is not the client certificate\'s and a key given as the CA, at start-up', () => {
    expect(refusal({ LINJU_GATEWAY_TLS_CERT: cert, LINJU_GATEWAY_TLS_KEY: made.servers.sichuan!.key })).toMatchObject({ variable: 'LINJU_GATEWAY_TLS_KEY', message: expect.stringContaining('is not the private key of LINJU_GATEWAY_TLS_CERT') });
    expect(refusal({ LINJU_SUBGRAPH_CA: made.ca.key })).toMatchObject({ variable: 'LINJU_SUBGRAPH_CA', message: expect.stringContaining('holds PRIVATE KEY, not a CERTIFICATE') });
  });

  it('refuses a client certificate that has expired, naming LINJU_GATEWAY_TLS_CERT and the date, in one line', () => {
    const day = 24 * 60 * 60_000;
    // One instant for the certificate and the date expected of it (two could fall either side of midnight UTC).
    const expiredAt = new Date(Date.now() - 2 * day);
    const old = createDevCertificates({ out: folder, servers: {}, clients: ['expired-gateway'], validity: { notBefore: new Date(Date.now() - 400 * day), notAfter: expiredAt } }).clients['expired-gateway']!;
    const error = refusal({ LINJU_GATEWAY_TLS_CERT: old.cert, LINJU_GATEWAY_TLS_KEY: old.key });
    expect(error).toMatchObject({ variable: 'LINJU_GATEWAY_TLS_CERT', message: expect.stringContaining(`expired on ${expiredAt.toISOString().slice(0, 10)}`) });
    expect(error.message).toMatch(/^LINJU_GATEWAY_TLS_CERT=".*" expired on .* UTC: expected the gateway's client certificate within its validity; renew it$/);
  });
});
