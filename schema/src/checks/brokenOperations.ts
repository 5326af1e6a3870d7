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
  isInterfaceType,
  isObjectType,
  isUnionType,
  print,
  type ASTNode,
  type DirectiveNode,
  type DocumentNode,
  type GraphQLSchema,
  type InputValueDefinitionNode,
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

/** What each side's own new SDL defines (`definitionsOf`), beside the base API schema: who removed or changed a coordinate several sides define. */
export interface SideDefinitions {
  readonly baseSchema: GraphQLSchema;
  readonly definitions: ReadonlyMap<string, ReadonlyMap<string, string>>;
}

/** Who defines what: the supergraphs' owners and, when the sides' SDL is known (not in compose's warning), what each defines now. */
export interface Ownership {
  readonly base: SupergraphOwnership;
  readonly next: SupergraphOwnership;
  readonly sides?: SideDefinitions;
}

/** What a definition says that an operation can depend on: a field's arguments and type, an input field's type; `''` for a type, enum value, implementation or union member. */
const argumentsOf = (args: readonly { name: string; type: string }[]): string =>
  args.length === 0 ? '' : `(${[...args].sort((a, b) => a.name.localeCompare(b.name)).map((arg) => `${arg.name}: ${arg.type}`).join(', ')})`;
const inputValues = (args: readonly InputValueDefinitionNode[] | undefined): { name: string; type: string }[] => (args ?? []).map((arg) => ({ name: arg.name.value, type: print(arg.type) }));
const isExternal = (directives: readonly DirectiveNode[] | undefined): boolean => (directives ?? []).some((directive) => /^(federation__)?external$/.test(directive.name.value));

/** The coordinates one side's SDL defines, with what each says (types, fields it does not mark `@external`, input fields, enum values, implementations, union members). */
function definitionsOf(typeDefs: DocumentNode): Map<string, string> {
  const defined = new Map<string, string>();
  for (const definition of typeDefs.definitions) {
    if (!('name' in definition) || !definition.name || definition.kind === Kind.DIRECTIVE_DEFINITION || definition.kind === Kind.OPERATION_DEFINITION || definition.kind === Kind.FRAGMENT_DEFINITION) continue;
    const typeName = definition.name.value;
    defined.set(typeName, '');
    if ('interfaces' in definition) for (const iface of definition.interfaces ?? []) defined.set(`${typeName} implements ${iface.name.value}`, '');
    if ('types' in definition) for (const member of definition.types ?? []) defined.set(`${typeName} | ${member.name.value}`, '');
    if ('values' in definition) for (const value of definition.values ?? []) defined.set(`${typeName}.${value.name.value}`, '');
    if ('fields' in definition) {
      for (const field of definition.fields ?? []) {
        if (isExternal(field.directives)) continue;
        defined.set(`${typeName}.${field.name.value}`, field.kind === Kind.FIELD_DEFINITION ? `${argumentsOf(inputValues(field.arguments))}: ${print(field.type)}` : `: ${print(field.type)}`);
      }
    }
  }
  return defined;
}

/** What the base API schema says of a coordinate, in `definitionsOf`'s terms; undefined when it has no such coordinate. */
function baseDefinition(schema: GraphQLSchema, coordinate: string): string | undefined {
  const implementation = /^(\w+) implements (\w+)$/.exec(coordinate);
  if (implementation) {
    const type = schema.getType(implementation[1]!);
    return (isObjectType(type) || isInterfaceType(type)) && type.getInterfaces().some((iface) => iface.name === implementation[2]) ? '' : undefined;
  }
  const member = /^(\w+) \| (\w+)$/.exec(coordinate);
  if (member) {
    const type = schema.getType(member[1]!);
    return isUnionType(type) && type.getTypes().some((member_) => member_.name === member[2]) ? '' : undefined;
  }
  const [typeName, fieldName] = coordinate.split('.');
  const type = schema.getType(typeName ?? '');
  if (!type) return undefined;
  if (fieldName === undefined) return '';
  if (isEnumType(type)) return type.getValue(fieldName) ? '' : undefined;
  if (isInputObjectType(type)) {
    const field = type.getFields()[fieldName];
    return field ? `: ${field.type.toString()}` : undefined;
  }
  if (isObjectType(type) || isInterfaceType(type)) {
    const field = type.getFields()[fieldName];
    return field ? `${argumentsOf(field.args.map((arg) => ({ name: arg.name, type: arg.type.toString() })))}: ${field.type.toString()}` : undefined;
  }
  return undefined;
}

/** The sides' definitions for `Ownership.sides`, from the services `checkSchema` composed. */
export function sideDefinitions(baseSchema: GraphQLSchema, services: readonly { readonly name: string; readonly typeDefs: DocumentNode }[]): SideDefinitions {
  return { baseSchema, definitions: new Map(services.map((service) => [service.name, definitionsOf(service.typeDefs)])) };
}

/**
 * The sides that changed a coordinate, told from their own new SDL: those the base names as its
 * owners that no longer define it, those that define it now unlike the base API schema, and those
 * that define it now and did not before. None when that cannot be told (no SDL, or no side
 * changed it: then the error comes from the composition of unchanged sides).
 */
function changersOf(coordinate: string, ownership: Ownership): string[] {
  if (!ownership.sides) return [];
  const before = baseDefinition(ownership.sides.baseSchema, coordinate);
  const baseOwners = ownership.base.ownersOf(coordinate, { exact: true });
  const changers = [...ownership.sides.definitions].filter(([name, defined]) => {
    const now = defined.get(coordinate);
    if (now === undefined) return baseOwners.includes(name);
    return !baseOwners.includes(name) || (before !== undefined && now !== before);
  });
  return changers.map(([name]) => name);
}

/**
 * The subgraphs to blame for a coordinate (a schema change's, or one an error points at): those
 * that define it exactly, in the base or the new supergraph (a removed field only in the base, a
 * new argument's field in both). Of a coordinate several sides define, only those whose own new
 * SDL removed or changed it (`changersOf`): composition keeps of a shared input type or enum only
 * what every side has, so the base names both sides as owners of what one removed. Empty when
 * no side defines it exactly.
 */
export function exactOwnersOf(coordinate: string, ownership: Ownership): string[] {
  const all = [...new Set([...ownership.base.ownersOf(coordinate, { exact: true }), ...ownership.next.ownersOf(coordinate, { exact: true })])].sort();
  if (all.length < 2) return all;
  // Never a side the supergraphs do not name (a definition composition does not count, such as one an unusual directive marks external).
  const changers = changersOf(coordinate, ownership).filter((side) => all.includes(side));
  return changers.length > 0 ? changers : all;
}

/**
 * The subgraphs owning what an error points at: for each node's coordinates (alternatives, such as
 * the implementation or the union membership a fragment needs), `exactOwnersOf` them, else those
 * that define its type.
 */
function ownersOf(groups: readonly (readonly string[])[], ownership: Ownership): string[] {
  const owners = new Set<string>();
  for (const coordinates of groups) {
    const exact = coordinates.flatMap((coordinate) => exactOwnersOf(coordinate, ownership));
    const found = exact.length > 0 ? exact : coordinates.flatMap((coordinate) => [...ownership.base.ownersOf(coordinate), ...ownership.next.ownersOf(coordinate)]);
    for (const owner of found) owners.add(owner);
  }
  return [...owners].sort();
}

/**
 * The registered operations that do not validate against the new API schema, each with the
 * subgraphs that define what its validation errors point at (read from the errors' AST nodes, the
 * supergraphs' `@join__*` directives and, when given, each side's own new SDL; never from their
 * messages). One error no side can be named for fails every side's check, even when the operation's
 * other errors name sides: its message says so.
 */
export function brokenOperations(schema: GraphQLSchema, operations: readonly RegisteredOperation[], ownership: Ownership): BrokenOperation[] {
  const broken: BrokenOperation[] = [];
  for (const operation of operations) {
    const document = parse(operation.document);
    const errors = validate(schema, document);
    if (errors.length === 0) continue;
    const at = coordinatesOfNodes(schema, document);
    const named = errors.map((error) => ownersOf((error.nodes ?? []).map((node) => at.get(node) ?? []), ownership));
    const unnamed = named.some((owners) => owners.length === 0);
    const someNamed = named.some((owners) => owners.length > 0);
    broken.push({
      name: operation.name,
      source: operation.source,
      errors: errors.map((error, index) => (someNamed && named[index]!.length === 0 ? `${error.message} (${NO_SIDE_NAMED} for this error)` : error.message)),
      subgraphs: unnamed ? [] : [...new Set(named.flat())].sort(),
    });
  }
  return broken;
}
