import { GraphQLError } from 'graphql';
import { describe, expect, test } from 'vitest';
import { checkFirst, decodeCursor, encodeCursor } from '../src/cursor.ts';
import { overviewId, parseOverviewId } from '../src/overviewId.ts';
import { checkPeriod, DateScalar } from '../src/period.ts';

/** The extensions of the error a call throws, or undefined when it throws none. */
const extensionsOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as GraphQLError).extensions;
  }
  return undefined;
};
const codeOf = (fn: () => unknown) => extensionsOf(fn)?.code;
const ruleOf = (fn: () => unknown) => extensionsOf(fn)?.rule;

describe('cursors', () => {
  test('round-trip the sort value and id', () => {
    expect(decodeCursor(encodeCursor('2021-03-01', 'sichuan:Activity:7'))).toEqual(['2021-03-01', 'sichuan:Activity:7']);
    expect(decodeCursor(encodeCursor(null, 'sichuan:Region:1'))).toEqual([null, 'sichuan:Region:1']);
  });

  test('a forged cursor is bad user input', () => {
    expect(codeOf(() => decodeCursor('nonsense'))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => decodeCursor(Buffer.from('[1,2]').toString('base64url')))).toBe('BAD_USER_INPUT');
  });

  test("a cursor of another list (type, side, sort) is refused like a forged one", () => {
    const activities = { home: 'sichuan', type: 'Activity', dated: true };
    expect(decodeCursor(encodeCursor('2021-03-01', 'sichuan:Activity:seminar-1'), activities)).toEqual(['2021-03-01', 'sichuan:Activity:seminar-1']);
    for (const [what, cursor] of [
      ['another type', encodeCursor('2021-03-01', 'sichuan:Organization:moxi-town')],
      ['the other side', encodeCursor('2021-03-01', 'chongqing:Activity:seminar-1')],
      ['an undated list', encodeCursor(null, 'sichuan:Activity:seminar-1')],
      ['no global ID', encodeCursor('2021-03-01', 'seminar-1')],
      ['an audit sequence number', encodeCursor(null, '42')],
    ] as const) {
      expect(codeOf(() => decodeCursor(cursor, activities)), what).toBe('BAD_USER_INPUT');
    }
    expect(codeOf(() => decodeCursor(encodeCursor('2021-03-01', 'sichuan:Region:x'), { home: 'sichuan', type: 'Region', dated: false }))).toBe('BAD_USER_INPUT');
  });

  test('a cursor carries its order: a NAME cursor holds a name, and another order refuses it', () => {
    const byName = { home: 'sichuan', type: 'Activity', dated: true, order: 'NAME' } as const;
    const cursor = encodeCursor('磨溪镇座谈会', 'sichuan:Activity:seminar-1', 'NAME');
    expect(decodeCursor(cursor, byName)).toEqual(['磨溪镇座谈会', 'sichuan:Activity:seminar-1']);
    expect(codeOf(() => decodeCursor(cursor, { ...byName, order: 'NEWEST' }))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => decodeCursor(encodeCursor('2021-03-01', 'sichuan:Activity:seminar-1'), byName))).toBe('BAD_USER_INPUT');
    const oldest = encodeCursor('2021-03-01', 'sichuan:Activity:seminar-1', 'OLDEST');
    expect(decodeCursor(oldest, { ...byName, order: 'OLDEST' })).toEqual(['2021-03-01', 'sichuan:Activity:seminar-1']);
    // A date is still checked in a date order; a name never reaches SQL as a date.
    expect(codeOf(() => decodeCursor(encodeCursor('磨溪镇', 'sichuan:Activity:seminar-1', 'OLDEST'), { ...byName, order: 'OLDEST' }))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => decodeCursor(Buffer.from(JSON.stringify(['x', 'sichuan:Activity:1', 'SIDEWAYS'])).toString('base64url')))).toBe('BAD_USER_INPUT');
  });

  test('page size is between 1 and 100, 20 by default', () => {
    expect(checkFirst(undefined)).toBe(20);
    expect(checkFirst(100)).toBe(100);
    for (const bad of [0, -1, 101, 2.5]) expect(codeOf(() => checkFirst(bad)), String(bad)).toBe('BAD_USER_INPUT');
  });
});

describe('dates and periods', () => {
  test('Date accepts real calendar days only', () => {
    expect(DateScalar.parseValue('2021-06-30')).toBe('2021-06-30');
    for (const bad of ['2021-02-30', '2021-6-30', '30/06/2021', 20210630]) expect(codeOf(() => DateScalar.parseValue(bad)), String(bad)).toBe('BAD_USER_INPUT');
    expect(DateScalar.serialize(new Date('2021-06-30T00:00:00Z'))).toBe('2021-06-30');
  });

  test('a period may be open at either end but must not end before it starts', () => {
    expect(checkPeriod(undefined)).toEqual({ from: null, to: null });
    expect(checkPeriod({ to: '2023-06-30' })).toEqual({ from: null, to: '2023-06-30' });
    expect(codeOf(() => checkPeriod({ from: '2021-06-30', to: '2021-01-01' }))).toBe('BAD_USER_INPUT');
    expect(ruleOf(() => checkPeriod({ from: '2021-06-30', to: '2021-01-01' }))).toBe('period');
    expect(extensionsOf(() => checkPeriod({ from: '2021-06-30', to: '2021-01-01' }))?.field).toBe('period');
    // Each half says it whole in its own language: the Chinese by the period's words, the English by the fields' names.
    expect(() => checkPeriod({ from: '2021-06-30', to: '2021-01-01' })).toThrow('时间段的起始日期 2021-06-30 晚于截止日期 2021-01-01，请改正 / period.from (2021-06-30) is after period.to (2021-01-01)');
  });

  test('an overview ID carries its period and alliance, so each side resolves its part of the same overview', () => {
    const id = overviewId({ from: '2021-01-01', to: '2021-06-30' }, 'joint:Alliance:moxi-shuangjiang');
    expect(parseOverviewId(id)).toEqual({ from: '2021-01-01', to: '2021-06-30', allianceId: 'joint:Alliance:moxi-shuangjiang' });
    expect(parseOverviewId(overviewId(null))).toEqual({ from: null, to: null, allianceId: null });
    expect(codeOf(() => parseOverviewId('overview:%%%'))).toBe('BAD_USER_INPUT');
  });
});
