import { migratedStoreProblems } from '@linju/subgraph-kit';
import { expect, test } from 'vitest';

const packageRoot = new URL('../', import.meta.url);

test('the migrated store matches schema.prisma: tables, columns, types, keys, indexes', async () => {
  expect(await migratedStoreProblems(packageRoot)).toEqual([]);
});
