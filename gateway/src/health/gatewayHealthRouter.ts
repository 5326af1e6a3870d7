import express from 'express';
import { ANONYMOUS, CALLER_HEADER, operationDigest, signCaller } from '@linju/access';
import { healthBody, READINESS_OPERATION_NAME, READINESS_QUERY } from '@linju/observability';
import { documentsAddress } from '../documentsRouter.ts';
import { isSecretMismatch } from '../SubgraphDataSource.ts';
import { SubgraphFetchError } from '../resilience/SubgraphFetchError.ts';
import { tlsFailureKind } from '../resilience/subgraphFailure.ts';
import { errorCodeOf } from '../resilience/tlsFailureLog.ts';
import { DOCUMENTS_MEMBER, type MemberDownReason, type MemberStates } from './memberStates.ts';

/** What the checks send requests with: the gateway's own client for its subgraphs (TLS settings and all), with its own timeout. */
export type ProbeFetch = (url: string, init: ProbeInit) => Promise<{ ok: boolean; status: number; json(): Promise<unknown> }>;

/** A check's request; `subgraph` names whom it checks, for the gateway's log (never sent). */
export interface ProbeInit {
  method?: string;
  headers: Record<string, string>;
  body?: string;
  subgraph?: string;
}

/** Node's fetch, given up after `timeoutMs`. */
function plainFetch(timeoutMs: number): ProbeFetch {
  return (url, { subgraph: _name, ...init }) => fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
}

function timedOut(error: unknown): boolean {
  if (error instanceof SubgraphFetchError) return error.failure === 'timeout';
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

/** Why a check got no answer: too late, a TLS handshake that failed (the gateway logs which way), or no connection. */
function failureReason(error: unknown): 'timeout' | 'tls' | 'unreachable' {
  if (timedOut(error)) return 'timeout';
  return tlsFailureKind(errorCodeOf(error)) ? 'tls' : 'unreachable';
}

/** How long each subgraph's `/ready` (and its signed round trip) may take, by default. */
export const READINESS_TIMEOUT_MS = 2000;

/** One subgraph's state as the gateway's readiness check saw it. */
export interface SubgraphReadiness {
  status: 'ready' | 'unavailable';
  /**
   * Why not: no answer at all, none in time, a TLS handshake that failed (the gateway's log says
   * why, once), the subgraph said it is not ready (its store is down),
   * it refused the gateway's signed statement because the two hold different secrets, or it refused
   * or failed the signed round trip otherwise.
   */
  reason?: 'unreachable' | 'timeout' | 'tls' | 'not-ready' | 'secret-mismatch' | 'refused';
  /** The subgraph's own report on its store, when it gave one. */
  database?: 'up' | 'down';
}

/** The documents server's state as the gateway's readiness check saw it (its own `/ready`). */
export interface DocumentsReadiness {
  status: 'ready' | 'unavailable';
  /** No answer, none in time, or it said it is not ready (it cannot reach its gateway). */
  reason?: 'unreachable' | 'timeout' | 'not-ready';
}

/**
 * The gateway's readiness: ready when every subgraph is (and the documents server, when there is
 * one); `degraded` (still 200) when only the documents server is not: every GraphQL read and write
 * works, only import, export and the briefing do not; `unavailable` (503) when a subgraph is not.
 */
export interface GatewayReadiness {
  status: 'ready' | 'degraded' | 'unavailable';
  subgraphs: Record<string, SubgraphReadiness>;
  /** Present when the gateway passes `/documents/` on (`LINJU_DOCUMENTS_URL`). */
  documents?: DocumentsReadiness;
}

/** What the gateway's health endpoints check. */
export interface GatewayHealthOptions {
  /** Each subgraph's GraphQL URL, by name; its readiness is asked at `ready` beside it (`…/graphql` → `…/ready`). */
  subgraphUrls: () => Readonly<Record<string, string>>;
  /** The secret the gateway shares with each subgraph, for the signed round trip. */
  secrets: Readonly<Record<string, string>>;
  /** Told when a subgraph refuses the gateway's signature (the two hold different secrets). */
  onSecretMismatch?: (name: string) => void;
  /** How long each subgraph's `/ready` may take. @default 2000 */
  timeoutMs?: number;
  /** Sends the checks' requests (with `timeoutMs` of its own). @default Node's fetch: no client certificate, Node's trusted CAs */
  fetch?: ProbeFetch;
  /** The documents server (`LINJU_DOCUMENTS_URL`), whose `/ready` is asked too (with Node's fetch). @default none */
  documentsUrl?: string;
  /** Told what each check found (the gateway's log of members that become unavailable and come back). */
  members?: MemberStates;
}

/** Asks one subgraph's `/ready`. Never rejects. */
export async function subgraphReadiness(graphqlUrl: string, timeoutMs: number, send: ProbeFetch = plainFetch(timeoutMs), name?: string): Promise<SubgraphReadiness> {
  try {
    const response = await send(new URL('ready', graphqlUrl).href, { headers: { accept: 'application/json' }, ...(name && { subgraph: name }) });
    const body = (await response.json().catch(() => ({}))) as { database?: unknown };
    const database = body.database === 'up' || body.database === 'down' ? body.database : undefined;
    return response.ok ? { status: 'ready', ...(database && { database }) } : { status: 'unavailable', reason: 'not-ready', ...(database && { database }) };
  } catch (error) {
    return { status: 'unavailable', reason: failureReason(error) };
  }
}

/**
 * Sends one signed request to a subgraph, as every query is sent: ready only if the subgraph
 * accepts the gateway's statement and answers. Never rejects.
 */
export async function signedRoundTrip(name: string, graphqlUrl: string, secret: string, timeoutMs: number, send: ProbeFetch = plainFetch(timeoutMs)): Promise<SubgraphReadiness> {
  try {
    const statement = await signCaller(ANONYMOUS, { secret, audience: name, digest: operationDigest(READINESS_QUERY, {}, READINESS_OPERATION_NAME) });
    const response = await send(graphqlUrl, {
      subgraph: name,
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', [CALLER_HEADER]: statement },
      body: JSON.stringify({ query: READINESS_QUERY, variables: {}, operationName: READINESS_OPERATION_NAME }),
    });
    const body = (await response.json().catch(() => null)) as { data?: { __typename?: unknown } } | null;
    if (isSecretMismatch(response.status, body)) return { status: 'unavailable', reason: 'secret-mismatch' };
    return response.ok && body?.data?.__typename === 'Query' ? { status: 'ready' } : { status: 'unavailable', reason: 'refused' };
  } catch (error) {
    return { status: 'unavailable', reason: failureReason(error) };
  }
}

/** Asks the documents server's `/ready`. Never rejects. */
export async function documentsReadiness(documentsUrl: string, timeoutMs: number): Promise<DocumentsReadiness> {
  try {
    const response = await fetch(documentsAddress(documentsUrl, '/ready'), { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(timeoutMs) });
    await response.arrayBuffer().catch(() => undefined);
    return response.ok ? { status: 'ready' } : { status: 'unavailable', reason: 'not-ready' };
  } catch (error) {
    return { status: 'unavailable', reason: timedOut(error) ? 'timeout' : 'unreachable' };
  }
}

/** Why a subgraph is unavailable, for the gateway's log: a store that is down said as such. */
function downReason(state: SubgraphReadiness): MemberDownReason {
  if (state.reason === 'not-ready' && state.database === 'down') return 'database-down';
  return state.reason ?? 'refused';
}

/** A subgraph's readiness: its own `/ready` (its store), then a signed round trip (the secret both hold). */
async function readinessOf(name: string, url: string, options: GatewayHealthOptions, timeoutMs: number): Promise<SubgraphReadiness> {
  const send = options.fetch ?? plainFetch(timeoutMs);
  const own = await subgraphReadiness(url, timeoutMs, send, name);
  if (own.status !== 'ready') return own;
  const trip = await signedRoundTrip(name, url, options.secrets[name] ?? '', timeoutMs, send);
  if (trip.reason === 'secret-mismatch') options.onSecretMismatch?.(name);
  return trip.status === 'ready' ? own : { ...trip, ...(own.database && { database: own.database }) };
}

/**
 * The gateway's `GET /health` (alive: 200 while it serves HTTP, with the build's version and commit) and `GET /ready` (200 when every
 * subgraph's own `/ready` says it and its store can answer, and a request signed as every query is
 * signed comes back answered, else 503; the JSON body gives each subgraph's state, and the
 * documents server's: down alone, `degraded` and still 200). The gateway serves either way: a subgraph that is not ready only nulls its
 * parts of answers. Both need no token and name no address.
 */
export function gatewayHealthRouter(options: GatewayHealthOptions): express.Router {
  const router = express.Router();
  const timeoutMs = options.timeoutMs ?? READINESS_TIMEOUT_MS;
  router.get('/health', (_request, response) => {
    response.set('cache-control', 'no-store').json(healthBody({ service: 'gateway' }));
  });
  router.get('/ready', async (_request, response) => {
    const { members, documentsUrl } = options;
    const [entries, documents] = await Promise.all([
      Promise.all(Object.entries(options.subgraphUrls()).map(async ([name, url]) => [name, await readinessOf(name, url, options, timeoutMs)] as const)),
      documentsUrl === undefined ? undefined : documentsReadiness(documentsUrl, timeoutMs),
    ]);
    for (const [name, state] of entries) {
      if (state.status === 'ready') members?.up(name);
      else members?.down(name, downReason(state));
    }
    if (documents?.status === 'ready') members?.up(DOCUMENTS_MEMBER);
    else if (documents) members?.down(DOCUMENTS_MEMBER, documents.reason ?? 'unreachable');
    const subgraphsReady = entries.every(([, state]) => state.status === 'ready');
    const readiness: GatewayReadiness = {
      status: !subgraphsReady ? 'unavailable' : documents && documents.status !== 'ready' ? 'degraded' : 'ready',
      subgraphs: Object.fromEntries(entries),
      ...(documents && { documents }),
    };
    response
      .status(readiness.status === 'unavailable' ? 503 : 200)
      .set('cache-control', 'no-store')
      .json(readiness);
  });
  return router;
}
