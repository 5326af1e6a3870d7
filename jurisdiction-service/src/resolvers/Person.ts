import { jurisdiction, local, resolveReference } from './context.ts';

export const Person = {
  __resolveReference: resolveReference('Person'),
  organization: local('Organization', 'organizationId'),
  jurisdiction,
};
