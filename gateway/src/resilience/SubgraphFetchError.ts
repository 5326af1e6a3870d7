/**
 * Why a request to a subgraph got no HTTP answer: `timeout` (no complete answer within the
 * subgraph's timeout; the subgraph may still be working on it) or `connection` (refused, reset,
 * unreachable, or cut off mid-answer).
 */
export type SubgraphFetchFailure = 'timeout' | 'connection';

/**
 * The code the gateway gives a connection to an https subgraph that was closed right after the
 * gateway finished its side of the TLS handshake, before the subgraph accepted it: a new connection
 * (not one kept alive), no HTTP answer byte and no TLS session ticket (which a server sends once it
 * has accepted the handshake). Under TLS 1.3 that is how a subgraph refusing the gateway's client certificate shows
 * (Node says `ECONNRESET`, "socket hang up"): the client finishes its handshake before the server
 * has checked its certificate, and the server's alert is lost with the connection.
 */
export const TLS_CLOSED_IN_HANDSHAKE = 'ECONNRESET_IN_TLS_HANDSHAKE';

/** A request to a subgraph that got no (complete) HTTP answer. */
export class SubgraphFetchError extends Error {
  constructor(
    readonly failure: SubgraphFetchFailure,
    message: string,
    /** The socket error's code (`ECONNREFUSED`, `ECONNRESET` …, or {@link TLS_CLOSED_IN_HANDSHAKE}), for a connection failure. */
    readonly code?: string,
    /** The timeout that ran out, for a timeout. */
    readonly timeoutMs?: number,
    /**
     * Whether the subgraph may have read the request, and so acted on it (a write may be made): the
     * gateway had a connection open to it (its TLS handshake done) when the request went. False when
     * the request never reached it: no connection was made (refused, a name not found, a TLS handshake
     * that failed or that the subgraph refused, see {@link TLS_CLOSED_IN_HANDSHAKE}), or none was
     * open before the timeout ran out.
     */
    readonly reachedSubgraph: boolean = true,
  ) {
    super(message);
    this.name = 'SubgraphFetchError';
  }
}
