import { expect, test } from 'vitest';
import { labelWidth } from '../src/charts/categoryNames.ts';
import { monthsBetween, quarterOf } from '../src/charts/drawCharts.ts';
import { STEP_LABEL_FONT, stepAxisLabels } from '../src/charts/stepLabels.ts';

const months = (from: string, to: string) => monthsBetween([from, to]);
/** The labels shown, in order, each with its step: 2021-01 1月/2021年. */
const shown = (steps: readonly string[], width: number) =>
  stepAxisLabels(steps, width).flatMap((label, i) => (label === null ? [] : [`${steps[i]} ${label.replace('\n', '/')}`]));

test('every month labelled when they fit; the first, and each January, names its year', () => {
  expect(shown(months('2021-04', '2021-06'), 200)).toEqual(['2021-04 4月/2021年', '2021-05 5月', '2021-06 6月']);
  expect(shown(months('2021-11', '2022-02'), 300)).toEqual(['2021-11 11月/2021年', '2021-12 12月', '2022-01 1月/2022年', '2022-02 2月']);
});

test('short of room, the labels fall on the same months every year and the first shown of a year names it', () => {
  // Seven years on a 360 px phone's plot (about 200 px): every other January, each with its year.
  expect(shown(months('2017-01', '2023-08'), 200)).toEqual(['2017-01 1月/2017年', '2019-01 1月/2019年', '2021-01 1月/2021年', '2023-01 1月/2023年']);
  // Where ECharts' own thinning drew 1月 2017年, 10月, 7月, 4月: a quarter's months, the year on each first of its year.
  // The first month (8月) too close to 10月 to be labelled: 10月 is the first shown of 2021.
  expect(shown(months('2021-08', '2023-06'), 400)).toEqual([
    '2021-10 10月/2021年', '2022-01 1月/2022年', '2022-04 4月', '2022-07 7月', '2022-10 10月', '2023-01 1月/2023年', '2023-04 4月',
  ]);
  // No January shown in a year: its first shown month names it.
  expect(shown(months('2021-07', '2022-06'), 130)).toEqual(['2021-07 7月/2021年', '2022-01 1月/2022年']);
  expect(shown(months('2021-03', '2021-12'), 100)).toEqual(['2021-03 3月/2021年', '2021-07 7月']);
  expect(shown(months('2021-03', '2021-12'), 60)).toEqual(['2021-07 7月/2021年']);
  // Quarters the same way.
  const quarters = [...new Set(months('2019-01', '2023-12').map(quarterOf))];
  expect(shown(quarters, 260)).toEqual(['2019-Q1 1季度/2019年', '2020-Q1 1季度/2020年', '2021-Q1 1季度/2021年', '2022-Q1 1季度/2022年', '2023-Q1 1季度/2023年']);
});

test('at any width every label that starts a year names it, and no two labels touch', () => {
  const widthOf = (label: string) => Math.max(...label.split('\n').map((line) => labelWidth(line, STEP_LABEL_FONT)));
  for (const steps of [months('2015-01', '2026-12'), months('2020-05', '2021-02'), [...new Set(months('2016-04', '2026-09').map(quarterOf))], ['2021-03']]) {
    for (const width of [40, 120, 200, 260, 420, 900, 2000]) {
      const labels = stepAxisLabels(steps, width);
      const indices = labels.flatMap((label, i) => (label === null ? [] : [i]));
      expect(indices.length, `${steps[0]} at ${width}`).toBeGreaterThan(0);
      const perStep = width / Math.max(1, steps.length - 1);
      indices.forEach((i, k) => {
        const year = steps[i]!.slice(0, 4);
        const firstOfYear = k === 0 || steps[indices[k - 1]!]!.slice(0, 4) !== year;
        expect(labels[i]!.endsWith(`\n${year}年`), `${steps[i]} at ${width}`).toBe(firstOfYear);
        const next = indices[k + 1];
        if (next !== undefined) expect((next - i) * perStep).toBeGreaterThanOrEqual((widthOf(labels[i]!) + widthOf(labels[next]!)) / 2);
      });
    }
  }
});
