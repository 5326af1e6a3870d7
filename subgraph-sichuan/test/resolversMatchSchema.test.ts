import { migratedResolverProblems } from '@linju/subgraph-runtime/storeChecks';
import { expect, test } from 'vitest';
import { definition } from '../src/subgraph.ts';

test('every resolver names a field of the SDL, and every field of its own resolves (a resolver or a stored column)', async () => {
  expect(await migratedResolverProblems(definition)).toEqual({ stray: [], unresolved: [] });
});
