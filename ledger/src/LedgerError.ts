/** Why a whole command stopped, for a server to answer with the right status: the gateway out of reach, the caller's token refused, or the file or request itself. */
export type LedgerErrorKind = 'gateway-unreachable' | 'token-refused' | 'refused';

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
