import { expect, test } from 'vitest';
import { labelWidth, wrapCategoryName } from '../src/charts/categoryNames.ts';

/** A phone's category labels: 13 px type, about 120 px (40 % of a 300 px chart) less a little. */
const PHONE = { width: 116, fontSize: 13 };
const wrapped = (name: string, width = PHONE.width) => wrapCategoryName(name, width, PHONE.fontSize).split('\n');

test('a name that fits is one line; a longer one breaks between its words, evenly, never leaving a character alone', () => {
  expect(wrapped('毗邻乡镇党建联建')).toEqual(['毗邻乡镇党建联建']);
  expect(wrapped('公积金互认互贷')).toEqual(['公积金互认互贷']);
  // Where a chart's own break at its label width drew 新增跨省异地就 / 医定点医院 and 养老保险关系转 / 移.
  expect(wrapped('新增跨省异地就医定点医院')).toEqual(['新增跨省异地', '就医定点医院']);
  expect(wrapped('养老保险关系转移', 100)).toEqual(['养老保险', '关系转移']);
  expect(wrapped('毗邻乡镇党建联建', 100)).toEqual(['毗邻乡镇', '党建联建']);
  expect(wrapped('产业链联合党组织', 100)).toEqual(['产业链联合', '党组织']);
});

test('each line of a name (its unit under it) is wrapped on its own; a bracket stays with what it encloses', () => {
  expect(wrapped('新增跨省异地就医定点医院\n（家）')).toEqual(['新增跨省异地', '就医定点医院', '（家）']);
  for (const width of [40, 60, 90]) {
    const lines = wrapped('新增（本时间段成立），累计', width);
    expect(lines.join('')).toBe('新增（本时间段成立），累计');
    for (const line of lines) expect(line).not.toMatch(/^[）、，]|（$/);
  }
});

test('only a word wider than the label is broken inside, as evenly; never a line wider than the label when a character fits', () => {
  const lines = wrapped('甲'.repeat(20));
  expect(lines).toEqual(['甲'.repeat(7), '甲'.repeat(7), '甲'.repeat(6)]);
  for (const line of wrapped('中华人民共和国四川省遂宁市安居区磨溪镇人民政府便民服务中心')) expect(labelWidth(line, PHONE.fontSize)).toBeLessThanOrEqual(PHONE.width);
  // Latin letters and digits count narrower than CJK characters.
  expect(labelWidth('Ab1', 10)).toBe(18);
  expect(wrapped('Suining–Tongnan', 200)).toEqual(['Suining–Tongnan']);
});
