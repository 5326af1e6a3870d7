import { expect, test } from 'vitest';
import { recordLists } from '../src/export/recordLists.ts';

/**
 * What an export's columns hold is what a clerk reads: the record's content, in Chinese. A region's
 * `levelCode` (district, town, village: the stored code of 层级) is not, nor the store's `version`.
 */
test('the regions export says 层级 in Chinese and no 层级代码 of English words; no list carries the store’s version', () => {
  const regions = recordLists().get('regions')!;
  expect(regions.columns.map((c) => c.path.join('.'))).toContain('level');
  expect(regions.columns.map((c) => c.path.join('.'))).not.toContain('levelCode');
  for (const list of recordLists().values()) expect(list.columns.map((c) => c.path.at(-1)), list.name).not.toContain('version');
});
