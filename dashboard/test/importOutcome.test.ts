import { describe, expect, test } from 'vitest';
import { afterWithdrawal, IMPORT_OUTCOME_ADVICE, importOutcome } from '../src/documents/importOutcome.ts';

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

  test('after 撤销本次导入 answered: the rows it withdrew (now or by an earlier run) read 已撤销, counted so; withdrawn, or partly while some are left', () => {
    const rows = [{ line: 2, status: '已导入', content: 'a' }, { line: 3, status: '已导入', content: 'b' }, { line: 4, status: '错误', content: 'c' }, { line: 5, status: '已存在', content: 'd' }];
    const counts = { 已导入: 2, 已存在: 1, 错误: 1, 未导入: 0 };
    // Stopped partway by an outage: line 3 未撤销.
    const partly = afterWithdrawal(rows, counts, [{ line: 2, status: '已撤销' }, { line: 3, status: '未撤销' }]);
    expect(partly.rows.map((r) => [r.line, r.status, r.content])).toEqual([[2, '已撤销', 'a'], [3, '已导入', 'b'], [4, '错误', 'c'], [5, '已存在', 'd']]);
    expect(partly.counts).toEqual({ 已导入: 1, 已存在: 1, 错误: 1, 未导入: 0, 已撤销: 1 });
    expect(partly.outcome).toBe('partly-withdrawn');
    // The retry: line 2 此前已撤销, line 3 已撤销; a row the withdrawal refused (错误) stays 已导入.
    expect(afterWithdrawal(rows, counts, [{ line: 2, status: '此前已撤销' }, { line: 3, status: '已撤销' }])).toMatchObject({ counts: { 已导入: 0, 已撤销: 2 }, outcome: 'withdrawn' });
    expect(afterWithdrawal(rows, counts, [{ line: 2, status: '已撤销' }, { line: 3, status: '错误' }])).toMatchObject({ counts: { 已导入: 1, 已撤销: 1 }, outcome: 'partly-withdrawn' });
    // Only the import's 已导入 rows change: a line the withdrawal names that was 已存在 (an earlier import's) stays.
    expect(afterWithdrawal(rows, counts, [{ line: 5, status: '已撤销' }]).rows[3]!.status).toBe('已存在');
    // The import's own answer is not changed.
    expect(rows[0]!.status).toBe('已导入');
  });
});
