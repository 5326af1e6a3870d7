import type { Period } from './periodChoices.ts';

/**
 * The alliance list's question for a period: every alliance founded by the period's end, as the
 * 累计 of the cards counts them (the overview for `{ from: null, to: <end> }`). An alliance is a
 * standing partnership: the joint office opening the page on 本年 expects the alliances it runs,
 * not only those founded this year (none, most years, so the list read empty). Those founded within
 * the period are marked (`foundedWithin`), those closed say so.
 */
export function standingAlliancesPeriod(period: Period): Period {
  return { from: null, to: period.to };
}

/** Whether an alliance founded on `foundedOn` (YYYY-MM-DD) was founded within `period` (新增, 本期新成立). */
export function foundedWithin(foundedOn: string, period: Period): boolean {
  return (!period.from || foundedOn >= period.from) && (!period.to || foundedOn <= period.to);
}
