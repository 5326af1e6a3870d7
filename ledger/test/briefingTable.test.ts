import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';
import { briefingFigureNames, definitionText, FIGURE_NAMES, FIGURES, isStanding, jointRowLabel, type FigureName } from '@linju/contract';
import { briefingDocx, comparisonHeading, figureTableLayout, headingLines, TABLE_NOTE, type CellText } from '../src/report/briefingDocument.ts';
import { newlySetUp } from '../src/report/briefingText.ts';
import type { BriefingPeriod } from '../src/report/briefingPeriod.ts';
import { findSoffice } from '../src/report/briefingPdf.ts';
import { textWidth } from '../src/export/printLayout.ts';
import { periodOf } from './periodFigures.ts';
import { zipMember } from './zipMember.ts';

const run = promisify(execFile);
/** A figure's name as the 附表 prints it: 新增 before a standing figure's. */
const printedLabel = (name: FigureName) => (isStanding(name) ? newlySetUp(name) : FIGURES[name].label);
/** LibreOffice, which CI installs; elsewhere its test is skipped when it is missing. */
const SOFFICE = await findSoffice();

/** The 附表's columns: no header or value wraps (上年同期 was printed 上年同 / 期 beside three sides' columns and 上期). */
describe('the 附表’s layout', () => {
  const TEXT_WIDTH = Math.round(156 * 56.7);
  const labels = ['指标', ...FIGURE_NAMES.map((name) => FIGURES[name].label)];
  const units = ['单位', '平方米', '人次', '亿元'];
  const column = (title: string) => [title, '1650', '23.75', '682.1', '—'];
  /** Twips a text of an s-point font takes in a cell, margins included (a half-width character is s × 10 twips). */
  const needs = (texts: string[], size: number) => Math.max(...texts.map(textWidth)) * size * 10 + 2 * 115;

  test.each([
    ['each side, the total, 上期 and 上年同期', ['四川', '重庆', '合计', '上期', '上年同期']],
    ['each side and the total', ['四川', '重庆', '合计']],
    ['one side and 上年同期', ['四川', '上年同期']],
  ])('%s: in 五号, every column as wide as its longest text, within the text’s width', (_, titles) => {
    const { size, widths } = figureTableLayout([labels, units, ...titles.map(column)], TEXT_WIDTH);
    expect(size).toBe(10.5);
    expect(widths.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(TEXT_WIDTH);
    expect(widths[0]).toBeGreaterThanOrEqual(needs(labels, size));
    expect(widths[1]).toBeGreaterThanOrEqual(needs(units, size));
    for (const [i, title] of titles.entries()) expect(widths[i + 2]).toBeGreaterThanOrEqual(needs(column(title), size));
  });

  test('more columns than 五号 fits: 小五, and still no value wraps', () => {
    const titles = ['四川', '重庆', '吉林', '黑龙江', '合计', '上期', '上年同期'];
    const { size, widths } = figureTableLayout([labels, units, ...titles.map(column)], TEXT_WIDTH);
    expect(size).toBe(9);
    expect(widths.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(TEXT_WIDTH);
    for (const [i, title] of titles.entries()) expect(widths[i + 2]).toBeGreaterThanOrEqual(needs(column(title), size));
  });
});

const TWO_SIDES = [{ key: 'sichuan', code: '510000', name: '四川省' }, { key: 'chongqing', code: '500000', name: '重庆市' }];

/** A briefing of two sides whose text before the 附表 is `lines` body lines and `headings` headings without text, to move the 附表 down the page. */
function briefingOf(lines: number, headings: number): Promise<Buffer> {
  const sections = [
    // Each line a part's paragraph of one line (填充。 and its sentence, 22 characters).
    { heading: '一、组织联建，构建党建共同体', parts: Array.from({ length: lines }, () => ({ heading: '填充', sentences: ['这一行正文用于把附表推到页面底部附近。'] })) },
    ...Array.from({ length: headings }, (_, i) => ({ heading: `${'二三四五六'[i]}、本节无文字`, parts: [] })),
  ];
  return briefingDocx({ title: '遂潼川渝毗邻地区一体化发展 党建联建工作简报', issue: 1, office: '遂潼联合办公室', issuedOn: '2021-07-08', figures: periodOf(7, TWO_SIDES), comparisons: [], sections, charts: [], gatewayUrl: '' });
}

/** A heading never ends a page: the 附表's heading stays with its table, the table's header row with its first row of figures. */
describe('the 附表 and its heading across a page break', () => {
  const firstRow = printedLabel(briefingFigureNames()[0]!);

  test('every heading is kept with what follows (w:keepNext) and whole (w:keepLines); the header row repeats on each page (w:tblHeader) and is kept with the first row', async () => {
    const xml = zipMember(await briefingOf(3, 0), 'word/document.xml');
    const paragraphs = [...xml.matchAll(/<w:p>(?:(?!<\/w:p>).)*<\/w:p>/gs)].map(([p]) => p);
    const texts = (p: string) => [...p.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('');
    const headings = paragraphs.filter((p) => /^(附表|[一二三四五六七]、|数据来源)/.test(texts(p)));
    expect(headings.map(texts)).toContain('附表　主要指标（2021年上半年）');
    expect(headings.filter((p) => !p.includes('<w:keepNext/>') || !p.includes('<w:keepLines/>')).map(texts)).toEqual([]);
    const [header, first] = [...xml.matchAll(/<w:tr>(?:(?!<\/w:tr>).)*<\/w:tr>/gs)].map(([row]) => row);
    expect(header).toContain('<w:tblHeader/>');
    expect(texts(header!)).toBe('指标单位四川重庆合计');
    expect([...header!.matchAll(/<w:p>/g)].length).toBe([...header!.matchAll(/<w:keepNext\/>/g)].length);
    expect(texts(first!)).toMatch(new RegExp(`^${firstRow}`));
    // A ratio's 合计 is its weighted mean: its row says so (it read 户均增收 … 7 under 合计 as a total).
    const rows = [...xml.matchAll(/<w:tr>(?:(?!<\/w:tr>).)*<\/w:tr>/gs)].map(([row]) => texts(row));
    expect(rows.filter((row) => row.includes('加权平均'))).toEqual([expect.stringMatching(/^户均增收（合计栏为加权平均）元/)]);
  });

  // Printed: LibreOffice lays the briefing out with the 附表's heading at every height near a page's
  // foot (body lines move it 28 pt at a time, empty headings 34 pt: every 6 pt of a line), and the
  // heading is always on the page of the table's first row of figures.
  test.skipIf(!SOFFICE && process.env.CI !== 'true')('printed by LibreOffice, the 附表 heading is on the page of the table’s first row wherever the page breaks', async () => {
    expect(SOFFICE, 'soffice is required in CI (.ci/run installs LibreOffice)').toBeDefined();
    const dir = await mkdtemp(join(tmpdir(), 'ledger-briefing-keep-'));
    try {
      const variants = [3, 4, 5].flatMap((lines) => [0, 1, 2, 3, 4].map((headings) => ({ lines, headings, docx: join(dir, `keep-${lines}-${headings}.docx`) })));
      for (const v of variants) await writeFile(v.docx, await briefingOf(v.lines, v.headings));
      await run(SOFFICE!, [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', dir, ...variants.map((v) => v.docx)], { timeout: 300_000 });
      const placed = await Promise.all(
        variants.map(async (v) => {
          const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', '-layout', v.docx.replace(/\.docx$/, '.pdf'), '-']);
          const pages = stdout.split('\f');
          // The first row of figures as -layout prints it: its label, its unit, its values.
          return { ...v, heading: pages.findIndex((page) => /附表\s*主要指标/.test(page)) + 1, row: pages.findIndex((page) => new RegExp(`${firstRow}\\s+人\\s+7\\s+7\\s+7`).test(page)) + 1 };
        }),
      );
      // The variants straddle the foot of the first page: the 附表 begins on page 1 in some, page 2 in others.
      expect(new Set(placed.map((p) => p.heading))).toEqual(new Set([1, 2]));
      expect(placed.filter((p) => p.heading !== p.row).map((p) => `${p.lines} lines, ${p.headings} headings: heading on page ${p.heading}, first row on page ${p.row}`)).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 480_000);
});

/** Two sides' period of `value` everywhere, over the dates given. */
const periodAt = (value: number, period: BriefingPeriod) => ({ ...periodOf(value, TWO_SIDES), period });

/**
 * A briefing of 2026年12月 (or its first 7 days, cut short at today) compared with 上期 and 上年同期:
 * the 附表 alone must say what each column compared with is.
 */
function comparedBriefing(cutShort: boolean): Promise<Buffer> {
  const [now, before, yearAgo] = cutShort
    ? [periodAt(1650, { from: '2026-12-01', to: '2026-12-07', inProgress: 'cutShort' }), periodAt(5, { from: '2026-11-24', to: '2026-11-30' }), periodAt(6821000, { from: '2025-12-01', to: '2025-12-07' })]
    : [periodAt(1650, { from: '2026-12-01', to: '2026-12-31' }), periodAt(5, { from: '2026-11-01', to: '2026-11-30' }), periodAt(6821000, { from: '2025-12-01', to: '2025-12-31' })];
  const comparisons = [{ name: '上期' as const, figures: before }, { name: '上年同期' as const, figures: yearAgo }];
  return briefingDocx({ title: '遂潼川渝毗邻地区一体化发展 党建联建工作简报', issue: 1, office: '遂潼联合办公室', issuedOn: '2026-12-07', figures: now, comparisons, sections: [], charts: [], gatewayUrl: '' });
}

/** The header row's cells, each as its lines (a <w:br/> between them). */
function headerCells(docx: Buffer): string[][] {
  const xml = zipMember(docx, 'word/document.xml');
  const header = xml.match(/<w:tr>(?:(?!<\/w:tr>).)*<\/w:tr>/s)![0];
  return [...header.matchAll(/<w:tc>(?:(?!<\/w:tc>).)*<\/w:tc>/gs)].map(([tc]) =>
    tc.split('<w:br/>').map((part) => [...part.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('')),
  );
}

/**
 * The columns compared with are headed by their periods (上期 and 上年同期 alone left a reader of the
 * table to find the dates in the note of provenance), broken only between a period's pieces, never
 * inside a number; the table's heading names the period itself.
 */
describe('the 附表’s columns compared with', () => {
  test('a heading is its name and its period, in pieces ending after 年 or before 至', () => {
    expect(comparisonHeading('上期', '2026年11月')).toEqual(['上期', '（2026年', '11月）']);
    expect(comparisonHeading('上年同期', '2025年第一季度')).toEqual(['上年同期', '（2025年', '第一季度）']);
    expect(comparisonHeading('上期', '2025年10月3日至12月31日')).toEqual(['上期', '（2025年', '10月3日', '至12月31日）']);
    expect(comparisonHeading('上年同期', '2025年')).toEqual(['上年同期', '（2025年）']);
    // On one line where it fits; else the name alone, the period's pieces as many to a line as fit.
    const pieces = comparisonHeading('上期', '2026年11月');
    expect(headingLines(pieces, 10.5, 5000)).toEqual(['上期（2026年11月）']);
    expect(headingLines(pieces, 10.5, 2200)).toEqual(['上期', '（2026年11月）']);
    expect(headingLines(pieces, 10.5, 1400)).toEqual(['上期', '（2026年', '11月）']);
  });

  test('where the columns leave room, a period stays whole on its line (上期 / （2021年5月）), not broken to fit the narrowest column', () => {
    const TEXT_WIDTH = Math.round(156 * 56.7);
    const labels = ['指标', ...FIGURE_NAMES.map((name) => FIGURES[name].label)];
    const previous = comparisonHeading('上期', '2021年5月');
    const { size, widths } = figureTableLayout([labels, ['单位', '平方米'], ['四川', '1650'], ['重庆', '1650'], ['合计', '1650'], [previous, '5']], TEXT_WIDTH);
    expect(size).toBe(10.5);
    expect(headingLines(previous, size, widths[5]!)).toEqual(['上期', '（2021年5月）']);
  });

  test('beside two sides and 合计, a long period’s heading takes three lines, not one per piece in a column as narrow as the values’', () => {
    // 2021年10月至2022年3月 as QA printed it: 上年同期 / （2020年 / 10月 / 至2021年 / 3月）, five lines.
    const TEXT_WIDTH = Math.round(156 * 56.7);
    const labels = ['指标', ...FIGURE_NAMES.map((name) => jointRowLabel(name))];
    const headings = [comparisonHeading('上期', '2021年4月至9月'), comparisonHeading('上年同期', '2020年10月至2021年3月')];
    const values = (title: CellText) => [title, '168.2', '586.6', '801.89', '—'];
    const { size, widths } = figureTableLayout([labels, ['单位', '平方米', '亿元', '万元'], ...['四川', '重庆', '合计', ...headings].map(values)], TEXT_WIDTH);
    expect(widths.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(TEXT_WIDTH);
    expect(headingLines(headings[0]!, size, widths[5]!)).toEqual(['上期', '（2021年', '4月至9月）']);
    expect(headingLines(headings[1]!, size, widths[6]!)).toEqual(['上年同期', '（2020年10月', '至2021年3月）']);
  });

  test.each([
    [false, '附表　主要指标（2026年12月）', '上期（2026年11月）', '上年同期（2025年12月）'],
    // A period named by its days (cut short at today) is named so, its year and month not repeated after 至.
    [true, '附表　主要指标（2026年12月1日至7日）', '上期（2026年11月24日至30日）', '上年同期（2025年12月1日至7日）'],
  ])('cut short: %s; the table’s heading and its columns name their periods', async (cutShort, heading, previous, lastYear) => {
    const docx = await comparedBriefing(cutShort);
    const xml = zipMember(docx, 'word/document.xml');
    expect(xml).toContain(`<w:t xml:space="preserve">${heading}</w:t>`);
    expect(headerCells(docx).map((lines) => lines.join(''))).toEqual(['指标', '单位', '四川', '重庆', '合计', previous, lastYear]);
  });

  // Printed: LibreOffice breaks no heading further than its lines (a line of the header row is one of
  // them, whole), and no value wraps (1650 as 165 / 0 once the periods' headings took the spare width).
  test.skipIf(!SOFFICE && process.env.CI !== 'true')('printed by LibreOffice, the header row’s lines are the ones given, and every value stays on its line', async () => {
    expect(SOFFICE, 'soffice is required in CI (.ci/run installs LibreOffice)').toBeDefined();
    const dir = await mkdtemp(join(tmpdir(), 'ledger-briefing-compared-'));
    try {
      const variants = [false, true].map((cutShort) => ({ cutShort, docx: join(dir, `compared-${cutShort}.docx`) }));
      const given = new Map<boolean, string[][]>();
      for (const v of variants) {
        const docx = await comparedBriefing(v.cutShort);
        given.set(v.cutShort, headerCells(docx));
        await writeFile(v.docx, docx);
      }
      await run(SOFFICE!, [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', dir, ...variants.map((v) => v.docx)], { timeout: 300_000 });
      for (const v of variants) {
        const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', '-layout', v.docx.replace(/\.docx$/, '.pdf'), '-']);
        const lines = stdout.split('\n');
        const top = lines.findIndex((line) => /^\s*指标\s+单位/.test(line));
        // The first row of figures by its label's start: a long label may take two lines, that the
        // headings need not take four (上期 / （2026年 / 11月24日 / 至30日）).
        const first = lines.findIndex((line) => line.trim().startsWith(firstLabel.slice(0, 4)));
        // The header's printed pieces (columns apart by two spaces or more; 2026 年, LibreOffice's space
        // between a digit and a CJK character, put back together) are the lines given, each whole.
        const printed = lines.slice(top, first).flatMap((line) => line.trim().split(/\s{2,}/)).map((text) => text.replace(/\s+/g, ''));
        expect(printed.sort()).toEqual(given.get(v.cutShort)!.flat().sort());
        expect(lines[first]!.trim().split(/\s+/).slice(1)).toEqual(['人', '1650', '1650', '1650', '5', '6821000']);
        // No heading in more than three lines (its name, its period in two).
        expect(Math.max(...given.get(v.cutShort)!.map((cell) => cell.length))).toBeLessThanOrEqual(3);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 480_000);
});

const firstLabel = printedLabel(FIGURE_NAMES[0]!);

/** The text of a piece of document.xml, its runs joined. */
const textOf = (xml: string) => [...xml.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map(([, t]) => t).join('');

/** The text's paragraphs and a period without any record, in the document.xml. */
describe('the text and an empty period', () => {
  test('the text is set flush left, not justified: a line before 100%）、 was stretched letter by letter', async () => {
    const xml = zipMember(await briefingOf(3, 0), 'word/document.xml');
    const paragraphs = [...xml.matchAll(/<w:p>(?:(?!<\/w:p>).)*<\/w:p>/gs)].map(([p]) => p);
    const body = paragraphs.filter((p) => p.includes('这一行正文用于把附表推到页面底部附近'));
    expect(body).toHaveLength(3);
    for (const p of body) expect(p).toContain('<w:jc w:val="left"/>');
    expect(xml).not.toMatch(/<w:jc w:val="(both|distribute)"\/>/);
  });

  test('a period without any record prints no 附表 (a table of 0s), its opening saying so', async () => {
    const docx = await briefingDocx({ title: '遂潼川渝毗邻地区一体化发展 党建联建工作简报', issue: 1, office: '遂潼联合办公室', issuedOn: '2026-12-07', figures: { ...periodOf(0, TWO_SIDES), period: { from: '2019-01-01', to: '2019-12-31' } }, comparisons: [], sections: [], charts: [], gatewayUrl: '' });
    const xml = zipMember(docx, 'word/document.xml');
    expect(xml).toContain('2019年，四川、重庆两地“邻聚党建”本期无记录，不作进展描述，不附指标表。');
    expect(xml).not.toContain('附表');
    expect(xml).not.toContain('<w:tbl>');
    expect(xml).toContain('本期无记录，不与上期及上年同期作比较。');
    // Nor does its note explain the 附表's “—”, nor list the 统计口径 of figures it does not show (its page 2 listed 38),
    // nor say how a 合计 it does not give is made.
    expect(xml).not.toContain('“—”');
    const text = textOf(xml);
    expect(text).toContain('数据来源');
    expect(text).not.toContain('统计口径');
    for (const name of FIGURE_NAMES) expect(text).not.toContain(definitionText(name));
    expect(text).not.toContain('合计');
  });

  test('the 附表 marks the rows that count what was newly set up (新增), as the text and the dashboard say them, and says so under it', async () => {
    // 交叉任职村党组织委员 24 and 党员活动室面积 895 stood in the 附表 without 新增, read as what is in post and built.
    const xml = zipMember(await briefingOf(1, 0), 'word/document.xml');
    const table = xml.slice(xml.indexOf('<w:tbl>'), xml.indexOf('</w:tbl>'));
    const rows = [...table.matchAll(/<w:tr>.*?<\/w:tr>/gs)].map(([row]) => textOf(row));
    for (const name of briefingFigureNames()) {
      const label = isStanding(name) ? newlySetUp(name) : jointRowLabel(name);
      expect(rows.filter((row) => row.startsWith(`${label}${FIGURES[name].unit}`)), label).toHaveLength(1);
    }
    expect(rows.some((row) => row.startsWith('新增交叉任职村党组织委员') && row.includes('人'))).toBe(true);
    expect(rows.some((row) => row.startsWith('新增党员活动室面积'))).toBe(true);
    expect(rows.some((row) => row.startsWith('联合座谈交流'))).toBe(true);
    // The note right after the table, and the 统计口径 list by the rows' names.
    const after = textOf(xml.slice(xml.indexOf('</w:tbl>')));
    expect(after.startsWith(TABLE_NOTE)).toBe(true);
    expect(TABLE_NOTE).toContain('标“新增”的指标为各栏所示期间内新设立的数量');
    // A ratio without its weight is — too, and not for want of a report: 户均增收 of a period without 受益农户.
    expect(TABLE_NOTE).toContain('“—”表示未上报或无从计算（无受益农户即无户均增收），与0不同。');
    expect(after).toContain(`新增交叉任职村党组织委员：${definitionText('crossAppointments')}。`);
  });

  test('the note of provenance reads as a briefing’s: the sides’ ledgers, each 截至, how the 合计 is made; no technical words', async () => {
    const figures = periodOf(7, TWO_SIDES);
    const dated = { ...figures, sides: figures.sides.map((side) => ({ ...side, dataAsOf: '2026-12-07T07:47:00Z' })), jointDataAsOf: '2026-12-07T07:50:00Z', readAt: new Date('2026-12-07T07:54:00Z') };
    const docx = await briefingDocx({ title: '遂潼川渝毗邻地区一体化发展 党建联建工作简报', issue: 1, office: '遂潼联合办公室', issuedOn: '2026-12-07', figures: dated, comparisons: [], sections: [], charts: [], gatewayUrl: '' });
    const text = textOf(zipMember(docx, 'word/document.xml'));
    expect(text).toContain(
      '本简报数据取自四川省、重庆市组织部门“邻聚党建”台账（四川省数据截至2026年12月7日 15:47，重庆市数据截至2026年12月7日 15:47），联盟与框架协议取自遂潼联合办公室登记（数据截至2026年12月7日 15:50）。数据截至时间为各台账最后更新的时间，与联合看板一致；数据于北京时间2026年12月7日 15:54读取。合计为两地相加，户均增收为两地按受益农户加权平均。',
    );
    // It read: 四川省部分来自四川省组织部门的库…，联合办公室只持有对各方记录的引用…合计由各方部分相加（比率按权重重新计算）.
    for (const words of ['的库', '引用', '按权重', '网关', '重新计算', '部分相加']) expect(text).not.toContain(words);
  });
});
