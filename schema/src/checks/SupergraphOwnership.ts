import { Kind, parse, type DirectiveNode, type DefinitionNode } from 'graphql';

function argument(directive: DirectiveNode, name: string): string | boolean | undefined {
  const value = directive.arguments?.find((arg) => arg.name.value === name)?.value;
  if (!value) return undefined;
  if (value.kind === Kind.ENUM || value.kind === Kind.STRING) return value.value;
  if (value.kind === Kind.BOOLEAN) return value.value;
  return undefined;
}

/**
 * Which subgraphs define each type, field, argument's field, enum value and interface
 * implementation, read from the `@join__*` directives of a supergraph SDL.
 */
export class SupergraphOwnership {
  private readonly owners = new Map<string, Set<string>>();

  constructor(supergraphSdl: string) {
    const document = parse(supergraphSdl, { noLocation: true });
    const graphs = new Map<string, string>();
    for (const definition of document.definitions) {
      if (definition.kind === Kind.ENUM_TYPE_DEFINITION && definition.name.value === 'join__Graph') {
        for (const value of definition.values ?? []) {
          const name = value.directives?.find((d) => d.name.value === 'join__graph');
          const graphName = name && argument(name, 'name');
          graphs.set(value.name.value, typeof graphName === 'string' ? graphName : value.name.value.toLowerCase());
        }
      }
    }
    const graphOf = (directive: DirectiveNode): string | undefined => {
      const graph = argument(directive, 'graph');
      return typeof graph === 'string' ? (graphs.get(graph) ?? graph.toLowerCase()) : undefined;
    };
    for (const definition of document.definitions) this.readDefinition(definition, graphOf);
  }

  private add(key: string, owner: string | undefined): void {
    if (owner === undefined) return;
    let set = this.owners.get(key);
    if (!set) this.owners.set(key, (set = new Set()));
    set.add(owner);
  }

  private readDefinition(definition: DefinitionNode, graphOf: (directive: DirectiveNode) => string | undefined): void {
    if (!('name' in definition) || !definition.name || !('directives' in definition)) return;
    const typeName = definition.name.value;
    const typeOwners: string[] = [];
    for (const directive of definition.directives ?? []) {
      if (directive.name.value === 'join__type') {
        const owner = graphOf(directive);
        if (owner) typeOwners.push(owner);
        this.add(typeName, owner);
      } else if (directive.name.value === 'join__implements') {
        const iface = argument(directive, 'interface');
        this.add(`${typeName} implements ${String(iface)}`, graphOf(directive));
      } else if (directive.name.value === 'join__unionMember') {
        this.add(`${typeName} | ${String(argument(directive, 'member'))}`, graphOf(directive));
      }
    }
    const fields =
      definition.kind === Kind.OBJECT_TYPE_DEFINITION || definition.kind === Kind.INTERFACE_TYPE_DEFINITION || definition.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION
        ? (definition.fields ?? [])
        : [];
    for (const field of fields) {
      const key = `${typeName}.${field.name.value}`;
      const joins = (field.directives ?? []).filter((d) => d.name.value === 'join__field');
      // Without @join__field every subgraph of the type defines the field.
      if (joins.length === 0) for (const owner of typeOwners) this.add(key, owner);
      for (const join of joins) {
        if (argument(join, 'external') === true) continue;
        this.add(key, graphOf(join) ?? undefined);
        if (!argument(join, 'graph')) for (const owner of typeOwners) this.add(key, owner);
      }
    }
    if (definition.kind === Kind.ENUM_TYPE_DEFINITION) {
      for (const value of definition.values ?? []) {
        const key = `${typeName}.${value.name.value}`;
        const joins = (value.directives ?? []).filter((d) => d.name.value === 'join__enumValue');
        if (joins.length === 0) for (const owner of typeOwners) this.add(key, owner);
        for (const join of joins) this.add(key, graphOf(join));
      }
    }
  }

  /** The subgraphs that define a coordinate (`Type`, `Type.field`, `Enum.VALUE`, `Type implements Interface`), most specific first. */
  ownersOf(coordinate: string, options: { exact?: boolean } = {}): string[] {
    const exact = this.owners.get(coordinate);
    if (exact) return [...exact].sort();
    if (options.exact) return [];
    const typeName = coordinate.split(/[ .|]/)[0] ?? coordinate;
    return [...(this.owners.get(typeName) ?? [])].sort();
  }
}
