import { readFileSync } from 'node:fs';
import { buildASTSchema, getNamedType, isInputObjectType, parse, type GraphQLInputType, type GraphQLSchema } from 'graphql';
import { expect, test } from 'vitest';
import { CROSS_STORE_WRITES, JURISDICTIONS, MUTATIONS } from '../src/index.ts';

/**
 * The declaration of the writes naming other stores' records (the gateway checks them before it
 * sends the write) against the schema the gateway serves: every path it declares is an ID argument
 * of that write, and every side write taking an alliance is declared.
 */

const supergraph = buildASTSchema(parse(readFileSync(new URL('../../schema/supergraph.graphql', import.meta.url), 'utf8')), { assumeValidSDL: true });

/** The type of an argument path (`input.memberIds`) of a mutation field, or undefined when the schema has none. */
function typeAt(schema: GraphQLSchema, field: string, path: string): GraphQLInputType | undefined {
  const [argument, ...rest] = path.split('.');
  let type: GraphQLInputType | undefined = schema.getMutationType()?.getFields()[field]?.args.find((a) => a.name === argument)?.type;
  for (const name of rest) {
    const named = type && getNamedType(type);
    type = named && isInputObjectType(named) ? named.getFields()[name]?.type : undefined;
  }
  return type;
}

test('every declared path is an ID argument (or a list of IDs) of its write, and every date it compares against is a Date', () => {
  expect(CROSS_STORE_WRITES.size).toBeGreaterThan(0);
  for (const [field, write] of CROSS_STORE_WRITES) {
    for (const reference of write.references) {
      expect(getNamedType(typeAt(supergraph, field, reference.path)!)?.name, `${field}(${reference.path})`).toBe('ID');
      if (reference.on) expect(getNamedType(typeAt(supergraph, field, reference.on)!)?.name, `${field}(${reference.on})`).toBe('Date');
    }
  }
});

test("every side write whose input takes an alliance is declared, for each side: the alliance is the joint office's record", () => {
  for (const side of JURISDICTIONS) {
    for (const write of MUTATIONS) {
      const field = `${side.key}${write.name}`;
      if (!typeAt(supergraph, field, 'input.allianceId')) continue;
      expect(CROSS_STORE_WRITES.get(field)?.references.map((r) => r.path) ?? [], field).toContain('input.allianceId');
    }
  }
});
