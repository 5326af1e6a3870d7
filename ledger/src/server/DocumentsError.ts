/**
 * A request the documents server refuses: the HTTP status, a stable code, and the message the
 * clerk reads (Chinese, then " / " and English, as the gateway's API errors are written).
 */
export class DocumentsError extends Error {
  override name = 'DocumentsError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
