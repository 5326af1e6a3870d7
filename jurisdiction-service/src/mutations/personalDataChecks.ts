import { DASHES, halfWidth, ID_CARD_NUMBER_SHAPE, storedIdCardNumber, storedPhone, userInputError } from '@linju/contract';
import { fieldMessage } from '@linju/contract/fieldLabels';
import { optionalText, todayInChina } from '@linju/subgraph-runtime';

/**
 * Checks of a person's personal data (phone, resident ID card number, birth date, address). The
 * messages name the field and the rule but never repeat the value: errors travel through the
 * gateway and into logs, and personal data must not travel with them.
 */

/** The earliest birth date a living party member or cadre can have. */
export const EARLIEST_BIRTH_DATE = '1900-01-01';

/**
 * A Chinese mobile number (11 digits, 13x–19x) or a landline with its area code, stored as digits
 * only. Spaces, hyphens and parentheses are dropped; a +86 / 0086 country prefix is accepted (a
 * landline written internationally has lost its area code's 0, which is put back). Full-width
 * digits and dashes are read as their ASCII.
 */
export function phoneNumber(value: unknown, field = 'phone'): string | null {
  if (value === null || value === undefined || (typeof value === 'string' && !value.trim())) return null;
  if (typeof value !== 'string') throw userInputError(fieldMessage(field, `须为文本`, `must be text`), field, 'malformed');
  // Typed with a Chinese input method (１３８－…): read as the ASCII it stands for.
  const written = halfWidth(value).replace(DASHES, '-').trim();
  if (written.length > 30) throw userInputError(fieldMessage(field, `超过 30 个字符`, `is longer than 30 characters`), field, 'too-long');
  if (!/^\+?[\d\s()-]+$/.test(written)) throw userInputError(fieldMessage(field, `只能含数字、空格、连字符、括号和开头的 +`, `may contain only digits, spaces, hyphens, parentheses and a leading +`), field, 'malformed');
  const digits = storedPhone(written);
  if (digits === null) {
    throw userInputError(fieldMessage(field, `既不是 11 位手机号，也不是带区号的固定电话（如 028-8765 4321）`, `is neither a Chinese mobile number (11 digits from 13…19) nor a landline with its area code (e.g. 028-8765 4321)`), field, 'malformed');
  }
  return digits;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** The check character of the first 17 digits of a resident ID number (GB 11643, ISO 7064 MOD 11-2). */
export function idCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11]!;
}

function isRealDate(iso: string): boolean {
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso;
}

/** A birth date (already a well-formed Date): before today, not before 1900. */
export function birthDate(value: unknown, field = 'birthDate'): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string' || !isRealDate(value)) throw userInputError(fieldMessage(field, `须为日期，如 1980-05-01`, `must be a date YYYY-MM-DD`), field, 'malformed');
  if (value >= todayInChina()) throw userInputError(fieldMessage(field, `须早于今天`, `must be a day before today`), field, 'future-date');
  if (value < EARLIEST_BIRTH_DATE) throw userInputError(fieldMessage(field, `早于 ${EARLIEST_BIRTH_DATE}，不可能正确`, `is before ${EARLIEST_BIRTH_DATE}, which cannot be right`), field, 'too-early');
  return value;
}

/**
 * An 18-character resident ID number: 17 digits and a check character (0–9 or X, lower case
 * accepted; spaces anywhere, as a number pasted in groups has them, are dropped) that must be right; the birth date it contains must be a real, past date, the same as
 * `birthDate` when both are given; its sequence digit is odd for men and even for women, so it must
 * agree with `gender` when that is given.
 */
export function idCardNumber(value: unknown, known: { birthDate: string | null; gender: string | null }, field = 'idCardNumber'): string | null {
  if (value === null || value === undefined || (typeof value === 'string' && !value.trim())) return null;
  if (typeof value !== 'string') throw userInputError(fieldMessage(field, `须为文本`, `must be text`), field, 'malformed');
  // Copied from a card reader's export or another system in groups (510904 19850312 8593): the spaces are not part of the number.
  const id = storedIdCardNumber(value);
  if (!ID_CARD_NUMBER_SHAPE.test(id)) throw userInputError(fieldMessage(field, `须为 18 位：17 位数字加 1 位校验码（数字或 X）`, `must be 18 characters: 17 digits and a check digit or X`), field, 'malformed');
  if (idCheckCharacter(id.slice(0, 17)) !== id[17]) throw userInputError(fieldMessage(field, `校验码（最后一位）不对，可能录入有误`, `has a wrong check digit (the last character): it was mistyped`), field, 'check-digit');
  const born = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (!isRealDate(born)) throw userInputError(fieldMessage(field, `第 7–14 位的出生日期不存在`, `contains a birth date (characters 7–14) that does not exist`), field, 'malformed');
  if (born >= todayInChina() || born < EARLIEST_BIRTH_DATE) throw userInputError(fieldMessage(field, `第 7–14 位的出生日期不可能正确`, `contains a birth date (characters 7–14) that cannot be right`), field, 'malformed');
  if (known.birthDate && known.birthDate !== born) throw userInputError(fieldMessage(field, `第 7–14 位的出生日期与出生日期一栏不一致`, `and birthDate disagree: the birth date in the ID number (characters 7–14) must be birthDate`), field, 'mismatch');
  const male = Number(id[16]) % 2 === 1;
  if (known.gender && known.gender !== (male ? '男' : '女')) {
    throw userInputError(fieldMessage(field, `第 17 位与性别不符（男为奇数，女为偶数）`, `and gender disagree: the 17th character of the ID number is odd for 男 and even for 女`), field, 'mismatch');
  }
  return id;
}

/** Longest address, in characters. */
export const ADDRESS_LENGTH = 200;

/** The personal data of a new person, checked together (the ID number must agree with the birth date and gender). */
export function personalData(input: Record<string, unknown>, gender: string | null): { phone: string | null; idCardNumber: string | null; birthDate: string | null; address: string | null } {
  const born = birthDate(input.birthDate);
  return {
    phone: phoneNumber(input.phone),
    idCardNumber: idCardNumber(input.idCardNumber, { birthDate: born, gender }),
    birthDate: born,
    address: optionalText(input.address, 'address', ADDRESS_LENGTH),
  };
}
