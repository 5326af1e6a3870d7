import { sqltag as sql } from '@prisma/client/runtime/client';
import type { Db } from '@linju/subgraph-runtime';
import type { PeriodInput } from '@linju/contract';
import type { PeriodAggregate } from './periodLoader.ts';

/** `ActivityMonth` of the contract. */
export interface ActivityMonth {
  month: string;
  activities: number;
  sessions: number;
  personTimes: number;
}

/**
 * `ServiceCaseKindFigures` of the contract: counts only. A period may be one day and one alliance,
 * so a sum per kind (people, households, amounts) could describe a single resident's case, and it
 * would be public; the seed table's sums stay in `figures`.
 */
export interface ServiceCaseKindFigures {
  kind: string;
  cases: number;
}

type Grouped<T> = T & { alliance_id: string | null; total: boolean };

/** Rows of a GROUPING SETS statement split into the side's total and each alliance's, order kept. */
function splitByAlliance<T>(rows: Grouped<T>[], shape: (row: Grouped<T>) => T): PeriodAggregate<T[]> {
  const total: T[] = [];
  const byAlliance = new Map<string, T[]>();
  for (const row of rows) {
    if (row.total) total.push(shape(row));
    // Records of no alliance count in the total only.
    else if (row.alliance_id !== null) (byAlliance.get(row.alliance_id) ?? byAlliance.set(row.alliance_id, []).get(row.alliance_id)!).push(shape(row));
  }
  return { total, byAlliance };
}

/**
 * A side's activities per month of a period, for the whole side and each alliance: one statement
 * (GROUPING SETS), whatever the number of alliances asked for.
 */
export async function loadActivityMonths(db: Db, period: PeriodInput): Promise<PeriodAggregate<ActivityMonth[]>> {
  const from = period.from ?? null;
  const to = period.to ?? null;
  const rows = await db.$queryRaw<Grouped<ActivityMonth>[]>(sql`
    SELECT t.alliance_id, grouping(t.alliance_id) = 1 AS total, to_char(t.held_on, 'YYYY-MM') AS month,
      count(*)::int AS activities, sum(t.sessions)::int AS sessions, sum(t.person_times)::int AS "personTimes"
    FROM activity t
    WHERE (${from}::date IS NULL OR t.held_on >= ${from}::date) AND (${to}::date IS NULL OR t.held_on <= ${to}::date)
    GROUP BY GROUPING SETS ((t.alliance_id, to_char(t.held_on, 'YYYY-MM')), (to_char(t.held_on, 'YYYY-MM')))
    ORDER BY month`);
  return splitByAlliance(rows, ({ month, activities, sessions, personTimes }) => ({ month, activities, sessions, personTimes }));
}

/** A side's service cases of a period by kind, most cases first: one statement, like {@link loadActivityMonths}. */
export async function loadServiceCaseKinds(db: Db, period: PeriodInput): Promise<PeriodAggregate<ServiceCaseKindFigures[]>> {
  const from = period.from ?? null;
  const to = period.to ?? null;
  const rows = await db.$queryRaw<Grouped<ServiceCaseKindFigures>[]>(sql`
    SELECT t.alliance_id, grouping(t.alliance_id) = 1 AS total, t.kind,
      count(*)::int AS cases
    FROM service_case t
    WHERE (${from}::date IS NULL OR t.handled_on >= ${from}::date) AND (${to}::date IS NULL OR t.handled_on <= ${to}::date)
    GROUP BY GROUPING SETS ((t.alliance_id, t.kind), (t.kind))
    ORDER BY cases DESC, t.kind`);
  return splitByAlliance(rows, ({ kind, cases }) => ({ kind, cases }));
}
