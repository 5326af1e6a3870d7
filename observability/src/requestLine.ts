/** What every `request` log line starts with, whoever writes it (a GraphQL server, the gateway's `/documents/`, the documents server). */
export interface RequestLineStart {
  requestId: string;
  traceId?: string;
  method: string | undefined;
  /** The client's address (see `clientAddress`), where the server knows who asked. */
  client?: string;
  /** The path, never the query string. */
  path?: string;
  status: number;
  /** How long the request took, in seconds (as its metrics observe it). */
  seconds: number;
}

/** Seconds since `started` (`process.hrtime.bigint()`). */
export function secondsSince(started: bigint): number {
  return Number(process.hrtime.bigint() - started) / 1e9;
}

/**
 * The fields a `request` line starts with, in that order, `durationMs` to a tenth of a millisecond
 * (docs/operations.md#logs); the writer adds its own after them.
 */
export function requestLineFields(start: RequestLineStart): Record<string, unknown> {
  const { requestId, traceId, method, client, path, status, seconds } = start;
  return {
    requestId,
    ...(traceId && { traceId }),
    method,
    ...(client !== undefined && { client }),
    ...(path !== undefined && { path }),
    status,
    durationMs: Math.round(seconds * 10_000) / 10,
  };
}
