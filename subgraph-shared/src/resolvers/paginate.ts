import { checkFirst, decodeCursor, encodeCursor, JOINT_HOME, recordOrder, type RecordOrder } from '@linju/contract';

/** How a joint list sorts: by its date (newest or oldest first) or, where it has one, by its name. */
export interface Sorting<T> {
  /** The type listed (`Alliance`), as a refusal of its order names it. */
  type: string;
  dateOf: (row: T) => Date;
  dateField: string;
  /** The name field, for `orderBy: NAME`; a list without one refuses that order. */
  nameField?: string;
  nameOf?: (row: T) => string;
  order?: RecordOrder | null;
}

/** The Prisma `orderBy` of a sorting: the sort value, then the id, in the same direction. */
export function orderOf<T>(sorting: Sorting<T>): Record<string, 'asc' | 'desc'>[] {
  const order = checkOrder(sorting);
  if (order === 'NAME') return [{ [sorting.nameField!]: 'asc' }, { id: 'asc' }];
  const direction = order === 'OLDEST' ? 'asc' : 'desc';
  return [{ [sorting.dateField]: direction }, { id: direction }];
}

/** The sorting's order, refused as every list refuses it (the contract's `recordOrder`). */
const checkOrder = <T>(sorting: Sorting<T>): RecordOrder => recordOrder(sorting.order, { type: sorting.type, named: sorting.nameField !== undefined });

/**
 * Keyset pagination over (sort value, id), newest first unless `sorting.order` says otherwise:
 * `fetch` receives the `where` that continues after the cursor and how many rows to read (one more
 * than the page, to know if more follow); it orders by {@link orderOf}.
 */
export async function paginate<T extends { id: string }>(
  /** Told the IDs of the page (the request's audit). */
  read: (ids: string[]) => void,
  args: { first?: number | null; after?: string | null },
  sorting: Sorting<T>,
  /** The type listed: a cursor of another list is refused. */
  type: string,
  fetch: (after: object | undefined, take: number) => Promise<T[]>,
  total: () => Promise<number>,
) {
  const first = checkFirst(args.first);
  const order = checkOrder(sorting);
  let after: object | undefined;
  if (args.after) {
    // Every joint list has a date; a cursor carries the order it was made in.
    const [value, id] = decodeCursor(args.after, { home: JOINT_HOME.key, type, dated: true, order });
    if (order === 'NAME') {
      after = { OR: [{ [sorting.nameField!]: { gt: value ?? '' } }, { [sorting.nameField!]: value ?? '', id: { gt: id } }] };
    } else {
      const at = new Date(`${value!}T00:00:00Z`);
      const beyond = order === 'OLDEST' ? 'gt' : 'lt';
      after = { OR: [{ [sorting.dateField]: { [beyond]: at } }, { [sorting.dateField]: at, id: { [beyond]: id } }] };
    }
  }
  const [rows, totalCount] = await Promise.all([fetch(after, first + 1), total()]);
  const sortValue = (node: T) => (order === 'NAME' ? sorting.nameOf!(node) : sorting.dateOf(node).toISOString().slice(0, 10));
  const edges = rows.slice(0, first).map((node) => ({ cursor: encodeCursor(sortValue(node), node.id, order), node }));
  read(edges.map((edge) => edge.node.id));
  return { edges, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null }, totalCount };
}
