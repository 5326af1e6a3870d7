import { empty, raw, sqltag as sql, type Sql } from '@prisma/client/runtime/client';
import type { Db } from '@linju/subgraph-runtime';
import { periodCondition } from './periodCondition.ts';
import { FIGURE_ALLIANCE_DAY_TABLE, FIGURE_DAY_TABLE, ROLLUP_BREAKDOWNS, type PeriodInput } from '@linju/contract';
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

export type Grouped<T> = T & { alliance_id: string | null; total: boolean };

/** Rows of a GROUPING SETS statement split into the side's total and each alliance's, order kept. */
export function splitByAlliance<T>(rows: Grouped<T>[], shape: (row: Grouped<T>) => T): PeriodAggregate<T[]> {
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
 * A breakdown's rows of a period from the rollups (migration 0008_figure_rollups): the whole
 * side's from `_linju_figure_day`, and those of the alliances asked for (every alliance when not
 * given) from `_linju_figure_alliance_day`, each grouped by its third column. `select` names the
 * columns after `head` (the alliance and whether the row is the total) from the rows of `prefix`.
 */
function fromRollups(period: PeriodInput, alliances: readonly string[] | undefined, prefix: string, select: (head: Sql, table: Sql) => Sql): Sql {
  const where = sql`WHERE figure LIKE ${`${prefix}%`} AND ${periodCondition('day', period)}`;
  const side = sql`${select(sql`SELECT NULL::text AS alliance_id, true AS total`, raw(FIGURE_DAY_TABLE))} ${where} GROUP BY 1, 2, 3`;
  if (alliances?.length === 0) return side;
  const only = alliances ? sql` AND alliance_id = ANY(${[...alliances]}::text[])` : empty;
  return sql`${side} UNION ALL ${select(sql`SELECT alliance_id, false AS total`, raw(FIGURE_ALLIANCE_DAY_TABLE))} ${where}${only} GROUP BY 1, 2, 3`;
}

/**
 * A side's activities per month of a period, for the whole side and the alliances asked for (every
 * alliance when not given): one statement over the rollups, whatever the number of alliances.
 */
export async function loadActivityMonths(db: Db, period: PeriodInput, alliances?: readonly string[]): Promise<PeriodAggregate<ActivityMonth[]>> {
  const { prefix } = ROLLUP_BREAKDOWNS.activityMonth;
  const part = (name: keyof typeof ROLLUP_BREAKDOWNS.activityMonth.parts) => sql`coalesce(sum(value) FILTER (WHERE figure = ${prefix + name}), 0)::int`;
  const rows = await db.$queryRaw<Grouped<ActivityMonth>[]>(sql`SELECT * FROM (${fromRollups(period, alliances, prefix, (head, table) =>
    sql`${head}, to_char(day, 'YYYY-MM') AS month, ${part('activities')} AS activities, ${part('sessions')} AS sessions, ${part('personTimes')} AS "personTimes" FROM ${table}`)}) m
    WHERE activities <> 0 ORDER BY month`);
  return splitByAlliance(rows, ({ month, activities, sessions, personTimes }) => ({ month, activities, sessions, personTimes }));
}

/** A side's service cases of a period by kind, most cases first: one statement, like {@link loadActivityMonths}. */
export async function loadServiceCaseKinds(db: Db, period: PeriodInput, alliances?: readonly string[]): Promise<PeriodAggregate<ServiceCaseKindFigures[]>> {
  const { prefix } = ROLLUP_BREAKDOWNS.serviceCaseKind;
  const rows = await db.$queryRaw<Grouped<ServiceCaseKindFigures>[]>(sql`SELECT * FROM (${fromRollups(period, alliances, prefix, (head, table) =>
    sql`${head}, substr(figure, ${prefix.length + 1}) AS kind, sum(value)::int AS cases FROM ${table}`)}) k
    WHERE cases <> 0 ORDER BY cases DESC, kind`);
  return splitByAlliance(rows, ({ kind, cases }) => ({ kind, cases }));
}
