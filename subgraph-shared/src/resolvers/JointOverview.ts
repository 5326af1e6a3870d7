import { combineFigures, JURISDICTIONS, parseOverviewId, type FigureParts } from '@linju/contract';
import { storeChangedAt } from '@linju/jurisdiction-service';
import type { JointContext } from './JointContext.ts';

type Overview = { id: string } & Record<string, FigureParts | null | string>;

export const JointOverview = {
  __resolveReference: (ref: Overview) => ref,
  period: (overview: Overview) => {
    const { from, to } = parseOverviewId(overview.id);
    return { from, to };
  },
  alliance: (overview: Overview, _: unknown, { loaders }: JointContext) => {
    const { allianceId } = parseOverviewId(overview.id);
    return allianceId ? loaders.alliance.load(allianceId) : null;
  },
  alliances: (overview: Overview, _: unknown, { loaders }: JointContext) => loaders.allianceFigures.load(parseOverviewId(overview.id)),
  agreements: (overview: Overview, _: unknown, { loaders }: JointContext) => loaders.agreementFigures.load(parseOverviewId(overview.id)),
  dataAsOf: (_overview: Overview, _: unknown, { prisma }: JointContext) => storeChangedAt(prisma),
  // The sides' parts were fetched by the query plan (`@requires`): nothing is copied across the border.
  total: (overview: Overview) => combineFigures(JURISDICTIONS.map((j) => overview[j.key] as FigureParts | null)),
};
