import { FIGURE_NAMES, type FigureValues } from '@linju/contract/figures';

type FigureList = { values: { figure: string; value: number | null }[] };

/**
 * An answer type as {@link figuresByName} leaves it: every figure list (`JurisdictionFigures.values`)
 * is figures by name; everything else, nullability and optional fields included, stays as it was.
 */
export type WithFiguresByName<T> = T extends FigureList
  ? FigureValues
  : T extends readonly (infer Item)[]
    ? WithFiguresByName<Item>[]
    : T extends object
      ? { [K in keyof T]: WithFiguresByName<T[K]> }
      : T;

const isFigureList = (value: unknown): value is FigureList =>
  typeof value === 'object' && value !== null && Array.isArray((value as { values?: unknown }).values);

/**
 * The operations ask for figures as a list (`JurisdictionFigures.values`), so a figure added to the
 * catalogue reaches the page without a change to its registered operations. This turns every such
 * list in an answer into figures by name; a figure the gateway did not send reads as not reported (null).
 */
export function figuresByName<T>(answer: T): WithFiguresByName<T> {
  if (Array.isArray(answer)) return answer.map(figuresByName) as WithFiguresByName<T>;
  if (typeof answer !== 'object' || answer === null) return answer as WithFiguresByName<T>;
  if (isFigureList(answer)) {
    const byName = new Map(answer.values.map((v) => [v.figure, v.value]));
    return Object.fromEntries(FIGURE_NAMES.map((name) => [name, byName.get(name) ?? null])) as FigureValues as WithFiguresByName<T>;
  }
  return Object.fromEntries(Object.entries(answer).map(([key, value]) => [key, figuresByName(value)])) as WithFiguresByName<T>;
}
