import { describe, expect, test } from 'vitest';
import { BoundedLru, MEMO_MAX_ENTRIES, MEMO_MAX_TEXT_LENGTH, memoizeByText } from '../src/memo/index.ts';

describe('BoundedLru', () => {
  test('after cap + 1 distinct keys the first is gone and the size stays at the cap', () => {
    const lru = new BoundedLru<string, number>();
    expect(lru.maxEntries).toBe(MEMO_MAX_ENTRIES);
    for (let i = 0; i <= MEMO_MAX_ENTRIES; i++) lru.set(`text ${i}`, i);
    expect(lru.size).toBe(MEMO_MAX_ENTRIES);
    expect(lru.has('text 0')).toBe(false);
    expect(lru.get('text 1')).toBe(1);
    expect(lru.get(`text ${MEMO_MAX_ENTRIES}`)).toBe(MEMO_MAX_ENTRIES);
  });

  test('a read makes an entry the most recently used: the least recently used goes first', () => {
    const lru = new BoundedLru<string, string>(2);
    lru.set('a', 'A');
    lru.set('b', 'B');
    expect(lru.get('a')).toBe('A');
    lru.set('c', 'C');
    expect([lru.get('a'), lru.get('b'), lru.get('c')]).toEqual(['A', undefined, 'C']);
    // Writing a key again replaces it without growing.
    lru.set('c', 'C2');
    expect([lru.size, lru.get('c')]).toEqual([2, 'C2']);
    expect([lru.delete('c'), lru.delete('c'), lru.size]).toEqual([true, false, 1]);
  });

  test('a cap below one is refused', () => {
    expect(() => new BoundedLru(0)).toThrow(RangeError);
  });
});

describe('memoizeByText', () => {
  /** A memo whose computations are counted. */
  function counted(maxEntries?: number) {
    const computed: string[] = [];
    const memo = memoizeByText((text) => {
      computed.push(text);
      return text.length > 3 ? undefined : { text };
    }, maxEntries);
    return { memo, computed };
  }

  test('a text is computed once, an undefined result included', () => {
    const { memo, computed } = counted();
    const first = memo('abc');
    expect(memo('abc')).toBe(first);
    expect(memo('abcd')).toBeUndefined();
    expect(memo('abcd')).toBeUndefined();
    expect(computed).toEqual(['abc', 'abcd']);
  });

  test('only the last maxEntries texts are kept', () => {
    const { memo, computed } = counted(2);
    memo('a');
    memo('b');
    memo('c');
    memo('a');
    expect(computed).toEqual(['a', 'b', 'c', 'a']);
  });

  test(`a text longer than ${MEMO_MAX_TEXT_LENGTH} characters is computed every time and not kept`, () => {
    const { memo, computed } = counted();
    const long = 'x'.repeat(MEMO_MAX_TEXT_LENGTH + 1);
    memo(long);
    memo(long);
    const longest = 'y'.repeat(MEMO_MAX_TEXT_LENGTH);
    memo(longest);
    memo(longest);
    expect(computed).toEqual([long, long, longest]);
  });
});
