import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { JURISDICTIONS } from '@linju/contract';
import { costEstimateMemo } from './costEstimateMemo.ts';
import { limitError, type QueryLimits } from './QueryLimits.ts';

/** Lists whose size the gateway knows, so their estimate need not assume 20 items. */
const LIST_SIZES: Readonly<Record<string, number>> = { 'Query.jurisdictions': JURISDICTIONS.length };

/**
 * Refuses an operation whose lists or estimated cost exceed the limits, once it is validated and
 * its variables are known and before the gateway plans it: no subgraph is called. Apollo answers
 * an error thrown here with its `extensions.http` status, 400.
 */
export function queryCostPlugin<Context extends BaseContext>(limits: Pick<QueryLimits, 'maxListSize' | 'maxCost'>): ApolloServerPlugin<Context> {
  // Once per operation and values of its `first` variables, not once per request.
  const estimate = costEstimateMemo(LIST_SIZES);
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          // No operation to run: Apollo refuses the request itself.
          if (!operation) return;
          const { cost, largestList } = estimate(schema, document, operation, request.variables);
          if (largestList && largestList.size > limits.maxListSize) {
            throw limitError(
              'LIST_TOO_LARGE',
              `每页至多 ${limits.maxListSize} 条（请求了 ${largestList.size} 条），请分页读取 / ${largestList.coordinate} asks for first: ${largestList.size} items; the maximum list size is ${limits.maxListSize}`,
              limits.maxListSize,
              largestList.size,
            );
          }
          if (cost > limits.maxCost) {
            throw limitError('QUERY_TOO_COSTLY', `查询的估计开销 ${cost} 超过上限 ${limits.maxCost}，请减少字段或每页条数 / The query's estimated cost is ${cost}; the maximum cost is ${limits.maxCost}`, limits.maxCost, cost);
          }
        },
      };
    },
  };
}
