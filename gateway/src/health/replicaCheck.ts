import { createLogger } from '@linju/observability';
import { createSubgraphConnections } from '../resilience/subgraphConnections.ts';
import { tlsFailureCause } from '../resilience/subgraphFailure.ts';
import type { SubgraphClientTls } from '../resilience/subgraphFetcher.ts';
import { errorCodeOf } from '../resilience/tlsFailureLog.ts';
import { READINESS_TIMEOUT_MS, signedRoundTrip, subgraphReadiness, type ProbeFetch, type SubgraphReadiness } from './gatewayHealthRouter.ts';

/** What one replica of a subgraph said to the gateway's readiness checks, sent to it alone. */
export interface ReplicaVerdict {
  /**
   * The signed round trip the gateway's `/ready` sends (a statement signed with the secret given):
   * `ready` when the replica accepts it; else `secret-mismatch`, `unreachable`, `timeout`, `tls`
   * or `refused`.
   */
  secret: SubgraphReadiness;
  /** The replica's own `/ready` (its store). */
  own: SubgraphReadiness;
  /** Why a request got no answer, for the operator: the socket's or the TLS handshake's code and what it means. */
  cause?: string;
  /**
   * What the URL's `/health` says it serves: `{ subgraph: 'sichuan' }` for a replica, `{ service:
   * 'gateway' }` for a gateway or the documents server; `null` when it answered, but not as any of
   * Linju's servers does; absent when it gave no answer.
   */
  serves?: { subgraph?: string; service?: string } | null;
}

/** Where to send the checks, and as whom: the gateway's secret for `name`, and its TLS settings towards the subgraphs. */
export interface ReplicaCheckOptions {
  /** The subgraph's name (`sichuan`): the statement's audience. */
  name: string;
  /** The replica's own GraphQL URL (`https://10.0.1.21:4001/graphql`), not its balancer's. */
  url: string;
  secret: string;
  tls?: SubgraphClientTls;
  /** @default READINESS_TIMEOUT_MS */
  timeoutMs?: number;
}

/**
 * Sends the gateway's readiness checks to one replica, through the gateway's own client (the same
 * TLS settings, the same signed statement): behind a member's balancer a check of the gateway's
 * `/ready` lands on either replica, so a replica holding another secret shows only now and then
 * there, and plainly here. Never rejects.
 */
export async function checkReplica(options: ReplicaCheckOptions): Promise<ReplicaVerdict> {
  const timeoutMs = options.timeoutMs ?? READINESS_TIMEOUT_MS;
  // The gateway's log of TLS failures is the gateway's: here the cause is said with the verdict.
  const connections = createSubgraphConnections({ ...(options.tls && { tls: options.tls }), logger: createLogger('secret-check', { level: 'silent' }) });
  const probe = connections.probe(timeoutMs);
  let failure: unknown;
  const send: ProbeFetch = (url, init) => probe(url, init).catch((error: unknown) => {
    failure = error;
    throw error;
  });
  try {
    const own = await subgraphReadiness(options.url, timeoutMs, send, options.name);
    // No answer at all: the signed request would meet the same.
    const answered = !(own.reason === 'unreachable' || own.reason === 'timeout' || own.reason === 'tls');
    const secret = answered ? await signedRoundTrip(options.name, options.url, options.secret, timeoutMs, send) : own;
    const serves = answered ? await servedAt(options.url, send) : undefined;
    return { secret, own, ...(serves !== undefined && { serves }), ...(failure !== undefined && { cause: causeOf(options.name, failure) }) };
  } finally {
    connections.close();
  }
}

/** What the `/health` beside `graphqlUrl` names (see {@link ReplicaVerdict.serves}); undefined without an answer. */
async function servedAt(graphqlUrl: string, send: ProbeFetch): Promise<ReplicaVerdict['serves']> {
  try {
    const response = await send(new URL('health', graphqlUrl).href, { headers: { accept: 'application/json' } });
    const body = (await response.json().catch(() => null)) as { subgraph?: unknown; service?: unknown } | null;
    const named = { ...(typeof body?.subgraph === 'string' && { subgraph: body.subgraph }), ...(typeof body?.service === 'string' && { service: body.service }) };
    return response.ok && (named.subgraph || named.service) ? named : null;
  } catch {
    return undefined;
  }
}

function causeOf(name: string, error: unknown): string {
  const code = errorCodeOf(error);
  const tls = tlsFailureCause(name, code);
  const message = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
  // OpenSSL's record-layer text (`…:SSL routines:ssl3_get_record:wrong version number:../deps/openssl/…`) said as what it means.
  const said = /wrong version number/.test(message) ? 'the server did not answer in TLS (wrong version number)' : message;
  return [code, tls ?? said].filter(Boolean).join(': ');
}
