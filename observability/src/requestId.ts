import { randomUUID } from 'node:crypto';

/** The header that carries a request's ID: from the client to the gateway, the gateway to each subgraph, and back. */
export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * A request ID worth keeping: letters, digits and `._:-`, 1 to 128 characters (a UUID, a ULID, a
 * load balancer's hex ID). Anything else (spaces, quotes, newlines, two IDs joined by a comma) could
 * forge log fields or flood them, and is replaced.
 */
const SANE = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/** Whether a header value is a request ID to keep as it is. */
export function isSaneRequestId(value: unknown): value is string {
  return typeof value === 'string' && SANE.test(value);
}

/** The request's ID: the one it came with when sane, else a fresh UUID. */
export function requestIdFrom(header: string | string[] | undefined): string {
  return isSaneRequestId(header) ? header : randomUUID();
}
