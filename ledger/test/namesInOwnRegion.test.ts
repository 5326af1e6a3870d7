import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mintDevToken } from '@linju/gateway/devKeys';
import { importLedger, importReport, ledgerKind, ledgerTemplate, operatorRecords, previewLedger, type LedgerKind } from '../src/index.ts';
import { chosenNamesakesSentence } from '../src/chosenNamesakes.ts';
import { organizationsOf, regionOf, startAsAnjuClerk, type AnjuClerk, type Org } from './importHelpers.ts';

/**
 * A town clerk's ledger naming records by names that records elsewhere in the province share,
 * through the real gateway and stores: a name is looked up among the records of the clerk's own
 * region first (those the template's drop-down offers), so 磨溪镇's clerk's 主办组织 and 任职人 are
 * 磨溪镇's though 分水镇 has namesakes; two of them in 磨溪镇 are asked about by where each lies, and
 * nothing of 分水镇's is named; a 任职人 only elsewhere (the holder may be anyone) is taken, asked
 * about when several share the name; a 主办组织 only elsewhere is none of the region's.
 */

let clerk: AnjuClerk;
/** 磨溪镇's clerk (510904101). */
let moxiToken: string;
beforeAll(async () => {
  clerk = await startAsAnjuClerk();
  moxiToken = await mintDevToken(clerk.federation.devKeys, 'sichuan-operator', 'moxi-clerk', '1h', { name: '张敏', region: '510904101' });
}, 120_000);
afterAll(() => clerk?.stop());

const ORGANIZATIONS = ledgerKind('organizations');
const PEOPLE = ledgerKind('people');
const POSTS = ledgerKind('posts');
const ACTIVITIES = ledgerKind('activities');

/** A ledger of the kind whose rows give these columns (by header), the others blank, as an upload. */
async function ledger(kind: LedgerKind, rows: readonly Record<string, unknown>[]) {
  const workbook = ledgerTemplate(kind);
  for (const row of rows) workbook.getWorksheet(kind.sheet)!.addRow(kind.columns.map((c) => row[c.header] ?? null));
  return { name: `${kind.sheet}.xlsx`, bytes: new Uint8Array(await workbook.xlsx.writeBuffer()) };
}

const options = (kind: LedgerKind, file: { name: string; bytes: Uint8Array }, token: string) => ({ file, kind, side: 'sichuan', gatewayUrl: clerk.federation.gatewayUrl, token });
const said = (outcomes: readonly { status: string; problems: readonly { column: string | null; reason: string }[] }[]) => outcomes.map((o) => [o.status, o.problems[0]?.column ?? null, o.problems[0]?.reason ?? null]);

/** Imported as 安居区's clerk, every row written: the records' IDs. */
async function asDistrict(kind: LedgerKind, rows: readonly Record<string, unknown>[]): Promise<string[]> {
  const outcomes = await importLedger(options(kind, await ledger(kind, rows), clerk.token));
  expect(said(outcomes)).toEqual(rows.map(() => ['已导入', null, null]));
  return outcomes.map((o) => o.recordId!);
}

/** A town's 镇党委 (the parent its new branches get). */
const committeeOf = async (town: string): Promise<Org> => (await organizationsOf(clerk.federation, town)).find((o) => o.name === `${town}党委`)!;

describe('names in a town clerk’s ledger', () => {
  test('resolve among the records of the clerk’s region first, as the template offers them; namesakes named by where they lie, none outside the region', async () => {
    const [moxi, fenshui, baima] = await Promise.all([regionOf(clerk.federation, '磨溪镇'), regionOf(clerk.federation, '分水镇'), regionOf(clerk.federation, '白马镇')]);
    const [moxiCommittee, fenshuiCommittee, baimaCommittee] = await Promise.all([committeeOf('磨溪镇'), committeeOf('分水镇'), committeeOf('白马镇')]);
    const branch = (name: string, parent: { id: string }, region: { id: string }) => ({ 组织名称: name, 组织类别: '党支部', 层级: '村', 上级党组织: parent.id, 所在行政区划: region.id, 成立日期: '2024-03-01' });
    // 同名测试村党支部 in 磨溪镇 and in 分水镇; 外镇同名支部 in 分水镇 and 白马镇 only.
    const [moxiBranch, fenshuiBranch] = await asDistrict(ORGANIZATIONS, [
      branch('同名测试村党支部', moxiCommittee, moxi),
      branch('同名测试村党支部', fenshuiCommittee, fenshui),
      branch('外镇同名支部', fenshuiCommittee, fenshui),
      branch('外镇同名支部', baimaCommittee, baima),
    ]);
    // 同名测试人 in 磨溪镇 and 分水镇; 外镇同名人 twice in 分水镇; 外镇独有人 once in 分水镇.
    await asDistrict(PEOPLE, [
      { 姓名: '同名测试人', 所在组织: moxiBranch },
      { 姓名: '同名测试人', 所在组织: fenshuiBranch },
      { 姓名: '外镇同名人', 所在组织: fenshuiBranch },
      { 姓名: '外镇同名人', 所在组织: fenshuiCommittee.id },
      { 姓名: '外镇独有人', 所在组织: fenshuiBranch },
    ]);

    // The template 磨溪镇's clerk downloads offers the branch and the person, as names of their own.
    const own = await operatorRecords({ gatewayUrl: clerk.federation.gatewayUrl, token: moxiToken, side: 'sichuan' }, POSTS);
    expect(own.organizationId).toContain('同名测试村党支部');
    expect(own.holderId).toContain('同名测试人');
    expect(own.holderId).not.toContain('外镇同名人');

    // And the import takes them: 磨溪镇's, though 分水镇 has namesakes (the store would refuse 分水镇's branch outside-region).
    const activity = { 类别: '培训', 名称: '同名测试培训', 举办日期: '2024-06-01', 主办组织: '同名测试村党支部', 场次: 1, 人次: 10 };
    expect(said(await previewLedger(options(ACTIVITIES, await ledger(ACTIVITIES, [activity, { ...activity, 名称: '外镇同名测试', 主办组织: '外镇同名支部' }]), moxiToken)))).toEqual([
      ['已导入', null, null],
      // Named only by records of other towns: none of 磨溪镇's, and which towns they are is not said.
      ['错误', '主办组织', '本区划内没有名为“外镇同名支部”的主办组织（主办组织须在本区划内）'],
    ]);
    const post = (holder: string, title: string) => ({ 任职组织: '同名测试村党支部', 职务名称: title, 任职人: holder, 任职日期: '2024-06-01' });
    const posts = await ledger(POSTS, [post('同名测试人', '组织委员'), post('外镇独有人', '宣传委员'), post('外镇同名人', '纪检委员')]);
    const previewed = await previewLedger(options(POSTS, posts, moxiToken));
    expect(said(previewed)).toEqual([
      ['已导入', null, null],
      // A holder may be anyone of the side: one only elsewhere is taken, several are asked about by where they lie.
      ['已导入', null, null],
      ['错误', '任职人', '本区划内没有，四川省有 2 个名为“外镇同名人”的任职人（分水镇党委，分水镇；同名测试村党支部，分水镇），无法确定是哪一个；请改填其全局 ID（导出的名单中有）'],
    ]);
    // Each holder taken where the clerk may mean another is said, with where the others lie (both were taken without a word): the region's
    // 同名测试人, 分水镇 having one too, and 外镇独有人, the region having none.
    const again = '；如指的不是这一个，请撤销这些行（撤销本次导入或撤销登记）后改填所指的人或组织的全局 ID（导出的名单中有）再导入';
    expect(chosenNamesakesSentence(previewed)).toBe(
      `第2行的“任职人”“同名测试人”按本区划内的同名任职人导入，四川省另有 1 个同名的任职人（同名测试村党支部，分水镇）${again}；` +
        `第3行的“任职人”“外镇独有人”本区划内没有，按四川省的同名任职人（同名测试村党支部，分水镇）导入${again}`,
    );
    // The report's 汇总 says it too.
    const summary: unknown[][] = [];
    importReport(POSTS, previewed, { preview: true }).getWorksheet('汇总')!.eachRow((row) => summary.push((row.values as unknown[]).slice(1)));
    expect(summary).toContainEqual(['说明', chosenNamesakesSentence(previewed)]);

    // A second 同名测试人 in 磨溪镇: now the name is asked about, by the two of 磨溪镇, 分水镇's left unsaid; the template leaves it out.
    await asDistrict(PEOPLE, [{ 姓名: '同名测试人', 所在组织: moxiCommittee.id }]);
    expect(said(await previewLedger(options(POSTS, posts, moxiToken)))[0]).toEqual([
      '错误', '任职人', '本区划内有 2 个名为“同名测试人”的任职人（磨溪镇党委，磨溪镇；同名测试村党支部，磨溪镇），无法确定是哪一个；请改填其全局 ID（导出的名单中有）',
    ]);
    expect((await operatorRecords({ gatewayUrl: clerk.federation.gatewayUrl, token: moxiToken, side: 'sichuan' }, POSTS)).holderId).not.toContain('同名测试人');

    // 安居区's clerk, whose region holds both branches, is asked which, by their towns and parents.
    expect(said(await previewLedger(options(ACTIVITIES, await ledger(ACTIVITIES, [activity]), clerk.token)))).toEqual([
      ['错误', '主办组织', `本区划内有 2 个名为“同名测试村党支部”的主办组织（分水镇，上级为${fenshuiCommittee.name}；磨溪镇，上级为${moxiCommittee.name}），无法确定是哪一个；请改填其全局 ID（导出的名单中有）`],
    ]);
  }, 180_000);
});
