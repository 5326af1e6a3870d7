import { ALLIANCE_ID, checkIdArgument, REGION_ID, userInputError } from '@linju/contract';

/** `RecordFilter`'s text conditions, as every list of every subgraph receives them. */
export interface TextFilter {
  kinds?: readonly string[] | null;
  regionId?: string | null;
  allianceId?: string | null;
  search?: string | null;
}

/** Bounds of a filter: far above any real name, kind or ID, low enough that no filter is a load test. */
export const FILTER_LIMITS = { search: 200, kinds: 50, kind: 50 } as const;

function bounded(value: string | null | undefined, field: string, max: number): void {
  if (typeof value === 'string' && [...value].length > max) throw userInputError(`${field} is longer than ${max} characters`, field, 'too-long');
}

/**
 * Checks a list's filter before it reaches SQL. Every condition is a bound parameter, and LIKE
 * metacharacters in `search` are escaped, so hostile text can only fail to match; these bounds
 * refuse, with BAD_USER_INPUT naming the field, what no real name, kind or ID can be.
 */
export function checkRecordFilter(filter: TextFilter | null | undefined): void {
  if (!filter) return;
  bounded(filter.search, 'filter.search', FILTER_LIMITS.search);
  // An ID is a global ID or nothing: a look-alike (zero-width, direction, path) is refused, not searched for.
  checkIdArgument(filter.regionId, 'filter.regionId', REGION_ID);
  checkIdArgument(filter.allianceId, 'filter.allianceId', ALLIANCE_ID);
  if (filter.kinds && filter.kinds.length > FILTER_LIMITS.kinds) {
    throw userInputError(`filter.kinds lists more than ${FILTER_LIMITS.kinds} kinds`, 'filter.kinds', 'too-large');
  }
  for (const kind of filter.kinds ?? []) bounded(kind, 'filter.kinds', FILTER_LIMITS.kind);
}

/**
 * `search` as a LIKE operand that matches only itself: `%`, `_` and the escape character `\` are
 * escaped (PostgreSQL's default LIKE escape is the backslash). Prisma's `contains` passes its
 * operand to LIKE as it is, so the joint office's lists need this as much as the raw SQL does.
 */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
