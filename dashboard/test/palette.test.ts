import { expect, test } from 'vitest';
import { sideColour } from '../src/charts/palette.ts';

test('each side keeps one colour; sides beyond the founding two get distinct spare ones', () => {
  expect(sideColour('sichuan')).toBe('#c8372d');
  expect(sideColour('chongqing')).toBe('#1f6fb2');
  const shanxi = sideColour('shanxi');
  const jilin = sideColour('jilin');
  expect(new Set([shanxi, jilin, '#c8372d', '#1f6fb2']).size).toBe(4);
  expect(sideColour('jilin')).toBe(jilin);
  expect(sideColour('shanxi')).toBe(shanxi);
});
