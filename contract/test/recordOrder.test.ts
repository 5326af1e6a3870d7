import { expect, test } from 'vitest';
import { recordOrder } from '../src/cursor.ts';

/** A list's order, as every list (a side's, the joint office's) asks and refuses it: one text, led by the argument's Chinese name. */

test('none asked is NEWEST; an order the list takes is itself', () => {
  expect(recordOrder(undefined, { type: 'Activity', named: false })).toBe('NEWEST');
  expect(recordOrder(null, { type: 'Activity', named: false })).toBe('NEWEST');
  expect(recordOrder('OLDEST', { type: 'Activity', named: false })).toBe('OLDEST');
  expect(recordOrder('NAME', { type: 'Organization', named: true })).toBe('NAME');
});

test('NAME on records without names, and an order the API has not, are refused by the argument’s Chinese name', () => {
  expect(() => recordOrder('NAME', { type: 'ServiceCase', named: false })).toThrow(
    expect.objectContaining({
      message: '排序方式：此列表的记录没有名称，不能按名称排序，可用：NEWEST、OLDEST / orderBy cannot be NAME: ServiceCase records have no name to order by',
      extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'orderBy', rule: 'not-applicable' }),
    }),
  );
  expect(() => recordOrder('PINYIN' as never, { type: 'Organization', named: true })).toThrow(
    expect.objectContaining({
      message: '排序方式“PINYIN”不是可选的顺序，可选：NEWEST、OLDEST、NAME / orderBy "PINYIN" is not one of NEWEST, OLDEST, NAME',
      extensions: expect.objectContaining({ field: 'orderBy', rule: 'malformed' }),
    }),
  );
});
