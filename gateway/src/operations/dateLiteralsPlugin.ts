import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { getNamedType, GraphQLError, TypeInfo, visit, visitWithTypeInfo, type DocumentNode, type GraphQLSchema } from 'graphql';
import { DateScalar } from '@linju/contract';

/**
 * Dates written in the document itself (`overview(period: { from: "0000-01-01" })`), checked as
 * the subgraphs' `Date` scalar checks them, at the gateway: its schema knows `Date` only by name and
 * would pass any literal on, and the subgraph would answer a validation failure. A variable is
 * checked by the subgraph's scalar and answered BAD_USER_INPUT; a literal is the same input, so it
 * gets the same answer, naming the argument or input field (HTTP 400, no subgraph called).
 */
export function dateLiteralsPlugin<Context extends BaseContext>(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document }) {
          checkDateLiterals(schema, document);
        },
      };
    },
  };
}

function checkDateLiterals(schema: GraphQLSchema, document: DocumentNode): void {
  const typeInfo = new TypeInfo(schema);
  const path: string[] = [];
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      VariableDefinition: { enter: (node) => void path.push(`$${node.variable.name.value}`), leave: () => void path.pop() },
      Argument: { enter: (node) => void path.push(node.name.value), leave: () => void path.pop() },
      ObjectField: { enter: (node) => void path.push(node.name.value), leave: () => void path.pop() },
      StringValue(node) {
        if (getNamedType(typeInfo.getInputType())?.name !== DateScalar.name) return;
        try {
          DateScalar.parseLiteral(node);
        } catch (error) {
          const field = path.join('.');
          throw new GraphQLError(`${field}: ${(error as Error).message}`, { extensions: { code: 'BAD_USER_INPUT', field, http: { status: 400 } } });
        }
      },
    }),
  );
}
