/**
 * The names of the calendar's own spans within a year, as a report names its period: 2021年上半年,
 * 2021年下半年, 2021年第一季度 … 第四季度. The dashboard's period filter names its last whole
 * quarter and half-year by them, the briefing its period. Browser-safe.
 */
const QUARTER_NAMES = ['第一季度', '第二季度', '第三季度', '第四季度'] as const;
const HALF_YEAR_NAMES = ['上半年', '下半年'] as const;

/** A quarter (1–4) of `year`: 2021年第一季度. */
export const quarterName = (year: number | string, quarter: number): string => `${year}年${QUARTER_NAMES[quarter - 1]}`;

/** A half-year (1: January to June, 2: July to December) of `year`: 2021年上半年. */
export const halfYearName = (year: number | string, half: 1 | 2): string => `${year}年${HALF_YEAR_NAMES[half - 1]}`;
