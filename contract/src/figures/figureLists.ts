import { FIGURE_NAMES, type FigureName } from './figureCatalogue.ts';
import { figureOf } from './figureRules.ts';
import type { SourceName } from './figureSources.ts';
import { RECORD_LISTS, type RecordList, type RecordType } from '../recordLists.ts';

/**
 * Where the records behind a figure are listed: each source's contract type and the field of
 * `Jurisdiction` that lists it. With `filter: { figure }` that list keeps exactly the records the
 * figure counts (the figure's kind, flag or cross-appointment, from the catalogue), so a drill from
 * a figure to its records needs nothing written per figure. Browser-safe.
 */
const SOURCE_TYPES = {
  post: 'Post',
  activity: 'Activity',
  facility: 'Facility',
  project: 'Project',
  serviceCase: 'ServiceCase',
  team: 'Team',
  teamAction: 'TeamAction',
  transportLink: 'TransportLink',
  civilizationRecord: 'CivilizationRecord',
} as const satisfies Record<SourceName, RecordType>;

/** The `Jurisdiction` field that lists a record type (`Activity` → `activities`). */
type ListOf<T extends RecordType> = { [L in RecordList]: (typeof RECORD_LISTS)[L] extends T ? L : never }[RecordList];
const listOfType = <T extends RecordType>(type: T) => (Object.keys(RECORD_LISTS) as RecordList[]).find((list) => RECORD_LISTS[list] === type) as ListOf<T>;

export const SOURCE_LISTS = Object.fromEntries(
  Object.entries(SOURCE_TYPES).map(([source, type]) => [source, { type, list: listOfType(type) }]),
) as { readonly [S in SourceName]: { readonly type: (typeof SOURCE_TYPES)[S]; readonly list: ListOf<(typeof SOURCE_TYPES)[S]> } };

/** The list of a figure's records: its source's type and `Jurisdiction` field. */
export const figureList = (name: FigureName) => SOURCE_LISTS[figureOf(name).source];

/** The figures counted from the records of a contract type (`Activity` → jointSeminarSessions, …). */
export const figuresOfType = (type: string): FigureName[] => FIGURE_NAMES.filter((name) => figureList(name).type === type);
