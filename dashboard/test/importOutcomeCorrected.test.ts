import { expect, test } from 'vitest';
import { importOutcome } from '../src/documents/importOutcome.ts';

// A 人员台账 imported with “按台账更正已登记的人员”: a person corrected (已更正) is in the store, so a file with it and a refused row reads partial, not none.
test('registered people corrected (已更正) count as rows in the store', () => {
  expect(importOutcome({ 已导入: 0, 已存在: 0, 错误: 1, 未导入: 0, 已更正: 1 })).toBe('partial');
  expect(importOutcome({ 已导入: 0, 已存在: 0, 错误: 0, 未导入: 0, 已更正: 2 })).toBe('all');
});
