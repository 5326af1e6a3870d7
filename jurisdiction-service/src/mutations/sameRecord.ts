import { GraphQLError, Kind, parse, type InputObjectTypeDefinitionNode } from 'graphql';
import { join, raw, sqltag as sql, type Sql } from '@prisma/client/runtime/client';
import { ALREADY_RECORDED, comparedName, JURISDICTIONS, jurisdictionTypeDefs, NAME_FIELDS, recordIdentity, recordTypeLabel, type RecordIdentity } from '@linju/contract';
import { fieldLabel } from '@linju/contract/fieldLabels';
import { snake, toRow, type Db, type Row } from '@linju/subgraph-runtime';
import { lockBuckets } from './distinctValue.ts';
import { storedCompared } from './organizationNamesake.ts';

/**
 * One record, whichever path writes it (`recordIdentity.ts` in the contract): a write whose identity
 * (an activity's 类别, 名称, 举办日期, 主办组织) a live record of the side has is that record when its
 * values are that record's (`same-record`: the single write refused ALREADY_RECORDED naming it, an
 * import's row EXISTING with it), and a correction of it otherwise (`same-identity`, refused until
 * the record is withdrawn). Checked in the write's transaction after every other rule, under a lock
 * on the identity held until the transaction ends: the dashboard's write and an import's row of one
 * activity take turns, and the second finds the first's record. A withdrawn record has left its
 * table, so its identity is free again.
 */

/**
 * The advisory-lock namespace of record identities (the two-key form, apart from the organization
 * names' 'LJON' and the distinct values' 'LJDV'); identities are locked by bucket (`lockBuckets`), at
 * most 64 locks however many rows an import has.
 */
const LOCK_NAMESPACE = 0x4c4a5349; // 'LJSI'

let inputFields: ReadonlyMap<string, ReadonlySet<string>> | undefined;
/**
 * The fields a write of `type` is sent with (its contract input, `FacilityInput`): the values a
 * write and its record are compared in. A value the store derives from them (a facility's
 * `convertedFromIdle`, from `idleAssetKind`) differs only where they do, and is no field of the clerk's.
 */
function inputFieldsOf(type: string): ReadonlySet<string> {
  inputFields ??= new Map(
    parse(jurisdictionTypeDefs(JURISDICTIONS[0]!, []))
      .definitions.filter((d): d is InputObjectTypeDefinitionNode => d.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION)
      .map((d) => [d.name.value, new Set((d.fields ?? []).map((f) => f.name.value))]),
  );
  return inputFields.get(`${type}Input`) ?? new Set();
}

/**
 * The field of a kind whose record counts how many times it happened on its day (a team action's,
 * a civilization record's 次数): a second one the same day is the day's record with a larger count.
 */
const COUNT_FIELD = 'occurrences';

/** A write's values with what the records it names are called (a found organizer's or region's name), by field. */
export interface IdentityOf {
  values: Record<string, unknown>;
  /** The records the write names, as read for it (their `name` names them in a refusal). */
  found: ReadonlyMap<string, Row>;
}

/** The identity as a lock's and a comparison's key: its fields' values, a name compared as names are. */
function identityKey(type: string, identity: RecordIdentity, values: Record<string, unknown>): string {
  const parts = identity.fields.map((field) => {
    const value = values[field];
    if (value === null || value === undefined) return '';
    return NAME_FIELDS.includes(field) ? comparedName(String(value)) : String(value);
  });
  return JSON.stringify([type, ...parts]);
}

/** A value as the clerk reads it: a stored date column (read as a Date at UTC midnight) as 2026-12-04, a yes-or-no as 是/否. */
const shown = (value: unknown): string => (value instanceof Date ? value.toISOString().slice(0, 10) : typeof value === 'boolean' ? (value ? '是' : '否') : String(value));

/** How a refusal names the record: 座谈交流，“12月川渝党建联席会”，磨溪镇党委，2026-12-04 (a reference by its name, never its ID). */
function named(identity: RecordIdentity, { values, found }: IdentityOf): string {
  const part = (field: string): string => {
    const value = values[field];
    if (field.endsWith('Id')) return String(found.get(field)?.name ?? fieldLabel(field));
    return NAME_FIELDS.includes(field) ? `“${String(value)}”` : shown(value);
  };
  const dated = (field: string) => values[field] instanceof Date || /^\d{4}-\d{2}-\d{2}$/.test(String(values[field]));
  return [...identity.fields.filter((f) => !dated(f)), ...identity.fields.filter(dated)].map(part).join('，');
}

/** A value said in a refusal: 为 30, 为空, or 不同 for a reference (an ID is not the clerk's to read). */
function difference(field: string, stored: unknown, sent: unknown): string {
  const blank = (v: unknown) => v === null || v === undefined || v === '';
  const label = fieldLabel(field);
  if (field.endsWith('Id') && !blank(stored) && !blank(sent)) return `${label}与本次不同`;
  const say = (v: unknown) => (blank(v) ? '为空' : field.endsWith('Id') ? '已填写' : `为 ${shown(v)}`);
  return `${label}${say(stored)}，本次${say(sent)}`;
}

/** The refusal (or, for an import's row, the EXISTING answer) of a write its record already is, or would correct. */
function alreadyRecorded(type: string, identity: RecordIdentity, write: IdentityOf, record: Row, differs: readonly string[]): GraphQLError {
  const label = recordTypeLabel(type);
  const what = named(identity, write);
  if (!differs.length) {
    // A count's kind: a clerk's second patrol of the day is no second record but the day's with the total.
    const [another, anotherEn] = COUNT_FIELD in write.values
      ? [`；如确是同一天的另一次${label}，请先撤销原记录，再按当天合计${fieldLabel(COUNT_FIELD)}重新登记`, `; if it is another one the same day, withdraw the record and record it again with the day's total ${COUNT_FIELD}`]
      : ['', ''];
    return new GraphQLError(`该${label}已登记（${what}），内容相同，未重复登记${another} / this ${type} is already recorded with the same values (${record.id}); nothing was written${anotherEn}`, {
      extensions: { code: ALREADY_RECORDED, rule: 'same-record', id: record.id },
    });
  }
  const said = differs.map((field) => difference(field, record[field], write.values[field])).join('；');
  return new GraphQLError(
    `已有${identity.said}的${label}（${what}），${said}：如需更正，请先撤销原记录（撤销登记或撤销本次导入）再登记；未写入 / a ${type} of the same ${identity.fields.join(', ')} is recorded with other ${differs.join(', ')} (${record.id}): withdraw it first to correct it`,
    { extensions: { code: ALREADY_RECORDED, rule: 'same-identity', field: differs[0], id: record.id } },
  );
}

/** A later write of an import with an earlier one's identity: one record, registered once (the earlier is not written yet, so it has no ID). */
function earlierRow(type: string, identity: RecordIdentity, write: IdentityOf): GraphQLError {
  return new GraphQLError(`与本次导入的前面一行是${identity.said}的${recordTypeLabel(type)}（${named(identity, write)}），同一${recordTypeLabel(type)}只登记一次；未写入 / a ${type} of the same ${identity.fields.join(', ')} is written by an earlier row of this import`, {
    extensions: { code: ALREADY_RECORDED, rule: 'same-identity' },
  });
}

/**
 * The live records of `table` holding each write's identity, with the fields in which each differs
 * from the write: one statement for every write (each typed by the table's own row type, as
 * `insertRows` types them), a name compared as names are.
 */
async function recordsOf(tx: Db, type: string, table: string, identity: RecordIdentity, writes: readonly Record<string, unknown>[]): Promise<Map<number, { record: Row; differs: string[] }[]>> {
  const fields = Object.keys(writes[0]!);
  const sent = inputFieldsOf(type);
  const records = writes.map((values) => Object.fromEntries(fields.map((f) => [snake(f), values[f] ?? null])));
  const col = (alias: string, field: string): Sql => raw(`${alias}.${snake(field)}`);
  const same = identity.fields.map((field) => (NAME_FIELDS.includes(field) ? sql`${storedCompared(col('t', field))} = ${storedCompared(col('k', field))}` : sql`${col('t', field)} = ${col('k', field)}`));
  const differs = fields.filter((field) => sent.has(field)).map((field) => sql`CASE WHEN ${col('t', field)} IS DISTINCT FROM ${col('k', field)} THEN ${field}::text END`);
  const found = await tx.$queryRaw<(Record<string, unknown> & { at: bigint | number; differs: (string | null)[] })[]>(sql`
    SELECT k.ordinality AS at, array_remove(ARRAY[${join(differs)}]::text[], NULL) AS differs, t.*
    FROM jsonb_populate_recordset(NULL::${raw(table)}, ${JSON.stringify(records)}::jsonb) WITH ORDINALITY AS k
    JOIN ${raw(table)} t ON ${join(same, ' AND ')}
    ORDER BY k.ordinality, t.id`);
  const byWrite = new Map<number, { record: Row; differs: string[] }[]>();
  for (const { at, differs: d, ...record } of found) {
    const index = Number(at) - 1;
    byWrite.set(index, [...(byWrite.get(index) ?? []), { record: toRow(record), differs: d.filter((f): f is string => f !== null) }]);
  }
  return byWrite;
}

/** The record among those of a write's identity that answers it: one with its values, else the first (a correction of it). */
const answerOf = (held: readonly { record: Row; differs: string[] }[]) => held.find((h) => !h.differs.length) ?? held[0]!;

/** Takes the identities' locks by bucket, each once and in one order (two writers of overlapping identities queue instead of deadlocking). */
const lockIdentities = (tx: Db, keys: readonly string[]): Promise<void> => lockBuckets(tx, LOCK_NAMESPACE, [...new Set(keys)]);

/** The single write's check: throws ALREADY_RECORDED when a live record has the write's identity. No statement for a type without an identity. */
export async function refuseSameRecord(tx: Db, type: string, table: string, write: IdentityOf): Promise<void> {
  const identity = recordIdentity(type);
  if (!identity) return;
  await lockIdentities(tx, [identityKey(type, identity, write.values)]);
  const held = (await recordsOf(tx, type, table, identity, [write.values])).get(0);
  if (held) {
    const { record, differs } = answerOf(held);
    throw alreadyRecorded(type, identity, write, record, differs);
  }
}

/**
 * {@link refuseSameRecord} for the rows of an import (`null`: a row refused already), as if written
 * one after another: a row a live record is (or would correct), and a later row with an earlier
 * row's identity. Two statements whatever the rows (the locks, the records).
 */
export async function sameRecords(tx: Db, type: string, table: string, writes: readonly (IdentityOf | null)[]): Promise<ReadonlyMap<number, GraphQLError>> {
  const refusals = new Map<number, GraphQLError>();
  const identity = recordIdentity(type);
  if (!identity) return refusals;
  const rows = writes.flatMap((write, index) => (write ? [{ index, write, key: identityKey(type, identity, write.values) }] : []));
  if (!rows.length) return refusals;
  await lockIdentities(tx, rows.map((r) => r.key));
  const held = await recordsOf(tx, type, table, identity, rows.map((r) => r.write.values));
  const earlier = new Set<string>();
  rows.forEach((row, at) => {
    const found = held.get(at);
    if (found) {
      const { record, differs } = answerOf(found);
      refusals.set(row.index, alreadyRecorded(type, identity, row.write, record, differs));
    } else if (earlier.has(row.key)) refusals.set(row.index, earlierRow(type, identity, row.write));
    else earlier.add(row.key);
  });
  return refusals;
}
