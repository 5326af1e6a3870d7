import { alliance, local, resolveReference } from './context.ts';

export const Project = {
  __resolveReference: resolveReference('Project'),
  region: local('Region', 'regionId'),
  organization: local('Organization', 'organizationId'),
  alliance,
};
