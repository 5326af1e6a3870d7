import { userInputError } from '../errors.ts';

/** Cursors are opaque to clients: the sort value and id of the last row seen. */
export function encodeCursor(sortValue: string | null, id: string): string {
  return Buffer.from(JSON.stringify([sortValue, id])).toString('base64url');
}

export function decodeCursor(cursor: string): [string | null, string] {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && typeof value[1] === 'string' && (value[0] === null || typeof value[0] === 'string')) {
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
