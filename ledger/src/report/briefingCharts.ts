import { Resvg } from '@resvg/resvg-js';
import * as echarts from 'echarts';
import { FIGURES } from '@linju/contract';
import { SERVICE_CHART_FIGURES } from '@linju/contract/figures';
import type { PeriodFigures } from './readBriefingFigures.ts';

/** The CJK font installed here and in CI (fonts-wqy-zenhei); resvg finds it among the system fonts. */
export const CHART_FONT = 'WenQuanYi Zen Hei';

/** A chart as the document embeds it: a PNG and its size in points at print width. */
export interface BriefingChart {
  readonly title: string;
  /** The chart as ECharts drew it, before rasterising: its texts are what the chart says. */
  readonly svg: string;
  readonly png: Buffer;
  readonly width: number;
  readonly height: number;
}

const WIDTH = 640;
/** Text in points at print width: 15 px of a 640 px chart printed 156 mm wide is about 10.5 pt (五号). */
const TEXT = 15;
/** Sides in federation.json order take these colours (四川 red, 重庆 blue, as on the dashboard). */
const SIDE_COLOURS = ['#c8372d', '#1f6fb2', '#2f8f5b', '#8a5cc2', '#c98a12', '#0f8b8d'];

/** Renders an ECharts option on the server (SVG, no DOM) and rasterises it with resvg at twice the size, for print. */
function render(title: string, option: echarts.EChartsOption, height: number): BriefingChart {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: WIDTH, height });
  chart.setOption({ animation: false, backgroundColor: '#ffffff', textStyle: { fontFamily: CHART_FONT, fontSize: TEXT }, ...option });
  const svg = chart.renderToSVGString();
  chart.dispose();
  const png = new Resvg(svg, { font: { loadSystemFonts: true, defaultFontFamily: CHART_FONT }, fitTo: { mode: 'zoom', value: 2 } }).render().asPng();
  return { title, svg, png, width: WIDTH, height };
}

/** Every month from the first to the last of the period, so a month without activities shows as zero. */
function monthsOf(period: PeriodFigures['period']): string[] {
  const months: string[] = [];
  let [year, month] = period.from.split('-').map(Number) as [number, number];
  for (let current = period.from.slice(0, 7); current <= period.to.slice(0, 7); ) {
    months.push(current);
    [year, month] = month === 12 ? [year + 1, 1] : [year, month + 1];
    current = `${year}-${String(month).padStart(2, '0')}`;
  }
  return months;
}

const valueLabel = { show: true, position: 'right', fontFamily: CHART_FONT, fontSize: TEXT } as const;
const axisLabel = { fontFamily: CHART_FONT, fontSize: TEXT };
/**
 * A value axis's numbers as the text and the 附表 print them, without thousands separators (1500,
 * not ECharts' own 1,500: see docs/briefing.md, as the seed reports write 1650平方米, 1120人).
 */
const valueAxisLabel = { ...axisLabel, formatter: (value: number) => String(value) };

/** The 川渝通办 chart's bars: a category per figure (`label（unit）`), a series per side (未上报 as 0, as on the dashboard). */
export function serviceFigureBars(figures: PeriodFigures): { categories: string[]; units: string[]; series: { name: string; data: number[] }[] } {
  const catalogue = SERVICE_CHART_FIGURES.map((name) => FIGURES[name]);
  return {
    categories: catalogue.map((figure) => `${figure.label}（${figure.unit}）`),
    units: catalogue.map((figure) => figure.unit),
    series: figures.sides.map((side) => ({ name: side.name, data: SERVICE_CHART_FIGURES.map((name) => side.figures[name] ?? 0) })),
  };
}

/**
 * The briefing's charts, as the joint dashboard draws them: alliances by kind, each side's
 * activities by month, each side's 川渝通办 figures. A chart with nothing to show is left out.
 */
export function briefingCharts(figures: PeriodFigures): BriefingChart[] {
  const charts: BriefingChart[] = [];
  const legend = { top: 0, textStyle: { fontFamily: CHART_FONT, fontSize: TEXT } };
  const colours = figures.sides.map((_, i) => SIDE_COLOURS[i % SIDE_COLOURS.length]!);
  // Whose bars: 各方 of a joint briefing, the side's name of one side's (四川省活动数, not 各方 of one).
  const whose = figures.sides.length > 1 ? '各方' : figures.sides[0]!.name;
  const kinds = figures.alliances.byKind.filter((k) => k.count > 0);
  if (kinds.length) {
    charts.push(render('本期新建党建联盟（按类别，个）', {
      grid: { left: 16, right: 48, top: 16, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1, axisLabel: valueAxisLabel },
      yAxis: { type: 'category', data: kinds.map((k) => k.kind), inverse: true, axisLabel },
      series: [{ type: 'bar', barMaxWidth: 26, itemStyle: { color: '#b8860b' }, label: { ...valueLabel, formatter: '{c}个' }, data: kinds.map((k) => k.count) }],
    }, 60 + kinds.length * 44));
  }
  const months = monthsOf(figures.period);
  if (months.length <= 36 && figures.sides.some((s) => s.activitiesByMonth.some((m) => m.activities > 0))) {
    charts.push(render(`${whose}活动数（按月，项）`, {
      color: colours,
      legend,
      grid: { left: 16, right: 16, top: 40, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: months.map((m) => (months[0]!.slice(0, 4) === months.at(-1)!.slice(0, 4) ? '' : `${m.slice(0, 4)}年`) + `${Number(m.slice(5))}月`), axisLabel },
      yAxis: { type: 'value', minInterval: 1, axisLabel: valueAxisLabel },
      series: figures.sides.map((side) => {
        const byMonth = new Map(side.activitiesByMonth.map((m) => [m.month, m.activities]));
        // A month without activities has no bar, and no label: a row of 0 0 along the axis (2021年下半年's
        // July to November) says nothing the missing bars do not, and reads as clutter on paper.
        const label = { show: true, position: 'top', fontFamily: CHART_FONT, fontSize: TEXT, formatter: ({ value }: { value: unknown }) => (value ? String(value) : '') } as const;
        return { type: 'bar', name: side.name, barMaxWidth: 28, label, data: months.map((m) => byMonth.get(m) ?? 0) };
      }),
    }, 360));
  }
  const services = serviceFigureBars(figures);
  if (services.series.some((side) => side.data.some((value) => value > 0))) {
    charts.push(render(`川渝通办（${whose}，单位见各项）`, {
      color: colours,
      legend,
      grid: { left: 16, right: 64, top: 40, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1, axisLabel: valueAxisLabel },
      yAxis: { type: 'category', data: services.categories, inverse: true, axisLabel },
      series: services.series.map((side) => ({
        type: 'bar', name: side.name, barMaxWidth: 22, data: side.data,
        label: { ...valueLabel, formatter: ({ value, dataIndex }: { value: unknown; dataIndex: number }) => `${value}${services.units[dataIndex]}` },
      })),
    }, 70 + services.categories.length * 30 * figures.sides.length));
  }
  return charts;
}
