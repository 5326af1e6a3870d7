import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { ConfigError } from '@linju/observability';
import { readSubgraphConfig } from '../src/server/readSubgraphConfig.ts';

const folder = mkdtempSync(join(tmpdir(), 'linju-subgraph-tls-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const files = { cert: join(folder, 'sichuan.crt'), key: join(folder, 'sichuan.key'), ca: join(folder, 'ca.crt') };
for (const [kind, path] of Object.entries(files)) writeFileSync(path, `-----BEGIN ${kind === 'key' ? 'PRIVATE KEY' : 'CERTIFICATE'}-----\nMIIB\n-----END…-----\n`);
const { cert, key, ca } = files;

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
});
