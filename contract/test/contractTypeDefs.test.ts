import { buildSubgraphSchema } from '@apollo/subgraph';
import { isInterfaceType, isObjectType, Kind, parse, type GraphQLObjectType } from 'graphql';
import { describe, expect, test } from 'vitest';
import { contractDeclarationsTypeDefs, jurisdictionTypeDefs, recordInterfaceNames } from '../src/contractTypeDefs.ts';
import { undescribed } from '../src/undescribed.ts';
import { JURISDICTIONS } from '../src/jurisdictions.ts';

const [sichuan, chongqing] = JURISDICTIONS as [(typeof JURISDICTIONS)[number], (typeof JURISDICTIONS)[number]];

const schema = buildSubgraphSchema([{ typeDefs: parse(`${jurisdictionTypeDefs(sichuan, [chongqing])}\ntype Query { """四川 / Sichuan""" sichuan: SichuanJurisdiction! }`) }]);
const declarations = buildSubgraphSchema([{ typeDefs: parse(contractDeclarationsTypeDefs()) }]);
/** The interfaces whose records one side refers to on the other (post holders, far ends of links). */
const REFERENCED_ACROSS = ['Person', 'Region'];

describe('the contract generates each side its own types', () => {
  test('one concrete type per contract interface, with every field of the interface (as the contract declarations declare it in full)', () => {
    for (const name of [...recordInterfaceNames(), 'Jurisdiction']) {
      const iface = declarations.getType(name) && REFERENCED_ACROSS.includes(name) ? declarations.getType(name) : schema.getType(name);
      const own = schema.getType(`Sichuan${name}`);
      expect(isInterfaceType(iface) && isObjectType(own), name).toBe(true);
      if (!isInterfaceType(iface) || !isObjectType(own)) continue;
      expect(own.getInterfaces().map((i) => i.name)).toContain(name);
      expect(Object.keys(own.getFields()).sort()).toEqual(Object.keys(iface.getFields()).sort());
    }
  });

  test("the other side's people and regions exist only as references (stubs) here: their id, no field @external", () => {
    for (const name of REFERENCED_ACROSS) {
      const stub = schema.getType(`Chongqing${name}`);
      expect(isObjectType(stub) && Object.keys(stub.getFields()), name).toEqual(['id']);
    }
    expect(schema.getType('ChongqingActivity')).toBeUndefined();
    expect(schema.getType('ChongqingRecordReference') && Object.keys((schema.getType('ChongqingRecordReference') as GraphQLObjectType).getFields())).toEqual(['id']);
    // No implementation of an interface has a field @external (which some planners refuse).
    const external = parse(jurisdictionTypeDefs(sichuan, [chongqing])).definitions.flatMap((d) =>
      d.kind === Kind.OBJECT_TYPE_DEFINITION && d.interfaces?.length ? (d.fields ?? []).filter((f) => f.directives?.some((x) => x.name.value === 'external')).map((f) => `${d.name.value}.${f.name.value}`) : [],
    );
    expect(external).toEqual([]);
  });

  test('an interface it holds stubs of is declared by its id alone; the contract declarations declare it in full, and can be called for nothing', () => {
    for (const name of [...REFERENCED_ACROSS, 'RecordReference']) {
      const here = schema.getType(name);
      const full = declarations.getType(name);
      expect(isInterfaceType(here) && Object.keys(here.getFields()), name).toEqual(['id']);
      expect(isInterfaceType(full) && Object.keys(full.getFields()).length, name).toBeGreaterThan(1);
    }
    // No root field (the subgraph library adds only its own `_service`) and no entity: no query plan can reach it.
    expect(Object.keys(declarations.getQueryType()!.getFields())).toEqual(['_service']);
    expect(contractDeclarationsTypeDefs()).not.toMatch(/@key\(/);
    expect(undescribed(declarations)).toEqual([]);
  });

  test('every type and field carries a description in Chinese and English', () => {
    expect(undescribed(schema)).toEqual([]);
  });
});
