import { GraphQLScalarType, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { ResolverMap } from '@linju/contract';
import { resolverProblems, type ResolverCheckInput } from '../src/server/resolverProblems.ts';

// A side's subgraph in small: a stored organization (table `organization`), a value type built by a
// resolver, an enum, an input, and what the side adds to its organization itself.
const sdl = `
  scalar Date
  enum Level { PROVINCE TOWN }
  input OrganizationInput { name: String! }
  type EastOrganization @key(fields: "id") { id: ID! name: String! foundedOn: Date level: Level members: [String!]! }
  type EastFigures { activities: Int! }
  type Query { east: EastFigures organization(id: ID!): EastOrganization }
  type Mutation { eastCreateOrganization(input: OrganizationInput!): EastOrganization! }
  extend type EastOrganization { publicContact: String mottoCount: Int }
`;
const columns = new Map([['organization', new Set(['id', 'name', 'foundedOn', 'level', 'publicContact'])]]);
const resolve = () => null;
const good: ResolverMap = {
  Date: new GraphQLScalarType({ name: 'Date' }),
  Level: { PROVINCE: 'province', TOWN: 'town' },
  EastOrganization: { __resolveReference: resolve, members: resolve, mottoCount: resolve },
  Query: { east: resolve, organization: resolve },
  Mutation: { eastCreateOrganization: resolve },
};

function check(resolvers: ResolverMap, overrides: Partial<ResolverCheckInput> = {}) {
  return resolverProblems(
    { name: 'east', typeDefs: parse(sdl), resolvers, storedTypes: { EastOrganization: 'organization' }, ownFields: ['EastOrganization.publicContact', 'EastOrganization.mottoCount'], ...overrides },
    columns,
  );
}

const without = (type: string, field: string): ResolverMap => {
  const { [field]: _left, ...rest } = good[type] as Record<string, unknown>;
  return { ...good, [type]: rest };
};

describe('resolverProblems', () => {
  it('passes a map whose every entry names the SDL, and every field that must resolve does (resolver or column)', () => {
    expect(check(good)).toEqual({ stray: [], unresolved: [] });
  });

  it.each<[string, ResolverMap, string]>([
    ['a type the SDL does not have', { ...good, WestOrganization: { name: resolve } }, "resolvers.WestOrganization: the east subgraph's SDL has no type WestOrganization"],
    ['a field left behind by a rename', { ...good, EastOrganization: { ...good['EastOrganization'], motto: resolve } }, "resolvers.EastOrganization.motto: EastOrganization has no field motto in the east subgraph's SDL"],
    ['a root field removed', { ...good, Query: { ...good['Query'], west: resolve } }, "resolvers.Query.west: Query has no field west in the east subgraph's SDL"],
    ['an enum value removed', { ...good, Level: { PROVINCE: 'province', TOWN: 'town', VILLAGE: 'village' } }, "resolvers.Level.VILLAGE: Level has no value VILLAGE in the east subgraph's SDL"],
    ['an input type', { ...good, OrganizationInput: { name: resolve } }, 'resolvers.OrganizationInput: OrganizationInput is an input type, which has no resolvers'],
  ])('names a stray resolver: %s', (_what, resolvers, problem) => {
    expect(check(resolvers)).toEqual({ stray: [problem], unresolved: [] });
  });

  it('names a derived field the SDL does not have, and passes one it has', () => {
    expect(check(good, { derivedFields: ['EastFigures.activities'] })).toEqual({ stray: [], unresolved: [] });
    expect(check(good, { derivedFields: ['EastFigures.total'] }).stray).toEqual(["derivedFields: EastFigures.total is not a field of the east subgraph's SDL"]);
  });

  it.each<[string, ResolverMap, string]>([
    ["a side's own computed field", without('EastOrganization', 'mottoCount'), 'EastOrganization.mottoCount has neither a resolver nor a stored column (organization.motto_count): it would answer null'],
    ['a stored field with no column', without('EastOrganization', 'members'), 'EastOrganization.members has neither a resolver nor a stored column (organization.members): it would answer null'],
    ['a root field', without('Query', 'east'), 'Query.east has no resolver: it would answer null (add one to the resolvers of Query)'],
    ['a write', without('Mutation', 'eastCreateOrganization'), 'Mutation.eastCreateOrganization has no resolver: it would answer null (add one to the resolvers of Mutation)'],
  ])('reports a field with neither resolver nor column: %s', (_what, resolvers, problem) => {
    expect(check(resolvers)).toEqual({ stray: [], unresolved: [problem] });
  });

  it("takes a side's own stored field from its column, and reports it once the column is gone", () => {
    expect(check(good).unresolved).toEqual([]);
    const noColumn = resolverProblems({ name: 'east', typeDefs: parse(sdl), resolvers: good, storedTypes: { EastOrganization: 'organization' }, ownFields: ['EastOrganization.publicContact'] }, new Map([['organization', new Set(['id', 'name', 'foundedOn', 'level'])]]));
    expect(noColumn.unresolved).toEqual(['EastOrganization.publicContact has neither a resolver nor a stored column (organization.public_contact): it would answer null']);
  });

  it("reports an own field added to a type that is not stored, since nothing else could answer it", () => {
    const typeDefs = parse(`${sdl}\n extend type EastFigures { projects: Int }`);
    expect(check(good, { typeDefs, ownFields: ['EastFigures.projects'] }).unresolved).toEqual(['EastFigures.projects has no resolver: it would answer null (add one to the resolvers of EastFigures)']);
  });

  it('leaves the fields of a value type to the resolver that builds it, and skips @external fields', () => {
    // EastFigures.activities has no resolver: the object Query.east returns carries it.
    const typeDefs = parse(`${sdl}\n extend type EastOrganization { region: String @external }`);
    expect(check(good, { typeDefs, ownFields: ['EastOrganization.publicContact', 'EastOrganization.mottoCount', 'EastOrganization.region'] })).toEqual({ stray: [], unresolved: [] });
  });
});
