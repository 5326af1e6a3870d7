import { FIGURES, FIGURE_NAMES, type FigureDefinition, type FigureName, type FigureParts, type FigureValues, type WeightedSumName } from './figureCatalogue.ts';
import { FIGURE_SOURCES, type SourceColumn, type SourceName } from './figureSources.ts';
import { VOCABULARY } from '../vocabulary.ts';

/** A figure's definition by name. */
export const figureOf = (name: FigureName): FigureDefinition => FIGURES[name] as FigureDefinition;

/** A ratio (a weighted mean) is recomputed from the sides' weights, never summed. */
export function isAdditive(name: FigureName): boolean {
  return typeof figureOf(name).measure === 'string' || 'sum' in (figureOf(name).measure as object);
}

const weights = new Map<FigureName, FigureName | undefined>();

/**
 * The figure whose value weights a ratio, checked against the catalogue once per figure (the joint
 * total and each side's figures ask on every request): a whole count or sum of the same records, so
 * that a weighted sum of values kept to the cent is a whole number of cents ({@link ratioOf}).
 */
export function weightOf(name: FigureName): FigureName | undefined {
  if (!weights.has(name)) weights.set(name, checkedWeightOf(name));
  return weights.get(name);
}

function checkedWeightOf(name: FigureName): FigureName | undefined {
  const measure = figureOf(name).measure;
  if (typeof measure === 'string' || !('weightedMean' in measure)) return undefined;
  const weight = measure.weightedBy as FigureName;
  const definition = FIGURES[weight] as FigureDefinition | undefined;
  if (!definition || !isAdditive(weight) || definition.source !== figureOf(name).source || JSON.stringify(definition.filter) !== JSON.stringify(figureOf(name).filter)) {
    throw new Error(`Figure ${name} is weighted by ${weight}, which must be a count or sum of the same records`);
  }
  if (!isWhole(weight)) throw new Error(`Figure ${name} is weighted by ${weight}, which must be whole (a count, or a sum of an Int column)`);
  return weight;
}

/**
 * What a figure's joint value is called beside the sides' values, as the dashboard calls it: 合计,
 * their sum, or 加权平均 for a ratio (its weighted mean: {@link weightOf}, recomputed from the
 * sides' weights, never summed). An export's and the briefing's words for it.
 */
export const jointValueName = (name: FigureName): '合计' | '加权平均' => (weightOf(name) ? '加权平均' : '合计');

/**
 * A figure's label in a table whose 合计 column holds the joint values: a ratio's says that its value
 * there is no sum (户均增收（合计栏为加权平均）), any other's is its label.
 */
export const jointRowLabel = (name: FigureName): string => (jointValueName(name) === '合计' ? figureOf(name).label : `${figureOf(name).label}（合计栏为${jointValueName(name)}）`);

/**
 * A figure of things set up that stand ({@link isStanding}) named as what was newly set up in a
 * period, as the dashboard's card and the briefing say it (新增交叉任职村党组织委员: 24 read alone as
 * the number in post); a label that says it already (新增跨省异地就医定点医院) is not given 新增 twice.
 */
export const newlySetUp = (name: FigureName): string => (figureOf(name).label.startsWith('新增') ? figureOf(name).label : `新增${figureOf(name).label}`);

/**
 * A figure's row in a table of a period's values (the briefing's 附表, the figures export): a
 * standing figure's after 新增 ({@link newlySetUp}), a ratio's beside a 合计 column (`joint`) as
 * {@link jointRowLabel} says it, any other its label.
 */
export const figureRowLabel = (name: FigureName, joint: boolean): string => (isStanding(name) ? newlySetUp(name) : joint ? jointRowLabel(name) : figureOf(name).label);

/** The column a figure sums or averages, if any. */
export function columnOf(name: FigureName): (SourceColumn & { name: string }) | undefined {
  const { measure, source } = figureOf(name);
  if (typeof measure === 'string') return undefined;
  const column = 'sum' in measure ? measure.sum : measure.weightedMean;
  const columns = FIGURE_SOURCES[source].columns as Readonly<Record<string, SourceColumn>>;
  return { name: column, ...columns[column]! };
}

/**
 * Whether a figure's values are whole numbers: a count of records, or a sum of a whole column
 * (people, sessions, households); not an area, an amount or a ratio.
 */
export function isWhole(name: FigureName): boolean {
  return !weightOf(name) && (columnOf(name)?.type ?? 'Int') === 'Int';
}

/** GraphQL type of a figure: whole ones are Int; other sums Float; a ratio is a nullable Float. */
export function graphqlTypeOf(name: FigureName): string {
  if (weightOf(name)) return 'Float';
  return isWhole(name) ? 'Int!' : 'Float!';
}

/**
 * Whether a figure counts things set up that stand (posts, facilities, teams, 一约四会: its source's
 * `standing`), so that its value in a period is what was newly set up then, not what stands: a
 * smaller value than the period before's is no fall. Events (activities, service cases, team
 * actions) are not, nor is a ratio (户均增收: a mean, which may rise or fall, not a count or a sum).
 */
export function isStanding(name: FigureName): boolean {
  if (weightOf(name)) return false;
  const figure = figureOf(name);
  const standing = (FIGURE_SOURCES[figure.source] as { standing?: true | { kinds: readonly string[] } }).standing;
  const kind = (figure.filter as { kind?: string }).kind;
  return standing === true || (standing !== undefined && kind !== undefined && standing.kinds.includes(kind));
}

/** 统计口径: what a figure counts, from which records, in Chinese. */
export function definitionText(name: FigureName): string {
  const figure = figureOf(name);
  const source = FIGURE_SOURCES[figure.source];
  const filter = figure.filter as { kind?: string; flag?: string; heldAcrossBorder?: true };
  const which = filter.kind
    ? `类型为“${filter.kind}”的${source.label}`
    : filter.flag
      ? `${(source as { flags?: Record<string, string> }).flags?.[filter.flag] ?? filter.flag}的${source.label}`
      : `由另一方人员担任的${source.label}`;
  const column = columnOf(name);
  const weight = weightOf(name);
  if (weight) return `${which}的${column!.label}，按${figureOf(weight).label}加权平均（不跨方相加）`;
  return column ? `${which}的${column.label}之和` : `${which}的条数`;
}

/** Rounds a sum the way the stores' numeric columns hold it (two decimals). */
export const round2 = (value: number) => Math.round(value * 100) / 100;

/**
 * A weighted mean from its weighted sum and its weights, rounded once, to two decimals (half up, as
 * {@link round2}): null without weight, never zero. The weighted sum of values kept to the cent times
 * whole weights ({@link weightOf}) is a whole number of cents, so the mean is a division of whole
 * numbers: exactly half a cent is rounded up, never down by a float's error (2.01 yuan over 2 households is 1.01, where round2(2.01 / 2) is 1).
 */
export const ratioOf = (weighted: number, weightSum: number): number | null => (weightSum > 0 ? Math.round(Math.round(weighted * 100) / weightSum) / 100 : null);

/**
 * The field beside a ratio that carries its weighted sum (value × weight over its records, not
 * divided, so not rounded): `incomePerHouseholdYuanWeightedSum`. Each side answers it with its
 * figures; the joint total `@requires` it, since a side's mean is rounded and a joint mean
 * recomputed from rounded means (2178.73 × 221 + 1500 × 123) is off by a cent.
 */
export const weightedSumOf = (name: FigureName): WeightedSumName => `${name}WeightedSum` as WeightedSumName;

/**
 * The fields of a side's part, `JurisdictionFigures` without its list: every figure in catalogue
 * order, each ratio followed by its weighted sum ({@link weightedSumOf}). What the SDL declares and
 * the joint total `@requires` of each side.
 */
export const figurePartNames = (): string[] => FIGURE_NAMES.flatMap((name) => (weightOf(name) ? [name, weightedSumOf(name)] : [name]));

/**
 * The joint total of the sides' parts: additive figures summed, and each ratio recomputed from the
 * sides' weighted sums (summed, never rounded on the way) and weights, rounded once by
 * {@link ratioOf}: never from the sides' means, which are rounded already. Null while any side's part
 * is missing: a total is never claimed from part of the sides. A part without a ratio's weighted sum
 * throws rather than give a total recomputed from rounded means.
 */
export function combineFigures(parts: readonly (FigureParts | null | undefined)[]): FigureParts | null {
  if (parts.some((p) => !p)) return null;
  const total = {} as FigureParts;
  const sum = (field: string) => round2(parts.reduce((s, p) => s + Number((p as Record<string, number | null>)[field] ?? 0), 0));
  for (const name of FIGURE_NAMES) {
    if (isAdditive(name)) total[name] = sum(name);
  }
  for (const name of FIGURE_NAMES) {
    const weight = weightOf(name);
    if (!weight) continue;
    const field = weightedSumOf(name);
    if (parts.some((p) => typeof (p as Record<string, unknown>)[field] !== 'number')) throw new Error(`combineFigures: a side's part has no ${field}, which the joint ${name} is recomputed from`);
    total[field] = sum(field);
    total[name] = ratioOf(total[field], Number(total[weight]));
  }
  return total;
}

/** Every figure as name and value, in catalogue order: `JurisdictionFigures.values`. */
export const figureValueList = (figures: FigureValues) => FIGURE_NAMES.map((figure) => ({ figure, value: figures[figure] ?? null }));

/** The figure catalogue as a list: what the rules below read by default, and what a test may hand them instead. */
export type FigureCatalogue = readonly FigureDefinition[];
const CATALOGUE: FigureCatalogue = FIGURE_NAMES.map(figureOf);

/**
 * The kinds of a source's records under which some figure sums `column`, when every figure that sums
 * it counts one kind only (引进人才 of an activity: 引才活动); undefined when a figure sums it whatever
 * the kind, or none does. A value in that column on a record of another kind would count in no figure.
 */
export function kindsSumming(source: SourceName, column: string, catalogue: FigureCatalogue = CATALOGUE): readonly string[] | undefined {
  const summing = catalogue.filter((figure) => figure.source === source && (figure.measure as { sum?: string }).sum === column);
  const kinds = summing.map((figure) => (figure.filter as { kind?: string }).kind);
  return summing.length > 0 && kinds.every((kind) => kind !== undefined) ? [...new Set(kinds as string[])] : undefined;
}

/**
 * The activity kinds whose 引进人才 (`talents_recruited`) a figure of the catalogue counts: 引才活动.
 * Writes refuse it on the others; every kind, so nothing is refused, should a figure ever sum it
 * whatever the kind (or none sum it).
 */
export function talentActivityKinds(catalogue: FigureCatalogue = CATALOGUE): readonly string[] {
  return kindsSumming('activity', 'talents_recruited', catalogue) ?? VOCABULARY.activityKind;
}

/** {@link talentActivityKinds} of the catalogue. */
export const TALENT_ACTIVITY_KINDS: readonly string[] = talentActivityKinds();
/** The same, as a sentence names them: “引才活动”. */
export const TALENT_ACTIVITY_KINDS_QUOTED = TALENT_ACTIVITY_KINDS.map((kind) => `“${kind}”`).join('、');
