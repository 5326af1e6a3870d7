import { CriticalityLevel, type Change, type TypeOfChangeType } from '@graphql-inspector/core';
// The synchronous core of `diff` (which only adds optional async rules), so the check stays synchronous.
import { diffSchema } from '@graphql-inspector/core/diff/schema';
import { Kind, type GraphQLSchema } from 'graphql';
import { exactOwnersOf, type Ownership } from './brokenOperations.ts';

export type ChangeSeverity = 'breaking' | 'dangerous' | 'safe';

/** One difference between the base API schema and the new one. */
export interface SchemaChange {
  readonly severity: ChangeSeverity;
  /**
   * The kind of change, in graphql-js's vocabulary where it has a name for it (`FIELD_REMOVED`,
   * `ARG_CHANGED_KIND`, `VALUE_REMOVED_FROM_ENUM`, `TYPE_ADDED`, `FIELD_ADDED` …), else
   * `@graphql-inspector/core`'s (`FIELD_DEPRECATION_ADDED`, `INPUT_FIELD_DEFAULT_VALUE_CHANGED` …).
   */
  readonly type: string;
  /** What the check prints and `accepted-changes.json` lists, e.g. `SichuanOrganization.name was removed.` */
  readonly description: string;
  /** The schema coordinate it concerns: `Type`, `Type.field`, `Enum.VALUE`, `Type implements Interface` or `Union | Member`. */
  readonly coordinate: string;
  /** The subgraphs that define (or defined) that coordinate. */
  readonly subgraphs: readonly string[];
}

type Described = Pick<SchemaChange, 'type' | 'description' | 'coordinate'> & { readonly severity?: ChangeSeverity };
type Describers = { readonly [T in TypeOfChangeType]?: (meta: Change<T>['meta']) => Described };

// graphql-js's words for a type's kind, as its findBreakingChanges printed them.
const kindNames: Readonly<Record<string, string>> = {
  [Kind.SCALAR_TYPE_DEFINITION]: 'a Scalar type',
  [Kind.OBJECT_TYPE_DEFINITION]: 'an Object type',
  [Kind.INTERFACE_TYPE_DEFINITION]: 'an Interface type',
  [Kind.UNION_TYPE_DEFINITION]: 'a Union type',
  [Kind.ENUM_TYPE_DEFINITION]: 'an Enum type',
  [Kind.INPUT_OBJECT_TYPE_DEFINITION]: 'an Input type',
};

function defaultChange(owner: string, oldValue: string | undefined, newValue: string | undefined): string {
  if (newValue === undefined) return `${owner} defaultValue was removed.`;
  if (oldValue === undefined) return `${owner} has a new defaultValue ${newValue}.`;
  return `${owner} has changed defaultValue from ${oldValue} to ${newValue}.`;
}

/**
 * The changes that graphql-js's findBreakingChanges and findDangerousChanges named (and the two
 * additions the check always listed), described in their words: descriptions already accepted in
 * `accepted-changes.json`, the docs and reviewers' habits stay valid. Built from inspector's
 * structured metadata, never by parsing its messages.
 */
const describers: Describers = {
  TYPE_ADDED: (m) => ({ type: 'TYPE_ADDED', description: `${m.addedTypeName} was added.`, coordinate: m.addedTypeName }),
  TYPE_REMOVED: (m) => ({ type: 'TYPE_REMOVED', description: `${m.removedTypeName} was removed.`, coordinate: m.removedTypeName }),
  TYPE_KIND_CHANGED: (m) => ({
    type: 'TYPE_CHANGED_KIND',
    description: `${m.typeName} changed from ${kindNames[m.oldTypeKind] ?? m.oldTypeKind} to ${kindNames[m.newTypeKind] ?? m.newTypeKind}.`,
    coordinate: m.typeName,
  }),
  FIELD_ADDED: (m) => ({ type: 'FIELD_ADDED', description: `${m.typeName}.${m.addedFieldName} was added.`, coordinate: `${m.typeName}.${m.addedFieldName}` }),
  FIELD_REMOVED: (m) => ({ type: 'FIELD_REMOVED', description: `${m.typeName}.${m.removedFieldName} was removed.`, coordinate: `${m.typeName}.${m.removedFieldName}` }),
  INPUT_FIELD_REMOVED: (m) => ({ type: 'FIELD_REMOVED', description: `${m.inputName}.${m.removedFieldName} was removed.`, coordinate: `${m.inputName}.${m.removedFieldName}` }),
  FIELD_TYPE_CHANGED: (m) => ({
    type: 'FIELD_CHANGED_KIND',
    description: `${m.typeName}.${m.fieldName} changed type from ${m.oldFieldType} to ${m.newFieldType}.`,
    coordinate: `${m.typeName}.${m.fieldName}`,
  }),
  INPUT_FIELD_TYPE_CHANGED: (m) => ({
    type: 'FIELD_CHANGED_KIND',
    description: `${m.inputName}.${m.inputFieldName} changed type from ${m.oldInputFieldType} to ${m.newInputFieldType}.`,
    coordinate: `${m.inputName}.${m.inputFieldName}`,
  }),
  // graphql-js counts an optional input field added as dangerous (inspector: safe); the check keeps graphql-js's verdict.
  INPUT_FIELD_ADDED: (m) =>
    !m.isAddedInputFieldTypeNullable && m.addedFieldDefault === undefined
      ? { type: 'REQUIRED_INPUT_FIELD_ADDED', description: `A required field ${m.addedInputFieldName} on input type ${m.inputName} was added.`, coordinate: `${m.inputName}.${m.addedInputFieldName}` }
      : { type: 'OPTIONAL_INPUT_FIELD_ADDED', description: `An optional field ${m.addedInputFieldName} on input type ${m.inputName} was added.`, coordinate: `${m.inputName}.${m.addedInputFieldName}`, severity: 'dangerous' },
  FIELD_ARGUMENT_ADDED: (m) =>
    m.isAddedFieldArgumentBreaking
      ? { type: 'REQUIRED_ARG_ADDED', description: `A required arg ${m.addedArgumentName} on ${m.typeName}.${m.fieldName} was added.`, coordinate: `${m.typeName}.${m.fieldName}` }
      : { type: 'OPTIONAL_ARG_ADDED', description: `An optional arg ${m.addedArgumentName} on ${m.typeName}.${m.fieldName} was added.`, coordinate: `${m.typeName}.${m.fieldName}` },
  FIELD_ARGUMENT_REMOVED: (m) => ({
    type: 'ARG_REMOVED',
    description: `${m.typeName}.${m.fieldName} arg ${m.removedFieldArgumentName} was removed.`,
    coordinate: `${m.typeName}.${m.fieldName}`,
  }),
  FIELD_ARGUMENT_TYPE_CHANGED: (m) => ({
    type: 'ARG_CHANGED_KIND',
    description: `${m.typeName}.${m.fieldName} arg ${m.argumentName} has changed type from ${m.oldArgumentType} to ${m.newArgumentType}.`,
    coordinate: `${m.typeName}.${m.fieldName}`,
  }),
  FIELD_ARGUMENT_DEFAULT_CHANGED: (m) => ({
    type: 'ARG_DEFAULT_VALUE_CHANGE',
    description: defaultChange(`${m.typeName}.${m.fieldName} arg ${m.argumentName}`, m.oldDefaultValue, m.newDefaultValue),
    coordinate: `${m.typeName}.${m.fieldName}`,
  }),
  ENUM_VALUE_ADDED: (m) => ({ type: 'VALUE_ADDED_TO_ENUM', description: `${m.addedEnumValueName} was added to enum type ${m.enumName}.`, coordinate: `${m.enumName}.${m.addedEnumValueName}` }),
  ENUM_VALUE_REMOVED: (m) => ({
    type: 'VALUE_REMOVED_FROM_ENUM',
    description: `${m.removedEnumValueName} was removed from enum type ${m.enumName}.`,
    coordinate: `${m.enumName}.${m.removedEnumValueName}`,
  }),
  UNION_MEMBER_ADDED: (m) => ({
    type: 'TYPE_ADDED_TO_UNION',
    description: `${m.addedUnionMemberTypeName} was added to union type ${m.unionName}.`,
    coordinate: `${m.unionName} | ${m.addedUnionMemberTypeName}`,
  }),
  UNION_MEMBER_REMOVED: (m) => ({
    type: 'TYPE_REMOVED_FROM_UNION',
    description: `${m.removedUnionMemberTypeName} was removed from union type ${m.unionName}.`,
    coordinate: `${m.unionName} | ${m.removedUnionMemberTypeName}`,
  }),
  OBJECT_TYPE_INTERFACE_ADDED: (m) => ({
    type: 'IMPLEMENTED_INTERFACE_ADDED',
    description: `${m.addedInterfaceName} added to interfaces implemented by ${m.objectTypeName}.`,
    coordinate: `${m.objectTypeName} implements ${m.addedInterfaceName}`,
  }),
  OBJECT_TYPE_INTERFACE_REMOVED: (m) => ({
    type: 'IMPLEMENTED_INTERFACE_REMOVED',
    description: `${m.objectTypeName} no longer implements interface ${m.removedInterfaceName}.`,
    coordinate: `${m.objectTypeName} implements ${m.removedInterfaceName}`,
  }),
  DIRECTIVE_REMOVED: (m) => ({ type: 'DIRECTIVE_REMOVED', description: `${m.removedDirectiveName} was removed.`, coordinate: `@${m.removedDirectiveName}` }),
  DIRECTIVE_ARGUMENT_REMOVED: (m) => ({
    type: 'DIRECTIVE_ARG_REMOVED',
    description: `${m.removedDirectiveArgumentName} was removed from ${m.directiveName}.`,
    coordinate: `@${m.directiveName}`,
  }),
  DIRECTIVE_REPEATABLE_REMOVED: (m) => ({ type: 'DIRECTIVE_REPEATABLE_REMOVED', description: `Repeatable flag was removed from ${m.directiveName}.`, coordinate: `@${m.directiveName}` }),
  DIRECTIVE_LOCATION_REMOVED: (m) => ({
    type: 'DIRECTIVE_LOCATION_REMOVED',
    description: `${m.removedDirectiveLocation} was removed from ${m.directiveName}.`,
    coordinate: `@${m.directiveName}`,
  }),
};

const severityOrder: readonly ChangeSeverity[] = ['breaking', 'dangerous', 'safe'];

const severities: Readonly<Record<CriticalityLevel, ChangeSeverity>> = {
  [CriticalityLevel.Breaking]: 'breaking',
  [CriticalityLevel.Dangerous]: 'dangerous',
  [CriticalityLevel.NonBreaking]: 'safe',
};

/**
 * Left out of the report: what an addition already listed implies (the fields, values and
 * arguments of a type or field added), documentation (descriptions), and directive usages, whose
 * one use in an API schema, `@deprecated`, inspector reports as a deprecation change too.
 */
function isReported(change: Change, addedTypes: ReadonlySet<string>): boolean {
  const type: string = change.type;
  if (type.includes('DESCRIPTION') || type.startsWith('DIRECTIVE_USAGE_')) return false;
  const meta = change.meta as { addedToNewType?: boolean; addedToNewField?: boolean; addedToNewDirective?: boolean; typeName?: string };
  if (meta.addedToNewType || meta.addedToNewField || meta.addedToNewDirective) return false;
  return !(type === 'FIELD_ADDED' && meta.typeName !== undefined && addedTypes.has(meta.typeName));
}

/** Inspector's own words, for a change graphql-js had no name for: its path names the coordinate. */
function describeInInspectorsWords(change: Change): Described {
  const path = (change.path ?? '').replace(/\.@.*$/, '');
  const coordinate = path.startsWith('@') ? path.split('.')[0]! : path.split('.').slice(0, 2).join('.');
  return { type: change.type, description: `${change.message}.`, coordinate };
}

/**
 * Breaking, dangerous and safe changes from the base API schema to the new one, found by
 * `@graphql-inspector/core`, each attributed to the subgraphs that define its coordinate in either
 * supergraph.
 */
export function findSchemaChanges(
  base: GraphQLSchema,
  next: GraphQLSchema,
  ownership: Ownership,
): SchemaChange[] {
  const changes = diffSchema(base, next);
  const addedTypes = new Set(changes.flatMap((change) => (change.type === 'TYPE_ADDED' ? [(change as Change<'TYPE_ADDED'>).meta.addedTypeName] : [])));
  const reported = changes
    .filter((change) => isReported(change, addedTypes))
    .map((change) => {
      const describe = describers[change.type as TypeOfChangeType] as ((meta: unknown) => Described) | undefined;
      const { severity, type, description, coordinate } = describe ? describe(change.meta) : describeInInspectorsWords(change);
      // The coordinate's own owners where it exists (a removed field's in the base; of a shared one, the sides that changed it), else its type's.
      let owners = exactOwnersOf(coordinate, ownership);
      if (owners.length === 0) owners = [...ownership.base.ownersOf(coordinate), ...ownership.next.ownersOf(coordinate)];
      return { severity: severity ?? severities[change.criticality.level], type, description, coordinate, subgraphs: [...new Set(owners)].sort() };
    });
  // Refusals first, as the report reads them.
  return reported.sort((a, b) => severityOrder.indexOf(a.severity) - severityOrder.indexOf(b.severity));
}
