/**
 * Why a whole command stopped, for a server to answer with the right status: the gateway out of
 * reach, the caller's token refused, a store (a side's subgraph) that did not answer in time, a
 * caller not signed in or without the right, or the file or request itself.
 */
export type LedgerErrorKind = 'gateway-unreachable' | 'token-refused' | 'store-unavailable' | 'sign-in-required' | 'forbidden' | 'refused';

/**
 * The kind of a gateway refusal that is about who asks, not about the file or the request: FORBIDDEN
 * to an anonymous caller is a sign-in to make (`sign-in-required`, 401), to a signed-in one a right
 * the account lacks (`forbidden`, 403); anything else `refused` (400).
 */
export function refusalKind(error: { extensions?: Record<string, unknown> } | undefined): LedgerErrorKind {
  if (error?.extensions?.code !== 'FORBIDDEN') return 'refused';
  return error.extensions.role === 'anonymous' ? 'sign-in-required' : 'forbidden';
}

/**
 * The gateway's codes for a store that could not answer (its subgraph down or too slow, or the
 * subgraph up and its PostgreSQL down): an outage, to be retried, not a refusal of the request.
 */
export const STORE_OUTAGE_CODES: readonly string[] = ['SUBGRAPH_UNAVAILABLE', 'SUBGRAPH_TIMEOUT', 'DATABASE_UNAVAILABLE'];

/** A file or command the import refuses as a whole (nothing is written), with a message for the clerk, in Chinese. */
export class LedgerError extends Error {
  override name = 'LedgerError';

  constructor(
    message: string,
    readonly kind: LedgerErrorKind = 'refused',
  ) {
    super(message);
  }
}
