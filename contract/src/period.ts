import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { userInputError } from './errors.ts';

/** A period as GraphQL passes it: ISO dates, either end open. */
export interface PeriodInput {
  from?: string | null;
  to?: string | null;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseDate(value: unknown): string {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) throw new GraphQLError(`Date must be a string YYYY-MM-DD, got ${JSON.stringify(value)}`, { extensions: { code: 'BAD_USER_INPUT' } });
  const date = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    throw new GraphQLError(`Date ${value} does not exist`, { extensions: { code: 'BAD_USER_INPUT' } });
  }
  return value;
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
    if (ast.kind !== Kind.STRING) throw new GraphQLError('Date must be a string YYYY-MM-DD', { extensions: { code: 'BAD_USER_INPUT' } });
    return parseDate(ast.value);
  },
});

/** Rejects a period that ends before it starts. */
export function checkPeriod(period: PeriodInput | null | undefined): PeriodInput {
  const p = { from: period?.from ?? null, to: period?.to ?? null };
  if (p.from && p.to && p.from > p.to) throw userInputError(`period.from (${p.from}) is after period.to (${p.to})`, 'period');
  return p;
}
