import { OVERLAPS_YEAR_BEFORE } from '@linju/contract/yearBefore';
import { expect, test } from 'vitest';
import type { ComparisonAnswer } from '../src/compare/answers.ts';
import { comparisonText, comparisonWords } from '../src/compare/change.ts';
import { cardFigure } from '../src/figures/cardFigures.ts';
import { cardValues, type PageReadings } from '../src/figures/cardValues.ts';
import type { FiguresAnswer } from '../src/graphql/answers.ts';
import { overlapsYearBefore } from '../src/period/comparisonPeriods.ts';

/**
 * What a card's 同比 and 环比 compare, and why there is none (QA): 党建联盟 for 2022年2月 read
 * 新增 0个 · 累计 32个（截至期末） · 同比 ▼100%, a fall of 新增 beside 累计 that read as alliances gone;
 * 2021-01-01..2022-01-31 read 同比 无可比数据 with no reason, where the briefing says
 * 本期长于一年，与上年同期大部分重叠，不作同比.
 */

const FEB_2022 = { from: '2022-02-01', to: '2022-02-28' };
const alliances = (total: number) => ({ townshipAlliances: total, jointVillageOrganizations: 0, industryChainOrganizations: 0, talentAlliances: 0, total, byKind: [] });
const agreements = { agreements: 0, cooperationItems: 0 };

test('a card with 累计 beside 新增 says its 同比 and 环比 are of 新增', () => {
  const figures = { overview: { alliances: alliances(0), agreements, total: null } } as unknown as FiguresAnswer;
  const comparison = { yearBefore: { alliances: alliances(3), agreements }, before: { alliances: alliances(2), agreements }, cumulative: { alliances: alliances(32) } } as unknown as ComparisonAnswer;
  const readings: PageReadings = { figures, comparison, sides: [], side: null, period: FEB_2022 };
  const values = cardValues(cardFigure('townshipAlliances'), readings);
  // The card shows 累计 (figureCard's showsStock).
  expect(values.cumulative).toBe(32);
  const card = { showsStock: values.cumulative !== null, overlapsYearBefore: overlapsYearBefore(FEB_2022) };
  expect(comparisonWords('同比', card).label).toBe('新增同比');
  expect(comparisonWords('环比', card).label).toBe('新增环比');
  expect(comparisonText(values.total, values.yearBefore, values.compared.yearBefore)).toBe('▼100%');
  // A card of one figure (an event count) has no 累计: plain 同比.
  expect(comparisonWords('同比', { showsStock: false, overlapsYearBefore: false }).label).toBe('同比');
});

test('a period longer than a year says why it has no 同比, in the briefing’s words; 环比 and other periods are as before', () => {
  const long = { from: '2021-01-01', to: '2022-01-31' };
  expect(overlapsYearBefore(long)).toBe(true);
  // A year exactly, 29 February included, an open end, dates in the wrong order: not longer than a year.
  for (const period of [{ from: '2021-01-01', to: '2021-12-31' }, { from: '2020-02-29', to: '2021-02-28' }, { from: '2021-01-01', to: null }, { from: null, to: null }, { from: '2021-06-30', to: '2021-01-01' }]) {
    expect(overlapsYearBefore(period)).toBe(false);
  }
  const card = { showsStock: false, overlapsYearBefore: true };
  const values = cardValues(cardFigure('jointSeminarSessions'), { figures: null, comparison: null, sides: [], side: null, period: long });
  expect(values.compared.yearBefore).toBe(false);
  expect(comparisonText(values.total, values.yearBefore, values.compared.yearBefore, comparisonWords('同比', card).uncompared)).toBe('本期长于一年');
  expect(comparisonWords('环比', card).uncompared).toBe('无可比数据');
  expect(comparisonWords('同比', { showsStock: false, overlapsYearBefore: false }).uncompared).toBe('无可比数据');
  // The legend's and the briefing's sentence (ledger's reportBriefing test reads it in the document).
  expect(OVERLAPS_YEAR_BEFORE).toBe('本期长于一年，与上年同期大部分重叠，不作同比');
});
