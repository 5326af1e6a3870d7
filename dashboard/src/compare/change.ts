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
 * could not be read; else the change (`describeChange`).
 */
export function comparisonText(current: Reading, base: Reading, compared = true): string {
  if (!compared || base === null || base === 0) return NOTHING_TO_COMPARE;
  if (base === undefined || current === undefined) return UNAVAILABLE;
  return describeChange(changeFrom(current, base));
}
