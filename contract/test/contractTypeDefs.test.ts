import { buildSubgraphSchema } from '@apollo/subgraph';
import { isInterfaceType, isObjectType, parse } from 'graphql';
import { describe, expect, test } from 'vitest';
import { jurisdictionTypeDefs, recordInterfaceNames } from '../src/contractTypeDefs.ts';
import { undescribed } from '../src/undescribed.ts';
import { JURISDICTIONS } from '../src/jurisdictions.ts';

const [sichuan, chongqing] = JURISDICTIONS as [(typeof JURISDICTIONS)[number], (typeof JURISDICTIONS)[number]];

const schema = buildSubgraphSchema([{ typeDefs: parse(`${jurisdictionTypeDefs(sichuan, [chongqing])}\ntype Query { """四川 / Sichuan""" sichuan: SichuanJurisdiction! }`) }]);

describe('the contract generates each side its own types', () => {
  test('one concrete type per contract interface, with every field of the interface', () => {
    for (const name of [...recordInterfaceNames(), 'Jurisdiction']) {
      const iface = schema.getType(name);
      const own = schema.getType(`Sichuan${name}`);
      expect(isInterfaceType(iface) && isObjectType(own), name).toBe(true);
      if (!isInterfaceType(iface) || !isObjectType(own)) continue;
      expect(own.getInterfaces().map((i) => i.name)).toContain(name);
      expect(Object.keys(own.getFields()).sort()).toEqual(Object.keys(iface.getFields()).sort());
    }
  });

  test("the other side's people and regions exist only as references (stubs) here", () => {
    expect(schema.getType('ChongqingPerson')).toBeDefined();
    expect(schema.getType('ChongqingRegion')).toBeDefined();
    expect(schema.getType('ChongqingActivity')).toBeUndefined();
  });

  test('every type and field carries a description in Chinese and English', () => {
    expect(undescribed(schema)).toEqual([]);
  });
});
