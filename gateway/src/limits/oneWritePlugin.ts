import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { DocumentNode, GraphQLError, OperationDefinitionNode } from 'graphql';
import { DocumentMemo } from '../DocumentMemo.ts';
import { responseKey, rootFields } from '../operations/rootFields.ts';
import { limitError } from './QueryLimits.ts';

/** The writes a request may make: one root field of a mutation. */
export const MAX_WRITES = 1;

/**
 * The writes an operation makes: a mutation's root fields, through fragments, by response key (a
 * field written twice under one key is merged and run once), `__typename` aside; none for a query.
 * Their names, in the order written.
 */
export function writesOf(document: DocumentNode, operation: OperationDefinitionNode): string[] {
  if (operation.operation !== 'mutation') return [];
  const writes = new Map<string, string>();
  for (const field of rootFields(operation.selectionSet, document)) {
    if (field.name.value !== '__typename' && !writes.has(responseKey(field))) writes.set(responseKey(field), field.name.value);
  }
  return [...writes.values()];
}

/** The refusal of an operation making more than {@link MAX_WRITES} writes, or undefined. */
export function tooManyWrites(writes: readonly string[]): GraphQLError | undefined {
  if (writes.length <= MAX_WRITES) return undefined;
  return limitError(
    'TOO_MANY_WRITES',
    `每次请求只能做一项写入（一个写入字段），本次有 ${writes.length} 项，请分开发送；未作任何更改。每项写入是其所属库中的一个独立事务，几项写入无法一同完成或一同拒绝 / A request may make one write (one mutation field); this one makes ${writes.length} (${writes.join(', ')}): send each in a request of its own. Nothing was changed: each write is its own transaction in the store that owns it, so several cannot be made or refused together`,
    MAX_WRITES,
    writes.length,
  );
}

/**
 * Refuses a mutation of more than one root field (aliases count, fragments expanded; `__typename`
 * alongside is no write), once it is validated and before the gateway plans it: no subgraph is
 * called and nothing is written. The gateway sends a mutation's root fields one after another,
 * each a transaction of its own in its owner's store, so a second refused (the caller may not
 * write there, its input breaks a rule) would come after the first had committed, and the answer,
 * nulled by the refusal (every payload is non-null), would say nothing of it. HTTP 400,
 * `TOO_MANY_WRITES`. The writes are counted once per operation (Apollo's parsed document, kept per
 * query text) and schema, not once per request.
 */
export function oneWritePlugin<Context extends BaseContext>(): ApolloServerPlugin<Context> {
  const writes = new DocumentMemo<OperationDefinitionNode, string[]>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation }) {
          // No operation to run: operationResolutionPlugin refuses it.
          if (!operation) return;
          // A new error each time: Apollo may enrich the error it is given.
          const refusal = tooManyWrites(writes.remember(schema, operation, () => writesOf(document, operation)));
          if (refusal) throw refusal;
        },
      };
    },
  };
}
