import { describe, expect, test } from 'vitest';
import { FIGURE_NAMES, FIGURES } from '@linju/contract';
import { briefingSections } from '../src/report/briefingText.ts';
import { periodOf } from './periodFigures.ts';

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
