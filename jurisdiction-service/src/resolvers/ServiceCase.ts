import { alliance, local, resolveReference } from './context.ts';

export const ServiceCase = {
  __resolveReference: resolveReference('ServiceCase'),
  region: local('Region', 'regionId'),
  alliance,
};
