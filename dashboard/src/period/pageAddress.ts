import { DATE_RANGE, inDateRange, PERIOD_END_LABELS } from '@linju/contract/dateRange';
import { DEFAULT_PERIOD_ID, type Period } from './periodChoices.ts';

/** What the page's address holds: the period chosen (and its dates when custom), the side, the wall mode. */
export interface PageChoice {
  readonly period: string;
  readonly from: string;
  readonly to: string;
  /** A jurisdiction's key, or '' for all of them (the joint total). */
  readonly side: string;
  readonly wall: boolean;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar day written YYYY-MM-DD (2024-02-30 and 2024-13-45 are not). */
export const isCalendarDate = (text: string): boolean => ISO_DATE.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) && new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10) === text;

/**
 * The choice in a query string (`?period=2021h1&side=sichuan`, `?period=custom&from=…&to=…`,
 * `&mode=wall`): a link opens the same view, a reload keeps it, Back returns to the one before.
 * Anything unknown falls back to the default (本年, all sides).
 */
export function readPageChoice(search: string, periodIds: readonly string[]): PageChoice {
  const query = new URLSearchParams(search);
  const period = query.get('period') ?? '';
  const date = (name: string) => (isCalendarDate(query.get(name) ?? '') ? query.get(name)! : '');
  return {
    period: period === 'custom' || periodIds.includes(period) ? period : DEFAULT_PERIOD_ID,
    from: date('from'),
    to: date('to'),
    side: /^[a-z][a-z0-9-]*$/.test(query.get('side') ?? '') ? query.get('side')! : '',
    wall: query.get('mode') === 'wall',
  };
}

/** A value from the address as the page quotes it back: short, so the banner is no echo of whatever a link holds. */
const quoted = (text: string): string => `“${text.length > 20 ? `${text.slice(0, 20)}…` : text}”`;

/** The banner's sentence for a side the address names that is no jurisdiction of the federation: ignored, and said so. */
export const unknownSideNote = (side: string): string => `页面地址中的辖区${quoted(side)}不存在，已改为显示全部辖区。`;

/** The banner's sentence for a period the address names that the page does not offer: 本年 instead, and said so. */
export const unknownPeriodNote = (period: string): string => `页面地址中的时间段${quoted(period)}不存在，已改为显示本年。`;

/**
 * What is wrong with an address that `readPageChoice` cannot take as it is, in the person's words:
 * a custom period's date that is no day of the calendar (2021-02-30) is said, not dropped (the
 * page would show another period: 截至2021年6月30日 for 2021-02-30 to 2021-06-30); a side written as
 * no jurisdiction's key can be is said and ignored; a period the page does not offer (`periodIds`,
 * ?period=bogus) is said, and 本年 shown. A well-formed key no jurisdiction has is found when the
 * gateway refuses it (`unknownSideNote`).
 */
export function addressProblems(search: string, periodIds: readonly string[]): { dates: string[]; side: string | null; period: string | null } {
  const query = new URLSearchParams(search);
  const period = query.get('period');
  const dates: string[] = [];
  if (query.get('period') === 'custom') {
    for (const name of ['from', 'to'] as const) {
      const text = query.get(name);
      if (text && !isCalendarDate(text)) dates.push(`时间段有误：页面地址中的${PERIOD_END_LABELS[name]}${quoted(text)}不是实际存在的日期（应为“年-月-日”，如 2021-06-30）。`);
    }
  }
  const side = query.get('side');
  return {
    dates,
    side: side && !/^[a-z][a-z0-9-]*$/.test(side) ? unknownSideNote(side) : null,
    period: period !== null && period !== 'custom' && !periodIds.includes(period) ? unknownPeriodNote(period) : null,
  };
}

/** The earliest day the date pickers offer: before Linju's records begin. */
export const EARLIEST_PICKED = '2015-01-01';

/**
 * What the custom period's pickers offer: from 2015 to the end of this year (`today`'s), 起 no later
 * than 止 and 止 no earlier than 起, so neither a period of the far future nor dates in the wrong
 * order is picked.
 */
export function pickerBounds(from: string, to: string, today: string): { from: { min: string; max: string }; to: { min: string; max: string } } {
  const last = `${today.slice(0, 4)}-12-31`;
  return { from: { min: EARLIEST_PICKED, max: to && to < last ? to : last }, to: { min: from && from > EARLIEST_PICKED ? from : EARLIEST_PICKED, max: last } };
}

/**
 * What is wrong with a period before it is asked for, in the person's words (the gateway would
 * refuse it, and its refusal must not read as a store down): dates in the wrong order, a date
 * outside what the federation can mean (9999-01-01).
 */
export function periodProblems(period: Period, formatDate: (iso: string) => string): string[] {
  const range = (['from', 'to'] as const).flatMap((end) => {
    const date = period[end];
    return date && !inDateRange(date) ? [`时间段有误：${PERIOD_END_LABELS[end]}（${date}）超出可查询的范围（${DATE_RANGE.min} 至 ${DATE_RANGE.max}）。`] : [];
  });
  if (range.length) return range;
  return period.from && period.to && period.from > period.to ? [`时间段有误：${PERIOD_END_LABELS.from}（${formatDate(period.from)}）晚于${PERIOD_END_LABELS.to}（${formatDate(period.to)}）。`] : [];
}

/**
 * A period that has not begun (`today`, China's date, is before its first day): its 新增 are all 0
 * and its 累计 is what stands today, which the banner says rather than showing zeros as if counted.
 */
export function notBegunNote(period: Period, today: string, describe: (period: Period) => string): string | null {
  return period.from && period.from > today ? `所选时间段（${describe(period)}）尚未开始：新增均为 0，累计为截至今日的数。` : null;
}

/** The query string for a choice; the default parts are left out, so the plain address is 本年, all sides. */
export function pageChoiceSearch(choice: PageChoice): string {
  const query = new URLSearchParams();
  if (choice.period !== DEFAULT_PERIOD_ID) query.set('period', choice.period);
  if (choice.period === 'custom') {
    if (choice.from) query.set('from', choice.from);
    if (choice.to) query.set('to', choice.to);
  }
  if (choice.side) query.set('side', choice.side);
  if (choice.wall) query.set('mode', 'wall');
  const text = query.toString();
  return text ? `?${text}` : '';
}
