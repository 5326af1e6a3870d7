import { local, resolveReference } from './context.ts';

export const TeamAction = {
  __resolveReference: resolveReference('TeamAction'),
  team: local('Team', 'teamId'),
};
