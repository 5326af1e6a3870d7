import { BoundedLru, MEMO_MAX_ENTRIES } from './BoundedLru.ts';

/**
 * The longest query text a memo keyed by text keeps, in characters: the longest registered operation
 * is about 3500, the explorer's introspection query under 2000. A longer text is checked every time
 * and never kept, so a memo holds at most {@link MEMO_MAX_ENTRIES} texts of this length.
 */
export const MEMO_MAX_TEXT_LENGTH = 8192;

/**
 * `compute`, remembered per query text in a {@link BoundedLru}: for work whose result depends on the
 * text alone (and on settings fixed when the memo is made). Clients send the same few texts again and
 * again; a text over {@link MEMO_MAX_TEXT_LENGTH} is computed and not kept, so neither many texts
 * nor large ones can grow memory.
 */
export function memoizeByText<Value>(compute: (text: string) => Value, maxEntries = MEMO_MAX_ENTRIES): (text: string) => Value {
  // Boxed, so that an undefined result is remembered too.
  const memo = new BoundedLru<string, { value: Value }>(maxEntries);
  return (text) => {
    if (text.length > MEMO_MAX_TEXT_LENGTH) return compute(text);
    const known = memo.get(text);
    if (known) return known.value;
    const value = compute(text);
    memo.set(text, { value });
    return value;
  };
}
