/** A file or command the import refuses as a whole (nothing is written), with a message for the clerk, in Chinese. */
export class LedgerError extends Error {
  override name = 'LedgerError';
}
