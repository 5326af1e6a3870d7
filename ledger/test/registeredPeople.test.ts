import { join } from 'node:path';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { federationSnapshot, type Federation } from '@linju/testing';
import { importLedger, ledgerKind, ledgerTemplate, previewLedger, type ImportOptions } from '../src/index.ts';
import type { ImportAnswer } from '../src/server/importRoutes.ts';
import { withIdCheck } from '../../e2e/test/writes/writeSupport.ts';
import { startDocumentsBehindGateway, type DocumentsBehindGateway } from './documentsBehindGateway.ts';
import { countOf, importCommand, organizationsOf, readReport, stoppedMidway, type Org } from './importHelpers.ts';

/**
 * A town clerk's people ledger (人员台账) imported again after she corrected a phone or an address in
 * it, or listing a person registered before through the dashboard: a row whose 公民身份号码 is a person
 * of her region is that person. The same cells: 已存在, nothing written. Other cells: 已存在 naming the
 * columns that differ, nothing written; with --update-registered (updateRegistered=1 on the documents
 * server) the person is corrected through sichuanUpdatePerson (已更正), its audit entry naming the
 * fields changed. A person outside her region stays refused, unnamed; 全部或不导入 corrects no one.
 */

const PEOPLE = ledgerKind('people');
let running: DocumentsBehindGateway;
let federation: Federation;
let token: string;
let dir: string;
let anju: Org[];
let yongxing: Org;

beforeAll(async () => {
  running = await startDocumentsBehindGateway();
  ({ federation, token } = running);
  dir = await mkdtemp(join(tmpdir(), 'ledger-registered-'));
  anju = await organizationsOf(federation, '安居区');
  yongxing = (await organizationsOf(federation, '船山区')).find((o) => o.name.includes('永兴镇'))!;
}, 120_000);
afterAll(async () => {
  await running?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

let sequence = 100;
/** A person no other test of the file has: a unique name and resident ID number (a man born 1985-03-12). */
function newPerson(organization: Org, tag: string) {
  sequence += 2;
  return {
    name: `台账人员${tag}${sequence}`,
    gender: '男',
    organizationId: organization.id,
    phone: '13800001111',
    idCardNumber: withIdCheck(`51090419850312${String(sequence + 1).padStart(3, '0')}`),
    birthDate: '1985-03-12',
    address: '磨溪镇白马村3组',
  };
}
type Person = ReturnType<typeof newPerson>;

/** The person registered through the API (as the dashboard's form does), as `as` (the clerk by default). */
async function register(person: Person, as?: 'sichuan-operator'): Promise<string> {
  const answer = await federation.query<{ sichuanCreatePerson: { id: string } }>(
    'mutation ($input: PersonInput!) { sichuanCreatePerson(input: $input) { id } }',
    { input: person },
    { as: as ?? { authorization: `Bearer ${token}` } },
  );
  if (!answer.data) throw new Error(JSON.stringify(answer.errors));
  return answer.data.sichuanCreatePerson.id;
}

/** The person as stored. */
async function stored(id: string) {
  const { rows } = await federation.subgraphs.sichuan!.pool.query('SELECT name, phone, address, version FROM person WHERE id = $1', [id]);
  return rows[0];
}

/** The store's audit sequence now, and the write entries appended after one, with their fields. */
const lastSeq = async (): Promise<number> => Number((await federation.subgraphs.sichuan!.pool.query('SELECT coalesce(max(seq), 0)::int AS seq FROM audit_log')).rows[0].seq);
async function writesAfter(seq: number): Promise<{ fields: string[]; ids: string[]; outcome: string }[]> {
  const { rows } = await federation.subgraphs.sichuan!.pool.query("SELECT fields, ids, outcome FROM audit_log WHERE seq > $1 AND kind = 'write' ORDER BY seq", [seq]);
  return rows;
}
const updates = <E extends { fields: string[] }>(entries: E[]) => entries.filter((e) => e.fields.some((f) => f.startsWith('sichuanUpdatePerson')));

/** A people ledger of these persons (the template's columns, the organization by its ID), saved as a file. */
async function ledgerFile(name: string, people: readonly Person[]): Promise<string> {
  const workbook = ledgerTemplate(PEOPLE);
  for (const p of people) workbook.getWorksheet(PEOPLE.sheet)!.addRow([p.name, p.gender, p.organizationId, p.phone, p.idCardNumber, p.birthDate, p.address]);
  const file = join(dir, `${name}.xlsx`);
  await workbook.xlsx.writeFile(file);
  return file;
}

const importArgs = (file: string, ...more: string[]) => ['--file', file, '--kind', 'people', '--side', 'sichuan', '--gateway', federation.gatewayUrl, '--token', token, ...more];

/** The report's rows as [状态, 出错列, 原因, 记录ID]. */
const reportRows = async (file: string) => (await readReport(file.replace(/\.xlsx$/, '.导入结果.xlsx'))).map((r) => [r['状态'], r['出错列'], r['原因'], r['记录ID']]);

describe('a people ledger listing persons registered before', () => {
  test('the same cells (a person registered through the dashboard, the phone typed with spaces, the name lined up with them): 已存在 as that person, nothing written', async () => {
    const person = newPerson(anju[0]!, '同');
    const id = await register(person);
    const file = await ledgerFile('相同', [{ ...person, phone: '138 0000 1111', name: person.name.replace('人员', '人  员') }]);
    const snapshot = await federationSnapshot(federation.subgraphs);
    const seq = await lastSeq();
    const result = await importCommand(importArgs(file));
    expect([result.code, result.stderr]).toEqual([0, '']);
    expect(result.stdout).toMatch(/已导入 0 行，已存在 1 行，错误 0 行。结果见/);
    expect(await reportRows(file)).toEqual([['已存在', '公民身份号码', `已登记：本行是已登记的人员“${person.name}”，内容与已登记的相同，未重复登记，未写入任何内容`, id]]);
    expect(await federationSnapshot(federation.subgraphs)).toEqual(snapshot);
    expect(updates(await writesAfter(seq))).toEqual([]);
  });

  test('a corrected phone and address: 已存在 naming the columns, nothing written; the preview and then --update-registered correct the person', async () => {
    const person = newPerson(anju[0]!, '改');
    const first = await importLedger({ file: await ledgerFile('原台账', [person]), kind: PEOPLE, side: 'sichuan', gatewayUrl: federation.gatewayUrl, token });
    expect(first.map((o) => o.status)).toEqual(['已导入']);
    const id = first[0]!.recordId!;
    const file = await ledgerFile('更正后', [{ ...person, phone: '13900002222', address: '磨溪镇白马村5组' }]);

    const snapshot = await federationSnapshot(federation.subgraphs);
    const seq = await lastSeq();
    const refused = await importCommand(importArgs(file));
    expect(refused.code).toBe(0);
    expect(refused.stdout).toContain('已导入 0 行，已存在 1 行，错误 0 行。其中第 2 行是已登记的人员，与已登记内容有不同，本次未更改（不同的列见结果的“原因”）；如需按台账更正，请重新导入并选择“按台账更正已登记的人员”（命令行 --update-registered）。');
    expect(await reportRows(file)).toEqual([
      ['已存在', '公民身份号码', `已登记：本行是已登记的人员“${person.name}”，与已登记内容不同的列：联系电话、住址；本次未更改。如需按本行更正，请重新导入并选择“按台账更正已登记的人员”（命令行 --update-registered）`, id],
    ]);
    expect(await federationSnapshot(federation.subgraphs)).toEqual(snapshot);
    expect(updates(await writesAfter(seq))).toEqual([]);

    // The preview says what the option would do, and writes nothing.
    const preview = await importCommand(importArgs(file, '--update-registered', '--preview'));
    expect(preview.stdout).toMatch(/预检（未写入任何内容）——可导入 0 行，已存在 0 行，错误 0 行，可更正 1 行。/);
    expect(await federationSnapshot(federation.subgraphs)).toEqual(snapshot);

    const corrected = await importCommand(importArgs(file, '--update-registered'));
    expect([corrected.code, corrected.stderr]).toEqual([0, '']);
    expect(corrected.stdout).toMatch(/已导入 0 行，已存在 0 行，错误 0 行，已更正 1 行。结果见/);
    expect(await reportRows(file)).toEqual([['已更正', '公民身份号码', `已登记：本行是已登记的人员“${person.name}”，已按本行更正：联系电话、住址`, id]]);
    expect(await stored(id)).toEqual({ name: person.name, phone: '13900002222', address: '磨溪镇白马村5组', version: 2 });
    // One correction, its audit entry naming the fields changed and the person.
    expect(updates(await writesAfter(seq)).map((e) => [e.fields, e.ids.includes(id), e.outcome])).toEqual([[['sichuanUpdatePerson', 'sichuanUpdatePerson.phone', 'sichuanUpdatePerson.address'], true, 'ok']]);

    // The same workbook again: the person is as it says, 已存在.
    const again = await importCommand(importArgs(file, '--update-registered'));
    expect(again.stdout).toMatch(/已导入 0 行，已存在 1 行，错误 0 行。结果见/);
    expect((await stored(id)).version).toBe(2);
  });

  test('through the documents server: updateRegistered=1 corrects, the preview says 已更正 without writing', async () => {
    const person = newPerson(anju[1] ?? anju[0]!, '页');
    const id = await register(person);
    const workbook = ledgerTemplate(PEOPLE);
    workbook.getWorksheet(PEOPLE.sheet)!.addRow([person.name, person.gender, person.organizationId, '13700003333', person.idCardNumber, person.birthDate, person.address]);
    const body = Buffer.from(await workbook.xlsx.writeBuffer());
    const path = (route: string, update: boolean) => `/documents/import/${route}?kind=people&side=sichuan&mode=row-by-row&name=${encodeURIComponent('人员台账.xlsx')}${update ? '&updateRegistered=1' : ''}`;
    const snapshot = await federationSnapshot(federation.subgraphs);

    const plain = (await (await running.call(path('confirm', false), { method: 'POST', body })).json()) as ImportAnswer;
    expect(plain.counts).toEqual({ 已导入: 0, 已存在: 1, 错误: 0, 未导入: 0 });
    expect(plain.rows.map((r) => [r.status, r.problems[0]?.reason])).toEqual([['已存在', expect.stringContaining('与已登记内容不同的列：联系电话；本次未更改')]]);
    expect(plain.unappliedNote).toMatch(/^其中第 2 行是已登记的人员/);
    const previewed = (await (await running.call(path('preview', true), { method: 'POST', body })).json()) as ImportAnswer;
    expect(previewed.rows.map((r) => [r.status, r.problems[0]?.reason])).toEqual([['已更正', `已登记：本行是已登记的人员“${person.name}”，导入时将按本行更正：联系电话（预检未更改）`]]);
    expect(await federationSnapshot(federation.subgraphs)).toEqual(snapshot);

    const confirmed = (await (await running.call(path('confirm', true), { method: 'POST', body })).json()) as ImportAnswer;
    expect(confirmed.counts).toEqual({ 已导入: 0, 已存在: 0, 错误: 0, 未导入: 0, 已更正: 1 });
    expect(await stored(id)).toMatchObject({ phone: '13700003333', version: 2 });
  });

  test('a person outside the clerk’s region stays refused without their name, with or without --update-registered', async () => {
    const outside = newPerson(yongxing, '外');
    await register(outside, 'sichuan-operator');
    const file = await ledgerFile('外区', [{ ...outside, name: '另一个名字', organizationId: anju[0]!.id, phone: '13600004444' }]);
    const snapshot = await federationSnapshot(federation.subgraphs);
    for (const more of [[], ['--update-registered']]) {
      const result = await importCommand(importArgs(file, ...more));
      expect([more, result.code, result.stderr]).toEqual([more, 2, '']);
      const rows = await reportRows(file);
      expect(rows).toEqual([['错误', '公民身份号码', '公民身份号码已登记在本方另一人员名下（该人员不在您的区划内），同一人员只登记一次', null]]);
      expect(JSON.stringify(rows) + result.stdout).not.toContain(outside.name);
    }
    expect(await federationSnapshot(federation.subgraphs)).toEqual(snapshot);
  });

  test('全部或不导入: a registered person’s row is refused naming the person, the file not written; with --update-registered refused as a whole', async () => {
    const person = newPerson(anju[0]!, '全');
    await register(person);
    const fresh = newPerson(anju[0]!, '新');
    const file = await ledgerFile('全部', [{ ...person, address: '磨溪镇白马村9组' }, fresh]);
    const snapshot = await federationSnapshot(federation.subgraphs);
    const result = await importCommand(importArgs(file, '--mode', 'all-or-nothing'));
    expect(result.code).toBe(2);
    expect((await reportRows(file)).map((r) => r.slice(0, 3))).toEqual([
      ['错误', '公民身份号码', `已登记：本行是已登记的人员“${person.name}”，与已登记内容不同的列：住址；“全部或不导入”方式下本行不能导入，整个文件未写入。请从文件中删去本行，或改用“逐行导入”（命令行 --mode row-by-row）`],
      ['未导入', null, '本行无误，但文件中其他行有错误；按“全部或不导入”方式，整个文件未写入'],
    ]);
    const whole = await importCommand(importArgs(file, '--mode', 'all-or-nothing', '--update-registered'));
    expect([whole.code, whole.stderr.trim()]).toEqual([1, '导入失败：“按台账更正已登记的人员”（命令行 --update-registered）只能与“逐行导入”（命令行 --mode row-by-row）同用：更正不在“全部或不导入”的同一事务中。未导入任何内容。']);
    expect(await federationSnapshot(federation.subgraphs)).toEqual(snapshot);
  });
});

describe('a second row with the same 公民身份号码, and a row imported before', () => {
  const options = (file: string, more: Partial<ImportOptions> = {}): ImportOptions => ({ file, kind: PEOPLE, side: 'sichuan', gatewayUrl: federation.gatewayUrl, token, ...more });
  /** The outcomes as [line, 状态, 原因 of 公民身份号码 or the first, 记录ID]. */
  const outcomes = (rows: Awaited<ReturnType<typeof importLedger>>) => rows.map((o) => [o.line, o.status, o.problems[0]?.reason ?? null, o.recordId]);

  test('a registered person’s number on a second row is refused as in a first import, before anything is compared or written, with or without the option', async () => {
    const person = newPerson(anju[0]!, '号');
    const first = await importLedger(options(await ledgerFile('登记', [person])));
    const id = first[0]!.recordId!;
    const refusal = `公民身份号码与本次导入中人员“${person.name}”的相同，同一人员只登记一次`;
    // Another person typed with her number on row 3 (孙重号): row 2 the same as registered, then row 2 corrected too.
    const other = { ...person, name: `孙重号${sequence}` };
    const same = await ledgerFile('同号', [person, other]);
    const changed = await ledgerFile('同号且更正', [{ ...person, phone: '13900005555' }, other]);

    const snapshot = await federationSnapshot(federation.subgraphs);
    for (const updateRegistered of [false, true]) {
      for (const outcome of [await previewLedger(options(same, { updateRegistered })), await importLedger(options(same, { updateRegistered }))]) {
        expect([updateRegistered, outcomes(outcome)]).toEqual([updateRegistered, [[2, '已存在', null, id], [3, '错误', refusal, null]]]);
      }
    }
    expect(outcomes(await importLedger(options(changed)))).toEqual([
      [2, '已存在', expect.stringContaining('与已登记内容不同的列：联系电话；本次未更改'), id],
      [3, '错误', refusal, null],
    ]);
    expect(await federationSnapshot(federation.subgraphs)).toEqual(snapshot);

    // With the option the preview and the import agree: row 2 corrects her, row 3 is refused and renames no one.
    const preview = await previewLedger(options(changed, { updateRegistered: true }));
    const imported = await importLedger(options(changed, { updateRegistered: true }));
    expect(outcomes(preview).map((o) => o.slice(0, 2))).toEqual(outcomes(imported).map((o) => o.slice(0, 2)));
    expect(outcomes(imported)).toEqual([[2, '已更正', `已登记：本行是已登记的人员“${person.name}”，已按本行更正：联系电话`, id], [3, '错误', refusal, null]]);
    expect(await stored(id)).toEqual({ name: person.name, phone: '13900005555', address: person.address, version: 2 });
  });

  test('the same person on two identical rows is one write; an earlier row holds its number even when it is refused itself', async () => {
    const person = newPerson(anju[0]!, '重');
    const rows = await importLedger(options(await ledgerFile('两行相同', [person, person])));
    expect(rows.map((o) => [o.status, o.recordId === rows[0]!.recordId])).toEqual([['已导入', true], ['已存在', true]]);

    const fresh = newPerson(anju[0]!, '错');
    // Row 2's birth date is no date; row 3 has its number, the x typed in lower case.
    const file = await ledgerFile('前行有错', [{ ...fresh, birthDate: '1985-13-12' }, { ...fresh, name: `另一人${sequence}`, idCardNumber: fresh.idCardNumber.toLowerCase(), birthDate: '' }]);
    const refused = await previewLedger(options(file));
    expect(refused.map((o) => [o.status, o.problems.map((p) => p.column)])).toEqual([['错误', ['出生日期']], ['错误', ['公民身份号码']]]);
    expect(refused[1]!.problems[0]!.reason).toBe(`公民身份号码与本次导入中人员“${fresh.name}”的相同，同一人员只登记一次`);
  });

  test('the first workbook imported again after a correction is compared with the person as stored now: named, corrected back, then 已存在', async () => {
    const person = newPerson(anju[0]!, '回');
    const original = await ledgerFile('最初', [{ ...person, phone: '13566667777' }]);
    const id = (await importLedger(options(original)))[0]!.recordId!;
    const edited = await ledgerFile('改过', [{ ...person, phone: '135 6666 8888' }]);
    expect(outcomes(await importLedger(options(edited, { updateRegistered: true })))).toEqual([[2, '已更正', expect.stringContaining('已按本行更正：联系电话'), id]]);

    // Its rows replay the first import's keys: the store answers the record it created, now 13566668888.
    const snapshot = await federationSnapshot(federation.subgraphs);
    const named = await importLedger(options(original));
    expect(outcomes(named)).toEqual([[2, '已存在', `已登记：本行是已登记的人员“${person.name}”，与已登记内容不同的列：联系电话；本次未更改。如需按本行更正，请重新导入并选择“按台账更正已登记的人员”（命令行 --update-registered）`, id]]);
    expect(named[0]!.unapplied).toEqual(['联系电话']);
    expect(outcomes(await previewLedger(options(original, { updateRegistered: true })))).toEqual([[2, '已更正', `已登记：本行是已登记的人员“${person.name}”，导入时将按本行更正：联系电话（预检未更改）`, id]]);
    expect(await federationSnapshot(federation.subgraphs)).toEqual(snapshot);

    expect(outcomes(await importLedger(options(original, { updateRegistered: true })))).toEqual([[2, '已更正', `已登记：本行是已登记的人员“${person.name}”，已按本行更正：联系电话`, id]]);
    expect(await stored(id)).toMatchObject({ phone: '13566667777', version: 3 });
    // The cells as stored: 已存在 as any replay, nothing written.
    expect(outcomes(await importLedger(options(original, { updateRegistered: true })))).toEqual([[2, '已存在', null, id]]);
    expect((await stored(id)).version).toBe(3);
  });
});

describe('the registered people read', () => {
  /** The sichuan store's audit entries of the ledger's people read after `seq`: one per call, with the people it returned. */
  async function peopleReadsAfter(seq: number): Promise<string[][]> {
    const { rows } = await federation.subgraphs.sichuan!.pool.query(
      "SELECT ids FROM audit_log WHERE seq > $1 AND kind = 'read' AND operation_name LIKE 'LedgerPeopleRegistered%' ORDER BY seq",
      [seq],
    );
    return rows.map((r: { ids: string[] }) => r.ids.filter((id) => id.startsWith('sichuan:Person:')));
  }

  test('only the people the refusals name are read, 100 IDs a call, never the side’s whole list', async () => {
    const people = Array.from({ length: 101 }, () => newPerson(anju[0]!, '批'));
    const first = await importLedger({ file: await ledgerFile('一百零一人', people), kind: PEOPLE, side: 'sichuan', gatewayUrl: federation.gatewayUrl, token });
    expect(first.map((o) => o.status)).toEqual(people.map(() => '已导入'));
    const ids = first.map((o) => o.recordId!);
    // More people than one page of the list, most of them not in the ledger.
    expect(await countOf(federation, 'people')).toBeGreaterThan(ids.length + 100);

    // The same people, their phones typed with spaces: another file (not the first import repeated), each row its person.
    const file = await ledgerFile('一百零一人再次', people.map((p) => ({ ...p, phone: '138 0000 1111' })));
    const seq = await lastSeq();
    const again = await importLedger({ file, kind: PEOPLE, side: 'sichuan', gatewayUrl: federation.gatewayUrl, token });
    expect(again.map((o) => [o.status, o.recordId, o.problems[0]?.reason])).toEqual(people.map((p, i) => ['已存在', ids[i], expect.stringContaining(`“${p.name}”，内容与已登记的相同`)]));
    // Two calls (100 IDs, then 1), together exactly the 101 holders: no one else's record was read.
    const reads = await peopleReadsAfter(seq);
    expect(reads.map((r) => r.length)).toEqual([100, 1]);
    expect(reads.flat().sort()).toEqual([...ids].sort());
  });
});

describe('a store that goes down partway through the corrections', () => {
  test('the people corrected before it stay 已更正 in the answer, the rest 未导入 saying why; the import is not thrown away as an outage', async () => {
    const people = Array.from({ length: 120 }, () => newPerson(anju[0]!, '中断'));
    const first = await importLedger({ file: await ledgerFile('中途停库登记', people), kind: PEOPLE, side: 'sichuan', gatewayUrl: federation.gatewayUrl, token });
    const ids = first.map((o) => o.recordId!);
    expect(ids.every(Boolean)).toBe(true);
    const sichuan = federation.subgraphs.sichuan!;
    const correctedInStore = async () => Number((await sichuan.pool.query<{ n: string }>('SELECT count(*) AS n FROM person WHERE id = ANY($1) AND version > 1', [ids])).rows[0]!.n);
    // Each row's phone differs from the registered person's: 120 corrections, one call each; once a few are written, Sichuan's PostgreSQL stops under the import.
    const running = importLedger({ file: await ledgerFile('中途停库更正', people.map((p) => ({ ...p, phone: '13900002222' }))), kind: PEOPLE, side: 'sichuan', gatewayUrl: federation.gatewayUrl, token, updateRegistered: true });
    const outcomes = await stoppedMidway(sichuan, correctedInStore, running);
    const written = await correctedInStore();
    expect(outcomes.stopped).toMatch(/^四川省的数据库暂时无法连接/);
    const statuses = outcomes.map((o) => o.status);
    const correctedRows = statuses.filter((s) => s === '已更正').length;
    expect(correctedRows).toBeGreaterThanOrEqual(3);
    // The corrected first, then every row not answered, each 未导入 saying the outage; the one the outage cut may have been written.
    expect(statuses).toEqual([...Array(correctedRows).fill('已更正'), ...Array(ids.length - correctedRows).fill('未导入')]);
    expect(outcomes.slice(0, correctedRows).map((o) => o.recordId)).toEqual(ids.slice(0, correctedRows));
    expect(outcomes.slice(correctedRows).every((o) => o.problems[0]?.reason.startsWith(`服务中断（${outcomes.stopped}）`))).toBe(true);
    expect(written - correctedRows).toBeGreaterThanOrEqual(0);
    expect(written - correctedRows).toBeLessThanOrEqual(1);
  }, 180_000);
});
