// Browser-safe (no imports): the dashboard keeps its comparison periods within what the API accepts.

/**
 * The dates the federation can mean, both ends included. A calendar date outside (year 0000, which
 * PostgreSQL has not, or 9999) is no record's date and is refused before it reaches a store. The
 * floor lies below 1900 so that a field's own, stricter rule (a birth date before 1900 is
 * `too-early`) still answers with its field and rule.
 */
export const DATE_RANGE = { min: '1800-01-01', max: '2999-12-31' } as const;

/** Whether an ISO date lies within {@link DATE_RANGE} (ISO dates of four-digit years compare as text). */
export function inDateRange(value: string): boolean {
  return value >= DATE_RANGE.min && value <= DATE_RANGE.max;
}
