import type { DocumentNode, GraphQLSchema, OperationDefinitionNode } from 'graphql';
import { nonPublicSelections, operationFields } from '@linju/access';
import { DocumentMemo } from '../DocumentMemo.ts';

/**
 * Verdicts kept per operation (Apollo's parsed operation: a node of one cached document, so it
 * stands for its fragments too) and schema. The fields an operation selects are its document's;
 * only `_entities` reads the variables (the types of its representations), so a verdict on an
 * operation that selects it is never kept.
 */
const verdicts = new DocumentMemo<OperationDefinitionNode, boolean>();

/**
 * Whether the operation selects public fields only (`nonPublicSelections` of the access rules is
 * empty), so that its answer is the same for every caller: walked once per operation, not per request.
 */
export function isPublicOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
): boolean {
  const known = verdicts.get(schema, operation);
  if (known !== undefined) return known;
  const fields = operationFields(schema, document, operation, variables);
  const isPublic = nonPublicSelections(fields).length === 0;
  if (!fields.coordinates.has(`${schema.getQueryType()?.name}._entities`)) verdicts.set(schema, operation, isPublic);
  return isPublic;
}
