import { empty, sqltag as sql, type Sql } from '@prisma/client/runtime/client';
import { GraphQLError } from 'graphql';
import { operatorRole, type Caller } from '@linju/access';
import { checkFirst, homeName, notACursor, notFoundError, todayInChina, userInputError } from '@linju/contract';
import type { Db } from '../database/Db.ts';
import type { Row } from '../database/rows.ts';
import type { RequestAudit } from '../audit/RequestAudit.ts';
import { regionsWithin } from '../database/regionsWithin.ts';
import { ownersOnly } from '../audit/auditLog.ts';

/** Those of `ids` that were withdrawn: a write's key whose answer names one is free again (`released` of runMutation and runImport). */
export async function withdrawnAmong(db: Db, ids: readonly string[]): Promise<ReadonlySet<string>> {
  const rows = await db.$queryRaw<{ id: string }[]>(sql`SELECT id FROM withdrawn_record WHERE id = ANY(${[...ids]}::text[])`);
  return new Set(rows.map((row) => row.id));
}

/**
 * Why a record a withdrawal names is not in its table: withdrawn before (`withdrawn`, naming when and
 * why, once `mayKnow` lets the caller know of the record as it was), or never there (NOT_FOUND).
 * `label` is the record's kind as a clerk calls it (活动, 框架协议).
 */
export async function notWithdrawable(db: Db, id: string, label: string, mayKnow?: (record: Record<string, unknown>) => Promise<void>): Promise<GraphQLError> {
  const [before] = await db.$queryRaw<{ withdrawn_at: Date; reason: string; record: Record<string, unknown> }[]>(sql`SELECT withdrawn_at, reason, record FROM withdrawn_record WHERE id = ${id}`);
  if (!before) return notFoundError(`id 所指的${label}记录不存在 / ${id} does not exist`, 'id');
  // Whether the caller may be told (the operator's region covers the record, as it did before it was withdrawn): throws its refusal otherwise.
  await mayKnow?.(before.record);
  const at = before.withdrawn_at.toISOString();
  // The clerk's day is China's (a withdrawal at 07:00 in Suining is not yesterday's); clients read when and why from the extensions.
  return new GraphQLError(`该${label}记录已于 ${todayInChina(before.withdrawn_at)} 撤销（原因：${before.reason}），无需再次撤销 / id ${id} was withdrawn at ${at}`, {
    extensions: { code: 'BAD_USER_INPUT', field: 'id', rule: 'withdrawn', withdrawnAt: at, reason: before.reason },
  });
}

/** Who withdraws, as the archive keeps it: the caller's display name and subject (王磊（moxi-clerk）), or the subject alone. */
export const withdrawnByOf = (caller: Caller): string => (caller.name ? `${caller.name}（${caller.subject}）` : caller.subject);

/** A row of `withdrawn_record` as the schema's `WithdrawnRecord`: the record as JSON text, the time as ISO 8601. */
export function withdrawnRecordOf(row: Record<string, unknown>): Row {
  return {
    id: row.id as string,
    type: row.type as string,
    reason: row.reason as string,
    withdrawnAt: (row.withdrawn_at as Date).toISOString(),
    withdrawnBy: row.withdrawn_by as string,
    record: JSON.stringify(row.record),
  };
}

const MAX_CURSOR = 300;

/** A page's cursor: when the record was withdrawn and its ID, the list's order. */
const encode = (node: Row): string => Buffer.from(JSON.stringify([node.withdrawnAt, node.id])).toString('base64url');

function decode(after: string): [string, string] {
  if (after.length > MAX_CURSOR) throw notACursor();
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(after, 'base64url').toString('utf8'));
  } catch {
    throw notACursor();
  }
  // A time this list wrote: ISO 8601 in UTC as toISOString gives it (which rules out 2024-02-30, year 0 and offsets PostgreSQL refuses).
  const wrote = (at: unknown) => typeof at === 'string' && /^[1-9]\d{3}-/.test(at) && !Number.isNaN(Date.parse(at)) && new Date(at).toISOString() === at;
  if (!Array.isArray(value) || value.length !== 2 || !wrote(value[0]) || typeof value[1] !== 'string') throw notACursor();
  return [value[0], value[1]];
}

/**
 * Refuses (FORBIDDEN) anyone but the store's own operators: the archive names who withdrew what,
 * which, like the audit log, is the owner's to read.
 */
function requireOwnOperators(caller: Caller, home: string): void {
  if (caller.role === operatorRole(home)) return;
  throw ownersOnly(`只有${homeName(home)}的操作员能查看其撤销的登记记录 / Only ${operatorRole(home)}s may read the ${home} store's withdrawn records; you are ${caller.role}`, caller);
}

/** The archive's rows the caller reads (`AND …` of a row `w`): `withdrawnRecordsPage`'s region rule, `regionOf` as there. */
function archiveVisible(caller: Caller, home: string, regionOf: Sql | null): Sql {
  const within = regionsWithin(caller, home, 'id');
  return !within ? empty : regionOf ? sql`AND ${regionOf} IN ${within}` : sql`AND false`;
}

/**
 * Whether the archive shows the caller the withdrawal of `id` (`withdrawnRecordsPage`'s rule): then
 * asking to withdraw it again may be told when and why, as the archive tells it.
 */
export async function archiveShows(db: Db, caller: Caller, home: string, id: string, regionOf: Sql | null): Promise<boolean> {
  const rows = await db.$queryRaw<unknown[]>(sql`SELECT 1 FROM withdrawn_record w WHERE w.id = ${id} ${archiveVisible(caller, home, regionOf)}`);
  return rows.length > 0;
}

/**
 * `withdrawnRecords` of a store (a side's `Jurisdiction.withdrawnRecords`, the joint office's
 * `Query.withdrawnRecords`): its archive of withdrawn records, most recently withdrawn first (keyset
 * on time and ID). A region-scoped operator reads only the withdrawals of records that lay in its
 * region or below it (`regionsWithin`, the audit log's rule), placed by `regionOf`, the SQL of the
 * region ID an archive row `w` lay in; null where the store places no record in a region (the joint
 * office's, whose operators have none), so such an operator reads nothing there.
 */
export async function withdrawnRecordsPage(
  db: Db,
  caller: Caller,
  home: string,
  audit: RequestAudit,
  args: { first?: number | null; after?: string | null },
  regionOf: Sql | null,
) {
  requireOwnOperators(caller, home);
  const first = checkFirst(args.first);
  const after = args.after ? decode(args.after) : null;
  const visible = archiveVisible(caller, home, regionOf);
  const rows = await db.$queryRaw<Record<string, unknown>[]>(sql`
    SELECT w.* FROM withdrawn_record w WHERE true ${visible}
    ${after ? sql`AND (w.withdrawn_at, w.id) < (${after[0]}::timestamptz, ${after[1]})` : empty}
    ORDER BY w.withdrawn_at DESC, w.id DESC LIMIT ${first + 1}`);
  const edges = rows.slice(0, first).map((row) => {
    const node = withdrawnRecordOf(row);
    return { cursor: encode(node), node };
  });
  audit.read('WithdrawnRecord', edges.map((edge) => edge.node.id));
  return { edges, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null } };
}
