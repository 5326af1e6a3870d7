import { dateProblem } from '@linju/contract';
import { PERIOD_END_LABELS, periodOrderProblem } from '@linju/contract/dateRange';
import { halfYearName, quarterName } from '@linju/contract/calendarSpans';
import { sameDatesYearBefore } from '@linju/contract/yearBefore';
import { LedgerError } from '../LedgerError.ts';

/** A closed period of calendar dates, both ends included (ISO, YYYY-MM-DD). */
export interface BriefingPeriod {
  readonly from: string;
  readonly to: string;
  /**
   * Set when its last day is today in China, a day still in progress ({@link reportedPeriod}):
   * `cutShort`, the period asked ends later and this is the part of it so far, named by its days and
   * compared with periods as many days long; `lastDay`, the period asked ends today, and it is that
   * period, named and compared as such. The briefing says of either that its last day is not over.
   */
  readonly inProgress?: 'cutShort' | 'lastDay';
}

const DAY = 86_400_000;
const time = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * What is wrong with a period's end as typed (`end`: from or to), in Chinese, or undefined: the API's own words
 * (`dateProblem`'s Chinese half), so that a day that does not exist (2021-02-29) is said to, as the API and the
 * dashboard say it, not called a badly written date: `时间段的起始日期 2021-02-29 不存在，日历上没有这一天`.
 */
export function periodEndProblem(value: string, end: 'from' | 'to'): string | undefined {
  const problem = dateProblem(value, end);
  return problem && `时间段的${problem.split(' / ')[0]!.trim()}`;
}

/** `2021-01-01..2021-06-30` as typed after --period; a bad one is refused in Chinese. */
export function parsePeriod(text: string): BriefingPeriod {
  const [from, to, extra] = text.trim().split('..');
  if (!from || !to || extra !== undefined) throw new LedgerError(`时间段“${text}”应写作 ${PERIOD_END_LABELS.from}..${PERIOD_END_LABELS.to}，例如 2021-01-01..2021-06-30。`);
  for (const [end, date] of [['from', from], ['to', to]] as const) {
    const problem = periodEndProblem(date, end);
    if (problem) throw new LedgerError(`${problem}。`);
  }
  if (from > to) throw new LedgerError(`${periodOrderProblem(from, to)}。`);
  return { from, to };
}

const lastDay = (year: number, month: number) => iso(Date.UTC(year, month, 0));

/** How many calendar months a period spans when it runs from a month's first day to a month's last, else undefined. */
function wholeMonths({ from, to }: BriefingPeriod): number | undefined {
  const [fromYear, fromMonth] = from.split('-').map(Number) as [number, number];
  const [toYear, toMonth] = to.split('-').map(Number) as [number, number];
  if (!from.endsWith('-01') || to !== lastDay(toYear, toMonth)) return undefined;
  return (toYear - fromYear) * 12 + toMonth - fromMonth + 1;
}

/**
 * The period just before this one (环比, 上期), ending the day before it starts: as many calendar
 * months for a span of whole months (the first half of 2021 follows the second half of 2020),
 * otherwise as many days.
 */
export function previousPeriod(period: BriefingPeriod): BriefingPeriod {
  const to = time(period.from) - DAY;
  // A period cut short at today is as many days as it has, though they may end at a month's end.
  const months = period.inProgress === 'cutShort' ? undefined : wholeMonths(period);
  if (months) {
    const [year, month] = period.from.split('-').map(Number) as [number, number];
    return { from: iso(Date.UTC(year, month - 1 - months, 1)), to: iso(to) };
  }
  const days = (time(period.to) - time(period.from)) / DAY;
  return { from: iso(to - days * DAY), to: iso(to) };
}

/**
 * What a briefing of `period` can report on `today` (both ISO, China's day, `todayInChina`): a period
 * not yet over only up to today, and named so (2026年12月1日至2026年12月7日, not 2026年12月; on
 * 2026-03-31, 2026年 is 2026年1月1日至2026年3月31日, not 2026年第一季度), so that it is never taken for
 * the whole span, nor for a finished span it happens to fill, nor compared, figure by figure, with a
 * whole previous one. A period ending today is the whole period asked, its last day in progress.
 */
export function reportedPeriod(period: BriefingPeriod, today: string): BriefingPeriod {
  const { from, to } = period;
  if (to > today) return { from, to: today, inProgress: 'cutShort' };
  return to === today ? { from, to, inProgress: 'lastDay' } : { from, to };
}

/**
 * 上年同期: the same dates a year before, as the dashboard's 同比 (`sameDatesYearBefore`: 29 February
 * becomes the 28th, whole months are the same whole months); a period cut short at today day for day,
 * as many days as it has. Undefined for a period longer than a year ({@link overlapsYearBefore}).
 */
export function yearBefore(period: BriefingPeriod): BriefingPeriod | undefined {
  return sameDatesYearBefore(period, { byDays: period.inProgress === 'cutShort' }) ?? undefined;
}

/**
 * Whether the same dates a year before reach into the period itself (a period longer than a year):
 * then a 上年同期 would be mostly the same days, and every figure 持平 against itself; not compared.
 */
export const overlapsYearBefore = (period: BriefingPeriod): boolean => !yearBefore(period);

/** A date as people read it here: 2021年3月5日. */
export const chineseDate = (date: string) => {
  const [year, month, day] = date.split('-').map(Number);
  return `${year}年${month}月${day}日`;
};

/**
 * How a briefing names its period: 2021年上半年, 2021年下半年, 2021年第一季度, 2021年3月, 2021年 for
 * the calendar's own spans; other whole months as months (2021年2月至4月, 2020年7月至2021年6月,
 * 2020年至2021年), as a report names them; otherwise, and always for a period cut short at today,
 * 2021年1月1日至2021年5月20日 (one day: 2021年5月20日).
 */
export function describeBriefingPeriod({ from, to, inProgress }: BriefingPeriod): string {
  const [year, month, day] = from.split('-').map(Number) as [number, number, number];
  const endYear = Number(to.slice(0, 4));
  const endMonth = Number(to.slice(5, 7));
  if (day === 1 && to === lastDay(endYear, endMonth) && inProgress !== 'cutShort') {
    if (endYear === year) {
      if (month === 1 && endMonth === 12) return `${year}年`;
      if (month === 1 && endMonth === 6) return halfYearName(year, 1);
      if (month === 7 && endMonth === 12) return halfYearName(year, 2);
      if (month % 3 === 1 && endMonth === month + 2) return quarterName(year, endMonth / 3);
      if (month === endMonth) return `${year}年${month}月`;
      return `${year}年${month}月至${endMonth}月`;
    }
    if (month === 1 && endMonth === 12) return `${year}年至${endYear}年`;
    return `${year}年${month}月至${endYear}年${endMonth}月`;
  }
  return from === to ? chineseDate(from) : `${chineseDate(from)}至${chineseDate(to)}`;
}

/**
 * The period as a heading of the 附表 names it, where room is short: as {@link describeBriefingPeriod},
 * but a period of days does not repeat its year, nor its month, after 至 (2026年11月24日至30日,
 * 2025年10月3日至12月31日), as Chinese writes a span of days; the calendar's spans read as ever.
 */
export function shortBriefingPeriod(period: BriefingPeriod): string {
  const named = describeBriefingPeriod(period);
  if (!named.endsWith('日') || period.from === period.to) return named;
  const [year, month] = period.from.split('-').map(Number) as [number, number];
  const [endYear, endMonth, endDay] = period.to.split('-').map(Number) as [number, number, number];
  const end = endYear !== year ? chineseDate(period.to) : endMonth !== month ? `${endMonth}月${endDay}日` : `${endDay}日`;
  return `${chineseDate(period.from)}至${end}`;
}
