import type { EChartsType } from 'echarts/core';
import { expect, test } from 'vitest';
import { drawActivityTrend, drawServiceCases } from '../src/charts/drawCharts.ts';
import type { SideFigures } from '../src/graphql/answers.ts';

type Formatter = (items: object[]) => string;

/** The tooltip formatter a draw function hands ECharts, caught by a stand-in chart. */
function tooltipOf(draw: (chart: EChartsType, sides: SideFigures[]) => void, sides: SideFigures[]): Formatter {
  let option: { tooltip: { formatter: Formatter } } | undefined;
  draw({ setOption: (given: typeof option) => (option = given) } as unknown as EChartsType, sides);
  return option!.tooltip.formatter;
}

const INJECTED = '<img src=x onerror=alert(1)>';
const side = {
  code: '140000',
  key: 'shanxi',
  name: `山西省${INJECTED}`,
  figures: {},
  activitiesByMonth: [{ month: '2021-03', activities: 4, sessions: 1, personTimes: 20 }],
  serviceCasesByKind: [{ kind: `户口迁移${INJECTED}`, cases: 12 }],
} as unknown as SideFigures;

test('the service-case tooltip escapes kind and side names, and gives the count alone', () => {
  const html = tooltipOf(drawServiceCases, [side])([{ axisValue: side.serviceCasesByKind[0]!.kind, seriesIndex: 0, marker: '' }]);
  expect(html).not.toContain('<img');
  expect(html).toBe('户口迁移&lt;img src=x onerror=alert(1)&gt;<br>山西省&lt;img src=x onerror=alert(1)&gt;：12 件');
});

test('the activity tooltip escapes side names', () => {
  const html = tooltipOf(drawActivityTrend, [side])([{ axisValue: '2021-03', seriesName: side.name, value: 4, marker: '' }]);
  expect(html).toBe('2021年3月<br>山西省&lt;img src=x onerror=alert(1)&gt;：4 项');
});
