import { expect, test } from 'vitest';
import type { ComparisonAnswer } from '../src/compare/answers.ts';
import { comparisonText } from '../src/compare/change.ts';
import { cardFigure } from '../src/figures/cardFigures.ts';
import { cardValues, type PageReadings, type ShownSide } from '../src/figures/cardValues.ts';
import type { FiguresAnswer } from '../src/graphql/answers.ts';

/**
 * 同比 and 环比 of a card while a store is down (QA, the joint office: 联合座谈交流 read 环比 ▲15.8%
 * with every store up, 无可比数据 with Chongqing or the joint office down): the bases that were asked
 * and not answered are undefined (暂不可用), never null (无可比数据, the earlier period had nothing).
 */

const Q2 = { from: '2021-04-01', to: '2021-06-30' };
const alliances = (total: number) => ({ townshipAlliances: total, jointVillageOrganizations: 0, industryChainOrganizations: 0, talentAlliances: 0, total, byKind: [] });
const agreements = { agreements: 1, cooperationItems: 2 };
const seminars = (n: number) => ({ jointSeminarSessions: n }) as never;
const sichuan: ShownSide = { key: 'sichuan', name: '四川省', figures: { key: 'sichuan', figures: seminars(10) } as never };
const chongqingDown: ShownSide = { key: 'chongqing', name: '重庆市', figures: null };
const chongqing: ShownSide = { key: 'chongqing', name: '重庆市', figures: { key: 'chongqing', figures: seminars(12) } as never };

const texts = (name: Parameters<typeof cardFigure>[0], readings: PageReadings) => {
  const values = cardValues(cardFigure(name), readings);
  return [comparisonText(values.total, values.yearBefore, values.compared.yearBefore), comparisonText(values.total, values.before, values.compared.before)];
};

test('every store up: the change; Chongqing down: 暂不可用 for the joint total and for Chongqing alone, the joint office’s figures still compared', () => {
  const figures = { overview: { alliances: alliances(5), agreements, total: seminars(22) } } as unknown as FiguresAnswer;
  const comparison = { yearBefore: { alliances: alliances(5), agreements, total: seminars(0) }, before: { alliances: alliances(4), agreements, total: seminars(19) }, cumulative: { alliances: alliances(30) } } as unknown as ComparisonAnswer;
  expect(texts('jointSeminarSessions', { figures, comparison, sides: [sichuan, chongqing], side: null, period: Q2 })).toEqual(['无可比数据', '▲15.8%']);

  // As the gateway answers with Chongqing down: no joint total for the period nor for the periods compared.
  const down = { overview: { alliances: alliances(5), agreements, total: null } } as unknown as FiguresAnswer;
  const comparedDown = { yearBefore: { alliances: alliances(5), agreements, total: null }, before: { alliances: alliances(4), agreements, total: null }, cumulative: { alliances: alliances(30) }, sides: null } as unknown as ComparisonAnswer;
  expect(texts('jointSeminarSessions', { figures: down, comparison: comparedDown, sides: [sichuan, chongqingDown], side: null, period: Q2 })).toEqual(['暂不可用', '暂不可用']);
  expect(texts('townshipAlliances', { figures: down, comparison: comparedDown, sides: [sichuan, chongqingDown], side: null, period: Q2 })).toEqual(['持平', '▲25%']);
  // Chongqing alone, down.
  expect(texts('jointSeminarSessions', { figures: { overview: null, jurisdictions: [null] } as unknown as FiguresAnswer, comparison: { ...comparedDown, sides: [null] } as unknown as ComparisonAnswer, sides: [chongqingDown], side: 'chongqing', period: Q2 })).toEqual(['暂不可用', '暂不可用']);
  // Sichuan alone, up: compared with what its store answered (0 a year before: nothing to compare with).
  const sichuanCompared = { ...comparison, sides: [{ key: 'sichuan', yearBefore: seminars(0), before: seminars(8) }] } as unknown as ComparisonAnswer;
  expect(texts('jointSeminarSessions', { figures, comparison: sichuanCompared, sides: [sichuan], side: 'sichuan', period: Q2 })).toEqual(['无可比数据', '▲25%']);
});

test('the joint office down: its own figures and the joint total 暂不可用, not 无可比数据', () => {
  const figures = { overview: null, jurisdictions: [sichuan.figures, chongqing.figures] } as unknown as FiguresAnswer;
  for (const comparison of [null, { yearBefore: null, before: null, cumulative: null, sides: null }] as (ComparisonAnswer | null)[]) {
    expect(texts('townshipAlliances', { figures, comparison, sides: [sichuan, chongqing], side: null, period: Q2 })).toEqual(['暂不可用', '暂不可用']);
    expect(texts('agreements', { figures, comparison, sides: [sichuan, chongqing], side: null, period: Q2 })).toEqual(['暂不可用', '暂不可用']);
    expect(texts('jointSeminarSessions', { figures, comparison, sides: [sichuan, chongqing], side: null, period: Q2 })).toEqual(['暂不可用', '暂不可用']);
  }
});

test('a period with no comparison period (all time, an open end) has nothing to compare with, whoever is down', () => {
  const figures = { overview: null } as unknown as FiguresAnswer;
  const comparison = { cumulative: null } as unknown as ComparisonAnswer;
  for (const period of [{ from: null, to: null }, { from: '2021-01-01', to: null }]) {
    const values = cardValues(cardFigure('townshipAlliances'), { figures, comparison, sides: [sichuan, chongqingDown], side: null, period });
    expect([values.yearBefore, values.before, values.compared]).toEqual([null, null, { yearBefore: false, before: false }]);
    expect(texts('jointSeminarSessions', { figures, comparison, sides: [sichuan, chongqingDown], side: null, period })).toEqual(['无可比数据', '无可比数据']);
  }
});
