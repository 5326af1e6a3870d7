import { Kind, visit, type DocumentNode, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';

/** The shape of a parsed (not yet validated) document. */
export interface DocumentMeasure {
  /** The deepest field nesting of any operation, fragments expanded; introspection excluded. */
  depth: number;
  /**
   * Aliases of the largest operation, fragments expanded (a fragment spread twice counts twice),
   * or those written in the whole document if more (an unused fragment is still validated).
   */
  aliases: number;
}

const INTROSPECTION_ROOTS = new Set(['__schema', '__type']);

/**
 * Measures depth and aliases syntactically, so a bomb is refused before validation spends time
 * on it. Each fragment is measured once (spreads reuse the result), so a document that spreads
 * fragments into each other exponentially costs linear time; a fragment cycle or an unknown
 * fragment counts as empty here and is refused by validation.
 *
 * Introspection subtrees add no depth: graphql's MaxIntrospectionDepthRule bounds them, and the
 * explorer's own introspection query is 15 levels deep. Their aliases still count.
 */
export function measureDocument(document: DocumentNode): DocumentMeasure {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const measured = new Map<string, DocumentMeasure>();
  const measuring = new Set<string>();

  function fragment(name: string): DocumentMeasure {
    const known = measured.get(name);
    if (known) return known;
    const definition = fragments.get(name);
    if (!definition || measuring.has(name)) return { depth: 0, aliases: 0 };
    measuring.add(name);
    const measure = selectionSet(definition.selectionSet);
    measuring.delete(name);
    measured.set(name, measure);
    return measure;
  }

  function selectionSet(set: SelectionSetNode): DocumentMeasure {
    let depth = 0;
    let aliases = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const child = selection.selectionSet ? selectionSet(selection.selectionSet) : { depth: 0, aliases: 0 };
        aliases += (selection.alias ? 1 : 0) + child.aliases;
        if (!INTROSPECTION_ROOTS.has(selection.name.value)) depth = Math.max(depth, 1 + child.depth);
      } else {
        const child = selection.kind === Kind.INLINE_FRAGMENT ? selectionSet(selection.selectionSet) : fragment(selection.name.value);
        aliases += child.aliases;
        depth = Math.max(depth, child.depth);
      }
    }
    return { depth, aliases };
  }

  let depth = 0;
  let aliases = 0;
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    const measure = selectionSet(definition.selectionSet);
    depth = Math.max(depth, measure.depth);
    aliases = Math.max(aliases, measure.aliases);
  }
  let written = 0;
  visit(document, { Field: (field) => void (field.alias && (written += 1)) });
  return { depth, aliases: Math.max(aliases, written) };
}
