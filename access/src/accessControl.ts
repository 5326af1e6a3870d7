import type { ApolloServerPlugin } from '@apollo/server';
import { anonymousForbidden, forbiddenError, mayWrite, nonPublicSelections, writeForbidden } from './accessRules.ts';
import type { Caller } from './caller.ts';
import { operationFields, rootFieldNames } from './operationFields.ts';

/**
 * The owner's access rules (see `accessRules.ts`), applied by each subgraph to every operation
 * after it is validated and before any resolver runs:
 * - a write (any mutation) runs only for the operator of the store it writes, here `home`;
 * - an anonymous caller may select only public fields, checked at every field coordinate of the
 *   operation and its fragments, `_entities` selections and representations included.
 * A refusal is one FORBIDDEN error: nothing is resolved, nothing is written. Personal data is
 * guarded field by field instead (`personalData.ts`), so the rest of an answer stays.
 */
export function accessControlPlugin<Context extends { caller: Caller }>(home: string): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, schema, document, operation, request }) {
          const { caller } = contextValue;
          // Apollo resolves the operation before this hook; without one there is nothing to allow.
          if (!operation) throw forbiddenError('请求中没有可核查的操作 / The request names no operation that could be checked', caller.role);
          if (operation.operation !== 'query') {
            if (!mayWrite(caller, home)) throw writeForbidden(caller, home, rootFieldNames(document, operation), operation.name?.value);
          }
          if (caller.role !== 'anonymous') return;
          const refused = nonPublicSelections(operationFields(schema, document, operation, request.variables));
          if (refused.length) throw anonymousForbidden(refused);
        },
      };
    },
  };
}
