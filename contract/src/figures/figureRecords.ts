import { FIGURE_NAMES, type FigureName, type FigureParts } from './figureCatalogue.ts';
import { columnOf, figureOf, ratioOf, round2, weightedSumOf, weightOf } from './figureRules.ts';
import { FIGURE_SOURCES, type SourceName } from './figureSources.ts';

/** `t.held_on` → `heldOn`: the property a record object (and the API's record) holds a column in. */
export const property = (column: string) => column.replace(/^\w+\./, '').replace(/_(\w)/g, (_, c: string) => c.toUpperCase());

type RecordObject = Record<string, unknown>;

/** The records of one side a figure counts: of its kind, flag or (posts) held across the border, dated in the period. */
function selectedRecords(name: FigureName, records: readonly RecordObject[], sideKey: string, within: (date: Date) => boolean): RecordObject[] {
  const figure = figureOf(name);
  const source = FIGURE_SOURCES[figure.source];
  const filter = figure.filter as { kind?: string; flag?: string; heldAcrossBorder?: true };
  const kindProperty = 'kind' in source ? property(source.kind.column) : 'kind';
  return records.filter((r) => {
    if (!within(r[property(source.date)] as Date)) return false;
    if (filter.kind !== undefined) return r[kindProperty] === filter.kind;
    if (filter.flag !== undefined) return r[property(filter.flag)] === true;
    return !String(r.holderId).startsWith(`${sideKey}:`);
  });
}

const sumOf = (records: readonly RecordObject[], key: string, by?: string) => records.reduce((total, r) => total + Number(r[key]) * (by ? Number(r[by]) : 1), 0);

/** A ratio's weighted sum (value × weight over the records it counts), as its side answers it beside the ratio (`weightedSumOf`). */
export function weightedSumFromRecords(name: FigureName, records: readonly RecordObject[], sideKey: string, within: (date: Date) => boolean): number {
  const weight = weightOf(name);
  if (!weight) throw new Error(`Figure ${name} is no ratio: it has no weighted sum`);
  return round2(sumOf(selectedRecords(name, records, sideKey, within), property(columnOf(name)!.name), property(columnOf(weight)!.name)));
}

/**
 * A figure computed in memory from one side's record objects (camel-cased columns), by the same
 * catalogue rules as the SQL: what the seed check compares with the report's figures.
 */
export function figureFromRecords(name: FigureName, records: readonly RecordObject[], sideKey: string, within: (date: Date) => boolean): number | null {
  const selected = selectedRecords(name, records, sideKey, within);
  const column = columnOf(name);
  if (!column) return selected.length;
  const weight = weightOf(name);
  if (!weight) return round2(sumOf(selected, property(column.name)));
  return ratioOf(weightedSumFromRecords(name, records, sideKey, within), sumOf(selected, property(columnOf(weight)!.name)));
}

/**
 * One side's part as its subgraph answers it (every figure, each ratio's weighted sum), computed in
 * memory from its record objects of each source: what the seed check totals with `combineFigures`,
 * as the joint office does.
 */
export function figurePartsFromRecords(recordsOf: (source: SourceName) => readonly RecordObject[], sideKey: string, within: (date: Date) => boolean): FigureParts {
  const part: Record<string, number | null> = {};
  for (const name of FIGURE_NAMES) {
    const records = recordsOf(figureOf(name).source);
    part[name] = figureFromRecords(name, records, sideKey, within);
    if (weightOf(name)) part[weightedSumOf(name)] = weightedSumFromRecords(name, records, sideKey, within);
  }
  return part as FigureParts;
}
