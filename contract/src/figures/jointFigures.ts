import type { VOCABULARY } from '../vocabulary.ts';

type AllianceKind = (typeof VOCABULARY)['allianceKind'][number];

/** The joint office's counts of alliances by kind (`AllianceFigures`), each named by its kind. */
export const ALLIANCE_KIND_FIGURES = {
  townshipAlliances: { kind: '毗邻乡镇党建联建', labelEn: 'Township alliances', unit: '个' },
  jointVillageOrganizations: { kind: '毗邻村联村党组织', labelEn: 'Joint village party organizations', unit: '个' },
  industryChainOrganizations: { kind: '产业链联合党组织', labelEn: 'Industry-chain party organizations', unit: '个' },
  talentAlliances: { kind: '人才联盟', labelEn: 'Talent alliances', unit: '个' },
} as const satisfies Record<string, { kind: AllianceKind; labelEn: string; unit: string }>;

export type AllianceKindFigure = keyof typeof ALLIANCE_KIND_FIGURES;

/** The joint office's figures of the agreements signed (`AgreementFigures`). */
export const AGREEMENT_FIGURES = {
  agreements: { label: '框架协议', labelEn: 'Agreements', unit: '份' },
  signatories: { label: '签署镇村', labelEn: 'Distinct signatory organizations', unit: '个' },
  cooperationItems: { label: '合作事项', labelEn: 'Cooperation items', unit: '项' },
  categories: { label: '合作类别', labelEn: 'Distinct categories of cooperation items', unit: '类' },
} as const;

export type AgreementFigure = keyof typeof AGREEMENT_FIGURES;
