import type { ServerResponse } from 'node:http';
import { isSpanContextValid, type Context, type Span } from '@opentelemetry/api';
import type { Role } from '@linju/access';
import { carriesData, errorCodeLabel, operationTypeLabel, type Outcome } from './metrics.ts';
import type { CallerTrace } from './tracing.ts';

/** A request's server span and the context it runs in, with that span active. */
export interface TracedRequest {
  readonly span: Span;
  readonly context: Context;
}

/** A GraphQL operation name, or null: a client's unparsed `operationName` could be any text. */
function operationNameOf(value: unknown): string | null {
  return typeof value === 'string' && /^[_A-Za-z][_0-9A-Za-z]{0,127}$/.test(value) ? value : null;
}

/**
 * What one server learns of one GraphQL request while answering it, for its log line, its metrics
 * and its span: never the query text, the variables, a token or the caller's identity, only the
 * role.
 */
export class RequestObservation {
  /** The operation's name as the client (or, at a subgraph, the gateway's plan) gave it. */
  operationName: string | null = null;
  /** `query`, `mutation`, `subscription`, or `unknown` before the operation is resolved. */
  operationType = 'unknown';
  /** The caller's role, once the caller is known. */
  role: Role | null = null;
  /** Whether the answer carried data, a root field that is not null (a partial answer does, a refusal does not). */
  hasData = false;
  /** Distinct error codes of the answer. */
  readonly errorCodes = new Set<string>();
  /** At the gateway: the subgraphs called, in call order. */
  readonly subgraphCalls: string[] = [];
  /** At the gateway, for an operation its response cache may hold: `hit` (no subgraph was asked) or `miss`. */
  cache: 'hit' | 'miss' | null = null;
  /**
   * Apollo's response of the request, kept to be read once it has been sent: plugins run their
   * `willSendResponse` hooks side by side, and one may still replace the body after another has
   * looked at it (the audit, when its entry cannot be appended while the store is down).
   */
  private apolloResponse: { body: { kind: string; singleResult?: unknown } } | null = null;

  constructor(
    /** The request's ID (see `REQUEST_ID_HEADER`). */
    readonly requestId: string,
    /** The request's span and context when tracing is on; absent when it is off. */
    readonly traced?: TracedRequest,
    /** When tracing is off: the caller's trace, which the gateway passes on to the subgraphs as it came. */
    readonly callerTrace?: CallerTrace,
  ) {}

  /** The trace's ID, when the request belongs to one. */
  get traceId(): string | undefined {
    if (!this.traced) return this.callerTrace?.traceId;
    const spanContext = this.traced.span.spanContext();
    return isSpanContextValid(spanContext) ? spanContext.traceId : undefined;
  }

  noteOperation(name: unknown, type: unknown): void {
    this.operationName = operationNameOf(name) ?? this.operationName;
    if (type !== undefined) this.operationType = operationTypeLabel(type);
  }

  noteErrors(errors: readonly { extensions?: Record<string, unknown> | undefined }[] | undefined): void {
    for (const error of errors ?? []) this.errorCodes.add(errorCodeLabel(error.extensions?.['code'] ?? 'INTERNAL_SERVER_ERROR'));
  }

  /** Notes a GraphQL response body (`{ data, errors }`) about to be sent. */
  noteBody(body: unknown): void {
    if (body === null || typeof body !== 'object') return;
    const { data, errors } = body as { data?: unknown; errors?: unknown };
    if (carriesData(data)) this.hasData = true;
    if (Array.isArray(errors)) this.noteErrors(errors);
  }

  /** Keeps Apollo's response, whose final body {@link settle} reads. */
  noteApolloResponse(response: { body: { kind: string; singleResult?: unknown } }): void {
    this.apolloResponse = response;
  }

  /** Takes the answer as finally sent, once the response has left: its body decides the outcome, not an earlier look at it. */
  settle(): void {
    const body = this.apolloResponse?.body;
    if (body?.kind !== 'single') return;
    this.errorCodes.clear();
    this.hasData = false;
    this.noteBody(body.singleResult);
  }

  /** How the request ended, given its HTTP status (and whether the response was cut short). */
  outcome(status: number, completed: boolean): Outcome {
    if (!completed || status >= 400) return 'error';
    if (this.errorCodes.size === 0) return 'success';
    return this.hasData ? 'partial' : 'error';
  }
}

const byResponse = new WeakMap<ServerResponse, RequestObservation>();

/**
 * Where a GraphQL context holds its request's observation: a symbol, so no field of the context
 * can clash with it, and enumerable, because Apollo Server hands each operation a shallow copy of
 * the context (which copies enumerable symbol properties too).
 */
const OBSERVATION = Symbol('linju.observation');

/** Attaches an observation to the response it is about. */
export function attachObservation(response: ServerResponse, observation: RequestObservation): void {
  byResponse.set(response, observation);
}

/** The observation of the request a response answers. */
export function observationOfResponse(response: ServerResponse): RequestObservation | undefined {
  return byResponse.get(response);
}

/** Links a request's GraphQL context to its observation, so plugins and data sources find it. */
export function linkObservation(contextValue: object, observation: RequestObservation): void {
  Object.defineProperty(contextValue, OBSERVATION, { value: observation, enumerable: true, configurable: true });
}

/** The observation of the request a GraphQL context belongs to. */
export function observationOf(contextValue: unknown): RequestObservation | undefined {
  if (contextValue === null || typeof contextValue !== 'object') return undefined;
  const observation = (contextValue as { [OBSERVATION]?: unknown })[OBSERVATION];
  return observation instanceof RequestObservation ? observation : undefined;
}
