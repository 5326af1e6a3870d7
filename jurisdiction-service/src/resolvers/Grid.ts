import { local, resolveReference } from './context.ts';

export const Grid = {
  __resolveReference: resolveReference('Grid'),
  organization: local('Organization', 'organizationId'),
  region: local('Region', 'regionId'),
  responsible: local('Person', 'responsibleId'),
};
