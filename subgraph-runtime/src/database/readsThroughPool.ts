import pg from 'pg';
import type { Sql } from '@prisma/client/runtime/client';
import type { Db } from './Db.ts';
import { queryPrepared } from './queryPrepared.ts';

const { builtins } = pg.types;

/** `2024-03-01` as Prisma gives a `date`: that day at UTC midnight, whatever the process's time zone. */
const utcDay = (text: string) => new Date(`${text}T00:00:00Z`);
/** A `timestamp` (without time zone) as Prisma gives it: read as UTC. */
const utcTimestamp = (text: string) => new Date(`${text.replace(' ', 'T')}Z`);

/** Array types of the scalars below (pg's OIDs for `int8[]`, `numeric[]`, `date[]`, `timestamp[]`). */
const ARRAY_OF = { [builtins.INT8]: 1016, [builtins.NUMERIC]: 1231, [builtins.DATE]: 1182, [builtins.TIMESTAMP]: 1115 } as const;

/**
 * Values as Prisma's `$queryRaw` returns them, so that code reading rows cannot tell which way a
 * statement went: `bigint` as BigInt, `date` and `timestamp` as UTC Dates; `numeric` as a number
 * (Prisma's Decimal, which `toRow` turns into the same number). Everything else is pg's default,
 * which is Prisma's too (text, integers, floats, booleans, timestamptz, json, uuid).
 */
const SCALARS: Record<number, (text: string) => unknown> = {
  [builtins.INT8]: BigInt,
  [builtins.NUMERIC]: Number,
  [builtins.DATE]: utcDay,
  [builtins.TIMESTAMP]: utcTimestamp,
};
/** pg's parser of a `text[]` literal: any array's elements as their text (null as null, nested arrays as arrays). */
const textArray = (pg.types.getTypeParser as (oid: number) => (text: string) => unknown[])(1009);
const eachElement = (values: unknown[], element: (text: string) => unknown): unknown[] =>
  values.map((value) => (value === null ? null : Array.isArray(value) ? eachElement(value, element) : element(value as string)));
const PARSERS: Record<number, (text: string) => unknown> = { ...SCALARS };
for (const [scalar, array] of Object.entries(ARRAY_OF)) {
  const element = SCALARS[Number(scalar)]!;
  PARSERS[array] = (text) => eachElement(textArray(text), element);
}

/** The type parsers of every statement sent this way (per query, so the process's global pg parsers stay as they are). */
export const PRISMA_COMPATIBLE_TYPES = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => PARSERS[oid] ?? pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** Runs a Prisma `Sql` (from `sql\`…\``) on the pool: its `$1…` text and values, the rows as Prisma would give them. */
export async function queryRawOnPool<T>(pool: Pick<pg.Pool, 'query'>, query: Sql): Promise<T> {
  const result = await queryPrepared(pool, { text: query.text, values: query.values as unknown[], types: PRISMA_COMPATIBLE_TYPES });
  return result.rows as T;
}

/**
 * The client's reads outside transactions (`$queryRaw` of a \`sql\` statement) sent straight to
 * the pool, which Prisma's driver adapter uses too: the same connections, the same SQL, the same
 * values, without Prisma's query interpreter in between (in the benchmark's CPU profiles it cost as
 * much as pg itself). Everything else is the client's own: transactions (`$transaction` and the
 * `tx.$queryRaw` inside it, which writes use), `$disconnect`, models.
 */
export function readsThroughPool<Client extends Db & object>(client: Client, pool: Pick<pg.Pool, 'query'>): Client {
  return new Proxy(client, {
    get(target, property) {
      // A tagged template (\`$queryRaw\`…\`\`) stays Prisma's: only `sql` objects carry their `$n` text.
      if (property === '$queryRaw') return (query: Sql, ...rest: unknown[]) => (Array.isArray(query) ? target.$queryRaw(query as never, ...(rest as [])) : queryRawOnPool(pool, query));
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
