import {
  getNamedType,
  GraphQLError,
  isInputObjectType,
  isListType,
  isNonNullType,
  typeFromAST,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { DateScalar, dateProblem, isCalendarDate } from '@linju/contract';
import { DocumentMemo } from '../DocumentMemo.ts';

/** A variable whose type holds a `Date` somewhere (itself, in a list, in an input object's fields). */
interface DatedVariable {
  name: string;
  type: GraphQLInputType;
}

/** Whether a value of `type` can hold a Date, input objects' fields followed once each (they may refer to themselves). */
function holdsDate(type: GraphQLInputType, seen = new Set<string>()): boolean {
  const named = getNamedType(type);
  if (named.name === DateScalar.name) return true;
  if (!isInputObjectType(named) || seen.has(named.name)) return false;
  seen.add(named.name);
  return Object.values(named.getFields()).some((field) => holdsDate(field.type, seen));
}

/** Each operation's variables that can hold a date: found once per document, not per request. */
const datedVariables = new DocumentMemo<OperationDefinitionNode, DatedVariable[]>();

/** The first date in `value` (of `type`) the `Date` scalar refuses: its path and value. */
function firstBadDate(type: GraphQLInputType, value: unknown, path: string, depth = 0): { field: string; value: unknown } | undefined {
  if (value === null || value === undefined || depth > 32) return undefined;
  if (isNonNullType(type)) return firstBadDate(type.ofType, value, path, depth);
  if (isListType(type)) {
    const items = Array.isArray(value) ? value : [value];
    for (const [index, item] of items.entries()) {
      const found = firstBadDate(type.ofType, item, Array.isArray(value) ? `${path}[${index}]` : path, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  if (isInputObjectType(type)) {
    if (typeof value !== 'object') return undefined;
    for (const [name, field] of Object.entries(type.getFields())) {
      const found = name in value ? firstBadDate(field.type, (value as Record<string, unknown>)[name], `${path}.${name}`, depth + 1) : undefined;
      if (found) return found;
    }
    return undefined;
  }
  if (type.name !== DateScalar.name) return undefined;
  return dateProblem(value, path) === undefined ? undefined : { field: path, value };
}

/**
 * The refusal of a date the `Date` scalar refuses, wherever it was sent (`variables.p.from`, or
 * `period.from` written in the document): BAD_USER_INPUT naming where (`field`), in the words of
 * `dateProblem` (the Chinese half calling the date by its field's Chinese name, 起始日期, never the
 * path), `malformed` for no date (not YYYY-MM-DD, or no such day) and no rule for a real day outside
 * the range, whose message names the range (docs/api.md). Undefined for a good date.
 */
export function dateRefusal(value: unknown, field: string, status: 200 | 400): GraphQLError | undefined {
  const message = dateProblem(value, field);
  if (message === undefined) return undefined;
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', field, ...(!isCalendarDate(value) && { rule: 'malformed' }), http: { status } } });
}

/**
 * Dates sent in the variables, checked at the gateway as the subgraphs' `Date` scalar checks them,
 * so a bad one is answered as a bad date written into the document is: BAD_USER_INPUT naming where
 * (`variables.period.from`) and the rule (`malformed`: not YYYY-MM-DD, or no such day; none for a
 * day outside the range), before any subgraph is asked. Left to a subgraph, the answer was
 * graphql-js's own text ("Variable "$p" got invalid value …") without a field, and a null in data.
 */
export function checkDateVariables(schema: GraphQLSchema, operation: OperationDefinitionNode, variables: Record<string, unknown> | undefined): void {
  if (!variables) return;
  const dated = datedVariables.remember(schema, operation, () =>
    (operation.variableDefinitions ?? []).flatMap((definition) => {
      const type = typeFromAST(schema, definition.type as never) as GraphQLInputType | undefined;
      return type && holdsDate(type) ? [{ name: definition.variable.name.value, type }] : [];
    }),
  );
  for (const { name, type } of dated) {
    const bad = firstBadDate(type, variables[name], `variables.${name}`);
    if (bad) throw dateRefusal(bad.value, bad.field, 200)!;
  }
}
