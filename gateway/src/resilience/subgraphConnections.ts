import { componentLogger, type Logger } from '@linju/observability';
import type { ProbeFetch } from '../health/gatewayHealthRouter.ts';
import type { SubgraphConnection } from '../SubgraphDataSource.ts';
import { DEFAULT_RETRY_POLICY } from './retryReads.ts';
import { createSubgraphFetcher, type SubgraphClientTls, type SubgraphFetcher } from './subgraphFetcher.ts';
import { tlsFailureLog, type TlsFailureLog } from './tlsFailureLog.ts';

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
  /** Where failed TLS handshakes are told (once per subgraph and state). @default the process's `gateway` logger */
  logger?: Logger;
}

/** The gateway's pooled connections to its subgraphs, one pool per subgraph, and how to close them all. */
export interface SubgraphConnections {
  connectionFor(name: string): SubgraphConnection;
  /** A client of the same TLS settings for the readiness checks, whose every request may take `timeoutMs`; `subgraph` names whom it checks. */
  probe(timeoutMs: number): ProbeFetch;
  close(): void;
}

export function createSubgraphConnections(options: SubgraphConnectionOptions = {}): SubgraphConnections {
  const fetchers: SubgraphFetcher[] = [];
  const retry = { retries: options.retries ?? DEFAULT_RETRY_POLICY.retries, backoffMs: options.backoffMs ?? DEFAULT_RETRY_POLICY.backoffMs };
  const tlsFailures = tlsFailureLog(options.logger ?? componentLogger('gateway'), options.tls?.cert);
  const newFetcher = (timeoutMs: number) => {
    const fetcher = createSubgraphFetcher({ timeoutMs, ...(options.tls && { tls: options.tls }) });
    fetchers.push(fetcher);
    return fetcher;
  };
  return {
    connectionFor(name) {
      const fetcher = newFetcher(options.timeoutsMs?.[name] ?? DEFAULT_TIMEOUT_MS);
      return { fetcher: (url, init) => told(tlsFailures, name, fetcher.fetch(url, init)), retry };
    },
    probe(timeoutMs) {
      const fetcher = newFetcher(timeoutMs);
      return (url, { subgraph, ...init }) => told(tlsFailures, subgraph ?? new URL(url).host, fetcher.fetch(url, init));
    },
    close() {
      for (const fetcher of fetchers) fetcher.close();
    },
  };
}

/** `request`, its outcome told to the log of TLS failures (an answer of any status ends one). */
async function told<T>(log: TlsFailureLog, name: string, request: Promise<T>): Promise<T> {
  try {
    const answer = await request;
    log.answered(name);
    return answer;
  } catch (error) {
    log.failed(name, error);
    throw error;
  }
}
