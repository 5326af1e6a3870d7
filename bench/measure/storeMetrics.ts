/** What a store's server has counted so far: its statements (by operation) and the requests it served. */
export interface StoreMetrics {
  statements: number;
  /** Statements and their summed time by first keyword (SELECT, INSERT: the audit entry, BEGIN …). */
  byOperation: Record<string, { count: number; seconds: number }>;
  requests: number;
  requestSeconds: number;
}

const sample = /^([a-z_]+)(?:\{([^}]*)\})? (\S+)$/;

/**
 * Reads a Prometheus text page: a subgraph's `linju_subgraph_db_statement_duration_seconds` and
 * `linju_subgraph_request_duration_seconds`, or the monolith's `linju_monolith_db_statements_total`
 * for one store schema.
 */
export function storeMetricsIn(metrics: string, store: string): StoreMetrics {
  const result: StoreMetrics = { statements: 0, byOperation: {}, requests: 0, requestSeconds: 0 };
  for (const line of metrics.split('\n')) {
    const match = sample.exec(line);
    if (!match) continue;
    const [, name, labels = '', text] = match;
    const value = Number(text);
    const operation = /operation="([^"]+)"/.exec(labels)?.[1] ?? 'OTHER';
    const entry = () => (result.byOperation[operation] ??= { count: 0, seconds: 0 });
    if (name === 'linju_subgraph_db_statement_duration_seconds_count') {
      result.statements += value;
      entry().count += value;
    } else if (name === 'linju_subgraph_db_statement_duration_seconds_sum') entry().seconds += value;
    else if (name === 'linju_subgraph_request_duration_seconds_count') result.requests += value;
    else if (name === 'linju_subgraph_request_duration_seconds_sum') result.requestSeconds += value;
    else if (name === 'linju_monolith_db_statements_total' && labels === `store="${store}"`) result.statements += value;
  }
  return result;
}

/** Reads each store's metrics: `servers` maps a store name to the base URL whose /metrics counts it. */
export async function readStoreMetrics(servers: Record<string, string>): Promise<Record<string, StoreMetrics>> {
  const entries = await Promise.all(
    Object.entries(servers).map(async ([store, base]) => [store, storeMetricsIn(await (await fetch(`${base}/metrics`)).text(), store)] as const),
  );
  return Object.fromEntries(entries);
}

/** Statements per client request of each store between two readings. */
export function statementsPerRequest(before: Record<string, StoreMetrics>, after: Record<string, StoreMetrics>, requests: number): Record<string, number> {
  return Object.fromEntries(
    Object.keys(after).map((store) => [store, requests > 0 ? Math.round(((after[store]!.statements - before[store]!.statements) / requests) * 100) / 100 : NaN]),
  );
}

/** Where a store's time went between two readings: mean request time, and mean time of each kind of statement. */
export interface StoreProfile {
  subgraphRequests: number;
  meanRequestMs: number;
  statements: Record<string, { perRequest: number; meanMs: number }>;
}

export function storeProfiles(before: Record<string, StoreMetrics>, after: Record<string, StoreMetrics>): Record<string, StoreProfile> {
  const ms = (seconds: number, count: number) => (count > 0 ? Math.round((seconds / count) * 10000) / 10 : NaN);
  return Object.fromEntries(
    Object.keys(after).map((store) => {
      const a = after[store]!;
      const b = before[store]!;
      const requests = a.requests - b.requests;
      const statements = Object.fromEntries(
        Object.entries(a.byOperation).map(([operation, { count, seconds }]) => {
          const n = count - (b.byOperation[operation]?.count ?? 0);
          return [operation, { perRequest: requests > 0 ? Math.round((n / requests) * 100) / 100 : NaN, meanMs: ms(seconds - (b.byOperation[operation]?.seconds ?? 0), n) }];
        }).filter(([, s]) => (s as { perRequest: number }).perRequest > 0),
      );
      return [store, { subgraphRequests: requests, meanRequestMs: ms(a.requestSeconds - b.requestSeconds, requests), statements }];
    }),
  );
}
