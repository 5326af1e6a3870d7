import { describe, expect, test } from 'vitest';
import { FIGURE_NAMES, FIGURES, type FigureValues } from '@linju/contract';
import { briefingSections } from '../src/report/briefingText.ts';
import type { PeriodFigures } from '../src/report/readBriefingFigures.ts';

/** A period whose figures are all `value` on one side, as the store would answer them. */
function periodOf(value: number | null): PeriodFigures {
  const figures = Object.fromEntries(FIGURE_NAMES.map((name) => [name, value])) as FigureValues;
  return {
    period: { from: '2021-01-01', to: '2021-06-30' },
    alliances: { byKind: [] } as unknown as PeriodFigures['alliances'],
    agreements: {} as PeriodFigures['agreements'],
    total: figures,
    sides: [{ key: 'sichuan', code: '510000', name: '四川省', figures, activitiesByMonth: [], serviceCasesByKind: [] }],
    readAt: new Date('2021-07-08T00:00:00Z'),
  };
}

describe('a category with nothing to say', () => {
  test('nothing reported reads 未上报, never 无记录', () => {
    const sentences = briefingSections(periodOf(null), []).flatMap((section) => section.sentences);
    expect(sentences.some((s) => s.includes('本期未上报此类数据'))).toBe(true);
    expect(sentences.some((s) => s.includes('本期无此类记录'))).toBe(false);
  });

  test('zero reported reads 无记录', () => {
    const sentences = briefingSections(periodOf(0), []).flatMap((section) => section.sentences);
    expect(sentences.some((s) => s.includes('本期无此类记录'))).toBe(true);
    expect(sentences.some((s) => s.includes('本期未上报此类数据'))).toBe(false);
  });

  test('a reported figure is said with its catalogue label and unit', () => {
    const first = FIGURE_NAMES[0]!;
    const sentences = briefingSections(periodOf(7), []).flatMap((section) => section.sentences).join('');
    expect(sentences).toContain(`${FIGURES[first].label}7${FIGURES[first].unit}`);
  });
});
