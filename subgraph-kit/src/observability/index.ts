export { createLogger, LOG_LEVELS, readLogLevel, type DestinationStream, type Logger, type LoggerOptions, type LogLevel } from './logger.ts';
export { carriesData, createMetricsRegistry, createRequestMetrics, errorCodeLabel, LATENCY_BUCKETS, metricsHandler, operationTypeLabel, type Outcome, type RequestMetrics } from './metrics.ts';
export { observeStatements } from './observeStatements.ts';
export { isSaneRequestId, REQUEST_ID_HEADER, requestIdFrom } from './requestId.ts';
export { observationOf, observationOfResponse, RequestObservation } from './RequestObservation.ts';
export { serverObservability, TRACER_NAME, type ServerObservability, type ServerObservabilityOptions } from './serverObservability.ts';
export { createTracerProvider, ensureContextManager, extractTraceContext, injectTraceContext, startTracing, type Tracing } from './tracing.ts';
export { stopOnSignals } from './stopOnSignals.ts';
