import { Kind, type DocumentNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';

/** What the audit log says of an operation besides its records. */
export interface OperationSummary {
  /** The client's operation name; null for an anonymous operation or one that did not parse. */
  name: string | null;
  /** Root fields, in the order asked, without repeats. */
  fields: string[];
  mutation: boolean;
}

export const UNKNOWN_OPERATION: OperationSummary = { name: null, fields: [], mutation: false };

/** Root fields asked, through fragments; each fragment is read once (refused calls are unvalidated, and may spread a fragment into itself). */
function rootFields(selectionSet: SelectionSetNode, document: DocumentNode | undefined, into: Set<string>, seen = new Set<string>()): Set<string> {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) into.add(selection.name.value);
    else if (selection.kind === Kind.INLINE_FRAGMENT) rootFields(selection.selectionSet, document, into, seen);
    else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      const fragment = document?.definitions.find((d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === selection.name.value);
      if (fragment?.kind === Kind.FRAGMENT_DEFINITION) rootFields(fragment.selectionSet, document, into, seen);
    }
  }
  return into;
}

/**
 * The operation as the audit log records it. The gateway names each subgraph fetch
 * `<client's name>__<subgraph>__<n>`; the client's name is what an auditor looks for.
 */
export function summarizeOperation(operation: OperationDefinitionNode | undefined, document: DocumentNode | undefined, home: string): OperationSummary {
  if (!operation) return UNKNOWN_OPERATION;
  const name = operation.name?.value ?? null;
  const planned = name && new RegExp(`^(.+)__${home}__\\d+$`).exec(name);
  return {
    name: planned ? planned[1]! : name,
    fields: [...rootFields(operation.selectionSet, document, new Set())],
    mutation: operation.operation === 'mutation',
  };
}

/** Fields that read no data: the SDL for composition, introspection, `__typename`. */
export const isMetaField = (field: string): boolean => field === '_service' || field.startsWith('__');
