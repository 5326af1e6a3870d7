import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { context, SpanKind, SpanStatusCode, trace, type Span, type Tracer, type TracerProvider } from '@opentelemetry/api';
import type { RequestHandler } from 'express';
import type { Registry } from 'prom-client';
import type { Caller } from '@linju/access';
import { clientAddress } from './clientAddress.ts';
import type { Logger } from './logger.ts';
import { createMetricsRegistry, createRequestMetrics, errorCodeLabel, metricsHandler, type Outcome, type RequestMetrics } from './metrics.ts';
import { isReadinessProbe } from './readinessProbe.ts';
import { REQUEST_ID_HEADER, requestIdFrom } from './requestId.ts';
import { requestLineFields, secondsSince } from './requestLine.ts';
import { attachObservation, linkObservation, observationOf, observationOfResponse, RequestObservation, type TracedRequest } from './RequestObservation.ts';
import { callerTraceOf, ensureContextManager, extractTraceContext, recordingTracerProvider } from './tracing.ts';

/** The instrumentation scope of Linju's own spans. */
export const TRACER_NAME = '@linju/observability';

/** How to observe one server. */
export interface ServerObservabilityOptions {
  /** `gateway`, or the subgraph's name. */
  name: string;
  /** Metric names start with `linju_gateway_` or `linju_subgraph_` (the latter labelled with `subgraph`). */
  kind: 'gateway' | 'subgraph';
  logger: Logger;
  /**
   * Where spans go. @default the global provider: a no-op unless `startTracing` registered one.
   * Decided when the server is built: with a no-op provider, tracing is off for good.
   */
  tracerProvider?: TracerProvider;
  /**
   * The balancers whose `X-Forwarded-For` says who the client is (`LINJU_TRUSTED_PROXIES`); the
   * request line's `client` is otherwise the socket's peer (see `clientAddress`). @default none
   */
  trustedProxies?: ReadonlySet<string>;
}

/** Logs, traces and metrics of one server's GraphQL requests. */
export interface ServerObservability {
  readonly logger: Logger;
  /** What the server's spans are made with; undefined when tracing is off (then nothing makes spans or touches a context). */
  readonly tracer: Tracer | undefined;
  /** The server's metrics, served by {@link metricsHandler}. */
  readonly registry: Registry;
  readonly requestMetrics: RequestMetrics;
  /**
   * First in the GraphQL route's chain: gives the request its ID (the client's when sane, else a
   * new one) and returns it in `x-request-id`, continues the caller's W3C trace in a server span
   * (tracing off: only notes the caller's `traceparent`, to pass on), and when the response is sent
   * writes the request's one log line and its metrics.
   */
  readonly middleware: RequestHandler;
  /** Apollo plugin: the operation's name and type, and the answer's error codes. */
  plugin<Context extends BaseContext>(): ApolloServerPlugin<Context>;
  /**
   * Builds the request's GraphQL context and links it to the request's observation (the caller's
   * role included); a context that cannot be built (a refused token) is noted with its error code.
   */
  context<Context extends object>(response: ServerResponse, build: () => Context | Promise<Context>): Promise<Context>;
  /** `GET /metrics`. */
  readonly metricsHandler: RequestHandler;
}

/** Logs and metrics are about requests: the status says whether the server failed. */
function levelOf(status: number, codes: readonly string[], probe: boolean): 'debug' | 'info' | 'error' {
  if (status >= 500 || codes.includes('INTERNAL_SERVER_ERROR')) return 'error';
  // A readiness probe answered: several a second behind a balancer, nothing to read at info.
  return probe && status < 400 && codes.length === 0 ? 'debug' : 'info';
}

/** The request's SERVER span, child of the caller's, and the context the rest of the request runs in. */
function startRequestSpan(tracer: Tracer, request: IncomingMessage, name: string, requestId: string): TracedRequest {
  const parent = extractTraceContext(request.headers);
  const span = tracer.startSpan(
    `${request.method} /graphql`,
    { kind: SpanKind.SERVER, attributes: { 'http.request.method': request.method, 'http.route': '/graphql', 'linju.server': name, 'linju.request_id': requestId } },
    parent,
  );
  return { span, context: trace.setSpan(parent, span) };
}

/** Ends the request's span with what the log line says of it. */
function endRequestSpan(span: Span, observation: RequestObservation, status: number, outcome: Outcome, errorCodes: string[]): void {
  span.setAttributes({
    'http.response.status_code': status,
    'graphql.operation.type': observation.operationType,
    'linju.outcome': outcome,
    ...(observation.operationName && { 'graphql.operation.name': observation.operationName }),
    ...(observation.role && { 'linju.caller.role': observation.role }),
    ...(errorCodes.length > 0 && { 'linju.error_codes': errorCodes }),
  });
  if (outcome === 'error') span.setStatus({ code: SpanStatusCode.ERROR, message: errorCodes.join(', ') });
  span.end();
}

export function serverObservability(options: ServerObservabilityOptions): ServerObservability {
  const { name, kind, logger, trustedProxies = new Set<string>() } = options;
  const provider = recordingTracerProvider(options.tracerProvider);
  // Only a server that records spans needs request contexts (and pays for them).
  if (provider) ensureContextManager();
  const tracer = provider?.getTracer(TRACER_NAME);
  const registry = createMetricsRegistry(kind === 'subgraph' ? { subgraph: name } : {});
  const requestMetrics = createRequestMetrics(registry, `linju_${kind}`, kind === 'gateway' ? 'answered by the gateway' : 'answered by this subgraph');

  const middleware: RequestHandler = (request, response, next) => {
    const started = process.hrtime.bigint();
    const requestId = requestIdFrom(request.headers[REQUEST_ID_HEADER]);
    // Now: once the connection is closed (a balancer's, the instant it has the answer) its socket names no peer.
    const client = clientAddress(request, trustedProxies);
    response.setHeader(REQUEST_ID_HEADER, requestId);
    const traced = tracer && startRequestSpan(tracer, request, name, requestId);
    const observation = traced ? new RequestObservation(requestId, traced) : new RequestObservation(requestId, undefined, callerTraceOf(request.headers));
    attachObservation(response, observation);
    // Refusals made before Apollo (limits, a body too large, a missing signature) answer with res.json.
    const json = response.json.bind(response);
    response.json = (body?: unknown) => {
      observation.noteBody(body);
      return json(body);
    };
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      const completed = response.writableFinished;
      const status = response.statusCode;
      observation.settle();
      if (!completed) observation.errorCodes.add('CLIENT_CLOSED_REQUEST');
      else if (status >= 400 && observation.errorCodes.size === 0) observation.errorCodes.add(errorCodeLabel(`HTTP_${status}`));
      const outcome = observation.outcome(status, completed);
      const errorCodes = [...observation.errorCodes].sort();
      const seconds = secondsSince(started);
      const labels = { operation_type: observation.operationType, outcome };
      requestMetrics.requests.inc(labels);
      requestMetrics.duration.observe(labels, seconds);
      for (const code of errorCodes) requestMetrics.errors.inc({ code });
      if (traced) endRequestSpan(traced.span, observation, status, outcome, errorCodes);
      logger[levelOf(status, errorCodes, isReadinessProbe((request as { body?: unknown }).body))](
        {
          ...requestLineFields({ requestId, ...(observation.traceId && { traceId: observation.traceId }), method: request.method, client, status, seconds }),
          operationName: observation.operationName,
          operationType: observation.operationType,
          role: observation.role,
          outcome,
          errorCodes,
          ...(observation.subgraphCalls.length > 0 && { subgraphs: observation.subgraphCalls }),
          ...(observation.cache && { cache: observation.cache }),
        },
        'request',
      );
    };
    response.once('finish', finish);
    response.once('close', finish);
    if (!traced) return next();
    // The body is read from the request's events, which fire outside this call: bind them to the
    // request's context, so what runs after parsing (Apollo, resolvers, SQL) sees its span.
    context.bind(traced.context, request);
    context.with(traced.context, next);
  };

  return {
    logger,
    tracer,
    registry,
    requestMetrics,
    middleware,
    metricsHandler: metricsHandler(registry),
    plugin<Context extends BaseContext>(): ApolloServerPlugin<Context> {
      return {
        async requestDidStart({ contextValue }) {
          const observation = observationOf(contextValue);
          if (!observation) return;
          return {
            async didResolveOperation({ operation, operationName }) {
              observation.noteOperation(operationName, operation?.operation);
            },
            async willSendResponse({ request, response, errors }) {
              // A request that did not parse still says which operation it meant.
              if (observation.operationName === null) observation.noteOperation(request.operationName, undefined);
              observation.noteApolloResponse(response);
              // The body as sent (after masking, and after any plugin that replaced it).
              if (response.body.kind === 'single') observation.noteBody(response.body.singleResult);
              else observation.noteErrors(errors);
            },
          };
        },
      };
    },
    async context<Context extends object>(response: ServerResponse, build: () => Context | Promise<Context>): Promise<Context> {
      const observation = observationOfResponse(response);
      let value: Context;
      try {
        value = await build();
      } catch (error) {
        observation?.noteErrors([error as { extensions?: Record<string, unknown> }]);
        throw error;
      }
      if (observation) {
        const caller = (value as { caller?: Caller }).caller;
        if (caller) observation.role = caller.role;
        linkObservation(value, observation);
      }
      return value;
    },
  };
}
