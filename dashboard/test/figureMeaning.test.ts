import { definitionText, FIGURE_NAMES } from '@linju/contract/figures';
import { expect, test } from 'vitest';
import { SERVICE_CHART_FIGURES } from '@linju/contract/figures';
import { CARD_FIGURES, catalogueFigure } from '../src/figures/cardFigures.ts';
import { periodState, targetFor } from '../src/figures/cardValues.ts';
import { DEFAULT_HEADLINE, headlineFrom } from '../src/figures/headlineChoice.ts';
import { formatChinaClock, formatChinaTime } from '../src/format/formatDateTime.ts';
import { shortName } from '../src/view/renderDataAsOf.ts';

test('every catalogue figure has a card with its label, unit and 统计口径 from the catalogue', () => {
  for (const name of FIGURE_NAMES) {
    const card = CARD_FIGURES.find((f) => f.name === name)!;
    expect(card.basis).toBe(definitionText(name));
    expect(card.joint).toBe(false);
  }
  expect(new Set(CARD_FIGURES.map((f) => f.name)).size).toBe(CARD_FIGURES.length);
  expect(CARD_FIGURES.filter((f) => f.joint).every((f) => f.basis.startsWith('联合办公室库') || f.basis.startsWith('上述'))).toBe(true);
});

test('a ratio is weighted, never summed', () => {
  expect(catalogueFigure('incomePerHouseholdYuan').weightedBy).toBe('受益农户');
  expect(catalogueFigure('householdsBenefiting').weightedBy).toBeNull();
});

test('the 川渝通办 chart shows the catalogue’s figures of that category, amounts left to the cards', () => {
  expect(SERVICE_CHART_FIGURES).toContain('pensionTransferPeople');
  expect(SERVICE_CHART_FIGURES).not.toContain('housingFundLoanAmountWan');
});

test('the headline list: known names in the order given, else the default', () => {
  expect(headlineFrom('problemsSolved, crossAppointments,nonsense,problemsSolved')).toEqual(['problemsSolved', 'crossAppointments']);
  expect(headlineFrom('')).toBe(DEFAULT_HEADLINE);
  expect(headlineFrom(undefined)).toBe(DEFAULT_HEADLINE);
  expect(headlineFrom('nonsense')).toBe(DEFAULT_HEADLINE);
});

test('数据截至 in China’s time, the year shown only when it is not this one', () => {
  expect(formatChinaTime('2026-12-04T01:12:30.000Z', '2026')).toBe('12月4日 09:12');
  expect(formatChinaTime('2025-12-31T16:05:00.000Z', '2025')).toBe('2026年1月1日 00:05');
  expect(formatChinaTime('not a time', '2026')).toBeNull();
  expect(shortName('四川省')).toBe('四川');
  expect(shortName('重庆市')).toBe('重庆');
  expect(shortName('联合办公室')).toBe('联合办公室');
});

test('更新于 on China’s clock too, whatever the zone the page runs in', () => {
  // 19:14:29 on a UTC machine is 03:14:29 the next morning in China.
  expect(formatChinaClock(new Date('2026-12-05T19:14:29.000Z'))).toBe('03:14:29');
  expect(formatChinaClock(new Date('2026-12-05T15:59:59.000Z'))).toBe('23:59:59');
  expect(formatChinaClock(new Date('2026-12-05T16:00:00.000Z'))).toBe('00:00:00');
});

test('a target counts when it is for the figure and side and its period starts with the page’s and lasts to its end', () => {
  const year = { figure: 'crossAppointments', jurisdiction: null, period: { from: '2026-01-01', to: '2026-12-31' }, value: 80 };
  const sichuan = { ...year, jurisdiction: 'sichuan', value: 40 };
  expect(targetFor([sichuan, year], 'crossAppointments', null, { from: '2026-01-01', to: '2026-12-04' })).toBe(year);
  expect(targetFor([sichuan, year], 'crossAppointments', 'sichuan', { from: '2026-01-01', to: '2026-12-04' })).toBe(sichuan);
  expect(targetFor([year], 'crossAppointments', null, { from: '2026-10-01', to: '2026-12-04' })).toBeNull();
  expect(targetFor([year], 'patrols', null, { from: '2026-01-01', to: '2026-12-04' })).toBeNull();
  expect(targetFor([year], 'crossAppointments', null, { from: '2026-01-01', to: null })).toBeNull();
});

test('a category of zeros has no records (无记录); one with no value at all is 未上报; any other value is something', () => {
  const empty = { total: 0, parts: [{ key: 'a', name: 'A', value: 0 }], yearBefore: null, before: null, compared: { yearBefore: false, before: false }, cumulative: null, target: null };
  const none = { ...empty, total: null, parts: [{ key: 'a', name: 'A', value: null }] };
  expect(periodState([empty, { ...empty, total: null }])).toBe('zero');
  expect(periodState([none, none])).toBe('not-reported');
  expect(periodState([empty, { ...empty, parts: [{ key: 'a', name: 'A', value: 3 }] }])).toBe('some');
  // A store that did not answer: nobody can say the category is empty.
  expect(periodState([empty, { ...empty, total: undefined, parts: [{ key: 'a', name: 'A', value: undefined }] }])).toBe('some');
});
