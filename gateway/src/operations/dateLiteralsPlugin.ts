import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { BREAK, getNullableType, isScalarType, isValueNode, Kind, TypeInfo, valueFromASTUntyped, visit, visitWithTypeInfo, type ASTNode, type DocumentNode, type GraphQLSchema } from 'graphql';
import { DateScalar, dateProblem } from '@linju/contract';
import { DocumentMemo } from '../DocumentMemo.ts';
import { checkDateVariables, dateRefusal } from './checkDateVariables.ts';

/**
 * Dates written in the document itself (`overview(period: { from: "0000-01-01" })`), checked as
 * the subgraphs' `Date` scalar checks them, at the gateway: its schema knows `Date` only by name and
 * would pass any literal on, and the subgraph would answer a validation failure. Refused as a bad
 * date in the variables is (`dateRefusal`, the same words: the Chinese half names the field,
 * 起始日期, the English half its path), with BAD_USER_INPUT naming the argument or input field
 * (`period.from`), HTTP 400 and no subgraph called. Dates in the variables are checked here too
 * (`checkDateVariables`), naming the variable's path.
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

/** A date literal the `Date` scalar refuses: where (`period.from`, `rows[1].input.heldOn`) and what it was. */
interface DateLiteralProblem {
  field: string;
  value: unknown;
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
  if (problem) throw dateRefusal(problem.value, problem.field, 400)!;
}

/** The path segment a node adds: a variable (`$p`), an argument or input field (`from`), a list's item (`[1]`). */
function segmentOf(node: ASTNode, key: string | number | undefined): string | undefined {
  if (node.kind === Kind.VARIABLE_DEFINITION) return `$${node.variable.name.value}`;
  if (node.kind === Kind.ARGUMENT || node.kind === Kind.OBJECT_FIELD) return node.name.value;
  // Only a list literal holds values in an array.
  return isValueNode(node) && typeof key === 'number' ? `[${key}]` : undefined;
}

/** `period.from`, `rows[1].input.heldOn`, `$p.from`: as a variable's path is written. */
const joined = (segments: readonly string[]) => segments.reduce((path, segment) => (segment.startsWith('[') || path === '' ? path + segment : `${path}.${segment}`), '');

function firstDateLiteralProblem(schema: GraphQLSchema, document: DocumentNode): DateLiteralProblem | null {
  const typeInfo = new TypeInfo(schema);
  const path: string[] = [];
  let problem: DateLiteralProblem | null = null;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      enter(node, key) {
        const segment = segmentOf(node, key);
        if (segment !== undefined) path.push(segment);
        if (!isValueNode(node) || node.kind === Kind.VARIABLE || node.kind === Kind.NULL) return undefined;
        // A list literal's own type is its position's (TypeInfo already holds its items' there).
        const type = getNullableType(node.kind === Kind.LIST ? typeInfo.getParentInputType() : typeInfo.getInputType());
        if (!isScalarType(type) || type.name !== DateScalar.name) return undefined;
        // Any literal but a string is no date either (`from: 5`), as the same value in the variables is not.
        const value = node.kind === Kind.STRING ? node.value : valueFromASTUntyped(node);
        if (dateProblem(value) === undefined) return undefined;
        problem = { field: joined(path), value };
        return BREAK;
      },
      leave(node, key) {
        if (segmentOf(node, key) !== undefined) path.pop();
      },
    }),
  );
  return problem;
}
