// Browser-safe (no imports): the dashboard's cards and the ledger's briefing choose a unit by it.

/** Two decimals, as both print a value; what rounds up to 10 000 万元 is 1 亿元. */
const twoDecimals = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2, useGrouping: false });

/** A catalogue unit as shown: the unit printed, and what a value in the catalogue's unit is divided by. */
export interface ShownUnit {
  readonly unit: string;
  readonly divisor: number;
}

/**
 * The one rule for showing a figure's values with their unit: an amount in 万元 reads in 亿元 once
 * the largest of the values shown together (a card's total, its sides' parts and the bases it is
 * compared with; a sentence's value and its 上期新增) reaches 1 亿元 as printed (two decimals), so
 * one figure never reads 149.6亿元 beside 6,821,000万元, nor 1,200亿元 beside 0万元. Any other
 * unit as it is.
 */
export function shownUnit(unit: string, largest: number): ShownUnit {
  if (unit === '万元' && Math.abs(Number(twoDecimals.format(largest))) >= 10_000) return { unit: '亿元', divisor: 10_000 };
  return { unit, divisor: 1 };
}

/**
 * A catalogue unit as a figure's 统计口径 names it: the unit its values are stored and summed in,
 * with the rule above said where it applies (单位：万元（满一亿元时以亿元显示）).
 */
export const unitNote = (unit: string): string => (unit === '万元' ? '万元（满一亿元时以亿元显示）' : unit);
