import { GraphQLError } from 'graphql';
import type { Caller } from '@linju/access';
import type { Db, Row } from '@linju/subgraph-runtime';
import { parseGlobalId, type JurisdictionInfo } from '@linju/contract';
import { fieldLabel } from '@linju/contract/fieldLabels';
import { insertRow, insertRows, missingRecord, newId, rowsForWrite } from '@linju/subgraph-runtime';
import { TABLES } from '../tables.ts';
import { organizationsCoveredBy, type Anchor } from '../regionScope.ts';
import { defineMutation, inputOf, type MutationFactory } from './defineMutation.ts';
import { takenValues, type Distinct, type Holder } from './distinctValue.ts';
import { duringLifeOf, ownRecord, recordOfEitherSide } from './ownRecords.ts';
import { refuseSameRecord, sameRecords } from './sameRecord.ts';

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
  /** A check of the records the input names, as read for the write (a new organization's parent's kind): throws the refusal. */
  fits?: (values: Record<string, unknown>, found: ReadonlyMap<string, Row>) => void;
  /** A value no two records of the side may hold (a person's resident ID number), checked last. */
  distinct?: Distinct;
  /** A last check of the store (an organization's namesake under the same parent): throws the refusal. */
  check?: (tx: Db, values: Record<string, unknown>) => Promise<void>;
  /**
   * `check` for the rows of an import (`null`: a row refused already), as if written one after
   * another (a later row meeting an earlier one is refused as the single write would refuse it once
   * the earlier is written): each refusal by position. Without it, `check` runs for each row, which
   * sees nothing of the rows before it.
   */
  checkAll?: (tx: Db, values: readonly (Record<string, unknown> | null)[]) => Promise<ReadonlyMap<number, GraphQLError>>;
}

/**
 * The holders of a distinct value a refusal may name to the caller: those whose personal data the
 * caller may read, by the region of their organization (the rule reads follow), in the write's transaction.
 */
export const readableHolders = (tx: Db, caller: Caller, side: JurisdictionInfo) => async (holders: readonly Holder[]): Promise<Set<string>> => {
  const covered = await organizationsCoveredBy(tx, caller, side, holders.map((holder) => holder.organizationId));
  return new Set(holders.filter((holder) => covered.has(holder.organizationId)).map((holder) => holder.id));
};

/** A "record a thing" write, with where its records lie: the withdrawal of one (`withdrawRecord.ts`) places it the same way. */
export type RecordMutationFactory = MutationFactory & {
  readonly recorded: { readonly type: string; anchorsOf(values: Record<string, unknown>): Anchor[] };
};

export function recordMutation(spec: RecordSpec): RecordMutationFactory {
  const table = TABLES[spec.type]!.table;
  const unknown = [...spec.within, ...(spec.withinOrAbove ?? [])].filter((field) => !spec.refers?.[field]);
  if (unknown.length) throw new Error(`${spec.type}: within names ${unknown.join(', ')}, which refers does not`);
  const refers = Object.entries(spec.refers ?? {});
  /** The records that place a write in a region (`regionScope.ts`). */
  const anchorsOf = (values: Record<string, unknown>): Anchor[] => {
    // A record it names is called what its field is (上级党组织, 主办组织); a region is where the record itself lies (该记录).
    const anchor = (field: string): Anchor => {
      const type = spec.refers![field]!.type;
      return { type, id: values[field] as string, ...(type !== 'Region' && { what: fieldLabel(field) }) };
    };
    return [
      ...spec.within.filter((field) => values[field]).map(anchor),
      ...(spec.withinOrAbove ?? []).filter((field) => values[field]).map((field) => ({ ...anchor(field), orAbove: true as const })),
    ];
  };
  /** The owner's life the record's date must fall in (throws BAD_USER_INPUT). */
  const duringOwnersLife = (values: Record<string, unknown>, found: ReadonlyMap<string, Row>) => {
    const during = spec.during;
    const owner = during && found.get(during.of);
    if (during && owner) {
      if (during.alive) duringLifeOf(owner, during.of, null, '', during.what);
      duringLifeOf(owner, during.of, during.date && (values[during.date] as string), during.date ?? '', during.what);
    }
  };
  /** The fields a write's store checks look up: this side's records only (the other side's are reconciled). */
  const lookedUp = (values: Record<string, unknown>, side: JurisdictionInfo) =>
    refers.flatMap(([field, ref]) => {
      const id = values[field] as string | null;
      return id && (!ref.eitherSide || parseGlobalId(id)?.home === side.key) ? [{ field, type: ref.type, id }] : [];
    });
  const factory = defineMutation({
    clean: (args, side) => spec.clean(inputOf(args), side),
    async write(tx, values, side, withinRegion, caller) {
      const found = new Map<string, Row>();
      for (const [field, ref] of refers) {
        const id = values[field] as string | null;
        if (!id) continue;
        const row = ref.eitherSide ? await recordOfEitherSide(tx, side, ref.type, id, field) : await ownRecord(tx, ref.type, id, field);
        if (row) found.set(field, row);
      }
      await withinRegion(anchorsOf(values));
      duringOwnersLife(values, found);
      spec.fits?.(values, found);
      await spec.check?.(tx, values);
      if (spec.distinct) {
        const [taken] = (await takenValues(tx, table, spec.distinct, [values], readableHolders(tx, caller, side))).values();
        if (taken) throw taken;
      }
      // Last: a record of the write's identity (the contract's RECORD_IDENTITIES) is this write's record, or one it would correct.
      await refuseSameRecord(tx, spec.type, table, { values, found });
      return insertRow(tx, table, { id: newId(side.key, spec.type), ...values });
    },
    batch: {
      async check(tx, inputs, side, outsideRegion, caller) {
        const refusals = new Map<number, GraphQLError>();
        // The records every input names, one statement per type, locked as the single write locks them.
        const wanted = new Map<string, string[]>();
        for (const values of inputs) {
          for (const { type, id } of lookedUp(values, side)) {
            if (!wanted.has(type)) wanted.set(type, []);
            wanted.get(type)!.push(id);
          }
        }
        const records = new Map<string, Map<string, Row>>();
        for (const [type, ids] of wanted) records.set(type, await rowsForWrite(tx, TABLES[type]!.table, ids, 'SHARE'));
        const found = inputs.map((values, index) => {
          const rows = new Map<string, Row>();
          for (const { field, type, id } of lookedUp(values, side)) {
            const row = records.get(type)!.get(id);
            if (!row) {
              refusals.set(index, missingRecord(field, id));
              break;
            }
            rows.set(field, row);
          }
          return rows;
        });
        const placed = inputs.map((values, index) => (refusals.has(index) ? [] : anchorsOf(values)));
        for (const [index, refusal] of await outsideRegion(placed)) refusals.set(index, refusal);
        for (const [index, values] of inputs.entries()) {
          if (refusals.has(index)) continue;
          try {
            duringOwnersLife(values, found[index]!);
            spec.fits?.(values, found[index]!);
            if (!spec.checkAll) await spec.check?.(tx, values);
          } catch (error) {
            if (!(error instanceof GraphQLError)) throw error;
            refusals.set(index, error);
          }
        }
        if (spec.checkAll) {
          for (const [index, refusal] of await spec.checkAll(tx, inputs.map((values, index) => (refusals.has(index) ? null : values)))) refusals.set(index, refusal);
        }
        if (spec.distinct) {
          const checked = inputs.map((values, index) => (refusals.has(index) ? null : values));
          for (const [index, refusal] of await takenValues(tx, table, spec.distinct, checked, readableHolders(tx, caller, side))) refusals.set(index, refusal);
        }
        const unrefused = inputs.map((values, index) => (refusals.has(index) ? null : { values, found: found[index]! }));
        for (const [index, refusal] of await sameRecords(tx, spec.type, table, unrefused)) refusals.set(index, refusal);
        return refusals;
      },
      insert: (tx, inputs, side) => insertRows(tx, table, inputs.map((values) => ({ id: newId(side.key, spec.type), ...values }))),
    },
  });
  return Object.assign(factory, { recorded: { type: spec.type, anchorsOf } });
}
