/** Date arithmetic on ISO dates (`YYYY-MM-DD`), in whole days and months, with no time zone involved. */

const DAY_MS = 86_400_000;

const toUtc = (iso: string): number => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
const fromUtc = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** The number of days in a month (month 1–12). */
export const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

export function addDays(iso: string, days: number): string {
  return fromUtc(toUtc(iso) + days * DAY_MS);
}

/** Days from `from` to `to`, both counted: 2021-01-01 → 2021-01-31 is 31. */
export function daysSpanned(from: string, to: string): number {
  return Math.round((toUtc(to) - toUtc(from)) / DAY_MS) + 1;
}

export const isLastOfMonth = (iso: string): boolean => Number(iso.slice(8, 10)) === daysInMonth(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)));

/**
 * `months` months later (earlier when negative), the day kept where the month has it, else its
 * last day (2024-02-29 a year before is 2023-02-28); `keepLast` keeps a month's last day its last day.
 */
export function addMonths(iso: string, months: number, keepLast = false): string {
  const index = Number(iso.slice(0, 4)) * 12 + Number(iso.slice(5, 7)) - 1 + months;
  const [year, month] = [Math.floor(index / 12), (index % 12) + 1];
  const last = daysInMonth(year, month);
  const day = keepLast && isLastOfMonth(iso) ? last : Math.min(Number(iso.slice(8, 10)), last);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Months from `from`'s month to `to`'s, both counted: 2021-01-01 → 2021-06-30 is 6. */
export function monthsSpanned(from: string, to: string): number {
  return (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7)) + 1;
}
