import { expect, test } from 'vitest';
import { ALL_SIDES, sideChoices, sideName, sideOutageText, UNNAMED_SIDE } from '../src/view/sideChoices.ts';

/**
 * The 辖区 selector and the banner while a side is down (QA, the joint office): 重庆市 left the
 * selector, `?side=chongqing` showed the key chongqing, and the banner said 其他辖区的数字照常显示
 * with Chongqing alone chosen.
 */

const ORDER = ['sichuan', 'chongqing'];
const names = new Map([['sichuan', '四川省'], ['chongqing', '重庆市']]);
const texts = (choices: ReturnType<typeof sideChoices>) => choices.map((c) => [c.value, c.text]);

test('every side by its Chinese name, a side down kept and marked 暂不可用', () => {
  expect(texts(sideChoices(ORDER, names, new Set(), ''))).toEqual([['sichuan', '四川省'], ['chongqing', '重庆市']]);
  expect(texts(sideChoices(ORDER, names, new Set(['chongqing']), ''))).toEqual([['sichuan', '四川省'], ['chongqing', '重庆市（暂不可用）']]);
  expect(sideChoices(ORDER, names, new Set(['chongqing']), 'chongqing').map((c) => c.down)).toEqual([false, true]);
  // In the documents' order, whatever order the names came in; a side the gateway named beyond them after.
  expect(texts(sideChoices(ORDER, new Map([['chongqing', '重庆市'], ['guizhou', '贵州省'], ['sichuan', '四川省']]), new Set(), ''))).toEqual([['sichuan', '四川省'], ['chongqing', '重庆市'], ['guizhou', '贵州省']]);
  expect(ALL_SIDES).toBe('全部辖区（合计）');
});

test('never a key: a side not named yet is left out, or reads 所选辖区 when it is the one chosen', () => {
  const onlyChongqing = new Map([['chongqing', '重庆市']]);
  expect(texts(sideChoices(ORDER, onlyChongqing, new Set(), ''))).toEqual([['chongqing', '重庆市']]);
  expect(texts(sideChoices(ORDER, new Map(), new Set(), 'chongqing'))).toEqual([['chongqing', UNNAMED_SIDE]]);
  expect(texts(sideChoices(ORDER, new Map(), new Set(['chongqing']), 'chongqing'))).toEqual([['chongqing', `${UNNAMED_SIDE}（暂不可用）`]]);
  expect(sideName(names, 'chongqing')).toBe('重庆市');
  expect(sideName(new Map(), 'chongqing')).toBe('所选辖区');
});

test('the banner of a side down fits the selection: the others 照常 only when they are shown', () => {
  expect(sideOutageText('chongqing', '重庆市', null)).toBe('：重庆市的数字与合计暂缺，其他辖区的数字照常显示，稍后自动重试。');
  const alone = sideOutageText('chongqing', '重庆市', 'chongqing');
  expect(alone).toBe('：重庆市的数字暂缺，稍后自动重试；其他辖区可在“辖区”中选择查看。');
  expect(alone).not.toContain('照常显示');
  expect(alone).not.toContain('合计');
  // Sichuan chosen, Chongqing down (its members of an alliance, say): Sichuan's numbers stand; nothing says they are missing.
  const other = sideOutageText('chongqing', '重庆市', 'sichuan');
  expect(other).toBe('：重庆市的部分暂缺，所选辖区的数字照常显示，稍后自动重试。');
  expect(other).not.toContain('其他辖区可在');
});
