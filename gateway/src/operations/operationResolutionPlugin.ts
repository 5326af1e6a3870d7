import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { quotedEn, quotedZh } from '@linju/contract';

/**
 * The client's error, answered as such: a document from which no one operation can be picked (several
 * and no `operationName`, or an `operationName` naming none of them), or a subscription, which the
 * gateway does not run. Apollo Server refuses these itself only when it executes; with a gateway it
 * hands them to the planner, whose INVALID_GRAPHQL becomes an HTTP 500 (an internal error in
 * production). Refused here once the document is validated: HTTP 400, OPERATION_RESOLUTION_FAILURE
 * as Apollo Server names it, and no subgraph is called.
 */
export function operationResolutionPlugin<Context extends BaseContext>(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request }) {
          if (!operation) {
            const message = request.operationName
              ? `文档中没有名为${quotedZh(request.operationName)}的操作 / Unknown operation named ${quotedEn(request.operationName)}; the document has no operation of that name`
              : '文档含有多个操作，须给出 operationName / Must provide operationName if the document contains multiple operations';
            throw resolutionFailure(message);
          }
          if (operation.operation === 'subscription') throw resolutionFailure('不支持订阅，请发送查询或变更 / Subscriptions are not supported; send a query or a mutation');
        },
      };
    },
  };
}

function resolutionFailure(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'OPERATION_RESOLUTION_FAILURE', http: { status: 400 } } });
}
