import { certificateDates, type Logger, utcDate } from '@linju/observability';
import { SubgraphFetchError } from './SubgraphFetchError.ts';
import { tlsFailureCause, tlsFailureKind } from './subgraphFailure.ts';

/** Tells the gateway's log of TLS handshakes with subgraphs that fail, once per subgraph and state. */
export interface TlsFailureLog {
  /** A request to (or a check of) the subgraph failed with `error`; a TLS failure is logged if it is news. */
  failed(name: string, error: unknown): void;
  /** The subgraph answered: a TLS failure logged before is over. */
  answered(name: string): void;
}

/** The socket's error code of a failed request: the gateway's own client's, or Node's fetch's (`cause`). */
export function errorCodeOf(error: unknown): string | undefined {
  if (error instanceof SubgraphFetchError) return error.code;
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  return typeof cause?.code === 'string' ? cause.code : undefined;
}

/**
 * The gateway's account of failed TLS handshakes: the client only learns its subgraph is
 * unavailable, and `/ready` says `tls`, so the cause is said here, to the operator: one warning
 * when a subgraph's handshakes start failing or fail differently (the code changed), one line when
 * they work again. A subgraph that stays unreachable so logs nothing more, however many requests
 * and checks meet it.
 */
export function tlsFailureLog(logger: Logger, clientCertificate?: string): TlsFailureLog {
  const failing = new Map<string, string>();
  return {
    failed(name, error) {
      const code = errorCodeOf(error);
      const cause = tlsFailureCause(name, code);
      if (!cause || failing.get(name) === code) return;
      failing.set(name, code!);
      const own = tlsFailureKind(code) === 'refused' ? ownCertificateNote(clientCertificate) : '';
      logger.warn({ subgraph: name, reason: 'tls', code }, `TLS with the ${name} subgraph failed (${code}): ${cause}${own}. Its parts of answers are null until the handshake succeeds`);
    },
    answered(name) {
      if (!failing.delete(name)) return;
      logger.info({ subgraph: name, reason: 'tls' }, `TLS with the ${name} subgraph works again`);
    },
  };
}

/** What the gateway knows of its own client certificate when a subgraph refuses a handshake: that it is out of date, if it is (it was in date at start). */
function ownCertificateNote(pem: string | undefined, now = new Date()): string {
  if (!pem) return '';
  const { notBefore, notAfter } = certificateDates(pem);
  if (now > notAfter) return `. LINJU_GATEWAY_TLS_CERT expired on ${utcDate(notAfter)}`;
  if (now < notBefore) return `. LINJU_GATEWAY_TLS_CERT is not valid until ${utcDate(notBefore)}`;
  return '';
}
