import { local, resolveReference } from './context.ts';

export const Pairing = {
  __resolveReference: resolveReference('Pairing'),
  organization: local('Organization', 'organizationId'),
  firstSecretary: local('Person', 'firstSecretaryId'),
};
