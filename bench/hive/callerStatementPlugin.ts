import type { GatewayPlugin } from '@graphql-hive/gateway';
import { GraphQLError } from 'graphql';
import { ANONYMOUS, CALLER_HEADER, type Caller, operationDigest, signCaller } from '@linju/access';
import type { Authenticate } from '@linju/gateway/authenticate';

/** A subgraph Hive Gateway calls: where it answers and the secret it shares with the gateway. */
export interface SignedSubgraph {
  name: string;
  url: string;
  secret: string;
}

/**
 * Makes Hive Gateway vouch for the caller the way Linju's gateway does, so the subgraphs serve it
 * under the same rules: the client's bearer token is checked with the same authenticator when the
 * context is built, and every request to a subgraph carries a caller statement signed with that
 * subgraph's own secret and bound to the digest of the exact query, variables and operation name
 * Hive sends (read back from the body it is about to send).
 */
export function callerStatementPlugin(authenticate: Authenticate, subgraphs: readonly SignedSubgraph[]): GatewayPlugin {
  const byUrl = new Map(subgraphs.map((s) => [s.url, s]));
  return {
    async onContextBuilding({ context, extendContext }) {
      const request = (context as { request?: Request }).request;
      try {
        extendContext({ caller: await authenticate(request?.headers.get('authorization') ?? undefined) } as never);
      } catch (error) {
        throw error instanceof GraphQLError ? error : new GraphQLError('The token was refused', { extensions: { code: 'UNAUTHENTICATED' } });
      }
    },
    async onFetch({ url, options, setOptions, context }) {
      const subgraph = byUrl.get(url);
      if (!subgraph || typeof options.body !== 'string') return;
      const { query, variables, operationName } = JSON.parse(options.body) as { query?: string; variables?: unknown; operationName?: string | null };
      const caller = (context as { caller?: Caller }).caller ?? ANONYMOUS;
      const statement = await signCaller(caller, { secret: subgraph.secret, audience: subgraph.name, digest: operationDigest(query, variables, operationName) });
      setOptions({ ...options, headers: { ...(options.headers as Record<string, string>), [CALLER_HEADER]: statement } });
    },
  };
}
