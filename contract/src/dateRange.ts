// Browser-safe (no imports): the dashboard keeps its comparison periods within what the API accepts,
// and calls a period's ends as the API's refusals do.

/**
 * The dates the federation can mean, both ends included. A calendar date outside (year 0000, which
 * PostgreSQL has not, or 9999) is no record's date and is refused before it reaches a store. The
 * floor lies below 1900 so that a field's own, stricter rule (a birth date before 1900 is
 * `too-early`) still answers with its field and rule.
 */
export const DATE_RANGE = { min: '1800-01-01', max: '2999-12-31' } as const;

/**
 * The founding of the Communist Party of China (建党日): no party organization, and no alliance of
 * them, was founded before it. A founding date before it is a typing slip (1921 for 2021, a
 * century dropped), refused as `too-early` rather than carried into every record the organization
 * then dates (its activities, posts and teams may not precede it).
 */
export const EARLIEST_FOUNDING = '1921-07-01';

/**
 * A period's ends in words (起始日期, 截止日期), as `PeriodInput` describes them (a contract test keeps
 * the two alike): what every refusal of a period calls them, the API's (`checkPeriod`, `dateLabel`),
 * the dashboard's (a period chosen or in its address) and the ledger's (an export's or a briefing's
 * --period). Never 开始日期 or 结束日期, which are a project's start and an alliance's close.
 */
export const PERIOD_END_LABELS = { from: '起始日期', to: '截止日期' } as const;

/** A period that ends before it starts, as the API and the ledger refuse it: 时间段的起始日期 2021-06-30 晚于截止日期 2021-01-01. */
export const periodOrderProblem = (from: string, to: string): string => `时间段的${PERIOD_END_LABELS.from} ${from} 晚于${PERIOD_END_LABELS.to} ${to}`;

/** Whether an ISO date lies within {@link DATE_RANGE} (ISO dates of four-digit years compare as text). */
export function inDateRange(value: string): boolean {
  return value >= DATE_RANGE.min && value <= DATE_RANGE.max;
}
