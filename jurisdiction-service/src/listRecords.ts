import { empty, join, raw, sqltag as sql, type Sql } from '@prisma/client/runtime/client';
import type { Db } from '@linju/subgraph-runtime';
import { checkRecordFilter, escapeLike, type ListFilters } from '@linju/subgraph-runtime';
import { checkFirst, decodeCursor, encodeCursor } from '@linju/contract';
import { checkPeriod, type PeriodInput } from '@linju/contract';
import { toRow, type Row } from '@linju/subgraph-runtime';
import type { TableSpec } from './tables.ts';

/** `RecordFilter` of the contract. */
export interface RecordFilter {
  kinds?: string[] | null;
  period?: PeriodInput | null;
  regionId?: string | null;
  allianceId?: string | null;
  crossBorder?: boolean | null;
  search?: string | null;
}

export interface Connection {
  edges: { cursor: string; node: Row }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  /** Counted only when the query asks for it (GraphQL's default resolver calls it): a page-by-page reader that asks it once pays one count, not one per page. */
  totalCount: () => Promise<number>;
}

/** Region ids at and below a region: region filters include the towns and villages under a district. */
const subtree = (regionId: string) => sql`(
  WITH RECURSIVE sub(id) AS (SELECT id FROM region WHERE id = ${regionId}
    UNION ALL SELECT r.id FROM region r JOIN sub ON r.parent_id = sub.id)
  SELECT id FROM sub)`;

/** The conditions a table's list answers: what it has a column (or SQL) for. */
function listFilters(spec: TableSpec): ListFilters {
  const answers = (has: unknown) => (has ? true : undefined);
  return {
    kinds: spec.kindColumn ? (spec.kinds ?? true) : undefined,
    period: answers(spec.dateColumn),
    regionId: answers(spec.regionSql),
    allianceId: answers(spec.allianceSql),
    crossBorder: answers(spec.type === 'Post'),
    search: answers(spec.nameColumn),
  };
}

/** SQL conditions of a filter; a condition the table cannot answer is refused (BAD_USER_INPUT, `not-applicable`). */
export function filterConditions(spec: TableSpec, filter: RecordFilter | null | undefined, sideKey: string): Sql[] {
  const where: Sql[] = [];
  if (!filter) return where;
  checkRecordFilter(filter, listFilters(spec));
  if (filter.kinds?.length && spec.kindColumn) where.push(sql`t.${raw(spec.kindColumn)} = ANY(${filter.kinds})`);
  const period = checkPeriod(filter.period);
  if (spec.dateColumn && period.from) where.push(sql`t.${raw(spec.dateColumn)} >= ${period.from}::date`);
  if (spec.dateColumn && period.to) where.push(sql`t.${raw(spec.dateColumn)} <= ${period.to}::date`);
  if (filter.regionId && spec.regionSql) where.push(sql`${raw(spec.regionSql)} IN ${subtree(filter.regionId)}`);
  if (filter.allianceId && spec.allianceSql) where.push(sql`${raw(spec.allianceSql)} = ${filter.allianceId}`);
  if (filter.search?.trim() && spec.nameColumn) {
    const pattern = `%${escapeLike(filter.search.trim())}%`;
    where.push(sql`t.${raw(spec.nameColumn)} LIKE ${pattern}`);
  }
  if (spec.type === 'Post' && typeof filter.crossBorder === 'boolean') {
    const own = `${sideKey}:%`;
    where.push(filter.crossBorder ? sql`t.holder_id NOT LIKE ${own}` : sql`t.holder_id LIKE ${own}`);
  }
  return where;
}

const whereClause = (conditions: Sql[]) => (conditions.length ? sql`WHERE ${join(conditions, ' AND ')}` : empty);

/**
 * One page of a table as a cursor connection: newest first where the records have a date, keyset
 * pagination on (date, id) so later pages cost the same as the first. One statement for the page,
 * and one for the total when it is asked.
 */
export async function listRecords(
  db: Db,
  spec: TableSpec,
  sideKey: string,
  args: { filter?: RecordFilter | null; first?: number | null; after?: string | null },
): Promise<Connection> {
  const first = checkFirst(args.first);
  const conditions = filterConditions(spec, args.filter, sideKey);
  const sortColumn = spec.dateColumn ? sql`t.${raw(spec.dateColumn)}` : sql`''::text`;
  const pageConditions = [...conditions];
  if (args.after) {
    const [sortValue, id] = decodeCursor(args.after, { home: sideKey, type: spec.type, dated: Boolean(spec.dateColumn) });
    pageConditions.push(
      spec.dateColumn ? sql`(t.${raw(spec.dateColumn)}, t.id) < (${sortValue}::date, ${id})` : sql`t.id > ${id}`,
    );
  }
  const order = spec.dateColumn ? sql`ORDER BY t.${raw(spec.dateColumn)} DESC, t.id DESC` : sql`ORDER BY t.id`;
  const table = raw(spec.table);
  const rows = await db.$queryRaw<(Record<string, unknown> & { sort_key: string | null })[]>(
    sql`SELECT t.*, ${sortColumn}::text AS sort_key FROM ${table} t ${whereClause(pageConditions)} ${order} LIMIT ${first + 1}`,
  );
  const page = rows.slice(0, first).map(({ sort_key, ...rest }) => {
    const node = toRow(rest);
    return { cursor: encodeCursor(spec.dateColumn ? sort_key : null, node.id), node };
  });
  return {
    edges: page,
    pageInfo: { hasNextPage: rows.length > first, endCursor: page.at(-1)?.cursor ?? null },
    totalCount: async () => (await db.$queryRaw<{ n: number }[]>(sql`SELECT count(*)::int AS n FROM ${table} t ${whereClause(conditions)}`))[0]?.n ?? 0,
  };
}
