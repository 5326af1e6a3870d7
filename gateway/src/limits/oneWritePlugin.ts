import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { OperationDefinitionNode } from 'graphql';
import { candidateWrites, coercedVariables, dependsOnVariables, tooManyWrites, writesAmong, type RootField } from '@linju/contract';
import { DocumentMemo } from '../DocumentMemo.ts';

/**
 * Refuses a mutation of more than one root field that runs (aliases count, fragments expanded;
 * `__typename` alongside is no write, nor a field `@skip` or `@include` leaves out with the
 * variables sent), once it is validated and before the gateway plans it: no subgraph is called and
 * nothing is written. The rule is the contract's (`oneWrite.ts`), which each subgraph holds again
 * for what reaches it. HTTP 400, `TOO_MANY_WRITES`. The root fields are collected once per
 * operation (Apollo's parsed document, kept per query text) and schema, not once per request; only
 * an operation with `@skip` / `@include` on them has its variables read for each request.
 */
export function oneWritePlugin<Context extends BaseContext>(): ApolloServerPlugin<Context> {
  const candidates = new DocumentMemo<OperationDefinitionNode, { writes: RootField[]; byVariables: boolean }>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          // No operation to run: operationResolutionPlugin refuses it.
          if (!operation) return;
          const { writes, byVariables } = candidates.remember(schema, operation, () => {
            const writes = candidateWrites(document, operation);
            return { writes, byVariables: dependsOnVariables(writes) };
          });
          // A new error each time: Apollo may enrich the error it is given.
          const refusal = tooManyWrites(writesAmong(writes, byVariables ? coercedVariables(schema, operation, request.variables) : {}));
          if (refusal) throw refusal;
        },
      };
    },
  };
}
