// Plain row types of the seed datasets. They mirror the stores' Prisma models (a jurisdiction's
// store in subgraph-sichuan / subgraph-chongqing, the joint office's in subgraph-shared) with
// precise value types: dates are `Date` at UTC midnight, decimals are numbers with two decimals.
// Each store's loadSeed passes them to its own generated client, which checks they fit.

import type { VOCABULARY } from '@linju/contract';

/** A value of one list of the contract's vocabulary: a misspelled kind in the seed fails typecheck. */
type Kind<List extends keyof typeof VOCABULARY> = (typeof VOCABULARY)[List][number];

export type RegionLevel = 'province' | 'city' | 'district' | 'county' | 'town' | 'village';
export type OrgKind = '党委' | '党总支' | '党支部';
export type OrgLevel = '乡镇' | '村' | '社区' | '企业' | '机关单位';

export interface RegionRow {
  id: string;
  code: string;
  name: string;
  level: RegionLevel;
  parentId: string | null;
}

export interface OrganizationRow {
  id: string;
  name: string;
  kind: OrgKind;
  level: OrgLevel;
  parentId: string | null;
  regionId: string;
  foundedOn: Date;
  dissolvedOn: Date | null;
  mergedIntoId: string | null;
  illustrative: boolean;
}

export interface PersonRow {
  id: string;
  name: string;
  gender: string | null;
  organizationId: string;
  illustrative: boolean;
}

export interface PostRow {
  id: string;
  title: string;
  organizationId: string;
  holderId: string;
  startedOn: Date;
  endedOn: Date | null;
  allianceId: string | null;
}

export interface ActivityRow {
  id: string;
  kind: Kind<'activityKind'>;
  title: string;
  heldOn: Date;
  organizerId: string;
  sessions: number;
  personTimes: number;
  talentsRecruited: number;
  allianceId: string | null;
}

export interface ServiceCaseRow {
  id: string;
  kind: Kind<'serviceCaseKind'>;
  handledOn: Date;
  regionId: string;
  people: number;
  households: number;
  amountWan: number;
  allianceId: string | null;
}

export interface FacilityRow {
  id: string;
  kind: Kind<'facilityKind'>;
  name: string;
  regionId: string;
  organizationId: string | null;
  areaSqm: number;
  convertedFromIdle: boolean;
  idleAssetKind: string | null;
  openedOn: Date;
  allianceId: string | null;
}

export interface ProjectRow {
  id: string;
  kind: Kind<'projectKind'>;
  name: string;
  regionId: string;
  organizationId: string | null;
  startedOn: Date;
  landMu: number;
  subsidyWan: number;
  expectedIncomeWan: number;
  householdsBenefiting: number;
  incomePerHouseholdYuan: number;
  investmentWan: number;
  brand: string | null;
  allianceId: string | null;
}

export interface TeamRow {
  id: string;
  category: Kind<'teamCategory'>;
  kind: Kind<'teamKind'>;
  name: string;
  organizationId: string;
  foundedOn: Date;
  allianceId: string | null;
}

export interface TeamActionRow {
  id: string;
  teamId: string;
  kind: Kind<'teamActionKind'>;
  actedOn: Date;
  occurrences: number;
}

export interface TransportLinkRow {
  id: string;
  kind: Kind<'transportLinkKind'>;
  name: string;
  fromRegionId: string;
  toRegionId: string;
  lengthKm: number;
  openedOn: Date;
  allianceId: string | null;
}

export interface CivilizationRecordRow {
  id: string;
  kind: Kind<'civilizationKind'>;
  title: string;
  regionId: string;
  recordedOn: Date;
  occurrences: number;
  allianceId: string | null;
}

export interface PairingRow {
  id: string;
  unitName: string;
  organizationId: string;
  firstSecretaryId: string | null;
  startedOn: Date;
  wishesFulfilled: number;
}

export interface GridRow {
  id: string;
  name: string;
  organizationId: string;
  regionId: string;
  households: number;
  responsibleId: string | null;
}

/** Every row of one jurisdiction's store, each table in an order where references come first. */
export interface JurisdictionSeed {
  regions: RegionRow[];
  organizations: OrganizationRow[];
  people: PersonRow[];
  posts: PostRow[];
  activities: ActivityRow[];
  serviceCases: ServiceCaseRow[];
  facilities: FacilityRow[];
  projects: ProjectRow[];
  teams: TeamRow[];
  teamActions: TeamActionRow[];
  transportLinks: TransportLinkRow[];
  civilizationRecords: CivilizationRecordRow[];
  pairings: PairingRow[];
  grids: GridRow[];
}

export interface AllianceRow {
  id: string;
  kind: Kind<'allianceKind'>;
  name: string;
  foundedOn: Date;
  closedOn: Date | null;
  illustrative: boolean;
}

export interface AllianceMemberRow {
  allianceId: string;
  organizationId: string;
  jurisdiction: string;
  joinedOn: Date;
  leftOn: Date | null;
}

export interface AgreementRow {
  id: string;
  title: string;
  signedOn: Date;
  allianceId: string | null;
}

export interface AgreementSignatoryRow {
  agreementId: string;
  organizationId: string;
  jurisdiction: string;
}

export interface CooperationItemRow {
  id: string;
  agreementId: string;
  category: Kind<'cooperationCategory'>;
  title: string;
  position: number;
}

/** Every row of the joint office's store. */
export interface JointSeed {
  alliances: AllianceRow[];
  allianceMembers: AllianceMemberRow[];
  agreements: AgreementRow[];
  agreementSignatories: AgreementSignatoryRow[];
  cooperationItems: CooperationItemRow[];
}
