import { checkFirst, decodeCursor, encodeCursor, JOINT_HOME } from '@linju/contract';

/**
 * Keyset pagination over (date, id), newest first: `fetch` receives the `where` that continues
 * after the cursor and how many rows to read (one more than the page, to know if more follow).
 */
export async function paginate<T extends { id: string }>(
  /** Told the IDs of the page (the request's audit). */
  read: (ids: string[]) => void,
  args: { first?: number | null; after?: string | null },
  dateOf: (row: T) => Date,
  dateField: string,
  /** The type listed: a cursor of another list is refused. */
  type: string,
  fetch: (after: object | undefined, take: number) => Promise<T[]>,
  total: () => Promise<number>,
) {
  const first = checkFirst(args.first);
  let after: object | undefined;
  if (args.after) {
    // Every joint list sorts by a date.
    const [date, id] = decodeCursor(args.after, { home: JOINT_HOME.key, type, dated: true });
    const at = new Date(`${date!}T00:00:00Z`);
    after = { OR: [{ [dateField]: { lt: at } }, { [dateField]: at, id: { lt: id } }] };
  }
  const [rows, totalCount] = await Promise.all([fetch(after, first + 1), total()]);
  const edges = rows.slice(0, first).map((node) => ({ cursor: encodeCursor(dateOf(node).toISOString().slice(0, 10), node.id), node }));
  read(edges.map((edge) => edge.node.id));
  return { edges, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null }, totalCount };
}
