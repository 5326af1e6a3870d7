import ExcelJS from 'exceljs';
import { describe, expect, test } from 'vitest';
import { VOCABULARY } from '@linju/contract';
import { LEDGER_KINDS, ledgerKind, ledgerTemplate, parseLedgerRows, readLedgerFile, type LedgerKind } from '../src/index.ts';
import { readCell } from '../src/readCell.ts';

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

describe('each kind’s ledger', () => {
  test.each<[string, unknown[], Record<string, unknown>]>([
    ['activities', ['培训', '党员培训', '2024/3/5', ORG, '', 40, '', ''], { kind: '培训', title: '党员培训', heldOn: '2024-03-05', organizerId: ORG, personTimes: 40 }],
    ['service-cases', ['异地就医结算', '２０２４-０３-０５', '磨溪镇', 3, '', '12.5 ', ''], { kind: '异地就医结算', handledOn: '2024-03-05', regionId: '磨溪镇', people: 3, amountWan: 12.5 }],
    ['teams', ['志愿服务队', '巡逻队', ' 磨溪镇边界巡逻队 ', ORG, 45383, ''], { category: '志愿服务队', kind: '巡逻队', name: '磨溪镇边界巡逻队', organizationId: ORG, foundedOn: '2024-04-01' }],
    ['posts', [ORG, '村党组织委员', 'chongqing:Person:p-1', '2024年4月1日', ''], { organizationId: ORG, title: '村党组织委员', holderId: 'chongqing:Person:p-1', startedOn: '2024-04-01' }],
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

  test('the kinds’ vocabularies are the contract’s', () => {
    const used = Object.values(LEDGER_KINDS).flatMap((k) => k.columns.flatMap((c) => (c.vocabulary ? [c.vocabulary] : [])));
    for (const list of used) expect(Object.values(VOCABULARY)).toContain(list);
    expect(ledgerKind('teams').columns.find((c) => c.field === 'kind')!.vocabulary).toBe(VOCABULARY.teamKind);
  });

  test('an amount takes two decimals at most and no sign', () => {
    expect(readCell('１２.５０', 'amount')).toEqual({ value: 12.5 });
    expect(readCell(0.125, 'amount')).toEqual({ problem: expect.stringMatching(/最多保留两位小数/) });
    expect(readCell('-3', 'amount')).toEqual({ problem: expect.stringMatching(/不是非负数/) });
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
