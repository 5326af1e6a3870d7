import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createLogger } from '@linju/observability';
import { freePort } from '@linju/testing';
import { startDocumentsServer, type RunningDocumentsServer } from '../src/server/documentsServer.ts';

/**
 * A parameter an export or a briefing does not read is refused before anything is read, naming the
 * ones it does: passed over, `period=` on an export (the briefing's word; an export takes from= and
 * to=) downloaded every date's rows, and `region=` for `regionId=` every region's, each file named and
 * captioned as the whole list. No gateway answers here: a request refused for its parameters never
 * reaches it, one with only known parameters does (502, the gateway out of reach).
 */
let documents: RunningDocumentsServer;
beforeAll(async () => {
  documents = await startDocumentsServer({ port: 0, gatewayUrl: `http://127.0.0.1:${await freePort()}/graphql`, logger: createLogger('documents', { level: 'silent' }) });
});
afterAll(async () => {
  await documents?.stop();
});

async function get(path: string): Promise<{ status: number; body: { code?: string; message?: string } }> {
  const response = await fetch(`${documents.url}/documents/${path}`);
  return { status: response.status, body: (await response.json()) as { code?: string; message?: string } };
}

describe('the documents server refuses a parameter a route does not read', () => {
  test.each([
    ['export?list=figures&format=xlsx&period=2021-01-01..2021-06-30', '导出没有参数“period”（时间段写作 from=2021-01-01&to=2021-06-30）；可用的参数：list、format、side、from、to、kinds、regionId、allianceId、crossBorder、search。未生成文件。'],
    ['export?list=people&side=sichuan&region=%E7%A3%A8%E6%BA%AA%E9%95%87', '导出没有参数“region”；可用的参数：list、format、side、from、to、kinds、regionId、allianceId、crossBorder、search。未生成文件。'],
    ['report?period=2021-01-01..2021-06-30&from=2021-01-01&side=sichuan', '简报没有参数“from”、“side”；可用的参数：period、format、jurisdiction、issue、office。未生成文件。'],
  ])('%s: 400 BAD_REQUEST naming it and the ones taken, before the gateway is asked', async (path, chinese) => {
    const { status, body } = await get(path);
    expect(status).toBe(400);
    expect(body.code).toBe('BAD_REQUEST');
    expect(body.message!.split(' / ')[0]).toBe(chinese);
  });

  test('every parameter a route reads is taken: the request goes on to the gateway (here out of reach)', async () => {
    const exported = await get('export?list=activities&format=csv&side=sichuan&from=2021-01-01&to=2021-06-30&kinds=培训&regionId=sichuan:Region:moxi-town&allianceId=joint:Alliance:x&crossBorder=true&search=会');
    expect([exported.status, exported.body.code]).toEqual([502, 'GATEWAY_UNAVAILABLE']);
    const briefing = await get('report?period=2021-01-01..2021-06-30&format=docx&jurisdiction=sichuan&issue=7&office=遂潼联合办公室');
    expect([briefing.status, briefing.body.code]).toEqual([502, 'GATEWAY_UNAVAILABLE']);
  });
});
