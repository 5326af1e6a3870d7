import { Kind, parse, type FieldNode, type SelectionSetNode } from 'graphql';
import { memoizeByText } from '@linju/contract/memo';

/**
 * Says whether a request reads nothing from the store: for the subgraph's server, which then
 * claims no caller statement, and for its audit, which then appends no entry.
 */
export type StoreFree = (query: string | undefined, variables: unknown) => boolean;

/** The variable whose representations the operation resolves, or null if it is not store-free. */
function entitiesVariable(text: string, derived: ReadonlySet<string>): string | null {
  let document;
  try {
    document = parse(text, { noLocation: true });
  } catch {
    return null;
  }
  const operations = document.definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  const [operation] = operations;
  if (operations.length !== 1 || operation?.kind !== Kind.OPERATION_DEFINITION || operation.operation !== 'query') return null;
  let variable: string | null = null;
  for (const root of operation.selectionSet.selections) {
    if (root.kind !== Kind.FIELD) return null;
    if (root.name.value === '__typename') continue;
    const argument = root.arguments?.length === 1 ? root.arguments[0] : undefined;
    if (root.name.value !== '_entities' || argument?.name.value !== 'representations' || argument.value.kind !== Kind.VARIABLE) return null;
    if (variable !== null && variable !== argument.value.name.value) return null;
    if (!root.selectionSet || !derivedOnly(root.selectionSet, derived)) return null;
    variable = argument.value.name.value;
  }
  return variable;
}

/** `... on Type { field … }` fragments selecting derived fields of their type, and `__typename`, only. */
function derivedOnly(selectionSet: SelectionSetNode, derived: ReadonlySet<string>): boolean {
  const isTypename = (selection: FieldNode) => selection.name.value === '__typename';
  return selectionSet.selections.every((selection) => {
    if (selection.kind === Kind.FIELD) return isTypename(selection);
    if (selection.kind !== Kind.INLINE_FRAGMENT || !selection.typeCondition) return false;
    const type = selection.typeCondition.name.value;
    return selection.selectionSet.selections.every((field) => field.kind === Kind.FIELD && (isTypename(field) || derived.has(`${type}.${field.name.value}`)));
  });
}

/**
 * The requests of a subgraph that read nothing from its store, from the fields it derives from an
 * entity's representation alone (`Type.field`): the joint total, which the query plan sends the
 * sides' figures to add up (`@requires`), is one. Such a request is an `_entities` query that asks
 * nothing but derived fields (and `__typename`) of representations all of the types those fields
 * belong to, whose reference resolvers must return the representation without reading anything.
 * Anything else (another field, a fragment spread, a representation of another type, a mutation, a
 * document that does not parse) is not store-free: it is claimed and audited as every request is.
 *
 * The answer depends on the text (remembered per text, see `memoizeByText`) and the variables'
 * typenames (checked per request).
 */
export function storeFreeOperations(derivedFields: readonly string[]): StoreFree {
  if (derivedFields.length === 0) return () => false;
  const derived = new Set(derivedFields);
  const types = new Set(derivedFields.map((field) => field.slice(0, field.indexOf('.'))));
  const variableOf = memoizeByText((text) => entitiesVariable(text, derived));
  return (query, variables) => {
    const variable = typeof query === 'string' ? variableOf(query) : null;
    if (variable === null) return false;
    const representations = (variables as Record<string, unknown> | null | undefined)?.[variable];
    return (
      Array.isArray(representations) &&
      representations.length > 0 &&
      representations.every((representation) => typeof representation === 'object' && representation !== null && types.has((representation as { __typename?: unknown }).__typename as string))
    );
  };
}
