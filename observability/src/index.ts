export { componentLogger } from './componentLogger.ts';
export { ConfigError, exitOnConfigError, StartRefusal } from './ConfigError.ts';
export { listenOn, type ListenAddress } from './listenOn.ts';
export { createLogger, type DestinationStream, LOG_LEVELS, type Logger, type LoggerOptions, type LogLevel, readLogLevel } from './logger.ts';
export { CLIENT_ERROR_CODES, jsonErrorHandler, maskInternalErrors } from './maskErrors.ts';
export { carriesData, createMetricsRegistry, createRequestMetrics, errorCodeLabel, LATENCY_BUCKETS, metricsHandler, operationTypeLabel, type Outcome, type RequestMetrics } from './metrics.ts';
export { isReadinessProbe, READINESS_OPERATION_NAME, READINESS_QUERY } from './readinessProbe.ts';
export { isSaneRequestId, REQUEST_ID_HEADER, requestIdFrom } from './requestId.ts';
export { observationOf, observationOfResponse, RequestObservation, type TracedRequest } from './RequestObservation.ts';
export { isProduction } from './runMode.ts';
export { setting } from './setting.ts';
export { GATEWAY_URL_VARIABLE, gatewayUrlSetting, type GatewayUrlSetting } from './gatewayUrl.ts';
export { keyPairSetting, type KeyPairVariables, type PemKind, pemSetting } from './pemSetting.ts';
export { serverObservability, type ServerObservability, type ServerObservabilityOptions, TRACER_NAME } from './serverObservability.ts';
export { stopOnSignals } from './stopOnSignals.ts';
export { callerTraceOf, type CallerTrace, createTracerProvider, ensureContextManager, extractTraceContext, injectTraceContext, recordingTracerProvider, startTracing, type Tracing } from './tracing.ts';
/** For tests that read the spans a process records. */
export { InMemorySpanExporter, type ReadableSpan, type SpanExporter } from '@opentelemetry/sdk-trace-base';
export { everyMinuteAtMost } from './everyMinuteAtMost.ts';
