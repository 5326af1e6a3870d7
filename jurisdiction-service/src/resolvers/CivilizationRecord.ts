import { alliance, local, resolveReference } from './context.ts';

export const CivilizationRecord = {
  __resolveReference: resolveReference('CivilizationRecord'),
  region: local('Region', 'regionId'),
  alliance,
};
