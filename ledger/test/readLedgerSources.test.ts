import ExcelJS from 'exceljs';
import { describe, expect, test } from 'vitest';
import { LedgerError, ledgerKind, ledgerTemplate, LEDGER_KINDS, parseLedgerRows, passedOverSentence, readLedgerFile } from '../src/index.ts';

/**
 * What the import reads of a file before any cell is interpreted, from the bytes a clerk's Excel or WPS saves: which
 * sheets of a workbook, a ledger saved as text with another separator or encoding than a UTF-8 CSV's, and cells carrying
 * invisible characters. Each case was a QA finding: a second sheet of rows left out without a word, a tab-separated
 * file refused as one unknown column, a zero-width space making a name that looks right match nothing.
 */

const ACTIVITIES = ledgerKind('activities');
const HEADERS = ACTIVITIES.columns.map((c) => c.header);
const ORG = 'sichuan:Organization:anju-town-01';

const xlsx = async (workbook: ExcelJS.Workbook, name = '活动台账.xlsx') => ({ name, bytes: new Uint8Array(await workbook.xlsx.writeBuffer()) });
const names = async (file: Parameters<typeof readLedgerFile>[0]) => (await readLedgerFile(file, ACTIVITIES)).rows.map((r) => r.cells['名称']);

describe('a workbook of several sheets with the kind’s rows', () => {
  const withSecondSheet = (name: string, rows: unknown[][], state: 'visible' | 'hidden' = 'visible') => {
    const workbook = ledgerTemplate(ACTIVITIES);
    workbook.getWorksheet(ACTIVITIES.sheet)!.addRow(['培训', '第一张表的活动', '2025-06-01', ORG, 1, 10, 0, null]);
    const other = workbook.addWorksheet(name);
    other.state = state;
    other.addRow(HEADERS);
    for (const row of rows) other.addRow(row);
    return workbook;
  };

  test('another visible sheet with the headers and rows beside a filled 活动台账 refuses the file, naming both and what to do; it was left out without a word', async () => {
    const workbook = withSecondSheet('活动台账二', [['培训', 'QA4坏文件-3', '2025-06-02', ORG, 1, 10, 0, null]]);
    await expect(readLedgerFile(await xlsx(workbook), ACTIVITIES)).rejects.toThrow(
      '工作表“活动台账”有数据行，另有 1 个工作表（“活动台账二”）也有活动台账的表头和数据行，不知道是只导入“活动台账”还是都要导入：请把要导入的行合并到一个工作表中，或把每个工作表另存为单独的文件分别导入。未导入任何内容。',
    );
    workbook.addWorksheet('下半年').addRows([HEADERS, ['座谈', '下半年的活动', '2025-08-01', ORG, 1, 5, 0, null]]);
    await expect(readLedgerFile(await xlsx(workbook), ACTIVITIES)).rejects.toThrow('另有 2 个工作表（“活动台账二”、“下半年”）也有活动台账的表头和数据行');
  });

  test('a sheet with the headers and no rows, a hidden one with rows, and the template’s own sheets leave 活动台账 read alone', async () => {
    expect(await names(await xlsx(withSecondSheet('Sheet1', [])))).toEqual(['第一张表的活动']);
    expect(await names(await xlsx(withSecondSheet('上期', [['培训', '上期的活动', '2024-06-02', ORG, 1, 10, 0, null]], 'hidden')))).toEqual(['第一张表的活动']);
  });
});

describe('rows above the header that are records (two ledgers merged into one file), never passed over as a title or the 说明', () => {
  /** An older template's header: 人次 was headed 参会人数. */
  const OLD_HEADERS = HEADERS.map((h) => (h === '人次' ? '参会人数' : h));
  const record = (i: number) => ['培训', `上月的活动${i}`, `2025-05-${String((i % 28) + 1).padStart(2, '0')}`, ORG, '1', '10', '', ''];
  /** A clerk's CSV of last month's sheet (the old header) with this month's pasted under it, header and all. */
  const merged = (lastMonth: number) => [OLD_HEADERS, ...Array.from({ length: lastMonth }, (_, i) => record(i + 1)), HEADERS, ['培训', '本月的活动', '2025-06-01', ORG, '1', '10', '', '']];
  const csv = (rows: unknown[][]) => ({ name: '两个月.csv', bytes: new TextEncoder().encode(rows.map((r) => r.join(',')).join('\r\n')) });
  const REFUSED = /^第 1 行的表头与活动台账模板不符（缺少列：“人次”（.*）；无法识别的列：“参会人数”）。表头应为：.*未导入任何内容。$/;

  test.each([40, 12, 2])('%i rows under an old header, then the template’s header and a row: refused naming line 1 and what is wrong with it (d11ac99 read the last row alone, the rest said to be 说明)', async (lastMonth) => {
    // 40: refused as before the header below the 说明 was looked for (d11ac99 read it 第 1–41 行为表头上方的填写说明或标题); 12: the
    // template's header within the 说明's reach, below rows that are records; 2: that header among the first rows, the rows above it taken for a title.
    const refusal = readLedgerFile(csv(merged(lastMonth)), ACTIVITIES);
    await expect(refusal).rejects.toThrow(REFUSED);
    await expect(refusal).rejects.toBeInstanceOf(LedgerError);
    if (lastMonth <= 12) {
      await expect(refusal).rejects.toThrow(
        `第 2–${lastMonth + 1} 行在第 ${lastMonth + 2} 行的表头上方，看来是活动记录，不是标题或填写说明，不能略过不导入：如是两份台账合在一起，请只保留一行表头（第 1 行或第 ${lastMonth + 2} 行），把各行都放在它下面后再导入。`,
      );
    }
  });

  test('in a workbook too; a record above a header with no header above it is refused, not read as a title', async () => {
    const workbook = ledgerTemplate(ACTIVITIES);
    const sheet = workbook.getWorksheet(ACTIVITIES.sheet)!;
    sheet.insertRows(1, merged(2).slice(0, 3));
    sheet.addRow(record(3));
    await expect(readLedgerFile(await xlsx(workbook), ACTIVITIES)).rejects.toThrow(REFUSED);
    const sorted = csv([['2025年活动台账'], record(1), HEADERS, record(2)]);
    await expect(readLedgerFile(sorted, ACTIVITIES)).rejects.toThrow(/^第 2 行在第 3 行的表头上方，看来是活动记录，不是标题或填写说明，不能略过不导入：请把表头移到第一行记录的上方（表头上方只留标题）后再导入。未导入任何内容。$/);
    // A grid's row has one value of a shaped column (户数) beside more cells than the 说明 has columns: a record too.
    const GRIDS = ledgerKind('grids');
    const gridHeaders = GRIDS.columns.map((c) => c.header);
    await expect(readLedgerFile(csv([['网格台账'], ['一号网格', '磨溪镇党委', '磨溪镇', '30', ''], gridHeaders, ['二号网格', '磨溪镇党委', '磨溪镇', '40', '']]), GRIDS)).rejects.toThrow(
      /^第 2 行在第 3 行的表头上方，看来是网格记录/,
    );
    // A title's lines stay titles: a date beside 填报单位：… is no record.
    const titled = await readLedgerFile(csv([['2025年活动台账'], ['填报单位：磨溪镇党委', '', '2025-07-01'], HEADERS, record(2)]), ACTIVITIES);
    expect(titled.rows.map((r) => r.line)).toEqual([4]);
    expect(titled.passedOver.map(passedOverSentence)).toEqual(['第 1–2 行为表头上方的标题，未导入']);
  });

  // 9351543 refused these as records (two counts, or a date and a count): a monthly ledger that imported before was rejected.
  test.each([
    ['合计', '', '', '', '12', '345'],
    ['本月汇总', '', '', '', '12', '345'],
    ['本月共开展活动', '', '', '', '12', '345'],
    ['截至', '', '2025-05-31', '', '1', ''],
    // A totals row's label first (a subtotal of one kind), as below the header: no record whatever it is beside.
    ['小计', '培训', '2025-05-31', '', '12', '345'],
  ])('a summary line above the header (%s …) is passed over as a title, the record below read', async (...summary) => {
    const table = await readLedgerFile(csv([['2025年5月活动台账'], summary, HEADERS, record(2)]), ACTIVITIES);
    expect(table.rows.map((r) => r.line)).toEqual([4]);
    expect(table.passedOver.map(passedOverSentence)).toEqual(['第 1–2 行为表头上方的标题，未导入']);
  });

  // 8fbeaa9 kept only dates and listed values as marks, so a person with a phone and an ID card number (性别 and 出生日期 left
  // empty, as they may be) above the header was passed over as a title, not imported; no summary line holds either value.
  test('a person’s record above the header marked by a phone and an ID card number is refused, not passed over as a title', async () => {
    const PEOPLE = ledgerKind('people');
    const person = (name: string, phone = '', id = '') => PEOPLE.columns.map((c) => ({ 姓名: name, 所在组织: ORG, 联系电话: phone, 公民身份号码: id })[c.header as '姓名'] ?? '');
    const rows = [['人员台账'], person('张三', '13800138000', '510904198004011235'), PEOPLE.columns.map((c) => c.header), person('李四')];
    await expect(readLedgerFile(csv(rows), PEOPLE)).rejects.toThrow(/^第 2 行在第 3 行的表头上方，看来是人员记录，不是标题或填写说明，不能略过不导入：/);
  });
});

describe('a record above the header with only a few cells filled (a person’s name and ID card number, a pairing’s unit and organization), in a workbook', () => {
  /** The kind's template with lines above its header (the first, a title, merged across the columns) and a record below it. */
  const workbookWith = (kind: ReturnType<typeof ledgerKind>, above: unknown[][], record: unknown[]) => {
    const workbook = ledgerTemplate(kind);
    const sheet = workbook.getWorksheet(kind.sheet)!;
    sheet.insertRows(1, [[`遂宁市安居区2025年${kind.label}台账`], ...above]);
    sheet.mergeCells(1, 1, 1, kind.columns.length);
    sheet.addRow(record);
    return workbook;
  };
  const PERSON = ['李四', '男', '磨溪镇党委', '13800138000', null, null, null];
  const PAIRING = ['县财政局', '磨溪镇龙泉村党支部', null, new Date(Date.UTC(2021, 2, 1)), 2];

  // Each was passed over as 第 1–2 行为表头上方的标题，未导入: the record not imported, the clerk told it was a title.
  test.each([
    ['people', '姓名 and 公民身份号码', ['张三', null, null, null, '510904198004011235'], PERSON],
    ['people', '姓名 and 联系电话', ['张三', null, null, '13800138000'], PERSON],
    ['people', '姓名 and 公民身份号码 typed into a number cell (Excel keeps 15 digits)', ['张三', null, null, null, 510904198004011235], PERSON],
    ['pairings', '包联单位 and 结对组织', ['县委组织部', '磨溪镇石桥村党支部'], PAIRING],
    ['pairings', '包联单位, 结对组织 and 结对日期', ['县委组织部', '磨溪镇石桥村党支部', null, new Date(Date.UTC(2021, 2, 1))], PAIRING],
    ['facilities', '类别, 名称 and 所在区划 (its identity)', ['党员活动室', '石桥村党员活动室', '磨溪镇'], ['党员活动室', '龙泉村党员活动室', '磨溪镇', '磨溪镇党委', 80, null, new Date(Date.UTC(2021, 2, 1)), null]],
    // A name beginning with its year is a record's, not a title's period (263a31b passed these over as 第 1–2 行为表头上方的标题).
    ['facilities', '类别, a 名称 beginning with its year and 所在区划', ['党员活动室', '2024年新建党员活动室', '磨溪镇'], ['党员活动室', '龙泉村党员活动室', '磨溪镇', '磨溪镇党委', 80, null, new Date(Date.UTC(2021, 2, 1)), null]],
    ['projects', '类别, a 名称 beginning with its year and 所在区划', ['集体经济项目', '2024年度龙泉村集体经济项目', '磨溪镇'], ['集体经济项目', '石桥村项目', '磨溪镇']],
  ])('%s: %s above the header, under a merged title, refuses the file naming its line', async (kindName, _, sparse, record) => {
    const kind = ledgerKind(kindName);
    const refusal = readLedgerFile(await xlsx(workbookWith(kind, [sparse], record), `${kind.label}台账.xlsx`), kind);
    await expect(refusal).rejects.toThrow(
      `第 2 行在第 3 行的表头上方，看来是${kind.label}记录，不是标题或填写说明，不能略过不导入：请把表头移到第一行记录的上方（表头上方只留标题）后再导入。未导入任何内容。`,
    );
    await expect(refusal).rejects.toBeInstanceOf(LedgerError);
  });

  // 09bacd3 made a phone and an ID card number marks of a record, any text under them: the merged title, read under 联系电话 and
  // 公民身份号码 alike, was two marks and refused every people workbook with one (第 1 行在第 2 行的表头上方，看来是人员记录).
  test.each([
    ['people', [['合计', '2人'], ['填报单位：磨溪镇党委', null, null, '联系电话：0825-5651234'], ['单位：磨溪镇党委', null, null, null, '时间：2025年7月'], ['遂宁市安居区', '2025年党员花名册']], PERSON],
    ['pairings', [['合计', null, null, null, 12], ['单位：安居区委组织部', null, null, '2025-07-01'], ['遂宁市安居区', '2025年包联台账'], ['遂宁市安居区', '包联工作情况表']], PAIRING],
    // A title split over two cells without 台账 in it was a pairing's 包联单位 and 结对组织, the file refused as a record above the header.
    ['pairings', [['2024年磨溪镇', '结对帮扶工作'], ['磨溪镇', '2024年度'], ['安居区委组织部', '2024年3月']], PAIRING],
    ['pairings', [['磨溪镇党建结对', '上半年'], ['磨溪镇', '包联情况']], PAIRING],
  ])('%s: a merged title and lines of a title’s, a totals’ or a footer’s words are passed over, the record below read', async (kindName, above, record) => {
    const kind = ledgerKind(kindName);
    const table = await readLedgerFile(await xlsx(workbookWith(kind, above as unknown[][], record), `${kind.label}台账.xlsx`), kind);
    expect(table.rows.map((r) => r.line)).toEqual([above.length + 3]);
    expect(table.passedOver.map(passedOverSentence)).toEqual([`第 1–${above.length + 1} 行为表头上方的标题，未导入`]);
    // The title alone too.
    expect((await readLedgerFile(await xlsx(workbookWith(kind, [], record), `${kind.label}台账.xlsx`), kind)).rows.map((r) => r.line)).toEqual([3]);
  });
});

describe('the 说明 of every kind’s template pasted above its header', () => {
  const instructionLines = (workbook: ExcelJS.Workbook) => {
    const lines: unknown[][] = [];
    workbook.getWorksheet('说明')!.eachRow({ includeEmpty: true }, (row) => lines.push((row.values as unknown[]).slice(1)));
    return lines;
  };
  const TITLE = ['遂宁市安居区2025年台账'];

  test.each(Object.values(LEDGER_KINDS).map((kind) => [kind.kind, kind] as const))('%s: the lines, under five title lines, passed over and the row read; none of them taken for a record', async (_, kind) => {
    const workbook = ledgerTemplate(kind);
    const sheet = workbook.getWorksheet(kind.sheet)!;
    const lines = instructionLines(workbook);
    const titles = Array.from({ length: 5 }, (_, i) => [`${TITLE[0]}（第 ${i + 1} 行标题）`]);
    sheet.insertRows(1, [...titles, ...lines]);
    sheet.addRow(kind.columns.map((c, i) => `值${i}`));
    const table = await readLedgerFile(await xlsx(workbook, `${kind.label}台账.xlsx`), kind);
    expect(table.rows.map((r) => r.line)).toEqual([titles.length + lines.length + 2]);
    expect(table.passedOver.map(passedOverSentence)).toEqual([`第 1–${titles.length + lines.length} 行为表头上方的填写说明或标题，未导入`]);
    // Saved as a CSV (the blank line between the columns' lines and the notes kept).
    const text = [...titles, ...lines, kind.columns.map((c) => c.header), kind.columns.map((c, i) => `值${i}`)]
      .map((r) => r.map((v) => `"${String(v ?? '').replace(/"/g, '""')}"`).join(',')).join('\r\n');
    expect((await readLedgerFile({ name: 'pasted.csv', bytes: new TextEncoder().encode(text) }, kind)).rows.length).toBe(1);
  });

  test('a header further down than the 说明 and five title lines reach is not looked for: refused naming the first line’s header', async () => {
    const kind = ledgerKind('projects');
    const workbook = ledgerTemplate(kind);
    const lines = instructionLines(workbook);
    const sheet = workbook.getWorksheet(kind.sheet)!;
    // The 说明's lines are filled but for its blank one: one title line more than five, and the header is out of reach.
    const filledLines = lines.filter((l) => l.some((v) => v !== null && v !== undefined && v !== '')).length;
    const titles = Array.from({ length: 5 + (lines.length - filledLines) + 1 }, (_, i) => [`${TITLE[0]}（第 ${i + 1} 行标题）`]);
    sheet.insertRows(1, [...titles, ...lines]);
    sheet.addRow(kind.columns.map((c, i) => `值${i}`));
    await expect(readLedgerFile(await xlsx(workbook, '项目台账.xlsx'), kind)).rejects.toThrow(/^第 \d+ 行的表头与项目台账模板不符/);
    sheet.spliceRows(1, 1);
    expect((await readLedgerFile(await xlsx(workbook, '项目台账.xlsx'), kind)).rows.length).toBe(1);
  });
});

describe('a ledger saved as text', () => {
  const TAB_LEDGER = ['遂宁市安居区活动台账', HEADERS.join('\t'), ['培训', '制表符分隔', '2025-06-01', ORG, '1', '10', '', ''].join('\t'), ''].join('\r\n');
  const utf16 = (text: string, endian: 'le' | 'be') => {
    const bytes = Buffer.from(`\ufeff${text}`, 'utf16le');
    if (endian === 'be') bytes.swap16();
    return new Uint8Array(bytes);
  };

  test('tab-separated, as Excel and WPS save 文本文件: UTF-8, and UTF-16 with its byte order mark (Unicode 文本), little- and big-endian', async () => {
    // It was refused: 缺少列：“类别”、“名称”…；无法识别的列：“类别	名称	举办日期…”, or as neither UTF-8 nor GBK.
    expect(await names({ name: 'tab.csv', bytes: new TextEncoder().encode(TAB_LEDGER) })).toEqual(['制表符分隔']);
    expect(await names({ name: 'utf16.csv', bytes: utf16(TAB_LEDGER, 'le') })).toEqual(['制表符分隔']);
    expect(await names({ name: 'utf16be.csv', bytes: utf16(TAB_LEDGER, 'be') })).toEqual(['制表符分隔']);
    const table = await readLedgerFile({ name: 'tab.csv', bytes: new TextEncoder().encode(TAB_LEDGER) }, ACTIVITIES);
    expect(parseLedgerRows(table.rows, ACTIVITIES)[0]!.input).toMatchObject({ title: '制表符分隔', heldOn: '2025-06-01', organizerId: ORG, personTimes: 10 });
  });

  test('saved as .txt (Excel’s 文本文件 and Unicode 文本, WPS’s) or .tsv, read as a .csv is; another extension refused naming them all', async () => {
    // A .txt was refused as a file type, though the reader tells its encoding and separator.
    expect(await names({ name: '安居区活动台账.txt', bytes: utf16(TAB_LEDGER, 'le') })).toEqual(['制表符分隔']);
    expect(await names({ name: '安居区活动台账.TXT', bytes: new TextEncoder().encode(TAB_LEDGER) })).toEqual(['制表符分隔']);
    expect(await names({ name: '安居区活动台账.tsv', bytes: new TextEncoder().encode(TAB_LEDGER) })).toEqual(['制表符分隔']);
    const comma = `${HEADERS.join(',')}\r\n培训,逗号分隔的txt,2025-06-01,${ORG},1,10,,\r\n`;
    expect(await names({ name: 'comma.txt', bytes: new TextEncoder().encode(comma) })).toEqual(['逗号分隔的txt']);
    await expect(readLedgerFile({ name: '活动台账.xls', bytes: new TextEncoder().encode(comma) }, ACTIVITIES)).rejects.toThrow(
      '不支持的文件类型“.xls”：请使用 .xlsx 工作簿，或 .csv、.tsv、.txt 文本文件（.xls 请先另存为 .xlsx）。',
    );
  });

  test('semicolon-separated (a CSV saved where the comma is the decimal mark) is read; a comma file whose names hold a semicolon or a tab stays a comma file', async () => {
    const semi = `${HEADERS.join(';')}\r\n培训;分号分隔;2025-06-01;${ORG};1;10;;\r\n`;
    expect(await names({ name: 'semi.csv', bytes: new TextEncoder().encode(semi) })).toEqual(['分号分隔']);
    const comma = `${HEADERS.join(',')}\r\n培训,"座谈;交流	会",2025-06-01,${ORG},1,10,,\r\n培训,学习;讨论,2025-06-02,${ORG},1,10,,\r\n`;
    expect(await names({ name: 'comma.csv', bytes: new TextEncoder().encode(comma) })).toEqual(['座谈;交流\t会', '学习;讨论']);
  });

  test('a file with no separator found, or in no encoding read, is refused saying what to save it as', async () => {
    const piped = `${HEADERS.join('|')}\r\n培训|竖线分隔|2025-06-01|${ORG}|1|10||\r\n`;
    await expect(readLedgerFile({ name: 'pipe.csv', bytes: new TextEncoder().encode(piped) }, ACTIVITIES)).rejects.toThrow(
      /缺少列.*（文件中没有找到逗号或制表符分隔的列，无法分列读取：请在 Excel 或 WPS 中把它另存为“CSV UTF-8（逗号分隔）\(\*\.csv\)”或 Excel 工作簿（\.xlsx）后再导入。）$/,
    );
    // A quote opened and never closed swallows the rest of the file: refused in the clerk's words, not the parser's.
    const open = `${HEADERS.join(',')}\r\n培训,"未闭合,2025-06-01,${ORG},1,10,,\r\n`;
    await expect(readLedgerFile({ name: 'open.csv', bytes: new TextEncoder().encode(open) }, ACTIVITIES)).rejects.toThrow(/^CSV 文件格式错误：有未闭合的引号，未导入任何内容。$/);
    await expect(readLedgerFile({ name: 'open.csv', bytes: new TextEncoder().encode(open) }, ACTIVITIES)).rejects.toBeInstanceOf(LedgerError);
    // UTF-16 without its byte order mark: neither UTF-8 nor GBK (its NULs are control characters).
    await expect(readLedgerFile({ name: 'nobom.csv', bytes: utf16(TAB_LEDGER, 'le').slice(2) }, ACTIVITIES)).rejects.toThrow(/另存为“CSV UTF-8（逗号分隔）\(\*\.csv\)”或 Excel 工作簿（\.xlsx）后再导入/);
    await expect(readLedgerFile({ name: 'bad.csv', bytes: new Uint8Array([0xff, 0xfe, 0x00, 0xd8, 0x41, 0x00]) }, ACTIVITIES)).rejects.toThrow(
      /^CSV 文件既不是 UTF-8 也不是 GBK（或带 BOM 的 UTF-16）编码的文本，未导入任何内容。请在 Excel 或 WPS 中把它另存为/,
    );
  });
});

describe('invisible characters in a cell', () => {
  test('a zero-width space, joiner or word joiner, or a BOM inside a cell, is no part of what the clerk sees: 磨溪镇\\u200b党委 is 磨溪镇党委', async () => {
    const workbook = ledgerTemplate(ACTIVITIES);
    const sheet = workbook.getWorksheet(ACTIVITIES.sheet)!;
    sheet.getRow(1).getCell(2).value = '名\u200b称';
    sheet.addRow(['培训', '零宽\u200c字符', '2025-03-05', '磨溪镇\u200b党委', 1, 10, 0, null]);
    sheet.addRow(['培训', { richText: [{ text: '富文本\u2060' }, { text: '\u200d名称' }] }, '2025-03-05', `${ORG}\ufeff`, 1, 10, 0, null]);
    const table = await readLedgerFile(await xlsx(workbook), ACTIVITIES);
    expect(table.rows.map((r) => [r.cells['名称'], r.cells['主办组织']])).toEqual([
      ['零宽字符', '磨溪镇党委'],
      [{ richText: [{ text: '富文本' }, { text: '名称' }] }, ORG],
    ]);
    const csv = `${HEADERS.join(',')}\r\n培训,零宽\u200b字符,2025-03-05,磨溪镇\u2060党委,1,10,,\r\n`;
    const fromCsv = await readLedgerFile({ name: 'zw.csv', bytes: new TextEncoder().encode(csv) }, ACTIVITIES);
    expect(fromCsv.rows.map((r) => [r.cells['名称'], r.cells['主办组织']])).toEqual([['零宽字符', '磨溪镇党委']]);
  });
});

describe('the template’s 说明 pasted above the header (a clerk keeps the instructions beside the rows)', () => {
  const PROJECTS = ledgerKind('projects');
  const ROW = ['集体经济项目', '说明之下的项目', '磨溪镇', null, '2025-03-01', 10, 5, 2, 30, 800, 50];
  /** The template's 说明 as its rows read (the header 列 必填 填写说明, a line for each column, a blank line, the notes). */
  const instructions = (workbook: ExcelJS.Workbook) => {
    const lines: unknown[][] = [];
    workbook.getWorksheet('说明')!.eachRow({ includeEmpty: true }, (row) => lines.push((row.values as unknown[]).slice(1)));
    return lines;
  };
  const read = async (workbook: ExcelJS.Workbook) => readLedgerFile(await xlsx(workbook, '项目台账.xlsx'), PROJECTS);

  test('into 项目台账: the header below them is found, the row read, the lines said as passed over; it was refused as a two-row header of 说明’s lines', async () => {
    const workbook = ledgerTemplate(PROJECTS);
    const sheet = workbook.getWorksheet(PROJECTS.sheet)!;
    const lines = instructions(workbook);
    sheet.insertRows(1, lines);
    sheet.addRow(ROW.slice(0, PROJECTS.columns.length));
    // Refused as 第 2–3 行是两行表头（“从下拉列表中选择：…”下分“名称”）… (项目名称（…） in a note read as the header 名称).
    const table = await read(workbook);
    expect(table.rows.map((r) => [r.line, r.cells['名称']])).toEqual([[lines.length + 2, '说明之下的项目']]);
    expect(table.passedOver.map(passedOverSentence)).toEqual([`第 1–${lines.length} 行为表头上方的填写说明或标题，未导入`]);
  });

  test('into Sheet1 above the header and rows, 项目台账 left with its header only: Sheet1 is the ledger, and the template’s own 说明 is none', async () => {
    const workbook = ledgerTemplate(PROJECTS);
    const headers = PROJECTS.columns.map((c) => c.header);
    workbook.addWorksheet('Sheet1').addRows([...instructions(workbook), headers, ROW.slice(0, headers.length)]);
    expect((await read(workbook)).rows.map((r) => r.cells['名称'])).toEqual(['说明之下的项目']);
    // Without the pasted lines too: the template's 说明 was taken for a second sheet of 项目台账's rows (另有 2 个工作表（“说明”、“Sheet1”）…).
    const plain = ledgerTemplate(PROJECTS);
    plain.addWorksheet('Sheet1').addRows([headers, ROW.slice(0, headers.length)]);
    expect((await read(plain)).rows.map((r) => r.cells['名称'])).toEqual(['说明之下的项目']);
  });

  test('pasted lines above a header that is still not the kind’s: refused naming the header’s line and what is wrong with it, not a line of the 说明', async () => {
    const workbook = ledgerTemplate(PROJECTS);
    const sheet = workbook.getWorksheet(PROJECTS.sheet)!;
    const lines = instructions(workbook);
    sheet.insertRows(1, lines);
    sheet.getRow(lines.length + 1).getCell(2).value = '项目简称';
    sheet.addRow(ROW.slice(0, PROJECTS.columns.length));
    await expect(read(workbook)).rejects.toThrow(`第 ${lines.length + 1} 行的表头与项目台账模板不符（缺少列：“名称”；无法识别的列：“项目简称”）。`);
  });
});

describe('hidden columns and a column left empty between two (a clerk QA pass)', () => {
  /** An activities sheet of the given header and rows, the given columns (counted from 1) hidden. */
  const sheetOf = (header: unknown[], rows: unknown[][], hidden: number[] = []) => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet(ACTIVITIES.sheet);
    sheet.addRows([header, ...rows]);
    for (const column of hidden) sheet.getColumn(column).hidden = true;
    return xlsx(workbook);
  };
  const ROW = ['培训', '隐藏列的活动', '2025-06-01', ORG, 1, 10, 0, null];

  // A hidden column the clerk cannot see refused the file as an unknown column (无法识别的列：“联系人”).
  test('a hidden column that is none of the kind’s (联系人, a hidden 备注 beside it) is read as nothing and said; the row is read', async () => {
    const table = await readLedgerFile(await sheetOf([...HEADERS, '联系人', '备注'], [[...ROW, '王五', '已核对']], [9, 10]), ACTIVITIES);
    expect(parseLedgerRows(table.rows, ACTIVITIES).map((r) => [r.line, r.input?.title, r.problems])).toEqual([[2, '隐藏列的活动', []]]);
    expect(table.remarks).toEqual(['联系人（隐藏列）', '备注（隐藏列）']);
    // An exported list with its 全局 ID hidden is still refused as the list it is, not imported as new records.
    await expect(readLedgerFile(await sheetOf([...HEADERS, '全局 ID'], [[...ROW, 'sichuan:Activity:1']], [9]), ACTIVITIES)).rejects.toThrow('有“全局 ID”列：这是导出的名单，不是台账');
  });

  // A hidden column of the kind's was read as any other: 人次 the clerk could not see imported without a word.
  test('a hidden column of the kind’s with values in it refuses the file, naming the column, its rows and how to unhide it; hidden and empty, it is read', async () => {
    await expect(readLedgerFile(await sheetOf(HEADERS, [ROW, ROW.map((v, i) => (i === 1 ? '第二个活动' : v))], [6]), ACTIVITIES)).rejects.toThrow(
      '工作表“活动台账”第 F 列“人次”是隐藏列，第 2–3 行在该列填有内容：隐藏的列看不到，其中的内容既不能不经核对就导入，也不能略过；请在 Excel 或 WPS 中取消隐藏该列（选中两侧的列，右键“取消隐藏”），核对后再导入。未导入任何内容。',
    );
    expect((await readLedgerFile(await sheetOf(HEADERS, [ROW], [8]), ACTIVITIES)).rows.map((r) => r.line)).toEqual([2]);
  });

  // It was refused: 无法识别的列：“（空表头）”, for a column with nothing in it.
  test('a column left empty between two, its header too, is no column; one with a value under a blank header is refused naming its letter', async () => {
    const spaced = [...HEADERS.slice(0, 2), null, ...HEADERS.slice(2)];
    const table = await readLedgerFile(await sheetOf(spaced, [[...ROW.slice(0, 2), null, ...ROW.slice(2)]]), ACTIVITIES);
    expect(parseLedgerRows(table.rows, ACTIVITIES).map((r) => r.problems)).toEqual([[]]);
    await expect(readLedgerFile(await sheetOf(spaced, [[...ROW.slice(0, 2), '备忘', ...ROW.slice(2)]]), ACTIVITIES)).rejects.toThrow('（无法识别的列：“第 C 列的空表头”）');
  });
});
