import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, test } from 'vitest';
import { isPublicField, writeForbidden } from '../src/accessRules.ts';
import { operationFields, rootFieldNames } from '../src/operationFields.ts';
import { ANONYMOUS, ROLES } from '../src/caller.ts';
import { jurisdictionTypeDefs } from '@linju/contract';
import { JURISDICTIONS } from '@linju/contract';

const [sichuan, chongqing] = JURISDICTIONS as [(typeof JURISDICTIONS)[number], (typeof JURISDICTIONS)[number]];
// Built by @apollo/subgraph, as the server builds it.
const schema = buildSubgraphSchema([{ typeDefs: parse(`${jurisdictionTypeDefs(sichuan, [chongqing])}\ntype Query { """四川 / Sichuan""" sichuan: SichuanJurisdiction! }`) }]);

function fieldsOf(source: string, variables?: Record<string, unknown>) {
  const document = parse(source);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')!;
  return operationFields(schema, document, operation, variables);
}

describe('the field coordinates of an operation', () => {
  test('through fragments, inline fragments and interfaces, meta fields left out', () => {
    const fields = fieldsOf(`query { __typename sichuan { ...F ... on SichuanJurisdiction { name } } } fragment F on Jurisdiction { code people { edges { node { __typename id ... on SichuanPerson { phone } } } } }`);
    expect([...fields.coordinates].sort()).toEqual(
      ['Jurisdiction.code', 'Jurisdiction.people', 'Person.id', 'PersonConnection.edges', 'PersonEdge.node', 'Query.sichuan', 'SichuanJurisdiction.name', 'SichuanPerson.phone'].sort(),
    );
    expect(fields.unknown).toEqual([]);
  });

  test('inside _entities, with the representations’ types, from variables or literals', () => {
    const query = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on JointOverview { sichuan { crossAppointments } } ... on SichuanPerson { phone } } }`;
    const fields = fieldsOf(query, { r: [{ __typename: 'JointOverview', id: 'x' }, { __typename: 'SichuanPerson', id: 'y' }] });
    expect([...fields.coordinates].sort()).toEqual(['JointOverview.sichuan', 'JurisdictionFigures.crossAppointments', 'Query._entities', 'SichuanPerson.phone']);
    expect([...fields.entityTypes].sort()).toEqual(['JointOverview', 'SichuanPerson']);
    const literal = fieldsOf(`{ _entities(representations: [{ __typename: "SichuanJurisdiction", code: "510000" }]) { __typename } }`);
    expect([...literal.entityTypes]).toEqual(['SichuanJurisdiction']);
  });

  test('the root fields of a write', () => {
    const document = parse(`mutation M { a: sichuanCreatePerson(input: $i) { id } ...More } fragment More on Mutation { sichuanRecordGrid(input: $g) { id } }`);
    expect(rootFieldNames(document, document.definitions[0] as OperationDefinitionNode)).toEqual(['sichuanCreatePerson', 'sichuanRecordGrid']);
  });
});

describe('what anonymous callers may read', () => {
  test.each([
    ['Query.overview', true],
    ['JointOverview.sichuan', true],
    ['JointOverview.total', true],
    ['JurisdictionFigures.crossAppointments', true],
    ['SichuanJurisdiction.figures', true],
    ['Jurisdiction.name', true],
    ['Query.__schema', true],
    ['JointOverview.alliance', false],
    ['Alliance.overview', false],
    ['SichuanJurisdiction.people', false],
    ['SichuanPerson.phone', false],
    ['Query.alliances', false],
  ])('%s: %s', (coordinate, expected) => expect(isPublicField(coordinate)).toBe(expected));
});

test('roles follow the federation\'s members: one operator role per jurisdiction, the joint office\'s, and viewers', () => {
  expect(ROLES).toEqual(['sichuan-operator', 'chongqing-operator', 'joint-operator', 'viewer']);
});

test("a write refused to a role says so in Chinese without the API's names (mutations, roles), which the English half keeps", () => {
  const refused = writeForbidden({ subject: 's', role: 'chongqing-operator' }, 'sichuan', ['sichuanRecordActivity'], 'Record__sichuan__0');
  const [chinese, english] = refused.message.split(' / ');
  expect(chinese).toBe(`当前账号（${chongqing.name}操作员）无权写入${sichuan.name}的记录：只有${sichuan.name}的操作员能写入，未作任何更改。`);
  expect(english).toMatch(/^Role chongqing-operator may not run sichuanRecordActivity \(operation Record\)/);
  expect(writeForbidden({ subject: 'v', role: 'viewer' }, 'joint', ['createAlliance']).message).toMatch(/^当前账号（查看者）无权写入/);
  // Not signed in: asked to sign in as the operator who may write, not told its account (未登录) may not.
  expect(writeForbidden(ANONYMOUS, 'sichuan', ['sichuanRecordActivity']).message.split(' / ')[0]).toBe(`未登录时不能写入${sichuan.name}的记录：请以${sichuan.name}的操作员身份登录，未作任何更改。`);
});
