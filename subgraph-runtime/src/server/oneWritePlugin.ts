import type { ApolloServerPlugin } from '@apollo/server';
import { oneWriteRefusal } from '@linju/contract';

/**
 * The one-write rule at the subgraph (the contract's, `oneWrite.ts`, which the gateway holds before
 * it plans): a mutation of more than one root field that runs with the variables sent is refused
 * whole, `TOO_MANY_WRITES`, before any resolver runs, whoever sent it with a valid statement. The
 * gateway never sends one; this holds if something else does, or the gateway's rule is left out.
 */
export function oneWritePlugin<Context extends object>(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (operation?.operation !== 'mutation') return;
          const refusal = oneWriteRefusal(schema, document, operation, request.variables);
          if (refusal) throw refusal;
        },
      };
    },
  };
}
