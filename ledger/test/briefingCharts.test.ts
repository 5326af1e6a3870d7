import { describe, expect, test } from 'vitest';
import { FIGURES } from '@linju/contract';
import { activityBars, briefingCharts, monthsBefore, serviceFigureBars } from '../src/report/briefingCharts.ts';
import { periodOf } from './periodFigures.ts';

/** The briefing's charts say what the text, the 附表 and the dashboard's charts say. */

const SIDES = [
  { key: 'sichuan', code: '510000', name: '四川省', figures: { pensionTransferPeople: 570 }, serviceCasesByKind: [{ kind: '养老保险转移', cases: 120 }] },
  { key: 'chongqing', code: '500000', name: '重庆市', figures: { pensionTransferPeople: 550 }, serviceCasesByKind: [{ kind: '养老保险转移', cases: 115 }] },
];

describe('the 川渝通办 chart', () => {
  test('draws the catalogue’s 川渝通办 figures with their labels and units (养老保险关系转移 570/550 人), not the count of service cases', () => {
    const bars = serviceFigureBars(periodOf(3, SIDES));
    const pension = bars.categories.indexOf(`${FIGURES.pensionTransferPeople.label}（${FIGURES.pensionTransferPeople.unit}）`);
    expect(bars.categories[pension]).toBe('养老保险关系转移（人）');
    expect(bars.series.map((side) => [side.name, side.data[pension]])).toEqual([['四川省', 570], ['重庆市', 550]]);
    // Amounts (万元) are left to the text and the 附表, as on the dashboard.
    expect(bars.units).not.toContain('万元');
    expect(bars.categories).toHaveLength(4);
  });

  test('its title names no single unit of its own: each figure carries its unit', () => {
    const titles = briefingCharts(periodOf(3, SIDES)).map((chart) => chart.title);
    expect(titles).toContain('川渝通办（各方，单位见各项）');
    expect(titles.join()).not.toContain('件');
  });

  test('of one side’s briefing, named after the side, not 各方', () => {
    const titles = briefingCharts(periodOf(3, SIDES.slice(0, 1))).map((chart) => chart.title);
    expect(titles).toContain('川渝通办（四川省，单位见各项）');
    expect(titles.join()).not.toContain('各方');
  });

  test('its numbers read as the text and the 附表 print them, without thousands separators (1500, not 1,500)', () => {
    const many = SIDES.map((side, i) => ({ ...side, figures: { pensionTransferPeople: 1570 - i * 20 } }));
    const chart = briefingCharts(periodOf(3, many)).find((c) => c.title.startsWith('川渝通办'))!;
    const texts = [...chart.svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map(([, text]) => text!);
    expect(texts).toContain('1570人');
    // The value axis reaches past 1000: its ticks are digits alone (1200), as the text prints 1570人.
    expect(texts.filter((text) => /^\d{4,}$/.test(text)).length).toBeGreaterThan(0);
    expect(texts.filter((text) => /\d,\d/.test(text))).toEqual([]);
  });

  test('left out when every side reported none', () => {
    expect(briefingCharts(periodOf(0, SIDES.map((side) => ({ ...side, figures: {} })))).map((chart) => chart.title)).not.toContain('川渝通办（各方，单位见各项）');
  });
});

describe('the activities by month', () => {
  test('a month without activities is drawn without a 0 over its empty place; a month with some is labelled', () => {
    const period = periodOf(3, SIDES);
    const months = { ...period, sides: period.sides.map((side, i) => ({ ...side, activitiesByMonth: [{ month: '2021-03', activities: 4 + i }] })) };
    const chart = briefingCharts(months).find((c) => c.title.startsWith('各方活动数'))!;
    const texts = [...chart.svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map(([, text]) => text!);
    expect(texts).toEqual(expect.arrayContaining(['4', '5', '3月']));
    // The value axis's own 0 is the only one: no label over the five empty months of either side.
    expect(texts.filter((text) => text === '0')).toHaveLength(1);
  });
});

/**
 * A briefing within one month draws its month after the five before it (half a year), read from the
 * stores as its own are: a chart of one month's bar showed no trend. Longer periods draw their own months.
 */
describe('the activities by month of a one-month briefing', () => {
  test.each([
    ['2026-12-01', '2026-12-31', '2026-07-01..2026-11-30'],
    ['2026-12-01', '2026-12-07', '2026-07-01..2026-11-30'],
    ['2026-03-10', '2026-03-20', '2025-10-01..2026-02-28'],
    ['2026-11-01', '2026-12-31', undefined],
    ['2026-01-01', '2026-06-30', undefined],
  ])('%s..%s: the months before drawn are %s', (from, to, before) => {
    const months = monthsBefore({ from, to });
    expect(months && `${months.from}..${months.to}`).toBe(before);
  });

  /** A one-month period of two sides with activities in `own` of that month; `earlier`, each side's months before it. */
  const month = (from: string, to: string, own: number[], inProgress?: 'cutShort') => {
    const base = periodOf(3, SIDES);
    return { ...base, period: { from, to, ...(inProgress && { inProgress }) }, sides: base.sides.map((side, i) => ({ ...side, activitiesByMonth: own[i] ? [{ month: from.slice(0, 7), activities: own[i]! }] : [] })) };
  };
  const earlier = new Map([
    ['sichuan', [{ month: '2025-10', activities: 2 }, { month: '2026-01', activities: 6 }]],
    ['chongqing', [{ month: '2025-12', activities: 3 }]],
  ]);

  test('its month after the five before, the year named at the first month and at January, the title naming the months', () => {
    const bars = activityBars(month('2026-03-01', '2026-03-31', [4, 0]), earlier)!;
    expect(bars.title).toBe('各方活动数（2025年10月至2026年3月，按月，项）');
    expect(bars.categories).toEqual(['10月\n2025年', '11月', '12月', '1月\n2026年', '2月', '3月']);
    expect(bars.series).toEqual([{ name: '四川省', data: [2, 0, 0, 6, 0, 4] }, { name: '重庆市', data: [0, 0, 3, 0, 0, 0] }]);
    // Drawn: its bars' labels and the months of the axis.
    const chart = briefingCharts(month('2026-03-01', '2026-03-31', [4, 0]), earlier).find((c) => c.title.startsWith('各方活动数'))!;
    const texts = [...chart.svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map(([, text]) => text!);
    expect(texts).toEqual(expect.arrayContaining(['2', '6', '4', '3', '10月', '2025年', '1月', '2026年', '3月']));
  });

  test('a month cut short says its days; a month without activities of its own is still drawn after those that had some', () => {
    const bars = activityBars(month('2026-03-01', '2026-03-07', [0, 0], 'cutShort'), earlier)!;
    expect(bars.title).toBe('各方活动数（2025年10月至2026年3月，按月，项；3月为1日至7日）');
    expect(bars.series.map((side) => side.data.at(-1))).toEqual([0, 0]);
    expect(activityBars(month('2026-03-01', '2026-03-31', [0, 0]), new Map())).toBeUndefined();
  });

  test('a period of more than 36 months is drawn by year, each side’s months summed, a year covered in part named with its part (a 2017年至2023年 briefing had no chart of activities)', () => {
    const period = periodOf(3, SIDES);
    const long = (from: string, to: string) => ({
      ...period,
      period: { from, to },
      sides: period.sides.map((side, i) => ({ ...side, activitiesByMonth: [{ month: '2017-01', activities: 2 }, { month: '2017-12', activities: 1 }, { month: '2021-06', activities: 4 + i }, { month: '2023-05', activities: 1 }].slice(i) })),
    });
    const bars = activityBars(long('2017-01-01', '2023-12-31'), undefined)!;
    expect(bars.title).toBe('各方活动数（按年，项）');
    expect(bars.categories).toEqual(['2017年', '2018年', '2019年', '2020年', '2021年', '2022年', '2023年']);
    expect(bars.series).toEqual([{ name: '四川省', data: [3, 0, 0, 0, 4, 0, 1] }, { name: '重庆市', data: [1, 0, 0, 0, 5, 0, 1] }]);
    const chart = briefingCharts(long('2017-01-01', '2023-12-31')).find((c) => c.title.startsWith('各方活动数'))!;
    expect([...chart.svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map(([, text]) => text!)).toEqual(expect.arrayContaining(['2017年', '2023年', '3', '5']));
    // A first and a last year in part: each named with its months.
    expect(activityBars(long('2017-10-01', '2023-05-31'), undefined)!.title).toBe('各方活动数（按年，项；2017年一栏为第四季度，2023年一栏为1月至5月）');
    // A part of days: its end without the year again (it read 2017年一栏为3月15日至2017年12月31日).
    expect(activityBars(long('2017-03-15', '2023-05-20'), undefined)!.title).toBe('各方活动数（按年，项；2017年一栏为3月15日至12月31日，2023年一栏为1月1日至5月20日）');
    // 36 months are still drawn as months.
    expect(activityBars(long('2019-01-01', '2021-12-31'), undefined)!.categories).toHaveLength(36);
  });

  test('a period of months draws its own months alone, the title as before', () => {
    const period = periodOf(3, SIDES);
    const bars = activityBars({ ...period, sides: period.sides.map((side) => ({ ...side, activitiesByMonth: [{ month: '2021-03', activities: 4 }] })) }, undefined)!;
    expect(bars.title).toBe('各方活动数（按月，项）');
    expect(bars.categories).toEqual(['1月', '2月', '3月', '4月', '5月', '6月']);
  });
});
