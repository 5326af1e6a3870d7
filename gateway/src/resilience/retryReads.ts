import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { Kind } from 'graphql';
import { SubgraphFetchError } from './SubgraphFetchError.ts';
import { fetchPath } from './fetchPath.ts';
import { httpStatusOf, subgraphFailure } from './subgraphFailure.ts';

/** How the gateway retries a read a subgraph failed to answer. */
export interface RetryPolicy {
  /** Further attempts after the first, for reads only. @default 1 */
  retries: number;
  /** Wait before the first retry, doubled for each further one, plus up to half again at random. @default 100 */
  backoffMs: number;
}

type GatewayGraphQLResponse = Awaited<ReturnType<GraphQLDataSource['process']>>;

export const DEFAULT_RETRY_POLICY: RetryPolicy = { retries: 1, backoffMs: 100 };

/**
 * Whether the operation the gateway sends a subgraph only reads: a query (an entity fetch is one,
 * also when it resolves a mutation's answer). A mutation is never retried by the gateway: its
 * client may resend it with its idempotency key, which the subgraph honours.
 */
export function isReadOperation(options: GraphQLDataSourceProcessOptions): boolean {
  const document = 'document' in options ? options.document : undefined;
  const definition = document?.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (definition && definition.kind === Kind.OPERATION_DEFINITION) return definition.operation === 'query';
  const query = options.request.query ?? '';
  const keyword = /^\s*(query|mutation|subscription)\b/.exec(query)?.[1];
  return keyword === 'query' || (keyword === undefined && /^\s*\{/.test(query));
}

/**
 * Whether a failed attempt may be made again, for a read: the connection failed (refused, reset,
 * cut off) or the subgraph answered 5xx. Never after a timeout: the subgraph may still be working
 * on it, and a second copy would double its load just when it is slow.
 */
export function isTransient(error: unknown): boolean {
  if (error instanceof SubgraphFetchError) return error.failure === 'connection';
  const status = httpStatusOf(error);
  return status !== undefined && status >= 500;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Sends one operation to a subgraph through `attempt` (the data source's own `process`, which
 * signs a fresh caller statement each time: a subgraph refuses a statement it has seen), retrying
 * a read on a transient failure within `policy`; any failure left becomes the client's error
 * naming the subgraph and its owner (see `subgraphFailure`), a write's saying whether it may have been made.
 */
export async function retryReads(
  name: string,
  options: GraphQLDataSourceProcessOptions,
  attempt: () => Promise<GatewayGraphQLResponse>,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
): Promise<GatewayGraphQLResponse> {
  const read = isReadOperation(options);
  const attempts = read ? 1 + Math.max(0, policy.retries) : 1;
  for (let made = 1; ; made++) {
    try {
      return await attempt();
    } catch (error) {
      if (made >= attempts || !isTransient(error)) throw subgraphFailure(name, error, made, fetchPath(options), !read);
      await sleep(policy.backoffMs * 2 ** (made - 1) * (1 + Math.random() / 2));
    }
  }
}
