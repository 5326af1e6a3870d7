import { raw, sqltag as sql } from '@prisma/client/runtime/client';
import { ALLIANCE_KIND_FIGURES, type AllianceKindFigure, type OverviewKey } from '@linju/contract';
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

/** A period of the overview: either end open (null). */
export type Period = Pick<OverviewKey, 'from' | 'to'>;

/**
 * What a figure statement counts over: the whole period (`null`), or each of these alliances apart.
 * Its rows carry `scope`: null for the whole period, else the alliance's ID.
 */
export type Scope = readonly string[] | null;

/** The figure each alliance kind of the report counts in (the contract's list). */
const KINDS = new Map<string, AllianceKindFigure>(Object.entries(ALLIANCE_KIND_FIGURES).map(([field, { kind }]) => [kind, field as AllianceKindFigure]));

/** `column` within the period, both ends included; an open end bounds nothing. */
const inPeriod = (column: string, { from, to }: Period) =>
  sql`(${from}::date IS NULL OR ${raw(column)} >= ${from}::date) AND (${to}::date IS NULL OR ${raw(column)} <= ${to}::date)`;

/** The scope column of a statement: the alliance's ID when counting per alliance, else one null group. */
const scopeOf = (column: string, alliances: Scope) => raw(alliances ? column : 'NULL::text');

/** Alliances founded in the period, by kind (the scope's alliances apart): counted by the store, one row per kind. */
export function allianceKindCounts(db: Db, period: Period, alliances: Scope): PromiseLike<{ scope: string | null; kind: string; count: number }[]> {
  return db.$queryRaw(sql`
    SELECT ${scopeOf('id', alliances)} AS scope, kind, count(*)::int AS count FROM alliance
    WHERE ${inPeriod('founded_on', period)} AND (${alliances}::text[] IS NULL OR id = ANY(${alliances}::text[]))
    GROUP BY 1, 2`);
}

/** The alliance figures of counts by kind (one scope's rows of `allianceKindCounts`). */
export function allianceFigures(counts: readonly { kind: string; count: number }[]): AllianceFigures {
  const figures: AllianceFigures = { townshipAlliances: 0, jointVillageOrganizations: 0, industryChainOrganizations: 0, talentAlliances: 0, total: 0, byKind: [] };
  for (const { kind, count } of counts) {
    const field = KINDS.get(kind);
    if (field) figures[field] += count;
    figures.total += count;
  }
  figures.byKind = counts.map(({ kind, count }) => ({ kind, count })).sort((a, b) => b.count - a.count || a.kind.localeCompare(b.kind, 'zh-CN'));
  return figures;
}

/**
 * Agreements signed in the period (the scope's alliances apart), counted by the store in one
 * statement: signatories and categories once however many agreements name them. A scope with no
 * agreement has no row.
 */
export function agreementFigureRows(db: Db, period: Period, alliances: Scope): PromiseLike<({ scope: string | null } & AgreementFigures)[]> {
  return db.$queryRaw(sql`
    WITH chosen AS (
      SELECT id, ${scopeOf('alliance_id', alliances)} AS scope FROM agreement
      WHERE ${inPeriod('signed_on', period)} AND (${alliances}::text[] IS NULL OR alliance_id = ANY(${alliances}::text[]))
    ),
    signed AS (
      SELECT chosen.scope, count(DISTINCT s.organization_id)::int AS signatories
      FROM chosen JOIN agreement_signatory s ON s.agreement_id = chosen.id GROUP BY chosen.scope
    ),
    itemised AS (
      SELECT chosen.scope, count(*)::int AS items, count(DISTINCT i.category)::int AS categories
      FROM chosen JOIN cooperation_item i ON i.agreement_id = chosen.id GROUP BY chosen.scope
    )
    SELECT c.scope, c.agreements, coalesce(s.signatories, 0) AS signatories, coalesce(i.items, 0) AS "cooperationItems", coalesce(i.categories, 0) AS categories
    FROM (SELECT scope, count(*)::int AS agreements FROM chosen GROUP BY scope) c
    LEFT JOIN signed s ON s.scope IS NOT DISTINCT FROM c.scope
    LEFT JOIN itemised i ON i.scope IS NOT DISTINCT FROM c.scope`);
}

export const NO_AGREEMENTS: AgreementFigures = { agreements: 0, signatories: 0, cooperationItems: 0, categories: 0 };
