import { DEFAULT_PERIOD_ID } from './periodChoices.ts';

/** What the page's address holds: the period chosen (and its dates when custom), the side, the wall mode. */
export interface PageChoice {
  readonly period: string;
  readonly from: string;
  readonly to: string;
  /** A jurisdiction's key, or '' for all of them (the joint total). */
  readonly side: string;
  readonly wall: boolean;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar day written YYYY-MM-DD (2024-02-30 and 2024-13-45 are not). */
export const isCalendarDate = (text: string): boolean => ISO_DATE.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) && new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10) === text;

/**
 * The choice in a query string (`?period=2021h1&side=sichuan`, `?period=custom&from=…&to=…`,
 * `&mode=wall`): a link opens the same view, a reload keeps it, Back returns to the one before.
 * Anything unknown falls back to the default (本年, all sides).
 */
export function readPageChoice(search: string, periodIds: readonly string[]): PageChoice {
  const query = new URLSearchParams(search);
  const period = query.get('period') ?? '';
  const date = (name: string) => (isCalendarDate(query.get(name) ?? '') ? query.get(name)! : '');
  return {
    period: period === 'custom' || periodIds.includes(period) ? period : DEFAULT_PERIOD_ID,
    from: date('from'),
    to: date('to'),
    side: /^[a-z][a-z0-9-]*$/.test(query.get('side') ?? '') ? query.get('side')! : '',
    wall: query.get('mode') === 'wall',
  };
}

/** The query string for a choice; the default parts are left out, so the plain address is 本年, all sides. */
export function pageChoiceSearch(choice: PageChoice): string {
  const query = new URLSearchParams();
  if (choice.period !== DEFAULT_PERIOD_ID) query.set('period', choice.period);
  if (choice.period === 'custom') {
    if (choice.from) query.set('from', choice.from);
    if (choice.to) query.set('to', choice.to);
  }
  if (choice.side) query.set('side', choice.side);
  if (choice.wall) query.set('mode', 'wall');
  const text = query.toString();
  return text ? `?${text}` : '';
}
