import { raw, sqltag as sql } from '@prisma/client/runtime/client';
import { FIGURE_ALLIANCE_DAY_TABLE, FIGURE_DAY_TABLE, FIGURE_MONTH_TABLE, FIGURE_NAMES, ratioOf, weightedSumOf, weightOf, type FigureName, type FigureParts, type PeriodInput } from '@linju/contract';
import type { Db } from '@linju/subgraph-runtime';
import { periodCondition, periodInMonthsAndDays } from './periodCondition.ts';

/** `JurisdictionFigures` of the contract: every figure of the catalogue, and each ratio's weighted sum. */
export type Figures = FigureParts;

/**
 * Turns summed metrics into figures: a ratio's weighted sum divided by its weight, and the weighted
 * sum itself beside it, undivided, for the joint total to recompute the mean from (`combineFigures`).
 */
function finish(metricValues: Partial<Record<FigureName, number>>): Figures {
  const figures = {} as Figures;
  for (const name of FIGURE_NAMES) figures[name] = Number(metricValues[name] ?? 0);
  for (const name of FIGURE_NAMES) {
    const weight = weightOf(name);
    if (!weight) continue;
    const weighted = Number(metricValues[name] ?? 0);
    figures[weightedSumOf(name)] = weighted;
    figures[name] = ratioOf(weighted, Number(figures[weight]));
  }
  return figures;
}

/** Figures of a side for an alliance it has no records for. */
export function zeroFigures(): Figures {
  return finish({});
}

/** The days of a period, as a condition on the rollups' `day`. */
const within = (period: PeriodInput) => periodCondition('day', period);

/**
 * A side's figures for one period: the sums of its rollups (migration 0008_figure_rollups, kept by
 * the writes' triggers), for the whole side and for the alliances asked for (every alliance with
 * records when `alliances` is not given; none for `[]`). One statement whatever the number of
 * alliances; the whole side reads at most a row per figure and whole month of the period and one
 * per figure and day of its partial months, an alliance only its own rows per day (the rollup's key
 * leads with it).
 */
export async function loadFigures(db: Db, period: PeriodInput, { alliances }: { alliances?: readonly string[] } = {}): Promise<{ total: Figures; byAlliance: Map<string, Figures> }> {
  const byAllianceSql =
    alliances?.length === 0
      ? sql``
      : sql` UNION ALL SELECT alliance_id, figure, sum(value) AS value FROM ${raw(FIGURE_ALLIANCE_DAY_TABLE)}
          WHERE ${within(period)}${alliances ? sql` AND alliance_id = ANY(${[...alliances]}::text[])` : sql``} GROUP BY alliance_id, figure`;
  const side = periodInMonthsAndDays('month', 'day', period);
  const rows = await db.$queryRaw<{ alliance_id: string | null; figure: FigureName; value: string | number }[]>(sql`
    SELECT NULL::text AS alliance_id, figure, sum(value) AS value FROM (
      SELECT figure, value FROM ${raw(FIGURE_MONTH_TABLE)} WHERE ${side.months}
      UNION ALL SELECT figure, value FROM ${raw(FIGURE_DAY_TABLE)} WHERE ${side.days}
    ) side GROUP BY figure${byAllianceSql}`);
  const total: Partial<Record<FigureName, number>> = {};
  const byAlliance = new Map<string, Partial<Record<FigureName, number>>>();
  for (const row of rows) {
    const target = row.alliance_id === null ? total : (byAlliance.get(row.alliance_id) ?? byAlliance.set(row.alliance_id, {}).get(row.alliance_id)!);
    target[row.figure] = Number(row.value);
  }
  return { total: finish(total), byAlliance: new Map([...byAlliance].map(([id, f]) => [id, finish(f)])) };
}
