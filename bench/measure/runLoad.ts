import autocannon from 'autocannon';
import { writeVariables, type ScenarioRequest, type TokenRole, type WriteSpread } from '../scenarios.ts';
import { latencySummary, type LatencySummary } from './latencySummary.ts';

/** What one closed-loop run of a scenario against one system measured. */
export interface LoadResult {
  requests: number;
  seconds: number;
  /** Answered requests per second. */
  throughput: number;
  latencyMs: LatencySummary;
  /** A scenario of several kinds of request (the mix): each kind's count and latencies, by label. */
  byLabel?: Record<string, LatencySummary & { count: number }>;
  /** Transport errors, timeouts and non-2xx answers. */
  failed: number;
  /** 2xx answers that carry GraphQL errors; the first one's code and message. */
  graphqlErrors: number;
  firstError?: string;
}

export interface LoadOptions {
  url: string;
  requests: ScenarioRequest[];
  tokens: Record<TokenRole, string>;
  connections: number;
  seconds: number;
  /** Makes every write's idempotency key and title unique across runs. */
  tag: string;
  /** The dataset the writes' days and organizers spread over. */
  spread: WriteSpread;
}

/**
 * Runs `connections` connections for `seconds`, each sending the scenario's requests in order,
 * round and round (closed loop: a connection sends its next request when the previous one has
 * answered). Latency percentiles come from every response's time, not autocannon's buckets (which
 * have no p95); a 200 answer with `errors` counts as a GraphQL error.
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  let writes = 0;
  let graphqlErrors = 0;
  let firstError: string | undefined;
  // The label of the request whose answer came last: autocannon calls a request's `onResponse`
  // and then, synchronously, emits `response` with that answer's time.
  let answered = '';
  const onResponse = (status: number, body: string) => {
    if (status !== 200 || !body.includes('"errors"')) return;
    graphqlErrors++;
    if (!firstError) {
      try {
        const error = (JSON.parse(body) as { errors: { message: string; extensions?: { code?: string } }[] }).errors[0]!;
        firstError = `${error.extensions?.code ?? 'NO_CODE'}: ${error.message.slice(0, 200)}`;
      } catch {
        firstError = body.slice(0, 200);
      }
    }
  };
  const requests = options.requests.map((request) => {
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${options.tokens[request.role]}` };
    const body = (variables: Record<string, unknown>) => JSON.stringify({ query: request.query, variables });
    const labelled = (status: number, answer: string) => {
      answered = request.label;
      onResponse(status, answer);
    };
    if (!request.write) return { method: 'POST', headers, body: body(request.variables), onResponse: labelled };
    return {
      method: 'POST',
      headers,
      onResponse: labelled,
      setupRequest: (raw: { body?: string }) => {
        return { ...raw, body: body(writeVariables(request, options.tag, writes++, options.spread)) };
      },
    };
  });
  const latencies: number[] = [];
  const labelled = new Map<string, number[]>();
  const instance = autocannon({ url: options.url, connections: options.connections, duration: options.seconds, timeout: 30, requests });
  instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
    latencies.push(responseTime);
    const times = labelled.get(answered);
    if (times) times.push(responseTime);
    else labelled.set(answered, [responseTime]);
  });
  const result = await instance;
  latencies.sort((a, b) => a - b);
  const byLabel = labelled.size > 1
    ? Object.fromEntries([...labelled].map(([label, times]) => [label, { count: times.length, ...latencySummary(times.sort((a, b) => a - b)) }]))
    : undefined;
  return {
    requests: latencies.length,
    seconds: result.duration,
    throughput: Math.round((latencies.length / result.duration) * 10) / 10,
    latencyMs: latencySummary(latencies),
    ...(byLabel && { byLabel }),
    failed: result.errors + result.timeouts + result.non2xx,
    graphqlErrors,
    ...(firstError && { firstError }),
  };
}
