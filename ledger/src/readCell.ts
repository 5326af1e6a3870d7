import { DASHES, DATE_RANGE, EARLIEST_FOUNDING, halfWidth, inDateRange, isUnstorable, parseGlobalId, storedPhone } from '@linju/contract';
import type { CellType, LedgerColumn } from './kinds/index.ts';
import { wholeNumberRule } from './kinds/wholeNumberRule.ts';

/**
 * One cell of a ledger read into the value its write takes, or refused with a reason in Chinese.
 * A cell arrives as exceljs reads it (string, number, Date, boolean, rich text, a formula with its
 * cached result) or as a CSV's text.
 */
export type CellResult = { value: string | number | null; yearNotShown?: number } | { problem: string };

/** Excel's day 0 is 1899-12-30 (counting its fictitious 1900-02-29). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

function isoDate(year: number, month: number, day: number): string | null {
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return d.toISOString().slice(0, 10);
}

/**
 * `="…"`, how an export's CSV writes text Excel would take for a number (an 18-digit ID number, a
 * code with a leading zero), and how Excel keeps such text in a CSV: the formula's result, its text.
 */
const EXCEL_TEXT = /^="((?:[^"]|"")*)"$/;

/**
 * A date cell of an .xlsx as read with its number format (exceljs: a `Date` and the cell's `numFmt`, `cellValue` in
 * readLedgerFile.ts): the format says whether the clerk's date has a day. 1985年3月 or 1985/3 typed into Excel or WPS is a
 * date cell of 1985-03-01 shown `yyyy"年"m"月"` or `mmm-yy`. A formula's saved date result carries it as `numFmt` beside it.
 */
export interface FormattedDate {
  date: Date;
  numFmt: string;
}

/** The number format a cell was read with ({@link FormattedDate}, or a formula's), or undefined. */
function numFmtOf(raw: unknown): string | undefined {
  const numFmt = raw && typeof raw === 'object' && !(raw instanceof Date) ? (raw as { numFmt?: unknown }).numFmt : undefined;
  return typeof numFmt === 'string' ? numFmt : undefined;
}

/**
 * What of a date a number format shows when it shows no day: 'yearMonth' (`yyyy"年"m"月"`, `yyyy/m`, `mmm-yy`,
 * `[$-804]yyyy"年"m"月";@`) or 'year' (`yyyy`, `yyyy"年"`); undefined for a format with a day (`yyyy-mm-dd`,
 * `m/d/yy`, `yyyy"年"m"月"d"日"`) or no year. Only the format's tokens count: quoted literals ("日" is no day), escaped
 * characters, brackets (`[DBNum1]`, `[$-804]`, colours) and every section but the first (a date is positive) are left out.
 */
export function formatWithoutDay(numFmt: string): 'yearMonth' | 'year' | undefined {
  const tokens = formatTokens(numFmt);
  if (tokens.includes('d') || !tokens.includes('y')) return undefined;
  return tokens.includes('m') ? 'yearMonth' : 'year';
}

/** A number format's tokens, lower-cased: quoted literals, escaped characters, brackets and every section but the first left out. */
const formatTokens = (numFmt: string) => numFmt.replace(/"[^"]*"/g, '').replace(/\\./g, '').replace(/\[[^\]]*\]/g, '').replace(/[_*]./g, '').split(';')[0]!.toLowerCase();

/**
 * Whether a date format shows a day but no year: Chinese Excel's 月日 (built-in 28 and 58, `m"月"d"日"`, what
 * 3月12日 typed gets), `mm-dd`, `m/d`, `d-mmm` (16). The cell holds a year the clerk never saw (the year it was
 * typed in), so it is read but said ({@link CellResult}'s `yearNotShown`). Era years (`e`, `g`) count as years.
 */
export function formatWithoutYear(numFmt: string): boolean {
  const tokens = formatTokens(numFmt);
  return tokens.includes('d') && !/[yeg]/.test(tokens);
}

/** A cell's plain content: rich text joined, a hyperlink's text, a formula's cached result, the text of `="…"`, a {@link FormattedDate}'s date. */
export function plainValue(raw: unknown): unknown {
  if (typeof raw === 'string') {
    const text = EXCEL_TEXT.exec(raw.trim());
    return text ? text[1]!.replaceAll('""', '"') : raw;
  }
  if (raw && typeof raw === 'object' && !(raw instanceof Date)) {
    const o = raw as Record<string, unknown>;
    if (o.date instanceof Date && typeof o.numFmt === 'string') return o.date;
    if (Array.isArray(o.richText)) return (o.richText as { text: string }[]).map((r) => r.text).join('');
    if ('text' in o && 'hyperlink' in o) return o.text;
    if ('formula' in o || 'sharedFormula' in o || 'result' in o) return plainValue(o.result);
    if ('error' in o) return undefined;
  }
  return raw;
}

/**
 * The error value a cell holds (#N/A, #DIV/0!, #REF! …), typed or pasted as a value or saved as a
 * formula's result; undefined for any other cell. exceljs reads it as `{ error }`.
 */
export function cellError(raw: unknown): string | undefined {
  if (!raw || typeof raw !== 'object' || raw instanceof Date) return undefined;
  const o = raw as Record<string, unknown>;
  if (typeof o.error === 'string') return o.error;
  return 'formula' in o || 'sharedFormula' in o || 'result' in o ? cellError(o.result) : undefined;
}

/** Whether the cell holds a formula (exceljs: `{ formula }` or `{ sharedFormula }`). */
export function isFormula(raw: unknown): boolean {
  return !!raw && typeof raw === 'object' && ('formula' in raw || 'sharedFormula' in raw);
}

/**
 * Said of a date before a column's earliest ({@link LedgerColumn}'s `earliest`: the Party's founding, `EARLIEST_FOUNDING`, for every
 * date but a person's birth): no activity, service, pairing or road of a party-building ledger is older, so the year is mistyped
 * (1921 for 2021, 1900 for 2000). An activity's was refused by the store as before its organizer's founding, which named no slip; a
 * service case's, a civilization record's or a road's (tied to a region, not to an organization) was stored.
 */
const beforeEarliest = (iso: string, earliest: string) =>
  `日期 ${iso} 早于 ${earliest}${earliest === EARLIEST_FOUNDING ? '（中国共产党成立）' : ''}，不会是本列的日期，看来是年份填错了；请核对年份后重新填写`;

/** A date the API's Date scalar takes (one outside it would fail the whole call, not only its row). */
const inRange = (iso: string): CellResult =>
  inDateRange(iso) ? { value: iso } : { problem: `日期“${iso}”超出可登记的范围（${DATE_RANGE.min} 至 ${DATE_RANGE.max}）` };

/** A date written as eight digits, year, month and day (20240305), as many offices write it. */
function readYyyymmdd(digits: string): CellResult {
  const iso = isoDate(Number(digits.slice(0, 4)), Number(digits.slice(4, 6)), Number(digits.slice(6, 8)));
  return iso ? inRange(iso) : { problem: `“${digits}”不是有效日期（按“年月日”8 位数字读，该日期不存在）` };
}

/** The advice a date refused for a part missing ends with. */
const WHOLE_DATE = '请填写完整的年月日，如 2024-04-01 或 2024/4/1';

/** Refused: a year and a month, or a year, where a date goes; `text` as the clerk typed it or sees it. */
const noDay = (text: string, shown: 'yearMonth' | 'year', note = ''): CellResult => ({
  problem: `“${text}”只有${shown === 'year' ? '年份' : '年月'}，没有日，不是日期；${WHOLE_DATE}${note}`,
});

/**
 * A year and a month without a day (1985.03, 2021.7, typed so in 出生年月 or 举办时间; 198503, six digits), or a year alone
 * (1985): never a serial to read as a day. As a number, Excel's day 1985 is 1905-06-07, and 1985.03 is the same day; a
 * General cell typed 1985.03 holds that number. The years the import takes (1800–2999) are serials of 1904–1908 only, which
 * no ledger's dates are typed as; six digits 180001–299912 are serials of 2392–2721, which none is either.
 */
function yearMonthOnly(text: string): CellResult | undefined {
  const m = /^(\d{4})(?:\s*[-/.年]\s*(\d{1,2})\s*月?|(\d{2}))?$/.exec(text);
  const month = m?.[2] ?? m?.[3];
  if (!m || Number(m[1]) < 1800 || Number(m[1]) > 2999 || (month !== undefined && (Number(month) < 1 || Number(month) > 12))) return undefined;
  return noDay(text, month === undefined ? 'year' : 'yearMonth');
}

/** A date cell's day as Excel numbers it (its serial). */
const serialOf = (date: Date) => Math.round((date.getTime() - EXCEL_EPOCH_MS) / DAY_MS);

/**
 * The least Excel serial read as a date: 3000, 1908-03-18. The numbers below it are no ledger's dates: 1800–2999 are the
 * years the import takes ({@link yearMonthOnly}), whose serials are days of 1904–1908, and 1–1799 are days of 1900–1904,
 * which a month and a day typed as a number (11.3, 12.05 in a General cell: 1900-01-10, 1900-01-11) or a day alone (3) is.
 */
export const FIRST_DATE_SERIAL = 3000;

/** The day of {@link FIRST_DATE_SERIAL}, 1908-03-18: a date cell before it is refused (the template's date check starts there). */
export const FIRST_SERIAL_DAY = new Date(EXCEL_EPOCH_MS + FIRST_DATE_SERIAL * DAY_MS).toISOString().slice(0, 10);

/** A month and a day without a year, as clerks type them (11.3, 12.05, 11/3, 11-3, 11月3日). */
const MONTH_DAY = /^(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?$/;

/** Whether a text is a month and a day ({@link MONTH_DAY}) of a month 1–12 and a day 1–31. */
function isMonthDay(text: string): boolean {
  const m = MONTH_DAY.exec(text);
  return !!m && Number(m[1]) >= 1 && Number(m[1]) <= 12 && Number(m[2]) >= 1 && Number(m[2]) <= 31;
}

/**
 * Refused: a number below {@link FIRST_DATE_SERIAL} where a date goes (not a year, which {@link yearMonthOnly} says), or a month and
 * a day typed as text (11/3, 11月3日), `text` as the clerk typed it: a month and a day (11.3) said as one, any other number (3, 45) as
 * no date. Each number was read as a day of 1900 and stored (a service case's 办理日期 1900-01-10), or refused as before an
 * organization's founding, which said nothing of why; the texts were refused as 不是日期 without saying what was missing.
 */
const beforeFirstSerial = (text: string): CellResult => ({
  problem: isMonthDay(text)
    ? `“${text}”只有月日，没有年，不是日期；${WHOLE_DATE}`
    : `“${text}”不是日期：只是一个数，没有年月日；${WHOLE_DATE}`,
});

/**
 * The day Excel shows a serial as: before 1900-03-01 a day later than exceljs reads it (Excel counts a 1900-02-29 that never was, and
 * exceljs dates its serials from 1899-12-30), so 11.3 in a date cell shows 1900-01-11 where it is read as 1900-01-10.
 */
function shownByExcel(serial: number): string {
  const day = Math.floor(serial);
  if (day === 60) return '1900-02-29';
  return new Date(EXCEL_EPOCH_MS + (day < 60 ? day + 1 : day) * DAY_MS).toISOString().slice(0, 10);
}

/** 1985年3月 (1985/3 or Mar-85 as Excel shows a year and a month), 1985年: a date cell as its day-less format shows it. */
const shownAs = (date: Date, shown: 'yearMonth' | 'year') => `${date.getUTCFullYear()}年${shown === 'yearMonth' ? `${date.getUTCMonth() + 1}月` : ''}`;

function readDate(value: unknown, numFmt?: string): CellResult {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return { problem: '不是有效日期' };
    // exceljs reads a number in a date-formatted cell as a date: 20240305 typed there is a day of the year 57 000 or so, read back as its number;
    // 198503 (a year and a month) a day of 2443.
    const serial = serialOf(value);
    if (value.getUTCFullYear() > 9999 || (serial >= 180001 && serial <= 299912 && yearMonthOnly(String(serial)))) return readDate(serial);
    // 11.3 or 1985 typed into a date-formatted cell is a day of 1900–1908 shown as a date: refused as the number typed, and what the cell shows.
    if (serial < FIRST_DATE_SERIAL) {
      const number = asShown((value.getTime() - EXCEL_EPOCH_MS) / DAY_MS);
      const typed = readDate(number);
      return 'problem' in typed ? { problem: `${typed.problem}（单元格是日期格式，显示为 ${shownByExcel(number)}）` } : typed;
    }
    // 1985年3月 typed into Excel or WPS is the 1st of the month, shown without its day: no date the clerk wrote.
    const shown = numFmt === undefined ? undefined : formatWithoutDay(numFmt);
    if (shown) return noDay(shownAs(value, shown), shown, `（单元格是只显示${shown === 'year' ? '年份' : '年月'}的日期格式；如已填了日，请把单元格格式改为显示年月日的日期格式）`);
    // exceljs reads a date cell as midnight UTC of that day.
    const read = inRange(value.toISOString().slice(0, 10));
    // 3月12日 typed into Excel is a date of the year it was typed in, shown without it: read, and the year said.
    return numFmt !== undefined && formatWithoutYear(numFmt) && 'value' in read ? { ...read, yearNotShown: value.getUTCFullYear() } : read;
  }
  if (typeof value === 'number') {
    const yearMonth = yearMonthOnly(String(asShown(value)));
    if (yearMonth) return yearMonth;
    // Eight digits are a date written yyyymmdd (20240305): Excel's serials end at 2958465 (9999-12-31), so none is a serial.
    if (Number.isInteger(value) && value >= 10_000_000 && value <= 99_999_999) return readYyyymmdd(String(value));
    if (!Number.isFinite(value) || value < 1 || value > 2958465) return { problem: `“${value}”不是有效的 Excel 日期序号` };
    if (value < FIRST_DATE_SERIAL) return beforeFirstSerial(String(asShown(value)));
    return inRange(new Date(EXCEL_EPOCH_MS + Math.floor(value) * DAY_MS).toISOString().slice(0, 10));
  }
  // Any dash a clerk's input method gives (2024—03—05, 2024‐03‐05) is a hyphen.
  const text = halfWidth(String(value)).replace(DASHES, '-').trim();
  const yearMonth = yearMonthOnly(text);
  if (yearMonth) return yearMonth;
  // 11.30 in a CSV is quoted as typed, not as the number 11.3.
  if (/^\d+(\.\d+)?$/.test(text) && Number(text) >= 1 && Number(text) < FIRST_DATE_SERIAL) return beforeFirstSerial(typedText(value));
  if (/^\d+(\.\d+)?$/.test(text)) return readDate(Number(text));
  if (isMonthDay(text)) return beforeFirstSerial(typedText(value));
  // A time after the day (2024-04-01 09:30, as a date-and-time cell saved to CSV reads; 2024-04-01T09:30) is left out, as it is from a date
  // cell; so is the day of the week a long date shows (2024年3月5日 星期二), when it is that day's.
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?(?:\s*[(]?(?:星期|周|礼拜)([一二三四五六日天])[)]?)?(?:(?:\s+|T)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/.exec(text);
  if (!m) return { problem: notADate(text, typedText(value)) };
  const iso = isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  if (!iso) return { problem: `日期“${typedText(value)}”不存在` };
  const weekday = m[4] === undefined ? undefined : WEEKDAYS.indexOf(m[4] === '天' ? '日' : m[4]);
  const actual = new Date(`${iso}T00:00:00Z`).getUTCDay();
  if (weekday !== undefined && weekday !== actual) {
    return { problem: `“${typedText(value)}”中的日期与星期不符（${iso} 是星期${WEEKDAYS[actual]}）；请核对后只填写日期，如 ${iso}` };
  }
  return inRange(iso);
}

/** The days of the week as a long date names them, from Sunday (Date's getUTCDay). */
const WEEKDAYS = '日一二三四五六';

/** The ways of typing a date the import reads besides a date cell: said where a date is refused, and in the template's messages. */
export const TEXT_DATES = '2024-04-01、2024/4/1、2024.4.1、2024年4月1日（或号）、20240401';

/**
 * Why a text is no date, with what the clerk wrote wrong when the shape tells it: a year of two digits (24.3.5), the year last
 * (3/5/2024: the month or the day first, which cannot be told), digits written as Chinese characters (二〇二四年三月五日); else
 * the shapes the import reads. Each was `不是日期；请写成 2024-04-01 或 2024/4/1`, which named two shapes and nothing wrong.
 */
function notADate(text: string, typed: string): string {
  const compact = text.replace(/\s+/g, '');
  const yearLast = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(compact);
  if (yearLast) {
    const [a, b, year] = [Number(yearLast[1]), Number(yearLast[2]), yearLast[3]!];
    const meant = [isoDate(Number(year), a, b), isoDate(Number(year), b, a)].filter((d, i, all): d is string => !!d && all.indexOf(d) === i);
    return `“${typed}”把年份写在了最后，无法确定哪个是月、哪个是日；请按年、月、日的顺序填写${meant.length ? `，如 ${meant.join(' 或 ')}` : ''}`;
  }
  const shortYear = /^(\d{2})[-/.年](\d{1,2})[-/.月](\d{1,2})[日号]?$/.exec(compact);
  if (shortYear) return `“${typed}”的年份只有两位；请填写四位年份，如 20${shortYear[1]}-${shortYear[2]}-${shortYear[3]}`;
  if (/^(?:[〇零一二三四五六七八九]{4}年|\d{4}年[一二三四五六七八九十]+月)/.test(compact)) return `“${typed}”中的数字是汉字；请用阿拉伯数字填写，如 2024年3月5日`;
  return `“${typed}”不是日期；请写成 ${TEXT_DATES} 之一，或设为日期格式`;
}

/**
 * A number as Excel shows it: 15 significant digits. A formula's saved result keeps the binary
 * remainder of its arithmetic (=0.1+0.2 is saved as 0.30000000000000004, =1.15*100 as
 * 114.99999999999999), which Excel never shows; the clerk sees 0.3 and 115, and that is what is read.
 */
const asShown = (value: number): number => Number(value.toPrecision(15));

/** A cell as the clerk typed it, for a refusal to quote (20（人次）, not the 20(人次) it is compared as). */
const typedText = (value: unknown): string => (typeof value === 'number' ? String(asShown(value)) : String(value).trim());

/** A whole number of at least `min` (the column's, the store's least value: 场次 ≥ 1), refused saying that rule (“1.5”不是正整数). */
function readCount(value: unknown, min: number): CellResult {
  const text = typeof value === 'number' ? String(asShown(value)) : halfWidth(String(value)).trim().replace(/,/g, '');
  if (!/^\d+(\.0+)?$/.test(text)) return { problem: `“${typedText(value)}”不是${wholeNumberRule(min)}` };
  const n = Number(text);
  // Beyond what the API's Int carries, so the store (which would say its maximum) is not asked: the same advice as its too-large.
  if (n > 2_147_483_647) return { problem: `“${typedText(value)}”过大；请检查单位，或是否多填了零` };
  return { value: n };
}

/** A non-negative amount (万元, m², …) with at most two decimals, as the store keeps it. */
function readAmount(value: unknown): CellResult {
  const text = typeof value === 'number' ? String(asShown(value)) : halfWidth(String(value)).trim().replace(/,/g, '');
  if (!/^\d+(\.\d+)?$/.test(text)) return { problem: `“${typedText(value)}”不是非负数` };
  const n = Number(text);
  if (Math.round(n * 100) / 100 !== n) return { problem: `“${typedText(value)}”最多保留两位小数` };
  return { value: n };
}

/** A line break inside a cell (Alt+Enter in Excel, a paste of two lines), which no store takes in a name or a text. */
const LINE_BREAK = /[\r\n\u2028\u2029\u000b\u0085]/;

/**
 * Said of a text or a name with a line break inside (the store would refuse it as 含有控制或不可见字符): the lines are not
 * joined, since whether they are one name with or without a space, or two values in one cell, only the clerk knows.
 */
export const LINE_BREAK_PROBLEM = '单元格中有换行（Excel 中按 Alt+Enter 输入的），请删除换行后重新填写';

/**
 * Said of a phone whose leading 0 Excel dropped: 023-4455 6677 typed into a General or Number cell is the number 2344556677,
 * which the store would refuse as neither a mobile nor a landline without saying why.
 */
export const LEADING_ZERO_DROPPED = '号码不是 11 位手机号，看来是固定电话区号开头的 0 被 Excel 去掉了（单元格为“常规”或“数值”格式时，Excel 把号码存成数字并去掉开头的 0）；请将该列设为“文本”格式后重新输入完整号码，如 023-4455 6677';

/**
 * Whether a phone read is one Excel made a number of and so lost its leading 0: a number cell that is no phone as it stands
 * (a mobile of 11 digits is one), or 10 digits from 2 to 9 (a landline's 23-4455 6677 or 825-234 5678 without its 0, as a CSV
 * Excel saved from such a cell holds it).
 */
function droppedLeadingZero(value: unknown, read: string): boolean {
  if (storedPhone(read) !== null) return false;
  return typeof value === 'number' || /^[2-9]\d{9}$/.test(read.replace(/[\s()-]/g, ''));
}

/**
 * A cell as the write's input takes it; `null` for an empty cell. `column` is the column read (its `min`, for a count: the rule a
 * refusal states), or only its type.
 */
export function readCell(raw: unknown, column: CellType | Pick<LedgerColumn, 'type' | 'min' | 'earliest'>): CellResult {
  const type = typeof column === 'string' ? column : column.type;
  // An error value is no value: read as blank, an optional count would be imported as its default.
  const error = cellError(raw);
  if (error) return { problem: `单元格是错误值 ${error}（公式出错，或粘贴了出错的结果），请改正后重新填写` };
  const value = plainValue(raw);
  if (value === undefined || value === null || (typeof value === 'string' && halfWidth(value).trim() === '')) return { value: null };
  if (typeof value === 'boolean') return { problem: `“${value ? 'TRUE' : 'FALSE'}”不是有效值` };
  // Text no store can hold would make the gateway refuse the whole call, so it is refused here, by row.
  if (typeof value === 'string' && isUnstorable(value)) return { problem: '含有无法保存的字符（如空字符），请删除后重新填写' };
  switch (type) {
    case 'date': {
      const read = readDate(value, numFmtOf(raw));
      const earliest = typeof column === 'string' ? undefined : column.earliest;
      return earliest && 'value' in read && read.value !== null && read.value < earliest ? { problem: beforeEarliest(String(read.value), earliest) } : read;
    }
    case 'count':
      return readCount(value, typeof column === 'string' ? 0 : (column.min ?? 0));
    case 'amount':
      return readAmount(value);
    case 'id':
      return { value: halfWidth(String(value)).trim() };
    case 'phone': {
      const digits = readCell(raw, 'digits');
      if (!('value' in digits) || digits.value === null) return digits;
      return droppedLeadingZero(value, String(digits.value)) ? { problem: LEADING_ZERO_DROPPED } : digits;
    }
    case 'digits':
      // Excel keeps a number to 15 digits: an 18-digit ID card number typed into a number cell has lost its last ones (shown 5.10904E+17).
      // A CSV Excel saved from such a cell holds what it showed: 5.10904E+17.
      if ((typeof value === 'number' && Math.abs(value) >= 1e15) || (typeof value === 'string' && /^\d(\.\d+)?E\+\d+$/i.test(halfWidth(value).trim()))) {
        return { problem: '号码被 Excel 存成了数字，超过 15 位的部分已丢失（显示为 5.10904E+17 之类）；请将该列设为“文本”格式后重新输入完整号码' };
      }
      // A phone or an ID card number typed with full-width digits and dashes (０８２５－１２３４５６７, —): read as ASCII, as dates and counts are.
      return { value: halfWidth(String(value)).replace(DASHES, '-').trim() };
    case 'reference': {
      if (LINE_BREAK.test(String(value).trim())) return { problem: LINE_BREAK_PROBLEM };
      // An ID (full-width colons and all) or a name, which keeps its full-width characters.
      const id = halfWidth(String(value)).trim();
      return { value: parseGlobalId(id) ? id : String(value).replace(/\u3000/g, ' ').trim() };
    }
    case 'text':
      if (typeof value === 'string' && LINE_BREAK.test(value.trim())) return { problem: LINE_BREAK_PROBLEM };
      // Names keep their full-width characters (（）、全角 letters are part of a Chinese name); spaces are trimmed.
      return { value: String(value instanceof Date ? value.toISOString().slice(0, 10) : value).replace(/\u3000/g, ' ').trim() };
  }
}
