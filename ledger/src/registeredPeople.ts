import { createHash } from 'node:crypto';
import { canonicalJson, storedIdCardNumber, storedPersonName, storedPhone } from '@linju/contract';
import { fieldLead } from '@linju/contract/fieldLabels';
import { errorsOfPart, isOutage } from './answerParts.ts';
import { post, sideName, type ListRead } from './gatewayClient.ts';
import { gatewayReason } from './gatewayReason.ts';
import { problemOf, refusalOf } from './importProblem.ts';
import { readByIds } from './readByIds.ts';
import { ImportOutage, notReached, type ImportMode, type ImportRun, type ImportTarget, type RowWrite, type WriteResult } from './importBatches.ts';
import { optionFor, ROW_BY_ROW, UPDATE_REGISTERED, type Reader } from './importOptions.ts';
import type { LedgerColumn, LedgerKind } from './kinds/index.ts';
import { operationName } from './operationName.ts';
import { rowKey, type ParsedRow } from './parseLedgerRows.ts';
import { readCell } from './readCell.ts';

/**
 * A people ledger's row whose 公民身份号码 a person of the side already has, within the clerk's region
 * (the store refuses it `duplicate` with that person's ID): the row is that person. The clerk's
 * corrected workbook imported again, or a person registered through the dashboard listed in her
 * ledger, is answered 已存在 with what differs; with `updateRegistered` the differences are written
 * through `<side>UpdatePerson` (已更正). A person outside the region stays refused, unnamed (the store's
 * refusal carries no ID then).
 *
 * A row whose key the store wrote before (the first file imported again after a correction) is
 * answered EXISTING with its person, who may have been corrected since: it is compared as well.
 * A second row of the file with an earlier row's number is refused before anything is sent
 * (`refuseRepeatedNumbers`): it is not the person the number names.
 */

/** The field no two people of a side share (公民身份号码). */
const NUMBER_FIELD = 'idCardNumber';

/** A cell of a row as its column reads it: the input's value, or for a row refused before sending the cell read alone (null when it cannot be). */
function valueOf(row: ParsedRow, column: LedgerColumn | undefined): string | null {
  if (!column) return null;
  const value = row.input ? row.input[column.field] : (() => {
    const cell = readCell(row.cells[column.header], column.type);
    return 'value' in cell ? cell.value : null;
  })();
  return value === null || value === undefined || value === '' ? null : String(value);
}

/**
 * The rows of a people ledger with the 公民身份号码 of an earlier row of the file refused, before
 * anything is read, compared or written, with the store's words for a second row of one import with
 * the number (公民身份号码与本次导入中人员“张三”的相同，同一人员只登记一次), in a preview and an import
 * alike. The store refuses such a row so when the number is new; when a registered person holds it,
 * it refused both rows as that person, and the second was compared with (and with `updateRegistered`
 * corrected, renamed) someone it is not. The earlier row holds its number whatever else it has wrong,
 * so the answer does not change as the clerk corrects that row. The same row repeated (the same key)
 * is one write, as in any ledger (`send` in `importLedger.ts`).
 */
export function refuseRepeatedNumbers<R extends ParsedRow>(kind: LedgerKind, side: string, rows: readonly R[]): R[] {
  const number = kind.update ? kind.columns.find((c) => c.field === NUMBER_FIELD) : undefined;
  if (!number) return [...rows];
  const name = kind.columns.find((c) => c.field === 'name');
  const holders = new Map<string, R>();
  return rows.map((row) => {
    const value = valueOf(row, number);
    if (value === null) return row;
    const held = storedIdCardNumber(value);
    const earlier = holders.get(held);
    if (!earlier) {
      holders.set(held, row);
      return row;
    }
    if (row.input && earlier.input && rowKey(kind, side, row.input) === rowKey(kind, side, earlier.input)) return row;
    const holder = valueOf(earlier, name);
    const where = holder === null ? `本次导入的第 ${earlier.line} 行的相同` : `本次导入中${kind.label}“${holder}”的相同`;
    return { ...row, input: null, problems: [...row.problems, { column: number.header, reason: fieldLead(number.field, `与${where}，同一${kind.label}只登记一次`) }] };
  });
}

/** The registered people the store named, with what a row is compared with, read by their IDs (`filter.ids`): `LedgerPeopleRegistered`. */
export const REGISTERED_PEOPLE_READ: ListRead = {
  name: operationName('people', 'registered'),
  list: 'people',
  fields: 'id version name gender organization { id } phone idCardNumber birthDate address',
};

interface Registered {
  id: string;
  version: number;
  name: string;
  gender: string | null;
  organization: { id: string } | null;
  phone: string | null;
  idCardNumber: string | null;
  birthDate: string | null;
  address: string | null;
}

/** The side's correction of a person as the ledger sends it, registered: `LedgerSichuanUpdatePerson`. */
export function updatePersonDocument(side: string): string {
  const write = `${side}UpdatePerson`;
  return `mutation ${operationName(write)}($id: ID!, $version: Int!, $input: PersonUpdateInput!, $key: String) { ${write}(id: $id, version: $version, input: $input, idempotencyKey: $key) { id version } }`;
}

/** A value as compared with the stored one: the store's normal form where the ledger's reading keeps what was typed. */
function compared(field: string, value: string): string {
  // A phone the store would refuse is never equal to a stored one: compared as typed.
  if (field === 'phone') return storedPhone(value) ?? value;
  if (field === 'idCardNumber') return storedIdCardNumber(value);
  if (field === 'name') return storedPersonName(value);
  return value.trim();
}

/**
 * The fields of the row that differ from the registered person, in the ledger's column order. A
 * blank cell is no difference: the row says nothing of that field, and an import clears no one's
 * phone or address (a correction in the dashboard does).
 */
function differences(kind: LedgerKind, input: Readonly<Record<string, string | number>>, person: Registered): Record<string, string> {
  const stored: Record<string, string | null> = { ...person, organizationId: person.organization?.id ?? null } as unknown as Record<string, string | null>;
  const changes: Record<string, string> = {};
  for (const { field } of kind.columns) {
    const typed = input[field];
    if (typed === undefined) continue;
    const was = stored[field];
    if (was === null || was === undefined || compared(field, String(typed)) !== compared(field, String(was))) changes[field] = String(typed);
  }
  return changes;
}

/** The columns of the fields, by their ledger headers, 、-joined (联系电话、住址). */
const headersOf = (kind: LedgerKind, fields: readonly string[]): string[] => kind.columns.filter((c) => fields.includes(c.field)).map((c) => c.header);

/** What a note says of the registered person (the name the clerk may read: the store named them). */
const who = (person: Registered) => `本行是已登记的人员“${person.name}”`;

/** The note of a row the same as the person registered: nothing written. */
export const sameAsRegistered = (person: Registered) => `已登记：${who(person)}，内容与已登记的相同，未重复登记，未写入任何内容`;

/** How a clerk asks for the corrections, on the page or on the command line. */
const howToCorrect = (reader: Reader) => `请重新导入并选择${optionFor(reader, UPDATE_REGISTERED)}`;

/** The note of a row that differs, its differences not written (without the option). */
export const differsFromRegistered = (person: Registered, columns: readonly string[], reader: Reader) =>
  `已登记：${who(person)}，与已登记内容不同的列：${columns.join('、')}；本次未更改。如需按本行更正，${howToCorrect(reader)}`;

/** The note of a row whose differences were written (已更正), or would be (a preview). */
const corrected = (person: Registered, columns: readonly string[], preview: boolean) =>
  preview ? `已登记：${who(person)}，导入时将按本行更正：${columns.join('、')}（预检未更改）` : `已登记：${who(person)}，已按本行更正：${columns.join('、')}`;

/** The note of a registered person's row in 全部或不导入: refused, the file not written. */
const refusedAllOrNothing = (person: Registered, columns: readonly string[], reader: Reader) =>
  `已登记：${who(person)}${columns.length ? `，与已登记内容不同的列：${columns.join('、')}` : '，内容与已登记的相同'}；“全部或不导入”方式下本行不能导入，整个文件未写入。请从文件中删去本行，或改用${optionFor(reader, ROW_BY_ROW)}`;

/** The correction's key: the person, the version read and the changes, so a retried call writes once. */
const updateKey = (side: string, id: string, version: number, changes: Record<string, string>) =>
  `ledger:people-update:${side}:${createHash('sha256').update(canonicalJson([id, version, changes])).digest('hex').slice(0, 40)}`;

/**
 * The rows the store refused as a registered person of the clerk's region (`registeredId`) answered
 * as that person: 已存在 with a note (the same, or what differs and was not written), or with
 * `updateRegistered` corrected (已更正; in a dry run, what would be). In 全部或不导入 such a row stays
 * refused, the file written whole or not at all, as a registered organization's row does; its note
 * says which person it is. A replay of a row's creation (已存在 with its record) is the person as
 * stored now: 已存在 as it was when the cells are the same, else answered as above (in 全部或不导入
 * its differences named, the file not refused for it). Every other result is passed on as it is.
 * Given a `run` (an import that writes), a store that goes down partway through the corrections stops
 * them without losing those written: they stay 已更正, the row whose correction the outage cut and the
 * rows not corrected yet are 未导入 (`notReached`), and `run.stopped` says why. Rows that need no
 * write are still answered.
 */
export async function answerRegistered(
  target: ImportTarget,
  writes: readonly RowWrite[],
  results: readonly WriteResult[],
  { mode, dryRun, updateRegistered, reader, run }: { mode: ImportMode; dryRun: boolean; updateRegistered: boolean; reader: Reader; run?: ImportRun },
): Promise<WriteResult[]> {
  const { kind, side } = target;
  // A replay of a row's creation (the store's EXISTING, or the single write's answer among the records before) is that person, as stored now.
  const holderOf = (r: WriteResult) => r.registeredId ?? (r.status === '已存在' && r.recordId ? r.recordId : undefined);
  const holders = results.flatMap((r) => holderOf(r) ?? []);
  if (!holders.length) return [...results];
  // Only the people the refusals and replays named, a page of IDs a call: never the side's whole list (300 000 people) for a few rows.
  const people = new Map((await readByIds<Registered>(target, side, REGISTERED_PEOPLE_READ, holders, `${sideName(side)}已登记的人员`)).map((p) => [p.id, p]));
  const answered: WriteResult[] = [];
  for (const [i, result] of results.entries()) {
    const holder = holderOf(result);
    const person = holder ? people.get(holder) : undefined;
    if (!person) {
      answered.push(result);
      continue;
    }
    const input = writes[i]!.input;
    const changes = differences(kind, input, person);
    const columns = headersOf(kind, Object.keys(changes));
    const on = { column: '公民身份号码' };
    // A replay of the row's creation whose person is as the row says: the record written before, as any replay.
    const replay = !result.registeredId;
    if (replay && !columns.length) answered.push({ status: '已存在', recordId: person.id, problems: result.problems });
    // A replay in 全部或不导入 was not refused (the file was written, or would be): its differences are named, not written.
    else if (mode === 'all-or-nothing' && !replay) answered.push({ status: '错误', recordId: null, problems: [{ ...on, reason: refusedAllOrNothing(person, columns, reader) }] });
    else if (!columns.length) answered.push({ status: '已存在', recordId: person.id, problems: [{ ...on, reason: sameAsRegistered(person) }] });
    else if (!updateRegistered || mode === 'all-or-nothing') answered.push({ status: '已存在', recordId: person.id, problems: [{ ...on, reason: differsFromRegistered(person, columns, reader) }], unapplied: columns });
    else if (dryRun) answered.push({ status: '已更正', recordId: person.id, problems: [{ ...on, reason: corrected(person, columns, true) }] });
    else if (run?.stopped !== undefined) answered.push(notReached(run.stopped, false));
    else answered.push(await correctOrStop(run, () => correct(target, person, changes, columns, input)));
  }
  return answered;
}

/** A correction; given a `run`, its outage stops the run (`run.stopped`) and the row is 未导入, its write unconfirmed. Without one it is thrown. */
async function correctOrStop(run: ImportRun | undefined, write: () => Promise<WriteResult>): Promise<WriteResult> {
  try {
    return await write();
  } catch (error) {
    if (!run || !(error instanceof ImportOutage)) throw error;
    run.stopped ??= error.outage;
    return notReached(run.stopped, true);
  }
}

/** `<side>UpdatePerson` with the row's differences, under the caller's token: the single write's checks (region, personal data, version), its audit entry naming the fields changed. */
async function correct(target: ImportTarget, person: Registered, changes: Record<string, string>, columns: readonly string[], input: Readonly<Record<string, string | number>>): Promise<WriteResult> {
  const { kind, side } = target;
  const write = `${side}UpdatePerson`;
  const answer = await post(target, updatePersonDocument(side), { id: person.id, version: person.version, input: changes, key: updateKey(side, person.id, person.version, changes) });
  if (answer.data?.[write]) return { status: '已更正', recordId: person.id, problems: [{ column: '公民身份号码', reason: corrected(person, columns, false) }] };
  const errors = errorsOfPart(answer.errors ?? [], { stores: [side], path: [write] });
  // As a write's outage: the import stops there, answering what was done (importLedger's answeringRegistered).
  if (errors.some(isOutage)) throw new ImportOutage(gatewayReason(errors.find(isOutage), '其子图暂时无法连接'), false);
  const error = errors[0] ?? answer.errors?.[0];
  // Nothing differs once the store has normalised the values (a landline written +86 …): the row is the person as registered.
  if (error?.extensions?.rule === 'required' && error.extensions.field === 'input') return { status: '已存在', recordId: person.id, problems: [{ column: '公民身份号码', reason: sameAsRegistered(person) }] };
  return { status: '错误', recordId: null, problems: [problemOf(refusalOf(error ?? { message: '网关没有返回结果' }), kind, input)] };
}

/** Said beside the counts when rows of registered people differ and were not corrected ('' when none): 已存在 alone would read as nothing to do. */
export function unappliedSentence(outcomes: readonly { line: number; unapplied?: readonly string[] }[], reader: Reader): string {
  const lines = outcomes.filter((o) => o.unapplied?.length).map((o) => o.line);
  if (!lines.length) return '';
  return `其中第 ${lines.join('、')} 行是已登记的人员，与已登记内容有不同，本次未更改（不同的列见结果的“原因”）；如需按台账更正，${howToCorrect(reader)}`;
}
