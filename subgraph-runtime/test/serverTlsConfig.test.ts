import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { ConfigError } from '@linju/observability';
// By path, not as a dependency: @linju/testing depends on this workspace. Node builtins and openssl only.
import { createDevCertificates } from '../../testing/src/tls/devCertificates.ts';
import { readSubgraphConfig } from '../src/server/readSubgraphConfig.ts';

const folder = mkdtempSync(join(tmpdir(), 'linju-subgraph-tls-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const made = createDevCertificates({ out: folder, servers: { sichuan: ['127.0.0.1'], chongqing: ['127.0.0.1'] } });
const { cert, key } = made.servers.sichuan!;
const ca = made.ca.cert;

function refusal(env: NodeJS.ProcessEnv): ConfigError {
  try {
    readSubgraphConfig('sichuan', env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('accepted');
}

describe('a subgraph\'s HTTPS and mutual TLS (docs/separate-hosts.md)', () => {
  test('plain HTTP unless told', () => {
    expect(readSubgraphConfig('sichuan', {}).tls).toBeUndefined();
  });

  test('LINJU_TLS_CERT and LINJU_TLS_KEY serve HTTPS; LINJU_TLS_CLIENT_CA requires the client\'s certificate', () => {
    expect(readSubgraphConfig('sichuan', { LINJU_TLS_CERT: cert, LINJU_TLS_KEY: key }).tls).toEqual({ cert: expect.stringContaining('BEGIN CERTIFICATE'), key: expect.stringContaining('BEGIN PRIVATE KEY') });
    expect(readSubgraphConfig('sichuan', { LINJU_TLS_CERT: cert, LINJU_TLS_KEY: key, LINJU_TLS_CLIENT_CA: ca }).tls).toMatchObject({ clientCa: expect.stringContaining('BEGIN CERTIFICATE') });
  });

  test('refuses half a pair, a client CA without HTTPS and an unreadable file, naming the variable', () => {
    expect(refusal({ LINJU_TLS_CERT: cert }).variable).toBe('LINJU_TLS_KEY');
    expect(refusal({ LINJU_TLS_KEY: key }).variable).toBe('LINJU_TLS_CERT');
    expect(refusal({ LINJU_TLS_CLIENT_CA: ca })).toMatchObject({ variable: 'LINJU_TLS_CERT', message: expect.stringContaining('mutual TLS') });
    expect(refusal({ LINJU_TLS_CERT: join(folder, 'absent.crt'), LINJU_TLS_KEY: key })).toMatchObject({ variable: 'LINJU_TLS_CERT', message: expect.stringContaining('cannot be read') });
  });

  test('refuses a key that is not the certificate\'s, a key given as the certificate and a key given as the client CA, before any connection', () => {
    expect(refusal({ LINJU_TLS_CERT: cert, LINJU_TLS_KEY: made.servers.chongqing!.key })).toMatchObject({ variable: 'LINJU_TLS_KEY', message: expect.stringContaining("is not the private key of LINJU_TLS_CERT") });
    expect(refusal({ LINJU_TLS_CERT: key, LINJU_TLS_KEY: key })).toMatchObject({ variable: 'LINJU_TLS_CERT', message: expect.stringContaining('not a CERTIFICATE') });
    expect(refusal({ LINJU_TLS_CERT: cert, LINJU_TLS_KEY: key, LINJU_TLS_CLIENT_CA: made.ca.key })).toMatchObject({ variable: 'LINJU_TLS_CLIENT_CA', message: expect.stringContaining('not a CERTIFICATE') });
  });

  test('refuses its own certificate when it has expired or is not valid yet, naming LINJU_TLS_CERT and the date', () => {
    const day = 24 * 60 * 60_000;
    // One instant for the certificate and the date expected of it (two could fall either side of midnight UTC).
    const expiredAt = new Date(Date.now() - 3 * day);
    const old = createDevCertificates({ out: folder, servers: { 'expired-sichuan': ['127.0.0.1'] }, clients: [], validity: { notBefore: new Date(Date.now() - 400 * day), notAfter: expiredAt } }).servers['expired-sichuan']!;
    const early = createDevCertificates({ out: folder, servers: { 'early-sichuan': ['127.0.0.1'] }, clients: [], validity: { notBefore: new Date(Date.now() + 3 * day), notAfter: new Date(Date.now() + 400 * day) } }).servers['early-sichuan']!;
    expect(refusal({ LINJU_TLS_CERT: old.cert, LINJU_TLS_KEY: old.key })).toMatchObject({ variable: 'LINJU_TLS_CERT', message: expect.stringMatching(new RegExp(`^LINJU_TLS_CERT=".*" expired on ${expiredAt.toISOString().slice(0, 10)} \\d\\d:\\d\\d UTC: expected the subgraph's certificate within its validity; renew it$`)) });
    expect(refusal({ LINJU_TLS_CERT: early.cert, LINJU_TLS_KEY: early.key })).toMatchObject({ variable: 'LINJU_TLS_CERT', message: expect.stringContaining(`is not valid until ${new Date(Date.now() + 3 * day).toISOString().slice(0, 10)}`) });
  });
});
