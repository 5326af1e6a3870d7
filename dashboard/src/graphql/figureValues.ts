import { FIGURE_NAMES, type FigureValues } from '@linju/contract/figures';

type FigureList = { values: { figure: string; value: number | null }[] };

const isFigureList = (value: unknown): value is FigureList =>
  typeof value === 'object' && value !== null && Array.isArray((value as { values?: unknown }).values);

/**
 * The operations ask for figures as a list (`JurisdictionFigures.values`), so a figure added to the
 * catalogue reaches the page without a change to its registered operations. This turns every such
 * list in an answer into figures by name; a figure the gateway did not send reads as not reported (null).
 */
export function figuresByName<T>(answer: T): T {
  if (Array.isArray(answer)) return answer.map(figuresByName) as T;
  if (typeof answer !== 'object' || answer === null) return answer;
  if (isFigureList(answer)) {
    const byName = new Map(answer.values.map((v) => [v.figure, v.value]));
    return Object.fromEntries(FIGURE_NAMES.map((name) => [name, byName.get(name) ?? null])) as FigureValues as T;
  }
  return Object.fromEntries(Object.entries(answer).map(([key, value]) => [key, figuresByName(value)])) as T;
}
