import { expect, test } from 'vitest';
import { addressProblems, unknownSideNote } from '../src/period/pageAddress.ts';

test('an address whose custom date is no day of the calendar is said, by the date as written; a well-formed one is not', () => {
  expect(addressProblems('?period=custom&from=2021-02-30&to=2021-06-30')).toEqual({
    dates: ['时间段有误：页面地址中的起始日期“2021-02-30”不是实际存在的日期（应为“年-月-日”，如 2021-06-30）。'],
    side: null,
  });
  expect(addressProblems('?period=custom&from=2021-01-01&to=2021-6-30').dates).toEqual([expect.stringContaining('截止日期“2021-6-30”')]);
  expect(addressProblems('?period=custom&from=2024-02-29&to=2024-06-30')).toEqual({ dates: [], side: null });
  // Dates are read for a custom period only.
  expect(addressProblems('?period=2021h1&from=2021-02-30')).toEqual({ dates: [], side: null });
  expect(addressProblems('')).toEqual({ dates: [], side: null });
});

test('a side written as no jurisdiction key can be is said (and ignored), quoted short; a well-formed one waits for the gateway', () => {
  expect(addressProblems('?side=%3Cb%3E').side).toBe('页面地址中的辖区“<b>”不存在，已改为显示全部辖区。');
  expect(addressProblems('?side=tibet').side).toBeNull();
  expect(unknownSideNote('tibet')).toBe('页面地址中的辖区“tibet”不存在，已改为显示全部辖区。');
  expect(unknownSideNote('x'.repeat(300))).toBe(`页面地址中的辖区“${'x'.repeat(20)}…”不存在，已改为显示全部辖区。`);
});
