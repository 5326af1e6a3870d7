import { describe, expect, test } from 'vitest';
import { FIGURES } from '@linju/contract';
import { briefingCharts, serviceFigureBars } from '../src/report/briefingCharts.ts';
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

