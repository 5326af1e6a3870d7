import { expect, test } from 'vitest';
import { addressProblems, notBegunNote, periodProblems, pickerBounds, unknownPeriodNote, unknownSideNote } from '../src/period/pageAddress.ts';
import { formatDate } from '../src/format/formatNumber.ts';
import { describePeriod } from '../src/period/periodChoices.ts';

const IDS = ['year', '2021h1'];

test('an address whose custom date is no day of the calendar is said, by the date as written; a well-formed one is not', () => {
  expect(addressProblems('?period=custom&from=2021-02-30&to=2021-06-30', IDS)).toEqual({
    dates: ['时间段有误：页面地址中的起始日期“2021-02-30”不是实际存在的日期（应为“年-月-日”，如 2021-06-30）。'],
    side: null,
    period: null,
  });
  expect(addressProblems('?period=custom&from=2021-01-01&to=2021-6-30', IDS).dates).toEqual([expect.stringContaining('截止日期“2021-6-30”')]);
  expect(addressProblems('?period=custom&from=2024-02-29&to=2024-06-30', IDS)).toEqual({ dates: [], side: null, period: null });
  // Dates are read for a custom period only.
  expect(addressProblems('?period=2021h1&from=2021-02-30', IDS)).toEqual({ dates: [], side: null, period: null });
  expect(addressProblems('', IDS)).toEqual({ dates: [], side: null, period: null });
});

test('a side written as no jurisdiction key can be is said (and ignored), quoted short; a well-formed one waits for the gateway', () => {
  expect(addressProblems('?side=%3Cb%3E', IDS).side).toBe('页面地址中的辖区“<b>”不存在，已改为显示全部辖区。');
  expect(addressProblems('?side=tibet', IDS).side).toBeNull();
  expect(unknownSideNote('tibet')).toBe('页面地址中的辖区“tibet”不存在，已改为显示全部辖区。');
  expect(unknownSideNote('x'.repeat(300))).toBe(`页面地址中的辖区“${'x'.repeat(20)}…”不存在，已改为显示全部辖区。`);
});

test('a period the page does not offer is said, as a side that is none is; an offered one and custom are not', () => {
  expect(addressProblems('?period=bogus', IDS).period).toBe('页面地址中的时间段“bogus”不存在，已改为显示本年。');
  expect(addressProblems('?period=', IDS).period).toBe(unknownPeriodNote(''));
  expect(addressProblems('?period=2021h1', IDS).period).toBeNull();
  expect(addressProblems('?period=custom&from=2021-01-01', IDS).period).toBeNull();
  expect(addressProblems('?side=sichuan', IDS).period).toBeNull();
});

test('a period out of what the federation can mean, or in the wrong order, is said before it is asked for', () => {
  expect(periodProblems({ from: '9999-01-01', to: '9999-12-31' }, formatDate)).toEqual([
    '时间段有误：起始日期（9999-01-01）超出可查询的范围（1800-01-01 至 2999-12-31）。',
    '时间段有误：截止日期（9999-12-31）超出可查询的范围（1800-01-01 至 2999-12-31）。',
  ]);
  expect(periodProblems({ from: '2021-07-01', to: '2021-06-30' }, formatDate)).toEqual(['时间段有误：起始日期（2021年7月1日）晚于截止日期（2021年6月30日）。']);
  expect(periodProblems({ from: '2099-01-01', to: '2099-12-31' }, formatDate)).toEqual([]);
  expect(periodProblems({ from: null, to: null }, formatDate)).toEqual([]);
});

test('a period that has not begun is said so; one that has, or has no beginning, is not', () => {
  const describe = (p: { from: string | null; to: string | null }) => describePeriod(p, formatDate);
  expect(notBegunNote({ from: '2099-01-01', to: '2099-12-31' }, '2026-12-07', describe)).toBe('所选时间段（2099年1月1日至2099年12月31日）尚未开始：新增均为 0，累计为截至今日的数。');
  expect(notBegunNote({ from: '2026-12-07', to: '2026-12-31' }, '2026-12-07', describe)).toBeNull();
  expect(notBegunNote({ from: null, to: '2099-12-31' }, '2026-12-07', describe)).toBeNull();
});

test('the pickers offer 2015 to this year’s end, 起 up to 止 and 止 from 起', () => {
  expect(pickerBounds('', '', '2026-12-07')).toEqual({ from: { min: '2015-01-01', max: '2026-12-31' }, to: { min: '2015-01-01', max: '2026-12-31' } });
  expect(pickerBounds('2021-03-01', '2021-06-30', '2026-12-07')).toEqual({ from: { min: '2015-01-01', max: '2021-06-30' }, to: { min: '2021-03-01', max: '2026-12-31' } });
  expect(pickerBounds('2010-01-01', '2099-01-01', '2026-12-07')).toEqual({ from: { min: '2015-01-01', max: '2026-12-31' }, to: { min: '2015-01-01', max: '2026-12-31' } });
});
