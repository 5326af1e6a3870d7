import { DASHES, halfWidth } from './halfWidth.ts';

const MOBILE = /^1[3-9]\d{9}$/;
/** Area codes 010 and 02x have 8-digit local numbers; 0xxx have 7 or 8; local numbers never start with 0 or 1. */
const LANDLINE = /^(?:0(?:10|2\d)[2-9]\d{7}|0[3-9]\d{2}[2-9]\d{6,7})$/;

/**
 * A phone number as the store keeps it: digits only, a +86 / 0086 country prefix dropped (a
 * landline written internationally has lost its area code's 0, which is put back), full-width
 * digits and dashes read as their ASCII; null when the digits are neither a Chinese mobile number
 * nor a landline with its area code. The store's rule (`phoneNumber`, which also refuses what no
 * phone is) and the ledger's, comparing a row with a registered person.
 */
export function storedPhone(value: string): string | null {
  const written = halfWidth(value).replace(DASHES, '-').trim();
  let digits = written.replace(/\D/g, '');
  if (/^(?:\+86|0086)/.test(written.replace(/[\s()-]/g, ''))) {
    digits = digits.replace(/^(?:0086|86)/, '');
    if (!MOBILE.test(digits)) digits = `0${digits}`;
  }
  return MOBILE.test(digits) || LANDLINE.test(digits) ? digits : null;
}

/**
 * A resident ID card number as the store keeps it: full-width as half-width, the spaces of a number
 * pasted in groups dropped, x as X. The store's form before its checks (`idCardNumber`) and the
 * ledger's, comparing a row with a registered person.
 */
export const storedIdCardNumber = (value: string): string => halfWidth(value).replace(/\s+/g, '').toUpperCase();

/** An ID card number's shape in its stored form ({@link storedIdCardNumber}): 17 digits, the first not 0, and a check character (a digit or X); whether the check character is right is `idCardNumber`'s check. */
export const ID_CARD_NUMBER_SHAPE = /^[1-9]\d{16}[\dX]$/;
