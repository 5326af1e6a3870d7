import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { ConfigError, keyPairSetting, pemSetting } from '../src/index.ts';
// By path, not as a dependency: @linju/testing depends on this workspace. Node builtins and openssl only.
import { createDevCertificates } from '../../testing/src/tls/devCertificates.ts';

const folder = mkdtempSync(join(tmpdir(), 'linju-pem-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const made = createDevCertificates({ out: folder, servers: { sichuan: ['127.0.0.1'], chongqing: ['127.0.0.1'] } });
const sichuan = made.servers.sichuan!;
const chongqing = made.servers.chongqing!;
const bundle = join(folder, 'bundle.crt');
writeFileSync(bundle, readFileSync(made.ca.cert, 'utf8') + readFileSync(sichuan.cert, 'utf8'));
const broken = join(folder, 'broken.crt');
writeFileSync(broken, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
const encrypted = join(folder, 'encrypted.key');
writeFileSync(encrypted, '-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIB\n-----END ENCRYPTED PRIVATE KEY-----\n');
const pair = { cert: 'LINJU_TLS_CERT', key: 'LINJU_TLS_KEY', what: "the subgraph's certificate", purpose: 'HTTPS' };

function refusal(read: () => unknown): ConfigError {
  try {
    read();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('accepted');
}

describe('PEM settings are parsed at start-up, before anything is created (docs/configuration.md)', () => {
  test('a certificate, a CA bundle and a key are read as their text', () => {
    expect(pemSetting({ CA: bundle }, 'CA', 'the CA', 'certificate')).toContain('BEGIN CERTIFICATE');
    expect(pemSetting({ KEY: sichuan.key }, 'KEY', 'the key', 'private key')).toContain('PRIVATE KEY');
    expect(pemSetting({}, 'CA', 'the CA', 'certificate')).toBeUndefined();
  });

  test('a key given as a certificate, a certificate given as a key, or a block that does not parse names the variable', () => {
    expect(refusal(() => pemSetting({ CA: made.ca.key }, 'CA', 'the CA', 'certificate'))).toMatchObject({ variable: 'CA', message: expect.stringMatching(/holds PRIVATE KEY, not a CERTIFICATE: expected the CA$/) });
    expect(refusal(() => pemSetting({ KEY: sichuan.cert }, 'KEY', 'the key', 'private key'))).toMatchObject({ variable: 'KEY', message: expect.stringContaining('holds CERTIFICATE, not a PRIVATE KEY') });
    expect(refusal(() => pemSetting({ CA: broken }, 'CA', 'the CA', 'certificate')).message).toContain('not a valid X.509 certificate');
    expect(refusal(() => pemSetting({ KEY: encrypted }, 'KEY', 'the key', 'private key')).message).toContain('encrypted private key');
  });

  test('a certificate and its own key are a pair; another key is refused, naming both variables, in one line', () => {
    expect(keyPairSetting({ LINJU_TLS_CERT: sichuan.cert, LINJU_TLS_KEY: sichuan.key }, pair)).toEqual({ cert: expect.stringContaining('CERTIFICATE'), key: expect.stringContaining('PRIVATE KEY') });
    expect(keyPairSetting({}, pair)).toBeUndefined();
    const mismatch = refusal(() => keyPairSetting({ LINJU_TLS_CERT: sichuan.cert, LINJU_TLS_KEY: chongqing.key }, pair));
    expect(mismatch).toMatchObject({ variable: 'LINJU_TLS_KEY', message: expect.stringContaining(`is not the private key of LINJU_TLS_CERT=${JSON.stringify(sichuan.cert)}'s certificate`) });
    expect(mismatch.message).not.toContain('\n');
    expect(refusal(() => keyPairSetting({ LINJU_TLS_CERT: sichuan.key, LINJU_TLS_KEY: sichuan.key }, pair))).toMatchObject({ variable: 'LINJU_TLS_CERT', message: expect.stringContaining('not a CERTIFICATE') });
    expect(refusal(() => keyPairSetting({ LINJU_TLS_CERT: sichuan.cert }, pair))).toMatchObject({ variable: 'LINJU_TLS_KEY', message: 'LINJU_TLS_KEY is not set: HTTPS needs both LINJU_TLS_CERT and LINJU_TLS_KEY' });
  });
});
