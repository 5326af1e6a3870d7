import { format, type EChartsType } from 'echarts/core';
import { formatExact, formatMonth, formatNumber } from '../format/formatNumber.ts';
import type { SideFigures } from '../graphql/answers.ts';
import { CHART_FONT, KIND_COLOURS, sideColour } from './palette.ts';

// A tooltip formatter returns HTML, which ECharts renders as it is: every string from the stores
// (a side's or a kind's name, a month) goes through this, so names cannot inject markup here either.
const text = format.encodeHTML;

const base = {
  textStyle: { fontFamily: CHART_FONT, fontSize: 14 },
  aria: { enabled: true, decal: { show: false } },
  animationDuration: 300,
};

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

/** An axis label of a month: 3月, with the year under January and under the first month shown. */
function monthLabel(month: string, index: number): string {
  const [year, number] = month.split('-').map(Number) as [number, number];
  return number === 1 || index === 0 ? `${number}月\n${year}年` : `${number}月`;
}

/** Activities per month, one series per side shown. */
export function drawActivityTrend(chart: EChartsType, sides: readonly SideFigures[]): void {
  const months = monthsBetween(sides.flatMap((side) => side.activitiesByMonth.map((m) => m.month)));
  chart.setOption(
    {
      ...base,
      color: sides.map((side) => sideColour(side.key)),
      legend: { top: 0, textStyle: { fontSize: 14 } },
      grid: { left: 8, right: 16, top: 44, bottom: 4, containLabel: true },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (items: { axisValue: string; seriesName: string; value: number; marker: string }[]) =>
          [text(formatMonth(items[0]?.axisValue ?? '')), ...items.map((item) => `${item.marker}${text(item.seriesName)}：${formatNumber(item.value)} 项`)].join('<br>'),
      },
      xAxis: { type: 'category', data: months, axisLabel: { fontSize: 13, lineHeight: 16, formatter: monthLabel } },
      yAxis: { type: 'value', name: '活动（项）', nameTextStyle: { fontSize: 13, align: 'left' }, minInterval: 1, axisLabel: { formatter: (v: number) => formatNumber(v) } },
      series: sides.map((side) => {
        const byMonth = new Map(side.activitiesByMonth.map((m) => [m.month, m.activities]));
        return { type: 'bar', name: side.name, barMaxWidth: 28, data: months.map((m) => byMonth.get(m) ?? 0) };
      }),
    },
    true,
  );
}

/** Service cases by kind, one bar per side for each kind; the tooltip gives each side's exact count (the API publishes counts only). */
export function drawServiceCases(chart: EChartsType, sides: readonly SideFigures[]): void {
  const kinds = [...new Set(sides.flatMap((side) => side.serviceCasesByKind.map((k) => k.kind)))];
  const casesOf = (side: SideFigures, kind: string) => side.serviceCasesByKind.find((k) => k.kind === kind)?.cases ?? 0;
  chart.setOption(
    {
      ...base,
      color: sides.map((side) => sideColour(side.key)),
      legend: { top: 0 },
      grid: { left: 8, right: 24, top: 40, bottom: 8, containLabel: true },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (items: { axisValue: string; seriesIndex: number; marker: string }[]) => {
          const kind = items[0]?.axisValue ?? '';
          const lines = items.map(({ seriesIndex, marker }) => {
            const side = sides[seriesIndex]!;
            return `${marker}${text(side.name)}：${formatExact(casesOf(side, kind))} 件`;
          });
          return [text(kind), ...lines].join('<br>');
        },
      },
      xAxis: { type: 'value', name: '件', minInterval: 1, axisLabel: { formatter: (v: number) => formatNumber(v) } },
      yAxis: { type: 'category', data: kinds, inverse: true, axisLabel: { fontSize: 13 } },
      series: sides.map((side) => ({
        type: 'bar',
        name: side.name,
        barMaxWidth: 22,
        label: { show: true, position: 'right', formatter: ({ value }: { value: number }) => formatNumber(value) },
        data: kinds.map((kind) => casesOf(side, kind)),
      })),
    },
    true,
  );
}

/** Alliances founded in the period, by kind (the joint office's records), most first. */
export function drawAllianceKinds(chart: EChartsType, byKind: readonly { kind: string; count: number }[]): void {
  chart.setOption(
    {
      ...base,
      grid: { left: 8, right: 40, top: 16, bottom: 4, containLabel: true },
      // ECharts' own tooltip (no formatter here) escapes the kind's name itself.
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (value: unknown) => `${formatNumber(Number(value))} 个` },
      xAxis: { type: 'value', name: '个', minInterval: 1, axisLabel: { formatter: (v: number) => formatNumber(v) } },
      yAxis: { type: 'category', data: byKind.map((k) => k.kind), inverse: true, axisLabel: { fontSize: 13 } },
      series: [
        {
          type: 'bar',
          name: '联盟',
          barMaxWidth: 26,
          colorBy: 'data',
          label: { show: true, position: 'right', formatter: ({ value }: { value: number }) => `${formatNumber(value)} 个` },
          data: byKind.map(({ count }, i) => ({ value: count, itemStyle: { color: KIND_COLOURS[i % KIND_COLOURS.length] } })),
        },
      ],
    },
    true,
  );
}
