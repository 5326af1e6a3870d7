import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { oneWriteRefusal } from '@linju/contract';

/**
 * Refuses a mutation of more than one root field that runs (aliases count, fragments expanded;
 * `__typename` alongside is no write, nor a field `@skip` or `@include` leaves out with the
 * variables sent), once it is validated and before the gateway plans it: no subgraph is called and
 * nothing is written. The rule is the contract's (`oneWrite.ts`), which each subgraph holds again
 * for what reaches it. HTTP 400, `TOO_MANY_WRITES`. A query is not looked at; a mutation's root is
 * read for each request, with its variables, each fragment once (linear in the document).
 */
export function oneWritePlugin<Context extends BaseContext>(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          // No operation to run: operationResolutionPlugin refuses it.
          if (operation?.operation !== 'mutation') return;
          // A new error each time: Apollo may enrich the error it is given.
          const refusal = oneWriteRefusal(schema, document, operation, request.variables);
          if (refusal) throw refusal;
        },
      };
    },
  };
}
