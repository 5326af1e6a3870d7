import type { JurisdictionFigures } from '../figures/headlineFigures.ts';

/** `DashboardFigures`'s answer. A jurisdiction whose subgraph is down is a null item. */
export interface FiguresAnswer {
  overview: {
    period: { from: string | null; to: string | null };
    alliances: {
      townshipAlliances: number;
      jointVillageOrganizations: number;
      industryChainOrganizations: number;
      talentAlliances: number;
      total: number;
      byKind: { kind: string; count: number }[];
    };
    agreements: { agreements: number; signatories: number; cooperationItems: number; categories: number };
    total?: JurisdictionFigures | null;
  } | null;
  jurisdictions: (SideFigures | null)[] | null;
}

/** One jurisdiction's part of `DashboardFigures`. */
export interface SideFigures {
  code: string;
  key: string;
  name: string;
  figures: JurisdictionFigures;
  activitiesByMonth: { month: string; activities: number; sessions: number; personTimes: number }[];
  serviceCasesByKind: { kind: string; cases: number }[];
}

/** An alliance of `DashboardAlliances`. */
export interface AllianceRow {
  id: string;
  name: string;
  kind: string;
  foundedOn: string;
  closedOn: string | null;
  members: { jurisdiction: { code: string } | null }[];
  agreements: { id: string }[];
}

export interface AlliancesAnswer {
  alliances: { totalCount: number; edges: { node: AllianceRow }[] } | null;
}

/** A post of a member organization; the holder may be of the other side (a cross-appointment). */
export interface MemberPost {
  id: string;
  title: string;
  crossBorder: boolean;
  startedOn: string;
  endedOn: string | null;
  holder: { id: string; name: string; jurisdiction: { code: string; name: string } | null } | null;
}

/** `DashboardAlliance`'s answer. A member whose side is down has a null organization. */
export interface AllianceAnswer {
  alliance: {
    id: string;
    name: string;
    kind: string;
    foundedOn: string;
    closedOn: string | null;
    illustrative: boolean;
    members: {
      joinedOn: string;
      jurisdiction: { code: string } | null;
      organization: { __typename: string; id: string; name: string; kind: string; level: string; region: { name: string } | null; posts: MemberPost[] } | null;
    }[];
    agreements: {
      id: string;
      title: string;
      signedOn: string;
      signatories: ({ id: string; name: string } | null)[];
      items: { id: string; category: string; title: string }[];
    }[];
  } | null;
  jurisdictions: ({ code: string; key: string; name: string; figures: Partial<JurisdictionFigures> } | null)[] | null;
}
