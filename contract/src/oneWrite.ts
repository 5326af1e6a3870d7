import {
  getVariableValues,
  GraphQLError,
  Kind,
  type DirectiveNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';

/**
 * One write a request: the rule the gateway holds before it plans a mutation and each subgraph
 * holds again for what reaches it (a caller with a valid statement, or a gateway with the rule
 * left out, must not get several writes run either). A mutation's root fields run one after
 * another, each a transaction of its own in its owner's store, so a second refused would come
 * after the first had committed, and the answer, nulled by the refusal, would say nothing of it.
 */

/** The writes a request may make: one root field of a mutation. */
export const MAX_WRITES = 1;

const isCondition = (directive: DirectiveNode) => directive.name.value === 'skip' || directive.name.value === 'include';
const conditionsOf = (selection: SelectionNode): DirectiveNode[] => (selection.directives ?? []).filter(isCondition);

/**
 * The root fields of an operation that run with the variables given (coerced, see
 * {@link coercedVariables}; see {@link runs}), through inline fragments and fragment spreads (a
 * client may spread its mutation fields), in the order written: what the operation asks of the root
 * type. A field named twice under one response key is listed twice.
 *
 * Each fragment is read once, the first time a spread of it runs: what it gives does not depend on
 * where it is spread (its conditions are read with the same variables), so a later spread only
 * repeats fields already listed under the same keys. The walk is linear in the document, however
 * its fragments spread one another (a fragment spread twice into one spread twice…, 22 of them in a
 * few hundred bytes, would be four million root selections expanded path by path), and a fragment
 * spread into itself, which a validated document has not, ends.
 */
export function runningRootFields(document: DocumentNode, operation: OperationDefinitionNode, variables?: Readonly<Record<string, unknown>>): FieldNode[] {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION && !fragments.has(definition.name.value)) fragments.set(definition.name.value, definition);
  }
  const read = new Set<string>();
  const fields: FieldNode[] = [];
  const walk = (selectionSet: SelectionSetNode): void => {
    for (const selection of selectionSet.selections) {
      if (!runs(conditionsOf(selection), variables)) continue;
      if (selection.kind === Kind.FIELD) fields.push(selection);
      else if (selection.kind === Kind.INLINE_FRAGMENT) walk(selection.selectionSet);
      else if (!read.has(selection.name.value)) {
        read.add(selection.name.value);
        const fragment = fragments.get(selection.name.value);
        if (fragment) walk(fragment.selectionSet);
      }
    }
  };
  walk(operation.selectionSet);
  return fields;
}

/**
 * Whether a field under `conditions` runs with the variables given (coerced, see
 * {@link coercedVariables}): `@skip(if: true)` or `@include(if: false)` leave it out. Without
 * variables to decide by (they do not coerce: the operation will not run), it counts as running.
 */
export function runs(conditions: readonly DirectiveNode[], variables: Readonly<Record<string, unknown>> | undefined): boolean {
  return conditions.every((directive) => {
    const value = directive.arguments?.find((argument) => argument.name.value === 'if')?.value;
    const given = value?.kind === Kind.BOOLEAN ? value.value : value?.kind === Kind.VARIABLE && variables ? variables[value.name.value] : undefined;
    if (typeof given !== 'boolean') return true;
    return directive.name.value === 'skip' ? !given : given;
  });
}

/**
 * The variables of an operation as the schema coerces them (defaults filled in), or undefined when
 * they do not coerce (execution refuses them before any field runs).
 */
export function coercedVariables(schema: GraphQLSchema, operation: OperationDefinitionNode, raw: Readonly<Record<string, unknown>> | undefined): Record<string, unknown> | undefined {
  if (!operation.variableDefinitions?.length) return {};
  const values = getVariableValues(schema, operation.variableDefinitions, raw ?? {});
  return values.errors ? undefined : values.coerced;
}

/** The key a field's answer is under: its alias, else its name. */
export const responseKey = (field: FieldNode): string => (field.alias ?? field.name).value;

/**
 * The writes an operation makes with the variables given (coerced, see {@link coercedVariables}):
 * the names of a mutation's root fields that run, but `__typename`, one per response key (a field
 * written twice under one key is merged and run once), in the order written; none for a query.
 */
export function writesOf(document: DocumentNode, operation: OperationDefinitionNode, variables?: Readonly<Record<string, unknown>>): string[] {
  if (operation.operation !== 'mutation') return [];
  const writes = new Map<string, string>();
  for (const field of runningRootFields(document, operation, variables)) {
    if (field.name.value !== '__typename' && !writes.has(responseKey(field))) writes.set(responseKey(field), field.name.value);
  }
  return [...writes.values()];
}

/**
 * The refusal of an operation making more than {@link MAX_WRITES} writes, or undefined: HTTP 400,
 * `TOO_MANY_WRITES`, the limit and the count in `extensions` (`limit`, `value`), as the gateway's
 * other limits.
 */
export function tooManyWrites(writes: readonly string[]): GraphQLError | undefined {
  if (writes.length <= MAX_WRITES) return undefined;
  return new GraphQLError(
    `每次请求只能做一项写入（一个写入字段），本次有 ${writes.length} 项，请分开发送；未作任何更改。每项写入是其所属库中的一个独立事务，几项写入无法一同完成或一同拒绝 / A request may make one write (one mutation field); this one makes ${writes.length} (${writes.join(', ')}): send each in a request of its own. Nothing was changed: each write is its own transaction in the store that owns it, so several cannot be made or refused together`,
    { extensions: { code: 'TOO_MANY_WRITES', limit: MAX_WRITES, value: writes.length, http: { status: 400 } } },
  );
}

/**
 * The refusal of an operation that makes more than one write with the variables sent (raw, as the
 * request carries them), or undefined. The variables are coerced only when the writes counted
 * without them (each `@skip` / `@include` on a variable counted as running: as many or more) are
 * more than one: an import's thousand rows are not coerced again for its one write.
 */
export function oneWriteRefusal(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Readonly<Record<string, unknown>> | undefined): GraphQLError | undefined {
  if (operation.operation !== 'mutation') return undefined;
  if (!tooManyWrites(writesOf(document, operation))) return undefined;
  return tooManyWrites(writesOf(document, operation, coercedVariables(schema, operation, variables)));
}
