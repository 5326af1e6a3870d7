import { sqltag as sql } from '@prisma/client/runtime/client';
import { checkFirst, userInputError } from '@linju/contract';
import type { Db, Row } from '@linju/subgraph-runtime';

/** Those of `ids` that were withdrawn: a write's key whose answer names one is free again (`released` of runMutation and runImport). */
export async function withdrawnAmong(db: Db, ids: readonly string[]): Promise<ReadonlySet<string>> {
  const rows = await db.$queryRaw<{ id: string }[]>(sql`SELECT id FROM withdrawn_record WHERE id = ANY(${[...ids]}::text[])`);
  return new Set(rows.map((row) => row.id));
}

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
  const malformed = () => userInputError('after 不是此列表给出的游标 / is not a cursor this list gave', 'after', 'malformed');
  if (after.length > MAX_CURSOR) throw malformed();
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(after, 'base64url').toString('utf8'));
  } catch {
    throw malformed();
  }
  if (!Array.isArray(value) || value.length !== 2 || typeof value[0] !== 'string' || typeof value[1] !== 'string' || Number.isNaN(Date.parse(value[0])) || !/^\d{4}-\d{2}-\d{2}T/.test(value[0])) throw malformed();
  return [value[0], value[1]];
}

/** `Jurisdiction.withdrawnRecords`: the store's archive of withdrawn records, most recently withdrawn first (keyset on time and ID). */
export async function withdrawnRecordsPage(db: Db, args: { first?: number | null; after?: string | null }) {
  const first = checkFirst(args.first);
  const after = args.after ? decode(args.after) : null;
  const rows = await db.$queryRaw<Record<string, unknown>[]>(
    after
      ? sql`SELECT * FROM withdrawn_record WHERE (withdrawn_at, id) < (${after[0]}::timestamptz, ${after[1]}) ORDER BY withdrawn_at DESC, id DESC LIMIT ${first + 1}`
      : sql`SELECT * FROM withdrawn_record ORDER BY withdrawn_at DESC, id DESC LIMIT ${first + 1}`,
  );
  const edges = rows.slice(0, first).map((row) => {
    const node = withdrawnRecordOf(row);
    return { cursor: encode(node), node };
  });
  return { edges, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null } };
}
