import { describe, expect, test } from 'vitest';
import { columnWidth, textWidth, WIDEST } from '../src/export/printLayout.ts';

/** The one width rule of every sheet the ledger prints: the exports and the import's result workbook. */
describe('a column’s width', () => {
  test.each([
    ['ASCII', 'sichuan:Activity:seminar-2021-012', 33],
    ['Chinese, two each', '永兴镇毗邻镇村党建座谈交流会', 28],
    ['full-width brackets and the dash of a joined name', '毗邻镇村基层干部培训班（白马镇）', 32],
    ['quotes as a CJK font draws them', '“一约四会”', 12],
    ['mixed', '2021年7月8日', 12],
  ])('%s: %s is %i wide', (_, text, width) => {
    expect(textWidth(text)).toBe(width);
  });

  test('is its longest value’s, the header included, with a margin', () => {
    expect(columnWidth(['名称', '联合党课', '永兴镇毗邻镇村党建座谈交流会'])).toBe(30);
    expect(columnWidth(['名称为示意数据', '是', '否'])).toBe(16);
    expect(columnWidth(['场次', '1', '12'])).toBe(6);
  });

  test('stays within its bounds: a longer text wraps, a global ID never does', () => {
    expect(columnWidth(['原因', '日期不能晚于今天：2027-01-01'.repeat(4)])).toBe(WIDEST);
    expect(columnWidth([''])).toBeGreaterThan(0);
    const id = `sichuan:TeamAction:${crypto.randomUUID()}`;
    expect(columnWidth(['记录ID', id], { whole: true })).toBe(id.length + 2);
    expect(id.length + 2).toBeGreaterThan(WIDEST);
    // At least as wide as a record written through the API, when the values measured are seeded IDs.
    expect(columnWidth(['全局 ID', 'joint:Alliance:grain-chain'], { least: 56, whole: true })).toBe(56);
  });
});
