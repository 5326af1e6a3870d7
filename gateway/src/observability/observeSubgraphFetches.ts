import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { context, SpanKind, SpanStatusCode, trace, type Context, type Span, type Tracer } from '@opentelemetry/api';
import { carriesData, errorCodeLabel, injectTraceContext, LATENCY_BUCKETS, observationOf, operationTypeLabel, REQUEST_ID_HEADER, type Outcome, type RequestObservation, type ServerObservability } from '@linju/observability';
import { Counter, Histogram } from 'prom-client';
import { memberFailure, type MemberStates } from '../health/memberStates.ts';

/** The gateway's metrics of its calls to subgraphs. */
export interface SubgraphFetchMetrics {
  readonly requests: Counter<'subgraph' | 'operation_type' | 'outcome'>;
  readonly duration: Histogram<'subgraph' | 'operation_type' | 'outcome'>;
  readonly errors: Counter<'subgraph' | 'code'>;
}

/**
 * `linju_gateway_subgraph_requests_total` and `linju_gateway_subgraph_request_duration_seconds`
 * (by subgraph, operation type and outcome), `linju_gateway_subgraph_errors_total` (by subgraph
 * and error code), in the gateway's registry.
 */
export function createSubgraphFetchMetrics(observability: ServerObservability): SubgraphFetchMetrics {
  const registers = [observability.registry];
  const labelNames = ['subgraph', 'operation_type', 'outcome'] as const;
  return {
    requests: new Counter({ name: 'linju_gateway_subgraph_requests_total', help: 'Requests the gateway sent to each subgraph, by operation type and outcome', labelNames, registers }),
    duration: new Histogram({
      name: 'linju_gateway_subgraph_request_duration_seconds',
      help: 'Time for a subgraph to answer the gateway, in seconds (retries included)',
      labelNames,
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    errors: new Counter({ name: 'linju_gateway_subgraph_errors_total', help: 'Errors of the gateway\'s requests to each subgraph, by error code', labelNames: ['subgraph', 'code'], registers }),
  };
}

/** The context a fetch's span belongs in: Apollo's own `gateway.fetch` span when tracing is global, else the request's span. */
function parentContext(observation: RequestObservation | undefined): Context {
  const active = context.active();
  if (!observation?.traced) return active;
  const activeTrace = trace.getSpan(active)?.spanContext().traceId;
  return activeTrace === observation.traced.span.spanContext().traceId ? active : observation.traced.context;
}

/** The fetch's CLIENT span, child of the request's, whose `traceparent` goes to the subgraph with the request. */
function startFetchSpan(tracer: Tracer, name: string, operationType: string, request: GraphQLDataSourceProcessOptions['request'], observation: RequestObservation | undefined, setHeader: (name: string, value: string) => void): Span {
  const parent = parentContext(observation);
  const span = tracer.startSpan(
    `subgraph ${name}`,
    {
      kind: SpanKind.CLIENT,
      attributes: {
        'linju.subgraph': name,
        'graphql.operation.type': operationType,
        ...(request.operationName && { 'graphql.operation.name': request.operationName }),
      },
    },
    parent,
  );
  injectTraceContext(trace.setSpan(parent, span), setHeader);
  return span;
}

function codeOf(error: unknown): string {
  const { extensions, code } = (error ?? {}) as { extensions?: { code?: unknown }; code?: unknown };
  // A GraphQL error's code, else a network error's (ECONNREFUSED, ETIMEDOUT …).
  return errorCodeLabel(extensions?.code ?? code ?? 'SUBGRAPH_FETCH_FAILED');
}

/** Tells `members` whether the subgraph answered: an error it did not say (thrown, not a subgraph failure) tells nothing. */
function noteMember(members: MemberStates | undefined, name: string, errors: readonly unknown[], answered: boolean): void {
  if (!members) return;
  const reason = memberFailure(errors);
  if (reason) members.down(name, reason);
  else if (answered) members.up(name);
}

/**
 * Observes every operation the gateway sends to one subgraph, on the data source itself (so its
 * own behaviour, retries included, stays as it is): a CLIENT span `subgraph <name>` child of the
 * request's, whose W3C `traceparent` the subgraph receives (tracing off: no span, the caller's
 * `traceparent` passed on as it came), the request's ID in `x-request-id`, and the metrics above;
 * `members` hears whether the subgraph answered (its log says when it becomes unavailable and when
 * it is back). Health checks and schema loading pass through untouched.
 */
export function observeSubgraphFetches<Source extends GraphQLDataSource>(
  name: string,
  source: Source,
  observability: ServerObservability,
  metrics: SubgraphFetchMetrics,
  members?: MemberStates,
): Source {
  const send = source.process.bind(source);
  const { tracer } = observability;
  source.process = async (options: GraphQLDataSourceProcessOptions) => {
    // GraphQLDataSourceRequestKind.INCOMING_OPERATION (the enum is not exported).
    if ((options.kind as string) !== 'incoming operation') return send(options);
    const { request } = options;
    const observation = observationOf(options.context);
    const operationType = operationTypeLabel(/^\s*(query|mutation|subscription)\b/.exec(request.query ?? '')?.[1] ?? 'query');
    // The data source copies these headers into the request it sends (and into each retry).
    const http = (request.http ??= { method: 'POST', url: '', headers: new Headers() });
    if (observation) {
      http.headers.set(REQUEST_ID_HEADER, observation.requestId);
      observation.subgraphCalls.push(name);
    }
    const setHeader = (header: string, value: string) => http.headers.set(header, value);
    const span = tracer && startFetchSpan(tracer, name, operationType, request, observation, setHeader);
    for (const [header, value] of Object.entries(observation?.callerTrace?.headers ?? {})) setHeader(header, value);

    const started = process.hrtime.bigint();
    let outcome: Outcome = 'error';
    let codes: string[] = [];
    try {
      const response = await send(options);
      codes = [...new Set((response.errors ?? []).map((error) => errorCodeLabel(error.extensions?.['code'] ?? 'INTERNAL_SERVER_ERROR')))].sort();
      outcome = codes.length === 0 ? 'success' : carriesData(response.data) ? 'partial' : 'error';
      noteMember(members, name, response.errors ?? [], true);
      return response;
    } catch (error) {
      codes = [codeOf(error)];
      noteMember(members, name, [error], false);
      throw error;
    } finally {
      const labels = { subgraph: name, operation_type: operationType, outcome };
      metrics.requests.inc(labels);
      metrics.duration.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
      for (const code of codes) metrics.errors.inc({ subgraph: name, code });
      if (span) {
        span.setAttribute('linju.outcome', outcome);
        if (codes.length > 0) span.setAttribute('linju.error_codes', codes);
        if (outcome === 'error') span.setStatus({ code: SpanStatusCode.ERROR, message: codes.join(', ') });
        span.end();
      }
    }
  };
  return source;
}

