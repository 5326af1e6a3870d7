import { describe, expect, test } from 'vitest';
import { FIGURE_NAMES, FIGURES } from '@linju/contract';
import { figureTableLayout } from '../src/report/briefingDocument.ts';
import { textWidth } from '../src/export/printLayout.ts';

/** The 附表's columns: no header or value wraps (上年同期 was printed 上年同 / 期 beside three sides' columns and 上期). */
describe('the 附表’s layout', () => {
  const TEXT_WIDTH = Math.round(156 * 56.7);
  const labels = ['指标', ...FIGURE_NAMES.map((name) => FIGURES[name].label)];
  const units = ['单位', '平方米', '人次', '亿元'];
  const column = (title: string) => [title, '1650', '23.75', '682.1', '—'];
  /** Twips a text of an s-point font takes in a cell, margins included (a half-width character is s × 10 twips). */
  const needs = (texts: string[], size: number) => Math.max(...texts.map(textWidth)) * size * 10 + 2 * 115;

  test.each([
    ['each side, the total, 上期 and 上年同期', ['四川', '重庆', '合计', '上期', '上年同期']],
    ['each side and the total', ['四川', '重庆', '合计']],
    ['one side and 上年同期', ['四川', '上年同期']],
  ])('%s: in 五号, every column as wide as its longest text, within the text’s width', (_, titles) => {
    const { size, widths } = figureTableLayout([labels, units, ...titles.map(column)], TEXT_WIDTH);
    expect(size).toBe(10.5);
    expect(widths.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(TEXT_WIDTH);
    expect(widths[0]).toBeGreaterThanOrEqual(needs(labels, size));
    expect(widths[1]).toBeGreaterThanOrEqual(needs(units, size));
    for (const [i, title] of titles.entries()) expect(widths[i + 2]).toBeGreaterThanOrEqual(needs(column(title), size));
  });

  test('more columns than 五号 fits: 小五, and still no value wraps', () => {
    const titles = ['四川', '重庆', '吉林', '黑龙江', '合计', '上期', '上年同期'];
    const { size, widths } = figureTableLayout([labels, units, ...titles.map(column)], TEXT_WIDTH);
    expect(size).toBe(9);
    expect(widths.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(TEXT_WIDTH);
    for (const [i, title] of titles.entries()) expect(widths[i + 2]).toBeGreaterThanOrEqual(needs(column(title), size));
  });
});
