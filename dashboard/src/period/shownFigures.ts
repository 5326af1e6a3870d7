import { formatDate } from '../format/formatNumber.ts';
import type { Period } from './periodChoices.ts';

/** The figures on screen: the period and side read, China's date when the read was answered and its clock (更新于). */
export interface ShownFigures {
  readonly period: Period;
  readonly side: string | null;
  readonly readOn: string;
  readonly at: string;
}

/**
 * Whether the figures on screen stand for the period and side chosen while the gateway cannot be
 * reached (else none are shown under its name, `showNoFigures`): their own, or their period run on
 * past midnight. 本年 read on 8 December (2026-01-01..2026-12-08) is 2026-01-01..2026-12-09 on the 9th,
 * and no record is dated after the day it is registered (the stores refuse a date later than today),
 * so what was read is that period's as of the read: a wall left open on 本年 overnight dropped every
 * figure at midnight. 本月 in a new month, 近12个月 a day later or 本年 in a new year begin on another day:
 * another period.
 */
export function stillShown(shown: ShownFigures | null, period: Period, side: string | null): boolean {
  if (!shown || shown.side !== side || shown.period.from !== period.from) return false;
  if (shown.period.to === period.to) return true;
  return shown.period.to === shown.readOn && period.to !== null && period.to > shown.readOn;
}

/** 更新于 23:50:12, with the day when it is not `today` (更新于 2026年12月8日 23:50:12): past midnight the clock alone read as today's. */
export function updatedText(shown: ShownFigures, today: string): string {
  return `更新于 ${shown.readOn === today ? '' : `${formatDate(shown.readOn)} `}${shown.at}`;
}
