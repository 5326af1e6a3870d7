import {
  getNamedType,
  getNullableType,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  valueFromASTUntyped,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLArgument,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/**
 * How many items a list without a `first` argument (an organization's posts, an alliance's
 * members, a region's children) is assumed to hold, and the page size of a `first` left out
 * when the schema gives it no default.
 */
export const ASSUMED_LIST_SIZE = 20;

/** The largest page a `first` argument asks for, and where. */
export interface RequestedList {
  /** `Type.field` of the list. */
  coordinate: string;
  size: number;
}

export interface CostEstimate {
  /** Fields the operation may resolve, each list multiplying what it selects by its size. */
  cost: number;
  /** The largest `first` of the operation, literal or variable; undefined when it has none. */
  largestList: RequestedList | undefined;
  /**
   * The variables whose values the estimate depends on (those given as a `first`): with the same
   * schema, operation and values of these, the estimate is the same.
   */
  variablesRead: readonly string[];
}

interface Subtotal {
  cost: number;
  largestList: RequestedList | undefined;
}

function larger(a: RequestedList | undefined, b: RequestedList | undefined): RequestedList | undefined {
  if (!a) return b;
  if (!b) return a;
  return b.size > a.size ? b : a;
}

/**
 * Estimates what a validated operation will cost the subgraphs, with its variables:
 * - every field costs 1 (`__typename` and introspection, which the gateway answers itself, 0);
 * - a field with a `first` argument asks for that many items: a connection multiplies what its
 *   `edges` (or `nodes`) select by it, a plain list with `first` what it selects;
 * - a list without `first` multiplies what it selects by its size in `listSizes` (by coordinate,
 *   `Query.jurisdictions`) if known, else by {@link ASSUMED_LIST_SIZE};
 * - `first` is the literal, else the variable's value, else the variable's default, else the
 *   argument's default in the schema (20 throughout Linju's lists).
 * Fragments are costed once per context, so spreading fragments into each other cannot make the
 * estimate itself expensive.
 */
export function estimateCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>> | undefined,
  listSizes: Readonly<Record<string, number>> = {},
): CostEstimate {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const variableDefaults = new Map<string, unknown>();
  for (const definition of operation.variableDefinitions ?? []) {
    if (definition.defaultValue) variableDefaults.set(definition.variable.name.value, valueFromASTUntyped(definition.defaultValue));
  }

  const variablesRead = new Set<string>();
  function firstOf(field: FieldNode, argument: GraphQLArgument): number {
    const node = field.arguments?.find((candidate) => candidate.name.value === 'first')?.value;
    let value: unknown;
    if (node?.kind === Kind.VARIABLE) {
      const name = node.name.value;
      variablesRead.add(name);
      value = variables && name in variables ? variables[name] : variableDefaults.get(name);
    } else if (node) {
      value = valueFromASTUntyped(node);
    }
    // null means "the default" to Linju's lists, as does leaving `first` out.
    if (value === undefined || value === null) value = argument.defaultValue ?? ASSUMED_LIST_SIZE;
    // Anything but a number is refused by variable coercion or by the subgraph; it asks for one page.
    return typeof value === 'number' && Number.isFinite(value) ? value : ASSUMED_LIST_SIZE;
  }

  const costed = new Map<string, Subtotal>();

  function fragment(name: string, pageSize: number | undefined): Subtotal {
    const key = `${name}|${pageSize ?? ''}`;
    const known = costed.get(key);
    if (known) return known;
    const definition = fragments.get(name);
    const type = definition && schema.getType(definition.typeCondition.name.value);
    // Validation has refused unknown fragments and cycles; mark this one to be safe regardless.
    costed.set(key, { cost: 0, largestList: undefined });
    const result = definition && isCompositeType(type) ? selectionSet(definition.selectionSet, type, pageSize) : { cost: 0, largestList: undefined };
    costed.set(key, result);
    return result;
  }

  function selectionSet(set: SelectionSetNode, parent: GraphQLCompositeType | undefined, pageSize: number | undefined): Subtotal {
    let cost = 0;
    let largestList: RequestedList | undefined;
    for (const selection of set.selections) {
      let child: Subtotal;
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        child = selectionSet(selection.selectionSet, isCompositeType(type) ? type : undefined, pageSize);
        cost += child.cost;
      } else if (selection.kind === Kind.FRAGMENT_SPREAD) {
        child = fragment(selection.name.value, pageSize);
        cost += child.cost;
      } else {
        if (selection.name.value.startsWith('__')) continue;
        const definition = parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[selection.name.value] : undefined;
        if (!definition) {
          cost += 1;
          continue;
        }
        const firstArgument = definition.args.find((argument) => argument.name === 'first');
        const isList = isListType(getNullableType(definition.type));
        let multiplier = 1;
        let childPageSize: number | undefined;
        if (firstArgument) {
          const size = firstOf(selection, firstArgument);
          largestList = larger(largestList, { coordinate: `${parent!.name}.${definition.name}`, size });
          // A page never costs less than one item, whatever a bad `first` says.
          const items = Math.max(1, size);
          if (isList) multiplier = items;
          else childPageSize = items;
        } else if (isList) {
          multiplier = listSizes[`${parent!.name}.${definition.name}`] ?? pageSize ?? ASSUMED_LIST_SIZE;
        }
        const type = getNamedType(definition.type);
        child = selection.selectionSet && isCompositeType(type) ? selectionSet(selection.selectionSet, type, childPageSize) : { cost: 0, largestList: undefined };
        cost += 1 + multiplier * child.cost;
      }
      largestList = larger(largestList, child.largestList);
    }
    return { cost, largestList };
  }

  const root = operation.operation === 'query' ? schema.getQueryType() : operation.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
  return { ...selectionSet(operation.selectionSet, root ?? undefined, undefined), variablesRead: [...variablesRead] };
}
