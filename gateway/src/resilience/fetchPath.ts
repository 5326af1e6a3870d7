import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { Kind, parse, type DocumentNode } from 'graphql';

/**
 * Where in the client's answer the parts a failed subgraph fetch would have filled lie, as an
 * error's `path`, so a client can tell which null is whose: the fetch's place in the answer (the
 * query plan's cursor), up to the first list it runs over (`@`, no single index), and for a fetch at
 * the root, its first root field. Undefined when the gateway does not say (a health check).
 */
export function fetchPath(options: GraphQLDataSourceProcessOptions): (string | number)[] | undefined {
  if (!('pathInIncomingRequest' in options) || !options.pathInIncomingRequest) return undefined;
  const cursor = options.pathInIncomingRequest;
  const list = cursor.indexOf('@');
  const path = list >= 0 ? cursor.slice(0, list) : [...cursor];
  if (path.length > 0) return path;
  const operation = documentOf(options)?.definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  const first = operation?.kind === Kind.OPERATION_DEFINITION ? operation.selectionSet.selections.find((selection) => selection.kind === Kind.FIELD) : undefined;
  return first?.kind === Kind.FIELD ? [(first.alias ?? first.name).value] : undefined;
}

/** The fetch's document: the plan's, when it kept one, else its text parsed (only for a fetch that failed). */
function documentOf(options: GraphQLDataSourceProcessOptions): DocumentNode | undefined {
  if ('document' in options && options.document) return options.document;
  try {
    return options.request.query ? parse(options.request.query) : undefined;
  } catch {
    return undefined;
  }
}
