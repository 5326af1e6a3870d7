import type { FigureName, FigureValues } from '@linju/contract/figures';
import type { ComparisonAnswer } from '../compare/answers.ts';
import type { FiguresAnswer, SideFigures } from '../graphql/answers.ts';
import { comparisonPeriods } from '../period/comparisonPeriods.ts';
import type { Period } from '../period/periodChoices.ts';
import type { CardFigure, CardName, JointFigureName } from './cardFigures.ts';

/** A side the page shows: answered (with figures) or unavailable (named by the outage). */
export interface ShownSide {
  readonly key: string;
  readonly name: string;
  readonly figures: SideFigures | null;
}

/**
 * A value as the page holds it: a number, null when the store answered that it has none (未上报, a
 * ratio without weight), undefined when the store did not answer (暂不可用).
 */
export type Reading = number | null | undefined;

/** A target the joint office set (`figureTargets`). */
export interface FigureTarget {
  readonly figure: string;
  readonly jurisdiction: string | null;
  readonly period: Period;
  readonly value: number;
  readonly note?: string | null;
}

/** Everything a card shows for one figure. */
export interface CardValues {
  /** The big number: the joint total, the one side chosen, or the joint office's. */
  readonly total: Reading;
  /** Each shown side's part (catalogue figures with every side shown), else null. */
  readonly parts: readonly { readonly key: string; readonly name: string; readonly value: Reading }[] | null;
  /**
   * The bases of 同比 and 环比: undefined when asked and not answered (a store down: 暂不可用), null
   * when answered none or not asked (`compared`).
   */
  readonly yearBefore: Reading;
  readonly before: Reading;
  /** Whether the period has each comparison period (none for an open end, or one before the API's first date: 无可比数据). */
  readonly compared: { readonly yearBefore: boolean; readonly before: boolean };
  /** Alliances existing at the period's end (累计), for the alliance figures. */
  readonly cumulative: Reading;
  readonly target: FigureTarget | null;
}

/** What the page read for its period: the figures and what they are compared with. */
export interface PageReadings {
  readonly figures: FiguresAnswer | null;
  readonly comparison: ComparisonAnswer | null;
  readonly sides: readonly ShownSide[];
  /** The one side chosen, or null for all of them (the joint total). */
  readonly side: string | null;
  readonly period: Period;
}

type Alliances = { townshipAlliances: number; jointVillageOrganizations: number; industryChainOrganizations: number; talentAlliances: number; total: number };
type Agreements = { agreements: number; cooperationItems: number };

function jointReading(name: JointFigureName, alliances: Alliances | null | undefined, agreements: Agreements | null | undefined): Reading {
  if (name === 'alliancesTotal') return alliances?.total;
  if (name === 'agreements' || name === 'cooperationItems') return agreements?.[name];
  return alliances?.[name];
}

/** The targets in an answer, when the gateway lists them (`figureTargets`); none before it does. */
export function targetsOf(figures: FiguresAnswer | null): readonly FigureTarget[] {
  const targets = (figures as { figureTargets?: FigureTarget[] | null } | null)?.figureTargets;
  return Array.isArray(targets) ? targets : [];
}

/**
 * The target a card measures progress against: one set for this figure and side (null: the joint
 * total) whose period starts with the page's and does not end before it (a year's target, seen
 * part of the way through the year).
 */
export function targetFor(targets: readonly FigureTarget[], figure: string, side: string | null, period: Period): FigureTarget | null {
  return targets.find((t) => t.figure === figure && (t.jurisdiction ?? null) === side && t.period.from === period.from && !!period.to && !!t.period.to && t.period.to >= period.to) ?? null;
}

/** A card's values, from the answers for the period, the comparison periods and the period's end. */
export function cardValues(figure: CardFigure, readings: PageReadings): CardValues {
  const { figures, comparison, sides, side } = readings;
  const target = targetFor(targetsOf(figures), figure.name, side, readings.period);
  const periods = comparisonPeriods(readings.period);
  const compared = { yearBefore: !!periods.yearBefore, before: !!periods.before };
  if (figure.joint) {
    const name = figure.name as JointFigureName;
    const overview = figures?.overview;
    const isAlliance = name !== 'agreements' && name !== 'cooperationItems';
    return {
      total: jointReading(name, overview?.alliances, overview?.agreements),
      parts: null,
      // Asked and not answered (the joint office down) is undefined, 暂不可用: never 无可比数据.
      yearBefore: compared.yearBefore ? jointReading(name, comparison?.yearBefore?.alliances, comparison?.yearBefore?.agreements) : null,
      before: compared.before ? jointReading(name, comparison?.before?.alliances, comparison?.before?.agreements) : null,
      compared,
      cumulative: isAlliance ? jointReading(name, comparison?.cumulative?.alliances, null) : null,
      target,
    };
  }
  const name = figure.name as FigureName;
  const single = side ? (sides.find((s) => s.key === side) ?? null) : null;
  const partial = sides.some((s) => !s.figures);
  const of = (values: FigureValues | null | undefined): Reading => (values ? values[name] : undefined);
  const sideCompared = single ? comparison?.sides?.find((s) => s?.key === single.key) : null;
  return {
    total: single ? of(single.figures?.figures) : partial ? undefined : of(figures?.overview?.total),
    parts: single ? null : sides.map((s) => ({ key: s.key, name: s.name, value: of(s.figures?.figures) })),
    yearBefore: !compared.yearBefore ? null : single ? of(sideCompared?.yearBefore) : of(comparison?.yearBefore?.total),
    before: !compared.before ? null : single ? of(sideCompared?.before) : of(comparison?.before?.total),
    compared,
    cumulative: null,
    target,
  };
}

/**
 * What a category holds for the period: `some` value other than 0; else `zero` when a store answered
 * 0 for any of it (no records: 无记录); else `not-reported` (未上报: nothing answered a value). 0 and
 * 未上报 are told apart here as on the cards. A value a store did not answer (undefined: it is down)
 * counts as `some`: nobody can say the category is empty, so it gets no mark.
 */
export function periodState(values: readonly CardValues[]): 'some' | 'zero' | 'not-reported' {
  const all = values.flatMap((v) => [v.total, ...(v.parts ?? []).map((p) => p.value)]);
  if (all.some((value) => value !== null && value !== 0)) return 'some';
  return all.some((value) => value === 0) ? 'zero' : 'not-reported';
}

export type { CardName };

/**
 * The largest value a card shows (its total, 累计, each side's part, the bases it is compared with,
 * its target): every value of the card is shown in the unit it picks (`formatWithUnit`), so a card
 * never reads 149.6亿元 beside 6,821,000万元.
 */
export function cardLargest(values: CardValues): number {
  const readings = [values.total, values.cumulative, values.yearBefore, values.before, values.target?.value, ...(values.parts ?? []).map((part) => part.value)];
  return Math.max(0, ...readings.map((reading) => (typeof reading === 'number' ? Math.abs(reading) : 0)));
}
