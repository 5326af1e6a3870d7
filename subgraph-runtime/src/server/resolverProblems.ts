import { Kind, type DefinitionNode, type DocumentNode, type FieldDefinitionNode } from 'graphql';
import type { ResolverMap } from '@linju/contract';

/** What the resolver check needs of a subgraph (a `SubgraphDefinition` has it all). */
export interface ResolverCheckInput {
  readonly name: string;
  readonly typeDefs: DocumentNode;
  readonly resolvers: ResolverMap;
  /**
   * GraphQL types whose objects are rows of a table (`SichuanOrganization` → `organization`): a
   * field resolves by default from the column of the same name, camelCased (`founded_on` → `foundedOn`).
   */
  readonly storedTypes?: Readonly<Record<string, string>>;
  /**
   * Fields the subgraph declares itself beyond its stored types and root fields, as `Type.field`
   * (a side's additions to its types): each needs a resolver, or a column if its type is stored.
   */
  readonly ownFields?: readonly string[];
  /** Fields derived from an entity's representation alone (`Type.field`, see `storeFreeOperations`): each must be in the SDL. */
  readonly derivedFields?: readonly string[];
}

/** What the check found: `stray` fails start-up; `unresolved` is reported (and fails the subgraph's test). */
export interface ResolverProblems {
  /** Resolver map entries for a type, field or enum value the SDL does not have. */
  readonly stray: readonly string[];
  /** Fields that must resolve but have neither a resolver nor a stored column: they would answer null. */
  readonly unresolved: readonly string[];
}

type TypeKind = 'object' | 'interface' | 'union' | 'enum' | 'scalar' | 'input';

interface DeclaredType {
  kind: TypeKind;
  /** Field names (enum values for an enum), and whether each is `@external` here. */
  members: Map<string, { external: boolean }>;
}

const KINDS: Partial<Record<DefinitionNode['kind'], TypeKind>> = {
  [Kind.OBJECT_TYPE_DEFINITION]: 'object',
  [Kind.OBJECT_TYPE_EXTENSION]: 'object',
  [Kind.INTERFACE_TYPE_DEFINITION]: 'interface',
  [Kind.INTERFACE_TYPE_EXTENSION]: 'interface',
  [Kind.UNION_TYPE_DEFINITION]: 'union',
  [Kind.UNION_TYPE_EXTENSION]: 'union',
  [Kind.ENUM_TYPE_DEFINITION]: 'enum',
  [Kind.ENUM_TYPE_EXTENSION]: 'enum',
  [Kind.SCALAR_TYPE_DEFINITION]: 'scalar',
  [Kind.SCALAR_TYPE_EXTENSION]: 'scalar',
  [Kind.INPUT_OBJECT_TYPE_DEFINITION]: 'input',
  [Kind.INPUT_OBJECT_TYPE_EXTENSION]: 'input',
};

/** Every type the SDL declares or extends, with its fields (or values). */
function declaredTypes(typeDefs: DocumentNode): Map<string, DeclaredType> {
  const types = new Map<string, DeclaredType>();
  for (const definition of typeDefs.definitions) {
    const kind = KINDS[definition.kind];
    if (kind === undefined || !('name' in definition) || definition.name === undefined) continue;
    let type = types.get(definition.name.value);
    if (!type) types.set(definition.name.value, (type = { kind, members: new Map() }));
    const fields = 'fields' in definition ? ((definition.fields ?? []) as readonly FieldDefinitionNode[]) : [];
    for (const field of fields) type.members.set(field.name.value, { external: field.directives?.some((d) => d.name.value === 'external') ?? false });
    if ('values' in definition) for (const value of definition.values ?? []) type.members.set(value.name.value, { external: false });
  }
  return types;
}

const ROOT_TYPES = ['Query', 'Mutation', 'Subscription'];

/**
 * Checks a subgraph's resolver map against its SDL. Apollo's `buildSubgraphSchema` ignores a
 * resolver for a type or field the SDL no longer has, and a field without a resolver answers from
 * the parent object's property of that name, or null: a rename in the SDL that leaves its resolver
 * behind is silent. So:
 *
 * - **stray**: a resolver map entry for a type, field or enum value that is not in the SDL (the
 *   federation's `__resolveType`, `__resolveReference` and `__isTypeOf` are allowed), or a derived
 *   field that is not;
 * - **unresolved**: a root field without a resolver; a field of a stored type with neither a
 *   resolver nor a column of that name; one of `ownFields` with neither.
 *
 * @param columns each table's columns, camelCased as rows carry them (`storedColumns` reads them)
 */
export function resolverProblems(input: ResolverCheckInput, columns: ReadonlyMap<string, ReadonlySet<string>>): ResolverProblems {
  const types = declaredTypes(input.typeDefs);
  const stray: string[] = [];
  const unresolved: string[] = [];
  const where = `the ${input.name} subgraph's SDL`;

  for (const [typeName, entries] of Object.entries(input.resolvers)) {
    const type = types.get(typeName);
    if (!type) {
      stray.push(`resolvers.${typeName}: ${where} has no type ${typeName}`);
      continue;
    }
    if (type.kind === 'scalar') continue;
    if (type.kind === 'input') {
      stray.push(`resolvers.${typeName}: ${typeName} is an input type, which has no resolvers`);
      continue;
    }
    for (const key of Object.keys(entries)) {
      if (type.kind !== 'enum' && key.startsWith('__')) continue;
      if (!type.members.has(key)) stray.push(`resolvers.${typeName}.${key}: ${typeName} has no ${type.kind === 'enum' ? 'value' : 'field'} ${key} in ${where}`);
    }
  }

  for (const coordinate of input.derivedFields ?? []) {
    const [typeName = '', field = ''] = coordinate.split('.');
    if (!types.get(typeName)?.members.has(field)) stray.push(`derivedFields: ${coordinate} is not a field of ${where}`);
  }

  const mustResolve = new Set<string>(input.ownFields ?? []);
  for (const [typeName, type] of types) {
    if (type.kind !== 'object' || !(ROOT_TYPES.includes(typeName) || input.storedTypes?.[typeName] !== undefined)) continue;
    for (const [field, { external }] of type.members) if (!external) mustResolve.add(`${typeName}.${field}`);
  }
  for (const coordinate of mustResolve) {
    const [typeName = '', field = ''] = coordinate.split('.');
    if (types.get(typeName)?.members.get(field)?.external) continue;
    const resolver = (input.resolvers[typeName] as Record<string, unknown> | undefined)?.[field];
    if (resolver !== undefined) continue;
    const table = input.storedTypes?.[typeName];
    if (table !== undefined && columns.get(table)?.has(field)) continue;
    unresolved.push(
      table === undefined
        ? `${coordinate} has no resolver: it would answer null (add one to the resolvers of ${typeName})`
        : `${coordinate} has neither a resolver nor a stored column (${table}.${field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}): it would answer null`,
    );
  }
  return { stray, unresolved };
}

/** A resolver map that does not match the SDL: thrown at start-up, listing every stray entry. */
export class ResolverMismatchError extends Error {
  constructor(subgraph: string, stray: readonly string[]) {
    super(`The ${subgraph} subgraph's resolvers name what its SDL does not have (renamed or removed? remove or rename the resolver):\n${stray.map((line) => `  - ${line}`).join('\n')}`);
    this.name = 'ResolverMismatchError';
  }
}
