import { Kind, type DocumentNode, type FragmentDefinitionNode, type GraphQLError, type SelectionSetNode } from 'graphql';
import { limitError } from './QueryLimits.ts';

/**
 * The most field selections a query may repeat: a field selected again under a response name
 * already selected at the same place of the response (`{ jurisdictions { name name } }` repeats
 * one), fragments expanded and the selections of a repeated field merged as the response merges
 * them. Far above any real query (the registered operations and the explorer's examples repeat a
 * handful at most, where a fragment selects a field the query also selects); low enough that
 * graphql-js's check that same-named fields can merge (OverlappingFieldsCanBeMergedRule, which
 * compares every pair of them and gives up after 500 000 steps with a bare "Validation aborted.")
 * never gives up on a query within the limits.
 */
export const MAX_REPEATED_FIELDS = 100;

/** Selections looked at before counting stops (fragments spread under many fields multiply them): the count so far is then the answer. */
const MAX_VISITS = 100_000;

/**
 * How many field selections of `document` repeat a response name already selected at the same
 * place (see {@link MAX_REPEATED_FIELDS}): each operation's, summed. A fragment spread twice at one
 * place counts once (graphql-js compares it once); a fragment cycle is not followed (validation
 * refuses it).
 */
export function countRepeatedFields(document: DocumentNode): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  let repeated = 0;
  let visits = 0;

  /** One place of the response: the selection sets that make it up, and the fragments spread on the way there. */
  function place(sets: readonly SelectionSetNode[], within: ReadonlySet<string>): void {
    const seen = new Map<string, SelectionSetNode[]>();
    const spread = new Set<string>();
    const collect = (set: SelectionSetNode) => {
      for (const selection of set.selections) {
        if (++visits > MAX_VISITS) return;
        if (selection.kind === Kind.FIELD) {
          const name = (selection.alias ?? selection.name).value;
          const children = seen.get(name);
          if (children) repeated += 1;
          else seen.set(name, []);
          if (selection.selectionSet) seen.get(name)!.push(selection.selectionSet);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          collect(selection.selectionSet);
        } else {
          const fragment = fragments.get(selection.name.value);
          if (!fragment || spread.has(fragment.name.value) || within.has(fragment.name.value)) continue;
          spread.add(fragment.name.value);
          collect(fragment.selectionSet);
        }
      }
    };
    for (const set of sets) collect(set);
    const below = new Set([...within, ...spread]);
    for (const children of seen.values()) if (children.length > 0 && visits <= MAX_VISITS) place(children, below);
  }

  for (const definition of document.definitions) if (definition.kind === Kind.OPERATION_DEFINITION) place([definition.selectionSet], new Set());
  return repeated;
}

/** The refusal of a document over {@link MAX_REPEATED_FIELDS}, or undefined: HTTP 400 naming the limit and the count, as the other limits do. */
export function repeatedFieldsError(document: DocumentNode): GraphQLError | undefined {
  const repeated = countRepeatedFields(document);
  if (repeated <= MAX_REPEATED_FIELDS) return undefined;
  return limitError(
    'TOO_MANY_REPEATED_FIELDS',
    `查询重复选择的字段过多：同一位置的同名字段重复了 ${repeated} 次，至多 ${MAX_REPEATED_FIELDS} 次，请每个字段只选一次 / The query repeats fields too often: ${repeated} fields are selected again under a name already selected at the same place, and the limit of repeated fields is ${MAX_REPEATED_FIELDS}; select each field once`,
    MAX_REPEATED_FIELDS,
    repeated,
  );
}
