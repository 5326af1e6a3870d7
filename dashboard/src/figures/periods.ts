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

/** The periods of the seed reports, and all time; `custom` takes the dates typed in. */
export const PERIOD_CHOICES: readonly PeriodChoice[] = [
  { id: '2021h1', label: '2021年上半年', period: { from: '2021-01-01', to: '2021-06-30' } },
  { id: '2021h2-2023h1', label: '2021年7月—2023年6月', period: { from: '2021-07-01', to: '2023-06-30' } },
  { id: 'all', label: '全部时间', period: { from: null, to: null } },
];

/** The default: the first half of 2021, the period of the Suining–Tongnan report. */
export const DEFAULT_PERIOD = PERIOD_CHOICES[0]!;

/** How a period reads in a heading: 2021年1月1日至2021年6月30日, 2021年7月1日起, 全部时间. */
export function describePeriod(period: Period, formatDate: (iso: string) => string): string {
  if (period.from && period.to) return `${formatDate(period.from)}至${formatDate(period.to)}`;
  if (period.from) return `${formatDate(period.from)}起`;
  if (period.to) return `截至${formatDate(period.to)}`;
  return '全部时间';
}
