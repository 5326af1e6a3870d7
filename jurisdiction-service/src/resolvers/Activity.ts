import { alliance, local, resolveReference } from './context.ts';

export const Activity = {
  __resolveReference: resolveReference('Activity'),
  organizer: local('Organization', 'organizerId'),
  alliance,
};
