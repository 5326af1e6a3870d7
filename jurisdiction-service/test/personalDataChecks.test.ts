import { describe, expect, test } from 'vitest';
import { birthDate, idCardNumber, idCheckCharacter, phoneNumber } from '../src/mutations/personalDataChecks.ts';

const rule = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return (error as { extensions?: { rule?: string } }).extensions?.rule;
  }
  return 'accepted';
};

describe('phone numbers', () => {
  test.each([
    ['13800138000', '13800138000'],
    ['138 0013 8000', '13800138000'],
    ['+86 19912345678', '19912345678'],
    ['028-87654321', '02887654321'],
    ['(023) 6386 1234', '02363861234'],
    ['0825-2345678', '08252345678'],
    ['0825 23456789', '082523456789'],
    ['+86 825 2345678', '08252345678'],
    ['１３８ ００１３ ８０００', '13800138000'], // typed with a Chinese input method
    ['０８２５－２３４５６７８', '08252345678'],
    ['＋８６ １９９１２３４５６７８', '19912345678'],
    ['', null],
    [null, null],
  ])('%s → %s', (written, stored) => expect(phoneNumber(written)).toBe(stored));

  test.each([
    ['12800138000', 'malformed'], // no mobile prefix 12
    ['1380013800', 'malformed'], // 10 digits
    ['02887654321 ext 5', 'malformed'],
    ['01012345678', 'malformed'], // Beijing numbers do not start with 1
    ['0825-0345678', 'malformed'], // local numbers do not start with 0
    ['８００', 'malformed'], // full-width digits, too few of them
    ['1'.repeat(31), 'too-long'],
  ])('%s is refused: %s', (written, expected) => expect(rule(() => phoneNumber(written))).toBe(expected));
});

describe('resident ID numbers (GB 11643)', () => {
  // The standard's own example: 11010519491231002X, a woman born on 31 December 1949.
  const EXAMPLE = '11010519491231002X';

  test('the check character of the standard’s example', () => {
    expect(idCheckCharacter(EXAMPLE.slice(0, 17))).toBe('X');
    expect(idCardNumber(EXAMPLE.toLowerCase(), { birthDate: '1949-12-31', gender: '女' })).toBe(EXAMPLE);
  });

  test('typed with full-width digits (a Chinese input method), it is the same number', () => {
    expect(idCardNumber('１１０１０５１９４９１２３１００２Ｘ', { birthDate: '1949-12-31', gender: '女' })).toBe(EXAMPLE);
    expect(idCardNumber('１１０１０５１９４９１２３１００２ｘ', { birthDate: null, gender: null })).toBe(EXAMPLE);
  });

  test('pasted in groups, with spaces or full-width spaces, it is the same number', () => {
    expect(idCardNumber('110105 19491231 002X', { birthDate: '1949-12-31', gender: '女' })).toBe(EXAMPLE);
    expect(idCardNumber(' 110105\u300019491231\u3000002x ', { birthDate: null, gender: null })).toBe(EXAMPLE);
  });

  test.each([
    ['11010519491231002', 'malformed'], // 17 characters
    ['11010519491231002Y', 'malformed'],
    ['01010519491231002X', 'malformed'], // no area code starts with 0
    ['110105194912310021', 'check-digit'],
    ['110105194912310020', 'check-digit'],
  ])('%s is refused: %s', (id, expected) => expect(rule(() => idCardNumber(id, { birthDate: null, gender: null }))).toBe(expected));

  test('it must agree with birthDate and gender when they are given', () => {
    expect(rule(() => idCardNumber(EXAMPLE, { birthDate: '1949-12-30', gender: null }))).toBe('mismatch');
    expect(rule(() => idCardNumber(EXAMPLE, { birthDate: null, gender: '男' }))).toBe('mismatch');
  });
});

describe('birth dates', () => {
  test.each([
    ['1949-12-31', 'accepted'],
    ['1899-12-31', 'too-early'],
    ['2999-01-01', 'future-date'],
    ['1985-02-29', 'malformed'],
  ])('%s: %s', (date, expected) => expect(rule(() => birthDate(date))).toBe(expected));
});
