import { expect, test } from 'vitest';
import { definition } from '../src/subgraph.ts';

// A jurisdiction's lists sort names by pinyin (`COLLATE "zh-x-icu"`, jurisdiction-service's
// listRecords): its definition names that collation, so that its start refuses a PostgreSQL built
// without ICU (subgraph-runtime's checkNameCollation, tested in test/nameCollation.test.ts there)
// instead of failing every NAME read as a masked internal error.
test('Sichuan’s subgraph names the collation its NAME order sorts by, to be checked at start', () => {
  expect(definition.nameCollation).toBe('zh-x-icu');
});
