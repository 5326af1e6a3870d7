import { Resvg } from '@resvg/resvg-js';
import * as echarts from 'echarts';
import { FIGURES } from '@linju/contract';
import { SERVICE_CHART_FIGURES } from '@linju/contract/figures';
import { describeBriefingPeriod, shortBriefingPeriod, type BriefingPeriod } from './briefingPeriod.ts';
import type { PeriodFigures, SideMonths } from './readBriefingFigures.ts';

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

/** How many months 图2 draws for a briefing within one month: half a year, ending with its own. */
export const TREND_MONTHS = 6;

/**
 * For a period within one calendar month (a monthly briefing, or its first days), the whole months
 * before it that 图2 draws beside it (the five before: 2026年7月 to 11月 for 2026年12月), read from the
 * sides' stores as the period's own are; otherwise undefined, the period's months being drawn alone. A
 * chart of one month's bar showed no trend, which is what a chart of months is read for.
 */
export function monthsBefore({ from, to }: BriefingPeriod): BriefingPeriod | undefined {
  if (from.slice(0, 7) !== to.slice(0, 7)) return undefined;
  const [year, month] = from.split('-').map(Number) as [number, number];
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return { from: day(Date.UTC(year, month - TREND_MONTHS, 1)), to: day(Date.UTC(year, month - 1, 0)) };
}

/**
 * A month as 图2's axis names it: 3月, with its year on a second line at the first month and at each
 * January when the months span more than one year (10月 / 2025年 … 1月 / 2026年), never 2025年10月 on
 * every bar, which a chart of six or twelve months cannot fit side by side.
 */
function monthLabels(months: readonly string[]): string[] {
  const years = new Set(months.map((m) => m.slice(0, 4))).size > 1;
  return months.map((m, i) => `${Number(m.slice(5))}月${years && (i === 0 || m.endsWith('-01')) ? `\n${m.slice(0, 4)}年` : ''}`);
}

/** 图2's title: whose, and for a period within a month drawn with the months before it, which months, and its own days when they are not the whole month. */
function activityTitle(whose: string, period: BriefingPeriod, before: BriefingPeriod | undefined): string {
  if (!before) return `${whose}活动数（按月，项）`;
  const [year, month, day] = period.to.split('-').map(Number) as [number, number, number];
  const end = new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
  const months = describeBriefingPeriod({ from: before.from, to: end });
  const whole = period.from.endsWith('-01') && (period.to === end || period.inProgress === 'lastDay');
  const first = Number(period.from.slice(8));
  const days = whole ? '' : `；${month}月为${first === day ? `${day}日` : `${first}日至${day}日`}`;
  return `${whose}活动数（${months}，按月，项${days}）`;
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

/** The most months 图2 draws as months; a longer period is drawn by year ({@link byYear}). */
export const MOST_MONTHS = 36;

/**
 * 图2 of a period longer than {@link MOST_MONTHS}: a bar per calendar year, each side's months summed,
 * a year the period covers only in part named with its part (`2023年一栏为1月至5月`, `2017年一栏为第四季度`). Such a
 * briefing (2017年至2023年) had no chart of activities at all: 84 months are too many bars to read.
 */
function byYear(whose: string, period: BriefingPeriod, months: readonly string[], series: readonly { name: string; data: number[] }[]): ReturnType<typeof activityBars> {
  const years = [...new Set(months.map((m) => m.slice(0, 4)))];
  const partial = years.flatMap((year) => {
    const span = { from: period.from > `${year}-01-01` ? period.from : `${year}-01-01`, to: period.to < `${year}-12-31` ? period.to : `${year}-12-31` };
    if (span.from === `${year}-01-01` && span.to === `${year}-12-31`) return [];
    // As the 附表's headings name a part (shortBriefingPeriod): 3月15日至12月31日, never 3月15日至2017年12月31日.
    return [`${year}年一栏为${shortBriefingPeriod(span).replace(new RegExp(`^${year}年`), '')}`];
  });
  return {
    title: `${whose}活动数（按年，项${partial.length ? `；${partial.join('，')}` : ''}）`,
    categories: years.map((year) => `${year}年`),
    series: series.map((side) => ({ name: side.name, data: years.map((year) => side.data.reduce((sum, value, i) => (months[i]!.startsWith(year) ? sum + value : sum), 0)) })),
  };
}

/**
 * 图2's bars: a category per month (monthLabels), a series per side, the title naming what is drawn;
 * undefined when no side has an activity in any month drawn. A period within one month is drawn after
 * the whole months `before` it ({@link monthsBefore}), read from the stores as its own are; a period of
 * more than {@link MOST_MONTHS} months by year; else its own months alone.
 */
export function activityBars(figures: PeriodFigures, before?: SideMonths): { title: string; categories: string[]; series: { name: string; data: number[] }[] } | undefined {
  const earlier = before && monthsBefore(figures.period);
  const months = [...(earlier ? monthsOf(earlier) : []), ...monthsOf(figures.period)];
  // Each side's months: those before the period (whole months, read apart) and the period's own.
  const series = figures.sides.map((side) => {
    const byMonth = new Map([...(earlier ? (before.get(side.key) ?? []) : []), ...side.activitiesByMonth].map((m) => [m.month, m.activities]));
    return { name: side.name, data: months.map((m) => byMonth.get(m) ?? 0) };
  });
  if (!series.some((side) => side.data.some((value) => value > 0))) return undefined;
  const whose = figures.sides.length > 1 ? '各方' : figures.sides[0]!.name;
  if (months.length > MOST_MONTHS) return byYear(whose, figures.period, months, series);
  return { title: activityTitle(whose, figures.period, earlier), categories: monthLabels(months), series };
}

/**
 * The briefing's charts, as the joint dashboard draws them: alliances by kind, each side's
 * activities by month (for a period within one month, with each side's activities of the months
 * `before` it, {@link monthsBefore}), each side's 川渝通办 figures. A chart with nothing to show is left out.
 */
export function briefingCharts(figures: PeriodFigures, before?: SideMonths): BriefingChart[] {
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
  const activities = activityBars(figures, before);
  if (activities) {
    charts.push(render(activities.title, {
      color: colours,
      legend,
      grid: { left: 16, right: 16, top: 40, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: activities.categories, axisLabel },
      yAxis: { type: 'value', minInterval: 1, axisLabel: valueAxisLabel },
      series: activities.series.map((side) => {
        // A month without activities has no bar, and no label: a row of 0 0 along the axis (2021年下半年's
        // July to November) says nothing the missing bars do not, and reads as clutter on paper.
        const label = { show: true, position: 'top', fontFamily: CHART_FONT, fontSize: TEXT, formatter: ({ value }: { value: unknown }) => (value ? String(value) : '') } as const;
        return { type: 'bar', name: side.name, barMaxWidth: 28, label, data: side.data };
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
