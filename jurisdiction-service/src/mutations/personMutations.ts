import { fieldMessage } from '@linju/contract/fieldLabels';
import type { GraphQLError } from 'graphql';
import { homeName, parseGlobalId, storedPersonName, userInputError, VOCABULARY, type JurisdictionInfo } from '@linju/contract';
import type { Row } from '@linju/subgraph-runtime';
import { globalId, lockVersioned, noteChangedFields, optionalText, nothingGiven, text, unchanged, updateVersioned } from '@linju/subgraph-runtime';
import { defineMutation, inputOf } from './defineMutation.ts';
import { takenValues } from './distinctValue.ts';
import { optionalOneOf, own } from './fields.ts';
import { PERSON_ID_CARD } from './groupMutations.ts';
import { LENGTH } from './limits.ts';
import { readableHolders } from './recordMutation.ts';
import { duringLifeOf, isoDate, ownRecord } from './ownRecords.ts';
import { ADDRESS_LENGTH, birthDate, idCardNumber, phoneNumber } from './personalDataChecks.ts';

/**
 * Correcting a person (人员信息更正) and transferring a party member to another organization of the
 * side (组织关系转接): UpdatePerson. Only the fields given change; an optional one sent as null is
 * cleared; a value equal to the stored one is no change. Every check of CreatePerson applies to the
 * values it changes, by the same functions. A transfer leaves the person's posts as they are: they
 * are records of the organizations that hold them, ended there (EndPost) if the member left them.
 */

/** The fields a correction may change, in the order the audit entry lists them. */
const FIELDS = ['name', 'gender', 'organizationId', 'phone', 'idCardNumber', 'birthDate', 'address'] as const;
type Field = (typeof FIELDS)[number];

/** The fields the resident ID number must agree with (or be checked again with) when one of them changes. */
const ID_CARD_AGREES_WITH: readonly Field[] = ['idCardNumber', 'birthDate', 'gender'];

/**
 * The new organization of a transfer: this side's. One of the other side's is refused saying who
 * records the person there: a member moving across the border is registered by that side's clerk.
 */
function transferredTo(value: unknown, side: JurisdictionInfo): string {
  const home = typeof value === 'string' ? parseGlobalId(value.trim())?.home : undefined;
  if (home && home !== side.key && parseGlobalId(String(value).trim())?.type === 'Organization') {
    throw userInputError(
      fieldMessage('organizationId', `：只能转到${side.name}的党组织，所填的属于${homeName(home)}：转到${homeName(home)}的党员由${homeName(home)}的组织部门在其系统中登记（新建人员），本方不能代为登记`, `${String(value).trim()} belongs to ${home}: a transfer to the other side is recorded there, by its clerk registering the person (CreatePerson on ${home}); this side moves a person between its own organizations only`),
      'organizationId',
      'wrong-jurisdiction',
    );
  }
  return globalId(value, 'organizationId', own(side), 'Organization');
}

/** Whether a stored value and a clean one are the same (dates are stored as Date). */
const same = (stored: unknown, value: unknown): boolean => (stored instanceof Date ? isoDate(stored) : (stored ?? null)) === (value ?? null);

export const updatePerson = defineMutation({
  clean(args, side) {
    const id = globalId(args.id, 'id', own(side), 'Person');
    const input = inputOf(args);
    // Only the fields given change. A required field sent as null is taken as "unchanged" (forms
    // send every field); an optional one sent as null is cleared, left out is unchanged.
    const given: Partial<Record<Field, string | null>> = {};
    if (input.name != null) given.name = storedPersonName(text(input.name, 'name', LENGTH.personName));
    if (input.organizationId != null) given.organizationId = transferredTo(input.organizationId, side);
    if ('gender' in input) given.gender = optionalOneOf(input.gender, 'gender', VOCABULARY.gender);
    if ('phone' in input) given.phone = phoneNumber(input.phone);
    if ('birthDate' in input) given.birthDate = birthDate(input.birthDate);
    // Its form here, and its agreement with a birth date or gender given with it; with the stored ones in `write`.
    if ('idCardNumber' in input) given.idCardNumber = idCardNumber(input.idCardNumber, { birthDate: given.birthDate ?? null, gender: given.gender ?? null });
    if ('address' in input) given.address = optionalText(input.address, 'address', ADDRESS_LENGTH);
    if (Object.keys(given).length === 0) throw nothingGiven();
    return { id, version: args.version as number, given };
  },
  async write(tx, { id, version, given }, side, withinRegion, caller) {
    let organization: Row | undefined;
    const person = await lockVersioned(tx, 'person', id, version, async (row) => {
      const moving = given.organizationId !== undefined && given.organizationId !== row.organizationId;
      if (moving) organization = await ownRecord(tx, 'Organization', given.organizationId!, 'organizationId');
      // Where the person is, and for a transfer where they go: a move between two towns is their district's to make.
      await withinRegion([{ type: 'Person', id }, ...(moving ? [{ type: 'Organization', id: given.organizationId!, what: '转入的党组织' }] : [])]);
    });
    const changes = Object.fromEntries(FIELDS.filter((field) => field in given && !same(person[field], given[field])).map((field) => [field, given[field] ?? null]));
    if (Object.keys(changes).length === 0) throw unchanged({ zh: '人员', en: 'person' });
    // A person joins a live organization only, as on creation.
    if (organization) duringLifeOf(organization, 'organizationId', null, '', 'the organization');
    const after = { ...person, birthDate: isoDate(person.birthDate), ...changes } as Record<string, string | null>;
    // The resident ID number agrees with the birth date and gender the person will have.
    if (ID_CARD_AGREES_WITH.some((field) => field in changes)) idCardNumber(after.idCardNumber, { birthDate: after.birthDate ?? null, gender: after.gender ?? null });
    if (changes.idCardNumber) {
      const [taken] = (await takenValues(tx, 'person', PERSON_ID_CARD, [after], readableHolders(tx, caller, side))).values() as IterableIterator<GraphQLError>;
      if (taken) throw taken;
    }
    // The audit entry names the fields changed, never their values.
    noteChangedFields(tx, `${side.key}UpdatePerson`, Object.keys(changes));
    return updateVersioned(tx, 'person', id, version, changes);
  },
});
