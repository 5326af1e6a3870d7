import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import ExcelJS from 'exceljs';
import './chineseBuiltInFormats.ts';
import { LedgerError } from './LedgerError.ts';
import { halfWidth, ID_CARD_NUMBER_SHAPE, storedIdCardNumber, storedPhone } from '@linju/contract';
import { isTextLedger, unsupportedLedgerFile, WORKBOOK_EXTENSION } from '@linju/contract/importOptionWords';
import { csvFileText, csvRows as contractCsvRows } from '@linju/contract/csvText';
import { LEDGER_KINDS, type CellType, type LedgerColumn, type LedgerKind } from './kinds/index.ts';
import { mayBeAbsent } from './kinds/mayBeAbsent.ts';
import { vocabularyValue } from './kinds/vocabularyValue.ts';
import { checkWorkbook, notAWorkbook } from './workbookPackage.ts';
import { plainValue, readCell, type FormattedDate } from './readCell.ts';
import { REPORT_COLUMNS } from './reportColumns.ts';
import { kindOption, optionFor, templateOption, type Reader } from './importOptions.ts';
import { INSTRUCTION_COLUMNS, instructionLength } from './ledgerTemplate.ts';
import { REMARK_HEADERS } from './remarkHeaders.ts';
import { HIDDEN_COLUMN, hiddenColumnsOf } from './hiddenColumns.ts';
import { columnLetters } from './export/printLayout.ts';
import { linesText } from './monthDayDates.ts';

/** A ledger's data rows as read, before any cell is interpreted. */
export interface LedgerTable {
  /** The headers in the file's order (trimmed). */
  headers: string[];
  rows: LedgerRow[];
  /** The filled rows read as no record (a title above the header, a totals row, a row of only its 序号), to be told to the clerk. */
  passedOver: PassedOverRows[];
  /** The kind's optional columns the file does not have ({@link mayBeAbsent}): every row read as if they were blank, and told once. */
  absent: string[];
  /** The file's remarks columns ({@link REMARK_HEADERS}) as headed: read as nothing, and told once ({@link remarkColumnsSentence}). */
  remarks: string[];
}

/** Whether a header as typed is a remarks column's ({@link REMARK_HEADERS}). */
const isRemarkHeader = (typed: string) => (REMARK_HEADERS as readonly string[]).includes(withoutNote(headerForm(typed)));

/** 本文件的“备注”列不导入 (nothing when the file has none): said once for a file. */
export const remarkColumnsSentence = (remarks: readonly string[]): string => (remarks.length ? `本文件的${remarks.map((h) => `“${h}”`).join('、')}列不导入` : '');

/** Rows passed over of one kind, one after the other (no data row between): a title of two lines is one entry. */
export interface PassedOverRows {
  line: number;
  /** The last of them (the same as `line` for one row). */
  lastLine: number;
  /** How many filled rows (a blank row between two is not one). */
  count: number;
  /** What they are, said after 第 N 行: 为表头上方的标题, 为合计行, 只填了序号, 为隐藏行. */
  what: string;
}

/**
 * What a row below the header hidden in Excel or WPS (hidden by hand, filtered out by an autofilter, folded in an outline) is said
 * to be: never imported, since the clerk sees no such row (hidden sheets are never read either).
 */
export const HIDDEN_ROWS = '为隐藏行';

/**
 * 第 37 行为合计行，未导入 (第 1–2 行为表头上方的标题，未导入): a clerk is told of every filled row the import read as no record;
 * hidden rows with what to do to import them (第 2 行为隐藏行，未导入（如需导入，请先取消隐藏或清除筛选后再导入）).
 */
export const passedOverSentence = (rows: PassedOverRows): string =>
  `第 ${linesOf(rows)} 行${rows.what}，未导入${rows.what === HIDDEN_ROWS ? `（${UNHIDE}后再导入）` : ''}`;

/** The lines of rows passed over one after the other: 37, or 1–2. */
const linesOf = ({ line, lastLine }: Pick<PassedOverRows, 'line' | 'lastLine'>): string => (line === lastLine ? `${line}` : `${line}–${lastLine}`);

/** What a clerk does to import hidden rows. */
const UNHIDE = '如需导入，请先取消隐藏或清除筛选';

/** A table's hidden rows, said when they are why it has no data row: （第 2–5 行为隐藏行，隐藏的行不导入；…）. */
const hiddenRowsNote = (table: LedgerTable | undefined): string => {
  const hidden = table?.passedOver.filter((p) => p.what === HIDDEN_ROWS) ?? [];
  if (!hidden.length) return '';
  return `（第 ${hidden.map(linesOf).join('、')} 行为隐藏行，隐藏的行不导入；${UNHIDE}）`;
};

export interface LedgerRow {
  /** The row's number as the clerk sees it (the header is row 1). */
  line: number;
  /** The cells by header, as exceljs reads them (or the CSV's text). */
  cells: Record<string, unknown>;
}

/** Larger than a district's year of any kind many times over; beyond it the file is refused unread. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

/** A filled ledger: a file's path, or an upload's bytes with the name it came with (its extension says what it is). */
export type LedgerSource = string | { name: string; bytes: Uint8Array };

/** The source's name as the clerk knows it (the path, or the upload's file name). */
export const sourceName = (source: LedgerSource) => (typeof source === 'string' ? source : source.name);

/** Reads a filled ledger of a kind (.xlsx, or a text ledger: .csv, .tsv, .txt), refusing a file that is not one as a whole. */
export async function readLedgerFile(source: LedgerSource, kind: LedgerKind, reader: Reader = 'command'): Promise<LedgerTable> {
  const size = typeof source === 'string'
    ? (await stat(source).catch(() => {
      throw new LedgerError(`找不到文件：${source}`);
    })).size
    : source.bytes.byteLength;
  if (size === 0) throw new LedgerError('文件是空的，没有可导入的内容。');
  if (size > MAX_FILE_BYTES) throw new LedgerError(`文件过大（${(size / 1024 / 1024).toFixed(1)} MB，上限 ${MAX_FILE_BYTES / 1024 / 1024} MB），未导入任何内容。`);
  const bytes = typeof source === 'string' ? await readFile(source) : Buffer.from(source.bytes.buffer, source.bytes.byteOffset, source.bytes.byteLength);
  const ext = extname(sourceName(source)).toLowerCase();
  if (isTextLedger(ext)) return readCsv(bytes, kind, reader);
  if (ext === WORKBOOK_EXTENSION) return readWorkbook(bytes, kind, reader);
  throw new LedgerError(unsupportedLedgerFile(ext, '使用'));
}

/** What a CSV that cannot be read is to be saved as, said wherever it is refused for how it was saved. */
export const SAVE_AS_CSV = '请在 Excel 或 WPS 中把它另存为“CSV UTF-8（逗号分隔）(*.csv)”或 Excel 工作簿（.xlsx）后再导入';

/**
 * A CSV's rows: decoded ({@link decodeText}), split at the separator its first lines use ({@link separatorOf}), each cell
 * without invisible format characters ({@link withoutInvisible}). A file in which no separator is found is refused, if its
 * header does not fit, with what to save it as: it was refused as one unknown column (“类别|名称|…”) that never said why.
 */
function readCsv(bytes: Uint8Array, kind: LedgerKind, reader: Reader): LedgerTable {
  const text = decodeText(bytes);
  const separator = separatorOf(text);
  const rows = csvRows(text, separator ?? ',').map((cells, i) => ({ line: i + 1, cells: cells.map(withoutInvisible) }));
  let table: LedgerTable;
  try {
    table = tableOf(rows, kind, reader);
  } catch (error) {
    if (separator || !(error instanceof LedgerError)) throw error;
    throw new LedgerError(`${error.message}（文件中没有找到逗号或制表符分隔的列，无法分列读取：${SAVE_AS_CSV}。）`, error.kind);
  }
  if (!table.rows.length) throw new LedgerError(`${kind.label}台账中只有表头，没有数据行，未导入任何内容。`);
  return table;
}

/**
 * The text of a CSV in the encodings Excel and WPS save one in ({@link csvFileText}: UTF-16 with its byte order mark,
 * UTF-8, GBK as Excel on a Chinese Windows saves a CSV). What is none of them is refused saying what to save it as.
 */
export function decodeText(bytes: Uint8Array): string {
  const decoded = csvFileText(bytes);
  if ('text' in decoded) return decoded.text;
  if (decoded.refused === 'encoding') throw new LedgerError(`CSV 文件既不是 UTF-8 也不是 GBK（或带 BOM 的 UTF-16）编码的文本，未导入任何内容。${SAVE_AS_CSV}。`);
  throw new LedgerError(`CSV 文件含有控制字符，不是台账文本，未导入任何内容。${SAVE_AS_CSV}。`);
}

/** The separators a ledger saved as text may use: a comma (CSV), a tab (Excel's and WPS's 文本文件, Unicode 文本), a semicolon (a CSV saved where the comma is the decimal mark). */
export const CSV_SEPARATORS = [',', '\t', ';'] as const;
export type CsvSeparator = (typeof CSV_SEPARATORS)[number];

/** How many filled lines at the top a separator is told from: the header is among them ({@link MOST_ROWS_ABOVE_HEADER}). */
const SEPARATOR_LINES = 6;

/**
 * The separator of a text ledger: of {@link CSV_SEPARATORS}, the one found most often outside quotes in its first filled lines
 * (the header's, and a title's above it, 遂宁市…台账,,,,), a comma when as often as another; undefined when none is found.
 */
export function separatorOf(text: string): CsvSeparator | undefined {
  const counts = new Map<string, number>(CSV_SEPARATORS.map((s) => [s, 0]));
  let quoted = false;
  let lines = 0;
  let filled = false;
  for (let i = 0; i < text.length && lines < SEPARATOR_LINES; i++) {
    const c = text[i]!;
    if (c === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (c === '\n' || c === '\r') {
      if (filled) lines++;
      filled = false;
    } else {
      filled = true;
      if (counts.has(c)) counts.set(c, counts.get(c)! + 1);
    }
  }
  const [best] = [...counts].sort((a, b) => b[1] - a[1]);
  return best && best[1] > 0 ? (best[0] as CsvSeparator) : undefined;
}

/** RFC 4180 rows ({@link contractCsvRows}); a quote left open is refused in a clerk's words. */
export function csvRows(text: string, separator: CsvSeparator = ','): string[][] {
  try {
    return contractCsvRows(text, separator, UNCLOSED_QUOTE);
  } catch (error) {
    if (error instanceof Error && error.message === UNCLOSED_QUOTE) throw new LedgerError(UNCLOSED_QUOTE);
    throw error;
  }
}

const UNCLOSED_QUOTE = 'CSV 文件格式错误：有未闭合的引号，未导入任何内容。';

/**
 * Zero-width and other invisible format characters (zero-width space, non-joiner and joiner, word joiner, a BOM inside the
 * text) that a name copied from a web page or a chat carries: 磨溪镇\u200b党委 looks like 磨溪镇党委 and matched nothing.
 */
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff]/g;

/** A cell as read without {@link INVISIBLE} characters: a text, rich text's runs, a hyperlink's text, a formula's saved result. */
export function withoutInvisible<T>(value: T): T {
  if (typeof value === 'string') return value.replace(INVISIBLE, '') as T;
  if (!value || typeof value !== 'object' || value instanceof Date) return value;
  const cell = value as Record<string, unknown>;
  if (Array.isArray(cell.richText)) return { ...cell, richText: cell.richText.map((run: { text?: unknown }) => ({ ...run, text: withoutInvisible(run.text) })) } as T;
  if (typeof cell.text === 'string') return { ...cell, text: withoutInvisible(cell.text) } as T;
  if ('result' in cell && typeof cell.result === 'string') return { ...cell, result: withoutInvisible(cell.result) } as T;
  return value;
}

async function readWorkbook(bytes: Buffer, kind: LedgerKind, reader: Reader): Promise<LedgerTable> {
  checkWorkbook(bytes);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw notAWorkbook();
  }
  const visible = workbook.worksheets.filter((s) => s.state === 'visible');
  // A hidden sheet is never read, even one named as the kind: a clerk hides last period's 活动台账 and fills a new visible one.
  const named = visible.find((s) => s.name === kind.sheet);
  const hiddenNamed = named ? undefined : workbook.getWorksheet(kind.sheet);
  // A clerk's own workbook names its sheet as the clerk does (Sheet1, 上半年): a visible sheet whose header is the kind's is the ledger.
  // Read only when the named sheet is no answer: each is a walk over all its rows.
  const ownSheets = () => visible.filter((s) => s !== named).map((s) => ({ sheet: s, rows: rowsOf(s) })).filter(({ rows }) => namesEveryColumn(rows, kind));
  if (named) {
    const rows = rowsOf(named);
    const blank = !rows.some((r) => r.cells.some((v) => !isBlank(v)));
    const table = blank ? undefined : tableOf(rows, kind, reader, mergesOf(named));
    if (table?.rows.length) {
      // Another visible sheet read as the kind's ledger with rows (活动台账二, 下半年) is a ledger too: never left out without a word.
      // One that is not read as one (the template's 说明, whose lines name the columns) is none.
      const alsoFilled = filledSheets(ownSheets(), kind, reader).filter((r) => 'table' in r);
      if (!alsoFilled.length) return table;
      throw new LedgerError(`工作表“${kind.sheet}”有数据行，另有 ${alsoFilled.length} 个工作表（${alsoFilled.map((r) => `“${r.sheet}”`).join('、')}）也有${kind.label}台账的表头和数据行，不知道是只导入“${kind.sheet}”还是都要导入：${ONE_SHEET}。未导入任何内容。`);
    }
    // The template's sheet left with its header only, the rows pasted into another sheet with the kind's headers: that sheet is the ledger.
    const filled = filledSheets(ownSheets(), kind, reader);
    if (filled.length === 1) return tableOrRefusal(filled[0]!);
    const others = filled.length ? `另有 ${filled.length} 个工作表（${filled.map((r) => `“${r.sheet}”`).join('、')}）有${kind.label}台账的表头和数据行，不知道导入哪一个：请把要导入的行填在“${kind.sheet}”中，或每次只留一个。` : '';
    throw new LedgerError(`工作表“${kind.sheet}”${blank ? '是空的' : `中只有表头，没有数据行${hiddenRowsNote(table)}`}。${others}未导入任何内容。`);
  }
  const own = ownSheets();
  const hiddenNote = hiddenNamed ? `（工作表“${kind.sheet}”是隐藏的，隐藏的工作表不会读取）` : '';
  if (own.length === 1) return tableOrRefusal(readSheet(own[0]!.sheet, own[0]!.rows, kind, reader));
  if (own.length > 1) throw new LedgerError(`工作簿中有 ${own.length} 个工作表的表头都是${kind.label}台账的（${own.map(({ sheet }) => `“${sheet.name}”`).join('、')}），不知道导入哪一个${hiddenNote}：请只留下要导入的工作表${hiddenNamed ? '' : `，或把它命名为“${kind.sheet}”`}。未导入任何内容。`);
  if (hiddenNamed) throw new LedgerError(`工作表“${kind.sheet}”是隐藏的，隐藏的工作表不会读取；工作簿中也没有其他表头为${kind.label}台账各列的可见工作表。如要导入它，请在 Excel 或 WPS 中取消隐藏后再导入。未导入任何内容。`);
  // A clerk's own sheet of another kind (a 人员台账 in Sheet1, imported with the default --kind activities): said which kind it is.
  for (const sheet of visible) {
    const header = headerRow(rowsOf(sheet).filter((r) => r.cells.some((v) => !isBlank(v))));
    const refusal = header && (writtenByUs(header, kind, reader) ?? wrongKind(header, kind, reader));
    if (refusal) throw new LedgerError(`工作表“${sheet.name}”${refusal}`);
  }
  // No sheet names every column nor is another kind's: the one whose header names the most of the kind's columns, half of them at
  // least, is the ledger (11月 without 人次), refused saying what its header lacks as the same rows in a CSV are.
  const closest = closestSheet(visible, kind);
  if (closest) {
    const reading = readSheet(closest.sheet, closest.rows, kind, reader);
    if ('refusal' in reading && reading.refusal.message.startsWith('第 ')) throw new LedgerError(`工作表“${reading.sheet}”${reading.refusal.message}`, reading.refusal.kind);
    return tableOrRefusal(reading);
  }
  const names = workbook.worksheets.map((s) => `“${s.name}”`).join('、') || '（无）';
  const other = Object.values(LEDGER_KINDS).find((k) => workbook.getWorksheet(k.sheet));
  throw new LedgerError(`工作簿中没有名为“${kind.sheet}”的工作表（现有：${names}），也没有表头为${kind.label}台账各列的工作表。${other ? `这是${other.label}台账（工作表“${other.sheet}”），请${otherKind(other, reader)}` : `请使用 ${kind.label}台账模板，或把台账所在工作表的表头改为：${kind.columns.map((c) => c.header).join('、')}。`}`);
}

/**
 * Of the visible sheets, the one whose header row ({@link headerRow}) names the most of the kind's columns, when it names two or more and
 * at least half of them and no other sheet names as many; undefined otherwise (a sheet of 活动 and 日期 is none: the workbook is refused
 * naming its sheets and the kind's headers). Looked for only when no sheet names every column ({@link namesEveryColumn}).
 */
function closestSheet(sheets: readonly ExcelJS.Worksheet[], kind: LedgerKind): { sheet: ExcelJS.Worksheet; rows: SheetRow[] } | undefined {
  const named = sheets.map((sheet) => {
    const rows = rowsOf(sheet);
    const header = headerRow(rows.filter((r) => r.cells.some((v) => !isBlank(v))));
    return { sheet, rows, named: header ? namedColumns(header, kind) : 0 };
  });
  const [best, second] = named.filter((n) => n.named >= 2 && n.named * 2 >= kind.columns.length).sort((a, b) => b.named - a.named);
  return best && best.named !== second?.named ? best : undefined;
}

/** What a clerk does with a workbook of several sheets of the kind's rows: one sheet, or one file each. */
const ONE_SHEET = '请把要导入的行合并到一个工作表中，或把每个工作表另存为单独的文件分别导入';

/** The sheets with the kind's headers that hold rows (or are refused for what they hold), each read as the kind's ledger. */
function filledSheets(sheets: readonly { sheet: ExcelJS.Worksheet; rows: SheetRow[] }[], kind: LedgerKind, reader: Reader): SheetReading[] {
  return sheets.map(({ sheet, rows }) => readSheet(sheet, rows, kind, reader)).filter((r) => !('table' in r) || r.table.rows.length);
}

const mergesOf = (sheet: ExcelJS.Worksheet): Merges => ({ sheet: sheet.name, ranges: sheet.model.merges ?? [], hiddenColumns: hiddenColumnsOf(sheet) });

/** A sheet read as the kind's ledger: its table (perhaps without data rows), or why it is refused. */
type SheetReading = { sheet: string } & ({ table: LedgerTable } | { refusal: LedgerError });

function readSheet(sheet: ExcelJS.Worksheet, rows: SheetRow[], kind: LedgerKind, reader: Reader): SheetReading {
  try {
    return { sheet: sheet.name, table: tableOf(rows, kind, reader, mergesOf(sheet)) };
  } catch (e) {
    if (e instanceof LedgerError) return { sheet: sheet.name, refusal: e };
    throw e;
  }
}

function tableOrRefusal(reading: SheetReading): LedgerTable {
  if ('refusal' in reading) throw reading.refusal;
  if (!reading.table.rows.length) throw new LedgerError(`工作表“${reading.sheet}”中只有表头，没有数据行${hiddenRowsNote(reading.table)}，未导入任何内容。`);
  return reading.table;
}

/** A sheet's rows with anything in them, each cell as read (a formula with its saved result), and whether the row is hidden. */
function rowsOf(sheet: ExcelJS.Worksheet): SheetRow[] {
  const rows: SheetRow[] = [];
  // exceljs counts the sheet's columns by walking every row: once, not once a row.
  const columns = sheet.columnCount;
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    const cells: unknown[] = [];
    for (let c = 1; c <= Math.max(row.cellCount, columns); c++) cells.push(withoutInvisible(cellValue(row.getCell(c))));
    rows.push({ line, cells, ...(row.hidden ? { hidden: true } : {}) });
  });
  return rows;
}

/** The last row of a range (A1:I1 → 1, B3:B5 → 5). */
const lastRowOf = (range: string) => Number(/(\d+)$/.exec(range)?.[1] ?? 0);

/**
 * A cell's value; a formula's with its saved result taken from the cell's model, since exceljs's
 * `value` leaves a falsy result out (a formula that computed 0 would look as if it had none). A date,
 * typed or a formula's result, comes with its number format ({@link FormattedDate}): 1985年3月 typed into
 * Excel is 1985-03-01 shown without its day, which only the format tells.
 */
function cellValue(cell: ExcelJS.Cell): unknown {
  const numFmt = typeof cell.numFmt === 'string' && cell.numFmt ? { numFmt: cell.numFmt } : {};
  if (cell.type !== ExcelJS.ValueType.Formula) return cell.value instanceof Date && 'numFmt' in numFmt ? { date: cell.value, ...numFmt } : cell.value;
  const result = (cell.model as { result?: unknown }).result;
  return { formula: cell.formula ?? '', result, ...(result instanceof Date ? numFmt : {}) };
}

const isBlank = (v: unknown) => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

/** A ledger of another kind than the one chosen (the command's --kind defaults to activities): which kind to import it as. */
const otherKind = (other: LedgerKind, reader: Reader) => `选择${optionFor(reader, kindOption(other))}再导入。未导入任何内容。`;

/**
 * Why a header row is refused when it is another kind's ledger than the chosen one's, or undefined when it is none's: compared with
 * every other kind's headers and aliases (姓名, 所在党支部, 身份证号 are a 人员台账's). The kind it is a whole header of (every cell one
 * of its columns or 序号, none missing but what may be absent) naming the most columns, said as such; else the kind naming the most of
 * its cells, at least two and more than the chosen kind, said as likely with what is still wrong for it. Two kinds naming as many are
 * neither (never guessed).
 */
function wrongKind(header: SheetRow, chosen: LedgerKind, reader: Reader): string | undefined {
  const named = (headers: readonly string[], kind: LedgerKind) => headers.filter((h) => kind.columns.some((c) => c.header === h)).length;
  const others = Object.values(LEDGER_KINDS).filter((k) => k !== chosen).map((kind) => {
    const headers = headersIn(header, kind);
    return { kind, problems: headerProblems(headers, kind), named: named(headers, kind) };
  });
  const best = (candidates: typeof others) => {
    const [first, second] = [...candidates].sort((a, b) => b.named - a.named);
    return first && first.named !== second?.named ? first : undefined;
  };
  const typed = header.cells.filter((v) => !isBlank(v) && headerOf(v, chosen) !== ROW_NUMBER_HEADER).map((v) => String(plainValue(v)).trim());
  const line = `第 ${header.line} 行的表头不是${chosen.label}台账的`;
  const whole = best(others.filter((o) => !o.problems.length));
  if (whole) return `${line}。这是${whole.kind.label}台账（表头：${typed.join('、')}），请${otherKind(whole.kind, reader)}`;
  const likely = best(others.filter((o) => o.named >= 2 && o.named > named(headersIn(header, chosen), chosen)));
  if (!likely) return undefined;
  return `${line}，看来是${likely.kind.label}台账（表头：${typed.join('、')}），但与${likely.kind.label}台账模板也不完全相符（${likely.problems.join('；')}）。如是${likely.kind.label}台账，请按其模板改正表头，并${otherKind(likely.kind, reader)}`;
}

/**
 * A header as typed, in the form headers are compared in: half-width (金额(万元) is 金额（万元）), without
 * any space or line break (举办\n日期), and without a leading * (*名称, how templates mark a required column).
 */
const headerForm = (value: unknown) => halfWidth(String(plainValue(value) ?? '')).replace(/\s+/g, '').replace(/^\*+/, '');

/** How the exports head a record's ID (its schema description's Chinese half): a file with it is an exported list, not a ledger. */
const EXPORTED_ID_HEADER = '全局 ID';

/**
 * Why a header row is no ledger at all but a file the import or an export wrote, imported as one: an import's (or a preview's)
 * report, corrected in place (three of its own columns or more: 行号, 状态, 出错列, 原因, 记录ID), or an exported list (its
 * 全局 ID); undefined for any other. Said as what it is and what to do, not only as unknown columns.
 */
function writtenByUs(header: SheetRow, kind: LedgerKind, reader: Reader): string | undefined {
  const forms = new Set(header.cells.map(headerForm));
  const line = `第 ${header.line} 行的表头`;
  const reportColumns = REPORT_COLUMNS.filter((h) => forms.has(headerForm(h)));
  if (reportColumns.length >= 3) {
    return `${line}有${reportColumns.map((h) => `“${h}”`).join('、')}列：这是导入结果工作簿（或预检结果），不是台账，不能再导入。请在原台账文件中改正出错的行后重新导入原台账文件（已导入的行不会重复写入）。未导入任何内容。`;
  }
  if (forms.has(headerForm(EXPORTED_ID_HEADER))) {
    // What is not the kind's is named: kept to the kind's columns, a list reads back as the rows it came from.
    const problems = headerProblems(headersIn(header, kind), kind);
    return `${line}有“${EXPORTED_ID_HEADER}”列：这是导出的名单，不是台账（${problems.join('；')}）；名单中的记录已在系统中，无需再导入。要登记新的记录，请下载${optionFor(reader, templateOption(kind))}填写后导入；如确要导入名单中的行，请只保留${kind.label}台账的列。未导入任何内容。`;
  }
  return undefined;
}

/** A column clerks number their rows in: kept in the file, read by nothing. */
const ROW_NUMBER_HEADER = '序号';

/** At most this many rows above the header: the ledger's title (遂宁市2021年上半年党建联建活动台账), its unit or date lines. */
const MOST_ROWS_ABOVE_HEADER = 5;

/** The forms a column's header is known by: its own and its aliases'. */
const formsOf = (column: LedgerColumn) => [column.header, ...(column.aliases ?? [])].map(headerForm);

/** A header as typed, without a note in brackets after it (名称（必填） → 名称), in {@link headerForm}. */
const withoutNote = (form: string) => form.replace(/\([^()]*\)$/, '');

/**
 * The kind's headers a typed header could each mean (队伍类型: 类型, 类别), from the kind's
 * `ambiguousHeaders`, compared as headers are (a note after it too); undefined for any other header.
 */
function ambiguityOf(typed: string, kind: LedgerKind): readonly string[] | undefined {
  const form = headerForm(typed);
  const entries = Object.entries(kind.ambiguousHeaders ?? {}).map(([header, columns]) => [headerForm(header), columns] as const);
  return (entries.find(([h]) => h === form) ?? entries.find(([h]) => h === withoutNote(form)))?.[1];
}

/**
 * The kind's header a cell names, as the kind's table writes it: compared in {@link headerForm}, with a
 * note in brackets after it left out when the header itself has none (名称（必填）, 举办日期(格式2021-03-05);
 * 金额（万元） is a header), by its own header or an alias (活动名称 is 名称). Anything else comes back as typed (trimmed), to be named as unknown.
 */
function headerOf(value: unknown, kind: LedgerKind): string {
  const form = headerForm(value);
  const noted = withoutNote(form);
  const column = kind.columns.find((c) => formsOf(c).includes(form)) ?? kind.columns.find((c) => formsOf(c).includes(noted));
  return column?.header ?? (form === ROW_NUMBER_HEADER ? ROW_NUMBER_HEADER : String(plainValue(value) ?? '').trim());
}

/**
 * The header row: of the first few rows with anything in them, the one naming the most columns of any
 * kind's ledger (so a title above it is passed over, a line such as 填报单位 … 日期 2021.7.1 with one
 * header-like cell loses to the header, and another kind's ledger is still told as such); the first
 * row with anything in it when none names any.
 */
function headerRow<R extends { cells: unknown[] }>(filled: readonly R[]): R | undefined {
  const known = new Set(Object.values(LEDGER_KINDS).flatMap((k) => [...k.columns.flatMap(formsOf), ...Object.keys(k.ambiguousHeaders ?? {}).map(headerForm)]));
  const naming = (r: R) => r.cells.filter((v) => known.has(headerForm(v)) || known.has(withoutNote(headerForm(v)))).length;
  const candidates = filled.slice(0, MOST_ROWS_ABOVE_HEADER + 1);
  const best = candidates.reduce<R | undefined>((found, r) => (naming(r) > (found ? naming(found) : 0) ? r : found), undefined);
  return best ?? filled[0];
}

/**
 * Whether the rows are the kind's ledger, whatever the sheet's name: its header row names every column
 * of the kind, or it has a two-level header (read, or refused saying so, as the kind's).
 */
function namesEveryColumn(rows: readonly SheetRow[], kind: LedgerKind): boolean {
  const filledRows = rows.filter((r) => r.cells.some((v) => !isBlank(v)));
  const header = headerRow(filledRows);
  if (!header) return false;
  const typed = headersIn(header, kind);
  // A header that could be either of two columns counts for both: the sheet is the kind's ledger, refused naming that header.
  const headers = new Set([...typed, ...typed.flatMap((h) => ambiguityOf(h, kind) ?? [])]);
  return kind.columns.every((c) => headers.has(c.header) || mayBeAbsent(c)) || twoLevelAround(filledRows, header, kind) !== undefined || wholeHeaderBelow(filledRows, header, kind) !== undefined;
}

/**
 * The first row below the header row found among the first rows ({@link headerRow}) that is wholly the kind's header (every
 * column named, nothing unknown or repeated), when that one is not: the template's 说明 (a line for each column, 类别 … 是 …
 * 从下拉列表中选择) pasted above the header, more lines than a title's, whose first lines were taken for the header (or two
 * of them for a two-row header) and the file refused naming a header the clerk never wrote. Those lines are then above the
 * header, passed over as a title is and said as what they likely are ({@link ABOVE_PASTED}), unless one of them is a record
 * ({@link recordsAbove}). Looked for only as far down as the 说明 and a title reach ({@link belowWithinReach}).
 */
function wholeHeaderBelow(filledRows: readonly SheetRow[], found: SheetRow, kind: LedgerKind): SheetRow | undefined {
  return belowWithinReach(filledRows, found, kind).find((r) => !headerProblems(headersIn(r, kind), kind).length);
}

/**
 * The filled rows below the header row found among the first rows, as far down as a header below pasted lines is looked for:
 * the template's whole 说明 ({@link instructionLength}) and a title's lines ({@link MOST_ROWS_ABOVE_HEADER}) above it. A header
 * further down has rows above it that are none of those (a month's records under an older header, two sheets merged into one),
 * and the file is refused naming its first header, as it was before the header was looked for below pasted lines: those rows
 * were passed over as 说明 and a month of records lost.
 */
const belowWithinReach = (filledRows: readonly SheetRow[], found: SheetRow, kind: LedgerKind): readonly SheetRow[] =>
  filledRows.slice(filledRows.indexOf(found) + 1, instructionLength(kind) + MOST_ROWS_ABOVE_HEADER + 1);

/** How many of the kind's columns a row names. */
const namedColumns = (row: SheetRow, kind: LedgerKind) => headersIn(row, kind).filter((h) => kind.columns.some((c) => c.header === h)).length;

/**
 * Of the rows below the header row found among the first rows (as far as {@link belowWithinReach}), the first naming the most of the kind's columns, when it names
 * more than that one and at least two ({@link wholeHeaderBelow} found none whole): the header a refusal names, not the line of
 * the 说明 pasted above it that was taken for the header.
 */
function headerNamingMore(filledRows: readonly SheetRow[], found: SheetRow, kind: LedgerKind): SheetRow | undefined {
  let best: { row: SheetRow; named: number } = { row: found, named: Math.max(namedColumns(found, kind), 1) };
  for (const row of belowWithinReach(filledRows, found, kind)) {
    const named = namedColumns(row, kind);
    if (named > best.named) best = { row, named };
  }
  return best.row === found ? undefined : best.row;
}

/** A row as read; `hidden` when Excel or WPS hides it (by hand, an autofilter, a folded outline): a CSV's never is. */
type SheetRow = { line: number; cells: unknown[]; hidden?: boolean };

/** The sheet's merged ranges (A1:I1) and its name, for an .xlsx (a CSV has none). */
interface Merges {
  sheet: string;
  ranges: readonly string[];
  /** The columns the sheet hides, counted from 1 ({@link hiddenColumnsOf}). */
  hiddenColumns?: readonly number[];
}

/** The header: its first and last rows (the same but for a two-level header) and a header for each column. */
interface Header {
  first: number;
  last: number;
  headers: string[];
  /** Found below more lines than a title's ({@link wholeHeaderBelow}): those lines are said as such ({@link ABOVE_PASTED}). */
  belowPasted?: boolean;
}

/** What the lines above a header found below pasted lines ({@link wholeHeaderBelow}) are said to be: 第 1–19 行为表头上方的填写说明或标题，未导入. */
export const ABOVE_PASTED = '为表头上方的填写说明或标题';

/**
 * What is wrong with a header for the kind: a header that could be either of several columns (first, since
 * it is why they are missing), the missing (but those that {@link mayBeAbsent}), unknown (each once) and
 * repeated headers. A count or an amount missing is said to be one, and why it is not read as blank.
 */
function headerProblems(headers: readonly string[], kind: LedgerKind, emptyAt: ReadonlySet<number> = new Set()): string[] {
  const expected = kind.columns.map((c) => c.header);
  const missingColumns = kind.columns.filter((c) => !headers.includes(c.header) && !mayBeAbsent(c));
  const missing = missingColumns.map((c) => c.header);
  const figures = missingColumns.filter((c) => !c.required && c.whenAbsent === undefined);
  const explained = missingColumns.filter((c) => c.whenAbsent !== undefined).map((c) => `“${c.header}”${c.whenAbsent}`);
  const why = [...(figures.length ? [figuresNote(figures)] : []), ...explained];
  const unclear = [...new Set(headers.filter((h) => !expected.includes(h) && ambiguityOf(h, kind)))];
  // A column without a header is none when nothing is in it (emptyAt: a column left between two, a hidden one read as nothing); else named by its letter.
  const unknown = [...new Set(headers.flatMap((h, i) => (emptyAt.has(i) && h === '') || expected.includes(h) || h === ROW_NUMBER_HEADER || unclear.includes(h) || isRemarkHeader(h) ? [] : [h || `第 ${columnLetters(i + 1)} 列的空表头`]))];
  const repeated = [...new Set(headers.filter((h, i) => h && headers.indexOf(h) !== i))];
  return [
    ...unclear.map((h) => `表头“${h}”可能是${ambiguityOf(h, kind)!.map((c) => `“${c}”`).join('，也可能是')}，无法确定是哪一列，请把表头改为其中之一`),
    missing.length && `缺少列：${missing.map((h) => `“${h}”`).join('、')}${why.length ? `（${why.join('；')}）` : ''}`,
    unknown.length && `无法识别的列：${unknown.map((h) => `“${h}”`).join('、')}`,
    repeated.length && `重复的列：${repeated.map((h) => `“${h}”`).join('、')}`,
  ].filter((part): part is string => !!part);
}

/**
 * Why a count or an amount may not be left out as 所属联盟ID may: its blank cell is the store's default, and a whole
 * column of defaults would change the figures.
 */
function figuresNote(figures: readonly LedgerColumn[]): string {
  const names = figures.map((c) => `“${c.header}”`).join('、');
  const defaults = figures.map((c) => `“${c.header}”为 ${c.default ?? 0}`).join('、');
  return `${names}是数字列，整列缺少时无法知道各行的数值，按默认值（${defaults}）导入会改变统计数字，所以不导入；请加上${figures.length > 1 ? '这些列' : '这一列'}逐行填写后再导入`;
}

/** The kind's optional columns a header leaves out that are read as blank ({@link mayBeAbsent}). */
const absentFrom = (headers: readonly string[], kind: LedgerKind): string[] => kind.columns.filter((c) => mayBeAbsent(c) && !headers.includes(c.header)).map((c) => c.header);

/** A row's cells as the kind's headers (a 序号, or anything else as typed), without the blank ones at its end. */
function headersIn(row: { cells: readonly unknown[] }, kind: LedgerKind): string[] {
  const headers = row.cells.map((v) => headerOf(v, kind));
  while (headers.length && headers[headers.length - 1] === '') headers.pop();
  return headers;
}

/**
 * A two-level header (a group such as 活动情况, merged over 场次 人次 引进人才 in the row below): each
 * column's header is the lower row's when that is one of the kind's (or 序号), else the upper row's
 * (a column merged down both rows, or left blank below). Only when the lower row is all headers (a
 * cell of it that is none is data, not a header) and the upper row heads columns of its own (a title
 * above the header heads none). A group is an upper cell over one of the kind's headers that is not
 * one itself, or one merged across several columns, whatever its text: 联系方式 merged over 联系电话
 * and 家庭住址 is a group, though clerks also head 联系电话 alone so (a merged cell reads as its text in
 * every column it covers). Without a group, a header merged down both rows (A1:A2 …: the lower row
 * repeats the upper), or one whose lower row only completes it, is read as such when it is the kind's
 * ({@link tableOf}). The groups are named for the refusal when the headers are still not the kind's.
 */
function twoLevelHeader(upper: SheetRow, lower: SheetRow, kind: LedgerKind): (Header & { groups: Map<string, string[]> }) | undefined {
  if (lower.line !== upper.line + 1) return undefined;
  const known = (h: string) => h === ROW_NUMBER_HEADER || kind.columns.some((c) => c.header === h);
  const columns = Array.from({ length: Math.max(upper.cells.length, lower.cells.length) }, (_, c) => ({
    typed: headerForm(upper.cells[c]),
    label: String(plainValue(upper.cells[c]) ?? '').trim(),
    above: headerOf(upper.cells[c], kind),
    below: headerOf(lower.cells[c], kind),
    blank: isBlank(lower.cells[c]),
  }));
  /** The upper cell is one text over this column and the next or the one before: a cell merged across them. */
  const spans = (c: number) => columns[c]!.typed !== '' && [columns[c - 1], columns[c + 1]].some((n) => n?.typed === columns[c]!.typed);
  // A group is a cell of the upper row over one of the kind's headers: not a header itself, or merged across several columns.
  const isGroup = new Set(columns.filter((col, c) => known(col.below) && col.below !== col.above && col.typed !== '' && (!known(col.above) || spans(c))).map((col) => col.typed));
  const headers: string[] = [];
  const groups = new Map<string, string[]>();
  for (const [c, { typed, label, above, below, blank }] of columns.entries()) {
    // Two of the kind's headers stacked in a column, the upper no group (类别 over 名称: the template's 说明, a line a column,
    // pasted above the header) are no header's two rows: they were read as one, its notes as groups (项目名称（…）).
    if (known(above) && known(below) && above !== below && !isGroup.has(typed)) return undefined;
    // Under a group, the lower row's cell is the column's header, known or not (an unknown one is named in the refusal).
    const grouped = isGroup.has(typed) && !blank && (below !== above || spans(c));
    if (grouped) groups.set(label, [...(groups.get(label) ?? []), below]);
    if (known(below) || grouped) headers.push(below);
    else if (blank || below === above) headers.push(above);
    else return undefined;
  }
  while (headers.length && headers[headers.length - 1] === '') headers.pop();
  // The upper row heads columns of its own (类别 … beside the group): a title above the header heads none.
  const headsColumns = columns.some((col) => known(col.above) && !isGroup.has(col.typed));
  // Without a group, two rows are one header only when together they are the kind's: nothing to say of them otherwise.
  if (!headsColumns || (!groups.size && headerProblems(headers, kind).length)) return undefined;
  return { first: upper.line, last: lower.line, headers, groups };
}

/** A two-level header of which the header row is one level: with the row above it, or the row below. */
function twoLevelAround(filledRows: readonly SheetRow[], header: SheetRow, kind: LedgerKind): ReturnType<typeof twoLevelHeader> {
  const at = filledRows.indexOf(header);
  const pairs = [[filledRows[at - 1], header], [header, filledRows[at + 1]]] as const;
  return pairs.map(([upper, lower]) => upper && lower && twoLevelHeader(upper, lower, kind)).find(Boolean) || undefined;
}

/**
 * The header row must hold exactly the kind's headers (in any order, a 序号 column besides); the rows
 * above it are the ledger's title; every other row with anything in it but a 序号 is data, except a
 * totals row or a footer without a record's values ({@link footOf}), which is no record. A header of two rows (a
 * group merged over some columns) is read when together they name the kind's columns; merged cells
 * from the header down are refused.
 */
function tableOf(typedRows: SheetRow[], kind: LedgerKind, reader: Reader, merges?: Merges): LedgerTable {
  // A hidden column that is none of the kind's (联系人, a helper column, a hidden 备注) is read as nothing, as a hidden row is, and said.
  const hiddenOthers = otherHiddenColumns(typedRows, kind, merges);
  const rows = hiddenOthers.size ? typedRows.map((r) => ({ ...r, cells: r.cells.map((v, i) => (hiddenOthers.has(i) ? null : v)) })) : typedRows;
  const filledRows = rows.filter((r) => r.cells.some((v) => !isBlank(v)));
  const first = headerRow(filledRows);
  if (!first) throw new LedgerError('文件中没有任何内容（连表头也没有），未导入任何内容。');
  const mergedFrom = (line: number) => (merges?.ranges ?? []).filter((range) => lastRowOf(range) >= line);
  /** The merged cells over a header's rows (A1:A2, 类别 merged across A1:B1), not a title's above it. */
  const headerMerges = (rowsOf: Pick<Header, 'first' | 'last'>) => (merges?.ranges ?? []).filter((range) => firstRowOf(range) <= rowsOf.last && lastRowOf(range) >= rowsOf.first);
  /** 第 N 行的表头与活动台账模板不符（…）。…表头应为：…。 */
  const headerRefused = (line: number, problems: readonly string[]) =>
    `第 ${line} 行的表头与${kind.label}台账模板不符（${problems.join('；')}）。${unmergeHeader(headerMerges({ first: line, last: line }))}表头应为：${kind.columns.map((c) => c.header).join('、')}。`;
  let header: Header = { first: first.line, last: first.line, headers: headersIn(first, kind) };
  // The columns nothing is in, whose header is blank too: none of the ledger's.
  const emptyAt = new Set(header.headers.flatMap((_, i) => (filledRows.some((r) => !isBlank(r.cells[i])) ? [] : [i])));
  const problems = headerProblems(header.headers, kind, emptyAt);
  if (problems.length || mergedFrom(first.line).length) {
    // Not one header row of the kind's (or merged down into the next): perhaps two, a group over some columns.
    const twoLevel = twoLevelAround(filledRows, first, kind);
    const twoLevelProblems = twoLevel && headerProblems(twoLevel.headers, kind);
    // Or lines pasted above the header, more than a title's (the template's 说明): the kind's whole header below them is the header.
    const below = problems.length && (!twoLevel || twoLevelProblems?.length) ? wholeHeaderBelow(filledRows, first, kind) : undefined;
    if (below) header = { first: below.line, last: below.line, headers: headersIn(below, kind), belowPasted: true };
    else if (twoLevel && twoLevelProblems?.length) {
      const groups = [...twoLevel.groups].map(([group, below]) => `“${group}”下分${below.map((h) => `“${h}”`).join('、')}`).join('，');
      const merged = headerMerges(twoLevel);
      throw new LedgerError(`第 ${twoLevel.first}–${twoLevel.last} 行是两行表头（${groups}），合起来仍与${kind.label}台账模板不符（${twoLevelProblems.join('；')}）。请只保留一行表头：删去分组的那一行并取消合并${merged.length ? `（${merged.join('、')}）` : ''}，每列一个表头，表头应为：${kind.columns.map((c) => c.header).join('、')}。未导入任何内容。`);
    }
    else if (twoLevel) header = twoLevel;
    else if (problems.length) {
      const ours = writtenByUs(first, kind, reader);
      if (ours) throw new LedgerError(ours);
      const other = wrongKind(first, kind, reader);
      if (other) throw new LedgerError(other);
      // Below pasted lines (the 说明's, naming a column each), the row naming the most of the kind's columns is the header refused.
      const refused = headerNamingMore(filledRows, first, kind) ?? first;
      throw new LedgerError(`${headerRefused(refused.line, refused === first ? problems : headerProblems(headersIn(refused, kind), kind))}未导入任何内容。`);
    }
  }
  // Records above the header (an older header's month, two sheets merged into one) are never passed over as a title or the 说明.
  const above = recordsAbove(filledRows, header, kind);
  if (above) {
    const { records, headedBy } = above;
    const wrong = headedBy && headerProblems(headersIn(headedBy, kind), kind);
    throw new LedgerError(`${wrong?.length ? headerRefused(headedBy!.line, wrong) : ''}第 ${linesOf({ line: records[0]!.line, lastLine: records[records.length - 1]!.line })} 行在第 ${header.first} 行的表头上方，看来是${kind.label}记录，不是标题或填写说明，不能略过不导入：${headedBy ? `如是两份台账合在一起，请只保留一行表头（第 ${headedBy.line} 行或第 ${header.first} 行），把各行都放在它下面` : '请把表头移到第一行记录的上方（表头上方只留标题）'}后再导入。未导入任何内容。`);
  }
  const { headers } = header;
  // A 序号 cell is no content, unless it holds a totals row's or a footer's words (备注：… written from column A): that row is said as what it is.
  // Nor is a remarks cell (备注): a row of nothing else is no record.
  const remarkAt = headers.map((h) => isRemarkHeader(h));
  const filled = (r: { cells: unknown[] }) => r.cells.filter((v, i) => !isBlank(v) && !remarkAt[i] && (headers[i] !== ROW_NUMBER_HEADER || isFootWord(v)));
  const remarkOnly = (r: { cells: unknown[] }) => r.cells.some((v, i) => !isBlank(v) && remarkAt[i]);
  const data: LedgerRow[] = [];
  const passedOver: PassedOverRows[] = [];
  // The rows below the header read as no record (a 合计 row, a footer), whose merges hide no record's cells.
  const noRecord = new Set<number>();
  // Each filled row but the header is data or passed over; a run of one kind, no data row between, is one entry.
  let last: PassedOverRows | undefined;
  for (const r of filledRows) {
    if (r.line >= header.first && r.line <= header.last) continue;
    // A hidden row below the header is none of the clerk's records as shown: said, with how to import it, never imported in silence.
    const what = r.line < header.first
      ? (header.belowPasted ? ABOVE_PASTED : '为表头上方的标题')
      : r.hidden ? HIDDEN_ROWS
      : filled(r).length === 0 ? (remarkOnly(r) ? '只填了备注' : sectionTitle(r, headers, merges) ? SECTION_TITLE : '只填了序号')
      : footOf(r, headers, kind) ?? (sectionTitle(r, headers, merges) ? SECTION_TITLE : undefined);
    if (r.line > header.last && what) noRecord.add(r.line);
    if (!what) {
      data.push({ line: r.line, cells: Object.fromEntries(headers.map((h, i) => [h, r.cells[i] ?? null])) });
      last = undefined;
    } else if (last?.what === what) (last.lastLine = r.line), last.count++;
    else passedOver.push((last = { line: r.line, lastLine: r.line, count: 1, what }));
  }
  // A title merged across the columns above the header is the ledger's, not data, as is a group merged over the header's second row,
  // and a 合计 or a footer merged across its row (合计 over A:D); a merge over a record's row would hide cells.
  const filledLines = new Set(filledRows.map((r) => r.line));
  const overNoRecord = (range: string) => {
    for (let line = firstRowOf(range); line <= lastRowOf(range); line++) if (filledLines.has(line) && !noRecord.has(line)) return false;
    return firstRowOf(range) > header.last;
  };
  const hiding = mergedFrom(header.last + (header.last > header.first ? 1 : 0)).filter((range) => !overNoRecord(range));
  // A header cell merged down into the rows below it is the header's to unmerge, not a record's row to fill in.
  const fromHeader = hiding.filter((range) => firstRowOf(range) <= header.last);
  const inData = hiding.filter((range) => firstRowOf(range) > header.last);
  if (hiding.length) {
    throw new LedgerError(`工作表“${merges!.sheet}”${[
      fromHeader.length && `的表头有合并单元格（${fromHeader.join('、')}）合并到了表头以下的行，请取消表头的合并，每列只在表头行填写一个表头`,
      inData.length && `${fromHeader.length ? '另外' : ''}含有合并单元格（${inData.join('、')}），请取消合并并在每一行填写完整`,
    ].filter(Boolean).join('；')}后再导入。`);
  }
  const dataLines = new Set(data.map((d) => d.line));
  const dataRows = filledRows.filter((r) => dataLines.has(r.line));
  const unread = hiddenWithData(dataRows, headers, kind, merges);
  if (unread.length) throw new LedgerError(`${merges ? `工作表“${merges.sheet}”` : ''}${unread.join('；')}。未导入任何内容。`);
  const hiddenSaid = [...hiddenOthers].filter((i) => typedRows.some((r) => r.line >= header.first && !isBlank(r.cells[i]))).map((i) => {
    const typed = [header.last, header.first].map((line) => String(plainValue(typedRows.find((r) => r.line === line)?.cells[i]) ?? '').trim()).find(Boolean);
    return `${typed ?? `第 ${columnLetters(i + 1)} 列`}${HIDDEN_COLUMN}`;
  });
  return { headers, rows: data, passedOver, absent: absentFrom(headers, kind), remarks: [...headers.filter((h, i) => remarkAt[i]), ...hiddenSaid] };
}

/**
 * The hidden columns (counted from 0) none of whose first rows (a title's, the 说明's and the header's reach) names one of the kind's
 * columns, one of its headers that could be either of two, or an export's or a report's own column: read as nothing ({@link tableOf}). A hidden column was read as any other: a
 * hidden 联系人 refused the file as an unknown column the clerk could not see.
 */
function otherHiddenColumns(rows: readonly SheetRow[], kind: LedgerKind, merges: Merges | undefined): Set<number> {
  const reach = rows.filter((r) => r.cells.some((v) => !isBlank(v))).slice(0, instructionLength(kind) + MOST_ROWS_ABOVE_HEADER + 2);
  // An export's 全局 ID or a report's own columns stay read, hidden or not: the file is refused as what it is (`writtenByUs`).
  const ours = new Set([EXPORTED_ID_HEADER, ...REPORT_COLUMNS].map(headerForm));
  const names = (v: unknown) => !isBlank(v) && (kind.columns.some((c) => c.header === headerOf(v, kind)) || ambiguityOf(String(plainValue(v)), kind) !== undefined || ours.has(headerForm(v)));
  return new Set((merges?.hiddenColumns ?? []).map((c) => c - 1).filter((i) => !reach.some((r) => names(r.cells[i]))));
}

/**
 * Why a hidden column of the kind's that holds values in data rows is not read (第 G 列“人次”是隐藏列…): its values are a record's,
 * which the clerk does not see, so neither imported in silence nor left out (a hidden column's values were imported without a word).
 */
function hiddenWithData(dataRows: readonly SheetRow[], headers: readonly string[], kind: LedgerKind, merges: Merges | undefined): string[] {
  return (merges?.hiddenColumns ?? []).flatMap((c) => {
    const header = headers[c - 1];
    const lines = dataRows.filter((r) => !isBlank(r.cells[c - 1])).map((r) => r.line);
    if (!header || !kind.columns.some((k) => k.header === header) || !lines.length) return [];
    return [`第 ${columnLetters(c)} 列“${header}”是隐藏列，第 ${linesText(lines)} 行在该列填有内容：隐藏的列看不到，其中的内容既不能不经核对就导入，也不能略过；请在 Excel 或 WPS 中取消隐藏该列（选中两侧的列，右键“取消隐藏”），核对后再导入`];
  });
}

/** What a section's title among the records is said to be: 第 3 行为分类小标题，未导入. */
export const SECTION_TITLE = '为分类小标题';

/** A range's first and last columns, counted from 1 (A3:G3 → 1 and 7). */
function columnsOf(range: string): [number, number] {
  const [first, last = first] = range.split(':').map((cell) => [...(/^[A-Z]+/i.exec(cell)?.[0] ?? '')].reduce((n, c) => n * 26 + c.toUpperCase().charCodeAt(0) - 64, 0));
  return [first!, last!];
}

/**
 * Whether a row below the header is a section's title among the records (一、组织联建类, 二、活动交流类, as clerks group a ledger's rows):
 * one text and nothing else, merged across the row (a merged cell reads as its text in every column it covers) or alone in the 序号
 * column, where it is no row number (a number there is a row of only its 序号). Merged, it was refused with a record's advice
 * (含有合并单元格…请取消合并并在每一行填写完整); alone in 序号 it was said to be 只填了序号.
 */
function sectionTitle(row: SheetRow, headers: readonly string[], merges: Merges | undefined): boolean {
  const at = row.cells.flatMap((v, i) => (isBlank(v) ? [] : [i]));
  if (!at.length || new Set(at.map((i) => headerForm(row.cells[i]))).size !== 1) return false;
  if (at.length === 1) return headers[at[0]!] === ROW_NUMBER_HEADER && !/^[\d.()、-]+$/.test(headerForm(row.cells[at[0]!]));
  return (merges?.ranges ?? []).some((range) => {
    const [first, last] = columnsOf(range);
    return firstRowOf(range) === row.line && lastRowOf(range) === row.line && at.every((i) => i + 1 >= first && i + 1 <= last);
  });
}

/**
 * Said where a header with merged cells is refused: a merged cell reads as its text in every column it covers (类别 merged
 * across A1:B1 is 类别 twice, a 重复的列 the clerk never typed), so the header is to be unmerged.
 */
const unmergeHeader = (ranges: readonly string[]): string =>
  ranges.length ? `表头有合并单元格（${ranges.join('、')}），合并的单元格在它所占的每一列都读作同一个表头；请取消表头的合并，每列填写一个表头。` : '';

/** The first row of a range (A1:I1 → 1, B3:B5 → 3). */
const firstRowOf = (range: string) => Number(/^[A-Z]+(\d+)/i.exec(range)?.[1] ?? 0);

/** 合计, 总计 or 小计, perhaps after 本期, 本月, 累计 …, compared as headers are: the word captured. */
const TOTALS = '(?:本期|本月|本季度?|本年度?|全年|年度|累计|全部|总)?(合计|总计|小计)';
const TOTALS_FIRST = new RegExp(`^${TOTALS}(?:$|[:(\\d])`);
const TOTALS_ONLY = new RegExp(`^${TOTALS}(?:\\([^()]*\\)|\\d+[^\\d:]{0,3})?:?$`);

/**
 * What a clerk writes in the first cell of a totals row (合计, 总计, 小计; 合计：, 本期合计, 合计（2项）, compared as headers are): the word, or
 * undefined. Only followed by nothing, a colon, a bracket or a count, so 小计算机培训班 is no totals row.
 */
const totalsWord = (value: unknown) => TOTALS_FIRST.exec(headerForm(value))?.[1];

/**
 * A cell that is a totals row's label and nothing else (合计, 合计：, 本期合计, 合计(2项), 合计3期), not a name that begins with
 * one (合计：全年党建工作推进会): its row is a totals row whatever else it holds (8人 under 姓名, 共3项 under 名称).
 */
const isTotalsLabel = (value: unknown) => TOTALS_ONLY.test(headerForm(value));

/**
 * The lines a clerk signs and closes a ledger with, as the first words of a cell before a colon (or alone): who filled,
 * checked or keyed it in and when (填报人：张三, 审核：, 复核人, 录入人, 填报日期：2021年7月1日, 日期：…), who answers for it
 * (负责人：张三 联系电话：…, 主要领导：, 单位负责人（签字）：), a seal or a signature (单位（盖章）：, 盖章：, 书记签字：,
 * 党组织书记（签字）：, 单位名称（盖章）), a note (备注：…, 附注：, 注：, 说明：) and the end of the table (以下空白).
 */
const footerLine = (parts: readonly string[]) => new RegExp(`^(?:${parts.join('|')})(?:\\([^()]*\\))?(?::|$)`);

/** A seal or a signature (书记签字：, 单位（盖章）：): a record's name may end so too (集中签名, 廉政承诺书签字). */
const SIGNATURE = '[^:]{0,12}?(?:\\((?:盖章|签字|签名|签章|公章)\\)|盖章|签字|签名|签章)';

/** The footer lines but a seal or a signature: who filled or answers for the ledger, a note, the end of the table. */
const FOOTER_WORDS = [
  '(?:填报|填表|制表|审核|审批|审定|复核|核对|核稿|校对|经办|统计|报送|录入|联系)(?:人|日期|时间|单位|电话)?',
  '(?:单位|部门|主要|分管|主管)?(?:负责人|领导)',
  '联系电话|电话|手机|联系方式|日期',
  '备注|附注|注|说明',
  '\\(?以下(?:空白|无内容|无正文)\\)?',
];

const FOOTER_LINE = footerLine([...FOOTER_WORDS, SIGNATURE]);

/** A footer line that is only a seal's or a signature's ({@link SIGNATURE}), none of the other words. */
const SIGNATURE_ONLY = { signature: footerLine([SIGNATURE]), other: footerLine(FOOTER_WORDS) };

/** A footer a clerk signs the ledger with ({@link FOOTER_LINE}), compared as headers are. */
const isFooterCell = (value: unknown) => FOOTER_LINE.test(headerForm(value));

/** A totals row's or a footer's words: never a record's value. */
const isFootWord = (value: unknown) => totalsWord(value) !== undefined || isFooterCell(value);

/** A first cell that is a footer by its seal or signature only (集中签名, 书记签字：), which a record's name may be too. */
const isSignatureOnly = (value: unknown) => SIGNATURE_ONLY.signature.test(headerForm(value)) && !SIGNATURE_ONLY.other.test(headerForm(value));

/**
 * Whether a row holds more than its first filled cell: a filled cell (a count, a date that does not read, any column but 序号)
 * that is no totals' or footer's words itself. 书记签字： alone, or beside 日期：…, is a footer; 集中签名 beside 2021.3, 1 and 30 a record.
 */
const holdsMore = (row: SheetRow, headers: readonly string[], firstAt: number) =>
  row.cells.some((v, i) => i !== firstAt && !isBlank(v) && headers[i] !== ROW_NUMBER_HEADER && !isFootWord(v));

/**
 * Whether a row below the header is a totals row (为合计行) or the ledger's footer (为落款), told by its first filled cell (a 序号 left
 * aside), or undefined for a record. A first cell that is a totals label alone ({@link isTotalsLabel}: 合计, 本期合计) makes a totals row
 * whatever the rest holds (合计 | 8人 in a people ledger, read as a person 8人 before). Else never a row with a record's value in it: a row any
 * of whose required columns, not holding such a word itself, reads as a value of its column (a date, a name, one of its vocabulary) is data,
 * whatever its first cell says (合计：全年党建工作推进会 beside a kind, a date and an organizer). Counts and
 * amounts are left out of that, being what a 合计 row sums. A first cell that is only a seal's or a signature's words (集中签名, a
 * record's name too) is data beside any other filled cell that is no footer's (a count, a date refused: {@link holdsMore}).
 */
function footOf(row: SheetRow, headers: readonly string[], kind: LedgerKind): string | undefined {
  const firstAt = row.cells.findIndex((v, i) => !isBlank(v) && !(headers[i] === ROW_NUMBER_HEADER && /^\d+$/.test(headerForm(v))));
  const first = row.cells[firstAt];
  const word = totalsWord(first);
  if (!word && !isFooterCell(first)) return undefined;
  // 合计 alone in its first cell: the counts beside it are sums, and words beside them (8人, 共3项) no record's value either.
  if (word && isTotalsLabel(first)) return `为${word}行`;
  // A seal's or a signature's words may be a record's name (集中签名): beside anything else that is no footer's, it is one.
  if (!word && isSignatureOnly(first) && holdsMore(row, headers, firstAt)) return undefined;
  const recordValue = kind.columns.some((column) => column.required && column.type !== 'count' && column.type !== 'amount' && holdsValueOf(row, headers, column));
  if (recordValue) return undefined;
  return word ? `为${word}行` : '为落款';
}

/**
 * Whether a row's cell under a column (by the headers' positions) reads as a value of it: a date, a name, one of its vocabulary;
 * not a totals' or a footer's words.
 */
function holdsValueOf(row: SheetRow, headers: readonly string[], column: LedgerColumn): boolean {
  const raw = row.cells[headers.indexOf(column.header)];
  if (isBlank(raw) || isFootWord(raw)) return false;
  const cell = readCell(raw, column.type);
  return 'value' in cell && cell.value !== null && (!column.vocabulary || vocabularyValue(column, String(cell.value)) !== undefined);
}

/** The columns whose values have a shape no line of words has: a date, a count, an amount, a phone, an ID card number (and a vocabulary's). */
const SHAPED: readonly CellType[] = ['date', 'count', 'amount', 'phone', 'digits'];

/** The shaped values a summary line above the header holds (合计 12 345, 本月共开展活动 12 345): what it sums. */
const SUMMED: readonly CellType[] = ['count', 'amount'];

/**
 * The columns whose values mark a row as a record: a date, a phone, an ID card number or one of a column's listed values (培训 under
 * 类别, 2025-05-01 under 举办日期, a person's 联系电话 and 公民身份号码). A count or an amount ({@link SUMMED}) is what a summary line
 * above the header holds, so never one, unless the kind has no other mark (a grid's 户数): then its shaped columns ({@link SHAPED}).
 */
function recordMarks(kind: LedgerKind): LedgerColumn[] {
  const marks = kind.columns.filter((c) => c.vocabulary || (SHAPED.includes(c.type) && !SUMMED.includes(c.type)));
  return marks.length ? marks : kind.columns.filter((c) => SHAPED.includes(c.type));
}

/** The columns whose values tell a person, as no title's words do: a phone and an ID card number. */
const IDENTIFYING: readonly CellType[] = ['phone', 'digits'];

/**
 * Whether a row's cell under a column is a mark of a record ({@link recordMarks}): a value of it ({@link holdsValueOf}); under a phone
 * or an ID card number one of that shape (a mobile, a landline with its area code; `ID_CARD_NUMBER_SHAPE`, its check digit aside (a mistyped one is still a record's), Excel's number of 15 digits
 * too, which the import refuses on its row), not any text: a title merged across the columns reads as its text under each
 * (遂宁市安居区2025年人员台账 under 联系电话 and 公民身份号码), and was two marks.
 */
function holdsMarkOf(row: SheetRow, headers: readonly string[], column: LedgerColumn): boolean {
  if (!IDENTIFYING.includes(column.type)) return holdsValueOf(row, headers, column);
  const text = String(plainValue(row.cells[headers.indexOf(column.header)]) ?? '');
  return column.type === 'phone' ? storedPhone(text) !== null : ID_CARD_NUMBER_SHAPE.test(storedIdCardNumber(text));
}

/** A ledger's or a table's name, as a title gives it (遂宁市2025年包联台账, 党员花名册, 人员名单, 一览表, 登记表). */
const TABLE_NAME = /台账|名册|名单|(?:一览|登记|统计|汇总|明细|情况)表/;

/**
 * A title's period or subject, as a title split over two cells gives it (2024年磨溪镇 | 结对帮扶工作, 磨溪镇 | 2024年度,
 * 安居区委组织部 | 2024年3月): a text that is a period (2024年, 2024年度, 2024年3月, 上半年, 2024年第一季度) or ends in one or
 * in 工作 or 情况. No unit's or organization's name is so, and each was a pairing's 包联单位 and 结对组织 to {@link sparseRecord}.
 * A year within a text is not enough: a record's name may begin with its year (2024年新建党员活动室, 2024年度龙泉村集体经济项目),
 * and such a record above the header was passed over as a title.
 */
const TITLE_PERIOD = /^(?:\d{4}年(?:度|\d{1,2}月|[上下]半年|第?[一二三四1-4]季度)?|[上下]半年|第?[一二三四1-4]季度)$|(?:年度|[上下]半年|季度|工作|情况)$/;

/** The 说明's own headers (列, 必填, 填写说明), its first line pasted above a ledger's header. */
const INSTRUCTION_HEADERS = new Set(INSTRUCTION_COLUMNS.map((c) => headerForm(c.header)));

/**
 * Whether a cell is a title's, a footer's or the 说明's words, never a value of a sparse record ({@link sparseRecord}): a ledger's or a
 * table's name ({@link TABLE_NAME}), a text naming a title's period or subject ({@link TITLE_PERIOD}), a label before a colon (单位：安居区委组织部, 时间：2025年7月), a totals' or a footer's words, one of
 * the kind's headers (the first cell of a 说明 line) or of the 说明's.
 */
function isTitleWords(value: unknown, kind: LedgerKind): boolean {
  const form = headerForm(value);
  const text = typeof plainValue(value) === 'string';
  return TABLE_NAME.test(form) || (text && (form.includes(':') || TITLE_PERIOD.test(form))) || isFootWord(value) || INSTRUCTION_HEADERS.has(form) || kind.columns.some((c) => c.header === headerOf(value, kind));
}

/**
 * Whether a row above the header is a record with only a few of its cells filled, at one of the headings' positions: a person's name
 * beside an ID card number or a phone alone (张三 … 510904198004011235), or every column of the kind's identity filled with a value
 * of it (a pairing's 包联单位 and 结对组织, a grid's name and region: `LedgerKind.identity`). Never a row of one text (a title merged
 * across the columns reads as its text in each), nor one with a title's, a footer's or the 说明's words in it ({@link isTitleWords}).
 */
function sparseRecord(row: SheetRow, headings: readonly (readonly string[])[], kind: LedgerKind): boolean {
  const cells = row.cells.filter((v) => !isBlank(v));
  if (new Set(cells.map(headerForm)).size < 2 || cells.some((v) => isTitleWords(v, kind))) return false;
  const identity = (kind.identity?.fields ?? []).map((field) => kind.columns.find((c) => c.field === field)!);
  return headings.some(
    (headers) =>
      kind.columns.some((column) => IDENTIFYING.includes(column.type) && holdsMarkOf(row, headers, column)) ||
      (identity.length >= 2 && identity.every((column) => holdsValueOf(row, headers, column))),
  );
}

/**
 * The filled rows above the header that are records, not a title's, a summary's or the pasted 说明's lines, with the header above them naming
 * the most of the kind's columns (an older one, 人次 headed 参会人数), if any; undefined when there are none. A record is read at
 * the header's positions or any header's above it: two cells that are values of the kind's marking columns ({@link recordMarks}: 培训
 * under 类别 and 2025-05-01 under 举办日期), or one beside more filled cells, none a footer's words, than
 * the 说明 has columns ({@link INSTRUCTION_COLUMNS}: a grid's 户数 beside its name, organization and region). A row whose first filled
 * cell makes it a totals row or a footer below the header ({@link footOf}: 小计 beside 培训 and a date) is none. A line of the 说明 is
 * a column's header, 是 or 否 and its note; a title's one text (merged across the columns or not), a footer's words (填报单位：…) or a
 * summary (截至 beside a date and a count, 本月汇总 beside counts); none holds two marks, nor one beside more cells (every kind's 说明
 * is read so in readLedgerSources.test.ts). A record with only a few of its cells filled is one too ({@link sparseRecord}: a person's
 * name and ID card number, a pairing's 包联单位 and 结对组织), which a title's one text, merged or not, and lines with a title's, a
 * footer's or the 说明's words never are.
 */
function recordsAbove(filledRows: readonly SheetRow[], header: Pick<Header, 'first' | 'headers'>, kind: LedgerKind): { records: SheetRow[]; headedBy?: SheetRow } | undefined {
  const rows = filledRows.filter((r) => r.line < header.first);
  const headersAbove = rows.filter((r) => namedColumns(r, kind) >= 2);
  const headings = [header.headers, ...headersAbove.map((r) => headersIn(r, kind))];
  const marks = recordMarks(kind);
  const isRecord = (row: SheetRow) => {
    if (footOf(row, header.headers, kind)) return false;
    const values = Math.max(...headings.map((headers) => marks.filter((column) => holdsMarkOf(row, headers, column)).length));
    const cells = new Set(row.cells.filter((v) => !isBlank(v) && !isFootWord(v)).map(headerForm)).size;
    return values >= 2 || (values === 1 && cells > INSTRUCTION_COLUMNS.length) || sparseRecord(row, headings, kind);
  };
  const records = rows.filter(isRecord);
  if (!records.length) return undefined;
  const heading = headersAbove.filter((r) => r.line < records[0]!.line);
  const headedBy = heading.reduce<SheetRow | undefined>((best, r) => (best && namedColumns(best, kind) >= namedColumns(r, kind) ? best : r), undefined);
  return { records, ...(headedBy ? { headedBy } : {}) };
}
