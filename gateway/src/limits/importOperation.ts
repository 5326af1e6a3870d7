import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { IMPORTS, JURISDICTIONS } from '@linju/contract';

/** The import mutations' root fields (`sichuanImportActivities` …): the only requests allowed the larger body. */
export const IMPORT_FIELDS: ReadonlySet<string> = new Set(JURISDICTIONS.flatMap((side) => IMPORTS.map((i) => `${side.key}${i.name}`)));

/**
 * Whether a JSON request body is an import call: its query text (at most `maxQueryBytes`, and at most
 * `maxTokens` tokens, so nothing large is parsed) holds the operation it names (or its only one),
 * a mutation that selects import fields and nothing else. The operation's rows travel as variables;
 * a persisted query sent by hash alone is not an import call.
 */
export function isImportOperation(body: unknown, maxQueryBytes: number, maxTokens: number): boolean {
  const { query, operationName } = (body ?? {}) as { query?: unknown; operationName?: unknown };
  if (typeof query !== 'string' || Buffer.byteLength(query) > maxQueryBytes) return false;
  let operations: OperationDefinitionNode[];
  try {
    operations = parse(query, { maxTokens, noLocation: true }).definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  } catch {
    // Apollo answers the malformed query itself, with its own body limit.
    return false;
  }
  const operation = typeof operationName === 'string' ? operations.find((o) => o.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
  if (operation?.operation !== 'mutation' || operation.selectionSet.selections.length === 0) return false;
  return operation.selectionSet.selections.every((s) => s.kind === Kind.FIELD && IMPORT_FIELDS.has(s.name.value));
}
