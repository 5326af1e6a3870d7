import { figureOf, SERVICE_CHART_FIGURES } from '@linju/contract/figures';
import { format, type EChartsType } from 'echarts/core';
import { formatExact, formatMonth, formatNumber } from '../format/formatNumber.ts';
import type { SideFigures } from '../graphql/answers.ts';
import { labelWidth, wrapCategoryName } from './categoryNames.ts';
import { CHART_FONT, KIND_COLOURS, sideColour } from './palette.ts';
import { drawSized } from './chartIn.ts';
import { setChartTable } from './chartTable.ts';
import { STEP_LABEL_FONT, stepAxisLabels } from './stepLabels.ts';

// A tooltip formatter returns HTML, which ECharts renders as it is: every string from the stores
// (a side's or a kind's name, a month) goes through this, so names cannot inject markup here either.
const text = format.encodeHTML;

const base = {
  textStyle: { fontFamily: CHART_FONT, fontSize: 14 },
  animationDuration: 300,
  // A tap shows the tooltip on a touch screen as a hover does with a mouse.
  tooltip: { triggerOn: 'mousemove|click', confine: true },
};

/**
 * What a screen reader says of a chart (the chart's `aria-label`): its own words from its own data,
 * series by series with each value and its unit (活动趋势（按月，单位：项）。四川省：2021年1月 3项、…),
 * where ECharts' generated text said 第0个系列…数据是0，1.
 */
function ariaOf(chart: EChartsType, description: string) {
  // The box is role="img": its label is what is read (the SVG inside it is not), so it says the same.
  chart.getDom().setAttribute('aria-label', description);
  return { aria: { enabled: true, decal: { show: false }, label: { enabled: true, description } } };
}

/** A chart's series for `ariaOf`: 四川省：2021年1月 3项、2021年2月 0项. */
export function describeSeries(title: string, series: readonly { name: string; values: readonly { name: string; value: string }[] }[]): string {
  if (series.every((s) => s.values.length === 0)) return `${title}：本时间段无记录。`;
  return `${title}。${series.map((s) => `${s.name}：${s.values.map((v) => `${v.name} ${v.value}`).join('、')}`).join('；')}。`;
}

/** What an empty chart says in its box, where it drew a legend and a baseline only. */
export const NO_RECORDS_NOTE = '本时间段无记录';
const noRecords = { title: { text: NO_RECORDS_NOTE, left: 'center', top: 'middle', textStyle: { fontSize: 14, fontWeight: 'normal', color: '#555' } } };

/**
 * The plot area: everything drawn around it (tick labels, axis names) kept inside the chart's box,
 * so the plot takes what is left of it at any width.
 */
const grid = (top: number) => ({ left: 8, right: 16, top, bottom: 4, outerBoundsMode: 'same', outerBoundsContain: 'all' }) as const;

/**
 * A value axis legible at any width: few ticks (about one per 90 px of the chart), any that would
 * still touch hidden, numbers in the Chinese way.
 */
const valueAxis = (chart: EChartsType) => ({
  type: 'value',
  minInterval: 1,
  splitNumber: Math.max(2, Math.min(5, Math.floor(chart.getWidth() / 90))),
  axisLabel: { hideOverlap: true, formatter: (v: number) => formatNumber(v) },
});

/**
 * Bars of a horizontal bar chart with their value at the end: the axis leaves room for the label
 * (18 % past the longest bar), a label that would still touch another is hidden rather than drawn
 * over it (the tooltip gives every value).
 */
const barLabels = {
  axis: { boundaryGap: [0, 0.18] as [number, number] },
  // Each side's bar as thick as its label is tall: a category's bars take most of its band.
  series: { barCategoryGap: '16%', barGap: '8%', labelLayout: { hideOverlap: true } },
  label: { show: true, position: 'right', fontSize: 12, lineHeight: 13 },
};

/**
 * A category axis of long names (川渝通办's figures, the alliances' kinds): each name on one line up
 * to `share` of the chart (at least 96 px, 7 characters, at most 200 px), a longer one broken between
 * its words and evenly (`wrapCategoryName`: 新增跨省异地 / 就医定点医院), where ECharts broke it wherever
 * the width ran out (新增跨省异地就 / 医定点医院, 毗邻乡镇党建联 / 建 on a phone). The lines are a little
 * narrower than the label's width, so ECharts' own break (`overflow`) is only for a word wider than
 * that; the tooltip and the chart's 导出 name each in full. 川渝通办 keeps a third for the names, its
 * bars' values (570 人) needing the rest; the kinds, of eight characters, take 40 % and stay whole on a phone.
 */
const SERVICE_NAMES_SHARE = 1 / 3;
const KIND_NAMES_SHARE = 0.4;
const categoryLabels = (chart: EChartsType, share: number) => {
  const fontSize = 13;
  const width = Math.max(96, Math.min(200, Math.round(chart.getWidth() * share)));
  const formatter = (name: string) => wrapCategoryName(name, width - 4, fontSize);
  return { fontSize, lineHeight: 16, width, overflow: 'break', formatter } as const;
};

/**
 * Where the plot of a chart with a legend above it starts: below as many rows as the legend's items
 * take at the chart's width (each its colour mark and its name, in the chart's 14 px type), so a
 * legend that wraps on a phone (新增（本时间段成立） / 累计（截至期末）) is never drawn over the plot.
 */
function belowLegend(chart: EChartsType, items: readonly string[]): number {
  const widths = items.map((item) => 25 + 5 + item.length * 14 + 10);
  let rows = 1;
  let row = 0;
  for (const width of widths) {
    if (row > 0 && row + width > chart.getWidth() - 16) [rows, row] = [rows + 1, 0];
    row += width;
  }
  return 16 + rows * 24;
}

/**
 * Makes a horizontal bar chart tall enough for every category's name in the lines `categoryLabels`
 * draws it in (the unit on a line of its own) and for each of its `bars`
 * bars to be as thick as its value's label: ECharts hides a name taller than its band and a value
 * that would touch another, and on a small phone (360×740) the stylesheet's height left two of
 * 川渝通办's four bars without a name. The box grows (`min-height`) by what the bands need beyond
 * the legend (`top`) and the value axis (`below`), and is laid out at once; never on the wall screen,
 * whose charts share its height.
 */
function roomForNames(chart: EChartsType, names: readonly string[], share: number, bars: number, top: number, below: number): void {
  const box = chart.getDom();
  if (box.closest('body.wall')) {
    box.style.minHeight = '';
    return;
  }
  const { lineHeight, formatter } = categoryLabels(chart, share);
  const lines = (name: string) => formatter(name).split('\n').length;
  // A bar takes (1 − 16 % gap) / (bars + 8 % between them) of its band: each at least its label's line and a pixel either side.
  const thick = Math.ceil(((barLabels.label.lineHeight + 2) * (bars + 0.08 * (bars - 1))) / 0.84);
  const band = Math.max(thick, Math.max(0, ...names.map(lines)) * lineHeight + 2);
  const least = `${top + below + names.length * band}px`;
  if (box.style.minHeight === least) return;
  box.style.minHeight = least;
  chart.resize();
}

/**
 * The months the trend shows: every month of the period up to today's (a month without activities
 * reads 0, and the default 本年 shows its months so far when nothing is recorded yet), and any month
 * an answer names; for a period without a beginning (全部时间) the months of the answers alone.
 */
export function trendMonths(answered: readonly string[], period: { from: string | null; to: string | null }, today: string): string[] {
  const last = (period.to && period.to < today ? period.to : today).slice(0, 7);
  const first = period.from?.slice(0, 7);
  const ends = first && first <= last ? [first, last] : [];
  return monthsBetween([...answered, ...ends]);
}

/** Every month from the first to the last, so a month without activities shows as zero, not as a gap. */
export function monthsBetween(months: readonly string[]): string[] {
  if (months.length === 0) return [];
  const sorted = [...months].sort();
  const [first, last] = [sorted[0]!, sorted[sorted.length - 1]!];
  const out: string[] = [];
  let [year, month] = first.split('-').map(Number) as [number, number];
  for (let current = first; current <= last; ) {
    out.push(current);
    month += 1;
    if (month > 12) [year, month] = [year + 1, 1];
    current = `${year}-${String(month).padStart(2, '0')}`;
  }
  return out;
}

/** The trend's step: months or quarters. */
export type Granularity = 'month' | 'quarter';

/** A month's quarter: 2021-05 → 2021-Q2. */
export const quarterOf = (month: string): string => `${month.slice(0, 4)}-Q${Math.ceil(Number(month.slice(5, 7)) / 3)}`;

/**
 * The trend's step axis labels the steps `stepAxisLabels` chose, and only those (ECharts' own
 * thinning by width hid the Januaries that named the years on a phone).
 */
const stepAxisLabel = (labels: readonly (string | null)[]) => ({
  fontSize: STEP_LABEL_FONT,
  lineHeight: 16,
  interval: (index: number) => labels[index] != null,
  formatter: (_: string, index: number) => labels[index] ?? '',
});

/** A step in full, for the tooltip: 2021年3月, 2021年第2季度. */
const describeStep = (step: string): string => (step.includes('-Q') ? `${step.slice(0, 4)}年第${step.slice(6)}季度` : formatMonth(step));

/** The period a chart is drawn for, and China's today: the trend's months (`trendMonths`). */
export interface ChartSpan {
  readonly period: { from: string | null; to: string | null };
  readonly today: string;
}

/** Activities per month (or quarter), one line per side shown; 本时间段无记录 in the box when there is no month to show. */
export function drawActivityTrend(chart: EChartsType, sides: readonly SideFigures[], granularity: Granularity, within: ChartSpan): void {
  drawSized(chart, () => drawActivityTrendAt(chart, sides, granularity, within));
}

function drawActivityTrendAt(chart: EChartsType, sides: readonly SideFigures[], granularity: Granularity, within: ChartSpan): void {
  const months = trendMonths(sides.flatMap((side) => side.activitiesByMonth.map((m) => m.month)), within.period, within.today);
  const stepOf = granularity === 'quarter' ? quarterOf : (month: string) => month;
  const steps = [...new Set(months.map(stepOf))];
  const values = sides.map((side) => {
    const byStep = new Map<string, number>();
    for (const m of side.activitiesByMonth) byStep.set(stepOf(m.month), (byStep.get(stepOf(m.month)) ?? 0) + m.activities);
    return steps.map((s) => byStep.get(s) ?? 0);
  });
  setChartTable(chart.getDom(), {
    title: '活动趋势',
    columns: [granularity === 'quarter' ? '季度' : '月份', ...sides.map((side) => `${side.name}（项）`)],
    rows: steps.map((step, i) => [describeStep(step), ...values.map((data) => data[i]!)]),
  });
  // The plot's width before ECharts lays it out: the chart's less the grid's sides, the value axis' labels and half an end label each side.
  const valueLabels = labelWidth(formatNumber(Math.max(0, ...values.flat())), STEP_LABEL_FONT) + 8;
  const estimated = chart.getWidth() - 24 - Math.max(valueLabels + 8, 23) - 23;
  const drawn = stepAxisLabels(steps, estimated);
  chart.setOption(
    {
      ...base,
      ...ariaOf(chart, describeSeries(`活动趋势（${granularity === 'quarter' ? '按季度' : '按月'}，单位：项）`, sides.map((side, i) => ({ name: side.name, values: steps.map((step, j) => ({ name: describeStep(step), value: `${formatExact(values[i]![j]!)}项` })) })))),
      ...(steps.length === 0 && noRecords),
      color: sides.map((side) => sideColour(side.key)),
      legend: { top: 0, textStyle: { fontSize: 14 } },
      grid: grid(44),
      tooltip: {
        ...base.tooltip,
        trigger: 'axis',
        formatter: (items: { axisValue: string; seriesName: string; value: number; marker: string }[]) =>
          [text(describeStep(items[0]?.axisValue ?? '')), ...items.map((item) => `${item.marker}${text(item.seriesName)}：${formatNumber(item.value)} 项`)].join('<br>'),
      },
      xAxis: { type: 'category', data: steps, boundaryGap: false, axisLabel: stepAxisLabel(drawn) },
      yAxis: { ...valueAxis(chart), splitNumber: 4, name: '活动（项）', nameTextStyle: { fontSize: 13, align: 'left' } },
      series: sides.map((side, i) => ({ type: 'line', name: side.name, symbolSize: 6, data: values[i] })),
    },
    true,
  );
  // The plot as laid out (the value axis' labels and the end labels took their room): labelled again if it differs.
  if (steps.length < 2) return;
  const span = Number(chart.convertToPixel({ xAxisIndex: 0 }, steps.at(-1)!)) - Number(chart.convertToPixel({ xAxisIndex: 0 }, steps[0]!));
  const laidOut = stepAxisLabels(steps, span);
  if (Number.isFinite(span) && laidOut.some((label, i) => label !== drawn[i])) chart.setOption({ xAxis: { axisLabel: stepAxisLabel(laidOut) } });
}

/** The 川渝通办 figures per side; the tooltip gives each side's exact value with the figure's unit. */
export function drawServiceCases(chart: EChartsType, sides: readonly SideFigures[]): void {
  drawSized(chart, () => drawServiceCasesAt(chart, sides));
}

function drawServiceCasesAt(chart: EChartsType, sides: readonly SideFigures[]): void {
  const figures = SERVICE_CHART_FIGURES.map((name) => ({ name, ...figureOf(name) }));
  // The unit on a line of its own, so a wrapped name never leaves a lone bracket.
  const axisName = (figure: (typeof figures)[number]) => `${figure.label}\n（${figure.unit}）`;
  const valueOf = (side: SideFigures, name: (typeof figures)[number]['name']) => side.figures[name];
  const top = belowLegend(chart, sides.map((side) => side.name));
  roomForNames(chart, figures.map(axisName), SERVICE_NAMES_SHARE, sides.length, top, 28);
  setChartTable(chart.getDom(), {
    title: '川渝通办',
    columns: ['指标', '单位', ...sides.map((side) => side.name)],
    rows: figures.map((figure) => [figure.label, figure.unit, ...sides.map((side) => valueOf(side, figure.name))]),
  });
  chart.setOption(
    {
      ...base,
      ...ariaOf(chart, describeSeries('川渝通办', sides.map((side) => ({ name: side.name, values: figures.map((figure) => ({ name: figure.label, value: valueOf(side, figure.name) === null ? '未上报' : `${formatExact(valueOf(side, figure.name)!)}${figure.unit}` })) })))),
      color: sides.map((side) => sideColour(side.key)),
      legend: { top: 0 },
      grid: grid(top),
      tooltip: {
        ...base.tooltip,
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (items: { dataIndex: number; seriesIndex: number; marker: string }[]) => {
          const figure = figures[items[0]?.dataIndex ?? 0]!;
          const lines = items.map(({ seriesIndex, marker }) => {
            const side = sides[seriesIndex]!;
            const value = valueOf(side, figure.name);
            return `${marker}${text(side.name)}：${value === null ? '未上报' : `${formatExact(value)} ${figure.unit}`}`;
          });
          return [text(figure.label), ...lines].join('<br>');
        },
      },
      xAxis: { ...valueAxis(chart), ...barLabels.axis },
      yAxis: { type: 'category', data: figures.map(axisName), inverse: true, axisLabel: categoryLabels(chart, SERVICE_NAMES_SHARE) },
      series: sides.map((side) => ({
        type: 'bar',
        name: side.name,
        barMaxWidth: 22,
        ...barLabels.series,
        label: { ...barLabels.label, formatter: ({ value, dataIndex }: { value: number; dataIndex: number }) => `${formatNumber(value)} ${figures[dataIndex]!.unit}` },
        data: figures.map((figure) => valueOf(side, figure.name) ?? 0),
      })),
    },
    true,
  );
}

/** Alliances by kind (the joint office's records): founded in the period (新增) and existing at its end (累计). */
export function drawAllianceKinds(chart: EChartsType, founded: readonly { kind: string; count: number }[], existing: readonly { kind: string; count: number }[] | null): void {
  drawSized(chart, () => drawAllianceKindsAt(chart, founded, existing));
}

function drawAllianceKindsAt(chart: EChartsType, founded: readonly { kind: string; count: number }[], existing: readonly { kind: string; count: number }[] | null): void {
  const kinds = [...new Set([...(existing ?? []).map((k) => k.kind), ...founded.map((k) => k.kind)])];
  const countOf = (list: readonly { kind: string; count: number }[], kind: string) => list.find((k) => k.kind === kind)?.count ?? 0;
  const series = [
    { name: '新增（本时间段成立）', list: founded, colour: KIND_COLOURS[0]! },
    ...(existing ? [{ name: '累计（截至期末）', list: existing, colour: KIND_COLOURS[2]! }] : []),
  ];
  const top = belowLegend(chart, series.map((s) => s.name));
  // The axis' unit (个) under its ticks.
  roomForNames(chart, kinds, KIND_NAMES_SHARE, series.length, top, 48);
  setChartTable(chart.getDom(), {
    title: '党建联盟（按类别）',
    columns: ['类别', ...series.map((s) => `${s.name}（个）`)],
    rows: kinds.map((kind) => [kind, ...series.map(({ list }) => countOf(list, kind))]),
  });
  chart.setOption(
    {
      ...base,
      ...ariaOf(chart, describeSeries('党建联盟（按类别，单位：个）', series.map(({ name, list }) => ({ name, values: kinds.map((kind) => ({ name: kind, value: `${formatExact(countOf(list, kind))}个` })) })))),
      ...(kinds.length === 0 && noRecords),
      color: series.map((s) => s.colour),
      legend: { top: 0 },
      grid: grid(top),
      // ECharts' own tooltip (no formatter here) escapes the kind's name itself.
      tooltip: { ...base.tooltip, trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (value: unknown) => `${formatNumber(Number(value))} 个` },
      // The unit under the axis, inside the chart (at the axis' end it stood past the plot).
      xAxis: { ...valueAxis(chart), ...barLabels.axis, name: '个', nameLocation: 'middle', nameGap: 24, nameTextStyle: { fontSize: 13 } },
      yAxis: { type: 'category', data: kinds, inverse: true, axisLabel: categoryLabels(chart, KIND_NAMES_SHARE) },
      series: series.map(({ name, list }) => ({
        type: 'bar',
        name,
        barMaxWidth: 20,
        ...barLabels.series,
        label: { ...barLabels.label, formatter: ({ value }: { value: number }) => `${formatNumber(value)} 个` },
        data: kinds.map((kind) => countOf(list, kind)),
      })),
    },
    true,
  );
}
