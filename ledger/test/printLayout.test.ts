import { PassThrough } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import ExcelJS from 'exceljs';
import { describe, expect, test } from 'vitest';
import { UNAVAILABLE, UNAVAILABLE_TEXT, unavailableNote, type Cell, type ExportTable } from '../src/export/ExportTable.ts';
import { writeXlsx } from '../src/export/tableWriters.ts';
import { captionHeight, columnLetters, columnWidth, LINE_HEIGHT, printAreaOf, rowHeight, textWidth, WIDEST } from '../src/export/printLayout.ts';

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

/** LibreOffice keeps a row without a height at the default and prints its wrapped lines over the next rows: a row that wraps is given its height. */
describe('a row’s height', () => {
  test('none when every value fits its column on one line (the default height)', () => {
    const values = ['joint:Agreement:moxi-shuangjiang-2021', '磨溪镇—双江镇毗邻乡镇党建合作联建协议', '2021-01-08'];
    const widths = values.map((v) => columnWidth([v]));
    expect(rowHeight(values, widths)).toBeUndefined();
    expect(rowHeight(['', '是'], [6, 6])).toBeUndefined();
  });

  test('as many lines as its most wrapped cell takes at its column’s width', () => {
    // 28 signatories of six characters, joined with 、: 390 wide, 48 to a line of a column of the widest, 9 lines.
    const signatories = Array.from({ length: 28 }, (_, i) => `第${'一二三四五六七八九十'[i % 10]}村党支部`).join('、');
    expect(textWidth(signatories)).toBe(390);
    expect(rowHeight(['joint:Agreement:suitong-framework', signatories], [35, WIDEST])).toBe(9 * LINE_HEIGHT);
    // A line break of the value's own starts a line.
    expect(rowHeight(['第一行\n第二行'], [10])).toBe(2 * LINE_HEIGHT);
  });
});

test('a print area of the columns before the global IDs, by their letters', () => {
  expect([1, 8, 26, 27, 52, 53].map(columnLetters)).toEqual(['A', 'H', 'Z', 'AA', 'AZ', 'BA']);
  // Absolute rows, or LibreOffice ignores it ($A1:$H70 printed every column).
  expect(printAreaOf(8, 70)).toBe('A$1:H$70');
});

/**
 * Cells the joint office could not fill (UNAVAILABLE) are said once in a workbook: above the header
 * when the pages read before the file is opened hold one (the joint office down from the start), and
 * below the table when only a later page does (it went down during the export: the top is written by then).
 */
describe('the note on cells not read', () => {
  const note = unavailableNote('“所属联盟”列');
  /** A table of two pages, the second's 所属联盟 not read; `known` once that page has been read (or from the start). */
  function twoPages(fromStart: boolean): ExportTable {
    let unread = fromStart;
    return {
      title: '活动',
      caption: '四川省活动',
      columns: [
        { header: '名称', path: ['title'], cell: 'text' },
        { header: '所属联盟', path: ['alliance', 'name'], cell: 'text' },
        { header: '全局 ID', path: ['id'], cell: 'text', idWidth: 40 },
      ],
      async *pages() {
        yield { rows: [['座谈会', '甘薯产业链联盟', 'sichuan:Activity:a']] as Cell[][], records: 1 };
        unread = true;
        yield { rows: [['培训', UNAVAILABLE, 'sichuan:Activity:b'], ['交流', null, 'sichuan:Activity:c']] as Cell[][], records: 2 };
      },
      totalCount: () => 3,
      unavailable: () => (unread ? note : null),
    };
  }
  async function written(table: ExportTable): Promise<{ rows: unknown[][]; stats: Awaited<ReturnType<typeof writeXlsx>>; printArea: string | undefined }> {
    const output = new PassThrough();
    const [stats, bytes] = await Promise.all([writeXlsx(table, output), buffer(output)]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push([1, 2, 3].map((i) => row.getCell(i).value ?? null)));
    return { rows, stats, printArea: sheet.pageSetup.printArea };
  }

  test('known on the first page: under the caption, above the header', async () => {
    const { rows, stats, printArea } = await written(twoPages(true));
    expect(rows.map((row) => row[0])).toEqual(['四川省活动', note, '名称', '座谈会', '培训', '交流']);
    expect(rows[4]![1]).toBe(UNAVAILABLE_TEXT);
    expect(rows[5]![1]).toBeNull();
    expect(stats.unavailable).toBe(note);
    // The columns before the ID, every row.
    expect(printArea).toBe('A1:B6');
  });

  test('known only on a later page: below the table, within the print area', async () => {
    const { rows, stats, printArea } = await written(twoPages(false));
    expect(rows.map((row) => row[0])).toEqual(['四川省活动', '名称', '座谈会', '培训', '交流', note]);
    expect(stats.unavailable).toBe(note);
    expect(printArea).toBe('A1:B6');
  });
});

/**
 * A caption wider than its table (a side's 川渝通办事项按类别统计 has two narrow columns) wraps within the
 * printed columns and its row is as tall as its lines: at one line's 24 pt LibreOffice printed its
 * second line under the header, and the period and alliance it names were lost on paper.
 */
test('a caption wider than its table: across the printed columns only, its row as tall as the lines it wraps to', async () => {
  const caption = '四川省川渝通办事项按类别统计 2021年上半年 联盟：拦江镇凤凰村—米心镇万佛村联村党组织';
  const table: ExportTable = {
    title: '川渝通办事项按类别统计',
    caption,
    columns: [
      { header: '类别', path: ['kind'], cell: 'text' },
      { header: '事项（件）', path: ['cases'], cell: 'number' },
      { header: '全局 ID', path: ['id'], cell: 'text', idWidth: 40 },
    ],
    async *pages() {
      yield { rows: [['公积金互认互贷', 36, 'x']] as Cell[][], records: 1 };
    },
    totalCount: () => 1,
  };
  const output = new PassThrough();
  const [, bytes] = await Promise.all([writeXlsx(table, output), buffer(output)]);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  // 类别 16 and 事项（件） 12 wide: the caption's 84 units, 107 at 14 pt, take five lines of 26.
  const widths = [columnWidth(['类别', '公积金互认互贷']), columnWidth(['事项（件）', '36'])];
  expect(widths).toEqual([16, 12]);
  expect(captionHeight(caption, widths)).toBe(4 + 20 * 5);
  expect(sheet.getRow(1).height).toBe(captionHeight(caption, widths));
  expect(sheet.getRow(1).height).toBeGreaterThanOrEqual(4 * 20);
  // Merged over the printed columns, not the global ID's, which print leaves out (the caption was cut there).
  expect(sheet.getCell('B1').isMerged).toBe(true);
  expect(sheet.getCell('C1').isMerged).toBe(false);
  // A caption that fits keeps one line's height.
  expect(captionHeight('四川省活动', [30, 40])).toBe(24);
});
