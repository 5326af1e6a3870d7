import ExcelJS from 'exceljs';
import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Kind, parse, type InputObjectTypeDefinitionNode } from 'graphql';
import { DATE_RANGE, EARLIEST_FOUNDING, IMPORTS, VOCABULARY } from '@linju/contract';
import { MIN } from '@linju/contract/writeLimits';
import { supergraphPath } from '@linju/schema/supergraphFile';
import { bulkWriteOf } from '../src/importBatches.ts';
import { LEDGER_KINDS, ledgerKind, ledgerTemplate, parseLedgerRows, readLedgerFile, type LedgerKind } from '../src/index.ts';
import { heldAsText } from '../src/kinds/index.ts';
import { readCell } from '../src/readCell.ts';
import { findSoffice } from '../src/report/briefingPdf.ts';

/** Every kind's template, and a row of each kind read from an upload's bytes (no file on disk). */

async function roundTrip(kind: LedgerKind, rows: unknown[][], own?: Record<string, readonly string[]>) {
  const workbook = ledgerTemplate(kind, own);
  for (const row of rows) workbook.getWorksheet(kind.sheet)!.addRow(row);
  const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
  const read = new ExcelJS.Workbook();
  await read.xlsx.load(bytes as unknown as ArrayBuffer);
  return { read, bytes };
}

const ORG = 'sichuan:Organization:moxi-town';
/** LibreOffice, which CI installs; elsewhere its test is skipped when it is missing. */
const SOFFICE = await findSoffice();
const SUPERGRAPH = parse(readFileSync(supergraphPath, 'utf8'));

describe('each kind’s ledger', () => {
  test.each<[string, unknown[], Record<string, unknown>]>([
    ['activities', ['培训', '党员培训', '2024/3/5', ORG, '', 40, '', ''], { kind: '培训', title: '党员培训', heldOn: '2024-03-05', organizerId: ORG, personTimes: 40 }],
    ['service-cases', ['异地就医结算', '２０２４-０３-０５', '磨溪镇', 3, '', '12.5 ', ''], { kind: '异地就医结算', handledOn: '2024-03-05', regionId: '磨溪镇', people: 3, amountWan: 12.5 }],
    ['teams', ['志愿服务队', '巡逻队', ' 磨溪镇边界巡逻队 ', ORG, 45383, ''], { category: '志愿服务队', kind: '巡逻队', name: '磨溪镇边界巡逻队', organizationId: ORG, foundedOn: '2024-04-01' }],
    ['posts', [ORG, '村党组织委员', 'chongqing:Person:p-1', '2024年4月1日', ''], { organizationId: ORG, title: '村党组织委员', holderId: 'chongqing:Person:p-1', startedOn: '2024-04-01' }],
    ['facilities', ['党员活动室', '磨溪镇党员活动室', '磨溪镇', '', '1,650', '闲置小学', '2024-03-05', ''], { kind: '党员活动室', name: '磨溪镇党员活动室', regionId: '磨溪镇', areaSqm: 1650, idleAssetKind: '闲置小学', openedOn: '2024-03-05' }],
    ['projects', ['重大项目', '柑橘产业园', '磨溪镇', ORG, '2024/3/5', 600, '', '', 120, 1500, 40000, '', ''], { kind: '重大项目', name: '柑橘产业园', regionId: '磨溪镇', organizationId: ORG, startedOn: '2024-03-05', landMu: 600, householdsBenefiting: 120, incomePerHouseholdYuan: 1500, investmentWan: 40000 }],
    ['team-actions', ['磨溪镇边界巡逻队', '日常巡逻', '2024-03-05', 2], { teamId: '磨溪镇边界巡逻队', kind: '日常巡逻', actedOn: '2024-03-05', occurrences: 2 }],
    ['transport-links', ['断头路', '磨溪—宝龙断头路', '磨溪镇', 'chongqing:Region:500151110', '3.5', '2024-03-05', ''], { kind: '断头路', name: '磨溪—宝龙断头路', fromRegionId: '磨溪镇', toRegionId: 'chongqing:Region:500151110', lengthKm: 3.5, openedOn: '2024-03-05' }],
    ['civilization-records', ['一约四会', '村规民约修订', '磨溪镇', '2024-03-05', '', ''], { kind: '一约四会', title: '村规民约修订', regionId: '磨溪镇', recordedOn: '2024-03-05' }],
    ['pairings', ['县委组织部', ORG, '', '2024-03-05', 12], { unitName: '县委组织部', organizationId: ORG, startedOn: '2024-03-05', wishesFulfilled: 12 }],
    ['grids', ['磨溪社区第一网格', ORG, '磨溪镇', 320, ''], { name: '磨溪社区第一网格', organizationId: ORG, regionId: '磨溪镇', households: 320 }],
    ['people', ['李华', '女', ORG, '138 0000 0000', '', '', ''], { name: '李华', gender: '女', organizationId: ORG, phone: '138 0000 0000' }],
    ['organizations', ['白马村党支部', '党支部', '村', ORG, '磨溪镇', '2024/3/5'], { name: '白马村党支部', kind: '党支部', level: '村', parentId: ORG, regionId: '磨溪镇', foundedOn: '2024-03-05' }],
  ])('%s: headers from its table, drop-downs from the vocabulary, a row read from an upload', async (name, row, input) => {
    const kind = ledgerKind(name);
    const { read, bytes } = await roundTrip(kind, [row]);
    const sheet = read.getWorksheet(kind.sheet)!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(kind.columns.map((c) => c.header));
    const vocabularies = kind.columns.filter((c) => c.vocabulary).map((c) => [c.header, ...c.vocabulary!]);
    const lists = read.getWorksheet('可选值')!;
    expect(vocabularies.map((_, i) => (lists.getColumn(i + 1).values as unknown[]).slice(1))).toEqual(vocabularies);
    kind.columns.forEach((c, i) => expect(sheet.getRow(2).getCell(i + 1).dataValidation, c.header).toBeDefined());
    const [parsed] = parseLedgerRows((await readLedgerFile({ name: `${kind.label}.xlsx`, bytes }, kind)).rows, kind);
    expect(parsed!.problems).toEqual([]);
    expect(parsed!.input).toEqual(input);
  });

  test('every write with a batch form in the contract has a ledger, and each column names a field of its input', () => {
    const ledgers = Object.values(LEDGER_KINDS);
    expect(ledgers.map((k) => k.write).sort()).toEqual(IMPORTS.map((i) => i.write).sort());
    for (const kind of ledgers) {
      const input = SUPERGRAPH.definitions.find((d) => d.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION && d.name.value === bulkWriteOf(kind).inputType) as InputObjectTypeDefinitionNode;
      const fields = input.fields!.map((f) => f.name.value);
      for (const column of kind.columns) expect(fields, `${kind.kind} ${column.header}`).toContain(column.field);
      const required = input.fields!.filter((f) => f.type.kind === Kind.NON_NULL_TYPE).map((f) => f.name.value);
      for (const field of required) expect(kind.columns.find((c) => c.field === field)?.required, `${kind.kind} ${field}`).toBe(true);
    }
  });

  test('the kinds’ vocabularies are the contract’s', () => {
    const used = Object.values(LEDGER_KINDS).flatMap((k) => k.columns.flatMap((c) => (c.vocabulary ? [c.vocabulary] : [])));
    for (const list of used) expect(Object.values(VOCABULARY)).toContain(list);
    expect(ledgerKind('teams').columns.find((c) => c.field === 'kind')!.vocabulary).toBe(VOCABULARY.teamKind);
  });

  test('a date column takes what the import takes: the API’s range as far as Excel holds dates, and a date typed as text only remarked on', async () => {
    const kind = ledgerKind('people');
    const { read } = await roundTrip(kind, []);
    const validation = read.getWorksheet(kind.sheet)!.getRow(2).getCell(kind.columns.findIndex((c) => c.field === 'birthDate') + 1).dataValidation;
    // Information lets the clerk keep a value Excel does not take for a date (2024.3.5, or 1875-03-01 before Excel's first day).
    expect(validation).toMatchObject({ type: 'date', operator: 'between', errorStyle: 'information' });
    // From the first serial the import reads as a date: 11.3 typed into the cell (1900-01-10, a month and a day) is remarked on as it is refused.
    expect(validation.formulae!.map((d: Date) => d.toISOString().slice(0, 10))).toEqual(['1908-03-18', DATE_RANGE.max]);
    expect(readCell(11.3, 'date')).toHaveProperty('problem');
    expect(validation.error).toContain(`${DATE_RANGE.min} 至 ${DATE_RANGE.max}`);
    for (const text of ['1975-06-01', '2024.3.5', '1875-03-01']) expect(readCell(text, 'date'), text).toHaveProperty('value');
    // Every other date column from the Party's founding, which the import refuses before (it allowed 1908 to 2999, the import took 1900).
    const activities = ledgerKind('activities');
    const held = (await roundTrip(activities, [])).read.getWorksheet(activities.sheet)!.getRow(2).getCell(activities.columns.findIndex((c) => c.field === 'heldOn') + 1).dataValidation;
    expect(held.formulae!.map((d: Date) => d.toISOString().slice(0, 10))).toEqual([EARLIEST_FOUNDING, DATE_RANGE.max]);
    expect(held.error).toContain(`须在 ${EARLIEST_FOUNDING} 至 ${DATE_RANGE.max} 之间`);
  });

  test('a count’s validation allows what the store allows, no less: 场次 at least 1, as its prompt says', async () => {
    const kind = ledgerKind('activities');
    const { read } = await roundTrip(kind, []);
    const validationOf = (field: string) => read.getWorksheet(kind.sheet)!.getRow(2).getCell(kind.columns.findIndex((c) => c.field === field) + 1).dataValidation;
    expect(validationOf('sessions')).toMatchObject({ type: 'whole', operator: 'greaterThanOrEqual', formulae: [MIN.sessions], prompt: expect.stringMatching(/正整数，可空（默认 1）/) });
    expect(validationOf('personTimes')).toMatchObject({ type: 'whole', formulae: [0], prompt: expect.stringMatching(/非负整数，可空（默认 0）/) });
  });

  test('the columns of digit strings (人员: 联系电话, 公民身份号码) are Text over the data rows, so an ID card number and a landline typed into the template stay as typed', async () => {
    // Excel keeps digits typed into a Text cell as text; into a General cell, a number of 15 significant digits at most.
    const typeAsExcel = (cell: ExcelJS.Cell, typed: string) => {
      cell.value = cell.numFmt === '@' || !/^\d+$/.test(typed) ? typed : Number(Number(typed).toPrecision(15));
    };
    const held: string[] = [];
    for (const kind of Object.values(LEDGER_KINDS)) {
      const { read } = await roundTrip(kind, []);
      const sheet = read.getWorksheet(kind.sheet)!;
      kind.columns.forEach((c, i) => {
        for (const line of [2, 2001]) expect(sheet.getRow(line).getCell(i + 1).numFmt === '@', `${kind.kind} ${c.header} ${line}`).toBe(heldAsText(c));
        if (heldAsText(c)) held.push(`${kind.kind} ${c.header}`);
      });
    }
    expect(held).toEqual(['people 联系电话', 'people 公民身份号码']);
    const people = ledgerKind('people');
    const { read } = await roundTrip(people, []);
    const row = read.getWorksheet(people.sheet)!.getRow(2);
    const typed = ['李华', '女', ORG, '02344556677', '500152199201013459', '', ''];
    typed.forEach((text, i) => text && typeAsExcel(row.getCell(i + 1), text));
    const bytes = new Uint8Array(await read.xlsx.writeBuffer());
    // It was 5.00152E+17 (refused) and 2344556677 (refused by the store as neither a mobile nor a landline).
    const [parsed] = parseLedgerRows((await readLedgerFile({ name: '人员.xlsx', bytes }, people)).rows, people);
    expect(parsed!.problems).toEqual([]);
    expect(parsed!.input).toMatchObject({ phone: '02344556677', idCardNumber: '500152199201013459' });
    const notes = (read.getWorksheet('说明')!.getColumn(3).values as unknown[]).map(String).join('\n');
    expect(notes).toContain('“联系电话”、“公民身份号码”列已设为“文本”格式');
  });

  test.skipIf(!SOFFICE && process.env.CI !== 'true')('opened and saved again by LibreOffice, the people template’s 联系电话 and 公民身份号码 cells are still Text', async () => {
    expect(SOFFICE, 'soffice is required in CI (.ci/run installs LibreOffice)').toBeDefined();
    const people = ledgerKind('people');
    const dir = await mkdtemp(join(tmpdir(), 'ledger-template-lo-'));
    try {
      const template = join(dir, 'in', '人员台账模板.xlsx');
      await mkdir(join(dir, 'in'));
      await ledgerTemplate(people).xlsx.writeFile(template);
      await promisify(execFile)(SOFFICE!, [`-env:UserInstallation=file://${join(dir, 'lo-profile')}`, '--headless', '--convert-to', 'xlsx', '--outdir', dir, template], { timeout: 180_000 });
      const saved = new ExcelJS.Workbook();
      await saved.xlsx.readFile(join(dir, '人员台账模板.xlsx'));
      const sheet = saved.getWorksheet(people.sheet)!;
      const formats = people.columns.map((c, i) => [c.header, ...[2, 2001].map((line) => sheet.getRow(line).getCell(i + 1).numFmt === '@')]);
      expect(formats.filter(([, ...text]) => text.some(Boolean))).toEqual([['联系电话', true, true], ['公民身份号码', true, true]]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 240_000);

  test('an amount takes two decimals at most and no sign', () => {
    expect(readCell('１２.５０', 'amount')).toEqual({ value: 12.5 });
    expect(readCell(0.125, 'amount')).toEqual({ problem: expect.stringMatching(/最多保留两位小数/) });
    expect(readCell('-3', 'amount')).toEqual({ problem: expect.stringMatching(/不是非负数/) });
  });

  test('a template made for Chongqing gives Chongqing’s examples (双江镇党委, chongqing:Organization:shuangjiang-town), in its 说明 and its prompts; Sichuan’s, or no side, Sichuan’s', () => {
    const shown = (kind: LedgerKind, side?: string) => {
      const workbook = ledgerTemplate(kind, undefined, side);
      const notes = (workbook.getWorksheet('说明')!.getColumn(3).values as unknown[]).map(String).join('\n');
      const prompts = kind.columns.map((_, i) => workbook.getWorksheet(kind.sheet)!.getRow(2).getCell(i + 1).dataValidation?.prompt ?? '').join('\n');
      return `${notes}\n${prompts}`;
    };
    for (const kind of Object.values(LEDGER_KINDS)) {
      const chongqing = shown(kind, 'chongqing');
      // It showed Sichuan's (如“磨溪镇党委”, sichuan:Organization:moxi-town) to a Chongqing clerk.
      expect([kind.kind, chongqing.match(/磨溪|sichuan:Organization|chongqing:\w+:…/g)]).toEqual([kind.kind, null]);
      expect(shown(kind, 'sichuan')).toBe(shown(kind));
    }
    // The other side's ID is the other side's: a Chongqing clerk's cross-appointment names a person of Sichuan.
    expect(shown(ledgerKind('posts'), 'chongqing')).toContain('交叉任职填对方人员的 ID，如 sichuan:Person:…');
    expect(shown(ledgerKind('posts'))).toContain('交叉任职填对方人员的 ID，如 chongqing:Person:…');
    expect(shown(ledgerKind('transport-links'), 'chongqing')).toContain('可为对方的区划，如 sichuan:Region:…');
    const activities = shown(ledgerKind('activities'), 'chongqing');
    expect(activities).toContain('如“双江镇党委”');
    expect(activities).toContain('chongqing:Organization:shuangjiang-town');
    expect(shown(ledgerKind('activities'))).toContain('如“磨溪镇党委”');
    expect(shown(ledgerKind('grids'), 'chongqing')).toContain('如“双江社区第一网格”');
  });

  test('with the operator’s records, each reference column offers their names (and warns, not stops, on anything else)', async () => {
    const kind = ledgerKind('posts');
    const { read } = await roundTrip(kind, [], { organizationId: ['磨溪镇党委', '石桥村党支部'], holderId: ['张敏'] });
    const sheet = read.getWorksheet(kind.sheet)!;
    const lists = read.getWorksheet('可选值')!;
    expect(lists.state).toBe('hidden');
    const offered = (header: string) => {
      const validation = sheet.getRow(2).getCell(kind.columns.findIndex((c) => c.header === header) + 1).dataValidation;
      expect(validation).toMatchObject({ type: 'list', errorStyle: 'warning' });
      const column = /\$([A-Z])\$2/.exec(validation.formulae![0] as string)![1]!;
      return (lists.getColumn(column).values as unknown[]).slice(2);
    };
    expect(offered('任职组织')).toEqual(['磨溪镇党委', '石桥村党支部']);
    expect(offered('任职人')).toEqual(['张敏']);
    // Without them the reference columns stay free text.
    const plain = (await roundTrip(kind, [])).read.getWorksheet(kind.sheet)!;
    expect(plain.getRow(2).getCell(1).dataValidation).toMatchObject({ type: 'textLength' });
  });
});
