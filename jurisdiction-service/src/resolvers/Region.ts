import { jurisdiction, local, related, resolveReference } from './context.ts';

export const Region = {
  __resolveReference: resolveReference('Region'),
  parent: local('Region', 'parentId'),
  children: related('Region', 'parent_id'),
  jurisdiction,
};
