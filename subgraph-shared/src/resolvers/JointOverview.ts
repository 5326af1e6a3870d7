import { JURISDICTIONS, parseOverviewId } from '@linju/subgraph-kit';
import { FIGURE_FIELDS } from '../overviewSdl.ts';
import type { JointContext } from './JointContext.ts';

type Figures = Record<string, number | null>;
type Overview = { id: string } & Record<string, Figures | null | string>;

/**
 * The joint total from the sides' parts, which the query plan fetched from each side's subgraph
 * (`@requires`): nothing is copied across the border. Per-household income is weighted by
 * households; a total is not claimed while a side's part is missing.
 */
export function jointTotal(parts: (Figures | null | undefined)[]): Figures | null {
  if (parts.some((p) => !p)) return null;
  const total: Figures = {};
  for (const field of FIGURE_FIELDS) total[field] = parts.reduce((sum, p) => sum + Number(p![field] ?? 0), 0);
  const households = Number(total.householdsBenefiting);
  const weighted = parts.reduce((sum, p) => sum + Number(p!.incomePerHouseholdYuan ?? 0) * Number(p!.householdsBenefiting ?? 0), 0);
  total.incomePerHouseholdYuan = households > 0 ? Math.round((weighted / households) * 100) / 100 : null;
  for (const field of FIGURE_FIELDS) if (typeof total[field] === 'number') total[field] = Math.round(total[field]! * 100) / 100;
  return total;
}

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
  total: (overview: Overview) => jointTotal(JURISDICTIONS.map((j) => overview[j.key] as Figures | null)),
};
