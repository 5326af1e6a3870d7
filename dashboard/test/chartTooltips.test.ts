import type { EChartsType } from 'echarts/core';
import { expect, test } from 'vitest';
import { SERVICE_CHART_FIGURES } from '@linju/contract/figures';
import { drawActivityTrend, drawServiceCases } from '../src/charts/drawCharts.ts';
import type { SideFigures } from '../src/graphql/answers.ts';

type Formatter = (items: object[]) => string;

/** The tooltip formatter a draw function hands ECharts, caught by a stand-in chart. */
function tooltipOf(draw: (chart: EChartsType, sides: SideFigures[]) => void, sides: SideFigures[]): Formatter {
  let option: { tooltip: { formatter: Formatter } } | undefined;
  // Its box (no page here): not on a wall screen, its min-height set as a bar chart's names need; its plot never laid out.
  const box = { closest: () => null, style: { minHeight: '' } };
  draw({ setOption: (given: typeof option) => (option = given), getWidth: () => 800, getDom: () => box, resize: () => undefined, convertToPixel: () => NaN } as unknown as EChartsType, sides);
  return option!.tooltip.formatter;
}

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
  const html = tooltipOf(drawActivityTrend, [side])([{ axisValue: '2021-03', seriesName: side.name, value: 4, marker: '' }]);
  expect(html).toBe('2021年3月<br>山西省&lt;img src=x onerror=alert(1)&gt;：4 项');
});

test('the trend’s 导出 table holds the steps the chart draws: by quarter, each quarter’s sum, an empty month counted as 0', async () => {
  const { chartTableOf } = await import('../src/charts/chartTable.ts');
  const box = { closest: () => null, style: { minHeight: '' } };
  let data: number[] | undefined;
  const chart = { setOption: (given: { series: { data: number[] }[] }) => (data = given.series[0]!.data), getWidth: () => 800, getDom: () => box, resize: () => undefined, convertToPixel: () => NaN } as unknown as EChartsType;
  const months = [{ month: '2021-02', activities: 3 }, { month: '2021-03', activities: 4 }, { month: '2021-05', activities: 5 }];
  drawActivityTrend(chart, [{ ...side, name: '四川省', activitiesByMonth: months } as unknown as SideFigures], 'quarter');
  expect(data).toEqual([7, 5]);
  expect(chartTableOf(box as unknown as HTMLElement)).toEqual({ title: '活动趋势', columns: ['季度', '四川省（项）'], rows: [['2021年第1季度', 7], ['2021年第2季度', 5]] });
  drawActivityTrend(chart, [{ ...side, name: '四川省', activitiesByMonth: months } as unknown as SideFigures], 'month');
  expect(chartTableOf(box as unknown as HTMLElement)!.rows).toEqual([['2021年2月', 3], ['2021年3月', 4], ['2021年4月', 0], ['2021年5月', 5]]);
});
