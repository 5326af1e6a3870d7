import { jurisdiction, local, related, resolveReference } from './context.ts';

export const Organization = {
  __resolveReference: resolveReference('Organization'),
  parent: local('Organization', 'parentId'),
  children: related('Organization', 'parent_id'),
  region: local('Region', 'regionId'),
  mergedInto: local('Organization', 'mergedIntoId'),
  mergedFrom: related('Organization', 'merged_into_id'),
  posts: related('Post', 'organization_id'),
  jurisdiction,
};
