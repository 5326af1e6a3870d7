import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { importLedger, ledgerKind, parseLedgerRows, readLedgerFile } from '../src/index.ts';
import { optionFor, ROW_BY_ROW, UPDATE_REGISTERED, type Reader } from '../src/importOptions.ts';
import { refuseWavesAllOrNothing, sameFileReferences } from '../src/importWaves.ts';
import { differsFromRegistered, unappliedSentence } from '../src/registeredPeople.ts';

/**
 * The options a message tells a clerk to choose, said to whoever reads it: the dashboard's clerk (the documents server's `page`)
 * by the page's words, the command's user with the flag. The server's refusals and notes said （命令行 --mode row-by-row）,
 * （命令行 --update-registered）, （命令行 --kind people）, （命令行 --template activities） to a clerk with no command line.
 */

const ACTIVITIES = ledgerKind('activities');
const PEOPLE = ledgerKind('people');
const ORGANIZATIONS = ledgerKind('organizations');

let dir: string;
beforeAll(async () => (dir = await mkdtemp(join(tmpdir(), 'ledger-options-'))));
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Each message that names an option, as the reader is told it. */
async function messages(reader: Reader): Promise<string[]> {
  const refusal = (work: () => unknown) => Promise.resolve().then(work).then(() => '', (error: Error) => error.message);
  const peopleCsv = join(dir, 'people.csv');
  await writeFile(peopleCsv, '姓名,所在党支部,身份证号\r\n张三,磨溪镇党委,510904198503128593\r\n');
  const exported = join(dir, 'exported.csv');
  await writeFile(exported, '全局 ID,类别,名称,举办日期,主办组织,场次,人次,引进人才,所属联盟ID\r\nsichuan:Activity:a-1,培训,党员培训,2021-03-05,磨溪镇党委,1,20,,\r\n');
  const organizationsCsv = join(dir, 'organizations.csv');
  await writeFile(organizationsCsv, '组织名称,组织类别,层级,上级党组织,所在行政区划,成立日期\r\n磨溪镇党委,党委,乡镇,,磨溪镇,2020-01-01\r\n白马村党支部,党支部,村,磨溪镇党委,磨溪镇,2020-03-01\r\n');
  const inFile = sameFileReferences(ORGANIZATIONS, parseLedgerRows((await readLedgerFile(organizationsCsv, ORGANIZATIONS, reader)).rows, ORGANIZATIONS));
  // Refused before anything is read from the gateway (none listens here).
  const early = { gatewayUrl: 'http://127.0.0.1:9', token: '', side: 'sichuan', file: peopleCsv, reader, updateRegistered: true };
  const person = { id: 'sichuan:Person:p-1', version: 1, name: '张三', gender: null, organization: null, phone: null, idCardNumber: null, birthDate: null, address: null };
  return [
    await refusal(() => readLedgerFile(peopleCsv, ACTIVITIES, reader)),
    await refusal(() => readLedgerFile(exported, ACTIVITIES, reader)),
    await refusal(() => refuseWavesAllOrNothing(ORGANIZATIONS, inFile.rows, inFile.waiting, 'all-or-nothing', reader)),
    await refusal(() => importLedger({ ...early, kind: ACTIVITIES })),
    await refusal(() => importLedger({ ...early, kind: PEOPLE, mode: 'all-or-nothing' })),
    differsFromRegistered(person, ['住址'], reader),
    unappliedSentence([{ line: 2, unapplied: ['住址'] }], reader),
  ];
}

describe('the options a message names', () => {
  test('on the page by the page’s words alone (逐行导入, 按台账更正已登记的人员, 台账类型 人员, 活动台账模板), never 命令行', async () => {
    const page = await messages('page');
    expect(page.every(Boolean)).toBe(true);
    expect(page.filter((m) => /命令行|--/.test(m))).toEqual([]);
    expect(page).toEqual([
      expect.stringContaining('请选择台账类型“人员”再导入。'),
      expect.stringContaining('请下载活动台账模板填写后导入'),
      expect.stringContaining('请改用“逐行导入”，它先导入上级'),
      '“按台账更正已登记的人员”只用于台账类型“人员”：其他台账的行不能更正已登记的记录。未导入任何内容。',
      '“按台账更正已登记的人员”只能与“逐行导入”同用：更正不在“全部或不导入”的同一事务中。未导入任何内容。',
      expect.stringMatching(/请重新导入并选择“按台账更正已登记的人员”$/),
      expect.stringMatching(/请重新导入并选择“按台账更正已登记的人员”$/),
    ]);
  });

  test('at the command line with the flag after the words', async () => {
    const command = await messages('command');
    expect(command).toEqual([
      expect.stringContaining('请选择台账类型“人员”（命令行 --kind people）再导入。'),
      expect.stringContaining('请下载活动台账模板（命令行 --template activities）填写后导入'),
      expect.stringContaining('请改用“逐行导入”（命令行 --mode row-by-row），它先导入上级'),
      '“按台账更正已登记的人员”（命令行 --update-registered）只用于台账类型“人员”（命令行 --kind people）：其他台账的行不能更正已登记的记录。未导入任何内容。',
      '“按台账更正已登记的人员”（命令行 --update-registered）只能与“逐行导入”（命令行 --mode row-by-row）同用：更正不在“全部或不导入”的同一事务中。未导入任何内容。',
      expect.stringMatching(/请重新导入并选择“按台账更正已登记的人员”（命令行 --update-registered）$/),
      expect.stringMatching(/请重新导入并选择“按台账更正已登记的人员”（命令行 --update-registered）$/),
    ]);
    // A command's default reader is the command's user.
    expect((await readLedgerFile(join(dir, 'people.csv'), ACTIVITIES).catch((e: Error) => e.message))).toContain('（命令行 --kind people）');
    expect([optionFor('page', ROW_BY_ROW), optionFor('command', UPDATE_REGISTERED)]).toEqual(['“逐行导入”', '“按台账更正已登记的人员”（命令行 --update-registered）']);
  });
});
