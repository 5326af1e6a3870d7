import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { caSetting, certificateDates, ConfigError, createLogger, keyPairSetting, latestCertificate, pemSetting, watchCertificateExpiry } from '../src/index.ts';
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
const DAY = 24 * 60 * 60_000;
// Signed by the same CA, out of date: expired yesterday, valid from tomorrow, and one expiring in 10 days.
// One instant for the certificate and the date expected of it (two could fall either side of midnight UTC).
const EXPIRED_AT = new Date(Date.now() - DAY);
const expired = createDevCertificates({ out: folder, servers: { expired: ['127.0.0.1'] }, clients: [], validity: { notBefore: new Date(Date.now() - 400 * DAY), notAfter: EXPIRED_AT } }).servers.expired!;
const future = createDevCertificates({ out: folder, servers: { future: ['127.0.0.1'] }, clients: [], validity: { notBefore: new Date(Date.now() + DAY), notAfter: new Date(Date.now() + 400 * DAY) } }).servers.future!;
const expiring = createDevCertificates({ out: folder, servers: { expiring: ['127.0.0.1'] }, clients: [], days: 10 }).servers.expiring!;

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

  test('a certificate that has expired or is not valid yet is refused at start, in one line naming the variable, its file and the date', () => {
    const old = refusal(() => keyPairSetting({ LINJU_TLS_CERT: expired.cert, LINJU_TLS_KEY: expired.key }, pair));
    expect(old).toMatchObject({ variable: 'LINJU_TLS_CERT', message: expect.stringMatching(new RegExp(`^LINJU_TLS_CERT=${JSON.stringify(expired.cert).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} expired on \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC: expected the subgraph's certificate within its validity; renew it$`)) });
    expect(old.message).toContain(EXPIRED_AT.toISOString().slice(0, 10));
    const early = refusal(() => keyPairSetting({ LINJU_TLS_CERT: future.cert, LINJU_TLS_KEY: future.key }, pair));
    expect(early).toMatchObject({ variable: 'LINJU_TLS_CERT', message: expect.stringContaining(`is not valid until ${new Date(Date.now() + DAY).toISOString().slice(0, 10)}`) });
    for (const error of [old, early]) expect(error.message).not.toContain('\n');
    expect(keyPairSetting({ LINJU_TLS_CERT: expiring.cert, LINJU_TLS_KEY: expiring.key }, pair)).toBeDefined();
  });

  test('a certificate expiring within 30 days is warned of at start and again each day; one further off is not', () => {
    const lines: { level: number | string; msg: string; variable?: string }[] = [];
    const logger = createLogger('sichuan', { level: 'info', destination: { write: (line: string) => void lines.push(JSON.parse(line)) } });
    let now = new Date();
    const stop = watchCertificateExpiry(logger, 'LINJU_TLS_CERT', readFileSync(expiring.cert, 'utf8'), "the subgraph's certificate", { now: () => now, everyMs: 20 });
    expect(lines).toEqual([expect.objectContaining({ level: 'warn', variable: 'LINJU_TLS_CERT', msg: expect.stringMatching(/^LINJU_TLS_CERT \(the subgraph's certificate\) expires on .* UTC, in 10 days: renew it and restart before then$/) })]);
    now = new Date(Date.now() + 11 * DAY);
    return new Promise<void>((resolve) =>
      setTimeout(() => {
        stop();
        expect(lines.at(-1)!.msg).toContain('expired on');
        const quiet: unknown[] = [];
        watchCertificateExpiry(createLogger('sichuan', { level: 'info', destination: { write: (line: string) => void quiet.push(line) } }), 'LINJU_TLS_CERT', readFileSync(sichuan.cert, 'utf8'), 'x')();
        expect(quiet).toEqual([]);
        resolve();
      }, 100),
    );
  });

  test('a CA file none of whose certificates is valid now is refused at start, in one line; a bundle with one valid is read', () => {
    const caOnly = readFileSync(made.ca.cert, 'utf8');
    const caExpiry = certificateDates(caOnly).notAfter;
    const withExpired = join(folder, 'with-expired.crt');
    writeFileSync(withExpired, readFileSync(expired.cert, 'utf8') + caOnly);
    expect(caSetting({ CA: withExpired }, 'CA', 'the CA that signs the gateway’s client certificate')).toContain('BEGIN CERTIFICATE');
    expect(latestCertificate(readFileSync(withExpired, 'utf8'))).toBe(caOnly.trim());
    const later = new Date(caExpiry.getTime() + DAY);
    const old = refusal(() => caSetting({ CA: withExpired }, 'CA', 'the CA that signs the gateway’s client certificate', later));
    expect(old).toMatchObject({ variable: 'CA', message: `CA=${JSON.stringify(withExpired)} expired on ${caExpiry.toISOString().slice(0, 16).replace('T', ' ')} UTC (every certificate in it): expected the CA that signs the gateway’s client certificate within its validity; no certificate it signed can be verified; renew it` });
    const early = refusal(() => caSetting({ CA: made.ca.cert }, 'CA', 'the CA', new Date(Date.now() - 10 * DAY)));
    expect(early.message).toBe(`CA=${JSON.stringify(made.ca.cert)} is not valid yet: expected the CA valid now; check this host's clock or the CA's start date`);
    expect(caSetting({}, 'CA', 'the CA')).toBeUndefined();
  });
});
