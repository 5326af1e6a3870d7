import { describe, expect, test } from 'vitest';
import { describeBriefingPeriod, parsePeriod, previousPeriod, reportedPeriod, yearBefore } from '../src/index.ts';

/** The briefing's periods: how one is typed and named, and which periods it is compared with. */
describe('briefing periods', () => {
  test.each([
    ['2021-01-01..2021-06-30', '2021年上半年', '2020-07-01..2020-12-31', '2020-01-01..2020-06-30'],
    ['2021-07-01..2021-12-31', '2021年下半年', '2021-01-01..2021-06-30', '2020-07-01..2020-12-31'],
    ['2021-04-01..2021-06-30', '2021年第二季度', '2021-01-01..2021-03-31', '2020-04-01..2020-06-30'],
    ['2021-03-01..2021-03-31', '2021年3月', '2021-02-01..2021-02-28', '2020-03-01..2020-03-31'],
    ['2021-01-01..2021-12-31', '2021年', '2020-01-01..2020-12-31', '2020-01-01..2020-12-31'],
    ['2021-01-10..2021-01-19', '2021年1月10日至2021年1月19日', '2020-12-31..2021-01-09', '2020-01-10..2020-01-19'],
    // Whole months that are none of the calendar's named spans read as months, not as days.
    ['2021-02-01..2021-04-30', '2021年2月至4月', '2020-11-01..2021-01-31', '2020-02-01..2020-04-30'],
    ['2020-07-01..2021-06-30', '2020年7月至2021年6月', '2019-07-01..2020-06-30', '2019-07-01..2020-06-30'],
    ['2020-01-01..2021-12-31', '2020年至2021年', '2018-01-01..2019-12-31', '2019-01-01..2020-12-31'],
    ['2021-03-01..2021-05-20', '2021年3月1日至2021年5月20日', '2020-12-10..2021-02-28', '2020-03-01..2020-05-20'],
    ['2024-02-29..2024-03-05', '2024年2月29日至2024年3月5日', '2024-02-23..2024-02-28', '2023-02-28..2023-03-05'],
  ])('%s reads %s, follows %s, a year after %s', (typed, name, previous, lastYear) => {
    const period = parsePeriod(typed);
    const text = (p: { from: string; to: string }) => `${p.from}..${p.to}`;
    expect(describeBriefingPeriod(period)).toBe(name);
    expect(text(previousPeriod(period))).toBe(previous);
    expect(text(yearBefore(period))).toBe(lastYear);
  });

  test('a period not yet over is reported up to today, named so, and compared with periods as long', () => {
    const period = reportedPeriod(parsePeriod('2026-12-01..2026-12-31'), '2026-12-07');
    expect(period).toEqual({ from: '2026-12-01', to: '2026-12-07' });
    expect(describeBriefingPeriod(period)).toBe('2026年12月1日至2026年12月7日');
    expect(previousPeriod(period)).toEqual({ from: '2026-11-24', to: '2026-11-30' });
    expect(describeBriefingPeriod(reportedPeriod(parsePeriod('2026-12-01..2026-12-31'), '2026-12-01'))).toBe('2026年12月1日');
    // One that is over is reported whole.
    expect(reportedPeriod(parsePeriod('2026-11-01..2026-11-30'), '2026-12-07')).toEqual({ from: '2026-11-01', to: '2026-11-30' });
  });

  test.each([
    ['2021-06-30..2021-01-01', '晚于结束日期'],
    ['2021-02-30..2021-06-30', '不是有效日期'],
    ['2021-01-01', '应写作 起始日期..结束日期'],
    ['2021-01-01..2021-03-01..2021-06-30', '应写作 起始日期..结束日期'],
  ])('%s is refused: %s', (typed, message) => {
    expect(() => parsePeriod(typed)).toThrow(message);
  });
});
