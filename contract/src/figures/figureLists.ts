import { FIGURE_NAMES, type FigureName } from './figureCatalogue.ts';
import { figureOf } from './figureRules.ts';
import type { SourceName } from './figureSources.ts';

/**
 * Where the records behind a figure are listed: each source's contract type and the field of
 * `Jurisdiction` that lists it. With `filter: { figure }` that list keeps exactly the records the
 * figure counts (the figure's kind, flag or cross-appointment, from the catalogue), so a drill from
 * a figure to its records needs nothing written per figure. Browser-safe.
 */
export const SOURCE_LISTS = {
  post: { type: 'Post', list: 'posts' },
  activity: { type: 'Activity', list: 'activities' },
  facility: { type: 'Facility', list: 'facilities' },
  project: { type: 'Project', list: 'projects' },
  serviceCase: { type: 'ServiceCase', list: 'serviceCases' },
  team: { type: 'Team', list: 'teams' },
  teamAction: { type: 'TeamAction', list: 'teamActions' },
  transportLink: { type: 'TransportLink', list: 'transportLinks' },
  civilizationRecord: { type: 'CivilizationRecord', list: 'civilizationRecords' },
} as const satisfies Record<SourceName, { type: string; list: string }>;

/** The list of a figure's records: its source's type and `Jurisdiction` field. */
export const figureList = (name: FigureName) => SOURCE_LISTS[figureOf(name).source];

/** The figures counted from the records of a contract type (`Activity` → jointSeminarSessions, …). */
export const figuresOfType = (type: string): FigureName[] => FIGURE_NAMES.filter((name) => figureList(name).type === type);
