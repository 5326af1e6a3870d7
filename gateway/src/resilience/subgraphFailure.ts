import { GraphQLError } from 'graphql';
import { gatewaySecretVariable } from '@linju/access';
import { ownerOfHome } from '@linju/contract';
import { isCertificateRejection } from '@linju/observability';
import { SubgraphFetchError, TLS_CLOSED_IN_HANDSHAKE } from './SubgraphFetchError.ts';

/**
 * Codes of the gateway's own errors about a subgraph it could not get an answer from; the rest of
 * the answer is complete and only that subgraph's parts are null.
 */
export const SUBGRAPH_FAILURE_CODES = ['SUBGRAPH_UNAVAILABLE', 'SUBGRAPH_TIMEOUT'] as const;

/** What every error about a subgraph carries: its name and whose store it is. */
export interface SubgraphLabels {
  /** The subgraph's name: `sichuan`, `chongqing`, `joint`. */
  subgraph: string;
  /** Apollo's own name for the same (kept for tools that read it). */
  serviceName: string;
  /** The name of the jurisdiction (or the joint office) whose store it serves: `四川省`. */
  jurisdiction: string;
}

/** Who owns a subgraph, for people: its jurisdiction or the joint office. */
export function subgraphOwner(name: string): { name: string; nameEn: string } {
  return ownerOfHome(name) ?? { name, nameEn: name };
}

export function subgraphLabels(name: string): SubgraphLabels {
  return { subgraph: name, serviceName: name, jurisdiction: subgraphOwner(name).name };
}

/** The HTTP status of an error Apollo's data source raised for a non-2xx answer, if it is one. */
export function httpStatusOf(error: unknown): number | undefined {
  if (!(error instanceof GraphQLError)) return undefined;
  const status = (error.extensions['response'] as { status?: unknown } | undefined)?.status;
  return typeof status === 'number' ? status : undefined;
}

/**
 * Whether a connection failed in its TLS handshake, and on whose side: `untrusted` when the
 * gateway did not accept the subgraph's certificate (nothing was sent), `refused` when the
 * subgraph refused the handshake (no or an unknown client certificate, under mutual TLS), or closed
 * a new connection in it (TLS 1.3's way of refusing a client certificate, see TLS_CLOSED_IN_HANDSHAKE).
 */
export function tlsFailureKind(code: string | undefined): 'untrusted' | 'refused' | undefined {
  if (!code) return undefined;
  if (code === TLS_CLOSED_IN_HANDSHAKE) return 'refused';
  if (isCertificateRejection(code)) return 'untrusted';
  if (code.startsWith('ERR_SSL_')) return 'refused';
  return undefined;
}

/**
 * Why a TLS handshake with the subgraph `name` failed, in the operator's terms, with what to check;
 * `undefined` for a failure that is not TLS. For the gateway's log only: never in an answer.
 */
export function tlsFailureCause(name: string, code: string | undefined): string | undefined {
  const kind = tlsFailureKind(code);
  if (!kind) return undefined;
  const url = `${name.toUpperCase()}_URL`;
  switch (code) {
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return `its certificate does not name the host of ${url}`;
    case 'CERT_HAS_EXPIRED':
      return 'its certificate has expired';
    case 'CERT_NOT_YET_VALID':
      return 'its certificate is not valid yet';
    case 'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED':
      return 'it requires a client certificate (LINJU_TLS_CLIENT_CA) and the gateway presented none: set LINJU_GATEWAY_TLS_CERT and LINJU_GATEWAY_TLS_KEY';
    case 'ERR_SSL_TLSV1_ALERT_UNKNOWN_CA':
    case 'ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE':
    case 'ERR_SSL_SSLV3_ALERT_CERTIFICATE_UNKNOWN':
      return "it refused the gateway's client certificate: its LINJU_TLS_CLIENT_CA did not sign LINJU_GATEWAY_TLS_CERT";
    case 'ERR_SSL_SSLV3_ALERT_CERTIFICATE_EXPIRED':
      return "it refused the gateway's client certificate as expired (or not yet valid): renew LINJU_GATEWAY_TLS_CERT";
    case TLS_CLOSED_IN_HANDSHAKE:
      return "it closed the connection right after the TLS handshake, before answering: probably it refuses the gateway's client certificate (LINJU_GATEWAY_TLS_CERT expired or not yet valid, or not signed by the CA of the subgraph's LINJU_TLS_CLIENT_CA); the subgraph's log says why (\"Refused a TLS client …\")";
  }
  return kind === 'untrusted'
    ? `its certificate is not trusted: LINJU_SUBGRAPH_CA (or, unset, Node's trusted CAs) did not sign it`
    : 'it refused the TLS handshake (a client certificate it does not accept, or TLS settings it does not share)';
}

/** What went wrong with a connection, in words (a socket's error code is the server's business, not the client's). */
function connectionFailure(code: string | undefined): string {
  switch (tlsFailureKind(code)) {
    case 'untrusted':
      // Its certificate is not one LINJU_SUBGRAPH_CA's CA signed for its address: not talked to.
      return 'could not verify the certificate of';
    case 'refused':
      return 'was refused a TLS connection by';
  }
  switch (code) {
    case 'ECONNREFUSED':
      return 'could not connect to';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'could not find';
    case 'ECONNRESET':
    case 'EPIPE':
      return 'lost the connection to';
    default:
      return 'could not reach';
  }
}

/**
 * What became of a write the subgraph gave no usable answer to, as far as the gateway knows:
 * `not-written` when the request never reached the subgraph (no connection was made, see
 * {@link SubgraphFetchError.reachedSubgraph}), `unknown` once it may have (the subgraph may have
 * committed it, or may still: a timeout does not stop it, and a connection cut off or a 5xx after
 * the request went says nothing of its transaction).
 */
export type WriteOutcome = 'not-written' | 'unknown';

export function writeOutcome(error: unknown): WriteOutcome {
  if (error instanceof SubgraphRefusal) return 'not-written';
  const status = httpStatusOf(error);
  // A 4xx refuses the request as a whole: the subgraph (or a proxy before it) ran none of it.
  if (status !== undefined && status >= 400 && status < 500) return 'not-written';
  return error instanceof SubgraphFetchError && !error.reachedSubgraph ? 'not-written' : 'unknown';
}

/**
 * The subgraph refused the request as a whole (HTTP 4xx) and said why in a GraphQL error of its own:
 * a bad variable, a caller statement it does not accept (expired, replayed …). It ran nothing of it,
 * so a write's {@link writeOutcome} is `not-written`.
 */
export class SubgraphRefusal extends GraphQLError {}

/**
 * The subgraph `name` refused the gateway's statement: its secret does not verify the signature, so
 * the two hold different values of its secret (`SUBGRAPH_UNAVAILABLE`, `reason: "secret-mismatch"`).
 * The subgraph checks the statement before anything else, so a write (`write`) was not made:
 * `writeOutcome: "not-written"`, and the message says so, and that sending it again waits for an
 * operator (the same request fails until both hold the same secret).
 */
export function secretMismatchError(name: string, write = false, path?: readonly (string | number)[]): GraphQLError {
  const labels = subgraphLabels(name);
  const why = `其子图与网关的密钥不一致，请管理员核对配置`;
  const whyEn = `it and the gateway do not hold the same secret (${gatewaySecretVariable(name)}); an operator must set the same value on both`;
  const message = write
    ? `${labels.jurisdiction}的数据暂不可用：${why}；子图在执行前拒绝了本次写入，未写入，请在配置改正后再提交 / The ${name} subgraph is unavailable: ${whyEn}. It refused the write before doing anything, so nothing was written: send it again once they agree`
    : `${labels.jurisdiction}的数据暂不可用：${why} / The ${name} subgraph is unavailable: ${whyEn}`;
  return new GraphQLError(message, {
    extensions: { code: 'SUBGRAPH_UNAVAILABLE', reason: 'secret-mismatch', ...labels, ...(write && { writeOutcome: 'not-written' satisfies WriteOutcome }) },
    ...(path && { path }),
  });
}

/** What a client is told of a write's outcome, both halves, and what to do (`；` after 请稍后再试: one clause, see ledger's gatewayReason). */
const WRITE_OUTCOME_WORDS: Readonly<Record<WriteOutcome, { zh: string; en: string }>> = {
  'not-written': { zh: '本次写入未送达，未写入，请稍后再试', en: 'The write did not reach it, so nothing was written: send it again later' },
  unknown: {
    zh: '本次写入结果不明（可能已写入，或稍后写入），请稍后再试；重新提交请用原幂等键，未带幂等键的请先核对记录，确认未写入后再录入',
    en: 'Whether the write was made is unknown: it may have been, or may still be. Send it again with the same idempotency key, which makes it once; without a key, check the records before entering it again',
  },
};

/**
 * The error a client gets when a subgraph gave no usable answer, after any retries: a stable code
 * (SUBGRAPH_TIMEOUT: too slow; SUBGRAPH_UNAVAILABLE: refused, unreachable, cut off, or a 5xx or
 * non-GraphQL answer), the subgraph and its owner named in the message and in `extensions`. A read's
 * says its parts of the answer are null; a write's (`write`: the request was a mutation) says
 * whether the write may have been made ({@link writeOutcome}, also `extensions.writeOutcome`) and
 * how to send it again safely. An error the subgraph itself stated (a 400's GraphQL error,
 * UNAUTHENTICATED …) keeps its code and gains the labels. Nothing of the subgraph's address or raw
 * response is included.
 */
export function subgraphFailure(name: string, error: unknown, attempts: number, path?: readonly (string | number)[], write = false): GraphQLError {
  const labels = subgraphLabels(name);
  const owner = ownerOfHome(name);
  const who = owner ? `${owner.name} (${owner.nameEn})` : `The ${name} subgraph`;
  const whoZh = owner ? owner.name : `子图 ${name} `;
  const tries = attempts > 1 ? ` after ${attempts} attempts` : '';
  const outcome = write ? writeOutcome(error) : undefined;
  const words = outcome && WRITE_OUTCOME_WORDS[outcome];
  if (error instanceof SubgraphFetchError && error.failure === 'timeout') {
    const message = !words
      ? `${whoZh}的数据未能及时返回，本次回答中其部分为空 / ${who} did not answer in time: its subgraph "${name}" gave no answer within ${error.timeoutMs} ms. Its parts of this answer are null`
      : outcome === 'not-written'
        ? `${whoZh}未能及时连接，${words.zh} / ${who} could not be reached in time: the gateway got no connection to its subgraph "${name}" within ${error.timeoutMs} ms. ${words.en}`
        : `${whoZh}未能及时答复，${words.zh} / ${who} did not answer in time: its subgraph "${name}" gave no answer within ${error.timeoutMs} ms. ${words.en}`;
    return new GraphQLError(message, {
      extensions: { code: 'SUBGRAPH_TIMEOUT', ...labels, timeoutMs: error.timeoutMs, ...(outcome && { writeOutcome: outcome }) },
      ...(path && { path }),
      originalError: error,
    });
  }
  const status = httpStatusOf(error);
  // Refused before the subgraph did anything: a write's error says it was not made.
  if (error instanceof GraphQLError && error.extensions['reason'] === 'secret-mismatch') return secretMismatchError(name, write, error.path ?? path);
  if (error instanceof SubgraphRefusal || (error instanceof GraphQLError && status === undefined)) {
    // The subgraph answered and said what was wrong (or the gateway's own data source did): keep it.
    const { response: _raw, ...extensions } = error.extensions;
    const at = error.path ?? path;
    const refused = write && error instanceof SubgraphRefusal && { writeOutcome: 'not-written' satisfies WriteOutcome };
    return new GraphQLError(error.message, { extensions: { ...extensions, ...labels, ...refused }, ...(at && { path: at }), originalError: error });
  }
  const why =
    error instanceof SubgraphFetchError
      ? `the gateway ${connectionFailure(error.code)} its subgraph "${name}"`
      : status !== undefined
        ? `its subgraph "${name}" answered HTTP ${status}`
        : `its subgraph "${name}" did not answer with GraphQL`;
  const message = words
    ? `${whoZh}的数据暂不可用，${words.zh} / ${who} is unavailable: ${why}${tries}. ${words.en}`
    : `${whoZh}的数据暂不可用，本次回答中其部分为空，请稍后再试 / ${who} is unavailable: ${why}${tries}. Its parts of this answer are null`;
  return new GraphQLError(message, {
    extensions: { code: 'SUBGRAPH_UNAVAILABLE', ...labels, ...(status !== undefined && { status }), ...(outcome && { writeOutcome: outcome }) },
    ...(path && { path }),
    ...(error instanceof Error && { originalError: error }),
  });
}

/**
 * A subgraph's answer with its own errors labelled: each keeps its code and message and gains the
 * subgraph and its owner, so a client can tell whose part failed (DATABASE_UNAVAILABLE of Sichuan's
 * store, a FORBIDDEN of Chongqing's rules …).
 */
export function withSubgraphLabels<Response extends { errors?: readonly { extensions?: Record<string, unknown> }[] }>(name: string, response: Response): Response {
  if (!response.errors?.length) return response;
  const labels = subgraphLabels(name);
  return { ...response, errors: response.errors.map((error) => ({ ...error, extensions: { ...error.extensions, ...labels } })) };
}
