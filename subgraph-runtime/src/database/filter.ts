import { ALLIANCE_ID, checkIdArgument, MAX_PAGE, quotedEn, REGION_ID, userInputError } from '@linju/contract';
import { conditionLabel } from '@linju/contract/fieldLabels';

/** `RecordFilter`'s conditions, as every list of every subgraph receives them. */
export interface TextFilter {
  kinds?: readonly string[] | null;
  period?: unknown;
  regionId?: string | null;
  allianceId?: string | null;
  crossBorder?: boolean | null;
  search?: string | null;
  figure?: string | null;
  ids?: readonly unknown[] | null;
}

/**
 * The conditions one list answers. `kinds` is the list's vocabulary (a kind outside it is refused,
 * naming the valid ones), or `true` where kinds are free text (post titles, region levels).
 */
export interface ListFilters {
  kinds?: readonly string[] | true;
  period?: true;
  regionId?: true;
  allianceId?: true;
  crossBorder?: true;
  search?: true;
  /** The figures of the catalogue whose records this list holds (`filter.figure`): another is refused, naming these. */
  figure?: readonly string[];
  /** The record type of the list (`Person`): `filter.ids` must name records of it (`wrong-type` otherwise). */
  ids?: string;
}

const CONDITIONS = ['kinds', 'period', 'regionId', 'allianceId', 'crossBorder', 'search', 'figure', 'ids'] as const;

/** Whether a condition was given: null, an empty list and blank text ask nothing. */
function given(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (Array.isArray(value)) return value.length > 0;
  return typeof value !== 'string' || value.trim() !== '';
}

/** Quoted and short (`excerpt`): an error message is no echo chamber for whatever was sent. */
const quoted = quotedEn;

/**
 * Bounds of a filter: far above any real name, kind or ID, low enough that no filter is a load test.
 * `ids` is one page's worth: every record it names fits in one page of the list.
 */
export const FILTER_LIMITS = { search: 200, kinds: 50, kind: 50, ids: MAX_PAGE } as const;

/** A condition as a clerk reads it: 筛选条件“类别”, by RecordFilter's description (`filter.kinds` → 类别). */
const condition = (field: string) => `筛选条件“${conditionLabel(field)}”`;

function bounded(value: string | null | undefined, field: string, max: number): void {
  if (typeof value === 'string' && [...value].length > max) throw userInputError(`${condition(field)}超过 ${max} 字 / ${field} is longer than ${max} characters`, field, 'too-long');
}

/**
 * Checks a list's filter before it reaches SQL. Every condition is a bound parameter, and LIKE
 * metacharacters in `search` are escaped, so hostile text can only fail to match; these bounds
 * refuse, with BAD_USER_INPUT naming the field, what no real name, kind or ID can be. Then a
 * condition the list does not answer (`applies`) is refused (`not-applicable`), and so is a kind
 * outside the list's vocabulary (`unknown-kind`), each naming what the list takes.
 */
export function checkRecordFilter(filter: TextFilter | null | undefined, applies: ListFilters): void {
  if (!filter) return;
  bounded(filter.search, 'filter.search', FILTER_LIMITS.search);
  // An ID is a global ID or nothing: a look-alike (zero-width, direction, path) is refused, not searched for.
  checkIdArgument(filter.regionId, 'filter.regionId', REGION_ID);
  checkIdArgument(filter.allianceId, 'filter.allianceId', ALLIANCE_ID);
  if (filter.kinds && filter.kinds.length > FILTER_LIMITS.kinds) {
    throw userInputError(`所列类别至多 ${FILTER_LIMITS.kinds} 个（收到 ${filter.kinds.length} 个） / filter.kinds lists ${filter.kinds.length} kinds; at most ${FILTER_LIMITS.kinds}`, 'filter.kinds', 'too-large');
  }
  for (const kind of filter.kinds ?? []) bounded(kind, 'filter.kinds', FILTER_LIMITS.kind);
  checkIds(filter.ids, applies.ids);
  // A condition the list cannot answer is refused, never ignored: a filter that silently keeps everything misleads.
  const usable = CONDITIONS.filter((name) => applies[name]);
  for (const name of CONDITIONS) {
    if (!applies[name] && given(filter[name])) {
      throw userInputError(
        `${condition(name)}不适用于此列表，可用的条件：${usable.map(conditionLabel).join('、') || '无'} / filter.${name} does not apply to this list; it takes: ${usable.join(', ') || 'none'}`,
        `filter.${name}`,
        'not-applicable',
      );
    }
  }
  bounded(filter.figure, 'filter.figure', FILTER_LIMITS.kind);
  if (applies.figure && given(filter.figure) && !applies.figure.includes(filter.figure!.trim())) {
    throw userInputError(
      `${condition('filter.figure')}：${quoted(filter.figure!)} 不是统计此列表记录的指标，可选：${applies.figure.join('、')} / filter.figure is not a figure counted from this list; one of: ${applies.figure.join(', ')}`,
      'filter.figure',
      'unknown-kind',
    );
  }
  const vocabulary = applies.kinds;
  if (Array.isArray(vocabulary)) {
    const unknown = (filter.kinds ?? []).find((kind) => !vocabulary.includes(kind));
    if (unknown !== undefined) {
      throw userInputError(
        `${condition('filter.kinds')}：${quoted(unknown)} 不是此列表的类别，可选：${vocabulary.join('、')} / filter.kinds ${quoted(unknown)} is not a kind of this list; one of: ${vocabulary.join(', ')}`,
        'filter.kinds',
        'unknown-kind',
      );
    }
  }
}

/**
 * `filter.ids`: at most one page of global IDs (`too-large`), each well formed (`malformed-id`, the
 * value cut short) and, on a list that takes them, of the list's record type (`wrong-type`). An ID
 * of the other side is not refused: a joint query sends one filter to both sides, each keeping its
 * own records; one that names no record matches nothing.
 */
function checkIds(ids: readonly unknown[] | null | undefined, type: string | undefined): void {
  if (!ids) return;
  if (ids.length > FILTER_LIMITS.ids) {
    throw userInputError(`所列 ID 至多 ${FILTER_LIMITS.ids} 个（收到 ${ids.length} 个） / filter.ids lists ${ids.length} IDs; at most ${FILTER_LIMITS.ids}`, 'filter.ids', 'too-large');
  }
  for (const id of ids) checkIdArgument(id, 'filter.ids', type ? { type } : undefined);
}

/**
 * `search` as a LIKE operand that matches only itself: `%`, `_` and the escape character `\` are
 * escaped (PostgreSQL's default LIKE escape is the backslash). Prisma's `contains` passes its
 * operand to LIKE as it is, so the joint office's lists need this as much as the raw SQL does.
 */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
