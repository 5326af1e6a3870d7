import { describe, expect, test } from 'vitest';
import { sameDatesYearBefore, type DatePeriod } from '../src/yearBefore.ts';

const period = (text: string): DatePeriod => {
  const [from, to] = text.split('..') as [string, string];
  return { from, to };
};
const text = (p: DatePeriod | null) => p && `${p.from}..${p.to}`;
const DAY = 86_400_000;
const days = ({ from, to }: DatePeriod) => (Date.parse(to) - Date.parse(from)) / DAY + 1;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** 同比 (the dashboard) and 上年同期 (the briefing): the same dates a year before, or none. */
describe('the same dates a year before', () => {
  test.each([
    // The calendar's spans: the same span.
    ['2021-01-01..2021-12-31', '2020-01-01..2020-12-31'],
    ['2021-01-01..2021-06-30', '2020-01-01..2020-06-30'],
    ['2021-04-01..2021-06-30', '2020-04-01..2020-06-30'],
    ['2020-07-01..2021-06-30', '2019-07-01..2020-06-30'],
    // Whole months are the same whole months, February's last day whichever it is.
    ['2024-02-01..2024-02-29', '2023-02-01..2023-02-28'],
    ['2023-02-01..2023-02-28', '2022-02-01..2022-02-28'],
    ['2025-02-01..2025-02-28', '2024-02-01..2024-02-29'],
    ['2025-01-01..2025-02-28', '2024-01-01..2024-02-29'],
    ['2024-03-01..2025-02-28', '2023-03-01..2024-02-29'],
    ['2023-03-01..2024-02-29', '2022-03-01..2023-02-28'],
    ['2021-03-01..2021-03-31', '2020-03-01..2020-03-31'],
    // Days: each date a year before, 29 February the 28th; a month's last day is no whole month.
    ['2024-02-29..2024-02-29', '2023-02-28..2023-02-28'],
    ['2024-02-29..2024-03-10', '2023-02-28..2023-03-10'],
    ['2024-01-15..2024-02-29', '2023-01-15..2023-02-28'],
    ['2025-01-15..2025-02-28', '2024-01-15..2024-02-28'],
    ['2024-02-01..2024-02-28', '2023-02-01..2023-02-28'],
    ['2021-01-10..2021-01-19', '2020-01-10..2020-01-19'],
    ['2021-03-01..2021-05-20', '2020-03-01..2020-05-20'],
    // A year from 29 February: 366 days, as the year before it (which ends the day before, on the 28th).
    ['2020-02-29..2021-02-28', '2019-02-28..2020-02-28'],
    ['2024-02-29..2025-02-28', '2023-02-28..2024-02-28'],
    ['2021-01-02..2022-01-01', '2020-01-02..2021-01-01'],
    // Longer than a year: the year before would reach into the period itself.
    ['2020-02-28..2021-02-28', null],
    ['2023-02-28..2024-02-29', null],
    ['2024-02-01..2025-02-28', null],
    ['2021-01-01..2022-01-01', null],
    ['2021-07-01..2023-06-30', null],
    ['2020-01-01..2021-12-31', null],
  ])('%s → %s', (asked, expected) => {
    expect(text(sameDatesYearBefore(period(asked)))).toBe(expected);
  });

  test('byDays: a whole month compared day for day (the briefing’s period cut short at today)', () => {
    expect(text(sameDatesYearBefore(period('2025-02-01..2025-02-28'), { byDays: true }))).toBe('2024-02-01..2024-02-28');
    expect(text(sameDatesYearBefore(period('2024-02-01..2024-02-29'), { byDays: true }))).toBe('2023-02-01..2023-02-28');
    expect(text(sameDatesYearBefore(period('2026-01-01..2026-03-31'), { byDays: true }))).toBe('2025-01-01..2025-03-31');
  });

  test('whatever the period, the year before ends before it, is a day as long at most apart, and exists for every period of a year or less', () => {
    let compared = 0;
    const wrong: string[] = [];
    for (let start = Date.UTC(2019, 0, 1); start <= Date.UTC(2025, 11, 31); start += DAY) {
      for (const length of [1, 2, 28, 29, 30, 31, 59, 60, 364, 365, 366, 367, 368, 730]) {
        const asked = { from: iso(start), to: iso(start + (length - 1) * DAY) };
        const back = sameDatesYearBefore(asked);
        if (length <= 365 && !back) wrong.push(`${text(asked)}: none`);
        if (length >= 368 && back) wrong.push(`${text(asked)}: ${text(back)}`);
        if (!back) continue;
        compared += 1;
        const fits = back.to < asked.from && Math.abs(days(back) - length) <= 1 && Number(back.from.slice(0, 4)) === Number(asked.from.slice(0, 4)) - 1;
        if (!fits) wrong.push(`${text(asked)}: ${text(back)}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(compared).toBeGreaterThan(2557 * 10);
  });
});
