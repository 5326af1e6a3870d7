/**
 * Each contract list field of `Jurisdiction` and the record type it lists: what the jurisdiction
 * service resolves, and where a figure's records are listed (figures/figureLists.ts). Browser-safe.
 */
export const RECORD_LISTS = {
  regions: 'Region',
  organizations: 'Organization',
  people: 'Person',
  posts: 'Post',
  activities: 'Activity',
  serviceCases: 'ServiceCase',
  facilities: 'Facility',
  projects: 'Project',
  teams: 'Team',
  teamActions: 'TeamAction',
  transportLinks: 'TransportLink',
  civilizationRecords: 'CivilizationRecord',
  pairings: 'Pairing',
  grids: 'Grid',
} as const;

export type RecordList = keyof typeof RECORD_LISTS;
export type RecordType = (typeof RECORD_LISTS)[RecordList];
