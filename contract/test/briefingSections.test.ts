import { describe, expect, test } from 'vitest';
import { BRIEFING_SECTIONS, briefingFigureNames, checkBriefingSections, FIGURE_NAMES, type BriefingSectionDefinition } from '../src/index.ts';

describe('the briefing’s sections (BRIEFING_SECTIONS)', () => {
  test('seed 000’s five sections, in its order and words, and every figure of the catalogue in exactly one part', () => {
    expect(BRIEFING_SECTIONS.map((section) => section.lead)).toEqual(['组织联建，构建党建共同体', '发展联动，打造产业示范带', '服务联抓，织密便民服务网', '基层联治，探索共治新格局', '文明联创，共绘人文同心圆']);
    expect(() => checkBriefingSections()).not.toThrow();
    expect(briefingFigureNames().toSorted()).toEqual([...FIGURE_NAMES].toSorted());
  });

  const sections = (...parts: string[][]): BriefingSectionDefinition[] => [{ lead: '组织联建，构建党建共同体', parts: parts.map((figures, i) => ({ heading: `第${i + 1}部分`, figures: figures as never })) }];

  test('a figure in no part is refused, naming it', () => {
    expect(() => checkBriefingSections(sections(['crossAppointments']), ['crossAppointments', 'talentEvents'])).toThrow('figure talentEvents is in no part');
  });

  test('a figure in two parts is refused, naming both', () => {
    expect(() => checkBriefingSections(sections(['crossAppointments'], ['crossAppointments']), ['crossAppointments'])).toThrow('figure crossAppointments is in 2 parts (组织联建/第1部分, 组织联建/第2部分)');
  });

  test('a part naming a figure the catalogue does not have is refused', () => {
    expect(() => checkBriefingSections(sections(['crossAppointments', 'crossAppointment']), ['crossAppointments'])).toThrow('组织联建/第1部分 names crossAppointment, which is not a figure of the catalogue');
  });
});
