import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ANONYMOUS, CALLER_HEADER, operationDigest, signCaller, type Caller } from '@linju/subgraph-kit';
import { GraphQLError } from 'graphql';

/** What the gateway is about to send to one subgraph. */
export interface SubgraphRequest {
  readonly query?: string;
  readonly variables?: unknown;
}

/** Observes each request the gateway sends to a subgraph (tests count them). */
export type SubgraphRequestListener = (name: string, request: SubgraphRequest) => void;

/** The gateway's connection to one subgraph. */
export class SubgraphDataSource extends RemoteGraphQLDataSource {
  readonly #name: string;
  readonly #secret: string;
  readonly #onRequest: SubgraphRequestListener | undefined;

  constructor(name: string, url: string, secret: string, onRequest?: SubgraphRequestListener) {
    super({ url });
    this.#name = name;
    this.#secret = secret;
    this.#onRequest = onRequest;
  }

  /**
   * Vouches for the caller to the subgraph: a statement signed with the secret only this subgraph
   * shares, bound to this very operation and valid for seconds. The subgraph decides what the
   * caller may see and do; the gateway only says who it is.
   */
  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions): Promise<void> {
    this.#onRequest?.(this.#name, { query: request.query, variables: request.variables });
    const caller = (context as { caller?: Caller }).caller ?? ANONYMOUS;
    const statement = await signCaller(caller, { secret: this.#secret, audience: this.#name, digest: operationDigest(request.query, request.variables) });
    request.http?.headers.set(CALLER_HEADER, statement);
  }

  /**
   * A subgraph answers a bad variable (an impossible date, say) with HTTP 400 and a GraphQL error
   * that says what is wrong. Pass that error on, with its code, instead of "400: Bad Request".
   */
  override async errorFromResponse(response: Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0]): Promise<GraphQLError> {
    const error = await super.errorFromResponse(response);
    const body = (error.extensions.response as { body?: unknown } | undefined)?.body as
      | { errors?: { message: string; extensions?: { code?: string } }[] }
      | undefined;
    const first = response.status === 400 ? body?.errors?.[0] : undefined;
    if (!first) return error;
    // The client gets the subgraph's own error, not the raw response (which names the subgraph's address).
    return new GraphQLError(first.message, {
      extensions: { ...first.extensions, code: first.extensions?.code ?? 'BAD_USER_INPUT', serviceName: this.#name },
    });
  }
}
