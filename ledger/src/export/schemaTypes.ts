import { readFileSync } from 'node:fs';
import { Kind, parse, type DocumentNode, type EnumTypeDefinitionNode, type FieldDefinitionNode, type InterfaceTypeDefinitionNode, type ObjectTypeDefinitionNode, type TypeNode } from 'graphql';
import { chineseLabel } from '@linju/contract';
import { supergraphPath } from '@linju/schema/supergraphFile';

/**
 * The federation's types as the committed supergraph describes them: every export's lists, columns
 * and headers are read from here (the contract's SDL and its Chinese descriptions), never typed again.
 */
export type TypeDefinition = ObjectTypeDefinitionNode | InterfaceTypeDefinitionNode;

let supergraph: DocumentNode | undefined;
const supergraphDocument = (): DocumentNode => (supergraph ??= parse(readFileSync(supergraphPath, 'utf8'), { noLocation: true }));

let types: Map<string, TypeDefinition> | undefined;

export function typeDefinition(name: string): TypeDefinition {
  types ??= new Map(
    supergraphDocument()
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

let graphs: Map<string, string> | undefined;

/**
 * The subgraphs (`joint`, `sichuan` …) that the supergraph says answer a field (its `@join__field`
 * directives); none when it names none (a field every subgraph of its type answers).
 */
export function fieldGraphs(type: string, field: string): string[] {
  graphs ??= new Map(
    (supergraphDocument().definitions.find((d): d is EnumTypeDefinitionNode => d.kind === Kind.ENUM_TYPE_DEFINITION && d.name.value === 'join__Graph')?.values ?? []).map((value) => {
      const name = value.directives?.find((d) => d.name.value === 'join__graph')?.arguments?.find((a) => a.name.value === 'name')?.value;
      return [value.name.value, name?.kind === Kind.STRING ? name.value : value.name.value.toLowerCase()];
    }),
  );
  return (fieldOf(type, field).directives ?? [])
    .filter((d) => d.name.value === 'join__field')
    .flatMap((d) => d.arguments?.filter((a) => a.name.value === 'graph').map((a) => (a.value.kind === Kind.ENUM ? graphs!.get(a.value.value) ?? a.value.value : '')) ?? []);
}
