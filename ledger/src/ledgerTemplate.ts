import ExcelJS from 'exceljs';
import { DATE_RANGE } from '@linju/contract';
import { heldAsText, kindWithdrawable, type LedgerKind } from './kinds/index.ts';
import { mayBeAbsent } from './kinds/mayBeAbsent.ts';
import { examplesFor } from './kinds/columns.ts';
import { wholeNumberRule } from './kinds/wholeNumberRule.ts';
import { FIRST_SERIAL_DAY, TEXT_DATES } from './readCell.ts';
import type { OwnRecords } from './operatorRecords.ts';
import { REMARK_HEADERS } from './remarkHeaders.ts';

/** Rows of the data sheet that carry the drop-downs and formats. */
const TEMPLATE_ROWS = 2000;
const VOCABULARY_SHEET = '可选值';
const DATE_FORMAT = 'yyyy-mm-dd';
/** Excel's Text format: what is typed is kept as typed, never made a number. */
export const TEXT_FORMAT = '@';
/**
 * The dates the import takes (the API's `DATE_RANGE`) as date cells: from the first serial it reads as a date (`FIRST_SERIAL_DAY`,
 * 1908-03-18; 11.3 typed into a date cell is 1900-01-10, refused). An earlier date is typed as text, which the import reads.
 */
const DATE_BOUNDS = [DATE_RANGE.min > FIRST_SERIAL_DAY ? DATE_RANGE.min : FIRST_SERIAL_DAY, DATE_RANGE.max].map((d) => new Date(`${d}T00:00:00Z`));

const letter = (index: number) => String.fromCharCode(65 + index);

/** Styles the header row of a sheet made from a ledger table (the template and the report). */
export function styleHeader(sheet: ExcelJS.Worksheet): void {
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
}

/**
 * A kind's empty ledger: the data sheet with its Chinese headers, drop-downs from the contract's
 * vocabulary (listed on a sheet of their own, so the list has no length limit), date and whole-number
 * formats, and an instructions sheet (说明) made from the same table. With `own` (the operator's
 * records, read with their token), each reference column gets a drop-down of those names too; it
 * only warns on other input, since a global ID (or a record of the other side) is still accepted.
 */
export function ledgerTemplate(kind: LedgerKind, own?: OwnRecords, side?: string | null): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Linju 邻聚';
  const sheet = workbook.addWorksheet(kind.sheet);
  const instructions = workbook.addWorksheet('说明');
  const lists = workbook.addWorksheet(VOCABULARY_SHEET, { state: 'hidden' });
  /** A drop-down of these values, listed in the next column of the hidden sheet. */
  const listOf = (header: string, values: readonly string[]) => {
    const col = letter(lists.columnCount);
    lists.getColumn(lists.columnCount + 1).values = [header, ...values];
    return [`'${VOCABULARY_SHEET}'!$${col}$2:$${col}$${Math.max(values.length, 1) + 1}`];
  };

  sheet.columns = kind.columns.map((c) => ({ header: c.header, key: c.field, width: c.width ?? 14 }));
  styleHeader(sheet);
  const last = TEMPLATE_ROWS + 1;
  kind.columns.forEach((column, i) => {
    const range = `${letter(i)}2:${letter(i)}${last}`;
    const prompt = { showInputMessage: true, promptTitle: column.header, prompt: examplesFor(column.note, side) };
    const error = { showErrorMessage: true, errorStyle: 'stop' as const, errorTitle: column.header };
    let validation: ExcelJS.DataValidation;
    // Typed into a General cell, an ID card number would be rounded to 15 digits and a landline lose its leading 0.
    if (heldAsText(column)) sheet.getColumn(i + 1).numFmt = TEXT_FORMAT;
    const ownNames = column.reference && own?.[column.field];
    if (column.vocabulary) {
      validation = { type: 'list', allowBlank: !column.required, formulae: listOf(column.header, column.vocabulary), ...prompt, ...error, error: `请从下拉列表中选择${column.header}` };
    } else if (ownNames) {
      validation = {
        type: 'list', allowBlank: !column.required, formulae: listOf(column.header, ownNames), ...prompt, ...error, errorStyle: 'warning',
        error: `不在本区划的${column.header}列表中：请从下拉列表中选择，或填写其全局 ID`,
      };
    } else if (column.type === 'date') {
      sheet.getColumn(i + 1).numFmt = DATE_FORMAT;
      // Information, not stop: a date typed as text (2024.4.1) is no Excel date but the import reads
      // it, so Excel only says so and keeps it (a clerk who types dates as text is not refused).
      // From the column's earliest (the Party's founding for every date but a birth date), which the import refuses before.
      const bounds = column.earliest ? [new Date(`${column.earliest}T00:00:00Z`), DATE_BOUNDS[1]!] : DATE_BOUNDS;
      validation = {
        type: 'date', operator: 'between', allowBlank: !column.required, formulae: bounds, ...prompt, ...error, errorStyle: 'information',
        error: `这不是 Excel 日期，或早于 ${column.earliest ?? DATE_RANGE.min}。导入时也接受文本日期，如 ${TEXT_DATES}，须在 ${column.earliest ?? DATE_RANGE.min} 至 ${DATE_RANGE.max} 之间；日期无误请点“确定”保留。`,
      };
    } else if (column.type === 'count') {
      sheet.getColumn(i + 1).numFmt = '0';
      // The store's least value (场次 at least 1), which the column carries: the cell takes no less.
      const min = column.min ?? 0;
      validation = { type: 'whole', operator: 'greaterThanOrEqual', allowBlank: !column.required, formulae: [min], ...prompt, ...error, error: `请填写${wholeNumberRule(min)}` };
    } else if (column.type === 'amount') {
      sheet.getColumn(i + 1).numFmt = '0.00';
      validation = { type: 'decimal', operator: 'greaterThanOrEqual', allowBlank: true, formulae: [0], ...prompt, ...error, error: '请填写非负数，最多两位小数' };
    } else {
      validation = { type: 'textLength', operator: 'lessThanOrEqual', allowBlank: !column.required, formulae: [200], ...prompt, ...error, error: '内容过长（不超过 200 字）' };
    }
    // exceljs keeps one rule for a whole range (its typings omit `dataValidations`).
    (sheet as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(range, validation);
  });

  instructions.columns = INSTRUCTION_COLUMNS.map((c) => ({ ...c }));
  styleHeader(instructions);
  instructions.addRows(instructionLines(kind, side));
  return workbook;
}

/** The 说明 sheet's columns: a line for each of the kind's columns, then notes in the last. */
export const INSTRUCTION_COLUMNS = [
  { header: '列', key: 'header', width: 14 },
  { header: '必填', key: 'required', width: 6 },
  { header: '填写说明', key: 'note', width: 80 },
] as const;

/** A line of the 说明 below its header, by {@link INSTRUCTION_COLUMNS}' keys. */
type InstructionLine = Partial<Record<(typeof INSTRUCTION_COLUMNS)[number]['key'], string>>;

/**
 * The 说明's lines below its header: one for each of the kind's columns (类别 是 从下拉列表中选择：…), a blank line, the notes.
 * The reader looks for the header below them as far as they reach, a clerk having pasted them above it ({@link instructionLength}).
 */
export function instructionLines(kind: LedgerKind, side?: string | null): InstructionLine[] {
  const lines: InstructionLine[] = kind.columns.map((column) => {
    // The examples of the side the template is made for (双江镇党委 in a Chongqing clerk's).
    const note = examplesFor(column.vocabulary ? `${column.note}：${column.vocabulary.join('、')}` : column.note, side);
    return { header: column.header, required: column.required ? '是' : '否', note: column.aliases ? `${note}（自制台账的表头也可写作：${column.aliases.join('、')}）` : note };
  });
  lines.push({});
  for (const line of [
    `在“${kind.sheet}”工作表中每行填写一条${kind.label}记录；不要改动表头文字，表头以下不要合并单元格。`,
    `表头上方可加标题行（如“××镇2021年上半年台账”，可合并居中），可加“序号”列和“${REMARK_HEADERS[0]}”列（表头也可写作${REMARK_HEADERS.slice(1).map((h) => `“${h}”`).join('、')}，该列不导入），末尾的“合计”行和落款（填报人、审核人、负责人、联系电话、单位（盖章）、签字、备注、以下空白等，写在该行第一格）不会导入；工作表改名也可导入（工作簿中只有这一张表的表头与本模板相同时）。`,
    `日期可填写为日期格式，或文本 ${TEXT_DATES}，须在 ${DATE_RANGE.min} 至 ${DATE_RANGE.max} 之间；全角数字和首尾空格会自动处理。`,
    '公式按 Excel 保存的计算结果导入；没有计算结果的公式会被拒绝。',
    '默认逐行导入：正确的行写入，错误的行在“<文件名>.导入结果.xlsx”中注明出错的列和原因；改正出错的行后可再次导入同一文件，此前已导入、未改动的行记为“已存在”，不会重复写入。',
    correctionLine(kind),
    '也可选择“全部或不导入”：只要有一行出错，整个文件都不写入。',
    '操作员只能导入本区划内组织的记录；其他区划的行会被拒绝。',
    ...textColumnsLine(kind),
    ...absentColumnsLine(kind),
    ...unclearHeadersLine(kind),
  ]) lines.push({ header: '', required: '', note: line });
  return lines;
}

/** How many lines the template's 说明 has, its header and blank line too: at most how many a clerk pastes above the ledger's header. */
export const instructionLength = (kind: LedgerKind): number => instructionLines(kind).length + 1;

/**
 * Which columns a clerk's own ledger may leave out (each row read as if blank: mayBeAbsent) and which
 * not (required, and the counts and amounts, whose blank is a default that would change the figures), for the 说明.
 */
function absentColumnsLine(kind: LedgerKind): string[] {
  const absent = kind.columns.filter(mayBeAbsent).map((c) => (c.appliesOnlyTo ? `${c.header}（${c.appliesOnlyTo.values.join('、')}须填写）` : c.header));
  const figures = kind.columns.filter((c) => !c.required && !mayBeAbsent(c) && c.whenAbsent === undefined).map((c) => c.header);
  const explained = kind.columns.filter((c) => c.whenAbsent !== undefined).map((c) => `${c.header}列不能缺少（${c.header}${c.whenAbsent}）`);
  if (!absent.length && !figures.length && !explained.length) return [];
  const parts = [
    absent.length ? `自制台账可以没有${absent.join('、')}列，导入时各行按未填写处理，导入结果中会注明` : '',
    figures.length ? `${figures.join('、')}是数字列，不能整列缺少（整列按默认值导入会改变统计数字），个别行没有可留空（按默认值计）` : '',
    ...explained,
  ];
  return [`${parts.filter(Boolean).join('；')}；必填列不能缺少。`];
}

/**
 * What becomes of a row already imported, changed in the ledger and imported again, for the 说明: the
 * store keeps the record as it was; a kind with an `identity` refuses the row (`sameRecords.ts`), people
 * are compared by 公民身份号码 (`registeredPeople.ts`), and the other kinds' records are told apart by nothing.
 */
export function correctionLine(kind: LedgerKind): string {
  const undo = '请先撤销原记录（撤销登记或撤销本次导入），再导入改正后的行';
  if (kind.identity) {
    const headers = kind.columns.filter((c) => kind.identity!.fields.includes(c.field)).map((c) => c.header).join('、');
    return `已导入的行改动后（如改正了填错的数字）再导入，不会更改原记录，也不会另写一条：${headers}与已有记录相同而其他内容不同的行记为错误、不写入，原因中注明不同的列；如需更正，${undo}。同一文件中${headers}相同而其他内容不同的几行也都记为错误、不写入，请只保留正确的一行。`;
  }
  if (kind.update) return '已登记的人员（按公民身份号码）改动后再导入，不会另登记一人，导入结果中注明与已登记内容不同的列；如需按台账更正，导入时选择“按台账更正已登记的人员”。';
  if (kindWithdrawable(kind)) return `已导入的行改动后再导入，系统无法区分更正与另一条记录，会另写一条记录；如需更正，${undo}。`;
  return `已导入的行改动后再导入，不会更改已登记的${kind.label}。`;
}

/** The columns formatted as Text ({@link heldAsText}), and why a clerk's own ledger should format them so, for the 说明. */
function textColumnsLine(kind: LedgerKind): string[] {
  const text = kind.columns.filter(heldAsText).map((c) => `“${c.header}”`);
  if (!text.length) return [];
  return [`${text.join('、')}列已设为“文本”格式，号码按输入的原样保存（18 位身份证号不会变成 5.00152E+17，固定电话开头的 0 不会丢失），请勿改为其他格式；自制台账中请也先把这些列设为“文本”格式，再输入号码。`];
}

/** The headers of a clerk's own ledger the import will not guess a column for (队伍类型: 类型 or 类别?), for the 说明. */
function unclearHeadersLine(kind: LedgerKind): string[] {
  const unclear = Object.entries(kind.ambiguousHeaders ?? {});
  if (!unclear.length) return [];
  return [`以下表头可能指不同的列，导入时不会猜测，整个文件会被拒绝，请改为本模板的表头：${unclear.map(([header, columns]) => `${header}（${columns.join('或')}）`).join('、')}。`];
}
