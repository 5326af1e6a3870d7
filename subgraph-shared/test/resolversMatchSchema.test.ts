import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kind, visit } from 'graphql';
import { afterAll, describe, expect, test } from 'vitest';
import { createLogger } from '@linju/observability';
import { resolverProblems, startSubgraph } from '@linju/subgraph-runtime';
import { migratedColumns } from '@linju/subgraph-runtime/storeChecks';
import { definition } from '../src/subgraph.ts';

/** The joint SDL with one field of `Alliance` renamed, its resolvers and store untouched. */
function renamed(field: string, to: string) {
  return visit(definition.typeDefs, {
    FieldDefinition(node, _key, _parent, _path, ancestors) {
      const owner = ancestors[ancestors.length - 1];
      const isAlliance = owner && 'kind' in owner && owner.kind === Kind.OBJECT_TYPE_DEFINITION && owner.name.value === 'Alliance';
      return isAlliance && node.name.value === field ? { ...node, name: { ...node.name, value: to } } : undefined;
    },
  });
}

const columns = await migratedColumns(definition.migrations);

describe("the joint office's resolvers against its SDL", () => {
  test('every resolver names a field of the SDL, and every root and stored field resolves', () => {
    expect(resolverProblems(definition, columns)).toEqual({ stray: [], unresolved: [] });
  });

  test.each([
    // A stored field renamed in the SDL: no column of the new name, no resolver; it would answer null.
    ['a stored field', 'version', 'revision', { stray: [], unresolved: ['Alliance.revision has neither a resolver nor a stored column (alliance.revision): it would answer null'] }],
    // A computed field renamed: its resolver is left behind, and the new name has none.
    ['a computed field', 'members', 'memberships', {
      stray: ["resolvers.Alliance.members: Alliance has no field members in the joint subgraph's SDL"],
      unresolved: ['Alliance.memberships has neither a resolver nor a stored column (alliance.memberships): it would answer null'],
    }],
  ])('a rename of %s in the SDL alone is found', (_what, field, to, problems) => {
    expect(resolverProblems({ ...definition, typeDefs: renamed(field, to) }, columns)).toEqual(problems);
  });

  const dataDir = mkdtempSync(join(tmpdir(), 'linju-resolvers-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  test('start-up reports a field that would answer null, and serves', async () => {
    const lines: string[] = [];
    const logger = createLogger('joint', { level: 'warn', destination: { write: (line: string) => void lines.push(line) } });
    const running = await startSubgraph({ ...definition, typeDefs: renamed('version', 'revision') }, { port: 0, dataDir, durable: false, seed: false, gatewaySecret: 'test-secret', logger });
    await running.stop();
    expect(lines.map((line) => JSON.parse(line) as { level: string; msg: string }).filter((line) => line.msg.startsWith('unresolved field'))).toEqual([
      expect.objectContaining({ level: 'warn', msg: 'unresolved field: Alliance.revision has neither a resolver nor a stored column (alliance.revision): it would answer null' }),
    ]);
  });

  test('start-up refuses a resolver for a field the SDL does not have, naming it', async () => {
    const resolvers = { ...definition.resolvers, Alliance: { ...definition.resolvers['Alliance'], motto: () => '团结' } };
    await expect(startSubgraph({ ...definition, resolvers }, { port: 0, dataDir, durable: false, seed: false, gatewaySecret: 'test-secret' })).rejects.toThrow(
      /The joint subgraph's resolvers name what its SDL does not have[\s\S]*resolvers\.Alliance\.motto: Alliance has no field motto/,
    );
  });
});
