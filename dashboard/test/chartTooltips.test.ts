import type { EChartsType } from 'echarts/core';
import { expect, test } from 'vitest';
import { SERVICE_CHART_FIGURES } from '@linju/contract/figures';
import { drawActivityTrend, drawAllianceKinds, drawServiceCases, NO_RECORDS_NOTE, trendMonths, type ChartSpan, type Granularity } from '../src/charts/drawCharts.ts';
import type { SideFigures } from '../src/graphql/answers.ts';

type Formatter = (items: object[]) => string;

/** The tooltip formatter a draw function hands ECharts, caught by a stand-in chart. */
function tooltipOf(draw: (chart: EChartsType, sides: SideFigures[]) => void, sides: SideFigures[]): Formatter {
  let option: { tooltip: { formatter: Formatter } } | undefined;
  // Its box (no page here): not on a wall screen, its min-height set as a bar chart's names need; its plot never laid out.
  const box = { closest: () => null, style: { minHeight: '' }, setAttribute: () => undefined };
  draw({ setOption: (given: typeof option) => (option = given), getWidth: () => 800, getDom: () => box, resize: () => undefined, convertToPixel: () => NaN } as unknown as EChartsType, sides);
  return option!.tooltip.formatter;
}

/** All time (no months of its own), as the trend was drawn before it took its period. */
const ALL_TIME: ChartSpan = { period: { from: null, to: null }, today: '2026-12-07' };
const trend = (granularity: Granularity, span = ALL_TIME) => (chart: EChartsType, sides: SideFigures[]) => drawActivityTrend(chart, sides, granularity, span);

const INJECTED = '<img src=x onerror=alert(1)>';
const side = {
  code: '140000',
  key: 'shanxi',
  name: `山西省${INJECTED}`,
  figures: { householdRegistrationMoves: 12, pensionTransferPeople: null },
  activitiesByMonth: [{ month: '2021-03', activities: 4, sessions: 1, personTimes: 20 }],
  serviceCasesByKind: [{ kind: `户口迁移${INJECTED}`, cases: 12 }],
} as unknown as SideFigures;

test('the 川渝通办 tooltip escapes side names and gives each figure with its catalogue label and unit, 未上报 for none', () => {
  const tooltip = tooltipOf(drawServiceCases, [side]);
  const at = (name: string) => tooltip([{ dataIndex: SERVICE_CHART_FIGURES.indexOf(name as never), seriesIndex: 0, marker: '' }]);
  expect(at('householdRegistrationMoves')).not.toContain('<img');
  expect(at('householdRegistrationMoves')).toBe('川渝户口迁移<br>山西省&lt;img src=x onerror=alert(1)&gt;：12 笔');
  expect(at('pensionTransferPeople')).toBe('养老保险关系转移<br>山西省&lt;img src=x onerror=alert(1)&gt;：未上报');
});

test('the activity tooltip escapes side names', () => {
  const html = tooltipOf(trend('month'), [side])([{ axisValue: '2021-03', seriesName: side.name, value: 4, marker: '' }]);
  expect(html).toBe('2021年3月<br>山西省&lt;img src=x onerror=alert(1)&gt;：4 项');
});

test('the trend’s 导出 table holds the steps the chart draws: by quarter, each quarter’s sum, an empty month counted as 0', async () => {
  const { chartTableOf } = await import('../src/charts/chartTable.ts');
  const box = { closest: () => null, style: { minHeight: '' }, setAttribute: () => undefined };
  let data: number[] | undefined;
  const chart = { setOption: (given: { series: { data: number[] }[] }) => (data = given.series[0]!.data), getWidth: () => 800, getDom: () => box, resize: () => undefined, convertToPixel: () => NaN } as unknown as EChartsType;
  const months = [{ month: '2021-02', activities: 3 }, { month: '2021-03', activities: 4 }, { month: '2021-05', activities: 5 }];
  drawActivityTrend(chart, [{ ...side, name: '四川省', activitiesByMonth: months } as unknown as SideFigures], 'quarter', ALL_TIME);
  expect(data).toEqual([7, 5]);
  expect(chartTableOf(box as unknown as HTMLElement)).toEqual({ title: '活动趋势', columns: ['季度', '四川省（项）'], rows: [['2021年第1季度', 7], ['2021年第2季度', 5]] });
  drawActivityTrend(chart, [{ ...side, name: '四川省', activitiesByMonth: months } as unknown as SideFigures], 'month', ALL_TIME);
  expect(chartTableOf(box as unknown as HTMLElement)!.rows).toEqual([['2021年2月', 3], ['2021年3月', 4], ['2021年4月', 0], ['2021年5月', 5]]);
});

/** The option a draw function hands ECharts, caught by a stand-in chart. */
function optionOf(draw: (chart: EChartsType) => void): Record<string, any> {
  let option: Record<string, any> | undefined;
  const box = { closest: () => null, style: { minHeight: '' }, setAttribute: () => undefined };
  draw({ setOption: (given: Record<string, any>) => (option ??= given), getWidth: () => 800, getDom: () => box, resize: () => undefined, convertToPixel: () => NaN } as unknown as EChartsType);
  return option!;
}

test('the trend shows every month of its period up to today, 0 where nothing was recorded; a period not begun, or all time without records, says 本时间段无记录', () => {
  expect(trendMonths([], { from: '2026-01-01', to: '2026-12-07' }, '2026-03-15')).toEqual(['2026-01', '2026-02', '2026-03']);
  expect(trendMonths(['2021-03'], { from: '2021-01-01', to: '2021-06-30' }, '2026-03-15')).toEqual(['2021-01', '2021-02', '2021-03', '2021-04', '2021-05', '2021-06']);
  expect(trendMonths([], { from: '2099-01-01', to: '2099-12-31' }, '2026-03-15')).toEqual([]);
  expect(trendMonths(['2021-03'], { from: null, to: null }, '2026-03-15')).toEqual(['2021-03']);
  const nothing = { ...side, name: '四川省', activitiesByMonth: [] } as unknown as SideFigures;
  const thisYear = optionOf((chart) => drawActivityTrend(chart, [nothing], 'month', { period: { from: '2026-01-01', to: '2026-03-15' }, today: '2026-03-15' }));
  expect(thisYear.xAxis.data).toEqual(['2026-01', '2026-02', '2026-03']);
  expect(thisYear.series[0].data).toEqual([0, 0, 0]);
  expect(thisYear.title).toBeUndefined();
  const future = optionOf((chart) => drawActivityTrend(chart, [nothing], 'month', { period: { from: '2099-01-01', to: '2099-12-31' }, today: '2026-03-15' }));
  expect(future.title.text).toBe(NO_RECORDS_NOTE);
  expect(future.aria.label.description).toBe('活动趋势（按月，单位：项）：本时间段无记录。');
});

test('each chart describes itself to a screen reader from its own data: series, categories, values with units', () => {
  const months = [{ month: '2021-02', activities: 3 }, { month: '2021-03', activities: 4 }];
  const trendOption = optionOf((chart) => drawActivityTrend(chart, [{ ...side, name: '四川省', activitiesByMonth: months } as unknown as SideFigures], 'month', ALL_TIME));
  expect(trendOption.aria.label.description).toBe('活动趋势（按月，单位：项）。四川省：2021年2月 3项、2021年3月 4项。');
  const cases = optionOf((chart) => drawServiceCases(chart, [{ ...side, name: '四川省' } as unknown as SideFigures]));
  expect(cases.aria.label.description).toMatch(/^川渝通办。四川省：.*川渝户口迁移 12笔、.*养老保险关系转移 未上报/);
  const kinds = optionOf((chart) => drawAllianceKinds(chart, [{ kind: '毗邻乡镇党建联建', count: 2 }], [{ kind: '毗邻乡镇党建联建', count: 5 }]));
  expect(kinds.aria.label.description).toBe('党建联盟（按类别，单位：个）。新增（本时间段成立）：毗邻乡镇党建联建 2个；累计（截至期末）：毗邻乡镇党建联建 5个。');
  expect(JSON.stringify(kinds.aria)).not.toMatch(/第0个系列/);
});
