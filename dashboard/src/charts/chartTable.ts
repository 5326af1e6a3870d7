/**
 * What a chart shows, as a table: the figures it drew, with the names and units it drew them with.
 * Each draw function records its chart's table here, from the very values it hands ECharts, and the
 * chart's 导出 writes this table (`chartWorkbook.ts`): the export holds the chart's figures and no
 * others, for the period and sides drawn, and a figure has one place it is read from.
 */
export interface ChartTable {
  /** The chart's title: the sheet's name and the file's. */
  readonly title: string;
  readonly columns: readonly string[];
  /** A row per category drawn; null is a value not reported (未上报). */
  readonly rows: readonly (readonly (string | number | null)[])[];
}

const tables = new WeakMap<HTMLElement, ChartTable>();

/** Records what the chart in `box` now shows. */
export function setChartTable(box: HTMLElement, table: ChartTable): void {
  tables.set(box, table);
}

/** What the chart in `box` shows; null before it is first drawn. */
export function chartTableOf(box: HTMLElement): ChartTable | null {
  return tables.get(box) ?? null;
}

/** Said by a chart's 导出 while the chart still shows another period or side than the one chosen. */
export const CHART_OF_OTHER_PERIOD = '图表仍是此前所选时间段或辖区的数据，请待本次数据读出后再导出。';
