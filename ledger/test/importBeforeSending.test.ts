import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { LENGTH } from '@linju/contract/writeLimits';
import { importLedger, ledgerKind, LedgerError, parseLedgerRows, previewLedger } from '../src/index.ts';
import { resolveReferences } from '../src/resolveReferences.ts';

/**
 * What the import settles before it asks the gateway anything: a gateway that records every request
 * (and answers none usefully) shows that nothing was sent.
 */

const ACTIVITIES = ledgerKind('activities');
const requests: string[] = [];
/** What the gateway answers a request (its body): none usefully, unless a test says otherwise. */
let answer: (body: string) => unknown = () => ({ errors: [{ message: 'not this test' }] });
let server: Server;
let gatewayUrl: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      requests.push(body);
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer(body)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  gatewayUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** An unsigned token with these claims: the import only reads it (the gateway checks it). */
const tokenOf = (claims: Record<string, string>) => `e30.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.x`;

const csv = (...lines: string[]) => ({ name: '磨溪镇活动.csv', bytes: new TextEncoder().encode([ACTIVITIES.columns.map((c) => c.header).join(','), ...lines].join('\r\n')) });

test("an operator importing into the other side's store is refused for the whole file, before any name is looked up there", async () => {
  requests.length = 0;
  const token = tokenOf({ role: 'sichuan-operator', region: '510904101' });
  const file = csv('座谈交流,春季座谈会,2026-03-05,磨溪镇党委,1,30,,', '培训,党员培训,2026-03-06,石桥村党支部,1,40,,');
  const refusal = await previewLedger({ file, kind: ACTIVITIES, side: 'chongqing', gatewayUrl, token }).catch((error: unknown) => error);
  expect(refusal).toBeInstanceOf(LedgerError);
  expect((refusal as LedgerError).message).toBe('只能导入本方（四川省）的台账，不能写入重庆市的库。未导入任何内容。');
  expect(requests).toEqual([]);
});

test('a reference cell longer than any name is an error on its row, not a search that fails the whole import', async () => {
  requests.length = 0;
  const note = '磨溪镇党委牵头，会同石桥村、双河村党支部联合举办，参会人员包括'.repeat(10);
  expect([...note].length).toBeGreaterThan(LENGTH.name);
  const rows = parseLedgerRows([
    { line: 2, cells: { 类别: '座谈交流', 名称: '春季座谈会', 举办日期: '2026-03-05', 主办组织: note } },
    { line: 3, cells: { 类别: '培训', 名称: '党员培训', 举办日期: '2026-03-06', 主办组织: 'sichuan:Organization:moxi-town' } },
  ], ACTIVITIES);
  const [long, byId] = await resolveReferences({ gatewayUrl, token: tokenOf({ role: 'sichuan-operator' }) }, ACTIVITIES, 'sichuan', rows);
  expect(long!.input).toBeNull();
  expect(long!.problems).toEqual([{ column: '主办组织', reason: `“${[...note].slice(0, 20).join('')}…”有 ${[...note].length} 个字，长于任何主办组织的名称（至多 ${LENGTH.name} 字）；请填写系统中的全称，或其全局 ID` }]);
  expect(byId!.input?.organizerId).toBe('sichuan:Organization:moxi-town');
  expect(requests).toEqual([]);
});

test('an import the gateway refuses as a whole for who asks (a role it reads where the import did not) says nothing was imported, not 已写入的行不受影响，改正后重新导入', async () => {
  requests.length = 0;
  const write = 'sichuanImportActivities';
  // The write refused; the reads the import makes first (sameRecords.ts: the clerk's region, the side's activities) answered, as a viewer's are: none.
  answer = (body) => body.includes(write) ? {
    data: null,
    errors: [{ message: '当前账号（查看者）无权写入四川省的记录：只有四川省的操作员能写入，未作任何更改。 / Role viewer may not run sichuanImportActivities', path: [write], extensions: { code: 'FORBIDDEN', role: 'viewer' } }],
  } : { data: { sichuan: { regions: { edges: [], pageInfo: { hasNextPage: false, endCursor: null } }, activities: { edges: [], pageInfo: { hasNextPage: false, endCursor: null } } } } };
  try {
    // The role where this import reads it says an operator of Sichuan; the gateway reads another claim.
    const token = tokenOf({ role: 'sichuan-operator', region: '510904101' });
    const file = csv('培训,党员培训,2026-03-06,sichuan:Organization:moxi-town,1,40,,');
    const refusal = await importLedger({ file, kind: ACTIVITIES, side: 'sichuan', gatewayUrl, token }).catch((error: unknown) => error);
    expect(refusal).toMatchObject({ kind: 'forbidden', message: '无权写入四川省的库；请以四川省的操作员身份登录。未导入任何内容。' });
    expect(requests.filter((body) => body.includes(write))).toHaveLength(1);
  } finally {
    answer = () => ({ errors: [{ message: 'not this test' }] });
  }
});
