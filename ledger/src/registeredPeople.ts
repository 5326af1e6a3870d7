import { createHash } from 'node:crypto';
import { canonicalJson, storedIdCardNumber, storedPhone } from '@linju/contract';
import { errorsOfPart, isOutage } from './answerParts.ts';
import { post, type ListRead } from './gatewayClient.ts';
import { gatewayReason } from './gatewayReason.ts';
import { problemOf, refusalOf } from './importProblem.ts';
import { readByIds } from './readByIds.ts';
import type { ImportMode, ImportTarget, RowWrite, WriteResult } from './importBatches.ts';
import type { LedgerKind } from './kinds/index.ts';
import { LedgerError } from './LedgerError.ts';
import { operationName } from './operationName.ts';

/**
 * A people ledger's row whose 公民身份号码 a person of the side already has, within the clerk's region
 * (the store refuses it `duplicate` with that person's ID): the row is that person. The clerk's
 * corrected workbook imported again, or a person registered through the dashboard listed in her
 * ledger, is answered 已存在 with what differs; with `updateRegistered` the differences are written
 * through `<side>UpdatePerson` (已更正). A person outside the region stays refused, unnamed (the store's
 * refusal carries no ID then).
 */

/** The option's name on the command line (and what a note tells the clerk to add). */
export const UPDATE_REGISTERED_FLAG = '--update-registered';

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

/** How a clerk asks for the corrections, on the page and on the command line. */
const HOW_TO_CORRECT = `请重新导入并选择“按台账更正已登记的人员”（命令行加 ${UPDATE_REGISTERED_FLAG}）`;

/** The note of a row that differs, its differences not written (without the option). */
export const differsFromRegistered = (person: Registered, columns: readonly string[]) =>
  `已登记：${who(person)}，与已登记内容不同的列：${columns.join('、')}；本次未更改。如需按本行更正，${HOW_TO_CORRECT}`;

/** The note of a row whose differences were written (已更正), or would be (a preview). */
const corrected = (person: Registered, columns: readonly string[], preview: boolean) =>
  preview ? `已登记：${who(person)}，导入时将按本行更正：${columns.join('、')}（预检未更改）` : `已登记：${who(person)}，已按本行更正：${columns.join('、')}`;

/** The note of a registered person's row in 全部或不导入: refused, the file not written. */
const refusedAllOrNothing = (person: Registered, columns: readonly string[]) =>
  `已登记：${who(person)}${columns.length ? `，与已登记内容不同的列：${columns.join('、')}` : '，内容与已登记的相同'}；“全部或不导入”方式下本行不能导入，整个文件未写入。请从文件中删去本行，或改用逐行导入（--mode row-by-row）`;

/** The correction's key: the person, the version read and the changes, so a retried call writes once. */
const updateKey = (side: string, id: string, version: number, changes: Record<string, string>) =>
  `ledger:people-update:${side}:${createHash('sha256').update(canonicalJson([id, version, changes])).digest('hex').slice(0, 40)}`;

/**
 * The rows the store refused as a registered person of the clerk's region (`registeredId`) answered
 * as that person: 已存在 with a note (the same, or what differs and was not written), or with
 * `updateRegistered` corrected (已更正; in a dry run, what would be). In 全部或不导入 such a row stays
 * refused, the file written whole or not at all, as a registered organization's row does; its note
 * says which person it is. Every other result is passed on as it is.
 */
export async function answerRegistered(
  target: ImportTarget,
  writes: readonly RowWrite[],
  results: readonly WriteResult[],
  { mode, dryRun, updateRegistered }: { mode: ImportMode; dryRun: boolean; updateRegistered: boolean },
): Promise<WriteResult[]> {
  const { kind, side } = target;
  const holders = results.flatMap((r) => (r.registeredId ? [r.registeredId] : []));
  if (!holders.length) return [...results];
  // Only the people the refusals named, a page of IDs a call: never the side's whole list (300 000 people) for a few rows.
  const people = new Map((await readByIds<Registered>(target, side, REGISTERED_PEOPLE_READ, holders, `${side}已登记的人员`)).map((p) => [p.id, p]));
  const answered: WriteResult[] = [];
  for (const [i, result] of results.entries()) {
    const person = result.registeredId ? people.get(result.registeredId) : undefined;
    if (!person) {
      answered.push(result);
      continue;
    }
    const input = writes[i]!.input;
    const changes = differences(kind, input, person);
    const columns = headersOf(kind, Object.keys(changes));
    const on = { column: '公民身份号码' };
    if (mode === 'all-or-nothing') answered.push({ status: '错误', recordId: null, problems: [{ ...on, reason: refusedAllOrNothing(person, columns) }] });
    else if (!columns.length) answered.push({ status: '已存在', recordId: person.id, problems: [{ ...on, reason: sameAsRegistered(person) }] });
    else if (!updateRegistered) answered.push({ status: '已存在', recordId: person.id, problems: [{ ...on, reason: differsFromRegistered(person, columns) }], unapplied: columns });
    else if (dryRun) answered.push({ status: '已更正', recordId: person.id, problems: [{ ...on, reason: corrected(person, columns, true) }] });
    else answered.push(await correct(target, person, changes, columns, input));
  }
  return answered;
}

/** `<side>UpdatePerson` with the row's differences, under the caller's token: the single write's checks (region, personal data, version), its audit entry naming the fields changed. */
async function correct(target: ImportTarget, person: Registered, changes: Record<string, string>, columns: readonly string[], input: Readonly<Record<string, string | number>>): Promise<WriteResult> {
  const { kind, side } = target;
  const write = `${side}UpdatePerson`;
  const answer = await post(target, updatePersonDocument(side), { id: person.id, version: person.version, input: changes, key: updateKey(side, person.id, person.version, changes) });
  if (answer.data?.[write]) return { status: '已更正', recordId: person.id, problems: [{ column: '公民身份号码', reason: corrected(person, columns, false) }] };
  const errors = errorsOfPart(answer.errors ?? [], { stores: [side], path: [write] });
  if (errors.some(isOutage)) throw new LedgerError(`${gatewayReason(errors.find(isOutage), '其子图暂时无法连接')}；已写入的行不受影响，请稍后重新导入同一文件。`, 'store-unavailable');
  const error = errors[0] ?? answer.errors?.[0];
  // Nothing differs once the store has normalised the values (a landline written +86 …): the row is the person as registered.
  if (error?.extensions?.rule === 'required' && error.extensions.field === 'input') return { status: '已存在', recordId: person.id, problems: [{ column: '公民身份号码', reason: sameAsRegistered(person) }] };
  return { status: '错误', recordId: null, problems: [problemOf(refusalOf(error ?? { message: '网关没有返回结果' }), kind, input)] };
}

/** Said beside the counts when rows of registered people differ and were not corrected ('' when none): 已存在 alone would read as nothing to do. */
export function unappliedSentence(outcomes: readonly { line: number; unapplied?: readonly string[] }[]): string {
  const lines = outcomes.filter((o) => o.unapplied?.length).map((o) => o.line);
  if (!lines.length) return '';
  return `其中第 ${lines.join('、')} 行是已登记的人员，与已登记内容有不同，本次未更改（不同的列见结果的“原因”）；如需按台账更正，${HOW_TO_CORRECT}`;
}
