import { expect, test } from 'vitest';
import { changeFrom, comparisonText, describeChange } from '../src/compare/change.ts';
import { comparisonPeriods } from '../src/period/comparisonPeriods.ts';
import { standingAlliancesPeriod } from '../src/period/standingAlliances.ts';
import { comparisonVariables } from '../src/compare/comparisonVariables.ts';
import { DATE_RANGE } from '@linju/contract/dateRange';
import { todayInChina } from '@linju/contract/todayInChina';
import { pageChoiceSearch, readPageChoice } from '../src/period/pageAddress.ts';
import { describePeriod, periodChoices } from '../src/period/periodChoices.ts';

const periodOf = (today: string, id: string) => periodChoices(today).find((c) => c.id === id)!.period;

test('the current periods run to today: year, quarter, month and the last twelve months', () => {
  expect(periodOf('2026-12-04', 'year')).toEqual({ from: '2026-01-01', to: '2026-12-04' });
  expect(periodOf('2026-12-04', 'quarter')).toEqual({ from: '2026-10-01', to: '2026-12-04' });
  expect(periodOf('2026-05-31', 'quarter')).toEqual({ from: '2026-04-01', to: '2026-05-31' });
  expect(periodOf('2026-12-04', 'month')).toEqual({ from: '2026-12-01', to: '2026-12-04' });
  expect(periodOf('2026-12-04', '12m')).toEqual({ from: '2025-12-05', to: '2026-12-04' });
  expect(periodOf('2024-02-29', '12m')).toEqual({ from: '2023-03-01', to: '2024-02-29' });
  expect(periodOf('2026-12-04', '2021h1')).toEqual({ from: '2021-01-01', to: '2021-06-30' });
  expect(periodOf('2026-12-04', 'all')).toEqual({ from: null, to: null });
  expect(periodChoices('2026-12-04')[0]!.id).toBe('year');
  // The last whole quarter, half-year and year, named by their dates: what a report upward reports on.
  expect(periodChoices('2026-12-04').filter((c) => c.id.startsWith('last-')).map((c) => [c.label, c.period])).toEqual([
    ['2026年第三季度', { from: '2026-07-01', to: '2026-09-30' }],
    ['2026年上半年', { from: '2026-01-01', to: '2026-06-30' }],
    ['2025年', { from: '2025-01-01', to: '2025-12-31' }],
  ]);
  expect(periodChoices('2027-03-01').find((c) => c.id === 'last-half')).toMatchObject({ label: '2026年下半年', period: { from: '2026-07-01', to: '2026-12-31' } });
  expect(periodOf('2027-06-30', 'last-half')).toEqual({ from: '2026-07-01', to: '2026-12-31' });
  expect(periodOf('2027-07-01', 'last-half')).toEqual({ from: '2027-01-01', to: '2027-06-30' });
});

test('上季度 is the last whole quarter, on China’s calendar day, across a year and on its edges', () => {
  const lastQuarter = (today: string) => periodChoices(today).find((c) => c.id === 'last-quarter')!;
  // Beside the current quarter, before the last half-year.
  expect(periodChoices('2026-12-04').map((c) => c.id).slice(0, 6)).toEqual(['year', 'quarter', 'month', '12m', 'last-quarter', 'last-half']);
  expect(lastQuarter('2027-01-01')).toMatchObject({ label: '2026年第四季度', period: { from: '2026-10-01', to: '2026-12-31' } });
  expect(lastQuarter('2027-03-31')).toMatchObject({ label: '2026年第四季度', period: { from: '2026-10-01', to: '2026-12-31' } });
  expect(lastQuarter('2027-04-01')).toMatchObject({ label: '2027年第一季度', period: { from: '2027-01-01', to: '2027-03-31' } });
  expect(lastQuarter('2024-05-15')).toMatchObject({ label: '2024年第一季度', period: { from: '2024-01-01', to: '2024-03-31' } });
  expect(lastQuarter('2026-07-01')).toMatchObject({ label: '2026年第二季度', period: { from: '2026-04-01', to: '2026-06-30' } });
  expect(lastQuarter('2026-09-30')).toMatchObject({ label: '2026年第二季度', period: { from: '2026-04-01', to: '2026-06-30' } });
  expect(lastQuarter('2026-10-01')).toMatchObject({ label: '2026年第三季度', period: { from: '2026-07-01', to: '2026-09-30' } });
  // China's day, not the browser's: at 23:30 UTC on 31 March it is already 1 April in China.
  expect(lastQuarter(todayInChina(new Date('2027-03-31T23:30:00Z'))).label).toBe('2027年第一季度');
  // Its 环比 is the quarter before it, its 同比 the same quarter a year before.
  expect(comparisonPeriods(lastQuarter('2026-12-04').period)).toEqual({
    yearBefore: { from: '2025-07-01', to: '2025-09-30' },
    before: { from: '2026-04-01', to: '2026-06-30' },
  });
  // Linked and reloaded, the address keeps it.
  const ids = periodChoices('2026-12-04').map((c) => c.id);
  expect(readPageChoice('?period=last-quarter', ids).period).toBe('last-quarter');
});

test('同比 is the same dates a year before; 环比 the months (or days) just before', () => {
  expect(comparisonPeriods({ from: '2021-01-01', to: '2021-06-30' })).toEqual({
    yearBefore: { from: '2020-01-01', to: '2020-06-30' },
    before: { from: '2020-07-01', to: '2020-12-31' },
  });
  // Month to date: the same days of the month before.
  expect(comparisonPeriods({ from: '2026-12-01', to: '2026-12-04' }).before).toEqual({ from: '2026-11-01', to: '2026-11-04' });
  // A quarter to date, ending on a day the earlier month lacks.
  expect(comparisonPeriods({ from: '2026-04-01', to: '2026-05-31' }).before).toEqual({ from: '2026-02-01', to: '2026-03-31' });
  // A leap day a year before is February's last.
  expect(comparisonPeriods({ from: '2024-02-01', to: '2024-02-29' }).yearBefore).toEqual({ from: '2023-02-01', to: '2023-02-28' });
  // A whole month is the whole same month, February's 29th too; days are the same days.
  expect(comparisonPeriods({ from: '2025-02-01', to: '2025-02-28' }).yearBefore).toEqual({ from: '2024-02-01', to: '2024-02-29' });
  expect(comparisonPeriods({ from: '2025-01-15', to: '2025-02-28' }).yearBefore).toEqual({ from: '2024-01-15', to: '2024-02-28' });
  // A year from 29 February (366 days) has its 同比, ending the day before it, as the briefing's 上年同期.
  expect(comparisonPeriods({ from: '2020-02-29', to: '2021-02-28' }).yearBefore).toEqual({ from: '2019-02-28', to: '2020-02-28' });
  // Any other period: as many days just before.
  expect(comparisonPeriods({ from: '2021-03-05', to: '2021-03-14' }).before).toEqual({ from: '2021-02-23', to: '2021-03-04' });
  expect(comparisonPeriods({ from: null, to: null })).toEqual({ yearBefore: null, before: null });
  expect(comparisonPeriods({ from: '2021-07-01', to: null })).toEqual({ yearBefore: null, before: null });
  expect(standingAlliancesPeriod({ from: '2021-01-01', to: '2021-06-30' })).toEqual({ from: null, to: '2021-06-30' });
  // A whole year has its 同比 (the year before); two years have none: the year before is half their own days.
  expect(comparisonPeriods({ from: '2021-01-01', to: '2021-12-31' }).yearBefore).toEqual({ from: '2020-01-01', to: '2020-12-31' });
  expect(comparisonPeriods({ from: '2021-07-01', to: '2023-06-30' })).toEqual({ yearBefore: null, before: { from: '2019-07-01', to: '2021-06-30' } });
});

test('a comparison period before the first date the API accepts is not asked: 无可比数据 for it alone', () => {
  expect(DATE_RANGE.min).toBe('1800-01-01');
  // From the API's first date: both comparisons would start before it.
  expect(comparisonPeriods({ from: '1800-01-01', to: '2021-06-30' })).toEqual({ yearBefore: null, before: null });
  // Two months of 1800: the months before are within, the year before is not.
  expect(comparisonPeriods({ from: '1800-03-01', to: '1800-04-30' })).toEqual({ yearBefore: null, before: { from: '1800-01-01', to: '1800-02-28' } });
  // A year from 1801: the year before is within (it is also the period before).
  expect(comparisonPeriods({ from: '1801-01-01', to: '1801-12-31' })).toEqual({ yearBefore: { from: '1800-01-01', to: '1800-12-31' }, before: { from: '1800-01-01', to: '1800-12-31' } });
  // Two years from 1801: the two years before are not within, and two years have no 同比 anyway.
  expect(comparisonPeriods({ from: '1801-01-01', to: '1802-12-31' })).toEqual({ yearBefore: null, before: null });
  expect(comparisonVariables({ from: '1800-03-01', to: '1800-04-30' }, 'sichuan')).toEqual({
    yearBefore: null,
    before: { from: '1800-01-01', to: '1800-02-28' },
    upToEnd: { from: null, to: '1800-04-30' },
    compare: true,
    skipYearBefore: true,
    skipBefore: false,
    sides: ['sichuan'],
    allSides: false,
  });
  expect(comparisonVariables({ from: null, to: '2021-06-30' }, null)).toMatchObject({ compare: false, skipYearBefore: true, skipBefore: true, allSides: true });
});

test('a change is ▲/▼ percent, and 无可比数据 when the base is 0 or not reported', () => {
  expect(describeChange(changeFrom(120, 100))).toBe('▲20%');
  expect(describeChange(changeFrom(90, 120))).toBe('▼25%');
  expect(describeChange(changeFrom(1, 3))).toBe('▼66.7%');
  expect(describeChange(changeFrom(5, 5))).toBe('持平');
  expect(describeChange(changeFrom(5, 0))).toBe('无可比数据');
  expect(describeChange(changeFrom(5, null))).toBe('无可比数据');
  expect(describeChange(changeFrom(null, 5))).toBe('无可比数据');
  expect(describeChange(changeFrom(5, undefined))).toBe('无可比数据');
});

test('同比/环比 say 暂不可用 when a value could not be read (a store down), 无可比数据 only when the earlier period has nothing', () => {
  expect(comparisonText(120, 100)).toBe('▲20%');
  // The base (or the period's value) not answered: nobody can say there is nothing to compare with.
  expect(comparisonText(120, undefined)).toBe('暂不可用');
  expect(comparisonText(undefined, 100)).toBe('暂不可用');
  expect(comparisonText(undefined, undefined)).toBe('暂不可用');
  // The earlier period answered nothing, or 0: nothing to compare with, whatever the period's value.
  expect(comparisonText(120, 0)).toBe('无可比数据');
  expect(comparisonText(undefined, 0)).toBe('无可比数据');
  expect(comparisonText(120, null)).toBe('无可比数据');
  expect(comparisonText(null, 100)).toBe('无可比数据');
  // No comparison period (an open end, before the API's first date): nothing was asked.
  expect(comparisonText(120, null, false)).toBe('无可比数据');
  expect(comparisonText(undefined, undefined, false)).toBe('无可比数据');
});

test('the address holds the choice; the plain address is 本年 for all sides; nonsense falls back to it', () => {
  const ids = periodChoices('2026-12-04').map((c) => c.id);
  const plain = readPageChoice('', ids);
  expect(plain).toEqual({ period: 'year', from: '', to: '', side: '', wall: false });
  expect(pageChoiceSearch(plain)).toBe('');
  const custom = { period: 'custom', from: '2021-03-01', to: '2021-06-30', side: 'sichuan', wall: true };
  expect(pageChoiceSearch(custom)).toBe('?period=custom&from=2021-03-01&to=2021-06-30&side=sichuan&mode=wall');
  expect(readPageChoice(pageChoiceSearch(custom), ids)).toEqual(custom);
  expect(readPageChoice('?period=2021h1', ids).period).toBe('2021h1');
  expect(readPageChoice('?period=nonsense&from=2021-13&side=<b>', ids)).toEqual(plain);
  // A date of the right shape that is no day of the calendar is dropped too.
  expect(readPageChoice('?period=custom&from=2024-13-45&to=2023-02-29', ids)).toMatchObject({ period: 'custom', from: '', to: '' });
  expect(readPageChoice('?period=custom&from=2024-02-29', ids).from).toBe('2024-02-29');
  // Dates belong to a custom period only.
  expect(pageChoiceSearch({ ...plain, period: '2021h1', from: '2021-01-01' })).toBe('?period=2021h1');
});

test('a period reads as dates', () => {
  const date = (iso: string) => iso;
  expect(describePeriod({ from: '2021-01-01', to: '2021-06-30' }, date)).toBe('2021-01-01至2021-06-30');
  expect(describePeriod({ from: null, to: null }, date)).toBe('全部时间');
});
