import { REGION_LEVELS, regionLevelCode, VOCABULARY } from '@linju/contract';

/** How a contract type is stored, and how its list is filtered and ordered. */
export interface TableSpec {
  /** Contract interface, e.g. `Activity`. */
  type: string;
  table: string;
  /** Column the period filter applies to, and the list is ordered by (newest first). */
  dateColumn?: string;
  /** Column `filter.kinds` applies to. */
  kindColumn?: string;
  /** The values `kindColumn` takes, from the contract's vocabulary: a kind outside it is refused. Free text when absent. */
  kinds?: readonly string[];
  /** How a kind the filter names is stored, where the API shows another name (a region's level: 乡镇 → town). */
  storedKind?: (kind: string) => string | undefined;
  /** Column `filter.search` applies to. */
  nameColumn?: string;
  /** SQL giving the record's region id, for `filter.regionId` (`t` is the row). */
  regionSql?: string;
  /** SQL giving the record's alliance id, for `filter.allianceId`. */
  allianceSql?: string;
}

const orgRegion = (column: string) => `(SELECT o.region_id FROM organization o WHERE o.id = t.${column})`;

/** The jurisdiction store's tables, one per contract interface (the same on every side by contract). */
export const TABLES: Record<string, TableSpec> = {
  Region: {
    type: 'Region', table: 'region', kindColumn: 'level', kinds: [...Object.values(REGION_LEVELS), ...Object.keys(REGION_LEVELS)], storedKind: regionLevelCode,
    nameColumn: 'name', regionSql: 't.id',
  },
  Organization: {
    type: 'Organization', table: 'organization', dateColumn: 'founded_on', kindColumn: 'kind', kinds: VOCABULARY.organizationKind, nameColumn: 'name', regionSql: 't.region_id',
  },
  Person: { type: 'Person', table: 'person', nameColumn: 'name', regionSql: orgRegion('organization_id') },
  Post: {
    type: 'Post', table: 'post', dateColumn: 'started_on', kindColumn: 'title', nameColumn: 'title',
    regionSql: orgRegion('organization_id'), allianceSql: 't.alliance_id',
  },
  Activity: {
    type: 'Activity', table: 'activity', dateColumn: 'held_on', kindColumn: 'kind', kinds: VOCABULARY.activityKind, nameColumn: 'title',
    regionSql: orgRegion('organizer_id'), allianceSql: 't.alliance_id',
  },
  ServiceCase: {
    type: 'ServiceCase', table: 'service_case', dateColumn: 'handled_on', kindColumn: 'kind', kinds: VOCABULARY.serviceCaseKind, regionSql: 't.region_id', allianceSql: 't.alliance_id',
  },
  Facility: {
    type: 'Facility', table: 'facility', dateColumn: 'opened_on', kindColumn: 'kind', kinds: VOCABULARY.facilityKind, nameColumn: 'name', regionSql: 't.region_id', allianceSql: 't.alliance_id',
  },
  Project: {
    type: 'Project', table: 'project', dateColumn: 'started_on', kindColumn: 'kind', kinds: VOCABULARY.projectKind, nameColumn: 'name', regionSql: 't.region_id', allianceSql: 't.alliance_id',
  },
  Team: {
    type: 'Team', table: 'team', dateColumn: 'founded_on', kindColumn: 'kind', kinds: VOCABULARY.teamKind, nameColumn: 'name',
    regionSql: orgRegion('organization_id'), allianceSql: 't.alliance_id',
  },
  TeamAction: {
    type: 'TeamAction', table: 'team_action', dateColumn: 'acted_on', kindColumn: 'kind', kinds: VOCABULARY.teamActionKind,
    regionSql: `(SELECT o.region_id FROM team tm JOIN organization o ON o.id = tm.organization_id WHERE tm.id = t.team_id)`,
    allianceSql: '(SELECT tm.alliance_id FROM team tm WHERE tm.id = t.team_id)',
  },
  TransportLink: {
    type: 'TransportLink', table: 'transport_link', dateColumn: 'opened_on', kindColumn: 'kind', kinds: VOCABULARY.transportLinkKind, nameColumn: 'name',
    regionSql: 't.from_region_id', allianceSql: 't.alliance_id',
  },
  CivilizationRecord: {
    type: 'CivilizationRecord', table: 'civilization_record', dateColumn: 'recorded_on', kindColumn: 'kind', kinds: VOCABULARY.civilizationKind, nameColumn: 'title',
    regionSql: 't.region_id', allianceSql: 't.alliance_id',
  },
  Pairing: { type: 'Pairing', table: 'pairing', dateColumn: 'started_on', nameColumn: 'unit_name', regionSql: orgRegion('organization_id') },
  Grid: { type: 'Grid', table: 'grid', nameColumn: 'name', regionSql: 't.region_id' },
};
