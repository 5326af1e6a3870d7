import { ALLIANCE_KIND_FIGURES, type AllianceKindFigure } from '@linju/contract';
import type { AgreementSignatory, CooperationItem } from '../generated/prisma/client.ts';

export interface AllianceFigures {
  townshipAlliances: number;
  jointVillageOrganizations: number;
  industryChainOrganizations: number;
  talentAlliances: number;
  total: number;
  byKind: { kind: string; count: number }[];
}

export interface AgreementFigures {
  agreements: number;
  signatories: number;
  cooperationItems: number;
  categories: number;
}

/** The figure each alliance kind of the report counts in (the contract's list). */
const KINDS = new Map<string, AllianceKindFigure>(Object.entries(ALLIANCE_KIND_FIGURES).map(([field, { kind }]) => [kind, field as AllianceKindFigure]));

/** Alliances founded in the period, by kind (only the one alliance, when asked for one). */
export function allianceFigures(alliances: { id: string; kind: string }[], allianceId: string | null): AllianceFigures {
  const figures: AllianceFigures = { townshipAlliances: 0, jointVillageOrganizations: 0, industryChainOrganizations: 0, talentAlliances: 0, total: 0, byKind: [] };
  const byKind = new Map<string, number>();
  for (const alliance of alliances) {
    if (allianceId && alliance.id !== allianceId) continue;
    const field = KINDS.get(alliance.kind);
    if (field) figures[field]++;
    figures.total++;
    byKind.set(alliance.kind, (byKind.get(alliance.kind) ?? 0) + 1);
  }
  figures.byKind = [...byKind].map(([kind, count]) => ({ kind, count })).sort((a, b) => b.count - a.count || a.kind.localeCompare(b.kind, 'zh-CN'));
  return figures;
}

/** Agreements signed in the period: signatories and categories counted once however many agreements name them. */
export function agreementFigures(
  agreements: { allianceId: string | null; signatories: AgreementSignatory[]; items: CooperationItem[] }[],
  allianceId: string | null,
): AgreementFigures {
  const chosen = allianceId ? agreements.filter((a) => a.allianceId === allianceId) : agreements;
  return {
    agreements: chosen.length,
    signatories: new Set(chosen.flatMap((a) => a.signatories.map((s) => s.organizationId))).size,
    cooperationItems: chosen.reduce((n, a) => n + a.items.length, 0),
    categories: new Set(chosen.flatMap((a) => a.items.map((i) => i.category))).size,
  };
}
