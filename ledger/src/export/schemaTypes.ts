import { readFileSync } from 'node:fs';
import { Kind, parse, type FieldDefinitionNode, type InterfaceTypeDefinitionNode, type ObjectTypeDefinitionNode, type TypeNode } from 'graphql';
import { chineseLabel } from '@linju/contract';
import { supergraphPath } from '@linju/schema/supergraphFile';

/**
 * The federation's types as the committed supergraph describes them: every export's lists, columns
 * and headers are read from here (the contract's SDL and its Chinese descriptions), never typed again.
 */
export type TypeDefinition = ObjectTypeDefinitionNode | InterfaceTypeDefinitionNode;

let types: Map<string, TypeDefinition> | undefined;

export function typeDefinition(name: string): TypeDefinition {
  types ??= new Map(
    parse(readFileSync(supergraphPath, 'utf8'), { noLocation: true })
      .definitions.filter((d): d is TypeDefinition => d.kind === Kind.OBJECT_TYPE_DEFINITION || d.kind === Kind.INTERFACE_TYPE_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
  const found = types.get(name);
  if (!found) throw new Error(`The supergraph has no type ${name}`);
  return found;
}

export function fieldOf(type: string, field: string): FieldDefinitionNode {
  const found = typeDefinition(type).fields?.find((f) => f.name.value === field);
  if (!found) throw new Error(`${type} has no field ${field}`);
  return found;
}

/** The named type under the list and non-null wrappers, and whether a list was among them. */
export function namedType(type: TypeNode): { name: string; list: boolean } {
  if (type.kind === Kind.NAMED_TYPE) return { name: type.name.value, list: false };
  const inner = namedType(type.type);
  return { name: inner.name, list: inner.list || type.kind === Kind.LIST_TYPE };
}

export const labelOfField = (type: string, field: string): string => chineseLabel(fieldOf(type, field).description?.value);
