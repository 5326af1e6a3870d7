import { empty, join, raw, sqltag as sql, type Sql } from '@prisma/client/runtime/client';
import type { Db } from '@linju/subgraph-runtime';
import { checkRecordFilter, escapeLike, type ListFilters } from '@linju/subgraph-runtime';
import { checkFirst, decodeCursor, encodeCursor, figureCondition, figuresOfType, homeName, parseGlobalId, recordOrder, storedPersonName, userInputError, type FigureName, type RecordOrder } from '@linju/contract';
import { fieldMessage } from '@linju/contract/fieldLabels';
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
  /** A figure of the catalogue: only the records it counts (a list of its source only). */
  figure?: string | null;
  /** Only the records with these IDs (at most one page); the other side's match nothing here. */
  ids?: string[] | null;
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
    figure: figuresOfType(spec.type).length ? figuresOfType(spec.type) : undefined,
    ids: spec.type,
  };
}

/** SQL conditions of a filter; a condition the table cannot answer is refused (BAD_USER_INPUT, `not-applicable`). */
export function filterConditions(spec: TableSpec, filter: RecordFilter | null | undefined, sideKey: string): Sql[] {
  const where: Sql[] = [];
  if (!filter) return where;
  checkRecordFilter(filter, listFilters(spec));
  if (filter.kinds?.length && spec.kindColumn) {
    const stored = spec.storedKind ? filter.kinds.map((kind) => spec.storedKind!(kind) ?? kind) : filter.kinds;
    where.push(sql`t.${raw(spec.kindColumn)} = ANY(${stored})`);
  }
  // `ids` given is "only these": an empty list matches nothing (not, as other conditions' empty lists, everything).
  if (filter.ids) where.push(filter.ids.length ? sql`t.id = ANY(${filter.ids}::text[])` : sql`false`);
  const period = checkPeriod(filter.period);
  if (spec.dateColumn && period.from) where.push(sql`t.${raw(spec.dateColumn)} >= ${period.from}::date`);
  if (spec.dateColumn && period.to) where.push(sql`t.${raw(spec.dateColumn)} <= ${period.to}::date`);
  if (filter.regionId && spec.regionSql) where.push(sql`${raw(spec.regionSql)} IN ${subtree(filter.regionId)}`);
  if (filter.allianceId && spec.allianceSql) where.push(sql`${raw(spec.allianceSql)} = ${filter.allianceId}`);
  if (filter.search?.trim() && spec.nameColumn) {
    // A person's name is stored without the spaces between its Chinese characters: so is searched for (陈 刚 finds 陈刚).
    const typed = spec.type === 'Person' ? storedPersonName(filter.search) : filter.search.trim();
    const pattern = `%${escapeLike(typed)}%`;
    where.push(sql`t.${raw(spec.nameColumn)} LIKE ${pattern}`);
  }
  // The figure's own condition from the catalogue, the one its SQL counts with (the rollups' too).
  if (filter.figure?.trim()) where.push(raw(`(${figureCondition(filter.figure.trim() as FigureName).replaceAll('{{key}}', sideKey)})`));
  if (spec.type === 'Post' && typeof filter.crossBorder === 'boolean') {
    const own = `${sideKey}:%`;
    where.push(filter.crossBorder ? sql`t.holder_id NOT LIKE ${own}` : sql`t.holder_id LIKE ${own}`);
  }
  return where;
}

/**
 * A region filter naming a region of this side that does not exist (a guessed or mistyped code) is
 * said, not answered as an empty list, which reads as "no records there". Asked only when a first
 * page came back empty, so a list that has rows pays nothing for it. Another side's region matches
 * nothing here, as documented: a joint query sends one filter to both sides.
 */
async function refuseUnknownRegion(db: Db, regionId: string | null | undefined, sideKey: string): Promise<void> {
  if (!regionId || parseGlobalId(regionId)?.home !== sideKey) return;
  const found = await db.$queryRaw<unknown[]>(sql`SELECT 1 FROM region WHERE id = ${regionId}`);
  if (!found.length) {
    throw userInputError(fieldMessage('filter.regionId', `：${homeName(sideKey)}没有这个区划（所填 ID 不存在），请从区划列表中选择`, `${regionId} names no region of ${sideKey}`), 'filter.regionId', 'unknown-region');
  }
}

const whereClause = (conditions: Sql[]) => (conditions.length ? sql`WHERE ${join(conditions, ' AND ')}` : empty);

/** The list's order; a NAME order on a table without names is refused, naming the orders it takes (the contract's `recordOrder`, as the joint office's lists). */
const checkOrder = (spec: TableSpec, order: RecordOrder | null | undefined): RecordOrder => recordOrder(order, { type: spec.type, named: Boolean(spec.nameColumn) });

/**
 * How NAME orders names: by pinyin, as people here look a name up and as the dashboard's alliance
 * list sorts (Intl.Collator('zh-CN')): 白马镇, 常乐镇, 分水镇, 河沙镇, 磨溪镇, 永兴镇, where the
 * database's default (code points) gave 分水镇, 常乐镇, 永兴镇, 河沙镇, 白马镇, 磨溪镇. ICU's Chinese
 * collation, which initdb imports into pg_collation from a PostgreSQL built with ICU (the embedded
 * one, and Debian's and the official images' builds). Deterministic (ties broken by the bytes), so a
 * keyset cursor's (name, id) compares under it exactly as the ORDER BY sorts.
 */
export const PINYIN_COLLATION = 'zh-x-icu';
/** {@link PINYIN_COLLATION} as the SQL names it; a jurisdiction's subgraph refuses to start on a PostgreSQL without it (`nameCollation`). */
export const NAME_COLLATION = `"${PINYIN_COLLATION}"`;

/**
 * One page of a table as a cursor connection: newest first where the records have a date (or
 * oldest first, or by name, as `orderBy` asks), keyset pagination on (sort value, id) so later
 * pages cost the same as the first. One statement for the page, and one for the total when it is asked.
 */
export async function listRecords(
  db: Db,
  spec: TableSpec,
  sideKey: string,
  args: { filter?: RecordFilter | null; first?: number | null; after?: string | null; orderBy?: RecordOrder | null },
): Promise<Connection> {
  const first = checkFirst(args.first);
  const order = checkOrder(spec, args.orderBy);
  const conditions = filterConditions(spec, args.filter, sideKey);
  // What the list sorts by: the name (never null in the sort), the date, or nothing but the id.
  const byName = order === 'NAME';
  const dated = !byName && Boolean(spec.dateColumn);
  const sortColumn = byName ? sql`(coalesce(t.${raw(spec.nameColumn!)}, '') COLLATE ${raw(NAME_COLLATION)})` : dated ? sql`t.${raw(spec.dateColumn!)}` : sql`''::text`;
  const descending = order === 'NEWEST' && dated;
  const pageConditions = [...conditions];
  if (args.after) {
    const [sortValue, id] = decodeCursor(args.after, { home: sideKey, type: spec.type, dated: Boolean(spec.dateColumn), order });
    if (byName) pageConditions.push(sql`(${sortColumn}, t.id) > (${sortValue ?? ''}, ${id})`);
    else if (dated) pageConditions.push(descending ? sql`(${sortColumn}, t.id) < (${sortValue}::date, ${id})` : sql`(${sortColumn}, t.id) > (${sortValue}::date, ${id})`);
    else pageConditions.push(sql`t.id > ${id}`);
  }
  const orderSql = byName || dated ? sql`ORDER BY ${sortColumn} ${raw(descending ? 'DESC' : 'ASC')}, t.id ${raw(descending ? 'DESC' : 'ASC')}` : sql`ORDER BY t.id`;
  const table = raw(spec.table);
  const rows = await db.$queryRaw<(Record<string, unknown> & { sort_key: string | null })[]>(
    sql`SELECT t.*, ${sortColumn}::text AS sort_key FROM ${table} t ${whereClause(pageConditions)} ${orderSql} LIMIT ${first + 1}`,
  );
  if (!rows.length && !args.after && spec.regionSql) await refuseUnknownRegion(db, args.filter?.regionId, sideKey);
  const page = rows.slice(0, first).map(({ sort_key, ...rest }) => {
    const node = toRow(rest);
    return { cursor: encodeCursor(byName || dated ? sort_key : null, node.id, order), node };
  });
  return {
    edges: page,
    pageInfo: { hasNextPage: rows.length > first, endCursor: page.at(-1)?.cursor ?? null },
    totalCount: async () => (await db.$queryRaw<{ n: number }[]>(sql`SELECT count(*)::int AS n FROM ${table} t ${whereClause(conditions)}`))[0]?.n ?? 0,
  };
}
