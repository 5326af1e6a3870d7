import { afterAll, beforeAll, expect, test } from 'vitest';
import { federationSnapshot } from '@linju/testing';
import { mintDevToken } from '@linju/gateway/devKeys';
import { ledgerKind, ledgerTemplate } from '../src/index.ts';
import { startDocumentsBehindGateway, type DocumentsBehindGateway } from './documentsBehindGateway.ts';

/**
 * A documents request refused for who asks, not for what it asks: an anonymous export of a list
 * that is not public is 401 UNAUTHENTICATED (sign in), a signed-in caller without the right is 403
 * FORBIDDEN, each in Chinese; neither is 400 BAD_LEDGER, which tells the clerk to correct a file.
 */

let running: DocumentsBehindGateway;
beforeAll(async () => {
  running = await startDocumentsBehindGateway();
}, 120_000);
afterAll(() => running?.stop());

const answer = async (response: Response) => ({ status: response.status, ...((await response.json()) as { code: string; message: string }) });

test('an anonymous export of people is 401 UNAUTHENTICATED, in Chinese', async () => {
  for (const format of ['csv', 'xlsx']) {
    expect(await answer(await running.call(`/documents/export?list=people&side=sichuan&format=${format}`, { as: null }))).toMatchObject({
      status: 401,
      code: 'UNAUTHENTICATED',
      message: expect.stringMatching(/^无权读取.*请先登录/),
    });
  }
});

test('a viewer’s import and an operator’s import into the other side are 403 FORBIDDEN, in Chinese', async () => {
  const kind = ledgerKind('activities');
  const body = Buffer.from(await ledgerTemplate(kind).xlsx.writeBuffer());
  const viewer = await mintDevToken(running.federation.devKeys, 'viewer', 'viewer-1', '1h');
  const chongqing = await mintDevToken(running.federation.devKeys, 'chongqing-operator', 'cq-1', '1h');
  const workbook = ledgerTemplate(kind);
  workbook.getWorksheet(kind.sheet)!.addRow(['培训', '测试活动', '2024-03-01', '磨溪镇党委', 1, 10, 0]);
  const oneRow = Buffer.from(await workbook.xlsx.writeBuffer());
  const preview = (as: string, file: Buffer) =>
    running.call(`/documents/import/preview?kind=activities&side=sichuan&name=${encodeURIComponent('活动台账.xlsx')}`, { method: 'POST', body: file, as });
  expect(await answer(await preview(chongqing, body))).toMatchObject({ status: 403, code: 'FORBIDDEN', message: expect.stringMatching(/^只能导入本方（重庆市）的台账/) });
  expect(await answer(await preview(viewer, oneRow))).toMatchObject({ status: 403, code: 'FORBIDDEN', message: expect.stringMatching(/[\u4e00-\u9fff]/) });
});

test('a token the gateway refuses is 401 with the gateway’s reason and words: an account without a Linju role is not told to sign in again', async () => {
  const keys = running.federation.devKeys;
  // Signed in at the identity provider, but no Linju role: signing in again gives the same token.
  const noRole = await mintDevToken(keys, 'nobody' as 'viewer', 'no-rights-1', '1h');
  const expired = await mintDevToken(keys, 'sichuan-operator', 'anju-1', '-1m', { region: '510904' });
  const preview = (as: string) => running.call(`/documents/import/preview?kind=activities&side=sichuan&name=${encodeURIComponent('活动台账.csv')}`, { method: 'POST', body: '类别,名称,举办日期,主办组织,场次,人次\n培训,测试活动,2024-03-01,磨溪镇党委,1,9\n', as });
  for (const refused of [await running.call('/documents/export?list=alliances', { as: noRole }), await preview(noRole)]) {
    const said = await answer(refused);
    expect(said).toMatchObject({ status: 401, code: 'UNAUTHENTICATED', reason: 'no-role', message: expect.stringMatching(/^您的账号尚未开通邻聚的权限.*重新登录也无法.* \/ The token/) });
    expect(said.message).not.toContain('登录已失效');
  }
  expect(await answer(await running.call('/documents/export?list=alliances', { as: expired }))).toMatchObject({ status: 401, code: 'UNAUTHENTICATED', reason: 'expired', message: expect.stringMatching(/^登录已过期.*请重新登录/) });
});

test('preview, confirm and withdrawal refuse an account that may not write the side up front, the same way: no token 401, a viewer, the joint office and the other side’s operator 403, naming 导入 or 撤销', async () => {
  const keys = running.federation.devKeys;
  const accounts = {
    viewer: { token: await mintDevToken(keys, 'viewer', 'viewer-2', '1h'), role: '查看者' },
    joint: { token: await mintDevToken(keys, 'joint-operator', 'joint-2', '1h'), role: '遂潼联合办公室操作员' },
  };
  const chongqing = await mintDevToken(keys, 'chongqing-operator', 'cq-2', '1h');
  // A 安居区 operator's import, whose report the others then try to withdraw.
  const organizers = await running.federation.query<{ jurisdictions: { organizations: { edges: { node: { name: string } }[] } }[] }>(
    '{ jurisdictions(keys: ["sichuan"]) { organizations(filter: { search: "安居区" }, first: 1) { edges { node { name } } } } }',
  );
  const kind = ledgerKind('activities');
  const workbook = ledgerTemplate(kind);
  workbook.getWorksheet(kind.sheet)!.addRow(['培训', `谁可撤销${Date.now().toString(36)}`, '2024-03-01', organizers.data!.jurisdictions[0]!.organizations.edges[0]!.node.name, 1, 10, 0]);
  const ledger = Buffer.from(await workbook.xlsx.writeBuffer());
  const route = (path: 'preview' | 'confirm', as: string | null) =>
    running.call(`/documents/import/${path}?kind=activities&side=sichuan&name=${encodeURIComponent('活动台账.xlsx')}`, { method: 'POST', body: ledger, as });
  const imported = (await (await route('confirm', running.token)).json()) as { counts: Record<string, number>; report: { base64: string } };
  expect(imported.counts['已导入']).toBe(1);
  const withdraw = (as: string | null) =>
    running.call(`/documents/import/withdraw?name=${encodeURIComponent('活动台账.导入结果.xlsx')}&reason=${encodeURIComponent('测试')}`, { method: 'POST', body: Buffer.from(imported.report.base64, 'base64'), as });

  const before = await federationSnapshot(running.federation.subgraphs);
  for (const [name, { token, role }] of Object.entries(accounts)) {
    for (const path of ['preview', 'confirm'] as const) {
      const said = await answer(await route(path, token));
      expect(said, `${name} ${path}`).toEqual({ status: 403, code: 'FORBIDDEN', message: `当前账号（${role}）无权导入台账：只有辖区（四川省、重庆市）的操作员能导入台账，请以四川省的操作员身份登录。未导入任何内容。` });
    }
    // Not a 撤销结果 workbook with one row 错误, 200: refused as a whole, as the import is.
    expect(await answer(await withdraw(token)), `${name} withdraw`).toEqual({ status: 403, code: 'FORBIDDEN', message: `当前账号（${role}）无权撤销导入：只有辖区（四川省、重庆市）的操作员能撤销导入。未撤销任何记录。` });
  }
  expect(await answer(await route('confirm', chongqing))).toEqual({ status: 403, code: 'FORBIDDEN', message: '只能导入本方（重庆市）的台账，不能写入四川省的库。未导入任何内容。' });
  // Not 400 BAD_LEDGER (a file to correct): who asks.
  expect(await answer(await withdraw(chongqing))).toEqual({ status: 403, code: 'FORBIDDEN', message: '只能撤销本方（重庆市）的导入，不能写入四川省的库。未撤销任何记录。' });
  expect(await answer(await route('confirm', null))).toMatchObject({ status: 401, code: 'UNAUTHENTICATED', message: expect.stringMatching(/^请先登录（辖区操作员）再导入台账。/) });
  expect(await answer(await withdraw(null))).toMatchObject({ status: 401, code: 'UNAUTHENTICATED', message: expect.stringMatching(/^请先登录（辖区操作员）再撤销导入。/) });
  expect(await federationSnapshot(running.federation.subgraphs), 'every store as it was').toEqual(before);
});

test('an upload without content is named as what was asked for: the ledger to import, or the import report to withdraw; a file chosen is said to be empty', async () => {
  const clerk = await mintDevToken(running.federation.devKeys, 'sichuan-operator', 'anju-1', '1h', { region: '510904' });
  const preview = await running.call(`/documents/import/preview?kind=activities&side=sichuan&name=${encodeURIComponent('活动台账.xlsx')}`, { method: 'POST', body: Buffer.alloc(0), as: clerk });
  // A file was chosen, and it is empty: said so, as the command says 文件是空的 (it said 没有收到文件内容, as if none was chosen).
  expect(await answer(preview)).toMatchObject({ status: 400, code: 'EMPTY_FILE', message: '选择的文件“活动台账.xlsx”是空的（0 字节），未导入任何内容。请检查后重新选择要导入的台账文件。 / The chosen file "活动台账.xlsx" is empty (0 bytes): nothing was done; choose the file again.' });
  // It said 请选择要导入的台账文件 to a clerk withdrawing an import.
  const withdrawal = await running.call(`/documents/import/withdraw?name=${encodeURIComponent('活动台账.导入结果.xlsx')}&reason=${encodeURIComponent('测试')}`, { method: 'POST', body: Buffer.alloc(0), as: clerk });
  expect(await answer(withdrawal)).toMatchObject({ status: 400, code: 'EMPTY_FILE', message: '选择的文件“活动台账.导入结果.xlsx”是空的（0 字节），未撤销任何记录。请检查后重新选择本次导入的导入结果文件（……导入结果.xlsx）。 / The chosen file "活动台账.导入结果.xlsx" is empty (0 bytes): nothing was done; choose the file again.' });
  // A name is quoted short, its hidden characters shown (a right-to-left override cannot reorder the message).
  const odd = await running.call(`/documents/import/preview?kind=activities&side=sichuan&name=${encodeURIComponent(`\u202E${'长'.repeat(300)}.xlsx`)}`, { method: 'POST', body: Buffer.alloc(0), as: clerk });
  const { message } = await answer(odd);
  expect(message).toContain('\\u202E');
  expect(message).not.toContain('\u202E');
  expect(message.length).toBeLessThan(300);
  // No file named: no content came.
  const unnamed = await running.call(`/documents/import/withdraw?reason=${encodeURIComponent('测试')}`, { method: 'POST', body: Buffer.alloc(0), as: clerk });
  expect(await answer(unnamed)).toMatchObject({ status: 400, code: 'EMPTY_FILE', message: '没有收到文件内容，未撤销任何记录。请选择本次导入的导入结果文件（……导入结果.xlsx）。 / The request has no body: nothing was done; choose the file.' });
  // A viewer is told who may import or withdraw, not to choose a file it could not send anyway.
  const viewer = await mintDevToken(running.federation.devKeys, 'viewer', 'viewer-3', '1h');
  for (const path of ['preview?kind=activities&side=sichuan', 'withdraw?reason=测试'])
    expect(await answer(await running.call(`/documents/import/${encodeURI(path)}`, { method: 'POST', body: Buffer.alloc(0), as: viewer })), path).toMatchObject({ status: 403, code: 'FORBIDDEN', message: expect.stringMatching(/^当前账号（查看者）无权/) });
});
