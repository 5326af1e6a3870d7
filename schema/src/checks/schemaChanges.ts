import {
  findBreakingChanges,
  findDangerousChanges,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isSpecifiedScalarType,
  isIntrospectionType,
  type GraphQLSchema,
} from 'graphql';
import type { SupergraphOwnership } from './SupergraphOwnership.ts';

export type ChangeSeverity = 'breaking' | 'dangerous' | 'safe';

/** One difference between the base API schema and the new one. */
export interface SchemaChange {
  readonly severity: ChangeSeverity;
  /** graphql-js's change type (`FIELD_REMOVED`, `ARG_CHANGED_KIND` …), or `TYPE_ADDED`, `FIELD_ADDED`, `VALUE_ADDED_TO_ENUM` for safe ones. */
  readonly type: string;
  /** graphql-js's description, e.g. `SichuanOrganization.name was removed.`: what `accepted-changes.json` lists. */
  readonly description: string;
  /** The schema coordinate it concerns: `Type`, `Type.field`, `Enum.VALUE` or `Type implements Interface`. */
  readonly coordinate: string;
  /** The subgraphs that define (or defined) that coordinate. */
  readonly subgraphs: readonly string[];
}

// graphql-js's descriptions name the coordinate in a few fixed shapes (graphql 16 findBreakingChanges).
const coordinatePatterns: ReadonlyArray<[RegExp, (match: RegExpMatchArray) => string]> = [
  [/^A required (?:arg|field) \S+ on (?:input type )?(\S+?) was added\.$/, (m) => m[1]!],
  [/^(\S+) was removed from enum type (\S+?)\.$/, (m) => `${m[2]}.${m[1]}`],
  [/^(\S+) was added to enum type (\S+?)\.$/, (m) => `${m[2]}.${m[1]}`],
  [/^(\S+) no longer implements interface (\S+?)\.$/, (m) => `${m[1]} implements ${m[2]}`],
  [/^(\S+) added to interfaces implemented by (\S+?)\.$/, (m) => `${m[2]} implements ${m[1]}`],
  [/^(\S+) was removed from union type (\S+?)\.$/, (m) => `${m[2]} | ${m[1]}`],
  [/^(\S+) was added to union type (\S+?)\.$/, (m) => `${m[2]} | ${m[1]}`],
  [/^An optional field \S+ on input type (\S+?) was added\.$/, (m) => m[1]!],
  [/^(\S+?\.\S+?) arg /, (m) => m[1]!],
  [/^(\S+?)(?: was | changed |\.? )/, (m) => m[1]!.replace(/\.$/, '')],
];

function coordinateOf(description: string): string {
  for (const [pattern, coordinate] of coordinatePatterns) {
    const match = description.match(pattern);
    if (match) return coordinate(match);
  }
  return description.split(' ')[0] ?? description;
}

function userTypes(schema: GraphQLSchema) {
  return Object.values(schema.getTypeMap()).filter((type) => !isIntrospectionType(type) && !isSpecifiedScalarType(type));
}

/** Additions, which no client can notice: reported for the record. */
function findSafeChanges(base: GraphQLSchema, next: GraphQLSchema): Array<Pick<SchemaChange, 'type' | 'description'>> {
  const changes: Array<Pick<SchemaChange, 'type' | 'description'>> = [];
  for (const type of userTypes(next)) {
    const old = base.getType(type.name);
    if (!old) {
      changes.push({ type: 'TYPE_ADDED', description: `${type.name} was added.` });
      continue;
    }
    if ((isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) && (isObjectType(old) || isInterfaceType(old) || isInputObjectType(old))) {
      const oldFields = old.getFields();
      for (const field of Object.keys(type.getFields())) {
        // A required input field added is breaking: graphql-js reports it.
        if (!(field in oldFields) && !isInputObjectType(type)) changes.push({ type: 'FIELD_ADDED', description: `${type.name}.${field} was added.` });
      }
    }
  }
  return changes;
}

/**
 * Breaking, dangerous and safe changes from the base API schema to the new one (graphql-js's
 * `findBreakingChanges` and `findDangerousChanges`, plus additions), each attributed to the
 * subgraphs that define its coordinate in either supergraph.
 */
export function findSchemaChanges(
  base: GraphQLSchema,
  next: GraphQLSchema,
  ownership: { readonly base: SupergraphOwnership; readonly next: SupergraphOwnership },
): SchemaChange[] {
  const attribute = (severity: ChangeSeverity, { type, description }: { type: string; description: string }): SchemaChange => {
    const coordinate = coordinateOf(description);
    // The coordinate's own owners where it exists (a removed field's in the base), else its type's.
    let owners = [...ownership.base.ownersOf(coordinate, { exact: true }), ...ownership.next.ownersOf(coordinate, { exact: true })];
    if (owners.length === 0) owners = [...ownership.base.ownersOf(coordinate), ...ownership.next.ownersOf(coordinate)];
    const subgraphs = [...new Set(owners)].sort();
    return { severity, type, description, coordinate, subgraphs };
  };
  return [
    ...findBreakingChanges(base, next).map((change) => attribute('breaking', change)),
    ...findDangerousChanges(base, next).map((change) => attribute('dangerous', change)),
    ...findSafeChanges(base, next).map((change) => attribute('safe', change)),
  ];
}
