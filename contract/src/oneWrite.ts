import {
  getVariableValues,
  GraphQLError,
  Kind,
  type DirectiveNode,
  type DocumentNode,
  type FieldNode,
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

/** A root field of an operation and the `@skip` / `@include` that decide whether it runs: its own and those of the fragments around it. */
export interface RootField {
  field: FieldNode;
  /** Empty when the field always runs. */
  conditions: readonly DirectiveNode[];
}

const isCondition = (directive: DirectiveNode) => directive.name.value === 'skip' || directive.name.value === 'include';
const conditionsOf = (selection: SelectionNode): DirectiveNode[] => (selection.directives ?? []).filter(isCondition);

/**
 * The most root selections {@link rootFieldsOf} looks at, fragments expanded, before it refuses the
 * document: a fragment spread twice into one spread twice… doubles them at each step (22 such
 * fragments, a few hundred bytes, would be four million selections and half a minute of the
 * gateway's CPU). Far above any real operation's root (a handful of fields).
 */
export const MAX_ROOT_SELECTIONS = 10_000;

/** The refusal of an operation whose root, fragments expanded, is over {@link MAX_ROOT_SELECTIONS}: the repeated fields' limit (HTTP 400). */
function tooManyRootSelections(): GraphQLError {
  return new GraphQLError(
    `操作的顶层字段展开片段后超过 ${MAX_ROOT_SELECTIONS} 个，请每个字段只选一次、不要重复展开片段；未作任何更改 / The operation's root selections, its fragments expanded, are more than ${MAX_ROOT_SELECTIONS}: select each field once and spread no fragment again. Nothing was changed`,
    { extensions: { code: 'TOO_MANY_REPEATED_FIELDS', limit: MAX_ROOT_SELECTIONS, http: { status: 400 } } },
  );
}

/**
 * The root fields of an operation of a validated document, through fragment spreads and inline
 * fragments (a client may spread its mutation fields), each with the `@skip` / `@include` on it and
 * on the fragments around it: what the operation asks of the root type, in the order written. A
 * field named twice under one response key is listed twice. Each fragment is read once on a path
 * (a validated document spreads none into itself; this holds for one that is not).
 *
 * @throws {GraphQLError} `TOO_MANY_REPEATED_FIELDS` past {@link MAX_ROOT_SELECTIONS} selections looked at.
 */
export function rootFieldsOf(selectionSet: SelectionSetNode, document: DocumentNode, around: readonly DirectiveNode[] = [], spread: ReadonlySet<string> = new Set(), budget = { left: MAX_ROOT_SELECTIONS }): RootField[] {
  return selectionSet.selections.flatMap((selection): RootField[] => {
    if (--budget.left < 0) throw tooManyRootSelections();
    const conditions = [...around, ...conditionsOf(selection)];
    if (selection.kind === Kind.FIELD) return [{ field: selection, conditions }];
    if (selection.kind === Kind.INLINE_FRAGMENT) return rootFieldsOf(selection.selectionSet, document, conditions, spread, budget);
    if (spread.has(selection.name.value)) return [];
    const fragment = document.definitions.find((d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === selection.name.value);
    return fragment?.kind === Kind.FRAGMENT_DEFINITION ? rootFieldsOf(fragment.selectionSet, document, conditions, new Set([...spread, selection.name.value]), budget) : [];
  });
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

/** The root fields a mutation could write with (all but `__typename`), with their conditions; none for a query. */
export function candidateWrites(document: DocumentNode, operation: OperationDefinitionNode): RootField[] {
  if (operation.operation !== 'mutation') return [];
  return rootFieldsOf(operation.selectionSet, document).filter(({ field }) => field.name.value !== '__typename');
}

/** Whether any of `candidates` runs or not by the variables: else its writes are the same for every request. */
export const dependsOnVariables = (candidates: readonly RootField[]): boolean => candidates.some(({ conditions }) => conditions.length > 0);

/**
 * The writes among `candidates` that run with the variables given, by response key (a field written
 * twice under one key is merged and run once, and runs if either would): their names, in the order written.
 */
export function writesAmong(candidates: readonly RootField[], variables?: Readonly<Record<string, unknown>>): string[] {
  const writes = new Map<string, string>();
  for (const { field, conditions } of candidates) {
    if (runs(conditions, variables) && !writes.has(responseKey(field))) writes.set(responseKey(field), field.name.value);
  }
  return [...writes.values()];
}

/** The writes an operation makes with the variables given (coerced): see {@link candidateWrites} and {@link writesAmong}. */
export function writesOf(document: DocumentNode, operation: OperationDefinitionNode, variables?: Readonly<Record<string, unknown>>): string[] {
  return writesAmong(candidateWrites(document, operation), variables);
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

/** The refusal of an operation that makes more than one write with the variables sent (raw, as the request carries them), or undefined. */
export function oneWriteRefusal(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Readonly<Record<string, unknown>> | undefined): GraphQLError | undefined {
  const candidates = candidateWrites(document, operation);
  return tooManyWrites(writesAmong(candidates, dependsOnVariables(candidates) ? coercedVariables(schema, operation, variables) : {}));
}
