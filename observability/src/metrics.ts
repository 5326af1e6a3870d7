import type { ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { buildInfo } from './buildInfo.ts';

/** Latency buckets in seconds, from a cached lookup to a slow joint report. */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** How a request ended, for metric labels and log lines. */
export type Outcome = 'success' | 'partial' | 'error';

/**
 * Whether a GraphQL answer carries any data: a root field that is not null. `{ "sichuan": null }`
 * with an error is a refusal, not a partial answer.
 */
export function carriesData(data: unknown): boolean {
  return data !== null && typeof data === 'object' && Object.values(data).some((value) => value !== null && value !== undefined);
}

/** An error code as a label: Linju's and Apollo's codes are UPPER_SNAKE; anything else is folded, so labels stay few. */
export function errorCodeLabel(code: unknown): string {
  return typeof code === 'string' && /^[A-Z][A-Z0-9_]{0,63}$/.test(code) ? code : 'OTHER';
}

/** An operation type as a label. */
export function operationTypeLabel(type: unknown): string {
  return type === 'query' || type === 'mutation' || type === 'subscription' ? type : 'unknown';
}

/**
 * A server's own registry (several servers share a process in tests), with Node's process metrics
 * (`process_*`, `nodejs_*`) and `linju_build_info{version,commit} 1` (see buildInfo.ts). `labels`
 * are added to every series, e.g. `{ subgraph: 'sichuan' }`.
 */
export function createMetricsRegistry(labels: Record<string, string> = {}): Registry {
  const registry = new Registry();
  registry.setDefaultLabels(labels);
  collectDefaultMetrics({ register: registry });
  const { version, commit } = buildInfo();
  new Gauge({ name: 'linju_build_info', help: 'Which Linju this process runs: always 1, the version and git commit as labels', labelNames: ['version', 'commit'], registers: [registry] }).set({ version, commit }, 1);
  return registry;
}

/** What every server counts of the GraphQL requests it answers. */
export interface RequestMetrics {
  readonly requests: Counter<'operation_type' | 'outcome'>;
  readonly duration: Histogram<'operation_type' | 'outcome'>;
  readonly errors: Counter<'code'>;
}

/**
 * `<prefix>_requests_total`, `<prefix>_request_duration_seconds` (by operation type and outcome)
 * and `<prefix>_request_errors_total` (by error code: a request counts once per distinct code).
 */
export function createRequestMetrics(registry: Registry, prefix: string, what: string): RequestMetrics {
  const labelNames = ['operation_type', 'outcome'] as const;
  return {
    requests: new Counter({ name: `${prefix}_requests_total`, help: `GraphQL requests ${what}, by operation type and outcome`, labelNames, registers: [registry] }),
    duration: new Histogram({
      name: `${prefix}_request_duration_seconds`,
      help: `Time to answer a GraphQL request ${what}, in seconds`,
      labelNames,
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    }),
    errors: new Counter({ name: `${prefix}_request_errors_total`, help: `GraphQL requests ${what} that ended with an error, by error code`, labelNames: ['code'], registers: [registry] }),
  };
}

/**
 * `GET /metrics` in Prometheus's text format. No token: counts, latencies and codes only, never an
 * operation's text, a variable or an ID.
 */
export function metricsHandler(registry: Registry): RequestHandler {
  return (_request, response, next) => {
    sendMetrics(registry, response).catch(next);
  };
}

/** Answers with the registry's metrics, in Prometheus's text format: {@link metricsHandler} for a server without Express. */
export async function sendMetrics(registry: Registry, response: ServerResponse): Promise<void> {
  const text = await registry.metrics();
  response.writeHead(200, { 'content-type': registry.contentType, 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
  response.end(text);
}
