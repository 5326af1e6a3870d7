import { userInputError } from './errors.ts';
import { fieldMessage } from './fieldLabels.ts';
import { parseGlobalId } from './globalId.ts';
import { dateProblem } from './period.ts';
import { hasHiddenCharacter, quotedEn, quotedZh } from './text.ts';

/**
 * How a list is ordered (`RecordOrder` of the API): newest first (every list's default), oldest
 * first, or by name. A cursor carries the order it was made in (nothing for the default, so
 * cursors made before orders existed still work), and a list refuses one of another order.
 */
export const RECORD_ORDERS = ['NEWEST', 'OLDEST', 'NAME'] as const;
export type RecordOrder = (typeof RECORD_ORDERS)[number];

/**
 * The order a list is read in: the one asked (`orderBy`), NEWEST when none is. One the API does not
 * have is refused `malformed`, NAME on a list whose records (`type`) have no name `not-applicable`,
 * each naming the orders the list takes: the sides' lists and the joint office's say it alike.
 */
export function recordOrder(order: RecordOrder | null | undefined, list: { type: string; named: boolean }): RecordOrder {
  const chosen = order ?? 'NEWEST';
  if (!RECORD_ORDERS.includes(chosen)) {
    throw userInputError(fieldMessage('orderBy', `${quotedZh(chosen)}不是可选的顺序，可选：${RECORD_ORDERS.join('、')}`, `${quotedEn(chosen)} is not one of ${RECORD_ORDERS.join(', ')}`), 'orderBy', 'malformed');
  }
  if (chosen === 'NAME' && !list.named) {
    const taken = RECORD_ORDERS.filter((o) => o !== 'NAME');
    throw userInputError(fieldMessage('orderBy', `：此列表的记录没有名称，不能按名称排序，可用：${taken.join('、')}`, `cannot be NAME: ${list.type} records have no name to order by`), 'orderBy', 'not-applicable');
  }
  return chosen;
}

/** Cursors are opaque to clients: the sort value and id of the last row seen, and the list's order unless the default. */
export function encodeCursor(sortValue: string | null, id: string, order: RecordOrder = 'NEWEST'): string {
  return Buffer.from(JSON.stringify(order === 'NEWEST' ? [sortValue, id] : [sortValue, id, order])).toString('base64url');
}

/** The longest name a NAME-ordered cursor carries (names and titles are far shorter). */
const MAX_SORT_NAME = 400;

/** A sort value of a cursor: a date that exists and lies in the federation's range, as the lists sort by (anything else would reach SQL as a bad date). */
const isSortDate = (value: string): boolean => dateProblem(value) === undefined;

/**
 * The list a cursor must come from: the home and type of its records, and whether it sorts by a
 * date. A cursor of another list (another type, the other side's, a list sorted otherwise) is
 * refused like a forged one, rather than answered with a page that continues nothing.
 */
export interface CursorList {
  home: string;
  type: string;
  dated: boolean;
  /** The list's order; NEWEST when not given. A NAME cursor carries a name, not a date. */
  order?: RecordOrder;
}

/** A cursor this list did not give (or one tampered with). */
export const notACursor = () => userInputError('翻页位置不是本列表给出的，请从第一页重新读取 / after is not a cursor returned by this list', 'after', 'malformed');

/**
 * The sort value and id a cursor carries. A cursor comes back from the client, so it is checked
 * like any input: a real date or null, and an id of a sane length without hidden characters;
 * with `list`, the id must be a global ID of that list's home and type, and the sort value a date
 * exactly when the list sorts by one.
 */
export function decodeCursor(cursor: string, list?: CursorList): [string | null, string] {
  let value: unknown;
  try {
    value = cursor.length <= 1000 ? JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) : undefined;
  } catch {
    throw notACursor();
  }
  const order: unknown = Array.isArray(value) && value.length === 3 ? value[2] : 'NEWEST';
  const named = order === 'NAME';
  if (
    !Array.isArray(value) ||
    (value.length !== 2 && value.length !== 3) ||
    !(RECORD_ORDERS as readonly unknown[]).includes(order) ||
    typeof value[1] !== 'string' ||
    value[1].length === 0 ||
    value[1].length > 200 ||
    hasHiddenCharacter(value[1]) ||
    !(value[0] === null || (typeof value[0] === 'string' && (named ? value[0].length <= MAX_SORT_NAME && !hasHiddenCharacter(value[0]) : isSortDate(value[0]))))
  ) {
    throw notACursor();
  }
  if (list) {
    const id = parseGlobalId(value[1]);
    if (id?.home !== list.home || id.type !== list.type || order !== (list.order ?? 'NEWEST')) throw notACursor();
    if (!named && (value[0] !== null) !== list.dated) throw notACursor();
  }
  return [value[0], value[1]] as [string | null, string];
}

/** Page size: a list returns at most this many items per request. */
export const MAX_PAGE = 100;

export function checkFirst(first: number | null | undefined): number {
  const n = first ?? 20;
  if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE) throw userInputError(`每页条数须在 1 到 ${MAX_PAGE} 之间（收到 ${n}） / first must be between 1 and ${MAX_PAGE}, got ${n}`, 'first');
  return n;
}
