import { alliance, local, related, resolveReference } from './context.ts';

export const Team = {
  __resolveReference: resolveReference('Team'),
  organization: local('Organization', 'organizationId'),
  actions: related('TeamAction', 'team_id'),
  alliance,
};
