import { FIGURE_CATEGORIES, FIGURE_NAMES, FIGURES, type FigureName, type FigureValues } from '@linju/contract/figures';

/** Field names of `JurisdictionFigures`: the figure catalogue's names. */
export type FigureField = FigureName;

/** A side's figures (or the joint total) by name, as the page reads them. */
export type JurisdictionFigures = FigureValues;

/** One figure as a card shows it: its field, label and unit from the catalogue. */
export interface HeadlineFigure {
  readonly field: FigureField;
  readonly label: string;
  readonly unit: string;
}

/** A group of figures: one category of the report (seed 000). */
export interface FigureGroup {
  readonly title: string;
  readonly figures: readonly HeadlineFigure[];
}

/** A figure's label and unit, from the catalogue: the same on every card, chart and table. */
export const figureShown = (field: FigureField): HeadlineFigure => ({ field, label: FIGURES[field].label, unit: FIGURES[field].unit });

/** Every figure of the catalogue, grouped by category in the report's order. */
export const FIGURE_GROUPS: readonly FigureGroup[] = FIGURE_CATEGORIES.map((title) => ({
  title,
  figures: FIGURE_NAMES.filter((name) => FIGURES[name].category === title).map(figureShown),
}));
