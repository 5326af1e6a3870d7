/**
 * Why a request to a subgraph got no HTTP answer: `timeout` (no complete answer within the
 * subgraph's timeout; the subgraph may still be working on it) or `connection` (refused, reset,
 * unreachable, or cut off mid-answer).
 */
export type SubgraphFetchFailure = 'timeout' | 'connection';

/** A request to a subgraph that got no (complete) HTTP answer. */
export class SubgraphFetchError extends Error {
  constructor(
    readonly failure: SubgraphFetchFailure,
    message: string,
    /** The socket error's code (`ECONNREFUSED`, `ECONNRESET` …), for a connection failure. */
    readonly code?: string,
    /** The timeout that ran out, for a timeout. */
    readonly timeoutMs?: number,
  ) {
    super(message);
    this.name = 'SubgraphFetchError';
  }
}
