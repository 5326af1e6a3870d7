import { describe, expect, test } from 'vitest';
import { IMPORT_OUTCOME_ADVICE, importOutcome } from '../src/documents/importOutcome.ts';

describe('how an import’s result reads (台账导入)', () => {
  test('every row in the store, written now or before: all, and nothing more to say', () => {
    expect(importOutcome({ 已导入: 3, 已存在: 0, 错误: 0, 未导入: 0 })).toBe('all');
    expect(importOutcome({ 已导入: 0, 已存在: 2, 错误: 0, 未导入: 0 })).toBe('all');
    expect(IMPORT_OUTCOME_ADVICE.all).toBe('');
  });

  test('some rows in the store and some refused: partial', () => {
    expect(importOutcome({ 已导入: 2, 已存在: 0, 错误: 2, 未导入: 0 })).toBe('partial');
    expect(importOutcome({ 已导入: 0, 已存在: 2, 错误: 4, 未导入: 0 })).toBe('partial');
  });

  test('rows refused and none in the store (a corrected row refused as a duplicate, a file all wrong, all-or-nothing with an error): none, said so', () => {
    expect(importOutcome({ 已导入: 0, 已存在: 0, 错误: 1, 未导入: 0 })).toBe('none');
    expect(importOutcome({ 已导入: 0, 已存在: 0, 错误: 1, 未导入: 3 })).toBe('none');
    expect(importOutcome({ 错误: 2 })).toBe('none');
    expect(IMPORT_OUTCOME_ADVICE.none).toContain('未写入任何行');
  });
});
