import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';

/**
 * A private certificate authority for development and tests, made with Debian's `openssl` (Node's
 * crypto makes keys, not X.509 certificates): `ca.crt`/`ca.key`, a server certificate per member
 * (`<name>.crt`/`<name>.key`, its addresses in subjectAltName) and client certificates (for the
 * gateway's mutual TLS). Keys are written 0600. Never for production: an office's own CA issues
 * those (docs/separate-hosts.md).
 */
export interface DevCertificateOptions {
  /** The folder to write into (made if missing). An existing `ca.crt` and `ca.key` there are kept and sign the new certificates. */
  out: string;
  /** Each server's name and the IP addresses or DNS names it is reached at: `{ sichuan: ['10.77.1.2'] }`. The name itself is added as a DNS name. */
  servers: Readonly<Record<string, readonly string[]>>;
  /** Client certificates to make, by name (the certificate's CN). @default ['gateway'] */
  clients?: readonly string[];
  /** Validity in days. @default 825 */
  days?: number;
  /**
   * For tests of certificates out of date: the servers' and clients' validity from `notBefore` to
   * `notAfter` instead of `days` from now (the CA keeps `days`). OpenSSL 3.0's `x509 -req` takes no
   * start date, so these are signed by `openssl ca`.
   */
  validity?: { notBefore: Date; notAfter: Date };
}

/** Where each file was written. */
export interface DevCertificates {
  ca: { cert: string; key: string };
  servers: Record<string, { cert: string; key: string }>;
  clients: Record<string, { cert: string; key: string }>;
}

/** A certificate's name: letters, digits, `-`, `_`, `.` (it names the files too). */
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

function openssl(args: readonly string[], cwd: string): void {
  const result = spawnSync('openssl', args, { cwd, encoding: 'utf8' });
  if (result.error) throw new Error(`openssl could not run (${result.error.message}): install Debian's openssl package`);
  if (result.status !== 0) throw new Error(`openssl ${args[0]} failed (${result.status ?? result.signal}): ${result.stderr || result.stdout}`);
}

/** `IP:10.77.1.2, DNS:sichuan …` for subjectAltName. */
export function subjectAltName(name: string, hosts: readonly string[]): string {
  const entries = [...new Set([name, ...hosts])].map((host) => {
    if (isIP(host)) return `IP:${host}`;
    if (!/^[A-Za-z0-9*][A-Za-z0-9.-]*$/.test(host)) throw new Error(`${host} is neither an IP address nor a DNS name`);
    return `DNS:${host}`;
  });
  return entries.join(', ');
}

/** `YYYYMMDDHHMMSSZ`, as `openssl ca` takes a date. */
function generalizedTime(date: Date): string {
  return `${date.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;
}

/** Signs `csr` with the CA in `out` for exactly `validity`, by `openssl ca` in a scratch folder of its own. */
function signForDates(out: string, csr: string, ext: string, cert: string, validity: { notBefore: Date; notAfter: Date }): void {
  const scratch = mkdtempSync(join(out, '.ca-'));
  try {
    writeFileSync(join(scratch, 'index.txt'), '');
    writeFileSync(join(scratch, 'serial'), `${randomBytes(16).toString('hex')}\n`);
    const config = join(scratch, 'ca.cnf');
    writeFileSync(
      config,
      ['[ca]', 'default_ca = dev', '[dev]', `database = ${join(scratch, 'index.txt')}`, `new_certs_dir = ${scratch}`, `serial = ${join(scratch, 'serial')}`, 'default_md = sha256', 'policy = any', 'unique_subject = no', '[any]', 'commonName = supplied', ''].join('\n'),
    );
    openssl(['ca', '-batch', '-notext', '-config', config, '-cert', 'ca.crt', '-keyfile', 'ca.key', '-in', csr, '-out', cert, '-extfile', ext, '-startdate', generalizedTime(validity.notBefore), '-enddate', generalizedTime(validity.notAfter)], out);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Signs a new key's certificate with the CA in `out`; `extensions` are its X.509v3 extensions. */
function issue(out: string, name: string, extensions: readonly string[], days: number, validity?: { notBefore: Date; notAfter: Date }): { cert: string; key: string } {
  if (!NAME.test(name)) throw new Error(`${name} cannot name a certificate (letters, digits, '.', '-', '_')`);
  const cert = join(out, `${name}.crt`);
  const key = join(out, `${name}.key`);
  const csr = join(out, `${name}.csr`);
  const ext = join(out, `${name}.ext`);
  writeFileSync(ext, `${extensions.join('\n')}\n`);
  try {
    openssl(['req', '-new', ...KEY, '-keyout', key, '-out', csr, '-subj', `/O=Linju development/CN=${name}`], out);
    chmodSync(key, 0o600);
    if (validity) signForDates(out, csr, ext, cert, validity);
    else openssl(['x509', '-req', '-in', csr, '-CA', 'ca.crt', '-CAkey', 'ca.key', '-set_serial', `0x${randomBytes(16).toString('hex')}`, '-days', String(days), '-sha256', '-extfile', ext, '-out', cert], out);
  } finally {
    rmSync(csr, { force: true });
    rmSync(ext, { force: true });
  }
  return { cert, key };
}

/** Makes (or keeps) the CA, then a certificate for each server and each client. */
export function createDevCertificates(options: DevCertificateOptions): DevCertificates {
  const { out } = options;
  const days = options.days ?? 825;
  mkdirSync(out, { recursive: true });
  const ca = { cert: join(out, 'ca.crt'), key: join(out, 'ca.key') };
  if (!existsSync(ca.cert) || !existsSync(ca.key)) {
    openssl(
      ['req', '-x509', ...KEY, '-keyout', ca.key, '-out', ca.cert, '-days', String(days), '-sha256', '-subj', '/O=Linju development/CN=Linju development CA',
        '-addext', 'basicConstraints=critical,CA:TRUE,pathlen:0', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'],
      out,
    );
  }
  chmodSync(ca.key, 0o600);
  const leaf = ['basicConstraints=critical,CA:FALSE', 'keyUsage=critical,digitalSignature,keyEncipherment'];
  const servers = Object.fromEntries(
    Object.entries(options.servers).map(([name, hosts]) => [name, issue(out, name, [...leaf, 'extendedKeyUsage=serverAuth', `subjectAltName=${subjectAltName(name, hosts)}`], days, options.validity)]),
  );
  const clients = Object.fromEntries((options.clients ?? ['gateway']).map((name) => [name, issue(out, name, [...leaf, 'extendedKeyUsage=clientAuth'], days, options.validity)]));
  return { ca, servers, clients };
}
