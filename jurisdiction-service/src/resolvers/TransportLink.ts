import type { Row } from '@linju/subgraph-runtime';
import { alliance, anySide, local, resolveReference } from './context.ts';

export const TransportLink = {
  __resolveReference: resolveReference('TransportLink'),
  from: local('Region', 'fromRegionId'),
  // A border road ends in the other side's town: that region is resolved by its home subgraph.
  to: anySide('Region', 'toRegionId'),
  toReference: (row: Row) => ({ id: row.toRegionId }),
  alliance,
};
