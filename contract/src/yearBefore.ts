// Browser-safe (no imports): the dashboard's 同比 and the briefing's 上年同期 are these dates.

/** A closed period of calendar dates, both ends included (ISO, YYYY-MM-DD). */
export interface DatePeriod {
  readonly from: string;
  readonly to: string;
}

/**
 * Why a period longer than a year has no 同比 (上年同期), in the dashboard's and the briefing's one
 * wording (no full stop: each adds its own).
 */
export const OVERLAPS_YEAR_BEFORE = '本期长于一年，与上年同期大部分重叠，不作同比';

/** The last day of a month (month 1–12): 28 or 29 in February. */
const lastDayOf = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * The same dates a year before (同比, 上年同期), the one rule for the dashboard and the briefing;
 * null where there is nothing to compare with: a period longer than a year, whose year before would
 * reach into its own days (every figure 持平 against itself).
 *
 * Each end keeps its month and day, 29 February becoming the 28th (2024-02-29 → 2023-02-28; so
 * 2020-02-29..2021-02-28, 366 days, is compared with 2019-02-28..2020-02-28, as long, and not refused
 * as longer than a year). A period of whole months (from a month's 1st to a month's last day) is
 * compared with the same whole months: 2025年2月 (2025-02-01..2025-02-28) with 2024-02-01..2024-02-29,
 * 2024年2月 with 2023-02-01..2023-02-28. `byDays` compares such a period day for day instead (the
 * briefing's period cut short at today, which is as many days as it has: 2025-02-01..2025-02-28 →
 * 2024-02-01..2024-02-28).
 */
export function sameDatesYearBefore(period: DatePeriod, options: { byDays?: boolean } = {}): DatePeriod | null {
  const [fromYear, fromMonth, fromDay] = parts(period.from);
  const [toYear, toMonth, toDay] = parts(period.to);
  const wholeMonths = !options.byDays && fromDay === 1 && toDay === lastDayOf(toYear, toMonth);
  const from = date(fromYear - 1, fromMonth, Math.min(fromDay, lastDayOf(fromYear - 1, fromMonth)));
  const to = date(toYear - 1, toMonth, wholeMonths ? lastDayOf(toYear - 1, toMonth) : Math.min(toDay, lastDayOf(toYear - 1, toMonth)));
  return to >= period.from ? null : { from, to };
}

const parts = (iso: string): [number, number, number] => [Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10))];
const date = (year: number, month: number, day: number): string => `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
