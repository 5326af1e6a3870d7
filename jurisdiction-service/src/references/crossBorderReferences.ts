import { join, raw, sqltag as sql } from '@prisma/client/runtime/client';
import type { Db } from '@linju/subgraph-runtime';
import { TABLES } from '../tables.ts';

/** A foreign ID this store holds: the row holding it, the contract field it is read through, the ID. */
export interface HeldReference {
  sourceId: string;
  field: string;
  target: { id: string };
}

/** Columns that hold the other side's IDs, with the contract field that reads them. */
const OTHER_SIDE_COLUMNS = [
  { table: TABLES.Post!.table, column: 'holder_id', field: 'holder' },
  { table: TABLES.TransportLink!.table, column: 'to_region_id', field: 'to' },
];

/** Every table with an `alliance_id` column: each holds joint office IDs. */
const ALLIANCE_TABLES = Object.values(TABLES)
  .filter((spec) => spec.allianceSql === 't.alliance_id')
  .map((spec) => spec.table);

/**
 * Every ID this store holds of another store's record, in one statement: the other side's people
 * holding posts here, the other side's regions that links end in, and the joint office's alliances.
 * No foreign key can check these; the reconciliation asks each home through the gateway instead.
 */
export async function crossBorderReferences(db: Db, sideKey: string): Promise<HeldReference[]> {
  const own = `${sideKey}:%`;
  const parts = [
    ...OTHER_SIDE_COLUMNS.map(
      ({ table, column, field }) => sql`SELECT id AS source_id, ${field}::text AS field, ${raw(column)} AS target_id FROM ${raw(table)} WHERE ${raw(column)} NOT LIKE ${own}`,
    ),
    ...ALLIANCE_TABLES.map(
      (table) => sql`SELECT id AS source_id, 'alliance'::text AS field, alliance_id AS target_id FROM ${raw(table)} WHERE alliance_id IS NOT NULL`,
    ),
  ];
  const rows = await db.$queryRaw<{ source_id: string; field: string; target_id: string }[]>(
    sql`${join(parts, ' UNION ALL ')} ORDER BY source_id, field`,
  );
  return rows.map((r) => ({ sourceId: r.source_id, field: r.field, target: { id: r.target_id } }));
}
