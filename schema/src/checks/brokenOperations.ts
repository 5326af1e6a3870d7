import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isRequiredInputField,
  Kind,
  parse,
  TypeInfo,
  validate,
  visit,
  visitWithTypeInfo,
  type ASTNode,
  type DocumentNode,
  type GraphQLSchema,
  type TypeNode,
} from 'graphql';
import type { RegisteredOperation } from '../operations/registeredOperations.ts';
import type { SupergraphOwnership } from './SupergraphOwnership.ts';

/** What the report and the verdict line say of an operation whose errors point at nothing a subgraph defines. */
export const NO_SIDE_NAMED = 'no side could be named';

/** A registered operation that does not validate against the new API schema. */
export interface BrokenOperation {
  readonly name: string;
  readonly source: string;
  readonly errors: readonly string[];
  /**
   * The subgraphs that define what the errors point at (the field, argument's field, input field,
   * enum value, type or interface implementation), in the base or the new supergraph. Empty when
   * no side could be named: then the operation refuses every side's check.
   */
  readonly subgraphs: readonly string[];
}

const namedTypeOf = (node: TypeNode): string => (node.kind === Kind.NAMED_TYPE ? node.name.value : namedTypeOf(node.type));

/**
 * The schema coordinates each node of an operation stands on in the new API schema, which is where
 * a validation error there points: a field is `Parent.field`; an argument, a variable and any value
 * in it are the field (or `@directive`) the argument belongs to, or the input field holding the
 * value (`Input.field`); an enum value is `Enum.VALUE`; an input object the required fields it
 * leaves out; a type name is the type; a fragment is the implementation or union membership that
 * lets it be spread there. Read from the AST, so no validation message is parsed.
 */
function coordinatesOfNodes(schema: GraphQLSchema, document: DocumentNode): Map<ASTNode, string[]> {
  const typeInfo = new TypeInfo(schema);
  const at = new Map<ASTNode, string[]>();
  // The innermost field, directive or input field a value is given to.
  const positions: string[] = [];
  const position = (): string[] => positions.slice(-1).filter((coordinate) => coordinate !== '');
  const fragmentTypes = new Map<string, string>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragmentTypes.set(definition.name.value, definition.typeCondition.name.value);
  }
  const spreadAt = (node: ASTNode, typeCondition: string | undefined): void => {
    const parent = typeInfo.getParentType()?.name;
    if (typeCondition === undefined || parent === undefined) return;
    at.set(node, [`${typeCondition} implements ${parent}`, `${parent} implements ${typeCondition}`, `${parent} | ${typeCondition}`, `${typeCondition} | ${parent}`]);
  };
  const valueAt = (node: ASTNode): void => void at.set(node, position());
  const typeAt = (node: TypeNode): void => void at.set(node, [namedTypeOf(node)]);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field: {
        enter(node) {
          const parent = typeInfo.getParentType()?.name;
          const coordinate = parent === undefined ? undefined : `${parent}.${node.name.value}`;
          if (coordinate) at.set(node, [coordinate]);
          positions.push(coordinate ?? '');
        },
        leave: () => void positions.pop(),
      },
      Directive: {
        enter(node) {
          at.set(node, [`@${node.name.value}`]);
          positions.push(`@${node.name.value}`);
        },
        leave: () => void positions.pop(),
      },
      Argument: valueAt,
      ObjectField: {
        enter(node) {
          const input = getNamedType(typeInfo.getParentInputType());
          const coordinate = input ? `${input.name}.${node.name.value}` : undefined;
          at.set(node, coordinate ? [coordinate] : position());
          positions.push(coordinate ?? position()[0] ?? '');
        },
        leave: () => void positions.pop(),
      },
      ObjectValue(node) {
        const input = getNamedType(typeInfo.getInputType());
        const given = new Set(node.fields.map((field) => field.name.value));
        const missing = isInputObjectType(input) ? Object.values(input.getFields()).filter((field) => isRequiredInputField(field) && !given.has(field.name)) : [];
        at.set(node, missing.length > 0 ? missing.map((field) => `${input!.name}.${field.name}`) : position());
      },
      EnumValue(node) {
        const type = getNamedType(typeInfo.getInputType());
        at.set(node, isEnumType(type) ? [`${type.name}.${node.value}`] : position());
      },
      Variable: valueAt,
      ListValue: valueAt,
      IntValue: valueAt,
      FloatValue: valueAt,
      StringValue: valueAt,
      BooleanValue: valueAt,
      NullValue: valueAt,
      NamedType: typeAt,
      ListType: typeAt,
      NonNullType: typeAt,
      InlineFragment: (node) => spreadAt(node, node.typeCondition?.name.value),
      FragmentSpread: (node) => spreadAt(node, fragmentTypes.get(node.name.value)),
      // A variable's definition says nothing about the schema: an error naming it also names the variable's use.
      VariableDefinition: { enter: (node) => void at.set(node, []) },
    }),
  );
  return at;
}

/**
 * The subgraphs owning what an error points at: for each node's coordinates (alternatives, such as
 * the implementation or the union membership a fragment needs), those that define one exactly, in
 * the base or the new supergraph (a removed field only in the base, a new argument's field in
 * both), else those that define its type.
 */
function ownersOf(groups: readonly (readonly string[])[], ownership: { readonly base: SupergraphOwnership; readonly next: SupergraphOwnership }): string[] {
  const owners = new Set<string>();
  for (const coordinates of groups) {
    const find = (options: { exact?: boolean }) => coordinates.flatMap((coordinate) => [...ownership.base.ownersOf(coordinate, options), ...ownership.next.ownersOf(coordinate, options)]);
    const exact = find({ exact: true });
    for (const owner of exact.length > 0 ? exact : find({})) owners.add(owner);
  }
  return [...owners].sort();
}

/**
 * The registered operations that do not validate against the new API schema, each with the
 * subgraphs that define what its validation errors point at (read from the errors' AST nodes and
 * the supergraphs' `@join__*` directives, never from their messages).
 */
export function brokenOperations(
  schema: GraphQLSchema,
  operations: readonly RegisteredOperation[],
  ownership: { readonly base: SupergraphOwnership; readonly next: SupergraphOwnership },
): BrokenOperation[] {
  const broken: BrokenOperation[] = [];
  for (const operation of operations) {
    const document = parse(operation.document);
    const errors = validate(schema, document);
    if (errors.length === 0) continue;
    const at = coordinatesOfNodes(schema, document);
    const groups = errors.flatMap((error) => (error.nodes ?? []).map((node) => at.get(node) ?? []));
    broken.push({ name: operation.name, source: operation.source, errors: errors.map((error) => error.message), subgraphs: ownersOf(groups, ownership) });
  }
  return broken;
}
