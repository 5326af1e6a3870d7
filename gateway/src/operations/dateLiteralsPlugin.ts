import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { BREAK, getNamedType, GraphQLError, TypeInfo, visit, visitWithTypeInfo, type DocumentNode, type GraphQLSchema } from 'graphql';
import { DateScalar, isCalendarDate } from '@linju/contract';
import { DocumentMemo } from '../DocumentMemo.ts';
import { checkDateVariables } from './checkDateVariables.ts';

/**
 * Dates written in the document itself (`overview(period: { from: "0000-01-01" })`), checked as
 * the subgraphs' `Date` scalar checks them, at the gateway: its schema knows `Date` only by name and
 * would pass any literal on, and the subgraph would answer a validation failure: BAD_USER_INPUT
 * naming the argument or input field (HTTP 400, no subgraph called). Dates in the variables are
 * checked here too (`checkDateVariables`), naming the variable's path.
 */
export function dateLiteralsPlugin<Context extends BaseContext>(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          checkDateLiterals(schema, document);
          if (operation) checkDateVariables(schema, operation, request.variables);
        },
      };
    },
  };
}

/** A date literal the `Date` scalar refuses: where (`period.from`) and why. */
interface DateLiteralProblem {
  field: string;
  message: string;
  /** `malformed` for no date at all; none for a real day outside the range, whose message names the range. */
  rule?: 'malformed';
}

/**
 * The first bad date literal of each document, or null: literals are the document's own (every
 * operation's, variables' defaults included), so the answer depends on the document and the schema
 * alone, and the document is walked once, not once per request.
 */
const problems = new DocumentMemo<DocumentNode, DateLiteralProblem | null>();

/** Throws BAD_USER_INPUT, naming the argument or input field, if a date literal of the document is not a date. */
export function checkDateLiterals(schema: GraphQLSchema, document: DocumentNode): void {
  const problem = problems.remember(schema, document, () => firstDateLiteralProblem(schema, document));
  // A new error each time: Apollo may enrich the error it is given.
  if (problem) throw new GraphQLError(`${problem.field}: ${problem.message}`, { extensions: { code: 'BAD_USER_INPUT', field: problem.field, ...(problem.rule && { rule: problem.rule }), http: { status: 400 } } });
}

function firstDateLiteralProblem(schema: GraphQLSchema, document: DocumentNode): DateLiteralProblem | null {
  const typeInfo = new TypeInfo(schema);
  const path: string[] = [];
  let problem: DateLiteralProblem | null = null;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      VariableDefinition: { enter: (node) => void path.push(`$${node.variable.name.value}`), leave: () => void path.pop() },
      Argument: { enter: (node) => void path.push(node.name.value), leave: () => void path.pop() },
      ObjectField: { enter: (node) => void path.push(node.name.value), leave: () => void path.pop() },
      StringValue(node) {
        if (getNamedType(typeInfo.getInputType())?.name !== DateScalar.name) return undefined;
        try {
          DateScalar.parseLiteral(node);
          return undefined;
        } catch (error) {
          problem = { field: path.join('.'), message: (error as Error).message, ...(!isCalendarDate(node.value) && { rule: 'malformed' as const }) };
          return BREAK;
        }
      },
    }),
  );
  return problem;
}
