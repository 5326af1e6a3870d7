import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ANONYMOUS, CALLER_HEADER, operationDigest, signCaller, type Caller } from '@linju/access';
import { GraphQLError } from 'graphql';
import { DEFAULT_RETRY_POLICY, retryReads, type RetryPolicy } from './resilience/retryReads.ts';
import { secretMismatchError, SubgraphRefusal, withSubgraphLabels } from './resilience/subgraphFailure.ts';

/** What the gateway is about to send to one subgraph. */
export interface SubgraphRequest {
  readonly query?: string;
  readonly variables?: unknown;
}

/** Observes each request the gateway sends to a subgraph (tests count them). */
export type SubgraphRequestListener = (name: string, request: SubgraphRequest) => void;

/** How the gateway connects to one subgraph: its HTTP client (pooled, with a timeout) and its retries of reads. */
export interface SubgraphConnection {
  /** @default Apollo's own (no timeout) */
  fetcher?: RemoteGraphQLDataSource['fetcher'];
  /** @default one retry of a read after 100 ms */
  retry?: RetryPolicy;
  /** Told when the subgraph refuses the gateway's signature: the two hold different secrets. */
  onSecretMismatch?: (name: string) => void;
}

/** A subgraph's refusal's code when its error gives none, by the HTTP status it came with. */
const REFUSAL_CODES: Readonly<Record<number, string>> = { 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN' };

/** The subgraph refused the gateway's statement because its secret does not verify the signature. */
export function isSecretMismatch(status: number, body: unknown): boolean {
  const first = (body as { errors?: { extensions?: { reason?: unknown } }[] } | null)?.errors?.[0];
  return status === 401 && first?.extensions?.reason === 'signature';
}

/** The gateway's connection to one subgraph. */
export class SubgraphDataSource extends RemoteGraphQLDataSource {
  readonly #name: string;
  readonly #secret: string;
  readonly #onRequest: SubgraphRequestListener | undefined;
  readonly #retry: RetryPolicy;
  readonly #onSecretMismatch: ((name: string) => void) | undefined;

  constructor(name: string, url: string, secret: string, onRequest?: SubgraphRequestListener, connection: SubgraphConnection = {}) {
    super({ url, ...(connection.fetcher && { fetcher: connection.fetcher }) });
    this.#name = name;
    this.#secret = secret;
    this.#onRequest = onRequest;
    this.#retry = connection.retry ?? DEFAULT_RETRY_POLICY;
    this.#onSecretMismatch = connection.onSecretMismatch;
  }

  /**
   * Sends the operation, retrying a read (never a mutation) once on a refused or dropped connection
   * or a 5xx; each attempt passes through `willSendRequest`, so each carries a freshly signed
   * statement. A failure left is the client's error naming the subgraph (SUBGRAPH_UNAVAILABLE,
   * SUBGRAPH_TIMEOUT …): the query plan goes on, and only this subgraph's parts are null.
   */
  override process(options: GraphQLDataSourceProcessOptions): ReturnType<RemoteGraphQLDataSource['process']> {
    return retryReads(this.#name, options, () => super.process(options), this.#retry);
  }

  /** The subgraph's own errors keep their codes and say whose they are. */
  override didReceiveResponse({ response }: Parameters<NonNullable<RemoteGraphQLDataSource['didReceiveResponse']>>[0]) {
    return withSubgraphLabels(this.#name, response);
  }

  /**
   * Vouches for the caller to the subgraph: a statement signed with the secret only this subgraph
   * shares, bound to this very operation and valid for seconds. The subgraph decides what the
   * caller may see and do; the gateway only says who it is.
   */
  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions): Promise<void> {
    this.#onRequest?.(this.#name, { query: request.query, variables: request.variables });
    const caller = (context as { caller?: Caller }).caller ?? ANONYMOUS;
    const statement = await signCaller(caller, { secret: this.#secret, audience: this.#name, digest: operationDigest(request.query, request.variables, request.operationName) });
    request.http?.headers.set(CALLER_HEADER, statement);
  }

  /**
   * A subgraph refuses a request as a whole with a 4xx and a GraphQL error that says what is wrong:
   * a bad variable (an impossible date, say: 400), a caller statement it does not accept (expired,
   * replayed: 401). Pass that error on, with its code, instead of "400: Bad Request" or "401:
   * Unauthorized"; a write's says it was not made ({@link SubgraphRefusal}).
   */
  override async errorFromResponse(response: Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0]): Promise<GraphQLError> {
    const error = await super.errorFromResponse(response);
    const body = (error.extensions.response as { body?: unknown } | undefined)?.body as
      | { errors?: { message: string; extensions?: { code?: string } }[] }
      | undefined;
    if (isSecretMismatch(response.status, body)) {
      this.#onSecretMismatch?.(this.#name);
      // A read's words; subgraphFailure gives a write's (it was not made) once it knows which this was.
      return secretMismatchError(this.#name);
    }
    const first = response.status >= 400 && response.status < 500 ? body?.errors?.[0] : undefined;
    if (!first) return error;
    // The client gets the subgraph's own error, not the raw response (which names the subgraph's address)
    // nor Apollo's "401: Unauthorized".
    return new SubgraphRefusal(first.message, {
      extensions: { ...first.extensions, code: first.extensions?.code ?? REFUSAL_CODES[response.status] ?? 'BAD_USER_INPUT', serviceName: this.#name },
    });
  }
}
