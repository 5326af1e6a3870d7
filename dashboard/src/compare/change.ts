import type { Reading } from '../figures/cardValues.ts';

/** What 同比 or 环比 says when the earlier period has nothing to compare with: a base of 0, none reported, no such period. */
export const NOTHING_TO_COMPARE = '无可比数据';

/**
 * What the page says of a value it could not read (a store down): a card's figure, 同比 or 环比 whose
 * value or base is missing (not that there is nothing), a side in the 辖区 selector, a store's 数据截至.
 */
export const UNAVAILABLE = '暂不可用';

/** A change from a base: the ratio minus one, or null when there is nothing to compare with. */
export function changeFrom(current: number | null | undefined, base: number | null | undefined): number | null {
  if (current === null || current === undefined || base === null || base === undefined || base === 0) return null;
  return current / base - 1;
}

/** ▲12.5% / ▼3% / 持平, or 无可比数据 when the base is 0 or not reported. */
export function describeChange(change: number | null): string {
  if (change === null) return NOTHING_TO_COMPARE;
  const percent = Math.round(change * 1000) / 10;
  if (percent === 0) return '持平';
  return `${percent > 0 ? '▲' : '▼'}${Math.abs(percent).toLocaleString('zh-CN', { maximumFractionDigits: 1 })}%`;
}

/**
 * 同比 or 环比 as a card says it, from the period's value and the base (`Reading`s: undefined is a
 * store that did not answer): 无可比数据 only when the earlier period has nothing (a base of 0 or
 * not reported, or no comparison period: `compared` false); 暂不可用 when the base or the value
 * could not be read; else the change (`describeChange`). `uncompared` is said instead where there is
 * no comparison period for a reason (`comparisonWords`).
 */
export function comparisonText(current: Reading, base: Reading, compared = true, uncompared = NOTHING_TO_COMPARE): string {
  if (!compared) return uncompared;
  if (base === null || base === 0) return NOTHING_TO_COMPARE;
  if (base === undefined || current === undefined) return UNAVAILABLE;
  return describeChange(changeFrom(current, base));
}

/** What 同比 says, on a card, of a period longer than a year (the whole reason is in its title and the legend: `OVERLAPS_YEAR_BEFORE`). */
export const LONGER_THAN_A_YEAR = '本期长于一年';

/** 同比 or 环比 as a card labels it. */
export type ComparisonKind = '同比' | '环比';

/**
 * The words of a card's 同比 or 环比: its label, and what it says when there is no comparison period.
 * A card showing 累计 (what stands) beside 新增 compares 新增: it says so (新增同比 ▼100%), lest a fall
 * read as alliances gone. A period longer than a year (`overlapsYearBefore`) has no 同比: the card
 * says why (本期长于一年), not 无可比数据.
 */
export function comparisonWords(kind: ComparisonKind, card: { showsStock: boolean; overlapsYearBefore: boolean }): { label: string; uncompared: string } {
  return {
    label: card.showsStock ? `新增${kind}` : kind,
    uncompared: kind === '同比' && card.overlapsYearBefore ? LONGER_THAN_A_YEAR : NOTHING_TO_COMPARE,
  };
}
