import { migratedStoreProblems } from '@linju/subgraph-runtime/storeChecks';
import { expect, test } from 'vitest';
import { definition } from '../src/subgraph.ts';

test('the migrated store matches schema.prisma: tables, columns, types, keys, indexes', async () => {
  expect(await migratedStoreProblems(definition.migrations, new URL('../prisma/schema.prisma', import.meta.url))).toEqual([]);
});
