import { sqltag as sql } from '@prisma/client/runtime/client';
import { ALLIANCE_KIND_FIGURES, type AllianceKindFigure, type PeriodInput } from '@linju/contract';
import { periodCondition, splitByAlliance, type Grouped, type PeriodAggregate } from '@linju/jurisdiction-service';
import type { Db } from '@linju/subgraph-runtime';

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

/**
 * The figures of the alliances founded in the period, counted by kind by the store in one
 * statement: the whole period's, and each of `alliances` apart (its one kind, if it was founded in
 * the period; an alliance founded outside it is not in `byAlliance`).
 */
export async function loadAllianceFigures(db: Db, period: PeriodInput, alliances: readonly string[]): Promise<PeriodAggregate<AllianceFigures>> {
  const rows = await db.$queryRaw<Grouped<KindCount>[]>(sql`
    SELECT NULL::text AS alliance_id, true AS total, kind, count(*)::int AS count FROM alliance WHERE ${periodCondition('founded_on', period)} GROUP BY kind
    UNION ALL
    SELECT id, false, kind, 1 FROM alliance WHERE ${periodCondition('founded_on', period)} AND id = ANY(${alliances}::text[])`);
  const { total, byAlliance } = splitByAlliance(rows, ({ kind, count }) => ({ kind, count }));
  return { total: allianceFigures(total), byAlliance: new Map([...byAlliance].map(([id, counts]) => [id, allianceFigures(counts)])) };
}

type KindCount = { kind: string; count: number };

/** The alliance figures of counts by kind. */
export function allianceFigures(counts: readonly KindCount[]): AllianceFigures {
  const figures: AllianceFigures = { townshipAlliances: 0, jointVillageOrganizations: 0, industryChainOrganizations: 0, talentAlliances: 0, total: 0, byKind: [] };
  for (const { kind, count } of counts) {
    const field = KINDS.get(kind);
    if (field) figures[field] += count;
    figures.total += count;
  }
  figures.byKind = counts.map(({ kind, count }) => ({ kind, count })).sort((a, b) => b.count - a.count || a.kind.localeCompare(b.kind, 'zh-CN'));
  return figures;
}

export const NO_AGREEMENTS: AgreementFigures = { agreements: 0, signatories: 0, cooperationItems: 0, categories: 0 };

/**
 * Agreements signed in the period, counted by the store in one statement: the whole period's, and
 * each of `alliances` apart; signatories and categories once however many agreements name them.
 */
export async function loadAgreementFigures(db: Db, period: PeriodInput, alliances: readonly string[]): Promise<PeriodAggregate<AgreementFigures>> {
  const rows = await db.$queryRaw<Grouped<AgreementFigures>[]>(sql`
    WITH chosen AS (
      SELECT id, NULL::text AS alliance_id, true AS total FROM agreement WHERE ${periodCondition('signed_on', period)}
      UNION ALL
      SELECT id, alliance_id, false FROM agreement WHERE ${periodCondition('signed_on', period)} AND alliance_id = ANY(${alliances}::text[])
    ),
    signed AS (
      SELECT chosen.alliance_id, chosen.total, count(DISTINCT s.organization_id)::int AS signatories
      FROM chosen JOIN agreement_signatory s ON s.agreement_id = chosen.id GROUP BY 1, 2
    ),
    itemised AS (
      SELECT chosen.alliance_id, chosen.total, count(*)::int AS items, count(DISTINCT i.category)::int AS categories
      FROM chosen JOIN cooperation_item i ON i.agreement_id = chosen.id GROUP BY 1, 2
    )
    SELECT c.alliance_id, c.total, c.agreements, coalesce(s.signatories, 0) AS signatories,
      coalesce(i.items, 0) AS "cooperationItems", coalesce(i.categories, 0) AS categories
    FROM (SELECT alliance_id, total, count(*)::int AS agreements FROM chosen GROUP BY 1, 2) c
    LEFT JOIN signed s ON s.alliance_id IS NOT DISTINCT FROM c.alliance_id AND s.total = c.total
    LEFT JOIN itemised i ON i.alliance_id IS NOT DISTINCT FROM c.alliance_id AND i.total = c.total`);
  const { total, byAlliance } = splitByAlliance(rows, ({ agreements, signatories, cooperationItems, categories }) => ({ agreements, signatories, cooperationItems, categories }));
  return { total: total[0] ?? NO_AGREEMENTS, byAlliance: new Map([...byAlliance].map(([id, [figures]]) => [id, figures!])) };
}
