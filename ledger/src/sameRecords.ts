import { comparedName, parseGlobalId } from '@linju/contract';
import { readWholeList, sideName, type GatewayCaller, type ListRead } from './gatewayClient.ts';
import { namesRead } from './listReads.ts';
import { operatorRegionId } from './operatorRegion.ts';
import { readByIds } from './readByIds.ts';
import { tokenHolder } from './tokenHolder.ts';
import type { LedgerColumn, LedgerKind } from './kinds/index.ts';
import { operationName } from './operationName.ts';
import { rowKey, type ParsedRow } from './parseLedgerRows.ts';
import { cellText } from './rowContent.ts';

/**
 * A clerk corrects a number in her ledger (人次 12 made 13) and imports the file again: the row has
 * another key, and the store would write it as a second record, double-counted in the figures. A
 * kind's `identity` (the columns that identify a record as the clerk sees it: an activity's 类别,
 * 名称, 举办日期 and 主办组织) tells such a row: a row to be written anew whose identity a record of the
 * side already has, with other values, is not written; it is 错误, naming the record and the columns
 * that differ, and how to correct it (withdraw the record first). The records are read through the
 * gateway under the caller's token, by the list's filters (the rows' 类别, the span of their dates and
 * a region-scoped operator's region), page by page, whatever the number of rows; a record the caller
 * may not read is not seen.
 * A row whose key the store wrote before (a replay: its own record, 已存在) is never refused: when no
 * record of its identity holds its values, the store is asked in a dry run (`probe`), and only a row
 * it would write, or refuses as the record's correction (`same-identity`: the store keeps the rule
 * itself, for every path, `sameRecord.ts` in jurisdiction-service), is refused here, in the ledger's
 * columns. A row whose identity and values a record holds is sent: the store answers it EXISTING with
 * that record (the dashboard's 登记 of the same activity, another import's row).
 */

/** A record of a kind's list as read: its ID and the values its columns compare. */
type Stored = { id: string } & { [field: string]: unknown };

/** A node's field that holds an input field: `organizerId` is `organizer { id }`. */
const nodeFieldOf = (field: string): string => (field.endsWith('Id') ? field.slice(0, -2) : field);

/** The records of a kind's list with the values of every column: `LedgerActivitiesSameRecords`. */
export function sameRecordsRead(kind: LedgerKind): ListRead {
  const fields = kind.columns.map((c) => (c.field.endsWith('Id') ? `${nodeFieldOf(c.field)} { id }` : c.field));
  return { name: operationName(kind.list, 'sameRecords'), list: kind.list, fields: `id ${fields.join(' ')}` };
}

/** A record's value of an input field (an ID for a reference), null when it has none. */
function storedValue(record: Stored, field: string): unknown {
  const value = record[nodeFieldOf(field)];
  if (field.endsWith('Id')) return (value as { id?: string } | null | undefined)?.id ?? null;
  return value ?? null;
}

/** A row's value of a column as the store records it: a blank optional number is the store's default. */
const typedValue = (column: LedgerColumn, input: Readonly<{ [field: string]: string | number }>): unknown => input[column.field] ?? column.default ?? null;

/** Whether a row's value and a record's are one (numbers as numbers, text trimmed). */
function same(column: LedgerColumn, typed: unknown, stored: unknown): boolean {
  if (typed === null || stored === null) return typed === stored;
  if (column.type === 'count' || column.type === 'amount') return Number(typed) === Number(stored);
  return String(typed).trim() === String(stored).trim();
}

/** A value in an identity, compared as the store compares names (full-width as half-width, spaces left out). */
const identityPart = (value: unknown): string => (value === null || value === undefined ? '' : comparedName(String(value)));

/** The identity of a row or a record: its identity fields' values, joined. */
const identityOf = (fields: readonly string[], valueOf: (field: string) => unknown): string => fields.map((f) => identityPart(valueOf(f))).join('\u0000');

/** How a value is said in a reason: as typed, '' when blank; null for a reference or an ID, which is not repeated (the record's is an ID). */
function said(column: LedgerColumn, value: unknown): string | null {
  if (value === null || value === '') return '';
  if (column.type === 'reference' || column.type === 'id') return null;
  return String(value);
}

/** A value said after its column (人次为 12) or 本行 (本行为 13): 为空 when blank, 已填写 for a reference or an ID. */
const saidAs = (value: string | null): string => (value === '' ? '为空' : value === null ? '已填写' : `为 ${value}`);

/**
 * The columns in which a row differs from a record, or from another row of the file (`other`: a column's value there), each
 * said: 人次为 12，本行为 13.
 */
function differences(kind: LedgerKind, input: Readonly<{ [field: string]: string | number }>, other: (column: LedgerColumn) => unknown): { header: string; text: string }[] {
  return kind.columns.flatMap((column) => {
    const [typed, stored] = [typedValue(column, input), other(column)];
    if (same(column, typed, stored)) return [];
    const [was, now] = [said(column, stored), said(column, typed)];
    // Two references or IDs, both filled: neither is an ID the clerk reads (所属联盟ID与本行不同).
    return [{ header: column.header, text: was === null && now === null ? `${column.header}与本行不同` : `${column.header}${saidAs(was)}，本行${saidAs(now)}` }];
  });
}

/** A reference's name by its ID, for the references a row typed as a global ID (an identity names no internal ID). */
type NamesOf = ReadonlyMap<string, string>;

/** How a row names an identity's column: a date as read, a reference as typed, or by its name when the cell holds its global ID. */
function namedCell(column: LedgerColumn, row: ParsedRow, names: NamesOf): string {
  if (column.type === 'date') return String(row.input![column.field]);
  const typed = cellText(row.cells[column.header]);
  if (column.reference && parseGlobalId(typed)) return names.get(String(row.input![column.field])) ?? `按全局 ID 填写的${column.header}`;
  return typed || String(row.input![column.field]);
}

/**
 * Why a row is not written, said one way whether it would double a record of the store or another row of the file: `whose` is
 * what has the row's identity (已有…, 与第 9 行是…), named by the row's identity (the organizer as typed, or by its name when
 * typed as its global ID; the date), then the columns that differ and what to do.
 * 已有同名同日的活动（磨溪镇党委，2025-03-05），人次为 12，本行为 13：如需更正，…；未写入
 */
function identityProblem(kind: LedgerKind, row: ParsedRow, names: NamesOf, whose: (identity: string) => string, differ: readonly { header: string; text: string }[], todo: string): { column: string | null; reason: string } {
  const identity = kind.identity!;
  const columns = kind.columns.filter((c) => identity.fields.includes(c.field) && c.field !== 'kind' && c.field !== 'title' && c.field !== 'name');
  const named = [...columns.filter((c) => c.type !== 'date'), ...columns.filter((c) => c.type === 'date')].map((c) => namedCell(c, row, names));
  return {
    column: differ[0]?.header ?? null,
    reason: `${whose(`${identity.said}的${kind.label}（${named.join('，')}）`)}，${differ.map((d) => d.text).join('；')}：${todo}`,
  };
}

/** A row that would double a record of the side (`others` records have its identity): 已有同名同日的活动（…），人次为 12，本行为 13：如需更正，… */
function correctionProblem(kind: LedgerKind, row: ParsedRow, names: NamesOf, record: Stored, others: number): { column: string | null; reason: string } {
  const differ = differences(kind, row.input!, (column) => storedValue(record, column.field));
  return identityProblem(kind, row, names, (said) => `已有${said}${others > 1 ? `（共 ${others} 条）` : ''}`, differ, '如需更正，请先撤销原记录（撤销登记或撤销本次导入）再导入；未写入');
}

/**
 * The names of the references the refused rows typed as global IDs (磨溪镇党委 on line 6, its ID on line 7): from another row
 * of the file that typed the name, else read by their IDs (`readByIds`, one page each 100). Nothing is read when no refused
 * row typed an ID.
 */
async function namesOfTypedIds(caller: GatewayCaller, kind: LedgerKind, side: string, rows: readonly ParsedRow[], refused: readonly ParsedRow[]): Promise<NamesOf> {
  const names = new Map<string, string>();
  const columns = kind.columns.filter((c) => c.reference && kind.identity!.fields.includes(c.field));
  for (const column of columns) {
    const typedId = (row: ParsedRow) => row.input && parseGlobalId(cellText(row.cells[column.header]));
    const wanted = new Set(refused.filter(typedId).map((row) => String(row.input![column.field])));
    if (!wanted.size) continue;
    for (const row of rows) {
      const id = row.input && String(row.input[column.field]);
      if (id && wanted.has(id) && !typedId(row) && cellText(row.cells[column.header])) names.set(id, cellText(row.cells[column.header]));
    }
    const unnamed = [...wanted].filter((id) => !names.has(id));
    if (!unnamed.length) continue;
    const records = await readByIds<{ id: string; name: string }>(caller, side, namesRead(column.reference!), unnamed, `${sideName(side)}的${column.header}`);
    for (const record of records) names.set(record.id, record.name);
  }
  return names;
}

/**
 * The rows of two or more of the file with one identity that no record of the side has (`unheld`) and other values (the same
 * 活动, 人次 12 on line 5 and 13 on line 9) refused, every one of them, before anything is written, in a preview and an import
 * alike: both were written, and the activity counted twice, since neither is a record yet when the store is asked. Which is
 * right only the clerk knows. Each names the other lines and the columns that differ from the first of them, as a corrected
 * row is said against a record: 与第 9 行是同名同日的活动（磨溪镇党委，2025-03-05），人次为 13，本行为 12：… Rows of one content
 * are one record (the repeat is 已存在 naming its first line: `send` in `importLedger.ts`), unless another row of the identity
 * differs: then they are refused with it. A row refused on another cell has no identity read. Rows of an identity a record
 * has are answered against it (`refuseCorrections`): the one with its values 已存在, the others refused as corrections of it.
 */
function sameIdentityInFile<R extends ParsedRow>(kind: LedgerKind, side: string, rows: readonly R[], unheld: (identity: string) => boolean): Map<number, R[]> {
  const identity = kind.identity!;
  const groups = new Map<string, number[]>();
  rows.forEach((row, index) => {
    if (!row.input) return;
    const key = identityOf(identity.fields, (f) => row.input![f]);
    if (unheld(key)) groups.set(key, [...(groups.get(key) ?? []), index]);
  });
  const refused = new Map<number, R[]>();
  for (const members of groups.values()) {
    const contentOf = new Map(members.map((i) => [i, rowKey(kind, side, rows[i]!.input!)]));
    if (new Set(contentOf.values()).size < 2) continue;
    for (const index of members) refused.set(index, members.filter((i) => contentOf.get(i) !== contentOf.get(index)).map((i) => rows[i]!));
  }
  return refused;
}

/** A row refused by {@link sameIdentityInFile}, said against the first of the `others` of its identity: 与第 9 行是同名同日的活动（…），人次为 13，本行为 12：… */
function sameInFileProblem(kind: LedgerKind, row: ParsedRow, names: NamesOf, others: readonly ParsedRow[]): { column: string | null; reason: string } {
  const differ = differences(kind, row.input!, (column) => typedValue(column, others[0]!.input!));
  return identityProblem(kind, row, names, (said) => `与第 ${others.map((o) => o.line).join('、')} 行是${said}`, differ, `同一${kind.label}在本文件中只能有一行，请删去或改正其中一行后再导入；这些行都未写入`);
}

/** The filter the records of the rows' identities are read by: their 类别, and the span of their dates when a date identifies a record. */
function filterOf(kind: LedgerKind, rows: readonly ParsedRow[]): { [name: string]: unknown } {
  const { fields } = kind.identity!;
  const filter: { [name: string]: unknown } = {};
  if (fields.includes('kind')) filter.kinds = [...new Set(rows.map((r) => String(r.input!.kind)))];
  if (kind.dateField && fields.includes(kind.dateField)) {
    const dates = rows.map((r) => String(r.input![kind.dateField!])).sort();
    filter.period = { from: dates[0], to: dates[dates.length - 1] };
  }
  return filter;
}

/** The rows, those that would double a record refused, and each row's record of the same identity and values, by the row's key (the record another operator's import wrote: `reaskAnotherSender`). */
export interface SameRecords<R extends ParsedRow> {
  rows: R[];
  recordOf: ReadonlyMap<string, string>;
}

/**
 * The rows of a kind with an `identity` checked against the side's records (see above), and against each other
 * ({@link sameIdentityInFile}: two rows of one identity no record has, with other values): a row
 * whose identity a record has, with other values in every such record, is sent to `probe` (a dry
 * run, row by row); one the store would write is refused, its reason naming the record and what
 * differs. A row the probe finds written before (已存在) or refuses (outside the caller's region …)
 * is left as it is, to be sent. One list read (page by page) whatever the number of rows, and one probe
 * call for each `MAX_IMPORT_ROWS` rows that differ.
 */
export async function refuseCorrections<R extends ParsedRow>(
  caller: GatewayCaller,
  kind: LedgerKind,
  side: string,
  rows: readonly R[],
  probe: (rows: readonly R[]) => Promise<readonly { status: string; sameIdentity?: true }[]>,
): Promise<SameRecords<R>> {
  const identity = kind.identity;
  const checked = rows.filter((r) => r.input);
  if (!identity || !checked.length) return { rows: [...rows], recordOf: new Map() };
  const regionId = await operatorRegionId(caller, side);
  const filter = { ...filterOf(kind, checked), ...(regionId && { regionId }) };
  const records = await readWholeList<Stored>(caller, side, sameRecordsRead(kind), filter, `${sideName(side)}已有的${kind.label}`);
  const byIdentity = new Map<string, Stored[]>();
  for (const record of records) {
    const key = identityOf(identity.fields, (f) => storedValue(record, f));
    byIdentity.set(key, [...(byIdentity.get(key) ?? []), record]);
  }
  // Two rows of the file with an identity no record has, and other values, are refused, both (a record's are answered below).
  const inFile = sameIdentityInFile(kind, side, rows, (key) => !byIdentity.has(key));
  const out: R[] = rows.map((row, index) => (inFile.has(index) ? { ...row, input: null } : row));
  const recordOf = new Map<string, string>();
  const differing: { index: number; record: Stored; others: number }[] = [];
  out.forEach((row, index) => {
    if (!row.input) return;
    const found = byIdentity.get(identityOf(identity.fields, (f) => row.input![f]));
    if (!found) return;
    const equal = found.find((record) => kind.columns.every((c) => same(c, typedValue(c, row.input!), storedValue(record, c.field))));
    if (equal) recordOf.set(rowKey(kind, side, row.input), equal.id);
    else differing.push({ index, record: found[0]!, others: found.length });
  });
  const answers = differing.length ? await probe(differing.map((d) => rows[d.index]!)) : [];
  // A row the store would write, or refuses as a correction of the record (its own same-identity rule), is said against the record in the ledger's columns.
  const corrections = differing.filter((_, at) => answers[at]!.status === '已导入' || answers[at]!.sameIdentity);
  const refused = [...inFile.keys(), ...corrections.map((c) => c.index)].map((index) => rows[index]!);
  const names = refused.length ? await namesOfTypedIds(caller, kind, side, rows, refused) : new Map<string, string>();
  for (const [index, others] of inFile) out[index] = { ...rows[index]!, input: null, problems: [sameInFileProblem(kind, rows[index]!, names, others)] };
  for (const { index, record, others } of corrections) out[index] = { ...rows[index]!, input: null, problems: [correctionProblem(kind, rows[index]!, names, record, others)] };
  return { rows: out, recordOf };
}
