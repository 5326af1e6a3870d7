import { expect, test } from 'vitest';
import { splitAtName } from '../src/describeCaller.ts';

test('a header line is split where the name is, for the page to show the name on its own; a line without it is not', () => {
  expect(splitAtName('已登录：张敏 · 四川省操作员 · 磨溪镇', '张敏')).toEqual({ before: '已登录：', name: '张敏', after: ' · 四川省操作员 · 磨溪镇' });
  const long = '阿卜杜热合曼·'.repeat(29).slice(0, 200);
  expect(splitAtName(`令牌：${long} · 查看者，有效至12月4日 16:30`, long)).toEqual({ before: '令牌：', name: long, after: ' · 查看者，有效至12月4日 16:30' });
  expect(splitAtName('令牌：未验证（正在向网关核验）', '张敏')).toBeNull();
  expect(splitAtName('已登录：查看者', undefined)).toBeNull();
  expect(splitAtName('已登录：查看者', '')).toBeNull();
});
