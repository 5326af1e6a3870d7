import { checkPeriod, overviewId, type PeriodInput } from '@linju/subgraph-kit';
import type { Alliance as AllianceRow } from '../generated/prisma/client.ts';
import type { JointContext } from './JointContext.ts';

export const Alliance = {
  __resolveReference: (ref: { id: string }, { loaders }: JointContext) => loaders.alliance.load(ref.id),
  members: (alliance: AllianceRow, _: unknown, { loaders }: JointContext) => loaders.members.load(alliance.id),
  agreements: (alliance: AllianceRow, _: unknown, { loaders }: JointContext) => loaders.agreementsOfAlliance.load(alliance.id),
  overview: (alliance: AllianceRow, args: { period?: PeriodInput | null }) => ({ id: overviewId(checkPeriod(args.period), alliance.id) }),
};
