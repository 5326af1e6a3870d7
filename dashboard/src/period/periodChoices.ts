import { halfYearName, quarterName } from '@linju/contract/calendarSpans';
import { addDays, addMonths } from './calendar.ts';

/** A period as the gateway takes it: ISO dates, either end open. */
export interface Period {
  from: string | null;
  to: string | null;
}

/** A period the filter offers, with the name people use for it. */
export interface PeriodChoice {
  readonly id: string;
  readonly label: string;
  readonly period: Period;
}

/** The choice the page opens on: the current year, to today. */
export const DEFAULT_PERIOD_ID = 'year';

/** The periods of the seed reports: fixed dates. */
export const SEED_PERIODS: readonly PeriodChoice[] = [
  { id: '2021h1', label: halfYearName(2021, 1), period: { from: '2021-01-01', to: '2021-06-30' } },
  { id: '2021h2-2023h1', label: '2021年7月—2023年6月', period: { from: '2021-07-01', to: '2023-06-30' } },
];

/**
 * Every period the filter offers, for `today` (China's date, `todayInChina()`): the current year,
 * quarter and month up to today, the last twelve months, the last whole quarter, half-year and year
 * (what a report reports on: named by their dates, 2026年第三季度, 2026年上半年, 2025年), the seed
 * reports' periods and all time. (`custom` takes the dates typed in.)
 */
export function periodChoices(today: string): PeriodChoice[] {
  const year = today.slice(0, 4);
  const month = Number(today.slice(5, 7));
  const quarterStart = `${year}-${String(month - ((month - 1) % 3)).padStart(2, '0')}-01`;
  const lastYear = String(Number(year) - 1);
  // The quarter before the current one: the fourth of last year in January to March.
  const quarter = Math.ceil(month / 3);
  const [lastQuarterYear, lastQuarter] = quarter === 1 ? [lastYear, 4] : [year, quarter - 1];
  const lastQuarterFrom = `${lastQuarterYear}-${String(lastQuarter * 3 - 2).padStart(2, '0')}-01`;
  const lastHalf: PeriodChoice =
    month > 6
      ? { id: 'last-half', label: halfYearName(year, 1), period: { from: `${year}-01-01`, to: `${year}-06-30` } }
      : { id: 'last-half', label: halfYearName(lastYear, 2), period: { from: `${lastYear}-07-01`, to: `${lastYear}-12-31` } };
  return [
    { id: 'year', label: '本年', period: { from: `${year}-01-01`, to: today } },
    { id: 'quarter', label: '本季度', period: { from: quarterStart, to: today } },
    { id: 'month', label: '本月', period: { from: `${today.slice(0, 7)}-01`, to: today } },
    { id: '12m', label: '近12个月', period: { from: addDays(addMonths(today, -12), 1), to: today } },
    {
      id: 'last-quarter',
      label: quarterName(lastQuarterYear, lastQuarter),
      period: { from: lastQuarterFrom, to: addDays(addMonths(lastQuarterFrom, 3), -1) },
    },
    lastHalf,
    { id: 'last-year', label: `${lastYear}年`, period: { from: `${lastYear}-01-01`, to: `${lastYear}-12-31` } },
    ...SEED_PERIODS,
    { id: 'all', label: '全部时间', period: { from: null, to: null } },
  ];
}

/** How a period reads in a heading: 2021年1月1日至2021年6月30日, 2021年7月1日起, 全部时间. */
export function describePeriod(period: Period, formatDate: (iso: string) => string): string {
  if (period.from && period.to) return `${formatDate(period.from)}至${formatDate(period.to)}`;
  if (period.from) return `${formatDate(period.from)}起`;
  if (period.to) return `截至${formatDate(period.to)}`;
  return '全部时间';
}
