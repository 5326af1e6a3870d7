import type { Row } from '@linju/subgraph-runtime';
import type { JurisdictionInfo } from '@linju/contract';
import { insertRow, newId } from '@linju/subgraph-runtime';
import { TABLES } from '../tables.ts';
import { defineMutation, inputOf, type MutationFactory } from './defineMutation.ts';
import { duringLifeOf, ownRecord, recordOfEitherSide } from './ownRecords.ts';

/** A record a field of the input names. */
interface Reference {
  type: string;
  /** The far end of a link or the holder of a post may be the other side's; only this side's are checked. */
  eitherSide?: true;
}

/** A "record a thing" write: check the input, check what it names, insert one row. */
export interface RecordSpec {
  /** Contract type, e.g. `Activity`; the row goes into its table and gets a new ID of this side. */
  type: string;
  /** Checks the input without the store: the values to store, keyed by column in camelCase. */
  clean(input: Record<string, unknown>, side: JurisdictionInfo): Record<string, unknown>;
  /** Values naming other records (IDs already checked for home and type by `clean`): each given one must exist. */
  refers?: Record<string, Reference>;
  /**
   * The values (keys of `refers`) whose records place this one in a region: each given one must lie
   * within the operator's region (`regionScope.ts`). Say which in docs/security-and-audit.md too.
   */
  within: readonly string[];
  /** Values (keys of `refers`) whose records may lie within the operator's region or above it (`Anchor.orAbove`). */
  withinOrAbove?: readonly string[];
  /** The record's date (`date`: a value key, or null when it has none) must fall in the life of the record `of` names. */
  during?: { of: string; date: string | null; what: string; /** Refuse an owner dissolved on any day, not only before the date. */ alive?: true };
}

export function recordMutation(spec: RecordSpec): MutationFactory {
  const table = TABLES[spec.type]!.table;
  const unknown = [...spec.within, ...(spec.withinOrAbove ?? [])].filter((field) => !spec.refers?.[field]);
  if (unknown.length) throw new Error(`${spec.type}: within names ${unknown.join(', ')}, which refers does not`);
  return defineMutation({
    clean: (args, side) => spec.clean(inputOf(args), side),
    async write(tx, values, side, withinRegion) {
      const found = new Map<string, Row>();
      for (const [field, ref] of Object.entries(spec.refers ?? {})) {
        const id = values[field] as string | null;
        if (!id) continue;
        const row = ref.eitherSide ? await recordOfEitherSide(tx, side, ref.type, id, field) : await ownRecord(tx, ref.type, id, field);
        if (row) found.set(field, row);
      }
      const anchor = (field: string) => ({ type: spec.refers![field]!.type, id: values[field] as string });
      await withinRegion([
        ...spec.within.filter((field) => values[field]).map(anchor),
        ...(spec.withinOrAbove ?? []).filter((field) => values[field]).map((field) => ({ ...anchor(field), orAbove: true as const })),
      ]);
      const during = spec.during;
      const owner = during && found.get(during.of);
      if (during && owner) {
        if (during.alive) duringLifeOf(owner, during.of, null, '', during.what);
        duringLifeOf(owner, during.of, during.date && (values[during.date] as string), during.date ?? '', during.what);
      }
      return insertRow(tx, table, { id: newId(side.key, spec.type), ...values });
    },
  });
}
