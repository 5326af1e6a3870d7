import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { Document, Packer, Paragraph } from 'docx';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createHash } from 'node:crypto';
import { canonicalJson, VOCABULARY } from '@linju/contract';
import { gbkBytes } from '@linju/testing/gbk';
import { remarkColumnsSentence } from '../src/readLedgerFile.ts';
import { absentColumnsSentence, importReport, LEDGER_KINDS, ledgerKind, ledgerTemplate, LedgerError, parseLedgerRows, passedOverSentence, readLedgerFile, rowKey } from '../src/index.ts';
import { readCell } from '../src/readCell.ts';
import { sameFileReferences } from '../src/importWaves.ts';
import { recordLists } from '../src/export/recordLists.ts';
import { checkUnzippedSize } from '../src/workbookPackage.ts';
import { readFile } from 'node:fs/promises';
import { deflateRawSync } from 'node:zlib';

/** exceljs's own zip library, to save a workbook as Chinese Excel does (a built-in format by its id alone). */
const JSZip = createRequire(createRequire(import.meta.url).resolve('exceljs'))('jszip') as {
  loadAsync(data: ArrayBuffer | Buffer): Promise<{
    file(name: string): { async(type: 'string'): Promise<string> } | null;
    file(name: string, data: string): unknown;
    generateAsync(options: { type: 'nodebuffer' }): Promise<Buffer>;
  }>;
};

const ACTIVITIES = ledgerKind('activities');
const HEADERS = ACTIVITIES.columns.map((c) => c.header);
const ORG = 'sichuan:Organization:anju-town-01';

let dir: string;
beforeAll(async () => (dir = await mkdtemp(join(tmpdir(), 'ledger-'))));
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('a cell read by its type', () => {
  test.each<[string, unknown, 'date' | 'count' | 'amount' | 'id' | 'text' | 'digits' | 'phone', unknown]>([
    ['a date cell', new Date(Date.UTC(2024, 3, 1)), 'date', '2024-04-01'],
    ['a date and time as text, as a date-and-time cell saved to CSV reads', '2026-03-12 09:30:00', 'date', '2026-03-12'],
    ['a date and time as text, slashes and no seconds', '2026/3/12 9:30', 'date', '2026-03-12'],
    ['an amount a formula computed with a remainder Excel does not show (=0.1+0.2)', { formula: '0.1+0.2', result: 0.1 + 0.2 }, 'amount', 0.3],
    ['a count a formula computed with a remainder Excel does not show (=1.15*100)', { formula: '1.15*100', result: 1.15 * 100 }, 'count', 115],
    ['a phone Excel holds as a number', 13800138000, 'digits', '13800138000'],
    ['a mobile in a phone column Excel holds as a number', 13800138000, 'phone', '13800138000'],
    ['a landline typed as text, its 0 kept', '023-4455 6677', 'phone', '023-4455 6677'],
    ['a landline written ="…" in a phone column', '="02344556677"', 'phone', '02344556677'],
    ['an Excel serial number', 45383, 'date', '2024-04-01'],
    ['a serial number typed as text', '45383', 'date', '2024-04-01'],
    ['text YYYY-MM-DD', '2024-04-01', 'date', '2024-04-01'],
    ['text YYYY/M/D', '2024/4/1', 'date', '2024-04-01'],
    ['text with 年月日', '2024年4月1日', 'date', '2024-04-01'],
    ['text with 年月号, as clerks also write it', '2024年4月1号', 'date', '2024-04-01'],
    ['full-width digits in a date', '２０２４－０４－０１', 'date', '2024-04-01'],
    ['trailing spaces around a date', ' 2024/4/1  ', 'date', '2024-04-01'],
    ['a date as eight digits (yyyymmdd) typed as text', '20240305', 'date', '2024-03-05'],
    ['a date as an eight-digit number (beyond every Excel serial)', 20240305, 'date', '2024-03-05'],
    ['a date as eight full-width digits', '１９７５０６０１', 'date', '1975-06-01'],
    ['a birth date as eight digits, as clerks fill 出生年月日', 19850312, 'date', '1985-03-12'],
    ['eight digits typed in a date-formatted cell (exceljs reads a day of the year 57 000)', new Date(Date.UTC(1899, 11, 30) + 20240305 * 86_400_000), 'date', '2024-03-05'],
    // A clerk QA pass: each was refused as 不是日期.
    ['a date with em dashes, as a Chinese input method gives them', '2024—03—05', 'date', '2024-03-05'],
    ['a date with Unicode hyphens', '2024‐3‐5', 'date', '2024-03-05'],
    ['a date and time written with T', '2024-03-05T09:30', 'date', '2024-03-05'],
    ['a long date with its day of the week', '2024年3月5日 星期二', 'date', '2024-03-05'],
    ['a long date with its day of the week in brackets', '2024年3月10日（周日）', 'date', '2024-03-10'],
    ['a phone in full-width digits and dash', '０８２５－２３４５６７８', 'digits', '0825-2345678'],
    ['a phone with an em dash and an ideographic space', '　0825—2345678 ', 'digits', '0825-2345678'],
    ['an ID card number in full-width, its check character Ｘ', '５１０９０４１９７５０６０１００１Ｘ', 'digits', '51090419750601001X'],
    ['full-width digits in a count', '３５', 'count', 35],
    ['a count with trailing spaces', '12 ', 'count', 12],
    ['a count as a number', 7, 'count', 7],
    ['text trimmed, ideographic spaces too', '　川渝联席座谈会 ', 'text', '川渝联席座谈会'],
    ['an ID with a full-width colon', 'sichuan：Organization：anju-town-01 ', 'id', ORG],
    ['a formula with its cached result', { formula: 'D2+1', result: 45383 }, 'date', '2024-04-01'],
    ['rich text', { richText: [{ text: '座谈' }, { text: '交流' }] }, 'text', '座谈交流'],
    ['an empty cell', '   ', 'text', null],
    // How an export's CSV writes digits Excel would take for a number; and the text of such a cell opened without evaluating it, saved again.
    ['an ID card number written ="…"', '="510904198503128593"', 'digits', '510904198503128593'],
    ['a landline written ="…", its leading zero kept', '="08252345678"', 'digits', '08252345678'],
    ['="…" as Excel saved it as a formula with its result', { formula: '"0825"', result: '0825' }, 'digits', '0825'],
    ['="…" holding a doubled quote', '="a""b"', 'text', 'a"b'],
  ])('%s', (_name, raw, type, expected) => {
    expect(readCell(raw, type)).toEqual({ value: expected });
  });

  test.each<[string, unknown, 'date' | 'count' | 'amount' | 'digits' | 'phone' | 'text' | 'reference', RegExp]>([
    // Quoted as the clerk typed it (it was quoted half-width: “20(人次)”, which the clerk never typed).
    ['a count with a unit in full-width brackets', '20（人次）', 'count', /^“20（人次）”不是非负整数$/],
    ['an amount with full-width digits and a unit', '１.５万元', 'amount', /^“１.５万元”不是非负数$/],
    ['a full-width date that does not exist', '２０２４－０２－３０', 'date', /^日期“２０２４－０２－３０”不存在$/],
    ['words for a date in full-width brackets', '待定（三月）', 'date', /^“待定（三月）”不是日期/],
    // A line break inside a name (Alt+Enter) was sent, and refused by the store as 含有控制或不可见字符.
    ['a name with a line break inside (Alt+Enter)', '川渝联席\n座谈会', 'text', /^单元格中有换行（Excel 中按 Alt\+Enter 输入的），请删除换行后重新填写$/],
    ['an organizer’s name over two lines', '磨溪镇\r\n党委', 'reference', /^单元格中有换行/],
    ['a date that does not exist', '2023-04-31', 'date', /不存在/],
    ['an ID card number Excel holds as a number, its last digits lost', 510904199001010039, 'digits', /存成了数字.*设为“文本”格式/],
    ['an amount with three decimals typed as such', 1.005, 'amount', /最多保留两位小数/],
    ['words for a date', '上周三', 'date', /不是日期/],
    ['a negative count', '-3', 'count', /非负整数/],
    ['a count with a fraction', '2.5', 'count', /非负整数/],
    // Twenty digits (pasted twice, an ID in the wrong column): too large, with the store's advice, not a bare 超出范围.
    ['a count of twenty digits', '99999999999999999999', 'count', /^“99999999999999999999”过大；请检查单位，或是否多填了零$/],
    ['a count Excel holds as 1E+20', 1e20, 'count', /^“100000000000000000000”过大；请检查单位/],
    ['a boolean', true, 'count', /不是有效值/],
    ['eight digits that are no date', '20240230', 'date', /“20240230”不是有效日期/],
    // A clerk QA pass: each was `不是日期；请写成 2024-04-01 或 2024/4/1，或设为日期格式`, naming nothing wrong.
    ['a year of two digits', '24.3.5', 'date', /^“24.3.5”的年份只有两位；请填写四位年份，如 2024-3-5$/],
    ['the year last (the month or the day first)', '3/5/2024', 'date', /^“3\/5\/2024”把年份写在了最后，无法确定哪个是月、哪个是日；请按年、月、日的顺序填写，如 2024-03-05 或 2024-05-03$/],
    ['the year last, only one reading a date', '25.3.2024', 'date', /^“25.3.2024”把年份写在了最后.*，如 2024-03-25$/],
    ['digits as Chinese characters', '二〇二四年三月五日', 'date', /^“二〇二四年三月五日”中的数字是汉字；请用阿拉伯数字填写/],
    ['a day of the week that is not the date’s', '2024年3月5日 星期三', 'date', /^“2024年3月5日 星期三”中的日期与星期不符（2024-03-05 是星期二）/],
    ['any other text, answered with the shapes the import reads', '2024年3月5日上午', 'date', /^“2024年3月5日上午”不是日期；请写成 2024-04-01、2024\/4\/1、2024\.4\.1、2024年4月1日（或号）、20240401 之一，或设为日期格式$/],
    ['eight digits outside the range', 17000101, 'date', /超出可登记的范围/],
    // A year and a month (出生年月 1985.03, typed in a General cell a number) or a year alone: each was read as Excel's day 1985, 1905-06-07.
    ['a year and a month as a number (1985.03)', 1985.03, 'date', /^“1985.03”只有年月，没有日，不是日期；请填写完整的年月日/],
    ['a year and a month as text (2021.7)', '2021.7', 'date', /^“2021.7”只有年月，没有日/],
    ['a year and a month with 年月', '1985年3月', 'date', /^“1985年3月”只有年月，没有日/],
    ['a year alone', 1985, 'date', /^“1985”只有年份，没有日/],
    // Six digits yyyymm: read as Excel's day 198503, 2443-06-24, then refused as a future date.
    ['a year and a month as six digits (198503)', 198503, 'date', /^“198503”只有年月，没有日，不是日期；请填写完整的年月日/],
    ['a year and a month as six digits typed as text', '202107', 'date', /^“202107”只有年月，没有日/],
    ['a year and a month as six full-width digits', '２０２１０７', 'date', /^“202107”只有年月，没有日/],
    ['six digits typed in a date-formatted cell (exceljs reads a day of 2443)', new Date(Date.UTC(1899, 11, 30) + 198503 * 86_400_000), 'date', /^“198503”只有年月，没有日/],
    // An ID number in a number cell: in an .xlsx a number, in a CSV Excel saved, its scientific notation as text.
    ['an ID card number Excel held as a number', 510904198503120000, 'digits', /^号码被 Excel 存成了数字/],
    ['an ID card number a CSV saved by Excel as 5.10904E+17', '5.10904E+17', 'digits', /^号码被 Excel 存成了数字/],
    ['the same with a lower-case e and full-width digits', '５.１０９０４e+１７', 'digits', /^号码被 Excel 存成了数字/],
    // A landline typed into a General cell (02344556677 became 2344556677): the store refused it as neither a mobile nor a landline, no hint why.
    ['a landline Excel held as a number, its leading 0 dropped', 2344556677, 'phone', /0 被 Excel 去掉了.*请将该列设为“文本”格式后重新输入完整号码/],
    ['the same as a CSV Excel saved from that cell', '2344556677', 'phone', /0 被 Excel 去掉了.*设为“文本”格式/],
    ['a 0825 landline without its 0, typed with a dash', '825-2345678', 'phone', /0 被 Excel 去掉了/],
    ['a number that is no phone in a phone column', 12345, 'phone', /0 被 Excel 去掉了.*设为“文本”格式/],
  ])('%s is refused', (_name, raw, type, reason) => {
    const result = readCell(raw, type);
    expect('problem' in result && result.problem).toMatch(reason);
  });
});

describe('a date cell read by its number format', () => {
  const people = ledgerKind('people');
  /** A clerk's 人员台账 in Sheet1 whose 出生年月日 cell C2 is 1985-03-01 (or `day`) in the format, as typed or as a formula's result: the row as read. */
  async function birthDateRead(numFmt: string, options: { day?: number; formula?: boolean } = {}) {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Sheet1');
    sheet.addRow(['姓名', '所在党支部', '出生年月日']);
    sheet.addRow(['张三', '磨溪镇党委']);
    const date = new Date(Date.UTC(1985, 2, options.day ?? 1));
    const cell = sheet.getCell('C2');
    cell.value = options.formula ? { formula: `DATE(1985,3,${options.day ?? 1})`, result: date } : date;
    cell.numFmt = numFmt;
    const path = join(dir, 'birth-date-format.xlsx');
    await workbook.xlsx.writeFile(path);
    const [row] = parseLedgerRows((await readLedgerFile(path, people)).rows, people);
    return { birthDate: row!.input?.birthDate, problems: row!.problems };
  }

  // 1985年3月 or 1985/3 typed into Excel or WPS is a date cell of 1985-03-01 shown without its day: it was stored as 1985-03-01, without a word.
  test.each([
    ['yyyy"年"m"月"', '1985年3月', '年月'],
    ['yyyy/m', '1985年3月', '年月'],
    // How Excel shows 1985/3 typed into a General cell (built-in 17).
    ['mmm-yy', '1985年3月', '年月'],
    ['[$-804]yyyy"年"m"月";@', '1985年3月', '年月'],
    ['[DBNum1][$-804]yyyy"年"m"月"', '1985年3月', '年月'],
    ['yyyy', '1985年', '年份'],
    ['yyyy"年"', '1985年', '年份'],
  ])('%s, a year and a month (or a year) without a day, is refused on its row', async (numFmt, shown, what) => {
    const read = await birthDateRead(numFmt);
    expect(read.birthDate).toBeUndefined();
    expect(read.problems).toEqual([{ column: '出生日期', reason: expect.stringMatching(new RegExp(`^“${shown}”只有${what}，没有日，不是日期；请填写完整的年月日，如 2024-04-01 或 2024/4/1（单元格是只显示${what}的日期格式；如已填了日，请把单元格格式改为显示年月日的日期格式）$`)) }]);
  });

  test('a year-month format is refused when the cell holds another day too, and as a formula’s result', async () => {
    expect((await birthDateRead('yyyy"年"m"月"', { day: 12 })).problems).toEqual([{ column: '出生日期', reason: expect.stringContaining('“1985年3月”只有年月，没有日') }]);
    expect((await birthDateRead('yyyy"年"m"月"', { formula: true })).problems).toEqual([{ column: '出生日期', reason: expect.stringContaining('“1985年3月”只有年月，没有日') }]);
  });

  test.each([
    'yyyy-mm-dd',
    'm/d/yy',
    // Built-in 14 and 22, as exceljs writes them.
    'mm-dd-yy',
    'm/d/yy "h":mm',
    'yyyy"年"m"月"d"日"',
    '[$-804]yyyy"年"m"月"d"日";@',
    '[DBNum1][$-804]yyyy"年"m"月"d"日"',
    'dd.mm.yyyy',
  ])('%s, a format with a day, reads', async (numFmt) => {
    expect(await birthDateRead(numFmt, { day: 12 })).toEqual({ birthDate: '1985-03-12', problems: [] });
  });

  /**
   * The cell as Chinese Excel and WPS save 1985年3月 typed into it: a built-in format of the language
   * (57, 27, 36, 50, 52: 年月; 31: 年月日), by its id alone, with no format text in the file.
   */
  async function builtInFormatRead(id: number, day: number) {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Sheet1');
    sheet.addRow(['姓名', '所在党支部', '出生年月日']);
    sheet.addRow(['张三', '磨溪镇党委']);
    sheet.getCell('C2').value = new Date(Date.UTC(1985, 2, day));
    sheet.getCell('C2').numFmt = 'yyyy-mm-dd';
    const zip = await JSZip.loadAsync(await workbook.xlsx.writeBuffer());
    const styles = await zip.file('xl/styles.xml')!.async('string');
    const custom = /<numFmt numFmtId="(\d+)" formatCode="yyyy-mm-dd"\/>/.exec(styles)!;
    zip.file('xl/styles.xml', styles.replace(/<numFmts[^>]*>.*?<\/numFmts>/s, '').replaceAll(`numFmtId="${custom[1]}"`, `numFmtId="${id}"`));
    const path = join(dir, `built-in-${id}.xlsx`);
    await writeFile(path, await zip.generateAsync({ type: 'nodebuffer' }));
    const [row] = parseLedgerRows((await readLedgerFile(path, people)).rows, people);
    return { birthDate: row!.input?.birthDate, problems: row!.problems };
  }

  test.each([57, 27, 36, 50, 52])('built-in format %i (年月 in Chinese Excel, no format text in the file) is refused on its row', async (id) => {
    expect((await builtInFormatRead(id, 1)).problems).toEqual([{ column: '出生日期', reason: expect.stringContaining('“1985年3月”只有年月，没有日') }]);
  });

  test('built-in format 31 (年月日 in Chinese Excel) reads', async () => {
    expect(await builtInFormatRead(31, 12)).toEqual({ birthDate: '1985-03-12', problems: [] });
  });
});

async function workbookFile(name: string, fill: (sheet: ExcelJS.Worksheet, workbook: ExcelJS.Workbook) => void): Promise<string> {
  const workbook = ledgerTemplate(ACTIVITIES);
  fill(workbook.getWorksheet(ACTIVITIES.sheet)!, workbook);
  const path = join(dir, name);
  await workbook.xlsx.writeFile(path);
  return path;
}

const GOOD_ROW = ['座谈交流', '川渝联席座谈会', new Date(Date.UTC(2024, 3, 1)), ORG, 2, 35, 0, null];

/** A sheet of a clerk's own name: the kind's headers, then these rows. */
function addOwnSheet(workbook: ExcelJS.Workbook, name: string, ...rows: unknown[][]): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name);
  for (const row of [HEADERS, ...rows]) sheet.addRow(row);
  return sheet;
}

/** Each row an activities ledger file reads as: its line and its 名称 as interpreted. */
const titlesRead = async (path: string) => parseLedgerRows((await readLedgerFile(path, ACTIVITIES)).rows, ACTIVITIES).map((r) => [r.line, r.input?.title]);

describe('a ledger file', () => {
  test('the template reads back: headers, a drop-down from the vocabulary, an instructions sheet', async () => {
    const path = await workbookFile('template.xlsx', () => {});
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    const sheet = workbook.getWorksheet(ACTIVITIES.sheet)!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(HEADERS);
    expect(sheet.getCell('A2').dataValidation).toMatchObject({ type: 'list' });
    const lists = workbook.getWorksheet('可选值')!;
    expect((lists.getColumn(1).values as unknown[]).slice(2)).toEqual([...VOCABULARY.activityKind]);
    expect(workbook.getWorksheet('说明')!.getCell('A2').value).toBe('类别');
    // The instructions say what the import reads besides the bare table (they said not to rename the sheet, and not to merge any cell).
    const notes = (workbook.getWorksheet('说明')!.getColumn(3).values as unknown[]).map(String).join('\n');
    expect(notes).toContain('表头以下不要合并单元格');
    expect(notes).toMatch(/表头上方可加标题行.*可加“序号”列和“备注”列（表头也可写作“备注说明”、“说明”，该列不导入），末尾的“合计”行和落款（填报人、审核人、负责人、联系电话、单位（盖章）、签字、备注、以下空白等，写在该行第一格）不会导入；工作表改名也可导入/);
    expect(notes).not.toContain('不要改动表头和工作表名称');
    // An empty template is no ledger to import.
    await expect(readLedgerFile(path, ACTIVITIES)).rejects.toThrow(/没有数据行/);
  });

  test('rows typed every way a clerk types them give the same input and the same key', async () => {
    const path = await workbookFile('typed.xlsx', (sheet) => {
      sheet.addRow(GOOD_ROW);
      sheet.addRow(['座谈交流 ', ' 川渝联席座谈会', 45383, `${ORG}  `, '２', '35', { formula: 'E3-E3', result: 0 }, '']);
      sheet.addRow(['座谈交流', '川渝联席座谈会', '2024/4/1', ORG, 2, 35, 0, null]);
    });
    const rows = parseLedgerRows((await readLedgerFile(path, ACTIVITIES)).rows, ACTIVITIES);
    const expected = { kind: '座谈交流', title: '川渝联席座谈会', heldOn: '2024-04-01', organizerId: ORG, sessions: 2, personTimes: 35, talentsRecruited: 0 };
    expect(rows.map((r) => [r.line, r.input, r.problems])).toEqual([2, 3, 4].map((line) => [line, expected, []]));
    const keys = new Set(rows.map((r) => rowKey(ACTIVITIES, 'sichuan', r.input!)));
    expect(keys.size).toBe(1);
    expect(rowKey(ACTIVITIES, 'chongqing', rows[0]!.input!)).not.toBe([...keys][0]);
  });

  test('an optional number left blank and the same cell holding the store’s default are one row (one key), the blank row’s key as before', async () => {
    const path = await workbookFile('defaults.xlsx', (sheet) => {
      sheet.addRow(['培训', '默认值', '2024-04-01', ORG, null, null, null, null]);
      sheet.addRow(['培训', '默认值', '2024-04-01', ORG, 1, 0, '０', null]);
      sheet.addRow(['培训', '默认值', '2024-04-01', ORG, 2, 0, 0, null]);
    });
    const [blank, filled, other] = parseLedgerRows((await readLedgerFile(path, ACTIVITIES)).rows, ACTIVITIES).map((r) => rowKey(ACTIVITIES, 'sichuan', r.input!));
    expect(filled).toBe(blank);
    expect(other).not.toBe(blank);
    // The key a blank row had before defaults were known: a file imported then is recognised now.
    const input = { kind: '培训', title: '默认值', heldOn: '2024-04-01', organizerId: ORG };
    expect(blank).toBe(`ledger:activities:sichuan:${createHash('sha256').update(canonicalJson(['activities', 'sichuan', input])).digest('hex').slice(0, 40)}`);
    const cases = ledgerKind('service-cases');
    const region = 'sichuan:Region:510904';
    expect(rowKey(cases, 'sichuan', { kind: '异地就医结算', handledOn: '2024-04-01', regionId: region, people: 0, households: 0, amountWan: 0 }))
      .toBe(rowKey(cases, 'sichuan', { kind: '异地就医结算', handledOn: '2024-04-01', regionId: region }));
  });

  test('a bad row names its column and reason; the others are unaffected', async () => {
    const path = await workbookFile('bad-rows.xlsx', (sheet) => {
      sheet.addRow(GOOD_ROW);
      sheet.addRow(['聚餐', '', '2024-02-30', ORG, -1, 35, 0, null]);
      sheet.addRow(['培训', '党员培训', { formula: 'TODAY()' }, ORG, 1, 20, 0, null]);
    });
    const [good, bad, formula] = parseLedgerRows((await readLedgerFile(path, ACTIVITIES)).rows, ACTIVITIES);
    expect(good!.problems).toEqual([]);
    expect(bad!.input).toBeNull();
    expect(bad!.problems.map((p) => p.column)).toEqual(['类别', '名称', '举办日期', '场次']);
    expect(bad!.problems[0]!.reason).toMatch(/不在可选范围内/);
    expect(bad!.problems[1]!.reason).toMatch(/必填/);
    expect(formula!.problems).toEqual([{ column: '举办日期', reason: expect.stringMatching(/公式没有保存的计算结果/) }]);
  });

  test('an error value (#N/A pasted as a value, or a formula that saved #DIV/0!) is refused on its column, never read as blank', async () => {
    const path = await workbookFile('error-values.xlsx', (sheet) => {
      sheet.addRow(['培训', '粘贴的错误值', new Date(Date.UTC(2024, 3, 1)), ORG, 1, { error: '#N/A' }, null, null]);
      sheet.addRow(['培训', '出错的公式', new Date(Date.UTC(2024, 3, 1)), ORG, 1, { formula: 'F2/0', result: { error: '#DIV/0!' } }, null, null]);
    });
    const rows = parseLedgerRows((await readLedgerFile(path, ACTIVITIES)).rows, ACTIVITIES);
    expect(rows.map((r) => [r.input, r.problems])).toEqual([
      [null, [{ column: '人次', reason: '单元格是错误值 #N/A（公式出错，或粘贴了出错的结果），请改正后重新填写' }]],
      [null, [{ column: '人次', reason: '单元格是错误值 #DIV/0!（公式出错，或粘贴了出错的结果），请改正后重新填写' }]],
    ]);
    // The report shows the clerk the error value the row holds, not an empty cell.
    const report = importReport(ACTIVITIES, rows.map((r) => ({ ...r, status: '错误', recordId: null })));
    expect(report.getWorksheet('导入结果')!.getColumn(6).values.slice(2)).toEqual(['#N/A', '#DIV/0!']);
    // Ruled as the exports are, every cell of every row (blank ones too), so a printed report's columns do not run together.
    const sheet = report.getWorksheet('导入结果')!;
    const thin = { style: 'thin' };
    for (const line of [1, 2, 3]) for (let column = 1; column <= sheet.columnCount; column++) expect(sheet.getRow(line).getCell(column).border).toMatchObject({ top: thin, left: thin, bottom: thin, right: thin });
  });

  test('an Excel 97-2003 workbook renamed .xlsx, and an .xlsx with a password to open, are refused saying so and what to do (both were “可能已损坏”)', async () => {
    const compound = (...streams: string[]) => Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504), ...streams.map((name) => Buffer.from(name, 'utf16le')), Buffer.alloc(1024)]);
    await writeFile(join(dir, 'renamed.xlsx'), compound('Workbook', 'SummaryInformation'));
    await expect(readLedgerFile(join(dir, 'renamed.xlsx'), ACTIVITIES)).rejects.toThrow('这是旧版 Excel 97-2003 工作簿（.xls），只改扩展名不会转换格式，未导入任何内容。请在 Excel 或 WPS 中打开，另存为“Excel 工作簿（*.xlsx）”后再导入。');
    await writeFile(join(dir, 'locked.xlsx'), compound('EncryptionInfo', 'EncryptedPackage'));
    await expect(readLedgerFile(join(dir, 'locked.xlsx'), ACTIVITIES)).rejects.toThrow(/^工作簿设有打开密码，无法读取，未导入任何内容。请在 Excel 或 WPS 中打开，取消打开密码/);
  });

  test('a Word document renamed .xlsx is refused as not an Excel workbook, saying what it is (it was 没有名为“活动台账”的工作表（现有：（无））); a zip of anything else as no workbook', async () => {
    const document = new Document({ sections: [{ children: [new Paragraph('双江镇2024年党建活动台账')] }] });
    await writeFile(join(dir, 'word.xlsx'), await Packer.toBuffer(document));
    await expect(readLedgerFile(join(dir, 'word.xlsx'), ACTIVITIES)).rejects.toThrow(
      '这是 Word 文档（.docx），不是 Excel 工作簿，只改扩展名不会转换格式，未导入任何内容。请在 Excel 或 WPS 表格中打开台账（Word 中的表格可复制到 Excel 中），另存为“Excel 工作簿（*.xlsx）”后再导入。',
    );
    await writeFile(join(dir, 'zip.xlsx'), zipOf({ 'readme.txt': Buffer.from('台账') }));
    await expect(readLedgerFile(join(dir, 'zip.xlsx'), ACTIVITIES)).rejects.toThrow(/^文件不是有效的 Excel 工作簿（.xlsx）/);
    // A workbook made by exceljs (and the templates) still opens.
    expect(parseLedgerRows((await readLedgerFile(await workbookFile('real.xlsx', (sheet) => sheet.addRow(GOOD_ROW)), ACTIVITIES)).rows, ACTIVITIES)).toHaveLength(1);
  });

  test('a workbook that unpacks past the budget (a zip bomb) is refused before exceljs opens it', async () => {
    const bomb = zipOf({ '[Content_Types].xml': Buffer.from('<Types/>'), 'xl/worksheets/sheet1.xml': Buffer.alloc(8 * 1024 * 1024, 0x20) });
    expect(bomb.length).toBeLessThan(64 * 1024);
    expect(() => checkUnzippedSize(bomb, 4 * 1024 * 1024)).toThrow(/解压后超过 4 MB/);
    expect(() => checkUnzippedSize(bomb, 16 * 1024 * 1024)).not.toThrow();
    // A real template passes under the default budget, and its sizes are not taken on trust:
    // the declared size of a member, lowered, changes nothing.
    const template = await readFile(await workbookFile('budget.xlsx', (sheet) => sheet.addRow(GOOD_ROW)));
    expect(() => checkUnzippedSize(template)).not.toThrow();
    const lying = Buffer.from(bomb);
    const central = lying.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    lying.writeUInt32LE(1, central + 24);
    expect(() => checkUnzippedSize(lying, 4 * 1024 * 1024)).toThrow(/解压后超过/);
    await writeFile(join(dir, 'bomb.xlsx'), Buffer.concat([bomb.subarray(0, 100), Buffer.alloc(10)]));
    await expect(readLedgerFile(join(dir, 'bomb.xlsx'), ACTIVITIES)).rejects.toThrow(/不是有效的 Excel 工作簿/);
  });

  test.each<[string, (sheet: ExcelJS.Worksheet, workbook: ExcelJS.Workbook) => void, RegExp]>([
    ['a renamed header', (s) => ((s.getCell('C1').value = '日期'), s.addRow(GOOD_ROW)), /缺少列：“举办日期”；无法识别的列：“日期”/],
    // A count left out is not read as its default (所属联盟ID is: see below), and the refusal says why.
    ['a missing count', (s) => (s.spliceColumns(6, 1), s.addRow(GOOD_ROW)), /缺少列：“人次”（“人次”是数字列，整列缺少时无法知道各行的数值，按默认值（“人次”为 0）导入会改变统计数字，所以不导入；请加上这一列逐行填写后再导入）/],
    ['a missing required header', (s) => (s.spliceColumns(3, 1), s.addRow(GOOD_ROW)), /缺少列：“举办日期”）/],
    ['merged cells', (s) => (s.addRow(GOOD_ROW), s.addRow(GOOD_ROW), s.mergeCells('A2:A3')), /合并单元格（A2:A3）/],
    ['a sheet of another name without the headers', (s) => ((s.name = 'Sheet1'), s.spliceRows(1, 1, ['活动', '日期']), s.addRow(GOOD_ROW)), /没有名为“活动台账”的工作表（现有：“Sheet1”、“说明”、“可选值”），也没有表头为活动台账各列的工作表。请使用 活动台账模板，或把台账所在工作表的表头改为：类别、名称/],
  ])('%s: the file is refused', async (name, fill, message) => {
    const path = await workbookFile(`${name}.xlsx`, fill);
    const refusal = await readLedgerFile(path, ACTIVITIES).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(LedgerError);
    expect((refusal as Error).message).toMatch(message);
  });

  test('a ledger as a clerk makes it: a title merged above the header and a line with a header-like 日期, a 序号 column, headers with a line break, a note or a *, other columns’ order, a blank and a numbered-only row, a totals row: the rows a clerk means, nothing else', async () => {
    const path = join(dir, 'clerk.xlsx');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet(ACTIVITIES.sheet);
    sheet.addRow(['遂宁市安居区2021年上半年党建联建活动台账']);
    sheet.mergeCells('A1:I1');
    sheet.addRow(['填报单位：安居区委组织部', null, null, null, null, '日期', '2021.7.1']);
    sheet.mergeCells('A2:E2');
    sheet.addRow(['序号', '*名称', '类别（必填）', '举办\n日期', '主办组织(必填)', '场次', '人次', '引进人才', ' 所属联盟ID ']);
    sheet.addRow([1, '川渝联席座谈会', '座谈交流', '2021.3.5', ORG, 1, 35, null, null]);
    sheet.addRow([]);
    sheet.addRow([2, '基层党务干部培训班', '培训', '2021年3月12日', ORG, '２', '１２０', null, null]);
    sheet.addRow([3]);
    sheet.addRow(['合 计', null, null, null, null, 3, 155, null, null]);
    await workbook.xlsx.writeFile(path);
    const { rows, passedOver } = await readLedgerFile(path, ACTIVITIES);
    expect(rows.map((r) => r.line)).toEqual([4, 6]);
    // The filled rows read as no record are said, each run once (they were passed over in silence); a blank row is nothing to say.
    expect(passedOver.map(passedOverSentence)).toEqual(['第 1–2 行为表头上方的标题，未导入', '第 7 行只填了序号，未导入', '第 8 行为合计行，未导入']);
    expect(parseLedgerRows(rows, ACTIVITIES).map((r) => r.input)).toEqual([
      { kind: '座谈交流', title: '川渝联席座谈会', heldOn: '2021-03-05', organizerId: ORG, sessions: 1, personTimes: 35 },
      { kind: '培训', title: '基层党务干部培训班', heldOn: '2021-03-12', organizerId: ORG, sessions: 2, personTimes: 120 },
    ]);
    // A CSV the same: its title line above the header.
    const csv = join(dir, 'clerk.csv');
    await writeFile(csv, `遂宁市2021年上半年党建联建活动台账,,,,,,,,\r\n序号,${HEADERS.join(',')}\r\n1,培训,党员培训,2021-03-05,${ORG},1,20,,\r\n合计,,,,,1,20,,\r\n`);
    const fromCsv = await readLedgerFile(csv, ACTIVITIES);
    expect(fromCsv.rows.map((r) => r.line)).toEqual([3]);
    expect(fromCsv.passedOver.map(passedOverSentence)).toEqual(['第 1 行为表头上方的标题，未导入', '第 4 行为合计行，未导入']);
    // Merged cells from the header down still hide cells: refused; a column neither the kind's nor 序号 is still named.
    sheet.mergeCells('B4:B5');
    await workbook.xlsx.writeFile(path);
    await expect(readLedgerFile(path, ACTIVITIES)).rejects.toThrow('含有合并单元格（B4:B5）');
    // A remarks column (备注, 说明 with a note) is read as nothing and said once (the file was refused: 无法识别的列：“备注”); a row of only a remark is no record.
    await writeFile(csv, `遂宁市2021年上半年党建联建活动台账\r\n备注,${HEADERS.join(',')},说明（其他）\r\n备注一句,培训,党员培训,2021-03-05,${ORG},1,20,,,\r\n,,,,,,,,,只有说明\r\n`);
    const remarked = await readLedgerFile(csv, ACTIVITIES);
    expect(parseLedgerRows(remarked.rows, ACTIVITIES).map((r) => [r.line, r.input?.title, r.problems])).toEqual([[3, '党员培训', []]]);
    expect(remarked.remarks).toEqual(['备注', '说明（其他）']);
    expect(remarkColumnsSentence(remarked.remarks)).toBe('本文件的“备注”、“说明（其他）”列不导入');
    expect(remarked.passedOver.map(passedOverSentence)).toEqual(['第 1 行为表头上方的标题，未导入', '第 4 行只填了备注，未导入']);
    const summary: unknown[] = [];
    importReport(ACTIVITIES, Object.assign([], { passedOver: [], absent: [], remarks: remarked.remarks })).getWorksheet('汇总')!.eachRow((row) => summary.push(row.getCell(2).value));
    expect(summary).toContain('本文件的“备注”、“说明（其他）”列不导入');
    // Any other header neither the kind's nor 序号 is still refused, named.
    await writeFile(csv, `遂宁市2021年上半年党建联建活动台账\r\n联系人,${HEADERS.join(',')}\r\n,培训,党员培训,2021-03-05,${ORG},1,20,,\r\n`);
    await expect(readLedgerFile(csv, ACTIVITIES)).rejects.toThrow('第 2 行的表头与活动台账模板不符（无法识别的列：“联系人”）');
    // An unknown header is named as typed (it was named half-width: 备注(说明)：, which the clerk never typed).
    await writeFile(csv, `${HEADERS.join(',')},备注（说明）：\r\n培训,党员培训,2021-03-05,${ORG},1,20,,,\r\n`);
    await expect(readLedgerFile(csv, ACTIVITIES)).rejects.toThrow('无法识别的列：“备注（说明）：”');
    // Another kind's ledger under a title is still told as such.
    await writeFile(csv, '安居区服务事项台账\r\n类别,办理日期,办理地,人数,户数,金额（万元）,所属联盟ID\r\n户口迁移,2024-04-01,磨溪镇,1,1,0,\r\n');
    await expect(readLedgerFile(csv, ACTIVITIES)).rejects.toThrow('第 2 行的表头不是活动台账的。这是服务事项台账（表头：类别、办理日期、办理地、人数、户数、金额（万元）、所属联盟ID），请选择台账类型“服务事项”（命令行 --kind service-cases）再导入');
  });

  test('a two-level header (活动情况 merged over 场次 人次 引进人才, the other columns merged down both rows or blank below) is read as one; one that is still not the kind’s is refused saying so first, and how to fix it', async () => {
    const twoLevel = async (name: string, vertical: boolean, under = '引进人才', sheetName = ACTIVITIES.sheet) => {
      const path = join(dir, name);
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet(sheetName);
      sheet.addRow(['遂宁市安居区2021年上半年党建联建活动台账']);
      sheet.mergeCells('A1:H1');
      sheet.addRow(['类别', '名称', '举办日期', '主办组织', '活动情况', null, null, '所属联盟ID']);
      sheet.addRow([null, null, null, null, '场次', '人次', under, null]);
      sheet.mergeCells('E2:G2');
      if (vertical) for (const column of ['A', 'B', 'C', 'D', 'H']) sheet.mergeCells(`${column}2:${column}3`);
      sheet.addRow(['培训', '党员培训', '2021-03-05', ORG, 2, 40, 0, null]);
      sheet.addRow(['合计', null, null, null, 2, 40, 0, null]);
      await workbook.xlsx.writeFile(path);
      return path;
    };
    const meant = [{ kind: '培训', title: '党员培训', heldOn: '2021-03-05', organizerId: ORG, sessions: 2, personTimes: 40, talentsRecruited: 0 }];
    // Merged down both rows (it was refused for the merges A2:A3 …), and blank below in a sheet of the clerk's name
    // (it was refused: 缺少列 场次 人次 引进人才, 无法识别的列 活动情况 three times, 重复的列 活动情况).
    for (const path of [await twoLevel('two-level-merged.xlsx', true), await twoLevel('two-level-blank.xlsx', false, '引进人才', 'Sheet1')]) {
      const table = await readLedgerFile(path, ACTIVITIES);
      expect(parseLedgerRows(table.rows, ACTIVITIES).map((r) => [r.line, r.input])).toEqual([[4, meant[0]]]);
      expect(table.passedOver.map(passedOverSentence)).toEqual(['第 1 行为表头上方的标题，未导入', '第 5 行为合计行，未导入']);
    }
    const csv = join(dir, 'two-level.csv');
    await writeFile(csv, `类别,名称,举办日期,主办组织,活动情况,,,所属联盟ID\r\n,,,,场次,人次,引进人才,\r\n培训,党员培训,2021-03-05,${ORG},2,40,0,\r\n`);
    expect(parseLedgerRows((await readLedgerFile(csv, ACTIVITIES)).rows, ACTIVITIES).map((r) => r.input)).toEqual(meant);
    // Still not the kind's: the refusal says first that the header is of two rows, what is under the group, and to keep one row.
    await expect(readLedgerFile(await twoLevel('two-level-unknown.xlsx', true, '联系人'), ACTIVITIES)).rejects.toThrow(
      '第 2–3 行是两行表头（“活动情况”下分“场次”、“人次”、“联系人”），合起来仍与活动台账模板不符（无法识别的列：“联系人”）。请只保留一行表头：删去分组的那一行并取消合并（E2:G2、A2:A3、B2:B3、C2:C3、D2:D3、H2:H3），每列一个表头，表头应为：类别、名称、举办日期、主办组织、场次、人次、引进人才、所属联盟ID。未导入任何内容。',
    );
    // Merged cells below a two-level header still hide cells.
    const merged = await twoLevel('two-level-merge-below.xlsx', false);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(merged);
    book.getWorksheet(ACTIVITIES.sheet)!.mergeCells('A4:A5');
    await book.xlsx.writeFile(merged);
    await expect(readLedgerFile(merged, ACTIVITIES)).rejects.toThrow('含有合并单元格（A4:A5）');
  });

  test('merged header cells: a group whose label is also a column’s header (联系方式 over 联系电话 and 家庭住址) and a header merged down two rows are read; header cells merged otherwise are refused naming them, saying to unmerge the header', async () => {
    const people = ledgerKind('people');
    const workbookOf = async (fill: (sheet: ExcelJS.Worksheet) => void) => {
      const workbook = new ExcelJS.Workbook();
      fill(workbook.addWorksheet('人员台账'));
      return new Uint8Array(await workbook.xlsx.writeBuffer());
    };
    const grouped = (vertical: boolean) => workbookOf((sheet) => {
      sheet.addRow(['序号', '姓名', '性别', '所在组织', '联系方式', null, '公民身份号码', '出生日期']);
      sheet.addRow([null, null, null, null, '联系电话', '家庭住址', null, null]);
      sheet.mergeCells('E1:F1');
      if (vertical) for (const column of ['A', 'B', 'C', 'D', 'G', 'H']) sheet.mergeCells(`${column}1:${column}2`);
      sheet.addRow([1, '陈刚', '男', ORG, '13812345678', '双江镇正街12号', null, null]);
    });
    const meant = { name: '陈刚', gender: '男', organizationId: ORG, phone: '13812345678', address: '双江镇正街12号' };
    // It was refused: 重复的列：“联系电话” (联系方式, a header clerks give 联系电话, read in both columns it covers), 缺少 住址.
    for (const bytes of [await grouped(true), await grouped(false)]) {
      expect(parseLedgerRows((await readLedgerFile({ name: '人员.xlsx', bytes }, people)).rows, people).map((r) => [r.line, r.input])).toEqual([[3, meant]]);
    }
    const csv = join(dir, 'grouped-people.csv');
    await writeFile(csv, `序号,姓名,性别,所在组织,联系方式,,公民身份号码,出生日期\r\n,,,,联系电话,家庭住址,,\r\n1,陈刚,男,${ORG},13812345678,双江镇正街12号,,\r\n`);
    expect(parseLedgerRows((await readLedgerFile(csv, people)).rows, people).map((r) => r.input)).toEqual([meant]);
    // Every header cell merged down two rows (A1:A2 …): it was refused as data rows' merges (请取消合并并在每一行填写完整后再导入).
    const mergedDown = await workbookOf((sheet) => {
      sheet.name = ACTIVITIES.sheet;
      sheet.addRow(HEADERS);
      sheet.addRow(HEADERS);
      for (const column of 'ABCDEFGH') sheet.mergeCells(`${column}1:${column}2`);
      sheet.addRow(GOOD_ROW);
    });
    const table = await readLedgerFile({ name: '活动.xlsx', bytes: mergedDown }, ACTIVITIES);
    expect(parseLedgerRows(table.rows, ACTIVITIES).map((r) => [r.line, r.input?.title, r.problems])).toEqual([[3, '川渝联席座谈会', []]]);
    // 类别 merged across A1:B1 over a one-row header: it was 缺少列 and 重复的列 alone, never saying why.
    const across = await workbookOf((sheet) => {
      sheet.name = ACTIVITIES.sheet;
      sheet.addRow(['类别', null, ...HEADERS.slice(2)]);
      sheet.mergeCells('A1:B1');
      sheet.addRow(GOOD_ROW);
    });
    await expect(readLedgerFile({ name: '活动.xlsx', bytes: across }, ACTIVITIES)).rejects.toThrow(
      '第 1 行的表头与活动台账模板不符（缺少列：“名称”；重复的列：“类别”）。表头有合并单元格（A1:B1），合并的单元格在它所占的每一列都读作同一个表头；请取消表头的合并，每列填写一个表头。表头应为：',
    );
    // A header cell merged down into a record's row: the header's to unmerge (it said 请取消合并并在每一行填写完整, a data row's advice).
    const intoData = await workbookOf((sheet) => {
      sheet.name = ACTIVITIES.sheet;
      sheet.addRow(HEADERS);
      sheet.addRow([null, ...GOOD_ROW.slice(1)]);
      sheet.addRow(GOOD_ROW);
      sheet.mergeCells('A1:A2');
      sheet.mergeCells('B3:C3');
    });
    await expect(readLedgerFile({ name: '活动.xlsx', bytes: intoData }, ACTIVITIES)).rejects.toThrow(
      '工作表“活动台账”的表头有合并单元格（A1:A2）合并到了表头以下的行，请取消表头的合并，每列只在表头行填写一个表头；另外含有合并单元格（B3:C3），请取消合并并在每一行填写完整后再导入。',
    );
  });

  test('a clerk’s own headers for a column (活动名称, 活动日期, 主办单位, 参与人次) are read as the column; no alias of a kind is another column’s header or alias; the 说明 lists them', async () => {
    const csv = join(dir, 'own-headers.csv');
    await writeFile(csv, `序号,活动类别,活动名称,活动日期,主办单位（必填）,活动场次,参与人次,引进人才,所属联盟ID\r\n1,培训,党员培训,2021-03-05,${ORG},1,20,,\r\n`);
    const { rows } = await readLedgerFile(csv, ACTIVITIES);
    expect(parseLedgerRows(rows, ACTIVITIES)[0]!.input).toEqual({ kind: '培训', title: '党员培训', heldOn: '2021-03-05', organizerId: ORG, sessions: 1, personTimes: 20 });
    for (const kind of Object.values(LEDGER_KINDS)) {
      const forms = kind.columns.flatMap((c) => [c.header, ...(c.aliases ?? [])]);
      expect(new Set(forms).size, kind.kind).toBe(forms.length);
      // A header that could be either of several columns is none's header or alias, and names two or more of the kind's headers.
      for (const [header, columns] of Object.entries(kind.ambiguousHeaders ?? {})) {
        expect(forms, `${kind.kind}: ${header}`).not.toContain(header);
        expect(columns.length, `${kind.kind}: ${header}`).toBeGreaterThanOrEqual(2);
        for (const column of columns) expect(kind.columns.map((c) => c.header), `${kind.kind}: ${header}`).toContain(column);
      }
    }
    // Every kind answers to a clerk's own headers, not activities alone.
    for (const kind of Object.values(LEDGER_KINDS)) expect(kind.columns.some((c) => c.aliases?.length), kind.kind).toBe(true);
    // A header that could be either column is named, with a note after it too, not taken for one of them.
    const teams = ledgerKind('teams');
    const unclear = join(dir, 'unclear-headers.csv');
    await writeFile(unclear, '队伍名称,队伍类型（必填）,队伍小类,所属党组织,成立时间,所属联盟ID\r\n巡逻一队,志愿服务队,巡逻队,磨溪镇党委,2024-02-01,\r\n');
    await expect(readLedgerFile(unclear, teams)).rejects.toThrow('第 1 行的表头与队伍台账模板不符（表头“队伍类型（必填）”可能是“类型”，也可能是“类别”，无法确定是哪一列，请把表头改为其中之一；缺少列：“类型”）');
    const teamNotes = [...(ledgerTemplate(teams).getWorksheet('说明')!.getColumn(3).values as unknown[])].map(String);
    expect(teamNotes).toContain('以下表头可能指不同的列，导入时不会猜测，整个文件会被拒绝，请改为本模板的表头：队伍类型（类型或类别）、队伍类别（类型或类别）、队伍种类（类型或类别）。');
    expect(teamNotes.find((n) => n.startsWith('本方所属党组织的全称'))).toMatch(/（自制台账的表头也可写作：所属党组织、所属单位、组建单位、依托单位）$/);
    const notes = (ledgerTemplate(ACTIVITIES).getWorksheet('说明')!.getColumn(3).values as unknown[]).map(String);
    expect(notes).toContain('活动名称，如“川渝联席座谈会”（自制台账的表头也可写作：活动名称、活动主题）');
  });

  test('a clerk’s ledger without an optional text, ID, vocabulary or date column (所属联盟ID, 性别, 住址 …) is read, each row as if the cell were blank, and the columns it lacks are said once; a count or an amount left out is still refused, saying why', async () => {
    const serviceCases = ledgerKind('service-cases');
    // The colleague's file: a clerk's own 服务事项台账, without 所属联盟ID (it was refused, 缺少列：“所属联盟ID”).
    const csv = join(dir, 'no-alliance.csv');
    await writeFile(csv, '事项名称,受理时间,办理地点,服务人数,服务户数,涉及金额（万元）\r\n户口迁移,2024-04-01,磨溪镇,3,1,0.5\r\n');
    const table = await readLedgerFile(csv, serviceCases);
    expect(table.absent).toEqual(['所属联盟ID']);
    const [row] = parseLedgerRows(table.rows, serviceCases);
    expect(row!.problems).toEqual([]);
    expect(row!.input).toEqual({ kind: '户口迁移', handledOn: '2024-04-01', regionId: '磨溪镇', people: 3, households: 1, amountWan: 0.5 });
    // The same as the column present and left blank: the same input, the same idempotency key (a re-import of either is 已存在).
    const blank = join(dir, 'blank-alliance.csv');
    await writeFile(blank, '事项名称,受理时间,办理地点,服务人数,服务户数,涉及金额（万元）,所属联盟ID\r\n户口迁移,2024-04-01,磨溪镇,3,1,0.5,\r\n');
    const withBlank = await readLedgerFile(blank, serviceCases);
    expect(withBlank.absent).toEqual([]);
    const [blankRow] = parseLedgerRows(withBlank.rows, serviceCases);
    expect(blankRow!.input).toEqual(row!.input);
    expect(rowKey(serviceCases, 'sichuan', blankRow!.input!)).toBe(rowKey(serviceCases, 'sichuan', row!.input!));
    // The report's 汇总 says it once; its rows have the column, blank.
    const report = importReport(serviceCases, Object.assign(parseLedgerRows(table.rows, serviceCases).map((r) => ({ ...r, status: '已导入' as const, recordId: null })), { passedOver: [], absent: table.absent }));
    const summary: unknown[][] = [];
    report.getWorksheet('汇总')!.eachRow((r) => summary.push([r.getCell(1).value, r.getCell(2).value]));
    expect(summary.filter(([label]) => label === '说明')).toEqual([['说明', '文件中没有“所属联盟ID”列，各行按未填写导入（之后补上这些列再导入，已导入的行会被当作新记录重复登记）']]);
    expect(absentColumnsSentence(['性别', '住址'])).toBe('文件中没有“性别”、“住址”列，各行按未填写导入（之后补上这些列再导入，已导入的行会被当作新记录重复登记）');

    // A people ledger of a clerk's own sheet name with its two required columns only: the sheet is the ledger, the five optional columns absent.
    const people = ledgerKind('people');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Sheet1');
    sheet.addRow(['安居区党员名册']);
    sheet.addRow(['序号', '姓名', '所在党支部']);
    sheet.addRow([1, '张三', '磨溪镇党委']);
    const path = join(dir, 'people-two-columns.xlsx');
    await workbook.xlsx.writeFile(path);
    const peopleTable = await readLedgerFile(path, people);
    expect(peopleTable.absent).toEqual(['性别', '联系电话', '公民身份号码', '出生日期', '住址']);
    expect(parseLedgerRows(peopleTable.rows, people).map((r) => [r.line, r.input])).toEqual([[3, { name: '张三', organizationId: '磨溪镇党委' }]]);

    // A count or an amount left out stays refused (its blank is 0, and a whole column of 0 would change the figures), saying why; a required column as before.
    await writeFile(csv, '事项名称,受理时间,办理地点,服务人数,涉及金额（万元）\r\n户口迁移,2024-04-01,磨溪镇,3,0.5\r\n');
    await expect(readLedgerFile(csv, serviceCases)).rejects.toThrow('第 1 行的表头与服务事项台账模板不符（缺少列：“户数”（“户数”是数字列，整列缺少时无法知道各行的数值，按默认值（“户数”为 0）导入会改变统计数字，所以不导入；请加上这一列逐行填写后再导入））。');
    await writeFile(csv, '事项名称,办理地点,服务人数,服务户数\r\n户口迁移,磨溪镇,3,1\r\n');
    await expect(readLedgerFile(csv, serviceCases)).rejects.toThrow('（缺少列：“办理日期”、“金额（万元）”（“金额（万元）”是数字列，整列缺少时无法知道各行的数值，按默认值（“金额（万元）”为 0）导入会改变统计数字，所以不导入；请加上这一列逐行填写后再导入））');

    // 引进人才 applies to 引才活动 only (the store refuses it above 0 on any other kind): left out, every other row is read as blank (0, the
    // only value it may hold there), and a 引才活动 row is refused on it, its 0 would be a figure.
    const activities = join(dir, 'no-talents.csv');
    await writeFile(activities, `活动类别,活动名称,活动日期,主办单位,活动场次,参与人次\r\n培训,党员培训,2021-03-05,${ORG},1,20\r\n引才活动,人才招聘会,2021-03-06,${ORG},1,50\r\n`);
    const activitiesTable = await readLedgerFile(activities, ACTIVITIES);
    expect(activitiesTable.absent).toEqual(['引进人才', '所属联盟ID']);
    expect(parseLedgerRows(activitiesTable.rows, ACTIVITIES).map((r) => [r.line, r.input, r.problems])).toEqual([
      [2, { kind: '培训', title: '党员培训', heldOn: '2021-03-05', organizerId: ORG, sessions: 1, personTimes: 20 }, []],
      [3, null, [{ column: '引进人才', reason: '文件中没有“引进人才”列，而“引才活动”须填写引进人才；请加上这一列逐行填写后再导入' }]],
    ]);
    expect((ledgerTemplate(ACTIVITIES).getWorksheet('说明')!.getColumn(3).values as unknown[]).map(String)).toContain('自制台账可以没有引进人才（引才活动须填写）、所属联盟ID列，导入时各行按未填写处理，导入结果中会注明；场次、人次是数字列，不能整列缺少（整列按默认值导入会改变统计数字），个别行没有可留空（按默认值计）；必填列不能缺少。');

    // The template's 说明 says which columns may be left out and which not.
    const notes = (ledgerTemplate(serviceCases).getWorksheet('说明')!.getColumn(3).values as unknown[]).map(String);
    expect(notes).toContain('自制台账可以没有所属联盟ID列，导入时各行按未填写处理，导入结果中会注明；人数、户数、金额（万元）是数字列，不能整列缺少（整列按默认值导入会改变统计数字），个别行没有可留空（按默认值计）；必填列不能缺少。');
  });

  test('a clerk’s own workbook, its sheet named as the clerk names it: the one visible sheet with the kind’s headers is read (a hidden one is not); two such sheets are refused, naming both', async () => {
    const path = join(dir, 'own-sheet.xlsx');
    const workbook = new ExcelJS.Workbook();
    const old = workbook.addWorksheet('2020年');
    old.state = 'hidden';
    old.addRow(HEADERS);
    old.addRow(['培训', '旧的一行', '2020-01-02', ORG, 1, 1, 0, null]);
    workbook.addWorksheet('封面').addRow(['遂宁市安居区党建联建活动台账']);
    const own = workbook.addWorksheet('2021年上半年');
    own.addRow(['遂宁市安居区2021年上半年党建联建活动台账']);
    own.addRow(HEADERS);
    own.addRow(GOOD_ROW);
    await workbook.xlsx.writeFile(path);
    expect(await titlesRead(path)).toEqual([[3, '川渝联席座谈会']]);
    addOwnSheet(workbook, '2021年下半年', GOOD_ROW);
    await workbook.xlsx.writeFile(path);
    await expect(readLedgerFile(path, ACTIVITIES)).rejects.toThrow('工作簿中有 2 个工作表的表头都是活动台账的（“2021年上半年”、“2021年下半年”），不知道导入哪一个：请只留下要导入的工作表，或把它命名为“活动台账”。未导入任何内容。');
  });

  test('a hidden sheet named as the kind (last period’s 活动台账, hidden) is not read: the visible sheet the clerk filled is; hidden and alone, it is refused saying it is hidden', async () => {
    const path = join(dir, 'hidden-named.xlsx');
    const workbook = ledgerTemplate(ACTIVITIES);
    const old = workbook.getWorksheet(ACTIVITIES.sheet)!;
    old.addRow(['培训', '上期的活动', '2020-12-02', ORG, 1, 10, 0, null]);
    old.state = 'hidden';
    const own = addOwnSheet(workbook, '2021年上半年', GOOD_ROW);
    await workbook.xlsx.writeFile(path);
    // The hidden 活动台账 was read: its old row came back 已存在, and the new period was never imported.
    expect(await titlesRead(path)).toEqual([[2, '川渝联席座谈会']]);
    workbook.removeWorksheet(own.id);
    await workbook.xlsx.writeFile(path);
    await expect(readLedgerFile(path, ACTIVITIES)).rejects.toThrow('工作表“活动台账”是隐藏的，隐藏的工作表不会读取；工作簿中也没有其他表头为活动台账各列的可见工作表。如要导入它，请在 Excel 或 WPS 中取消隐藏后再导入。未导入任何内容。');
  });

  test('the template’s 活动台账 left with its header only, the rows pasted into Sheet1 under the kind’s headers: Sheet1 is read; two such sheets are named in the refusal', async () => {
    const path = join(dir, 'pasted-elsewhere.xlsx');
    const workbook = ledgerTemplate(ACTIVITIES);
    addOwnSheet(workbook, 'Sheet1', GOOD_ROW);
    await workbook.xlsx.writeFile(path);
    // It was refused: 活动台账中只有表头，没有数据行, saying nothing of Sheet1.
    expect(await titlesRead(path)).toEqual([[2, '川渝联席座谈会']]);
    addOwnSheet(workbook, 'Sheet2', GOOD_ROW);
    await workbook.xlsx.writeFile(path);
    await expect(readLedgerFile(path, ACTIVITIES)).rejects.toThrow('工作表“活动台账”中只有表头，没有数据行。另有 2 个工作表（“Sheet1”、“Sheet2”）有活动台账的表头和数据行，不知道导入哪一个：请把要导入的行填在“活动台账”中，或每次只留一个。未导入任何内容。');
    // A filled 活动台账 beside them is no answer either: their rows were left out without a word (readLedgerSources.test.ts).
    workbook.getWorksheet(ACTIVITIES.sheet)!.addRow(['培训', '党员培训', '2021-03-05', ORG, 1, 20, 0, null]);
    await workbook.xlsx.writeFile(path);
    await expect(readLedgerFile(path, ACTIVITIES)).rejects.toThrow('工作表“活动台账”有数据行，另有 2 个工作表（“Sheet1”、“Sheet2”）也有活动台账的表头和数据行');
  });

  test('rows the clerk hid or filtered out in Excel (row hidden, an autofilter hiding it) are not imported: passed over as 隐藏行 with how to import them, counted as 略过 in the report; a sheet of only hidden rows is refused saying so', async () => {
    const path = join(dir, 'hidden-rows.xlsx');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet(ACTIVITIES.sheet);
    sheet.addRow(['序号', ...HEADERS]);
    sheet.addRow([1, '座谈交流', '隐藏的一行', '2021-03-05', ORG, 1, 10, null, null]);
    sheet.addRow([2, '座谈交流', '看得见的一行', '2021-03-06', ORG, 1, 10, null, null]);
    sheet.addRow([3, '培训', '筛选掉的一行', '2021-03-07', ORG, 1, 10, null, null]);
    sheet.addRow([4, '培训', '也筛选掉了', '2021-03-08', ORG, 1, 10, null, null]);
    sheet.autoFilter = 'A1:I5';
    for (const line of [2, 4, 5]) sheet.getRow(line).hidden = true;
    await workbook.xlsx.writeFile(path);
    // They came back 已导入 as any row, though the clerk saw (and meant) only 看得见的一行.
    const table = await readLedgerFile(path, ACTIVITIES);
    expect(table.rows.map((r) => r.line)).toEqual([3]);
    const said = ['第 2 行为隐藏行，未导入（如需导入，请先取消隐藏或清除筛选后再导入）', '第 4–5 行为隐藏行，未导入（如需导入，请先取消隐藏或清除筛选后再导入）'];
    expect(table.passedOver.map(passedOverSentence)).toEqual(said);
    const report = importReport(ACTIVITIES, Object.assign(parseLedgerRows(table.rows, ACTIVITIES).map((r) => ({ ...r, status: '已导入' as const, recordId: null })), { passedOver: table.passedOver, absent: [] }));
    const listed: unknown[][] = [];
    report.getWorksheet('导入结果')!.eachRow((row, line) => line > 1 && listed.push([row.getCell(HEADERS.length + 1).value, row.getCell(HEADERS.length + 2).value, row.getCell(HEADERS.length + 4).value]));
    expect(listed).toEqual([[2, '略过', said[0]], [3, '已导入', null], [4, '略过', said[1]]]);
    const summary: unknown[][] = [];
    report.getWorksheet('汇总')!.eachRow((row) => summary.push([row.getCell(1).value, row.getCell(2).value]));
    expect(summary).toContainEqual(['略过', 3]);
    // Every row hidden: no data row, said why.
    sheet.getRow(3).hidden = true;
    await workbook.xlsx.writeFile(path);
    await expect(readLedgerFile(path, ACTIVITIES)).rejects.toThrow('工作表“活动台账”中只有表头，没有数据行（第 2–5 行为隐藏行，隐藏的行不导入；如需导入，请先取消隐藏或清除筛选）。未导入任何内容。');
  });

  test('the totals rows and the footer of a clerk’s ledger (合计：, 本期合计, 合计(2项) merged across A:D, 填报人：… 审核人：… 填报日期：…) are passed over and told; a record whose text holds 合计 or 填报 stays a record', async () => {
    const path = join(dir, 'footer.xlsx');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('2021年上半年');
    sheet.addRow(['序号', '名称', '类别', '举办日期', '主办组织', '场次', '人次', '引进人才', '所属联盟ID']);
    sheet.addRow([1, '川渝联席座谈会', '座谈交流', '2021-03-05', ORG, 1, 35, null, null]);
    // Records, not totals nor footers: 合计 or 填报 in a name, even first in it, beside a kind, a date and an organizer that read.
    sheet.addRow([2, '合计：全年党建工作推进会', '座谈交流', '2021-03-06', ORG, 1, 20, null, null]);
    sheet.addRow([3, '填报人业务培训（合计3期）', '培训', '2021-03-07', ORG, 1, 12, null, null]);
    sheet.addRow([null, '合计：', null, null, null, 3, 67, null, null]);
    sheet.addRow([null, '本期合计', null, null, null, 3, 67, null, null]);
    sheet.addRow(['合计(2项)', null, null, null, null, 3, 67, null, null]);
    sheet.mergeCells('A7:D7');
    sheet.addRow([]);
    sheet.addRow(['填报人：张三', null, null, '审核人：李四', null, null, '填报日期：2021年7月1日', null, null]);
    await workbook.xlsx.writeFile(path);
    // They were data (and all-or-nothing refused the file), the merged 合计 the whole file (含有合并单元格（A7:D7）).
    const { rows, passedOver } = await readLedgerFile(path, ACTIVITIES);
    const parsed = parseLedgerRows(rows, ACTIVITIES);
    expect(parsed.map((r) => [r.line, r.input?.title, r.problems])).toEqual([
      [2, '川渝联席座谈会', []],
      [3, '合计：全年党建工作推进会', []],
      [4, '填报人业务培训（合计3期）', []],
    ]);
    expect(passedOver.map(passedOverSentence)).toEqual(['第 5–7 行为合计行，未导入', '第 9 行为落款，未导入']);
    // The same in a CSV; a merge over a record's row is still refused.
    const csv = join(dir, 'footer.csv');
    await writeFile(csv, `${HEADERS.join(',')}\r\n培训,党员培训,2021-03-05,${ORG},1,20,,\r\n合计：,,,,1,20,,\r\n填报人：张三,,审核人：李四,,,填报日期：2021年7月1日,,\r\n`);
    expect((await readLedgerFile(csv, ACTIVITIES)).passedOver.map(passedOverSentence)).toEqual(['第 3 行为合计行，未导入', '第 4 行为落款，未导入']);
    sheet.mergeCells('B3:C3');
    await workbook.xlsx.writeFile(path);
    await expect(readLedgerFile(path, ACTIVITIES)).rejects.toThrow('含有合并单元格（B3:C3）');
  });

  test('a row whose first filled cell is 合计 (总计, 小计) alone is a totals row whatever the rest holds (8人 under 姓名, 共3项 under 名称): passed over, not an error row', async () => {
    const people = ledgerKind('people');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('人员台账');
    sheet.addRow(['序号', ...people.columns.map((c) => c.header)]);
    sheet.addRow([1, '陈刚', '男', ORG, '13812345678', null, null, null]);
    sheet.addRow([2, '何平', '男', ORG, null, null, null, null]);
    // As a clerk's 人员台账 ends: 合计 in the 序号 column, the count of people under 姓名 (read as a person 8人, 所在组织 必填).
    sheet.addRow(['合计', '2人']);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const table = await readLedgerFile({ name: '人员.xlsx', bytes }, people);
    expect(table.rows.map((r) => r.line)).toEqual([2, 3]);
    expect(table.passedOver.map(passedOverSentence)).toEqual(['第 4 行为合计行，未导入']);
    // In a CSV, 小计 and 本期合计 in the first column beside what would read as a record's organizer and names (a name that begins with
    // 合计：, beside a kind, a date and an organizer, stays a record: the footer test above).
    const csv = join(dir, 'totals-with-words.csv');
    await writeFile(csv, [
      HEADERS.join(','),
      `培训,党员培训,2021-03-05,${ORG},1,20,,`,
      `小计,共1项,2021年3月,${ORG},1,20,,`,
      '本期合计,共2项,—,各党组织,2,40,,',
      '',
    ].join('\r\n'));
    const fromCsv = await readLedgerFile(csv, ACTIVITIES);
    expect(parseLedgerRows(fromCsv.rows, ACTIVITIES).map((r) => [r.line, r.input?.title])).toEqual([[2, '党员培训']]);
    expect(fromCsv.passedOver.map(passedOverSentence)).toEqual(['第 3 行为小计行，未导入', '第 4 行为合计行，未导入']);
  });

  test('footer lines beyond 填报人 (单位（盖章）：, 盖章：, 负责人：… 联系电话：…, 制表：, 书记签字：, 以下空白, 备注：… in the 序号 column) are passed over as 落款; a row whose required columns read as a record stays one whatever its first cell says', async () => {
    const csv = join(dir, 'footer-lines.csv');
    const footers = ['单位（盖章）：', '盖章：', '负责人：张三  联系电话：13800000000', '制表：', '审核：李四', '复核人：', '书记签字：', '党组织书记（签字）：', '日期：2021年7月1日', '附注：本表一式两份', '（以下空白）'];
    // The clerk's order: 名称 first, so a record's first cell is its name, which may read like a footer.
    const header = '名称,类别,举办日期,主办组织,场次,人次,引进人才,所属联盟ID';
    await writeFile(csv, [
      header,
      `川渝联席座谈会,座谈交流,2021-03-05,${ORG},1,35,,`,
      ...footers.slice(0, 5).map((f) => `"${f}",,,,,,,`),
      // Records: a name that reads like a footer line, beside a kind, a date and an organizer that read.
      `盖章：党员承诺书签订,座谈交流,2021-03-06,${ORG},1,20,,`,
      `廉政承诺书签字,培训,2021-03-07,${ORG},1,12,,`,
      ...footers.slice(5).map((f) => `"${f}",,,,,,,`),
      '',
    ].join('\r\n'));
    const { rows, passedOver } = await readLedgerFile(csv, ACTIVITIES);
    // They were data rows, each an error on every required column (and all-or-nothing refused the file).
    expect(parseLedgerRows(rows, ACTIVITIES).map((r) => [r.line, r.input?.title, r.problems])).toEqual([
      [2, '川渝联席座谈会', []],
      [8, '盖章：党员承诺书签订', []],
      [9, '廉政承诺书签字', []],
    ]);
    expect(passedOver.map(passedOverSentence)).toEqual(['第 3–7 行为落款，未导入', '第 10–15 行为落款，未导入']);
    // Written from column A, the 序号 column: said as a footer, not as a row of only its 序号.
    const numbered = join(dir, 'footer-in-number-column.csv');
    await writeFile(numbered, `序号,${HEADERS.join(',')}\r\n1,培训,党员培训,2021-03-05,${ORG},1,20,,\r\n2\r\n备注：本表由各镇填报,,,,,,,,\r\n单位（盖章）：\r\n`);
    expect((await readLedgerFile(numbered, ACTIVITIES)).passedOver.map(passedOverSentence)).toEqual(['第 3 行只填了序号，未导入', '第 4–5 行为落款，未导入']);
  });

  test('a row whose first cell only reads like a signature (集中签名) is a record when anything else in it is no footer’s: an error row, not passed over as 落款', async () => {
    const csv = join(dir, 'signature-record.csv');
    await writeFile(csv, [
      HEADERS.join(','),
      `培训,党员培训,2021-03-05,${ORG},1,20,,`,
      // A record whose date is a year and a month, refused: its counts, and the date typed, say it is one.
      ',集中签名,2021.3,,1,30,',
      // No count: the date typed alone, refused, beside a signature-like name, is a record's too.
      ',党员承诺书签字,2021年3月,,,,,',
      // Footers still: a signature alone, beside another footer's words, a 序号-less seal.
      '书记签字：,,,,,,,',
      '书记签字：,,,,,,日期：2021年7月1日,',
      '单位（盖章）：',
      '',
    ].join('\r\n'));
    const { rows, passedOver } = await readLedgerFile(csv, ACTIVITIES);
    // Both were passed over as 为落款 (the date refused, counts never a record's evidence), so an error was said as no record.
    expect(parseLedgerRows(rows, ACTIVITIES).map((r) => [r.line, r.problems.map((p) => p.column)])).toEqual([
      [2, []],
      [3, ['类别', '举办日期', '主办组织']],
      [4, ['类别', '举办日期', '主办组织']],
    ]);
    expect(passedOver.map(passedOverSentence)).toEqual(['第 5–7 行为落款，未导入']);
  });

  test('an import’s report corrected in place (<name>.导入结果.xlsx) and an exported list (全局 ID), imported as a ledger, are refused saying what they are and what to do, not only 无法识别的列', async () => {
    const ledger = join(dir, 'to-report.csv');
    await writeFile(ledger, `${HEADERS.join(',')}\r\n聚餐,改正前,2021-03-05,${ORG},1,20,,\r\n`);
    const table = await readLedgerFile(ledger, ACTIVITIES);
    const report = importReport(ACTIVITIES, Object.assign(parseLedgerRows(table.rows, ACTIVITIES).map((r) => ({ ...r, status: '错误' as const, recordId: null })), { passedOver: [], absent: [] }));
    // The clerk corrects the row in the report and imports the report (it was refused: 无法识别的列：“行号”、“状态”、“出错列”、“原因”、“记录ID”).
    report.getWorksheet('导入结果')!.getCell('A2').value = '培训';
    const reportFile = join(dir, 'to-report.导入结果.xlsx');
    await report.xlsx.writeFile(reportFile);
    const said = '第 1 行的表头有“行号”、“状态”、“出错列”、“原因”、“记录ID”列：这是导入结果工作簿（或预检结果），不是台账，不能再导入。请在原台账文件中改正出错的行后重新导入原台账文件（已导入的行不会重复写入）。未导入任何内容。';
    await expect(readLedgerFile(reportFile, ACTIVITIES)).rejects.toThrow(new LedgerError(said));
    // An exported list, its caption above the header and its 全局 ID last, as the export writes it.
    const exported = new ExcelJS.Workbook();
    const list = exported.addWorksheet('活动');
    list.addRow(['四川省活动 2021年上半年']);
    list.addRow(['类别', '名称', '举办日期', '主办组织', '场次', '人次', '引进人才', '所属联盟', '全局 ID']);
    list.addRow(['培训', '党员培训', new Date(Date.UTC(2021, 2, 5)), '磨溪镇党委', 1, 20, 0, null, ORG.replace('Organization', 'Activity')]);
    const exportFile = join(dir, 'exported.xlsx');
    await exported.xlsx.writeFile(exportFile);
    await expect(readLedgerFile(exportFile, ACTIVITIES)).rejects.toThrow(new LedgerError('第 2 行的表头有“全局 ID”列：这是导出的名单，不是台账（无法识别的列：“所属联盟”、“全局 ID”）；名单中的记录已在系统中，无需再导入。要登记新的记录，请下载活动台账模板（命令行 --template activities）填写后导入；如确要导入名单中的行，请只保留活动台账的列。未导入任何内容。'));
  });

  test('a ledger of another kind, imported as activities (the default), is refused naming the kind to import it as', async () => {
    const cases = ledgerKind('service-cases');
    const path = join(dir, 'service-cases.xlsx');
    const workbook = ledgerTemplate(cases);
    workbook.getWorksheet(cases.sheet)!.addRow(['户口迁移', '2024-04-01', '磨溪镇', 1, 1, 0, null]);
    await workbook.xlsx.writeFile(path);
    await expect(readLedgerFile(path, ACTIVITIES)).rejects.toThrow('工作表“服务事项台账”第 1 行的表头不是活动台账的。这是服务事项台账（表头：类别、办理日期、办理地、人数、户数、金额（万元）、所属联盟ID），请选择台账类型“服务事项”（命令行 --kind service-cases）再导入。未导入任何内容。');
    // A CSV has no sheet name: its headers say the kind (金额(万元) typed half-width too).
    const csv = join(dir, 'service-cases.csv');
    await writeFile(csv, '类别,办理日期,办理地,人数,户数,金额(万元),所属联盟ID\r\n户口迁移,2024-04-01,磨溪镇,1,1,0,\r\n');
    await expect(readLedgerFile(csv, ACTIVITIES)).rejects.toThrow('第 1 行的表头不是活动台账的。这是服务事项台账（表头：类别、办理日期、办理地、人数、户数、金额(万元)、所属联盟ID），请选择台账类型“服务事项”（命令行 --kind service-cases）再导入。未导入任何内容。');
  });

  test('a clerk’s own ledger of another kind, headed with that kind’s aliases (姓名, 所在党支部, 身份证号), is told as that kind, not only 表头与活动台账模板不符', async () => {
    // It was: 第 1 行的表头与活动台账模板不符（缺少列：…；无法识别的列：“姓名”、“所在党支部”、“身份证号”）, since only the template's headers were compared.
    const people = join(dir, 'own-people.csv');
    await writeFile(people, '姓名,所在党支部,身份证号\r\n张三,磨溪镇党委,510904198503128593\r\n');
    await expect(readLedgerFile(people, ACTIVITIES)).rejects.toThrow(new LedgerError('第 1 行的表头不是活动台账的。这是人员台账（表头：姓名、所在党支部、身份证号），请选择台账类型“人员”（命令行 --kind people）再导入。未导入任何内容。'));
    // In a workbook of the clerk's sheet name, under a title, with a 序号 column (left out of the headers said).
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Sheet1');
    sheet.addRow(['安居区党员名册']);
    sheet.addRow(['序号', '姓名（必填）', '所在党支部', '身份证号']);
    sheet.addRow([1, '张三', '磨溪镇党委', '510904198503128593']);
    const path = join(dir, 'own-people.xlsx');
    await workbook.xlsx.writeFile(path);
    await expect(readLedgerFile(path, ACTIVITIES)).rejects.toThrow(new LedgerError('工作表“Sheet1”第 2 行的表头不是活动台账的。这是人员台账（表头：姓名（必填）、所在党支部、身份证号），请选择台账类型“人员”（命令行 --kind people）再导入。未导入任何内容。'));
    // A header two kinds share (姓名: a person's, and a post's holder) goes to the kind the whole row is: a 任职台账 chosen as people.
    await writeFile(people, '姓名,任职党组织,职务,任职时间\r\n张三,磨溪镇党委,书记,2024-02-01\r\n');
    await expect(readLedgerFile(people, ledgerKind('people'))).rejects.toThrow('第 1 行的表头不是人员台账的。这是任职台账（表头：姓名、任职党组织、职务、任职时间），请选择台账类型“任职”（命令行 --kind posts）再导入');
    // A 备注 column is no kind's and none's problem: the file is wholly a 人员台账.
    await writeFile(people, '姓名,所在党支部,身份证号,备注\r\n张三,磨溪镇党委,510904198503128593,\r\n');
    await expect(readLedgerFile(people, ACTIVITIES)).rejects.toThrow(new LedgerError('第 1 行的表头不是活动台账的。这是人员台账（表头：姓名、所在党支部、身份证号、备注），请选择台账类型“人员”（命令行 --kind people）再导入。未导入任何内容。'));
    // Not wholly another kind's (a 联系人 column): said as likely, with what is still wrong for it.
    await writeFile(people, '姓名,所在党支部,身份证号,联系人\r\n张三,磨溪镇党委,510904198503128593,\r\n');
    await expect(readLedgerFile(people, ACTIVITIES)).rejects.toThrow(new LedgerError('第 1 行的表头不是活动台账的，看来是人员台账（表头：姓名、所在党支部、身份证号、联系人），但与人员台账模板也不完全相符（无法识别的列：“联系人”）。如是人员台账，请按其模板改正表头，并选择台账类型“人员”（命令行 --kind people）再导入。未导入任何内容。'));
    // A header of no kind is refused as before, naming the chosen kind's headers.
    await writeFile(people, '名单,备注\r\n张三,\r\n');
    await expect(readLedgerFile(people, ACTIVITIES)).rejects.toThrow(/^第 1 行的表头与活动台账模板不符（缺少列：/);
  });
});

describe('a 党组织台账', () => {
  const ORGANIZATIONS = ledgerKind('organizations');

  test('a clerk’s own list of organizations (党组织名称, 类别, 组织层级, 上级组织, 所属地区, 成立时间, a 序号) is read as the kind’s columns; one without 上级党组织 is refused, saying why (every branch would be top-level)', async () => {
    const csv = join(dir, 'own-organizations.csv');
    await writeFile(csv, '序号,党组织名称,类别,组织层级,上级组织,所属地区,成立时间\r\n1,磨溪镇党委,党委,乡镇,,磨溪镇,2020-01-01\r\n2,白马村党支部,党支部,村,磨溪镇党委,磨溪镇,2020.3.1\r\n3,石桥村党支部,党小组,村,sichuan:Organization:moxi-town,磨溪镇,2020-03-01\r\n');
    const { rows } = await readLedgerFile(csv, ORGANIZATIONS);
    expect(parseLedgerRows(rows, ORGANIZATIONS).map((r) => r.input ?? r.problems)).toEqual([
      { name: '磨溪镇党委', kind: '党委', level: '乡镇', regionId: '磨溪镇', foundedOn: '2020-01-01' },
      { name: '白马村党支部', kind: '党支部', level: '村', parentId: '磨溪镇党委', regionId: '磨溪镇', foundedOn: '2020-03-01' },
      [{ column: '组织类别', reason: '“党小组”不在可选范围内（党委、党总支、党支部）' }],
    ]);
    // Without 上级党组织 every branch would be a top-level organization: the file is refused saying so (its cells may be blank).
    await writeFile(csv, '组织名称,组织类别,层级,所在行政区划,成立日期\r\n白马村党支部,党支部,村,磨溪镇,2020-01-01\r\n');
    await expect(readLedgerFile(csv, ORGANIZATIONS)).rejects.toThrow('第 1 行的表头与党组织台账模板不符（缺少列：“上级党组织”（“上级党组织”整列缺少时各行都会作为没有上级的顶级组织导入，所以不导入；请加上这一列，顶级组织在这一列留空））');
    const notes = (ledgerTemplate(ORGANIZATIONS).getWorksheet('说明')!.getColumn(3).values as unknown[]).map(String);
    expect(notes).toContain('上级党组织列不能缺少（上级党组织整列缺少时各行都会作为没有上级的顶级组织导入，所以不导入；请加上这一列，顶级组织在这一列留空）；必填列不能缺少。');
  });

  test('类型 (组织类别 or 层级?) is not guessed: the file is refused naming it; a 党组织台账 imported as another kind is told as one', async () => {
    const csv = join(dir, 'unclear-organizations.csv');
    await writeFile(csv, '组织名称,类型,层级,上级党组织,所在行政区划,成立日期\r\n磨溪镇党委,党委,乡镇,,磨溪镇,2020-01-01\r\n');
    await expect(readLedgerFile(csv, ORGANIZATIONS)).rejects.toThrow('第 1 行的表头与党组织台账模板不符（表头“类型”可能是“组织类别”，也可能是“层级”，无法确定是哪一列，请把表头改为其中之一；缺少列：“组织类别”）');
    await writeFile(csv, '党组织名称,组织类别,组织层级,上级党组织,所在地区,成立时间\r\n磨溪镇党委,党委,乡镇,,磨溪镇,2020-01-01\r\n');
    await expect(readLedgerFile(csv, ledgerKind('posts'))).rejects.toThrow('第 1 行的表头不是任职台账的。这是党组织台账（表头：党组织名称、组织类别、组织层级、上级党组织、所在地区、成立时间），请选择台账类型“党组织”（命令行 --kind organizations）再导入。未导入任何内容。');
  });

  test('a 上级党组织 naming a row of the same file (spaced or full-width too, as the store compares names) waits for it, above or below; a row naming itself, a name two rows have, a cycle, and a row its row cannot lead are refused by name', async () => {
    const csv = join(dir, 'nested-organizations.csv');
    await writeFile(csv, [
      '组织名称,组织类别,层级,上级党组织,所在行政区划,成立日期',
      '白马村党支部,党支部,村,磨溪镇 党委,磨溪镇,2020-03-01',
      '磨溪镇党委,党委,乡镇,安居区委,磨溪镇,2020-01-01',
      '自指党支部,党支部,村,自指党支部,磨溪镇,2020-03-01',
      '机关党支部,党支部,机关单位,磨溪镇党委,磨溪镇,2020-03-01',
      '机关党支部,党支部,机关单位,白马村党支部,磨溪镇,2020-03-01',
      '机关第一党支部,党支部,机关单位,机关党支部,磨溪镇,2020-03-01',
      '甲党支部,党支部,村,乙党支部,磨溪镇,2020-03-01',
      '乙党支部,党支部,村,甲党支部,磨溪镇,2020-03-01',
      '丙党支部,党支部,村,甲党支部,磨溪镇,2020-03-01',
      '坏日期党委,党委,乡镇,,磨溪镇,2020-13-01',
      '坏日期下党支部,党支部,村,坏日期党委,磨溪镇,2020-03-01',
    ].join('\r\n'));
    const { rows, waiting } = sameFileReferences(ORGANIZATIONS, parseLedgerRows((await readLedgerFile(csv, ORGANIZATIONS)).rows, ORGANIZATIONS));
    // Waiting rows by line, and the line they wait for; their parent taken out of the input until it is written.
    expect([...waiting].map(([i, w]) => [rows[i]!.line, w.name, rows[w.on]!.line])).toEqual([
      [2, '磨溪镇 党委', 3], [5, '磨溪镇党委', 3], [10, '甲党支部', 8], [12, '坏日期党委', 11],
    ]);
    expect(rows[0]!.input).not.toHaveProperty('parentId');
    expect(rows[1]!.input).toMatchObject({ parentId: '安居区委' });
    expect(rows.map((r) => [r.line, r.problems[0]?.reason ?? null]).filter(([, reason]) => reason)).toEqual([
      [4, '上级党组织“自指党支部”就是本行的组织自身；请填写其上级党组织（顶级组织留空）'],
      // A 党支部 under a 党支部 of the file (parent-kind), refused before anything is sent; under a row refused already (丙 under 甲), it waits to be refused with it.
      [6, '党支部下不能设立下级党组织；“白马村党支部”（党支部）不能作为党支部的上级（上级党组织在本文件第 2 行）'],
      [7, '本文件中有 2 行名为“机关党支部”（第 5、6 行），无法确定上级党组织是哪一个；请改填其全局 ID，或先导入上级、再导入本行'],
      [8, '上级党组织在本文件中构成循环：“甲党支部”→“乙党支部”→“甲党支部”（第 8、9 行互为上级），请改正其中一行的上级党组织'],
      [9, '上级党组织在本文件中构成循环：“乙党支部”→“甲党支部”→“乙党支部”（第 9、8 行互为上级），请改正其中一行的上级党组织'],
      [11, expect.stringMatching(/2020-13-01/)],
    ]);
  });

  test('its export heads the columns the ledger has as the ledger does', () => {
    const headers = recordLists().get('organizations')!.columns.map((c) => c.header);
    for (const column of ORGANIZATIONS.columns) expect(headers, column.header).toContain(column.header);
  });
});

describe('a CSV ledger', () => {
  const csv = (rows: string[][]) => rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n');
  const ROW = ['培训', '基层干部培训，第一期', '2024/3/5', ORG, '1', '40', '', ''];

  test.each<[string, (text: string) => Uint8Array]>([
    ['UTF-8', (t) => new TextEncoder().encode(t)],
    ['UTF-8 with BOM', (t) => new TextEncoder().encode(`\uFEFF${t}`)],
    ['GBK, as Excel saves it on a Chinese Windows', (t) => gbkBytes(t)],
  ])('%s', async (name, encode) => {
    const path = join(dir, `${name}.csv`);
    await writeFile(path, encode(csv([HEADERS, ROW])));
    const [row] = parseLedgerRows((await readLedgerFile(path, ACTIVITIES)).rows, ACTIVITIES);
    expect(row!.input).toEqual({ kind: '培训', title: '基层干部培训，第一期', heldOn: '2024-03-05', organizerId: ORG, sessions: 1, personTimes: 40 });
  });

  test.each<[string, Uint8Array | string, RegExp]>([
    ['an empty file', '', /文件是空的/],
    ['only a header', csv([HEADERS]), /没有数据行/],
    ['nonsense bytes', randomBytes(10 * 1024 * 1024), /既不是 UTF-8 也不是 GBK|控制字符|表头/],
    ['a workbook renamed .csv of random text', 'lorem ipsum,dolor\nsit,amet', /表头与活动台账模板不符/],
  ])('%s is refused', async (name, content, message) => {
    const path = join(dir, `${name}.csv`);
    await writeFile(path, content);
    await expect(readLedgerFile(path, ACTIVITIES)).rejects.toThrow(message);
  });

  test('10 MB of nonsense named .xlsx is refused', async () => {
    const path = join(dir, 'nonsense.xlsx');
    await writeFile(path, randomBytes(10 * 1024 * 1024));
    await expect(readLedgerFile(path, ACTIVITIES)).rejects.toThrow(/不是有效的 Excel 工作簿/);
  });
});

/** Deterministic bytes (a test that fails must fail the same way again). */
function randomBytes(n: number): Uint8Array {
  const bytes = new Uint8Array(n);
  let x = 2463534242;
  for (let i = 0; i < n; i++) {
    x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
    bytes[i] = x & 0xff;
  }
  return bytes;
}

/** A plain zip of deflated members, written by hand: the sizes it declares are the true ones. */
function zipOf(members: Record<string, Buffer>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(members)) {
    const data = deflateRawSync(content);
    const nameBytes = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(content.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(content.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(members).length, 8);
  end.writeUInt16LE(Object.keys(members).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

describe('a month and a day, or a small number, where a date goes (QA: 11.3 under 办理时间 stored as 1900-01-10)', () => {
  const SERVICE_CASES = ledgerKind('service-cases');
  const DAY = 86_400_000;
  const EPOCH = Date.UTC(1899, 11, 30);

  test.each<[string, unknown, RegExp]>([
    ['a month and a day as a number (11.3)', 11.3, /^“11.3”只有月日，没有年，不是日期；请填写完整的年月日，如 2024-04-01 或 2024\/4\/1$/],
    ['a month and a day as a number (12.05)', 12.05, /^“12.05”只有月日，没有年/],
    ['a month and a day as text (12.5)', '12.5', /^“12.5”只有月日，没有年/],
    ['a month and a day as text, quoted as typed (11.30)', '11.30', /^“11.30”只有月日，没有年/],
    ['a month and a day with 月日', '11月3日', /^“11月3日”只有月日，没有年/],
    ['a month and a day with a slash', '11/3', /^“11\/3”只有月日，没有年/],
    ['a bare number (3)', 3, /^“3”不是日期：只是一个数，没有年月日；请填写完整的年月日，如 2024-04-01 或 2024\/4\/1$/],
    ['a bare number as text (45)', '45', /^“45”不是日期：只是一个数/],
    ['a serial below 3000 that is no year (a year and a month 13)', 1985.13, /^“1985.13”不是日期：只是一个数/],
    // Excel shows it a day later than exceljs reads it (its 1900-02-29 that never was).
    ['11.3 typed into a date-formatted cell (exceljs reads 1900-01-10, Excel shows 1900-01-11)', new Date(EPOCH + 11.3 * DAY), /^“11.3”只有月日，没有年，不是日期；请填写完整的年月日，如 2024-04-01 或 2024\/4\/1（单元格是日期格式，显示为 1900-01-11）$/],
    ['1985 typed into a date-formatted cell', new Date(EPOCH + 1985 * DAY), /^“1985”只有年份，没有日.*（单元格是日期格式，显示为 1905-06-07）$/],
  ])('%s is refused', (_name, raw, reason) => {
    const result = readCell(raw, 'date');
    expect('problem' in result && result.problem).toMatch(reason);
  });

  test('the first serial read as a date is 3000 (1908-03-18); serials after it read as before', () => {
    expect(readCell(3000, 'date')).toEqual({ value: '1908-03-18' });
    expect(readCell(2999, 'date')).toHaveProperty('problem', expect.stringMatching(/^“2999”只有年份/));
    expect(readCell(45383, 'date')).toEqual({ value: '2024-04-01' });
  });

  test('a service-case workbook with 11.3 and 12.05 in number cells under 办理时间, and its CSV with 11.3, 12.5 and 3: each row refused on 办理日期, quoting what was typed', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Sheet1');
    sheet.addRow(['序号', '事项类别', '办理时间', '办理地点', '办理人数', '办理户数', '涉及金额（万元）']);
    sheet.addRow([1, '户口迁移', 11.3, '双江镇', 1, 1, null]);
    sheet.addRow([2, '户口迁移', 12.05, '双江镇', 2, 1, null]);
    const xlsx = { name: 'J2-服务事项月日数字.xlsx', bytes: new Uint8Array(await workbook.xlsx.writeBuffer()) };
    const fromWorkbook = parseLedgerRows((await readLedgerFile(xlsx, SERVICE_CASES)).rows, SERVICE_CASES);
    expect(fromWorkbook.map((r) => [r.line, r.input, r.problems.map((p) => `${p.column}: ${p.reason}`)])).toEqual([
      [2, null, [expect.stringMatching(/^办理日期: “11.3”只有月日，没有年/)]],
      [3, null, [expect.stringMatching(/^办理日期: “12.05”只有月日，没有年/)]],
    ]);
    const csv = { name: 'J4-服务事项月日文本.csv', bytes: new TextEncoder().encode('序号,事项类别,办理时间,办理地点,办理人数,办理户数,涉及金额（万元）\r\n1,户口迁移,11.3,双江镇,1,1,\r\n2,户口迁移,12.5,双江镇,1,1,\r\n3,户口迁移,3,双江镇,1,1,\r\n') };
    const fromCsv = parseLedgerRows((await readLedgerFile(csv, SERVICE_CASES)).rows, SERVICE_CASES);
    expect(fromCsv.map((r) => [r.line, r.input, r.problems.map((p) => p.reason)])).toEqual([
      [2, null, [expect.stringMatching(/^“11.3”只有月日，没有年/)]],
      [3, null, [expect.stringMatching(/^“12.5”只有月日，没有年/)]],
      [4, null, [expect.stringMatching(/^“3”不是日期：只是一个数/)]],
    ]);
  });

  test('an activity workbook with 11.3 under 举办日期 is refused on its row before anything is sent (it was refused as 早于所引用组织的成立日期（…）)', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Sheet1');
    sheet.addRow(['序号', '活动类别', '活动名称', '举办日期', '主办单位', '参加人次', '活动场次']);
    sheet.addRow([1, '培训', '月日数字', 11.3, ORG, 9, 1]);
    sheet.addRow([2, '培训', '小序号', 45, ORG, 9, 1]);
    const file = { name: 'J1-月日数字等日期.xlsx', bytes: new Uint8Array(await workbook.xlsx.writeBuffer()) };
    const parsed = parseLedgerRows((await readLedgerFile(file, ACTIVITIES)).rows, ACTIVITIES);
    expect(parsed.map((r) => r.problems)).toEqual([
      [{ column: '举办日期', reason: expect.stringMatching(/^“11.3”只有月日，没有年/) }],
      [{ column: '举办日期', reason: expect.stringMatching(/^“45”不是日期：只是一个数/) }],
    ]);
  });
});

describe('a count refused for what it is not says the column’s own rule (QA: 场次 1.5 was “不是非负整数”, and 0 then refused again)', () => {
  const column = (field: string) => ACTIVITIES.columns.find((c) => c.field === field)!;

  test('场次 (at least 1, the store’s MIN) says 正整数; 人次 says 非负整数; the template’s check says the same', async () => {
    expect(readCell('1.5', column('sessions'))).toEqual({ problem: '“1.5”不是正整数' });
    expect(readCell(1.5, column('personTimes'))).toEqual({ problem: '“1.5”不是非负整数' });
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Sheet1');
    sheet.addRow(['类别', '名称', '举办日期', '主办组织', '场次', '人次']);
    sheet.addRow(['培训', '一场半', '2026-11-03', ORG, 1.5, 2.5]);
    const file = { name: '场次.xlsx', bytes: new Uint8Array(await workbook.xlsx.writeBuffer()) };
    const [row] = parseLedgerRows((await readLedgerFile(file, ACTIVITIES)).rows, ACTIVITIES);
    expect(row!.problems).toEqual([{ column: '场次', reason: '“1.5”不是正整数' }, { column: '人次', reason: '“2.5”不是非负整数' }]);
    const template = new ExcelJS.Workbook();
    await template.xlsx.load(await ledgerTemplate(ACTIVITIES).xlsx.writeBuffer());
    const sessions = template.getWorksheet(ACTIVITIES.sheet)!.getRow(2).getCell(ACTIVITIES.columns.indexOf(column('sessions')) + 1).dataValidation;
    expect(sessions.error).toBe('请填写正整数');
    expect(column('sessions').note).toContain('正整数');
  });
});

describe('a section’s title among the records (一、组织联建类 merged across the row, QA F2)', () => {
  const workbook = async (merge: boolean) => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Sheet1');
    sheet.addRow(Array(7).fill('磨溪镇12月活动台账'));
    sheet.mergeCells('A1:G1');
    sheet.addRow(['序号', '活动类别', '活动名称', '举办\n日期', '主办单位', '参加人次', '活动场次']);
    sheet.addRow(merge ? Array(7).fill('一、组织联建类') : ['一、组织联建类']);
    if (merge) sheet.mergeCells('A3:G3');
    sheet.addRow([1, '培训', '12月党员培训', '2026.12.1', ORG, 20, 1]);
    sheet.addRow(merge ? Array(7).fill('二、活动交流类') : ['二、活动交流类']);
    if (merge) sheet.mergeCells('A5:G5');
    sheet.addRow([2, '座谈交流', '12月座谈', '2026.12.2', ORG, 15, 1]);
    return { name: 'F2-分类小标题行.xlsx', bytes: new Uint8Array(await book.xlsx.writeBuffer()) };
  };

  test('merged across A:G or unmerged in 序号, it is passed over and said; the records are read (merged, it refused the file: 请取消合并并在每一行填写完整)', async () => {
    for (const merge of [true, false]) {
      const { rows, passedOver } = await readLedgerFile(await workbook(merge), ACTIVITIES);
      expect(rows.map((r) => r.line), `merged: ${merge}`).toEqual([4, 6]);
      expect(passedOver.map(passedOverSentence), `merged: ${merge}`).toEqual(['第 1 行为表头上方的标题，未导入', '第 3 行为分类小标题，未导入', '第 5 行为分类小标题，未导入']);
    }
    const csv = { name: 'F2b-分类小标题行-未合并.csv', bytes: new TextEncoder().encode(`序号,活动类别,活动名称,举办日期,主办单位,参加人次,活动场次\r\n一、组织联建类,,,,,,\r\n1,培训,12月党员培训,2026.12.1,${ORG},20,1\r\n2\r\n`) };
    expect((await readLedgerFile(csv, ACTIVITIES)).passedOver.map(passedOverSentence)).toEqual(['第 2 行为分类小标题，未导入', '第 4 行只填了序号，未导入']);
  });

  test('a merge over a record’s cells is still refused: two texts in the row, or a text merged over two rows', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet(ACTIVITIES.sheet);
    sheet.addRow(HEADERS);
    sheet.addRow(['培训', '培训', '2026-12-01', ORG, 1, 20]);
    sheet.mergeCells('A2:B2');
    sheet.addRow(['一、组织联建类']);
    sheet.addRow(['一、组织联建类']);
    sheet.mergeCells('A3:A4');
    const file = { name: '合并.xlsx', bytes: new Uint8Array(await book.xlsx.writeBuffer()) };
    await expect(readLedgerFile(file, ACTIVITIES)).rejects.toThrow('含有合并单元格（A2:B2、A3:A4），请取消合并并在每一行填写完整');
  });
});

describe('a workbook whose sheet is not named as the template’s and whose header lacks a column (QA L1: 11月 without 人次)', () => {
  const workbook = async (headers: string[], row: unknown[], other?: (book: ExcelJS.Workbook) => void) => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('11月');
    sheet.addRow(Array(headers.length).fill('磨溪镇11月活动台账'));
    sheet.mergeCells(1, 1, 1, headers.length);
    sheet.addRow(headers);
    sheet.addRow(row);
    other?.(book);
    return { name: 'L1-缺人次列.xlsx', bytes: new Uint8Array(await book.xlsx.writeBuffer()) };
  };

  test('the sheet whose header names the most of the kind’s columns is refused saying what it lacks, as its CSV is (it was 工作簿中没有名为“活动台账”的工作表…)', async () => {
    const file = await workbook(['序号', '活动类别', '活动名称', '举办日期', '主办单位', '活动场次'], [1, '培训', '缺人次列', '2026.11.3', ORG, 1], (book) => book.addWorksheet('说明').addRow(['本表由各村填报']));
    await expect(readLedgerFile(file, ACTIVITIES)).rejects.toThrow(/^工作表“11月”第 2 行的表头与活动台账模板不符（缺少列：“人次”（“人次”是数字列/);
    const csv = { name: 'L1.csv', bytes: new TextEncoder().encode(`序号,活动类别,活动名称,举办日期,主办单位,活动场次\r\n1,培训,缺人次列,2026.11.3,${ORG},1\r\n`) };
    await expect(readLedgerFile(csv, ACTIVITIES)).rejects.toThrow(/^第 1 行的表头与活动台账模板不符（缺少列：“人次”（“人次”是数字列/);
    // A required column missing is said the same way.
    const noOrganizer = await workbook(['序号', '活动类别', '活动名称', '举办日期', '活动场次', '参加人次'], [1, '培训', '缺主办', '2026.11.3', 1, 9]);
    await expect(readLedgerFile(noOrganizer, ACTIVITIES)).rejects.toThrow(/^工作表“11月”第 2 行的表头与活动台账模板不符（缺少列：“主办组织”）/);
  });

  test('a sheet naming fewer than half the kind’s columns, or two sheets naming as many, are not guessed', async () => {
    const few = await workbook(['类别', '名称'], ['培训', '两列']);
    await expect(readLedgerFile(few, ACTIVITIES)).rejects.toThrow(/^工作簿中没有名为“活动台账”的工作表（现有：“11月”），也没有表头为活动台账各列的工作表/);
    const headers = ['活动类别', '活动名称', '举办日期', '主办单位', '活动场次'];
    const two = await workbook(headers, ['培训', '一', '2026.11.3', ORG, 1], (book) => {
      const sheet = book.addWorksheet('12月');
      sheet.addRow(headers);
    });
    await expect(readLedgerFile(two, ACTIVITIES)).rejects.toThrow(/^工作簿中没有名为“活动台账”的工作表（现有：“11月”、“12月”）/);
  });
});

describe('a service case’s 类别 as the dashboard and the briefing name it (QA: 川渝户口迁移, 养老保险关系转移 were 不在可选范围内)', () => {
  const SERVICE_CASES = ledgerKind('service-cases');

  test('川渝户口迁移 and 养老保险关系转移 are read as 户口迁移 and 养老保险转移, the same rows (keys) as written so; other words are still refused', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Sheet1');
    sheet.addRow(['类别', '办理日期', '办理地', '人数', '户数', '金额（万元）']);
    sheet.addRow(['川渝户口迁移', '2026-11-03', '双江镇', 1, 1, 0]);
    sheet.addRow(['养老保险关系转移', '2026-11-04', '双江镇', 2, 1, 0]);
    sheet.addRow(['户口迁移', '2026-11-03', '双江镇', 1, 1, 0]);
    sheet.addRow(['公积金互认互贷金额', '2026-11-05', '双江镇', 1, 1, 3]);
    const file = { name: '川渝通办台账.xlsx', bytes: new Uint8Array(await book.xlsx.writeBuffer()) };
    const parsed = parseLedgerRows((await readLedgerFile(file, SERVICE_CASES)).rows, SERVICE_CASES);
    expect(parsed.map((r) => [r.input?.kind, r.problems.map((p) => p.reason)])).toEqual([
      ['户口迁移', []],
      ['养老保险转移', []],
      ['户口迁移', []],
      [undefined, [expect.stringMatching(/^“公积金互认互贷金额”不在可选范围内（户口迁移、养老保险转移、公积金互认互贷、异地就医结算）$/)]],
    ]);
    expect(rowKey(SERVICE_CASES, 'chongqing', parsed[0]!.input!)).toBe(rowKey(SERVICE_CASES, 'chongqing', parsed[2]!.input!));
  });
});

describe('a date before the Party’s founding (QA: a service case’s 办理日期 1900-01-01 was stored; an activity’s refused as before its organizer’s founding)', () => {
  test('every kind’s date but a person’s birth date is refused on its row as a mistyped year; a birth date of 1921 is read', () => {
    for (const kind of Object.values(LEDGER_KINDS)) {
      for (const column of kind.columns.filter((c) => c.type === 'date' && c.field !== 'birthDate')) {
        expect([kind.kind, column.header, readCell('1900-01-01', column)]).toEqual([kind.kind, column.header, { problem: '日期 1900-01-01 早于 1921-07-01（中国共产党成立），不会是本列的日期，看来是年份填错了；请核对年份后重新填写' }]);
        expect(readCell('1921-07-01', column)).toEqual({ value: '1921-07-01' });
      }
    }
    const birth = ledgerKind('people').columns.find((c) => c.field === 'birthDate')!;
    expect(readCell('1920-05-01', birth)).toEqual({ value: '1920-05-01' });
  });
});
