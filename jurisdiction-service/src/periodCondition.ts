import { raw, sqltag as sql, type Sql } from '@prisma/client/runtime/client';
import type { PeriodInput } from '@linju/contract';

/** A date column within a period, both ends included; an open end (null) bounds nothing. */
export function periodCondition(column: string, period: PeriodInput): Sql {
  const from = period.from ?? null;
  const to = period.to ?? null;
  return sql`(${from}::date IS NULL OR ${raw(column)} >= ${from}::date) AND (${to}::date IS NULL OR ${raw(column)} <= ${to}::date)`;
}
