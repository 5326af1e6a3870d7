import { Kind, type DocumentNode, type FieldNode, type SelectionSetNode } from 'graphql';

/**
 * The root fields of an operation of a validated document, through fragment spreads and inline
 * fragments (a client may spread its mutation fields): what the operation asks of the root type, in
 * the order written. A field named twice under one response key is listed twice.
 */
export function rootFields(selectionSet: SelectionSetNode, document: DocumentNode): FieldNode[] {
  return selectionSet.selections.flatMap((selection) => {
    if (selection.kind === Kind.FIELD) return [selection];
    if (selection.kind === Kind.INLINE_FRAGMENT) return rootFields(selection.selectionSet, document);
    const fragment = document.definitions.find((d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === selection.name.value);
    return fragment?.kind === Kind.FRAGMENT_DEFINITION ? rootFields(fragment.selectionSet, document) : [];
  });
}

/** The key a field's answer is under: its alias, else its name. */
export const responseKey = (field: FieldNode): string => (field.alias ?? field.name).value;
