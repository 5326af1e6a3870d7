import type { SubgraphConnection } from '../SubgraphDataSource.ts';
import { DEFAULT_RETRY_POLICY } from './retryReads.ts';
import { createSubgraphFetcher, type SubgraphClientTls, type SubgraphFetcher } from './subgraphFetcher.ts';

/** Default of each subgraph's timeout, in milliseconds (see `<NAME>_TIMEOUT_MS`). */
export const DEFAULT_TIMEOUT_MS = 5000;

/** How the gateway connects to its subgraphs. */
export interface SubgraphConnectionOptions {
  /** Each subgraph's timeout in milliseconds, by name; one left out gets 5000. */
  timeoutsMs?: Readonly<Record<string, number>>;
  /** Further attempts of a read after a transient failure. @default 1 */
  retries?: number;
  /** Wait before the first retry, in milliseconds. @default 100 */
  backoffMs?: number;
  /** The CA and client certificate for subgraphs served over https. @default Node's trusted CAs */
  tls?: SubgraphClientTls;
}

/** The gateway's pooled connections to its subgraphs, one pool per subgraph, and how to close them all. */
export interface SubgraphConnections {
  connectionFor(name: string): SubgraphConnection;
  /** A client of the same TLS settings for the readiness checks, whose every request may take `timeoutMs`. */
  probe(timeoutMs: number): SubgraphFetcher['fetch'];
  close(): void;
}

export function createSubgraphConnections(options: SubgraphConnectionOptions = {}): SubgraphConnections {
  const fetchers: SubgraphFetcher[] = [];
  const retry = { retries: options.retries ?? DEFAULT_RETRY_POLICY.retries, backoffMs: options.backoffMs ?? DEFAULT_RETRY_POLICY.backoffMs };
  return {
    connectionFor(name) {
      const fetcher = createSubgraphFetcher({ timeoutMs: options.timeoutsMs?.[name] ?? DEFAULT_TIMEOUT_MS, ...(options.tls && { tls: options.tls }) });
      fetchers.push(fetcher);
      return { fetcher: fetcher.fetch, retry };
    },
    probe(timeoutMs) {
      const fetcher = createSubgraphFetcher({ timeoutMs, ...(options.tls && { tls: options.tls }) });
      fetchers.push(fetcher);
      return fetcher.fetch;
    },
    close() {
      for (const fetcher of fetchers) fetcher.close();
    },
  };
}
