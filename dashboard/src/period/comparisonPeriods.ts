import { DATE_RANGE } from '@linju/contract/dateRange';
import { sameDatesYearBefore } from '@linju/contract/yearBefore';
import { addDays, addMonths, daysSpanned, monthsSpanned } from './calendar.ts';
import type { Period } from './periodChoices.ts';

/**
 * The two periods a figure is compared with; null where the period has an open end, where the
 * comparison period would start before the first date the API accepts (`DATE_RANGE.min`), or (同比)
 * where the period is longer than a year: nothing to compare with (无可比数据), and nothing asked.
 */
export interface ComparisonPeriods {
  /** 同比: the same dates a year before (`sameDatesYearBefore`, the briefing's 上年同期). */
  readonly yearBefore: Period | null;
  /** 环比: the period of equal length just before. */
  readonly before: Period | null;
}

/**
 * 同比 and 环比 of a closed period. A period starting on a month's first day is of whole months
 * (本月 to today, a quarter, 2021年上半年): the one before is as many months earlier, day for day
 * (12月1日至4日 → 11月1日至4日; 2021年上半年 → 2020年7月1日至12月31日). Any other period is
 * compared with the same number of days just before it.
 */
export function comparisonPeriods(period: Period): ComparisonPeriods {
  const { from, to } = period;
  if (!from || !to || from > to) return { yearBefore: null, before: null };
  // The briefing's 上年同期 too: none for a period longer than a year, whose year before would be mostly its own days.
  const yearBefore = sameDatesYearBefore({ from, to });
  let before: Period;
  if (from.endsWith('-01')) {
    const months = monthsSpanned(from, to);
    before = { from: addMonths(from, -months), to: addMonths(to, -months, true) };
  } else {
    const days = daysSpanned(from, to);
    before = { from: addDays(from, -days), to: addDays(from, -1) };
  }
  return { yearBefore: yearBefore && askable(yearBefore), before: askable(before) };
}

/**
 * Whether a closed period is longer than a year, so that 同比 is not made (its year before would be
 * mostly its own days): the page says why (`OVERLAPS_YEAR_BEFORE`, the briefing's words), not 无可比数据.
 */
export function overlapsYearBefore(period: Period): boolean {
  const { from, to } = period;
  return !!from && !!to && from <= to && !sameDatesYearBefore({ from, to });
}

/** A comparison period the API accepts, or null for one that starts before its first date. */
const askable = (period: Period): Period | null => (period.from! < DATE_RANGE.min ? null : period);
