import { checkPeriod, overviewId, type PeriodInput } from '@linju/contract';
import type { Alliance as AllianceRow } from '../generated/prisma/client.ts';
import { currentMembers } from './allianceRules.ts';
import type { JointContext } from './JointContext.ts';
import { resolveJoint } from './references.ts';

export const Alliance = {
  __resolveReference: resolveJoint((id, { loaders }) => loaders.alliance.load(id)),
  // Periods that ended stay in the store as history; they are shown when asked for (an organization
  // that left and joined again has one for each time). Current members: the open periods.
  members: async (alliance: AllianceRow, args: { includePast?: boolean | null }, { loaders }: JointContext) => {
    const members = await loaders.members.load(alliance.id);
    return args.includePast ? members : currentMembers(members);
  },
  agreements: (alliance: AllianceRow, _: unknown, { loaders }: JointContext) => loaders.agreementsOfAlliance.load(alliance.id),
  overview: (alliance: AllianceRow, args: { period?: PeriodInput | null }) => ({ id: overviewId(checkPeriod(args.period), alliance.id) }),
};
