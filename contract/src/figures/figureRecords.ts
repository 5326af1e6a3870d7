import type { FigureName } from './figureCatalogue.ts';
import { columnOf, figureOf, ratioOf, round2, weightOf } from './figureRules.ts';
import { FIGURE_SOURCES } from './figureSources.ts';

/** `t.held_on` → `heldOn`: the property a record object (and the API's record) holds a column in. */
export const property = (column: string) => column.replace(/^\w+\./, '').replace(/_(\w)/g, (_, c: string) => c.toUpperCase());

type RecordObject = Record<string, unknown>;

/**
 * A figure computed in memory from one side's record objects (camel-cased columns), by the same
 * catalogue rules as the SQL: what the seed check compares with the report's figures.
 */
export function figureFromRecords(name: FigureName, records: readonly RecordObject[], sideKey: string, within: (date: Date) => boolean): number | null {
  const figure = figureOf(name);
  const source = FIGURE_SOURCES[figure.source];
  const filter = figure.filter as { kind?: string; flag?: string; heldAcrossBorder?: true };
  const kindProperty = 'kind' in source ? property(source.kind.column) : 'kind';
  const selected = records.filter((r) => {
    if (!within(r[property(source.date)] as Date)) return false;
    if (filter.kind !== undefined) return r[kindProperty] === filter.kind;
    if (filter.flag !== undefined) return r[property(filter.flag)] === true;
    return !String(r.holderId).startsWith(`${sideKey}:`);
  });
  const column = columnOf(name);
  const sum = (key: string, by?: string) => selected.reduce((total, r) => total + Number(r[key]) * (by ? Number(r[by]) : 1), 0);
  if (!column) return selected.length;
  const weight = weightOf(name);
  if (!weight) return round2(sum(property(column.name)));
  const weightColumn = property(columnOf(weight)!.name);
  return ratioOf(sum(property(column.name), weightColumn), sum(weightColumn));
}
