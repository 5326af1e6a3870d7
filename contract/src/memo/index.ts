export { BoundedLru, MEMO_MAX_ENTRIES } from './BoundedLru.ts';
export { MEMO_MAX_TEXT_LENGTH, memoizeByText } from './memoizeByText.ts';
