import { Kind, TypeInfo, valueFromAST, visit, visitWithTypeInfo, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';

/** What an operation reads or writes, as the access rules need to know it. */
export interface OperationFields {
  /** Every field coordinate selected (`Type.field`), in fragments and inline fragments too; meta fields left out. */
  coordinates: Set<string>;
  /** The `__typename` of every representation sent to `_entities`. */
  entityTypes: Set<string>;
  /** Selections the schema does not know (never after validation): refused, not ignored. */
  unknown: string[];
}

/**
 * Walks the operation to run and the fragments of its document with TypeInfo, over the schema the
 * request was validated against, and collects the field coordinates it selects. A field inside
 * `_entities { ... on SichuanPerson { phone } }` counts as `SichuanPerson.phone`, exactly as if it
 * had been selected at the root.
 */
export function operationFields(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
): OperationFields {
  const fields: OperationFields = { coordinates: new Set(), entityTypes: new Set(), unknown: [] };
  const typeInfo = new TypeInfo(schema);
  const fragments = document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION);
  const scope: DocumentNode = { kind: Kind.DOCUMENT, definitions: [operation, ...fragments] };
  visit(
    scope,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const name = node.name.value;
        if (name.startsWith('__')) return;
        const parent = typeInfo.getParentType();
        const definition = typeInfo.getFieldDef();
        if (!parent || !definition) {
          fields.unknown.push(`${parent?.name ?? '?'}.${name}`);
          return;
        }
        fields.coordinates.add(`${parent.name}.${name}`);
        if (name === '_entities' && parent === schema.getQueryType()) {
          const argument = node.arguments?.find((a) => a.name.value === 'representations');
          const type = definition.args.find((a) => a.name === 'representations')?.type;
          const value = argument && type ? valueFromAST(argument.value, type, variables) : undefined;
          if (!Array.isArray(value)) {
            fields.unknown.push('Query._entities(representations)');
            return;
          }
          for (const representation of value) {
            const typename = (representation as { __typename?: unknown } | null)?.__typename;
            if (typeof typename === 'string') fields.entityTypes.add(typename);
            else fields.unknown.push('Query._entities(representations)');
          }
        }
      },
    }),
  );
  return fields;
}

/** The names of the root fields an operation selects (the mutations a write runs), fragments included. */
export function rootFieldNames(document: DocumentNode, operation: OperationDefinitionNode): string[] {
  const names = new Set<string>();
  const fragments = new Map(
    document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])),
  );
  const seen = new Set<string>();
  const collect = (selections: OperationDefinitionNode['selectionSet']['selections']) => {
    for (const selection of selections) {
      if (selection.kind === Kind.FIELD) {
        if (!selection.name.value.startsWith('__')) names.add(selection.name.value);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        collect(selection.selectionSet.selections);
      } else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        const fragment = fragments.get(selection.name.value);
        if (fragment) collect(fragment.selectionSet.selections);
      }
    }
  };
  collect(operation.selectionSet.selections);
  return [...names];
}
