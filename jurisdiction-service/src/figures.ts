import { join, raw, sqltag as sql, type Sql } from '@prisma/client/runtime/client';
import { columnOf, FIGURE_NAMES, ratioOf, FIGURE_SOURCES, figureOf, weightOf, type FigureName, type FigureValues, type PeriodInput, type SourceName } from '@linju/contract';
import type { Db } from '@linju/subgraph-runtime';

/** `JurisdictionFigures` of the contract: every figure of the catalogue. */
export type Figures = FigureValues;

const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** The records of its source a figure selects, as a SQL condition. */
function condition(name: FigureName, sideKey: string): string {
  const figure = figureOf(name);
  const filter = figure.filter as { kind?: string; flag?: string; heldAcrossBorder?: true };
  const source = FIGURE_SOURCES[figure.source];
  if (filter.kind !== undefined) return `${'kind' in source ? source.kind.column : 't.kind'} = ${quote(filter.kind)}`;
  if (filter.flag !== undefined) return `t.${filter.flag}`;
  // A cross-appointment is a post of this side held by a person of another side.
  return `t.holder_id NOT LIKE ${quote(`${sideKey}:%`)}`;
}

/**
 * The aggregates one figure needs, by metric name. A ratio needs its weighted sum (`name`) and takes
 * its weight from the weighting figure; `finish` divides.
 */
function metrics(name: FigureName, sideKey: string): [string, string][] {
  const where = condition(name, sideKey);
  const column = columnOf(name);
  if (!column) return [[name, `count(*) FILTER (WHERE ${where})`]];
  const weight = weightOf(name);
  const value = weight ? `t.${column.name} * t.${columnOf(weight)!.name}` : `t.${column.name}`;
  return [[name, `coalesce(sum(${value}) FILTER (WHERE ${where}), 0)`]];
}

const sourcesBySide = new Map<string, { source: SourceName; metrics: [string, string][] }[]>();

/** Each source's metrics, for the figures computed from it: built once per side. */
function sources(sideKey: string): { source: SourceName; metrics: [string, string][] }[] {
  let built = sourcesBySide.get(sideKey);
  if (!built) sourcesBySide.set(sideKey, (built = buildSources(sideKey)));
  return built;
}

function buildSources(sideKey: string): { source: SourceName; metrics: [string, string][] }[] {
  const bySource = new Map<SourceName, [string, string][]>();
  for (const name of FIGURE_NAMES) {
    const source = figureOf(name).source;
    bySource.set(source, [...(bySource.get(source) ?? []), ...metrics(name, sideKey)]);
  }
  return [...bySource].map(([source, list]) => ({ source, metrics: list }));
}

/** Turns summed metrics into figures: a ratio's weighted sum divided by its weight. */
function finish(metricValues: Partial<Record<FigureName, number>>): Figures {
  const figures = {} as Figures;
  for (const name of FIGURE_NAMES) figures[name] = Number(metricValues[name] ?? 0);
  for (const name of FIGURE_NAMES) {
    const weight = weightOf(name);
    if (!weight) continue;
    figures[name] = ratioOf(Number(metricValues[name] ?? 0), Number(figures[weight]));
  }
  return figures;
}

/** Figures of a side for an alliance it has no records for. */
export function zeroFigures(): Figures {
  return finish({});
}

/**
 * A side's figures for one period: the whole side, and each alliance. One SQL statement
 * whatever the number of alliances asked for (GROUPING SETS gives per-alliance rows and the total).
 */
export async function loadFigures(
  db: Db,
  sideKey: string,
  period: PeriodInput,
): Promise<{ total: Figures; byAlliance: Map<string, Figures> }> {
  const from = period.from ?? null;
  const to = period.to ?? null;
  const parts: Sql[] = sources(sideKey).map(({ source: name, metrics: list }) => {
    const source = FIGURE_SOURCES[name];
    const pairs = list.map(([metric, expr]) => `'${metric}', ${expr}`);
    return sql`SELECT ${raw(source.alliance)} AS alliance_id, grouping(${raw(source.alliance)}) = 1 AS total,
      json_build_object(${raw(pairs.join(', '))}) AS figures
      FROM ${raw(source.from)}
      WHERE (${from}::date IS NULL OR ${raw(source.date)} >= ${from}::date) AND (${to}::date IS NULL OR ${raw(source.date)} <= ${to}::date)
      GROUP BY GROUPING SETS ((${raw(source.alliance)}), ())`;
  });
  const rows = await db.$queryRaw<{ alliance_id: string | null; total: boolean; figures: Record<string, number | string> }[]>(
    join(parts, ' UNION ALL '),
  );
  const total: Partial<Record<FigureName, number>> = {};
  const byAlliance = new Map<string, Partial<Record<FigureName, number>>>();
  for (const row of rows) {
    if (!row.total && row.alliance_id === null) continue;
    const target = row.total ? total : byAlliance.get(row.alliance_id!) ?? byAlliance.set(row.alliance_id!, {}).get(row.alliance_id!)!;
    for (const [name, value] of Object.entries(row.figures)) target[name as FigureName] = Number(value);
  }
  return { total: finish(total), byAlliance: new Map([...byAlliance].map(([id, f]) => [id, finish(f)])) };
}
