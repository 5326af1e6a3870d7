import { X509Certificate, createPrivateKey } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { isIP } from 'node:net';

/**
 * An address as a certificate's subjectAltName prints it, for comparing: an IP address in its
 * canonical form (Node prints IPv6 expanded and upper-case: `FD00:0:0:0:0:0:0:1`), a DNS name in
 * lower case (names are case-insensitive).
 */
function comparable(address: string): string {
  if (isIP(address) === 6) return new URL(`http://[${address}]`).hostname.slice(1, -1);
  return address.toLowerCase();
}

/** What `npm run certs` does with a certificate already in `--out`: keep it (and until when), or make it again (and why). */
export type CertificateToKeep = { keep: true; validTo: Date } | { keep: false; why?: string };

/** `YYYY-MM-DD` of a date, in UTC. */
const day = (date: Date) => date.toISOString().slice(0, 10);

/**
 * Whether `<name>.crt` and `<name>.key` already there can be kept: both present (else made, no reason
 * to say), the certificate signed by the CA in `ca.crt` (a CA made again since signs no longer), the key
 * its own, valid now, and, for a server, naming every address it is now given. A certificate failing
 * any of these would be refused by the processes that present it or by their peers, so it is made again,
 * and the reason is said; the gateway's client certificate and each replica's are otherwise kept.
 */
export function certificateToKeep(files: { cert: string; key: string; ca: string }, addresses: readonly string[] | undefined, now: Date = new Date()): CertificateToKeep {
  if (!existsSync(files.cert) || !existsSync(files.key)) return { keep: false };
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(readFileSync(files.cert));
  } catch {
    return { keep: false, why: 'its certificate file is not a PEM certificate' };
  }
  if (existsSync(files.ca)) {
    const ca = new X509Certificate(readFileSync(files.ca));
    if (!cert.checkIssued(ca) || !cert.verify(ca.publicKey)) return { keep: false, why: `not signed by the CA in ${files.ca}` };
  }
  try {
    if (!cert.checkPrivateKey(createPrivateKey(readFileSync(files.key)))) return { keep: false, why: 'its key file holds another key' };
  } catch {
    return { keep: false, why: 'its key file is not a PEM private key' };
  }
  const validTo = new Date(cert.validTo);
  if (validTo <= now) return { keep: false, why: `expired on ${day(validTo)}` };
  if (new Date(cert.validFrom) > now) return { keep: false, why: `not valid before ${day(new Date(cert.validFrom))}` };
  // subjectAltName reads `DNS:sichuan, IP Address:10.0.1.11`.
  const named = new Set((cert.subjectAltName ?? '').split(', ').map((entry) => comparable(entry.slice(entry.indexOf(':') + 1))));
  const missing = (addresses ?? []).filter((address) => !named.has(comparable(address)));
  if (missing.length) return { keep: false, why: `it does not name ${missing.join(', ')}` };
  return { keep: true, validTo };
}
