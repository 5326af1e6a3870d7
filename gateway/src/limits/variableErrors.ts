import type { ApolloGateway } from '@apollo/gateway';
import { GraphQLError, getVariableValues, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';

/**
 * The most errors the coercion of a request's variables reports. Apollo's gateway coerces them with
 * no bound: an input object of 3 000 unknown fields (33 kB) was answered with 3 003 errors, each
 * quoting the whole object (111 MB built and sent). graphql-js stops at this many and adds its own
 * last error, said here in Linju's words.
 */
export const MAX_VARIABLE_ERRORS = 10;

const TOO_MANY = `变量中的错误过多，仅列出前 ${MAX_VARIABLE_ERRORS} 项，请逐项改正后重新提交 / The variables hold more than ${MAX_VARIABLE_ERRORS} errors; the first ${MAX_VARIABLE_ERRORS} are listed`;

/** What the gateway's own check of the variables (`validateIncomingRequest`, private to Apollo) is given. */
interface GatewayCheck {
  validateIncomingRequest: (
    requestContext: { request: { variables?: Record<string, unknown> } },
    operationContext: { schema: GraphQLSchema; operation: OperationDefinitionNode },
  ) => readonly GraphQLError[];
}

/**
 * Puts {@link MAX_VARIABLE_ERRORS} on the gateway's coercion of the variables: the same coercion,
 * by graphql-js, once, with its `maxErrors`. Its closing error (no node, no code) becomes a
 * BAD_USER_INPUT of Linju's; the others stay as Apollo Server codes them (BAD_USER_INPUT, HTTP 400).
 */
export function capVariableErrors(gateway: ApolloGateway): void {
  const check = gateway as unknown as GatewayCheck;
  if (typeof check.validateIncomingRequest !== 'function') throw new Error("Apollo's gateway no longer has validateIncomingRequest: cap its variables' errors another way");
  check.validateIncomingRequest = (requestContext, { schema, operation }) => {
    if (!operation.variableDefinitions) return [];
    const { errors } = getVariableValues(schema, operation.variableDefinitions, requestContext.request.variables ?? {}, { maxErrors: MAX_VARIABLE_ERRORS });
    return (errors ?? []).map((error) => (error.nodes?.length ? error : new GraphQLError(TOO_MANY, { extensions: { code: 'BAD_USER_INPUT', limit: MAX_VARIABLE_ERRORS } })));
  };
}
