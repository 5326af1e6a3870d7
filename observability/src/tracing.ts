import type { IncomingHttpHeaders } from 'node:http';
import { context, defaultTextMapGetter, ProxyTracerProvider, ROOT_CONTEXT, trace, type Context, type TracerProvider } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { defaultResource, resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, ConsoleSpanExporter, SimpleSpanProcessor, type SpanExporter, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { ConfigError } from './ConfigError.ts';
import { setting } from './setting.ts';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

/** The exporters `OTEL_TRACES_EXPORTER` may name. */
const EXPORTERS = ['otlp', 'console', 'none'] as const;
type ExporterName = (typeof EXPORTERS)[number];

/** Tracing as the environment configures it. */
export interface Tracing {
  /** Whether spans are recorded and exported at all. */
  readonly enabled: boolean;
  /** The exporters in use (`otlp`, `console`); empty when tracing is off. */
  readonly exporters: readonly string[];
  /** Where the OTLP exporter sends spans, when it is on. */
  readonly otlpEndpoint?: string;
  /** The provider spans are made with: the SDK's when on, the API's no-op one when off. */
  readonly tracerProvider: TracerProvider;
  /** Sends the spans still buffered and stops exporting (call it at shutdown). */
  shutdown(): Promise<void>;
}

function exporterNames(env: NodeJS.ProcessEnv): ExporterName[] {
  const listed = setting(env, 'OTEL_TRACES_EXPORTER');
  if (listed === undefined) {
    // An endpoint alone is the usual way to ask for OTLP; nothing set means nothing leaves.
    const endpoint = setting(env, 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT') ?? setting(env, 'OTEL_EXPORTER_OTLP_ENDPOINT');
    return endpoint ? ['otlp'] : [];
  }
  const names = listed.split(',').map((name) => name.trim().toLowerCase()).filter(Boolean);
  for (const name of names) {
    if (!(EXPORTERS as readonly string[]).includes(name)) {
      throw ConfigError.invalid('OTEL_TRACES_EXPORTER', listed, `a comma-separated list of ${EXPORTERS.join(', ')}`);
    }
  }
  return names.includes('none') ? [] : [...new Set(names as ExporterName[])];
}

function readUrl(env: NodeJS.ProcessEnv, variable: string): URL | undefined {
  const value = setting(env, variable);
  if (value === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw ConfigError.invalid(variable, value, 'an http(s) URL such as http://127.0.0.1:4318');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw ConfigError.invalid(variable, value, 'an http: or https: URL');
  return url;
}

/**
 * Refuses an OTLP protocol other than HTTP/JSON, even before an endpoint is set (a setting the
 * process would ignore today would change what it sends the day an endpoint is added); not when
 * tracing is switched off, where nothing of it is read.
 */
function checkOtlpProtocol(env: NodeJS.ProcessEnv): void {
  const protocolVariable = setting(env, 'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL') ? 'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL' : 'OTEL_EXPORTER_OTLP_PROTOCOL';
  const protocol = setting(env, protocolVariable);
  if (protocol !== undefined && protocol !== 'http/json') {
    throw new ConfigError(protocolVariable, `Unsupported ${protocolVariable}=${JSON.stringify(protocol)}: Linju exports OTLP over HTTP as JSON; set it to "http/json" or leave it unset`);
  }
}

/**
 * The OTLP traces endpoint, as the specification derives it: `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`
 * as it is, else `OTEL_EXPORTER_OTLP_ENDPOINT` + `/v1/traces`, else the local collector's default.
 */
function otlpEndpoint(env: NodeJS.ProcessEnv): string {
  const traces = readUrl(env, 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT');
  if (traces) return traces.href;
  const base = readUrl(env, 'OTEL_EXPORTER_OTLP_ENDPOINT');
  if (base) return `${base.href.replace(/\/+$/, '')}/v1/traces`;
  return 'http://localhost:4318/v1/traces';
}

let contextManagerChecked = false;

/**
 * Makes `context.with` and `context.active` work in this process (an AsyncLocalStorage context
 * manager), so spans nest whether or not the tracer provider was registered globally. Called only
 * when spans are recorded: the manager costs every request its async-context bookkeeping. Registering
 * twice is harmless: the first manager stays.
 */
export function ensureContextManager(): void {
  if (contextManagerChecked) return;
  contextManagerChecked = true;
  const manager = new AsyncLocalStorageContextManager().enable();
  if (!context.setGlobalContextManager(manager)) manager.disable();
}

/**
 * `OTEL_RESOURCE_ATTRIBUTES` (`key=value,…`, values percent-encoded; a malformed pair is skipped, as
 * the specification allows) and `OTEL_SERVICE_NAME`, which wins over a `service.name` among them.
 */
function resourceAttributes(env: NodeJS.ProcessEnv): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const pair of (setting(env, 'OTEL_RESOURCE_ATTRIBUTES') ?? '').split(',')) {
    const at = pair.indexOf('=');
    if (at <= 0) continue;
    try {
      attributes[pair.slice(0, at).trim()] = decodeURIComponent(pair.slice(at + 1).trim());
    } catch {
      // Not percent-encoded properly: left out.
    }
  }
  const serviceName = setting(env, 'OTEL_SERVICE_NAME');
  if (serviceName) attributes['service.name'] = serviceName;
  return attributes;
}

function resourceFor(serviceName: string, env: NodeJS.ProcessEnv) {
  return defaultResource().merge(resourceFromAttributes({ 'service.name': `linju-${serviceName}`, ...resourceAttributes(env) }));
}

/**
 * Tracing of one process, from the standard OpenTelemetry variables. Off (no span made, no context
 * manager registered, no connection opened: nothing per request) unless `OTEL_TRACES_EXPORTER` names an exporter or an OTLP endpoint is set
 * (`OTEL_EXPORTER_OTLP_ENDPOINT`, `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`); `OTEL_SDK_DISABLED=true`
 * turns it off whatever else is set. When on, the provider is registered globally (so
 * `@apollo/gateway`'s own spans join the traces), with W3C trace context; sampling follows
 * `OTEL_TRACES_SAMPLER`, batching `OTEL_BSP_*`, the exporter's headers and timeout
 * `OTEL_EXPORTER_OTLP_*`. The exporter's code is loaded only when it is configured.
 *
 * @param serviceName the server's name; `service.name` is `linju-<serviceName>` unless `OTEL_SERVICE_NAME` says otherwise
 * @throws naming the variable, on an unknown exporter, an unsupported protocol or a malformed endpoint
 */
export async function startTracing(serviceName: string, options: { env?: NodeJS.ProcessEnv; register?: boolean } = {}): Promise<Tracing> {
  const env = options.env ?? process.env;
  const disabled = setting(env, 'OTEL_SDK_DISABLED')?.toLowerCase() === 'true';
  const names = disabled ? [] : exporterNames(env);
  // Switched off (OTEL_SDK_DISABLED, or an exporter list that names none): nothing of the rest is read.
  const off = disabled || (setting(env, 'OTEL_TRACES_EXPORTER') !== undefined && names.length === 0);
  if (!off) checkOtlpProtocol(env);
  // Off: nothing registered (no context manager, no provider), so a request pays nothing for tracing.
  if (names.length === 0) return { enabled: false, exporters: [], tracerProvider: trace.getTracerProvider(), shutdown: async () => {} };
  ensureContextManager();

  const processors: SpanProcessor[] = [];
  let endpoint: string | undefined;
  if (names.includes('otlp')) {
    endpoint = otlpEndpoint(env);
    const { OTLPTraceExporter } = await import('@opentelemetry/exporter-trace-otlp-http');
    processors.push(new BatchSpanProcessor(new OTLPTraceExporter({ url: endpoint })));
  }
  if (names.includes('console')) processors.push(new SimpleSpanProcessor(new ConsoleSpanExporter()));
  const provider = new NodeTracerProvider({ resource: resourceFor(serviceName, env), spanProcessors: processors });
  if (options.register !== false) provider.register();
  return {
    enabled: true,
    exporters: names,
    ...(endpoint && { otlpEndpoint: endpoint }),
    tracerProvider: provider,
    shutdown: () => provider.shutdown(),
  };
}

/**
 * A tracer provider that hands every span to one exporter as soon as it ends, not registered
 * globally: for tests, which pass it to each server they start (with an `InMemorySpanExporter`).
 */
export function createTracerProvider(options: { serviceName: string; exporter: SpanExporter }): NodeTracerProvider {
  ensureContextManager();
  // Not the environment's names: a test tells servers apart by `linju-<name>`.
  return new NodeTracerProvider({ resource: resourceFor(options.serviceName, {}), spanProcessors: [new SimpleSpanProcessor(options.exporter)] });
}

const propagator = new W3CTraceContextPropagator();

/** The trace a request continues: its `traceparent` (and `tracestate`), or none. */
export function extractTraceContext(headers: IncomingHttpHeaders): Context {
  return propagator.extract(ROOT_CONTEXT, headers, defaultTextMapGetter);
}

/** Writes `traceparent` (and `tracestate`) for the span active in `traceContext`. */
export function injectTraceContext(traceContext: Context, set: (name: string, value: string) => void): void {
  propagator.inject(traceContext, undefined, { set: (_carrier, name, value) => set(name, value) });
}

/** The provider every span-less proxy hands out: the API's no-op one. */
const NOOP_DELEGATE = new ProxyTracerProvider().getDelegate();

/**
 * The provider a server's spans go to: the one given, else the one registered globally (see
 * {@link startTracing}); undefined when neither records anything, which means tracing is off.
 */
export function recordingTracerProvider(given?: TracerProvider): TracerProvider | undefined {
  const provider = given ?? trace.getTracerProvider();
  return provider instanceof ProxyTracerProvider && provider.getDelegate() === NOOP_DELEGATE ? undefined : provider;
}

/** A caller's W3C trace context, as the headers it came in, for a server that records no spans to pass on. */
export interface CallerTrace {
  /** The trace's ID, for the log line. */
  readonly traceId: string;
  /** `traceparent` (and `tracestate`), as they came. */
  readonly headers: { readonly traceparent: string; readonly tracestate?: string };
}

/** A `traceparent` as W3C Trace Context defines it (version `ff` is invalid; version 00 has nothing after the flags). */
const TRACEPARENT = /^\s?((?!ff)[\da-f]{2})-([\da-f]{32})-([\da-f]{16})-([\da-f]{2})(-.*)?\s?$/;
const ZEROS = /^0+$/;
/**
 * A `tracestate` OpenTelemetry would keep: at most 512 characters of `key=value` entries separated
 * by commas (W3C Trace Context's list-member syntax, loosely); anything else is dropped, as its
 * `TraceState` drops it, rather than passed on to every subgraph.
 */
const TRACESTATE_MAX = 512;
const TRACESTATE = /^\s*[a-z\d][_\-*/@a-z\d]{0,255}=[\x20-\x2b\x2d-\x3c\x3e-\x7e]{0,255}(\s*,\s*([a-z\d][_\-*/@a-z\d]{0,255}=[\x20-\x2b\x2d-\x3c\x3e-\x7e]{0,255})?)*\s*$/;

/**
 * The caller's trace when tracing is off: its `traceparent` checked (as OpenTelemetry's propagator
 * would) and kept with its `tracestate`, so the gateway passes the trace on to the subgraphs and the
 * log lines name it, without any span or context. Undefined without a valid `traceparent`.
 */
export function callerTraceOf(headers: IncomingHttpHeaders): CallerTrace | undefined {
  const sent = headers.traceparent;
  const traceparent = Array.isArray(sent) ? sent[0] : sent;
  if (traceparent === undefined) return undefined;
  const match = TRACEPARENT.exec(traceparent);
  if (!match || (match[1] === '00' && match[5] !== undefined) || ZEROS.test(match[2]!) || ZEROS.test(match[3]!)) return undefined;
  const state = headers.tracestate;
  const joined = Array.isArray(state) ? state.join(',') : state;
  const tracestate = joined !== undefined && joined.length <= TRACESTATE_MAX && TRACESTATE.test(joined) ? joined : undefined;
  return { traceId: match[2]!, headers: { traceparent: traceparent.trim(), ...(tracestate && { tracestate }) } };
}
