import type { Row } from '@linju/subgraph-runtime';
import { alliance, local, resolveReference } from './context.ts';

export const Facility = {
  __resolveReference: resolveReference('Facility'),
  region: local('Region', 'regionId'),
  organization: local('Organization', 'organizationId'),
  convertedFromIdleAsset: (row: Row) => row.convertedFromIdle,
  alliance,
};
