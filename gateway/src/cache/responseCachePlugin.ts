import { HeaderMap, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { observationOf } from '@linju/observability';
import { isPublicOperation } from './isPublicOperation.ts';
import { ResponseCache } from './ResponseCache.ts';
import { responseCacheKey } from './responseCacheKey.ts';

/** Whether the request's caller (the gateway's context) holds a store's operator role. */
function isOperator(context: unknown): boolean {
  const role = (context as { caller?: { role?: unknown } }).caller?.role;
  return typeof role === 'string' && role.endsWith('-operator');
}

/** The data of a public answer, as sent. */
type PublicData = Record<string, unknown>;

/**
 * The gateway's response cache for public reads: the dashboards' and the explorer's joint figures,
 * asked again and again, are answered from memory for `ttlMs` instead of four subgraph calls.
 *
 * - Only queries that select nothing but public fields (those an anonymous caller may read,
 *   `nonPublicSelections` of the access rules is empty). Their answer is the same for every caller,
 *   so one entry serves all; a query with anything else is never looked up nor kept.
 * - Only complete answers: any error (a subgraph down, timed out, refused) or null data is not kept,
 *   so a recovery shows at once, and an outage within the TTL at most (the last complete answer may
 *   be served until it expires; the default TTL is seconds for that reason).
 * - Every operator's mutation the gateway forwards empties it, before and after it runs: the gateway
 *   is the only way writes reach the stores. An answer computed while a write was under way is not
 *   kept. A write the gateway gave up on (SUBGRAPH_TIMEOUT) may still commit later: answers cached
 *   after its end can be stale until the TTL, which is why the TTL is seconds.
 * - It relies on the gateway and the subgraphs sharing @linju/access's rules (one repository,
 *   deployed together): a viewer's answer is served to anyone only because those rules say every
 *   field of it is public. Deploy a tightened rule to the gateway with the subgraphs.
 * - Nothing is cached for longer than `ttlMs`, which also bounds how stale an answer can be if a
 *   store changes behind the gateway's back (a migration, a restore).
 *
 * The price: a cached answer never reaches the subgraphs, so no store's audit log has an entry for
 * it. The gateway still logs the request (`cache: "hit"`, no subgraphs). Acceptable for public
 * aggregate figures only, which is all it ever holds; who read records is always audited by their store.
 *
 * It runs after validation and the query limits (their `didResolveOperation` hooks run first), so a
 * cached answer is never served to a request that would have been refused.
 */
export function responseCachePlugin<Context extends BaseContext>(cache: ResponseCache<PublicData>): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ contextValue }) {
      // Off: not a single hook per request.
      if (cache.ttlMs <= 0) return;
      const observation = observationOf(contextValue);
      let write = false;
      let key: string | undefined;
      let generation = 0;
      let missed = false;
      return {
        async didResolveOperation({ schema, document, operation, operationName, queryHash, request }) {
          if (!operation) return;
          if (operation.operation === 'mutation') {
            // Only an operator's mutation can change a store (the owners refuse anyone else's), so
            // nobody else can empty the cache at will.
            write = isOperator(contextValue);
            if (write) cache.clear();
            return;
          }
          if (operation.operation !== 'query') return;
          if (!isPublicOperation(schema, document, operation, request.variables)) return;
          key = responseCacheKey(queryHash, operationName, request.variables);
          generation = cache.generation;
        },
        async responseForOperation() {
          if (key === undefined) return null;
          const data = cache.get(key);
          if (observation) observation.cache = data ? 'hit' : 'miss';
          if (!data) {
            missed = true;
            return null;
          }
          return { http: { status: undefined, headers: new HeaderMap() }, body: { kind: 'single', singleResult: { data } } };
        },
        async willSendResponse({ response }) {
          // After the write too: an answer computed while it ran may be from before it.
          if (write) cache.clear();
          if (!missed || key === undefined || response.body.kind !== 'single') return;
          const { data, errors } = response.body.singleResult;
          const status = response.http.status ?? 200;
          if (status === 200 && !errors?.length && data) cache.set(key, data, generation);
        },
      };
    },
  };
}
