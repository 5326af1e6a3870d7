import { createRequire } from 'node:module';
import { AlignmentType, BorderStyle, Document, Footer, ImageRun, Packer, PageNumber, Paragraph, Tab, Table, TableCell, TableRow, TabStopType, TextRun, WidthType, type IRunOptions } from 'docx';
import { briefingFigureNames, definitionText, FIGURE_NAMES, FIGURES, figureRowLabel, JOINT_HOME, weightOf, type FigureName } from '@linju/contract';
import { OVERLAPS_YEAR_BEFORE } from '@linju/contract/yearBefore';
import type { BriefingChart } from './briefingCharts.ts';
import { chineseDate, describeBriefingPeriod, overlapsYearBefore, shortBriefingPeriod } from './briefingPeriod.ts';
import { hasRecords, introSentence, printedUnit, sideShortName, subjectLines, type BriefingSection, type Comparison } from './briefingText.ts';
import type { PeriodFigures } from './readBriefingFigures.ts';
import { textWidth } from '../export/printLayout.ts';

/** What a briefing document holds, its wording already written. */
export interface BriefingContent {
  /** The red header, one line per space-separated part; the last line is the largest. */
  readonly title: string;
  readonly issue: number;
  readonly office: string;
  /** ISO date of issue. */
  readonly issuedOn: string;
  readonly figures: PeriodFigures;
  readonly comparisons: readonly Comparison[];
  /** The periods read to compare with and left out for having no record (`uncomparedPeriods`), said in the note of provenance. */
  readonly uncompared?: readonly { readonly name: string; readonly period: PeriodFigures['period'] }[];
  readonly sections: readonly BriefingSection[];
  readonly charts: readonly BriefingChart[];
  /** Where the figures were read, for the note of provenance. */
  readonly gatewayUrl: string;
}

// The fonts of official documents (GB/T 9704) by their Chinese names, which Word and LibreOffice
// map to the fonts installed; LibreOffice falls back to a CJK font it has (WenQuanYi in CI).
const FONT = { title: '宋体', heading: '黑体', body: '仿宋', table: '宋体' } as const;
const RED = 'C00000';
/** A4 with the margins of GB/T 9704 (37/35/28/26 mm), in twips; the text is 156 mm wide. */
const MM = 56.7;
const TEXT_WIDTH = Math.round(156 * MM);
const TEXT_PIXELS = 590;
const pt = (points: number) => points * 2;

const run = (text: string, font: string, size: number, options: Omit<IRunOptions, 'text' | 'font' | 'size'> = {}) =>
  new TextRun({ text, font: { eastAsia: font, ascii: font, hAnsi: font }, size: pt(size), ...options });

/**
 * A paragraph of the text; `lead`, a part's heading (一是创新组织设置。), run in before it in bold, as
 * the seed reports write theirs. Set flush left, not justified: a line may not end inside a number
 * with its sign and bracket (100%）、, （2021), so a justified line before one was stretched letter by
 * letter by up to four characters' width (少 177 次 （ 下 降 100% ） 、 解 决 …), in LibreOffice as in
 * Word, which spread CJK text between every character; flush left the line ends short instead.
 */
const body = (text: string, lead?: string) =>
  new Paragraph({
    indent: { firstLine: pt(16) * 20 },
    spacing: { line: 560, lineRule: 'exact' },
    alignment: AlignmentType.LEFT,
    children: [...(lead ? [run(lead, FONT.body, 16, { bold: true })] : []), run(text, FONT.body, 16)],
  });

/** A heading never ends a page: kept whole (keepLines) and on the page of what it heads (keepNext), the 附表's first rows included. */
const heading = (text: string) =>
  new Paragraph({ indent: { firstLine: pt(16) * 20 }, spacing: { before: 120, line: 560, lineRule: 'exact' }, keepNext: true, keepLines: true, children: [run(text, FONT.heading, 16)] });

const rule = (position: 'top' | 'bottom') => ({ [position]: { style: BorderStyle.THICK_THIN_SMALL_GAP, size: 24, color: RED, space: 6 } });

function header(content: BriefingContent): Paragraph[] {
  const lines = content.title.split(/\s+/).filter(Boolean);
  return [
    ...lines.map((line, i) =>
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { after: i === lines.length - 1 ? 240 : 60 },
        children: [run(line, FONT.title, i === lines.length - 1 ? 36 : 22, { color: RED, bold: true })],
      }),
    ),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [run(`第${content.issue}期`, FONT.body, 16)] }),
    new Paragraph({
      tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH }],
      border: rule('bottom'),
      spacing: { after: 480 },
      children: [run(content.office, FONT.body, 16), new TextRun({ children: [new Tab()] }), run(chineseDate(content.issuedOn), FONT.body, 16)],
    }),
  ];
}

/** A cell of the 附表: one line, or the lines given (a comparison's heading, broken where {@link headingLines} breaks it). */
const cell = (text: string | readonly string[], align: (typeof AlignmentType)[keyof typeof AlignmentType] = AlignmentType.CENTER, bold = false, size = 10.5, keepNext = false) =>
  new TableCell({ children: [new Paragraph({ alignment: align, keepNext, children: (typeof text === 'string' ? [text] : text).map((line, i) => run(line, FONT.table, size, { bold, ...(i > 0 && { break: 1 }) })) })] });

/** A cell's left and right margins as Word lays them by default (0.19 cm each), and a little for bold type, in twips. */
const CELL_PADDING = 2 * 115 + 40;

/** A cell's text: one piece, or the pieces a line of it may end between (a comparison's heading: {@link comparisonHeading}). */
export type CellText = string | readonly string[];
const piecesOf = (text: CellText): readonly string[] => (typeof text === 'string' ? [text] : text);

/**
 * A text's width in half-width characters as printed, with room to spare: a digit of the Latin font
 * a Chinese font name falls back to may be wider than half a CJK character (DejaVu Sans's, which
 * LibreOffice draws for 宋体 without SimSun, is 0.64 of it: 1650 wrapped to 165 / 0 in a column
 * measured at 0.5), and Word and LibreOffice put about a quarter of a CJK character between a digit
 * and a CJK character (2026 年 11 月), which a heading that mixes them must leave room for.
 */
const printedWidth = (text: string) => {
  const latin = [...text].filter((character) => textWidth(character) === 1).length;
  return textWidth(text) + 0.3 * latin + 0.5 * (text.match(/\d(?=[^\x00-\xff])|[^\x00-\xff](?=\d)/gu)?.length ?? 0);
};

/** Twips the widest of `texts` takes in a cell of an s-point font, its margins included: a half-width character is s × 10 twips. */
const need = (texts: readonly string[], size: number) => Math.max(0, ...texts.map(printedWidth)) * size * 10 + CELL_PADDING;

/**
 * A comparison column's heading: its name and the period it is (上期（2021年上半年）, 上年同期（2025年12月）,
 * 上期（2026年11月24日至30日） for one named by its days: {@link shortBriefingPeriod}), in the pieces a line of it may end between: after a 年 and before a 至, never inside a
 * number or a word. The table alone then says what each column holds, not only the note of provenance.
 */
export function comparisonHeading(name: string, period: string): string[] {
  const parts = period.split(/(?<=年)(?!$)|(?=至)/);
  parts[0] = `（${parts[0]}`;
  parts[parts.length - 1] = `${parts.at(-1)}）`;
  return [name, ...parts];
}

/**
 * A heading's lines in a column `width` twips wide: all on one line when it fits (上期（2026年11月）),
 * else its name alone and the period's pieces after it, as many on a line as fit (上年同期 /
 * （2025年12月）, or 上期 / （2026年 / 11月） in a narrow column).
 */
export function headingLines(text: CellText, size: number, width: number): string[] {
  const [name = '', ...period] = piecesOf(text);
  if (need([[name, ...period].join('')], size) <= width) return [[name, ...period].join('')];
  const lines = [name];
  for (const [i, piece] of period.entries()) {
    if (i > 0 && need([lines.at(-1)! + piece], size) <= width) lines[lines.length - 1] += piece;
    else lines.push(piece);
  }
  return lines;
}

/** A heading's period in two lines, split between its pieces where the longer line is shortest (（2020年10月 / 至2021年3月）). */
function inTwoLines(period: readonly string[]): string[] {
  if (period.length < 2) return [...period];
  const splits = period.slice(1).map((_, i) => [period.slice(0, i + 1).join(''), period.slice(i + 1).join('')]);
  return splits.reduce((best, split) => (Math.max(...split.map(printedWidth)) < Math.max(...best.map(printedWidth)) ? split : best));
}

/**
 * The 附表's type size and column widths (twips), so that no header or value wraps where it should
 * not: the label and unit columns as wide as their longest text, each value column as wide as its
 * own (a comparison's heading as wide as its period whole, 上期 / （2021年5月）, when all fit so, else
 * its period in two lines, else as the widest piece of it, {@link headingLines} breaking it between
 * them), in 五号 (10.5 pt) or, when the columns compared with make that too wide (上期 and 上年同期
 * beside more sides' columns), 小五 (9 pt); the longest labels on two lines before a heading is
 * broken further. The rest goes first to the headings broken further than they might be, then to
 * the value columns alike.
 */
export function figureTableLayout(cells: readonly (readonly CellText[])[], width = TEXT_WIDTH): { size: number; widths: number[] } {
  const columns = cells.map((texts) => texts.flatMap(piecesOf));
  const [labels = [], units = [], ...values] = columns;
  // A heading's lines at each level of room, for the value columns: its period whole on a line of
  // its own, in two lines (split where the longer is shortest), or a piece on each line.
  const headings = (lines: (period: readonly string[]) => string[]) => cells.slice(2).map((texts) => texts.flatMap((text) => (typeof text === 'string' ? [text] : [text[0]!, ...lines(text.slice(1))])));
  const levels = [headings((period) => [period.join('')]), headings(inTwoLines), values];
  // The label column as wide as its longest label, else as half of it and a character (the longest
  // labels, 户均增收（合计栏为加权平均）, on two lines), the first of these that leaves no heading in more
  // than three lines (its name and its period in two), else the first that fits at all.
  const labelNeeds = [(size: number) => need(labels, size), (size: number) => Math.ceil((need(labels, size) - CELL_PADDING) / 2 + 2 * size * 10 + CELL_PADDING)];
  const layouts = labelNeeds.flatMap((labelNeed) =>
    [10.5, 9].flatMap((size) =>
      levels.flatMap((valueTexts, level) => {
        const needed = [labelNeed(size), need(units, size), ...valueTexts.map((texts) => need(texts, size))];
        const spare = width - needed.reduce((sum, w) => sum + w, 0);
        if (spare < 0) return [];
        // What is left goes to the value columns alike; or first to the headings broken further than
        // the level above, towards its width (in proportion to what each lacks), then alike: shared
        // alike only, it left 上年同期 / （2020年 / 10月 / 至2021年 / 3月） five lines in a column as wide
        // as 四川's, whose values needed far less.
        const lacking = valueTexts.map((_, i) => (level > 0 ? Math.max(0, need(levels[level - 1]![i]!, size) - needed[i + 2]!) : 0));
        const lacked = lacking.reduce((sum, w) => sum + w, 0);
        const shares = [lacking.map(() => 0), lacking.map((w) => Math.floor(lacked > spare ? (w * spare) / lacked : w))];
        return shares.map((given) => {
          const rest = spare - given.reduce((sum, w) => sum + w, 0);
          return { size, widths: needed.map((w, i) => (i < 2 ? w : w + given[i - 2]! + Math.floor(rest / values.length))) };
        });
      }),
    ),
  );
  const headingLineCount = ({ size, widths }: { size: number; widths: number[] }) => Math.max(0, ...cells.slice(2).map((texts, i) => headingLines(texts[0] ?? '', size, widths[i + 2]!).length));
  const chosen = layouts.find((layout) => headingLineCount(layout) <= 3) ?? layouts[0];
  if (chosen) return chosen;
  // Still too wide: the values whole, the label column what is left (its text wraps).
  const value = Math.max(...values.map((texts) => need(texts, 9)));
  const unit = need(units, 9);
  return { size: 9, widths: [Math.max(width - unit - value * values.length, need(['指标'], 9)), unit, ...values.map(() => value)] };
}

/**
 * The note under the 附表: what its 新增 rows count, and its —. A — is mostly a ratio without its
 * weight (户均增收 of a period without 受益农户: no mean to take, each side having reported), which
 * “—”表示未上报 alone told the reader the sides had failed to report; it names those ratios from the
 * catalogue (`weightOf`).
 */
const RATIOS_UNDEFINED = FIGURE_NAMES.flatMap((name) => {
  const weight = weightOf(name);
  return weight ? [`无${FIGURES[weight].label}即无${FIGURES[name].label}`] : [];
});
export const TABLE_NOTE = `注：标“新增”的指标为各栏所示期间内新设立的数量，不含此前已设立的；其余指标为期间内发生的数量。“—”表示未上报或无从计算（${RATIOS_UNDEFINED.join('，')}），与0不同。`;

/** Every figure of the catalogue, in the text's order: each side, the total, and the periods compared with. */
function figureTable(content: BriefingContent): Table {
  const { figures, comparisons } = content;
  const joint = figures.sides.length > 1;
  const columns = [
    ...(joint ? figures.sides.map((s) => ({ title: sideShortName(s.name), values: s.figures })) : []),
    { title: joint ? '合计' : sideShortName(figures.sides[0]!.name), values: figures.total },
    // Each period compared with named in its heading (上期（2021年上半年）): the table is read alone.
    ...comparisons.map((c) => ({ title: comparisonHeading(c.name, shortBriefingPeriod(c.figures.period)) as CellText, values: c.figures.total })),
  ];
  // A row in one unit, the text's: 重大项目总投资 of 6821000万元 reads 682.1 under 亿元. Not reported is —, not 0.
  // The rows in the text's order (its sections and parts), every figure's, zero or not.
  const lines = briefingFigureNames().map((name) => {
    const values = columns.map((c) => c.values[name] ?? null);
    const printed = printedUnit(FIGURES[name].unit, Math.max(0, ...values.map((v) => Math.abs(v ?? 0))));
    // A ratio's 合计 is its weighted mean, and its label says so (户均增收（合计栏为加权平均）), as the dashboard's card does.
    return { label: figureRowLabel(name, joint), unit: printed.unit, shown: values.map((v) => (v === null ? '—' : printed.format(v))) };
  });
  const { size, widths } = figureTableLayout([
    ['指标', ...lines.map((l) => l.label)],
    ['单位', ...lines.map((l) => l.unit)],
    ...columns.map((c, i) => [c.title, ...lines.map((l) => l.shown[i]!)]),
  ]);
  const rows = [
    // The header row repeats on every page the table reaches (tableHeader), and is kept with the first
    // row of figures (keepNext on its paragraphs, as Word keeps rows together), so neither it nor the
    // 附表 heading above it is left alone at a page's foot.
    new TableRow({ tableHeader: true, cantSplit: true, children: ['指标', '单位', ...columns.map((c) => c.title)].map((title, i) => cell(headingLines(title, size, widths[i]!), AlignmentType.CENTER, true, size, true)) }),
    ...lines.map((line) => new TableRow({ cantSplit: true, children: [cell(line.label, AlignmentType.LEFT, false, size), cell(line.unit, AlignmentType.CENTER, false, size), ...line.shown.map((text) => cell(text, AlignmentType.RIGHT, false, size))] })),
  ];
  return new Table({ width: { size: TEXT_WIDTH, type: WidthType.DXA }, columnWidths: widths, rows });
}

function charts(content: BriefingContent): Paragraph[] {
  return content.charts.flatMap((chart, i) => [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      keepNext: true,
      spacing: { before: 240 },
      children: [new ImageRun({ type: 'png', data: chart.png, transformation: { width: TEXT_PIXELS, height: Math.round((chart.height * TEXT_PIXELS) / chart.width) }, altText: { name: chart.title, title: chart.title, description: chart.title } })],
    }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [run(`图${i + 1}　${chart.title}`, FONT.heading, 12)] }),
  ]);
}

/** A 口径 item's first line starts four characters in (of 10.5 pt, 210 twips each), its wrapped lines two more. */
const ITEM_INDENT = 4 * 210;
const ITEM_HANG = 2 * 210;

const readTime = (date: Date) =>
  new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false }).format(date);

/** 数据截至 of a store as the dashboard gives it: its last change (dataAsOf), in China's time; 数据截至时间未提供 when it does not say. */
const asOf = (dataAsOf: string | null | undefined) => {
  const at = dataAsOf ? new Date(dataAsOf) : undefined;
  return at && !Number.isNaN(at.getTime()) ? `数据截至${readTime(at)}` : '数据截至时间未提供';
};

/**
 * The note of provenance, in a briefing's words (本简报数据取自四川省、重庆市组织部门“邻聚党建”台账（四川省数据截至…）…
 * 合计为两地相加): each side's ledger and the joint office's registrations, each with its 截至 as the
 * dashboard gives it (when the store last changed, as it says of itself), when they were read, how
 * the 合计 is made, and the periods compared with; then, with the 附表, every figure's 统计口径 in its
 * order. It read as a technical note (组织部门的库, 联合办公室只持有对各方记录的引用, 比率按权重重新计算).
 * A period without any record has no 附表, nor the 口径 of the figures it does not show.
 */
function provenance(content: BriefingContent): Paragraph[] {
  const { figures, comparisons } = content;
  const joint = figures.sides.length > 1;
  const table = hasRecords(figures);
  // A period compared with 上期 alone says why it has no 上年同期 (or the other way round).
  const uncompared =
    (content.uncompared?.length ? `${content.uncompared.map((u) => `${u.name}（${describeBriefingPeriod(u.period)}）`).join('、')}无记录，不作比较。` : '') +
    // A period longer than a year: its 上年同期 would be mostly its own days.
    (overlapsYearBefore(figures.period) ? `${OVERLAPS_YEAR_BEFORE}。` : '');
  const ledgers = joint ? `${figures.sides.map((s) => s.name).join('、')}组织部门“邻聚党建”台账（${figures.sides.map((s) => `${s.name}${asOf(s.dataAsOf)}`).join('，')}）` : `${figures.sides[0]!.name}组织部门“邻聚党建”台账（${asOf(figures.sides[0]!.dataAsOf)}）`;
  // A ratio's 合计 is no sum: said as the dashboard says it (户均增收为两地按受益农户加权平均).
  const means = FIGURE_NAMES.flatMap((name) => {
    const weight = weightOf(name);
    return weight ? [`${FIGURES[name].label}为两地按${FIGURES[weight].label}加权平均`] : [];
  });
  return [
    heading(table ? '数据来源与统计口径' : '数据来源'),
    body(
      `本简报数据取自${ledgers}，联盟与框架协议取自${JOINT_HOME.name}登记（${asOf(figures.jointDataAsOf)}）。数据截至时间为各台账最后更新的时间，与联合看板一致；数据于北京时间${readTime(figures.readAt)}读取。` +
        // How the 合计 is made, where there is one: a period without any record has none to explain.
        (joint && table ? `合计为两地相加${means.length ? `，${means.join('、')}` : ''}。` : '') +
        // A reader would otherwise take the last day's figures for the whole day's.
        (figures.period.inProgress ? `本期截至${chineseDate(figures.period.to)}，当日尚未结束，读取之后录入的记录不在本简报中。` : '') +
        (comparisons.length
          ? `比较期：${comparisons.map((c) => `${c.name}为${describeBriefingPeriod(c.figures.period)}`).join('，')}。${uncompared}`
          : table
            ? overlapsYearBefore(figures.period) ? uncompared : '上期及上年同期均无记录，本期不作比较。'
            : '本期无记录，不与上期及上年同期作比较。'),
    ),
    // Each 口径 an item of a list: a hanging indent, so a wrapped line starts under the item's text, not at the margin.
    ...(table ? briefingFigureNames().map((name) => new Paragraph({ indent: { left: ITEM_INDENT + ITEM_HANG, hanging: ITEM_HANG }, children: [run(`${figureRowLabel(name, false)}：${definitionText(name)}。`, FONT.table, 10.5)] })) : []),
  ];
}

/** 4号 (14 pt): the page number's size (GB/T 9704-2012, 7.5); one 字 of it is 14 pt, 280 twips. */
const PAGE_NUMBER_SIZE = 14;
/**
 * How far the footer stands above the page's foot, in twips: the page number's 一字线 7 mm under the
 * text's lower edge (35 mm up), as GB/T 9704 puts it; 2.8 mm is how far above the footer's foot the
 * middle of a 14 pt line is, as LibreOffice lays it out (the test measures the 7 mm on its PDF).
 */
const PAGE_NUMBER_FOOTER = Math.round((35 - 7 - 2.8) * MM);

/**
 * The page number as GB/T 9704-2012 (7.5) sets it: — 1 —, 4号 半角宋体 digits between two 一字线, an odd
 * page's at the right and an even page's at the left, each one 字 in from the text's edge (the
 * document sets evenAndOddHeaderAndFooters). It was a centred number: a bound document's numbers
 * stand at the outer edge.
 */
const pageNumber = (page: 'odd' | 'even') =>
  new Footer({
    children: [
      new Paragraph({
        alignment: page === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: page === 'odd' ? { right: PAGE_NUMBER_SIZE * 20 } : { left: PAGE_NUMBER_SIZE * 20 },
        children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: { eastAsia: FONT.title, ascii: FONT.title, hAnsi: FONT.title }, size: pt(PAGE_NUMBER_SIZE) })],
      }),
    ],
  });

/**
 * The zip library docx packs with (its own dependency, not the ledger's: ledger/package.json names docx alone).
 * Only what {@link numberDrawingsApart} uses of it.
 */
const JSZip = createRequire(createRequire(import.meta.url).resolve('docx'))('jszip') as {
  loadAsync(data: Buffer): Promise<{
    files: Record<string, { dir: boolean }>;
    file(name: string): { async(type: 'string'): Promise<string> } | null;
    file(name: string, data: string): unknown;
    generateAsync(options: { type: 'nodebuffer'; mimeType: string; compression: 'DEFLATE' }): Promise<Buffer>;
  }>;
};

/** A drawing's non-visual properties and its id, as docx writes them: `<wp:docPr id="1" name="…"`. */
const DRAWING_ID = /(<wp:docPr\s(?:[^>]*?\s)?id=")\d+(")/g;

/**
 * A packed document with every drawing's `wp:docPr` id unique across its parts (the body, headers and
 * footers), numbered 1, 2, … in the order of its parts and, within each, of the drawings. docx 9.5.1
 * gives every drawing id 1 (each `DocProperties` starts a counter of its own: dolanmiu/docx#2719), and
 * Word may report a document whose drawings share an id as having unreadable content. docx 9.6 takes an
 * id in an image's altText but still numbers none apart by itself (as of 9.6.1); renumbering the packed
 * XML holds whatever parts and drawings the document has, with the docx installed.
 */
export async function numberDrawingsApart(docx: Buffer): Promise<Buffer> {
  const zip = await JSZip.loadAsync(docx);
  let next = 0;
  const parts = Object.keys(zip.files).filter((name) => /^word\/[^/]+\.xml$/.test(name));
  // The body first, so its charts are 1, 2, 3 as 图1, 图2, 图3.
  parts.sort((a, b) => Number(b === 'word/document.xml') - Number(a === 'word/document.xml') || a.localeCompare(b));
  for (const name of parts) {
    const xml = await zip.file(name)!.async('string');
    if (xml.includes('<wp:docPr')) zip.file(name, xml.replace(DRAWING_ID, (_, before: string, after: string) => `${before}${++next}${after}`));
  }
  return zip.generateAsync({ type: 'nodebuffer', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', compression: 'DEFLATE' });
}

/** The briefing as a Word document (docx): red header, sections, charts, the table of figures, provenance. */
export async function briefingDocx(content: BriefingContent): Promise<Buffer> {
  const { figures } = content;
  const periodText = describeBriefingPeriod(figures.period);
  const scope = figures.sides.length > 1 ? '遂潼毗邻地区' : figures.sides[0]!.name;
  const document = new Document({
    // Odd and even pages' page numbers stand on either side (pageNumber).
    evenAndOddHeaderAndFooters: true,
    creator: content.office,
    // Word's 文件 › 信息 names who last changed it: the office, not the library's “Un-named”.
    lastModifiedBy: content.office,
    title: `${content.title.replace(/\s+/g, '')}（第${content.issue}期）`,
    description: `${periodText}${scope}“邻聚党建”工作情况`,
    styles: { default: { document: { run: { font: { eastAsia: FONT.body, ascii: FONT.body, hAnsi: FONT.body }, size: pt(16) } } } },
    sections: [
      {
        properties: { page: { size: { width: Math.round(210 * MM), height: Math.round(297 * MM) }, margin: { top: Math.round(37 * MM), bottom: Math.round(35 * MM), left: Math.round(28 * MM), right: Math.round(26 * MM), footer: PAGE_NUMBER_FOOTER } } },
        footers: { default: pageNumber('odd'), even: pageNumber('even') },
        children: [
          ...header(content),
          // The subject in lines broken where its sense breaks (subjectLines), not wherever the line ends.
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 360 },
            children: subjectLines(periodText, scope).map((line, i) => run(line, FONT.title, 22, { bold: true, ...(i > 0 && { break: 1 }) })),
          }),
          body(introSentence(figures)),
          // A section's heading, then a paragraph per part: its heading run in, its sentences after it.
          ...content.sections.flatMap((section) => [heading(section.heading), ...section.parts.map((part) => body(part.sentences.join(''), `${part.heading}。`))]),
          ...(content.charts.length ? [heading('附图'), ...charts(content)] : []),
          // The period in the table's heading, as each column compared with names its own. A period
          // without any record has none: its opening says so (a table of 0s said nothing more).
          ...(hasRecords(figures)
            ? [
                heading(`附表　主要指标（${shortBriefingPeriod(figures.period)}）`),
                figureTable(content),
                // What its 新增 rows count (the text says 新增 of them too), and its —.
                new Paragraph({ spacing: { before: 60 }, keepLines: true, children: [run(TABLE_NOTE, FONT.table, 10.5)] }),
              ]
            : []),
          ...provenance(content),
          new Paragraph({
            spacing: { before: 480 },
            tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH }],
            border: { ...rule('top'), ...rule('bottom') },
            children: [run(content.office, FONT.body, 14), new TextRun({ children: [new Tab()] }), run(`${chineseDate(content.issuedOn)}印发`, FONT.body, 14)],
          }),
        ],
      },
    ],
  });
  // Each chart's drawing an id of its own: docx gives them all 1 (numberDrawingsApart).
  return numberDrawingsApart(await Packer.toBuffer(document));
}
