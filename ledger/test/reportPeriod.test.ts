import { describe, expect, test } from 'vitest';
import { comparisonPeriods } from '../../dashboard/src/period/comparisonPeriods.ts';
import { describeBriefingPeriod, parsePeriod, previousPeriod, reportedPeriod, writeBriefing, yearBefore } from '../src/index.ts';

/** A period as typed after --period; `none` for no period (a period longer than a year has no 上年同期). */
const text = (p: { from: string | null; to: string | null } | null | undefined) => (p ? `${p.from}..${p.to}` : 'none');

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
    // Two years have no 上年同期: it would be half their own days.
    ['2020-01-01..2021-12-31', '2020年至2021年', '2018-01-01..2019-12-31', 'none'],
    ['2021-03-01..2021-05-20', '2021年3月1日至2021年5月20日', '2020-12-10..2021-02-28', '2020-03-01..2020-05-20'],
    ['2024-02-29..2024-03-05', '2024年2月29日至2024年3月5日', '2024-02-23..2024-02-28', '2023-02-28..2023-03-05'],
    // 2025年2月 is compared with the whole of 2024年2月, its 29th too.
    ['2025-02-01..2025-02-28', '2025年2月', '2025-01-01..2025-01-31', '2024-02-01..2024-02-29'],
  ])('%s reads %s, follows %s, a year after %s', (typed, name, previous, lastYear) => {
    const period = parsePeriod(typed);
    expect(describeBriefingPeriod(period)).toBe(name);
    expect(text(previousPeriod(period))).toBe(previous);
    expect(text(yearBefore(period))).toBe(lastYear);
  });

  // Each case pins today (China's day), so none depends on the day the tests run.
  test.each([
    // asked, today, reported, named, 上期 (as many days when cut short), 上年同期
    ['2026-12-01..2026-12-31', '2026-12-07', '2026-12-01..2026-12-07', '2026年12月1日至2026年12月7日', '2026-11-24..2026-11-30', '2025-12-01..2025-12-07'],
    ['2026-12-01..2026-12-31', '2026-12-01', '2026-12-01..2026-12-01', '2026年12月1日', '2026-11-30..2026-11-30', '2025-12-01..2025-12-01'],
    // Cut short on the last day of a month, of a half year, of the year: the days, never 第一季度, 上半年, 下半年, 12月.
    ['2026-01-01..2026-12-31', '2026-03-31', '2026-01-01..2026-03-31', '2026年1月1日至2026年3月31日', '2025-10-03..2025-12-31', '2025-01-01..2025-03-31'],
    ['2026-01-01..2026-12-31', '2026-06-30', '2026-01-01..2026-06-30', '2026年1月1日至2026年6月30日', '2025-07-04..2025-12-31', '2025-01-01..2025-06-30'],
    ['2026-07-01..2027-06-30', '2026-12-31', '2026-07-01..2026-12-31', '2026年7月1日至2026年12月31日', '2025-12-29..2026-06-30', '2025-07-01..2025-12-31'],
    ['2026-12-01..2027-01-31', '2026-12-31', '2026-12-01..2026-12-31', '2026年12月1日至2026年12月31日', '2026-10-31..2026-11-30', '2025-12-01..2025-12-31'],
    ['2026-08-01..2026-09-30', '2026-08-31', '2026-08-01..2026-08-31', '2026年8月1日至2026年8月31日', '2026-07-01..2026-07-31', '2025-08-01..2025-08-31'],
    // Cut short on 28 February after a leap year: as many days a year before, not the whole of 2024年2月.
    ['2025-02-01..2025-03-31', '2025-02-28', '2025-02-01..2025-02-28', '2025年2月1日至2025年2月28日', '2025-01-04..2025-01-31', '2024-02-01..2024-02-28'],
    // A period asked that ends today is that period, named and compared as such, its last day still in progress.
    ['2026-03-01..2026-03-31', '2026-03-31', '2026-03-01..2026-03-31', '2026年3月', '2026-02-01..2026-02-28', '2025-03-01..2025-03-31'],
    ['2026-01-01..2026-06-30', '2026-06-30', '2026-01-01..2026-06-30', '2026年上半年', '2025-07-01..2025-12-31', '2025-01-01..2025-06-30'],
    ['2026-01-01..2026-12-31', '2026-12-31', '2026-01-01..2026-12-31', '2026年', '2025-01-01..2025-12-31', '2025-01-01..2025-12-31'],
    ['2025-02-01..2025-02-28', '2025-02-28', '2025-02-01..2025-02-28', '2025年2月', '2025-01-01..2025-01-31', '2024-02-01..2024-02-29'],
  ])('%s asked on %s is reported as %s, %s, after %s, a year after %s', (asked, today, reported, name, previous, lastYear) => {
    const period = reportedPeriod(parsePeriod(asked), today);
    expect(text(period)).toBe(reported);
    expect(period.inProgress).toBe(asked.endsWith(today) ? 'lastDay' : 'cutShort');
    expect(describeBriefingPeriod(period)).toBe(name);
    expect(text(previousPeriod(period))).toBe(previous);
    expect(text(yearBefore(period))).toBe(lastYear);
    // The periods compared with are over, and named as any finished period.
    expect(previousPeriod(period).inProgress).toBeUndefined();
    expect(yearBefore(period)!.inProgress).toBeUndefined();
  });

  // The dashboard's 同比 and the briefing's 上年同期 are the one rule (`sameDatesYearBefore`): a period
  // from 29 February to the 28th a year later had a 上年同期 in the briefing and no 同比 on the dashboard.
  test.each([
    '2020-02-29..2021-02-28',
    '2024-02-29..2025-02-28',
    '2020-02-28..2021-02-28',
    '2024-02-01..2024-02-29',
    '2023-02-01..2023-02-28',
    '2025-02-01..2025-02-28',
    '2024-03-01..2025-02-28',
    '2023-03-01..2024-02-29',
    '2023-02-28..2024-02-29',
    '2024-02-29..2024-02-29',
    '2024-01-15..2024-02-29',
    '2025-01-15..2025-02-28',
    '2021-01-01..2021-12-31',
    '2021-04-01..2021-06-30',
    '2021-03-05..2021-03-14',
    '2021-01-02..2022-01-01',
    '2021-01-01..2022-01-01',
    '2021-07-01..2023-06-30',
  ])('%s: the briefing’s 上年同期 is the dashboard’s 同比', (typed) => {
    const period = parsePeriod(typed);
    expect(text(yearBefore(period))).toBe(text(comparisonPeriods(period).yearBefore));
  });

  test('a period over by today is reported whole, not in progress', () => {
    expect(reportedPeriod(parsePeriod('2026-11-01..2026-11-30'), '2026-12-07')).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(describeBriefingPeriod(reportedPeriod(parsePeriod('2026-01-01..2026-03-31'), '2026-04-01'))).toBe('2026年第一季度');
  });

  test.each([
    ['2021-06-30..2021-01-01', '时间段的起始日期 2021-06-30 晚于截止日期 2021-01-01。'],
    // A day that does not exist is said to, in the API's and the dashboard's words, not called badly written.
    ['2021-02-29..2021-03-31', '时间段的起始日期 2021-02-29 不存在，日历上没有这一天。'],
    ['2021-01-01..2021-06-31', '时间段的截止日期 2021-06-31 不存在，日历上没有这一天。'],
    ['2021-1-1..2021-06-30', '时间段的起始日期须写作 YYYY-MM-DD，例如 2024-06-30（收到“2021-1-1”）。'],
    ['2021-01-01', '应写作 起始日期..截止日期'],
    ['2021-01-01..2021-03-01..2021-06-30', '应写作 起始日期..截止日期'],
  ])('%s is refused: %s', (typed, message) => {
    expect(() => parsePeriod(typed)).toThrow(message);
  });

  // today and issuedOn are the caller's (tests, a server that knows the day): one that is not an ISO
  // date is refused before anything is read. Compared as text, 2026-12-7 took December for over (the
  // 1st to the 7th titled 2026年12月); a date of issue that does not read printed NaN年 in the header.
  test.each([
    [{ today: '2026-12-7' }, '今天的日期（today）“2026-12-7”不是有效日期'],
    [{ today: '2026-02-30' }, '今天的日期（today）“2026-02-30”不是有效日期'],
    [{ today: 'today' }, '今天的日期（today）“today”不是有效日期'],
    [{ today: new Date('2026-12-07T00:00:00Z') as unknown as string }, '今天的日期（today）'],
    [{ issuedOn: '2026年12月7日' }, '印发日期（issuedOn）“2026年12月7日”不是有效日期'],
  ])('writeBriefing refuses %o before reading the gateway: %s', async (given, message) => {
    // A gateway nobody listens on: without the check, the refusal would be 无法连接网关, after the period was named from a bad day.
    const briefing = writeBriefing({ period: '2026-12-01..2026-12-31', gatewayUrl: 'http://127.0.0.1:9/graphql', ...given });
    await expect(briefing).rejects.toThrow(message);
    await expect(briefing).rejects.toThrow('简报未生成');
  });
});
