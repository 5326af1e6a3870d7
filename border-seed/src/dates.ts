/** A period of calendar dates, both ends included, as ISO strings. */
export interface Period {
  from: string;
  to: string;
}

/** Seed 000: the Suining–Tongnan figures of the first half of 2021. */
export const H1_2021: Period = { from: '2021-01-01', to: '2021-06-30' };
/** Seed 001: Anju district's later snapshot. */
export const ANJU_LATER: Period = { from: '2021-07-01', to: '2023-06-30' };
/** Seed 002: Tongtan town's regional party building, 2017 to the report of May 2018. */
export const TONGTAN_2017_2018: Period = { from: '2017-01-01', to: '2018-05-20' };

const DAY = 86_400_000;

/** A calendar date as a `Date` at UTC midnight (what Prisma stores in a `@db.Date` column). */
export function day(iso: string): Date {
  const d = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso) throw new Error(`not a date: ${iso}`);
  return d;
}

export function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function addDays(d: Date, days: number): Date {
  return new Date(d.getTime() + days * DAY);
}

export function laterOf(a: Date, b: Date): Date {
  return a.getTime() >= b.getTime() ? a : b;
}

export function inPeriod(d: Date, p: Period): boolean {
  const iso = isoDay(d);
  return iso >= p.from && iso <= p.to;
}

/** Number of days in a period. */
export function periodDays(p: Period): number {
  return Math.round((day(p.to).getTime() - day(p.from).getTime()) / DAY) + 1;
}

/**
 * `n` dates spread evenly over the period (in order), the i-th at fraction (i + phase) / n of it;
 * `phase` in [0, 1) shifts the whole series so that different kinds of record fall on different days.
 */
export function spreadDates(p: Period, n: number, phase = 0.5): Date[] {
  const days = periodDays(p);
  const start = day(p.from);
  return Array.from({ length: n }, (_, i) => addDays(start, Math.min(days - 1, Math.floor(((i + phase) / n) * days))));
}
