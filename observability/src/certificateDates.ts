import { X509Certificate } from 'node:crypto';
import { ConfigError } from './ConfigError.ts';
import type { Logger } from './logger.ts';
import { isCertificate, pemBlocks } from './pemBlocks.ts';

/** A process's own certificate that expires within this many days is warned of, at start and daily. */
export const CERTIFICATE_WARNING_DAYS = 30;

const DAY_MS = 24 * 60 * 60_000;

/** A certificate's validity, read from its PEM text (the first certificate: the leaf before any chain). */
export interface CertificateDates {
  notBefore: Date;
  notAfter: Date;
}

export function certificateDates(pem: string): CertificateDates {
  const certificate = new X509Certificate(certificatesOf(pem)[0] ?? pem);
  return { notBefore: new Date(certificate.validFrom), notAfter: new Date(certificate.validTo) };
}

/** Every certificate of a PEM text (a CA bundle: each CA), each as its own PEM block. */
export function certificatesOf(pem: string): string[] {
  return pemBlocks(pem)
    .filter(isCertificate)
    .map((block) => block.text);
}

/** Of a CA bundle, the certificate that stays valid the longest: what the bundle's expiry is watched by. */
export function latestCertificate(pem: string): string {
  return certificatesOf(pem).reduce((latest, next) => (certificateDates(next).notAfter > certificateDates(latest).notAfter ? next : latest));
}

/**
 * A CA file (`variable` names it, `what` says what it is for) refused at start when no certificate in
 * it is valid now: every certificate its peers present would then be refused, each handshake saying
 * no more than that the certificate has expired.
 * @throws {ConfigError} one line naming the variable, its file and the date the last one expired
 */
export function checkCaDates(variable: string, path: string, pem: string, what: string, now: Date = new Date()): void {
  const dates = certificatesOf(pem).map(certificateDates);
  if (dates.some(({ notBefore, notAfter }) => now >= notBefore && now <= notAfter)) return;
  const named = `${variable}=${JSON.stringify(path)}`;
  const last = new Date(Math.max(...dates.map(({ notAfter }) => notAfter.getTime())));
  if (last < now) throw new ConfigError(variable, `${named} expired on ${utcDate(last)}${dates.length > 1 ? ' (every certificate in it)' : ''}: expected ${what} within its validity; no certificate it signed can be verified; renew it`);
  throw new ConfigError(variable, `${named} is not valid yet${dates.length > 1 ? ' (no certificate in it)' : ''}: expected ${what} valid now; check this host's clock or the CA's start date`);
}

/** `2026-11-30 12:00 UTC`: a date as an operator reads it in one line. */
export function utcDate(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * A process's own certificate (`variable` names its file, `what` says what it is for) refused at
 * start when it is not valid now: a TLS peer would refuse it anyway, and then, under TLS 1.3, say
 * no more than that it closed the connection.
 * @throws {ConfigError} one line naming the variable, its file and the date it expired or starts
 */
export function checkCertificateDates(variable: string, path: string, pem: string, what: string, now: Date = new Date()): void {
  const { notBefore, notAfter } = certificateDates(pem);
  const named = `${variable}=${JSON.stringify(path)}`;
  if (now > notAfter) throw new ConfigError(variable, `${named} expired on ${utcDate(notAfter)}: expected ${what} within its validity; renew it`);
  if (now < notBefore) throw new ConfigError(variable, `${named} is not valid until ${utcDate(notBefore)}: expected ${what} valid now; check this host's clock or the certificate's start date`);
}

/** The warning due for a certificate expiring within {@link CERTIFICATE_WARNING_DAYS} of `now`, if one is. */
export function expiryWarning(variable: string, pem: string, what: string, now: Date = new Date()): string | undefined {
  const { notAfter } = certificateDates(pem);
  const left = notAfter.getTime() - now.getTime();
  if (left > CERTIFICATE_WARNING_DAYS * DAY_MS) return undefined;
  if (left < 0) return `${variable} (${what}) expired on ${utcDate(notAfter)}: its TLS peers refuse it; renew it and restart`;
  const days = Math.round(left / DAY_MS);
  return `${variable} (${what}) expires on ${utcDate(notAfter)}, in ${left < DAY_MS ? 'less than a day' : `${days} day${days === 1 ? '' : 's'}`}: renew it and restart before then`;
}

/**
 * Warns in `logger` when a process's own certificate expires within {@link CERTIFICATE_WARNING_DAYS}:
 * now, and once a day while the process runs (until it has expired, then daily that it has).
 * Returns what stops the daily check (the process is stopping).
 */
export function watchCertificateExpiry(logger: Logger, variable: string, pem: string, what: string, options: { now?: () => Date; everyMs?: number } = {}): () => void {
  const now = options.now ?? (() => new Date());
  const check = () => {
    const warning = expiryWarning(variable, pem, what, now());
    if (warning) logger.warn({ variable, notAfter: certificateDates(pem).notAfter.toISOString() }, warning);
  };
  check();
  const timer = setInterval(check, options.everyMs ?? DAY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
