import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { DATE_RANGE, inDateRange, periodOrderProblem } from './dateRange.ts';
import { userInputError } from './errors.ts';
import { dateLabel } from './fieldLabels.ts';
import { quotedEn, quotedZh } from './text.ts';

export { DATE_RANGE, inDateRange };

/** A period as GraphQL passes it: ISO dates, either end open. */
export interface PeriodInput {
  from?: string | null;
  to?: string | null;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether a value is a date written YYYY-MM-DD that exists in the calendar, whatever its year. */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/**
 * What is wrong with a value meant as a date, or undefined for a calendar date (YYYY-MM-DD) that
 * exists and lies within {@link DATE_RANGE}: the one rule for the Date scalar, periods and cursors.
 * `field` is where it was sent (`variables.i.heldOn`, `period.from`): the English half names it, the
 * Chinese half calls the date by the field's Chinese name (`dateLabel`: 举办日期, 起始日期, else 日期).
 * A value not in the form is quoted by `excerpt` (40 characters at most, hidden characters escaped).
 */
export function dateProblem(value: unknown, field?: string): string | undefined {
  const zh = dateLabel(field);
  if (typeof value !== 'string' || !ISO_DATE.test(value)) {
    return `${zh}须写作 YYYY-MM-DD，例如 2024-06-30（收到${quotedZh(value)}） / ${field ?? 'A date'} must be written YYYY-MM-DD; got ${quotedEn(value)}`;
  }
  // The value is ten digits and hyphens here: quoted as it is.
  const day = field ? `${field}: the day ${value}` : `The day ${value}`;
  if (!isCalendarDate(value)) return `${zh} ${value} 不存在，日历上没有这一天 / ${day} does not exist`;
  return inDateRange(value) ? undefined : `${zh} ${value} 超出 ${DATE_RANGE.min} 至 ${DATE_RANGE.max} 的范围 / ${day} is outside ${DATE_RANGE.min} … ${DATE_RANGE.max}`;
}

function parseDate(value: unknown): string {
  const problem = dateProblem(value);
  if (problem) throw new GraphQLError(problem, { extensions: { code: 'BAD_USER_INPUT' } });
  return value as string;
}

/** `Date`: a calendar date without time zone, YYYY-MM-DD on the wire. */
export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  serialize(value) {
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    if (typeof value === 'string') return value.slice(0, 10);
    throw new TypeError(`Cannot serialize ${String(value)} as Date`);
  },
  parseValue: parseDate,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('日期须写作 YYYY-MM-DD / Date must be a string YYYY-MM-DD', { extensions: { code: 'BAD_USER_INPUT' } });
    return parseDate(ast.value);
  },
});

/** Rejects a period that ends before it starts. */
export function checkPeriod(period: PeriodInput | null | undefined): PeriodInput {
  const p = { from: period?.from ?? null, to: period?.to ?? null };
  // The Date scalar refuses these already; a period can also come from an entity's key.
  for (const end of ['from', 'to'] as const) {
    const problem = p[end] === null ? undefined : dateProblem(p[end], `period.${end}`);
    if (problem) throw userInputError(problem, `period.${end}`, 'period');
  }
  if (p.from && p.to && p.from > p.to) throw userInputError(`${periodOrderProblem(p.from, p.to)}，请改正 / period.from (${p.from}) is after period.to (${p.to})`, 'period', 'period');
  return p;
}
