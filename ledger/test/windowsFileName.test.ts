import { expect, test } from 'vitest';
import { windowsFileName } from '../src/export/filterNames.ts';

test('a file name Windows takes: refused characters made -, no trailing dot or space', () => {
  expect(windowsFileName('四川省活动_含a/b:c?', 'xlsx')).toBe('四川省活动_含a-b-c-.xlsx');
  expect(windowsFileName('名单. ', 'csv')).toBe('名单.csv');
});

test('a long name is cut between characters, never inside one: half an emoji would make the download’s header throw', () => {
  // 7 UTF-16 units, then 112: the emoji (two units) straddles the 120th.
  const name = windowsFileName(`四川省活动_含${'a'.repeat(112)}😀😀`, 'csv');
  expect(name).toBe(`四川省活动_含${'a'.repeat(112)}😀.csv`);
  expect(() => encodeURIComponent(name)).not.toThrow();
});
