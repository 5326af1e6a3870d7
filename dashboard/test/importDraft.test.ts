import { describe, expect, test } from 'vitest';
import { ImportDraft, sameFile, type LedgerImportDraft } from '../src/documents/ImportDraft.ts';
import { TabStorage } from './support/tabStorage.ts';

describe('the 台账导入 draft, kept for its owner only', () => {
  const file = { name: '安居区活动台账.csv', size: 321, lastModified: 1_733_000_000_000 };
  const row = (line: number) => ({ line, status: '已导入', problems: [], content: `座谈交流 · 座谈-${line}` });
  const previewOf = (rows: number) => ({ label: '活动', name: file.name, counts: { 已导入: rows }, rows: Array.from({ length: rows }, (_, n) => row(n + 2)) });
  const draft: LedgerImportDraft = { kind: 'activities', mode: 'all-or-nothing', file, preview: previewOf(2) };
  const operator = { subject: 'anju-district', side: 'sichuan' };

  test('the same person and side find it again; another person, or another side, does not; another person’s token, or 退出, forgets it', () => {
    const tab = new TabStorage();
    expect(new ImportDraft(tab, operator).save(draft)).toBe(true);
    expect(new ImportDraft(tab, operator).load()).toEqual(draft);
    expect(new ImportDraft(tab, { subject: 'moxi-clerk', side: 'sichuan' }).load()).toBeNull();
    expect(new ImportDraft(tab, { subject: 'anju-district', side: 'chongqing' }).load()).toBeNull();
    ImportDraft.keepOnly(tab, 'anju-district');
    expect(new ImportDraft(tab, operator).load()).toEqual(draft);
    ImportDraft.keepOnly(tab, 'moxi-clerk');
    expect(tab.length).toBe(0);
    new ImportDraft(tab, operator).save(draft);
    ImportDraft.keepOnly(tab, null);
    expect(tab.length).toBe(0);
  });

  test('a draft the tab cannot hold (a preview of thousands of rows) is refused, and no older one is left to be put back for it', () => {
    const tab = new TabStorage(200_000);
    const kept = new ImportDraft(tab, operator);
    expect(kept.save(draft)).toBe(true);
    expect(kept.save({ ...draft, file: { ...file, name: '大台账.csv' }, preview: previewOf(5_000) })).toBe(false);
    expect(kept.load()).toBeNull();
    // The panel then keeps its choices without the preview.
    expect(kept.save({ ...draft, file: { ...file, name: '大台账.csv' }, preview: null })).toBe(true);
    expect(kept.load()?.file?.name).toBe('大台账.csv');
  });

  test('a damaged draft is none; the same file is told by its name, size and last change', () => {
    const tab = new TabStorage();
    tab.setItem('linju.dashboard.importDraft', JSON.stringify({ owner: operator, draft: { kind: 'activities', mode: 1, file: null, preview: null } }));
    expect(new ImportDraft(tab, operator).load()).toBeNull();
    tab.setItem('linju.dashboard.importDraft', '{');
    expect(new ImportDraft(tab, operator).load()).toBeNull();
    expect(sameFile(file, { ...file })).toBe(true);
    expect(sameFile(file, { ...file, lastModified: file.lastModified + 1 })).toBe(false);
    expect(sameFile(file, null)).toBe(false);
  });
});
