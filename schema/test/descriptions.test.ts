import { buildSubgraphSchema } from '@apollo/subgraph';
import { undescribed } from '@linju/contract';
import { expect, test } from 'vitest';
import { loadSubgraphServices } from '../src/loadSubgraphServices.ts';

test("every subgraph's types and fields are described in Chinese and English, so the explorer's docs serve both", async () => {
  for (const service of await loadSubgraphServices()) {
    expect(undescribed(buildSubgraphSchema([{ typeDefs: service.typeDefs }])), service.name).toEqual([]);
  }
});
