import { shownUnit } from '@linju/contract/shownUnit';

/**
 * Numbers the Chinese way: digits grouped by zh-CN, and large counts in 万 and 亿 (10⁴, 10⁸)
 * rather than thousands and millions. An amount already in 万元 becomes 亿元 from 10 000 万元 on.
 */
const plain = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 });
const scaled = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2, minimumFractionDigits: 0 });
/** An amount in a larger unit than its own (亿元 of 万元): two decimals, or two significant digits where that shows more (500万元 beside 682亿元 is 0.05亿元, never 0). */
const inLargerUnit = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2, maximumSignificantDigits: 2, roundingPriority: 'morePrecision' } as Intl.NumberFormatOptions);
const twoDecimals = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2, useGrouping: false });

/**
 * The size of a value as it will be printed (two decimals, rounded as Intl rounds), which is what
 * picks the unit: 99 999 999 rounds to 10 000万, so it reads 1亿.
 */
function printedSize(value: number): number {
  return Math.abs(Number(twoDecimals.format(value)));
}

/** A count or measure: 1,650 · 1.23万 · 3.5亿 (to two decimals; the exact value is `formatExact`). */
export function formatNumber(value: number): string {
  if (printedSize(value / 1e4) >= 1e4) return `${scaled.format(value / 1e8)}亿`;
  if (printedSize(value) >= 1e4) return `${scaled.format(value / 1e4)}万`;
  return plain.format(value);
}

/** The exact value, grouped: for a tooltip beside a rounded 万 or 亿. */
export function formatExact(value: number): string {
  return plain.format(value);
}

/**
 * A value with its unit, the one formatting of a figure's values (`shownUnit`, which the briefing
 * follows too): 万元 amounts from 1 亿元 on are shown in 亿元. `largest` is the largest of the values
 * shown with it (a card's total, parts and bases): all of them then read in one unit.
 */
export function formatWithUnit(value: number | null | undefined, unit: string, largest: number = value ?? 0): { value: string; unit: string } {
  const shown = shownUnit(unit, Math.max(Math.abs(largest), Math.abs(value ?? 0)));
  if (value === null || value === undefined || Number.isNaN(value)) return { value: '—', unit: shown.unit };
  if (shown.divisor !== 1) return { value: inLargerUnit.format(value / shown.divisor), unit: shown.unit };
  return { value: formatNumber(value), unit };
}

/** The same as one string: `1,546 万元`. */
export function formatFigure(value: number | null | undefined, unit: string, largest?: number): string {
  const { value: text, unit: shown } = formatWithUnit(value, unit, largest);
  return text === '—' ? text : `${text} ${shown}`;
}

/** A date as people read it here: 2021年3月5日. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const [year, month, day] = iso.split('-').map(Number);
  return `${year}年${month}月${day}日`;
}

/** A month, YYYY-MM, as an axis label: 2021年3月. */
export function formatMonth(month: string): string {
  const [year, number] = month.split('-').map(Number);
  return `${year}年${number}月`;
}
