import { raw, sqltag as sql, type Sql } from '@prisma/client/runtime/client';
import type { PeriodInput } from '@linju/contract';

/** A date column within a period, both ends included; an open end (null) bounds nothing. */
export function periodCondition(column: string, period: PeriodInput): Sql {
  const from = period.from ?? null;
  const to = period.to ?? null;
  return sql`(${from}::date IS NULL OR ${raw(column)} >= ${from}::date) AND (${to}::date IS NULL OR ${raw(column)} <= ${to}::date)`;
}

/** The first day of the month `months` after the month of `day` (`YYYY-MM-DD`). */
function monthStart(day: string, months: number): string {
  const date = new Date(`${day.slice(0, 7)}-01T00:00:00Z`);
  date.setUTCMonth(date.getUTCMonth() + months);
  return date.toISOString().slice(0, 10);
}

/**
 * A period as its whole months and its remaining days: `months` a condition on a month column
 * (each month's first day) selecting the months wholly inside the period, `days` a condition on a
 * day column selecting the period's days outside them (the partial months at either end). An open
 * end is whole months up to it. Together they cover every day of the period once.
 */
export function periodInMonthsAndDays(monthColumn: string, dayColumn: string, period: PeriodInput): { months: Sql; days: Sql } {
  const from = period.from ?? null;
  const to = period.to ?? null;
  // Whole months: from the first month starting on or after `from`, until (excluded) the first month not ending by `to`.
  const first = from === null ? null : from.endsWith('-01') ? from : monthStart(from, 1);
  const until = to === null ? null : monthStart(addDay(to), 0);
  if (first !== null && until !== null && first >= until) return { months: sql`false`, days: periodCondition(dayColumn, period) };
  const inWhole = (column: string) => sql`(${first}::date IS NULL OR ${raw(column)} >= ${first}::date) AND (${until}::date IS NULL OR ${raw(column)} < ${until}::date)`;
  return { months: inWhole(monthColumn), days: sql`${periodCondition(dayColumn, period)} AND NOT (${inWhole(dayColumn)})` };
}

/** The day after `day` (`YYYY-MM-DD`). */
function addDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}
