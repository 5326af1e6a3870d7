import { FIGURE_ALLIANCE_DAY_TABLE, FIGURE_DAY_TABLE, FIGURE_MONTH_TABLE, figureRecordsSql, fillPlaceholders, jurisdictionPlaceholders, type JurisdictionInfo } from '@linju/contract';

/** One day (or, of the side's month rollup, one month) of one figure whose rollup differs from the figure recomputed from the records. */
export interface RollupDifference {
  /** `side`: the whole side's rollup; else the alliance's. */
  alliance: string | null;
  figure: string;
  /** `YYYY-MM-DD`, or `YYYY-MM` for a row of the month rollup. */
  day: string;
  /** As the records give it, and as the rollup holds it (0 where a row is missing). */
  records: string;
  rollup: string;
}

/** Anything that runs a query: a pg pool, client or connection. */
interface Queryable {
  query<R extends object>(text: string): Promise<{ rows: R[] }>;
}

/**
 * Every day (month) of every figure whose rollups (`_linju_figure_day`, `_linju_figure_month`, `_linju_figure_alliance_day`,
 * migration 0008_figure_rollups) differ from the figure recomputed from the side's records by the
 * catalogue's rules: one statement, empty when the rollups are right. What `npm run figures:verify`
 * reports and its tests check after random writes.
 */
export async function figureRollupDifferences(db: Queryable, side: JurisdictionInfo): Promise<RollupDifference[]> {
  const records = fillPlaceholders(figureRecordsSql(), jurisdictionPlaceholders(side));
  const { rows } = await db.query<RollupDifference>(`
    WITH records AS (${records}),
    side_days AS (SELECT figure, day, sum(value) AS value FROM records GROUP BY figure, day),
    side_months AS (SELECT figure, date_trunc('month', day)::date AS month, sum(value) AS value FROM records GROUP BY 1, 2),
    alliance_days AS (SELECT figure, alliance_id, day, value FROM records WHERE alliance_id IS NOT NULL)
    SELECT NULL::text AS alliance, figure, to_char(day, 'YYYY-MM-DD') AS day,
           coalesce(e.value, 0)::text AS records, coalesce(r.value, 0)::text AS rollup
      FROM side_days e FULL JOIN ${FIGURE_DAY_TABLE} r USING (figure, day)
     WHERE coalesce(e.value, 0) <> coalesce(r.value, 0)
    UNION ALL
    SELECT NULL::text, figure, to_char(month, 'YYYY-MM'),
           coalesce(e.value, 0)::text, coalesce(r.value, 0)::text
      FROM side_months e FULL JOIN ${FIGURE_MONTH_TABLE} r USING (figure, month)
     WHERE coalesce(e.value, 0) <> coalesce(r.value, 0)
    UNION ALL
    SELECT alliance_id, figure, to_char(day, 'YYYY-MM-DD'),
           coalesce(e.value, 0)::text, coalesce(r.value, 0)::text
      FROM alliance_days e FULL JOIN ${FIGURE_ALLIANCE_DAY_TABLE} r USING (figure, alliance_id, day)
     WHERE coalesce(e.value, 0) <> coalesce(r.value, 0)
    ORDER BY 3, 2, 1 NULLS FIRST`);
  return rows;
}

/** A difference as one line people read. */
export const formatRollupDifference = (d: RollupDifference) =>
  `${d.day} ${d.figure}${d.alliance ? ` (${d.alliance})` : ''}: records ${d.records}, rollup ${d.rollup}`;
