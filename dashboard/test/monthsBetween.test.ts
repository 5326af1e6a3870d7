import { expect, test } from 'vitest';
import { monthsBetween } from '../src/charts/drawCharts.ts';

test('every month from the first to the last, across a year end, so an empty month shows as zero', () => {
  expect(monthsBetween(['2021-03', '2020-11', '2021-01'])).toEqual(['2020-11', '2020-12', '2021-01', '2021-02', '2021-03']);
  expect(monthsBetween([])).toEqual([]);
});
