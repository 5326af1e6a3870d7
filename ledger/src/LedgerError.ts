/**
 * Why a whole command stopped, for a server to answer with the right status: the gateway out of
 * reach, the caller's token refused, a store (a side's subgraph) that did not answer in time, or the
 * file or request itself.
 */
export type LedgerErrorKind = 'gateway-unreachable' | 'token-refused' | 'store-unavailable' | 'refused';

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
