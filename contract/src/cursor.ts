import { userInputError } from './errors.ts';
import { dateProblem } from './period.ts';

/** Cursors are opaque to clients: the sort value and id of the last row seen. */
export function encodeCursor(sortValue: string | null, id: string): string {
  return Buffer.from(JSON.stringify([sortValue, id])).toString('base64url');
}

/** A sort value of a cursor: a date that exists and lies in the federation's range, as the lists sort by (anything else would reach SQL as a bad date). */
const isSortDate = (value: string): boolean => dateProblem(value) === undefined;

/**
 * The sort value and id a cursor carries. A cursor comes back from the client, so it is checked
 * like any input: a real date or null, and an id of a sane length without control characters.
 */
export function decodeCursor(cursor: string): [string | null, string] {
  try {
    const value: unknown = cursor.length <= 1000 ? JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) : undefined;
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[1] === 'string' &&
      value[1].length > 0 &&
      value[1].length <= 200 &&
      !/[\u0000-\u001f\u007f]/.test(value[1]) &&
      (value[0] === null || (typeof value[0] === 'string' && isSortDate(value[0])))
    ) {
      return value as [string | null, string];
    }
  } catch {
    // fall through to the error below
  }
  throw userInputError('after is not a cursor returned by this list', 'after');
}

/** Page size: a list returns at most this many items per request. */
export const MAX_PAGE = 100;

export function checkFirst(first: number | null | undefined): number {
  const n = first ?? 20;
  if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE) throw userInputError(`first must be between 1 and ${MAX_PAGE}, got ${n}`, 'first');
  return n;
}
