import { expect, test } from 'vitest';
import { formatDate, formatFigure, formatMonth, formatNumber, formatWithUnit } from '../src/format/formatNumber.ts';

test('counts are grouped the zh-CN way, and from 10 000 on read in 万 and 亿', () => {
  expect(formatNumber(56)).toBe('56');
  expect(formatNumber(1650)).toBe('1,650');
  expect(formatNumber(23.75)).toBe('23.75');
  expect(formatNumber(12_345)).toBe('1.23万');
  expect(formatNumber(170_000)).toBe('17万');
  expect(formatNumber(535_0000_0000)).toBe('535亿');
});

test('each figure keeps its unit; 万元 amounts from 1 亿元 on read in 亿元; a missing one is a dash', () => {
  expect(formatFigure(1546, '万元')).toBe('1,546 万元');
  expect(formatFigure(1_200_0000, '万元')).toBe('1,200 亿元');
  expect(formatFigure(600, '亩')).toBe('600 亩');
  expect(formatFigure(372, '人次')).toBe('372 人次');
  expect(formatWithUnit(null, '人')).toEqual({ value: '—', unit: '人' });
});

test('the unit is chosen after rounding: what rounds up to 10 000 reads as one of the next unit', () => {
  expect(formatNumber(9_999.99)).toBe('9,999.99');
  expect(formatNumber(9_999.996)).toBe('1万');
  expect(formatNumber(10_000)).toBe('1万');
  expect(formatNumber(99_994_999)).toBe('9,999.5万');
  expect(formatNumber(99_999_999)).toBe('1亿');
  expect(formatNumber(100_000_000)).toBe('1亿');
  expect(formatNumber(-99_999_999)).toBe('-1亿');
  expect(formatFigure(9_999.99, '万元')).toBe('9,999.99 万元');
  expect(formatFigure(9_999.996, '万元')).toBe('1 亿元');
  expect(formatFigure(10_000, '万元')).toBe('1 亿元');
  expect(formatFigure(99_999_999.999, '万元')).toBe('10,000 亿元');
});

test('dates and months read as people write them here', () => {
  expect(formatDate('2021-03-05')).toBe('2021年3月5日');
  expect(formatMonth('2021-11')).toBe('2021年11月');
});

test('values shown together read in one unit, chosen by the largest (shownUnit): a base of 682.1 亿元 beside 149.6 亿元, 0 亿元 beside 1,200 亿元', () => {
  expect(formatFigure(6_821_000, '万元', 1_496_000)).toBe('682.1 亿元');
  expect(formatWithUnit(0, '万元', 12_000_000)).toEqual({ value: '0', unit: '亿元' });
  // A small amount beside a large one keeps two significant digits rather than reading 0.
  expect(formatFigure(500, '万元', 6_821_000)).toBe('0.05 亿元');
  expect(formatFigure(12, '万元', 6_821_000)).toBe('0.0012 亿元');
  expect(formatFigure(1546, '万元', 9_000)).toBe('1,546 万元');
  expect(formatWithUnit(null, '万元', 6_821_000)).toEqual({ value: '—', unit: '亿元' });
  // Other units are as they were.
  expect(formatFigure(12_345, '人', 99_999_999)).toBe('1.23万 人');
});
