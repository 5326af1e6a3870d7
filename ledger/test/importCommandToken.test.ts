import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { importCommand } from './importHelpers.ts';

/**
 * The command answers who the token is before it asks which side to write: a string that is no token, and a viewer's
 * token without --side, were told 请用 --side 指明写入哪一方的库, which no --side would have cured. Nothing is sent (the
 * gateway named is one nothing listens on).
 */

const jwt = (payload: object) => `eyJhbGciOiJFUzI1NiJ9.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.c2ln`;
const NOWHERE = 'http://127.0.0.1:9/graphql';

let dir: string;
let file: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ledger-token-'));
  file = join(dir, '活动台账.csv');
  await writeFile(file, '类别,名称,举办日期,主办组织\r\n培训,党员培训,2024-03-01,磨溪镇党委\r\n');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

test('a string that is no token is refused as an invalid token, not asked for --side; for an import and a withdrawal', async () => {
  const imported = await importCommand(['--file', file, '--token', 'not-a-token', '--gateway', NOWHERE]);
  expect(imported).toMatchObject({ code: 1, stderr: expect.stringContaining('导入失败：令牌无效：所给的不是登录后得到的访问令牌，请重新登录，复制完整的令牌后再导入。未导入任何内容。') });
  expect(imported.stderr).not.toContain('--side');
  const withdrawn = await importCommand(['--withdraw', join(dir, '活动台账.导入结果.xlsx'), '--reason', '测试', '--token', 'abc.def', '--gateway', NOWHERE]);
  expect(withdrawn).toMatchObject({ code: 1, stderr: expect.stringContaining('撤销失败：令牌无效：所给的不是登录后得到的访问令牌，请重新登录，复制完整的令牌后再撤销。未撤销任何记录。') });
});

test('a viewer’s token (and the joint office’s) without --side is told it may not import, not to name a side', async () => {
  for (const [role, name] of [['viewer', '查看者'], ['joint-operator', '遂潼联合办公室操作员']]) {
    const said = await importCommand(['--file', file, '--token', jwt({ sub: 'someone', role }), '--gateway', NOWHERE]);
    expect(said, role).toMatchObject({ code: 1, stderr: expect.stringContaining(`导入失败：当前账号（${name}）无权导入台账：只有辖区（四川省、重庆市）的操作员能导入台账。未导入任何内容。`) });
  }
  // An operator's token names its side, and a token of no Linju role is still asked for one (the gateway says why it is refused).
  expect((await importCommand(['--file', file, '--token', jwt({ sub: 'someone', role: 'nobody' }), '--gateway', NOWHERE])).stderr).toContain('请用 --side 指明写入哪一方的库');
});
