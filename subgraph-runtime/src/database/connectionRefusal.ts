import { isCertificateRejection } from '@linju/observability';
import { errorChain } from './errorChain.ts';

/** Whether a connection failed because this process refused the database server's certificate (not the server refusing it). */
export function isCertificateRefusal(error: unknown): boolean {
  return errorChain(error).some((layer) => isCertificateRejection((layer as { code?: unknown }).code));
}

/**
 * The driver's message, with its code when the message does not say it (`connect ECONNREFUSED …`
 * does; an AggregateError from trying each address of `localhost` has a code and no message).
 */
export function reasonOf(error: unknown): string {
  const { message, code } = error as { message?: unknown; code?: unknown };
  if (typeof message !== 'string' || !message) return typeof code === 'string' ? `connect ${code}` : String(error);
  return typeof code === 'string' && !message.includes(code) ? `${message} (${code})` : message;
}

/**
 * A connection to the database at `address` that failed for `reason` (password already taken out),
 * said from the right side: the database refused it (a password, a database that does not exist,
 * pg_hba.conf), or `client` (the subgraph, `npm run migrate`) refused the database's certificate
 * (expired, another CA's, another host's), with what to check.
 */
export function connectionRefusal(address: string, reason: string, error: unknown, client = 'the subgraph'): string {
  if (isCertificateRefusal(error)) {
    return `${client} refused the certificate of the database ${address}: ${reason}; check the database server's certificate (its dates, a name for the URL's host) and that the URL's sslrootcert holds the CA that signed it`;
  }
  return `the database ${address} refused the connection: ${reason}`;
}
