import { parse, print, visit, Kind, type FieldDefinitionNode, type ObjectTypeDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { checkSchema, compareWithBase, type SchemaCheckReport } from '../src/checks/checkSchema.ts';
import { formatReport } from '../src/checks/formatReport.ts';
import { verdictLine } from '../src/checks/verdictLine.ts';
import { composeSupergraph } from '../src/composeSupergraph.ts';
import { loadSubgraphServices, type SubgraphService } from '../src/loadSubgraphServices.ts';
import { loadRegisteredOperations, operationHash, type RegisteredOperation } from '../src/operations/registeredOperations.ts';

// Two throwaway jurisdictions: `east` owns the organization type and its enum, `west` extends it.
const link = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable"])';
const east = `
  interface Organization { id: ID! name: String! }
  enum Kind { PARTY_BRANCH GRID }
  type EastOrganization implements Organization @key(fields: "id") { id: ID! name: String! kind: Kind! motto: String }
  type Query { eastOrganizations(first: Int, kind: Kind): [EastOrganization!]! }
`;
const west = `
  type EastOrganization @key(fields: "id") { id: ID! twinnedSince: String }
  type Query { westCount: Int! }
`;

function service(name: string, sdl: string): SubgraphService {
  return { name, url: `http://127.0.0.1:0/${name}`, typeDefs: parse(`${link}\n${sdl}`) };
}

function operation(name: string, document: string): RegisteredOperation {
  return { name, source: `test/${name}.graphql`, document, hash: operationHash(document) };
}

const dashboard = operation('EastDashboard', 'query EastDashboard { eastOrganizations(first: 5) { id name motto kind } }');
const base = (await composeSupergraph([service('east', east), service('west', west)])).supergraphSdl;

function check(nextEast: string, options: { accepted?: { change: string; reason: string }[]; subgraph?: string } = {}): SchemaCheckReport {
  return checkSchema({ baseSupergraphSdl: base, services: [service('east', nextEast), service('west', west)], operations: [dashboard], ...options });
}

const breaking = (report: SchemaCheckReport) => report.changes.filter((change) => change.severity === 'breaking' && !change.acceptedBecause);

describe('checkSchema', () => {
  it('passes an additive change and reports it as safe', () => {
    const report = check(east.replace('motto: String', 'motto: String\n founded: String'));
    expect(report.ok).toBe(true);
    expect(report.changes).toContainEqual(expect.objectContaining({ severity: 'safe', description: 'EastOrganization.founded was added.', subgraphs: ['east'] }));
    expect(verdictLine({ report, baseLabel: 'main@abc1234', staleFiles: [] })).toEqual({ ok: true, line: 'schema:check: OK — no breaking change against main@abc1234' });
  });

  it('passes an unchanged schema', () => {
    expect(check(east)).toMatchObject({ ok: true, changes: [], brokenOperations: [] });
  });

  it.each([
    ['a removed field', east.replace('motto: String', ''), 'FIELD_REMOVED', 'EastOrganization.motto was removed.'],
    ['an argument made required', east.replace('first: Int', 'first: Int!'), 'ARG_CHANGED_KIND', 'Query.eastOrganizations arg first has changed type from Int to Int!.'],
    ['nullability tightened on an input', east.replace('kind: Kind)', 'kind: Kind!)'), 'ARG_CHANGED_KIND', 'Query.eastOrganizations arg kind has changed type from Kind to Kind!.'],
    ['nullability loosened on an output', east.replace('name: String! kind', 'name: String kind').replace('{ id: ID! name: String! }', '{ id: ID! name: String }'), 'FIELD_CHANGED_KIND', 'EastOrganization.name changed type from String! to String.'],
    ['an enum value removed', east.replace('PARTY_BRANCH GRID', 'PARTY_BRANCH'), 'VALUE_REMOVED_FROM_ENUM', 'GRID was removed from enum type Kind.'],
    ['an interface implementation dropped', east.replace('implements Organization ', ''), 'IMPLEMENTED_INTERFACE_REMOVED', 'EastOrganization no longer implements interface Organization.'],
    ['a type removed', east.replace('interface Organization { id: ID! name: String! }', '').replace('implements Organization ', ''), 'TYPE_REMOVED', 'Organization was removed.'],
  ])('fails on %s, naming the change and the owning subgraph', (_what, nextEast, type, description) => {
    const report = check(nextEast);
    expect(report.ok).toBe(false);
    expect(breaking(report)).toContainEqual(expect.objectContaining({ type, description, subgraphs: expect.arrayContaining(['east']) }));
    const text = formatReport(report, ['east', 'west']);
    expect(text).toContain(`✗ BREAKING [${type}] ${description}`);
    expect(text).toContain('subgraph east:');
    expect(verdictLine({ report, baseLabel: 'main@abc1234', staleFiles: [] })).toMatchObject({ ok: false, line: expect.stringMatching(/^schema:check: BREAKING — \d+ breaking changes? against main@abc1234/) });
  });

  it.each([
    ['an enum value added', east.replace('PARTY_BRANCH GRID', 'PARTY_BRANCH GRID VILLAGE'), 'dangerous', 'VALUE_ADDED_TO_ENUM', 'VILLAGE was added to enum type Kind.'],
    ['an optional argument added', east.replace('kind: Kind)', 'kind: Kind, name: String)'), 'dangerous', 'OPTIONAL_ARG_ADDED', 'An optional arg name on Query.eastOrganizations was added.'],
    ['an output made non-null', east.replace('motto: String', 'motto: String!'), 'safe', 'FIELD_CHANGED_KIND', 'EastOrganization.motto changed type from String to String!.'],
    ['a field deprecated', east.replace('motto: String', 'motto: String @deprecated(reason: "unused")'), 'safe', 'FIELD_DEPRECATION_ADDED', "Field 'EastOrganization.motto' is deprecated."],
  ])('passes %s, reporting it with its severity and owner', (_what, nextEast, severity, type, description) => {
    const report = check(nextEast);
    expect(report.ok).toBe(true);
    expect(report.changes).toEqual([expect.objectContaining({ severity, type, description, subgraphs: ['east'] })]);
  });

  it('lists an added type once, not each of its fields', () => {
    const report = check(`${east}\n type Motto { text: String year: Int }`.replace('motto: String', 'motto: String mottos: [Motto!]'));
    expect(report.changes.map(({ severity, description }) => `${severity} ${description}`).sort()).toEqual(['safe EastOrganization.mottos was added.', 'safe Motto was added.']);
  });

  it('names a registered operation that no longer validates, and who broke it', () => {
    const report = check(east.replace('motto: String', ''));
    expect(report.brokenOperations).toEqual([
      expect.objectContaining({ name: 'EastDashboard', source: 'test/EastDashboard.graphql', subgraphs: ['east'], errors: ['Cannot query field "motto" on type "EastOrganization".'] }),
    ]);
    expect(formatReport(report, ['east', 'west'])).toMatch(/✗ EastDashboard \(test\/EastDashboard\.graphql\) — broken by east\n\s+Cannot query field "motto"/);
  });

  it('passes a breaking change accepted with a reason, but not an operation it breaks', () => {
    const nextEast = east.replace('PARTY_BRANCH GRID', 'PARTY_BRANCH');
    const report = check(nextEast, { accepted: [{ change: 'GRID was removed from enum type Kind.', reason: 'no grid was ever recorded; agreed with west' }] });
    expect(report.ok).toBe(true);
    expect(report.changes).toContainEqual(expect.objectContaining({ acceptedBecause: 'no grid was ever recorded; agreed with west' }));
    expect(formatReport(report, ['east', 'west'])).toContain('✓ accepted breaking [VALUE_REMOVED_FROM_ENUM] GRID was removed from enum type Kind.');

    const removed = check(east.replace('motto: String', ''), { accepted: [{ change: 'EastOrganization.motto was removed.', reason: 'r' }] });
    expect(removed.ok).toBe(false);
    expect(removed.brokenOperations.map(({ name }) => name)).toEqual(['EastDashboard']);
  });

  it('reports composition errors with the owning subgraph and the offending field', () => {
    const report = checkSchema({
      baseSupergraphSdl: base,
      services: [service('east', east), service('west', west.replace('twinnedSince: String', 'twinnedSince: String name: Int'))],
      operations: [dashboard],
    });
    expect(report.ok).toBe(false);
    expect(report.compositionErrors).toContainEqual(expect.objectContaining({ code: 'FIELD_TYPE_MISMATCH', coordinate: 'EastOrganization.name', subgraphs: ['east', 'west'] }));
    expect(formatReport(report, ['east', 'west'])).toMatch(/subgraph west:\n\s+✗ \[FIELD_TYPE_MISMATCH\] EastOrganization\.name:/);
  });

  it('restricts the report to one subgraph with --subgraph', () => {
    const report = check(east.replace('motto: String', ''), { subgraph: 'west' });
    expect(report.changes).toEqual([]);
    expect(report.brokenOperations).toEqual([]);
    expect(report.ok).toBe(true);
    expect(check(east.replace('motto: String', ''), { subgraph: 'east' }).ok).toBe(false);
    expect(() => check(east, { subgraph: 'north' })).toThrow(/Unknown subgraph "north"/);
  });
});

// For the blame of broken operations: east also takes a filter, west's count a region.
const eastWithFilter = `${east.replace('kind: Kind)', 'kind: Kind, filter: EastFilter)')}\n input EastFilter { name: String }`;
const westWithRegion = west.replace('westCount: Int!', 'westCount(region: String): Int!');
const blameBase = (await composeSupergraph([service('east', eastWithFilter), service('west', westWithRegion)])).supergraphSdl;

describe('who broke a registered operation (read from the errors’ AST nodes and the join directives, not their messages)', () => {
  function checkBoth(next: { east?: string; west?: string }, document: string, subgraph?: string): SchemaCheckReport {
    return checkSchema({
      baseSupergraphSdl: blameBase,
      services: [service('east', next.east ?? eastWithFilter), service('west', next.west ?? westWithRegion)],
      operations: [operation('Broken', document)],
      ...(subgraph !== undefined && { subgraph }),
    });
  }

  it.each<[string, 'east' | 'west', { east?: string; west?: string }, string, string]>([
    ['a required argument added', 'east', { east: eastWithFilter.replace('filter: EastFilter)', 'filter: EastFilter, asOf: String!)') }, 'query Broken { eastOrganizations(first: 5) { id } }', 'Field "eastOrganizations" argument "asOf" of type "String!" is required, but it was not provided.'],
    ['a required argument added by the side that does not own the type', 'west', { west: westWithRegion.replace('region: String)', 'region: String, asOf: String!)') }, 'query Broken { westCount(region: "510") }', 'Field "westCount" argument "asOf" of type "String!" is required, but it was not provided.'],
    ['an argument removed', 'east', { east: eastWithFilter.replace('kind: Kind, ', '') }, 'query Broken { eastOrganizations(kind: GRID) { id } }', 'Unknown argument "kind" on field "Query.eastOrganizations".'],
    ['an argument’s type changed', 'east', { east: eastWithFilter.replace('first: Int', 'first: Int!') }, 'query Broken($first: Int) { eastOrganizations(first: $first) { id } }', 'Variable "$first" of type "Int" used in position expecting type "Int!".'],
    ['an enum value removed', 'east', { east: eastWithFilter.replace('PARTY_BRANCH GRID', 'PARTY_BRANCH') }, 'query Broken { eastOrganizations(kind: GRID) { id } }', 'Value "GRID" does not exist in "Kind" enum.'],
    ['an input field made required', 'east', { east: eastWithFilter.replace('input EastFilter { name: String }', 'input EastFilter { name: String since: String! }') }, 'query Broken { eastOrganizations(filter: { name: "x" }) { id } }', 'Field "EastFilter.since" of required type "String!" was not provided.'],
    ['a type removed', 'east', { east: eastWithFilter.replace('interface Organization { id: ID! name: String! }', '').replace('implements Organization ', '') }, 'query Broken { eastOrganizations { ...Named } } fragment Named on Organization { name }', 'Unknown type "Organization". Did you mean "EastOrganization"?'],
    ['an interface implementation dropped', 'east', { east: eastWithFilter.replace('implements Organization ', '') }, 'query Broken { eastOrganizations { ... on Organization { name } } }', 'Fragment cannot be spread here as objects of type "EastOrganization" can never be of type "Organization".'],
    ['a field removed from a type another side owns', 'west', { west: westWithRegion.replace('twinnedSince: String', '') }, 'query Broken { eastOrganizations { twinnedSince } }', 'Cannot query field "twinnedSince" on type "EastOrganization".'],
  ])('%s: blamed on the side that changed it (%s), and the other side’s check passes', (_what, side, next, document, error) => {
    const report = checkBoth(next, document);
    expect(report.brokenOperations).toEqual([{ name: 'Broken', source: 'test/Broken.graphql', errors: [error], subgraphs: [side] }]);
    expect(formatReport(report, ['east', 'west'])).toContain(`✗ Broken (test/Broken.graphql) — broken by ${side}\n      ${error}`);
    expect(checkBoth(next, document, side).brokenOperations).toHaveLength(1);
    const other = checkBoth(next, document, side === 'east' ? 'west' : 'east');
    expect(other).toMatchObject({ ok: true, brokenOperations: [] });
    expect(verdictLine({ report: other, baseLabel: 'main@abc1234', staleFiles: [], subgraph: other.subgraph! }).line).toBe(`schema:check: OK (subgraph ${other.subgraph} only) — no breaking change against main@abc1234`);
  });

  it('an operation no side can be named for fails every side’s check, and says so', () => {
    const document = 'query Broken { westCount @stale }';
    for (const subgraph of [undefined, 'east', 'west']) {
      const report = checkBoth({}, document, subgraph);
      expect(report.brokenOperations).toEqual([{ name: 'Broken', source: 'test/Broken.graphql', errors: ['Unknown directive "@stale".'], subgraphs: [] }]);
      expect(report.ok).toBe(false);
      expect(formatReport(report, ['east', 'west'])).toContain("✗ Broken (test/Broken.graphql) — no side could be named, so it fails every side's check\n      Unknown directive");
    }
  });

  it('an error no side can be named for fails every side’s check even when another error of the operation names one, and says which', () => {
    const next = { east: eastWithFilter.replace('PARTY_BRANCH GRID', 'PARTY_BRANCH') };
    const document = 'query Broken { eastOrganizations(kind: GRID) @stale { id } }';
    for (const subgraph of [undefined, 'east', 'west']) {
      const report = checkBoth(next, document, subgraph);
      expect(report).toMatchObject({ ok: false, brokenOperations: [{ errors: ['Value "GRID" does not exist in "Kind" enum.', 'Unknown directive "@stale". (no side could be named for this error)'], subgraphs: [] }] });
    }
  });
});

// A shared enum and input type: composition keeps of them only what both sides have, so the base names both as owners of each value and field.
const sharedValues = 'enum Level { DISTRICT VILLAGE }\n input Where { name: String code: String }';
const eastShared = `${east}\n ${sharedValues}\n extend type Query { eastPlaces(level: Level, where: Where): Int }`;
const westShared = `${west.replace('westCount: Int!', 'westCount(level: Level, where: Where): Int!')}\n ${sharedValues}`;
const sharedBase = (await composeSupergraph([service('east', eastShared), service('west', westShared)])).supergraphSdl;

describe('who broke an operation through a shared input type or enum (told from each side’s own new SDL)', () => {
  const withEast = (nextEast: string, document: string, subgraph?: string): SchemaCheckReport =>
    checkSchema({ baseSupergraphSdl: sharedBase, services: [service('east', nextEast), service('west', westShared)], operations: [operation('Broken', document)], ...(subgraph !== undefined && { subgraph }) });

  it.each([
    ['an enum value removed', eastShared.replace('DISTRICT VILLAGE', 'DISTRICT'), 'query Broken { westCount(level: VILLAGE) }', 'Value "VILLAGE" does not exist in "Level" enum.'],
    ['an input field removed', eastShared.replace('name: String code', 'code'), 'query Broken { westCount(where: { name: "x" }) }', 'Field "name" is not defined by type "Where".'],
    ['an input field made required', eastShared.replace('code: String }', 'code: String! }'), 'query Broken { westCount(where: { name: "x" }) }', 'Field "Where.code" of required type "String!" was not provided.'],
  ])('%s by east from the shared type, used on west’s own field: blamed on east alone, and west’s check passes', (_what, nextEast, document, error) => {
    const report = withEast(nextEast, document);
    expect(report.brokenOperations).toEqual([{ name: 'Broken', source: 'test/Broken.graphql', errors: [expect.stringContaining(error)], subgraphs: ['east'] }]);
    expect(breaking(report)).toEqual([expect.objectContaining({ subgraphs: ['east'] })]);
    expect(withEast(nextEast, document, 'west')).toMatchObject({ ok: true, changes: [], brokenOperations: [] });
    expect(withEast(nextEast, document, 'east').ok).toBe(false);
    // Without the sides' SDL (compose's warning) it cannot be told: both sides, as the supergraphs say.
    const supergraphSdl = report.supergraphSdl!;
    expect(compareWithBase({ baseSupergraphSdl: sharedBase, supergraphSdl, operations: [operation('Broken', document)] }).brokenOperations[0]!.subgraphs).toEqual(['east', 'west']);
  });

  it('never blames a side the supergraphs do not name, whatever SDL is given for it', () => {
    const nextEast = eastShared.replace('DISTRICT VILLAGE', 'DISTRICT');
    const document = 'query Broken { westCount(level: VILLAGE) }';
    const { supergraphSdl } = withEast(nextEast, document);
    const services = [service('east', nextEast), service('west', westShared), service('north', sharedValues)];
    const report = compareWithBase({ baseSupergraphSdl: sharedBase, supergraphSdl: supergraphSdl!, services, operations: [operation('Broken', document)] });
    expect(report.brokenOperations.map(({ subgraphs }) => subgraphs)).toEqual([['east']]);
    expect(breaking(report).map(({ subgraphs }) => subgraphs)).toEqual([['east']]);
  });
});

const services = await loadSubgraphServices();
const operations = await loadRegisteredOperations();
const current = (await composeSupergraph(services)).supergraphSdl;

describe('checkSchema on the real subgraphs (transformed in memory)', () => {
  /** One subgraph with one field of one type changed (`null`: removed). */
  function withField(subgraph: string, typeName: string, fieldName: string, change: (node: FieldDefinitionNode) => FieldDefinitionNode | null): SubgraphService[] {
    return services.map((entry) =>
      entry.name !== subgraph
        ? entry
        : {
            ...entry,
            typeDefs: visit(entry.typeDefs, {
              FieldDefinition(node, _key, _parent, _path, ancestors) {
                const owner = ancestors[ancestors.length - 1];
                const ownerName = owner && 'kind' in owner && (owner.kind === Kind.OBJECT_TYPE_DEFINITION || owner.kind === Kind.OBJECT_TYPE_EXTENSION) ? owner.name.value : undefined;
                return ownerName === typeName && node.name.value === fieldName ? change(node) : undefined;
              },
            }),
          },
    );
  }

  it('passes every registered operation against the current composition', () => {
    const report = checkSchema({ baseSupergraphSdl: current, services, operations });
    expect(report).toMatchObject({ ok: true, changes: [], brokenOperations: [] });
  });

  it('blames a required argument added to Chongqing’s root field on chongqing alone (QA: Sichuan’s check failed with 48 operations)', () => {
    const asOf = (parse('type T { f(asOf: Date!): Int }').definitions[0] as ObjectTypeDefinitionNode).fields![0]!.arguments![0]!;
    const withAsOf = withField('chongqing', 'Query', 'chongqing', (node) => ({ ...node, arguments: [asOf] }));
    const report = checkSchema({ baseSupergraphSdl: current, services: withAsOf, operations });
    expect(report.brokenOperations.map(({ name }) => name)).toContain('DashboardSideFigures');
    expect(report.brokenOperations.filter(({ subgraphs }) => subgraphs.join() !== 'chongqing')).toEqual([]);
    const text = formatReport(report, services.map(({ name }) => name));
    expect(text).toContain('subgraph chongqing:\n  ✗ BREAKING [REQUIRED_ARG_ADDED] A required arg asOf on Query.chongqing was added.'); // as the docs quote it
    expect(text).toMatch(/✗ DashboardSideFigures \(dashboard\/operations\/DashboardSideFigures\.graphql\) — broken by chongqing\n\s+Field "chongqing" argument "asOf" of type "Date!" is required/);
    // Composed once above: the other sides' checks compare the same supergraph.
    for (const side of ['sichuan', 'joint']) expect(compareWithBase({ baseSupergraphSdl: current, supergraphSdl: report.supergraphSdl!, operations, subgraph: side })).toMatchObject({ ok: true, changes: [], brokenOperations: [] });
  });

  it('names the explorer example a removed field breaks', () => {
    const report = checkSchema({ baseSupergraphSdl: current, services: withField('joint', 'Alliance', 'kind', () => null), operations });
    expect(report.ok).toBe(false);
    expect(breaking(report)).toContainEqual(expect.objectContaining({ description: 'Alliance.kind was removed.', subgraphs: ['joint'] }));
    expect(report.brokenOperations.map(({ name }) => name)).toContain('AllianceWithMembers');
    // As docs/maintaining-a-subgraph.md quotes it.
    expect(formatReport(report, services.map(({ name }) => name))).toContain('  ✗ AllianceWithMembers (gateway/examples/1-alliance-with-members.graphql) — broken by joint\n      Cannot query field "kind" on type "Alliance". Did you mean "id"?');
    expect(print(services[0]!.typeDefs)).toContain('sichuan'); // the real SDL itself is untouched
  });
});

describe('the contract vocabulary (kinds are Strings in the schema, so the schema comparison cannot see them)', () => {
  const vocabulary = { base: { activityKind: ['座谈交流', '共建活动'] }, next: { activityKind: ['座谈交流', '志愿服务'] } };

  it('a kind removed is breaking, like an enum value removed; a kind added is safe', () => {
    const report = checkSchema({ baseSupergraphSdl: base, services: [service('east', east), service('west', west)], operations: [dashboard], vocabulary });
    expect(report.changes.map(({ severity, description }) => [severity, description])).toEqual([
      ['breaking', "“共建活动” was removed from the vocabulary's activityKind."],
      ['safe', "“志愿服务” was added to the vocabulary's activityKind."],
    ]);
    expect(verdictLine({ report, baseLabel: 'published@abc1234', staleFiles: [] })).toEqual({ ok: false, line: 'schema:check: BREAKING — 1 breaking change against published@abc1234' });
    expect(formatReport(report, ['east', 'west'])).toContain("the contract’s vocabulary (every subgraph):\n  ✗ BREAKING [VOCABULARY_VALUE_REMOVED] “共建活动” was removed from the vocabulary's activityKind.\n  ✓ safe [VOCABULARY_VALUE_ADDED]");
    // Also under --subgraph: the contract is every side's.
    expect(breaking(checkSchema({ baseSupergraphSdl: base, services: [service('east', east), service('west', west)], operations: [dashboard], vocabulary, subgraph: 'west' }))).toHaveLength(1);
  });

  it('accepted like any breaking change', () => {
    const report = checkSchema({ baseSupergraphSdl: base, services: [service('east', east), service('west', west)], operations: [dashboard], vocabulary, accepted: [{ change: "“共建活动” was removed from the vocabulary's activityKind.", reason: 'merged into 志愿服务, agreed on 2026-12-07' }] });
    expect(report.ok).toBe(true);
    expect(breaking(report)).toEqual([]);
  });
});
