import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, type OperationDefinitionNode } from 'graphql';
import type { Caller } from '@linju/access';
import { auditAppenderOf, type Db } from '@linju/subgraph-runtime';
import type { Store } from '../data/benchDataset.ts';

/**
 * The monolith with the federation's audit appends, for a like-for-like comparison: for every
 * request, one entry in the audit log of each store (schema) whose tables it read or wrote, through
 * the same group-committing `AuditAppender` and the same chained `audit_log` as a subgraph's, and
 * the answer waits until its entries have committed. A subgraph's entry also lists the record IDs
 * read; this one does not (its rows are no larger than a figures request's entry).
 */

/**
 * A request's view of the stores: the very same clients (their caches are keyed by them), each
 * noted in `stores` when a resolver takes it, whether its answer then comes from SQL or a cache.
 */
export function notingStores<T extends Record<Store, unknown>>(clients: T, stores: Set<Store>): T {
  return new Proxy(clients, {
    get(target, store, receiver) {
      if (typeof store === 'string' && store in target) stores.add(store as Store);
      return Reflect.get(target, store, receiver);
    },
  });
}

/** Appends each touched store's entry before the answer leaves. */
export function monolithAuditPlugin(dbs: Record<Store, Db>): ApolloServerPlugin<{ caller: Caller; stores: Set<Store> }> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, operation, errors }) {
          const { caller, stores } = contextValue;
          const entry = {
            subject: caller.subject,
            role: caller.role,
            name: caller.name ?? null,
            region: caller.region ?? null,
            operationName: operation?.name?.value ?? null,
            fields: rootFields(operation),
            kind: operation?.operation === 'mutation' ? ('write' as const) : ('read' as const),
            types: [],
            ids: [],
            outcome: errors?.length ? ('error' as const) : ('ok' as const),
            errorCodes: [...new Set((errors ?? []).map((e) => String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR')))],
          };
          await Promise.all([...stores].map((store) => auditAppenderOf(dbs[store]).append(entry)));
        },
      };
    },
  };
}

function rootFields(operation: OperationDefinitionNode | null | undefined): string[] {
  return (operation?.selectionSet.selections ?? []).flatMap((s) => (s.kind === Kind.FIELD ? [s.name.value] : []));
}
