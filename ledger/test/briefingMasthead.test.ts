import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MASTHEAD_LIMITS } from '@linju/contract/briefingMasthead';
import { federationSnapshot } from '@linju/testing';
import { briefingPdf, findSoffice, writeBriefing } from '../src/index.ts';
import { startDocumentsBehindGateway, type DocumentsBehindGateway } from './documentsBehindGateway.ts';
import { zipMember } from './zipMember.ts';

/**
 * The briefing's 期数 and 印发单位 from the documents server, as the dashboard asks for them: the
 * Word document prints them in its masthead (第7期, the office beside the date) and in the closing
 * rule (the office …印发); a bad one is refused in Chinese before anything is read, as
 * `npm run report`'s --issue and --office are (checkMasthead in contract/src/briefingMasthead.ts).
 */

const run = promisify(execFile);
const soffice = await findSoffice();
const H1_2021 = 'period=2021-01-01..2021-06-30';
/** Two offices issuing together, 18 characters: the most {@link MASTHEAD_LIMITS} lets a clerk type. */
const JOINT_OFFICES = '中共遂宁市委组织部中共潼南区委组织部';

let running: DocumentsBehindGateway;
let dir: string;
beforeAll(async () => {
  [running, dir] = await Promise.all([startDocumentsBehindGateway(), mkdtemp(join(tmpdir(), 'ledger-masthead-'))]);
}, 120_000);
afterAll(async () => {
  await running?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** The text of a docx's body, its runs joined. */
const documentText = (docx: Buffer) => [...zipMember(docx, 'word/document.xml').matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('');

const briefing = async (query: string) => running.call(`/documents/report?${H1_2021}&format=docx&${query}`, { as: null });

describe('the briefing’s 期数 and 印发单位 from the documents server', () => {
  test('issue=7 and office=… print 第7期 under the title and the office beside the date and in the closing rule', async () => {
    expect([...JOINT_OFFICES]).toHaveLength(MASTHEAD_LIMITS.office);
    const response = await briefing(`issue=7&office=${encodeURIComponent(`  ${JOINT_OFFICES} `)}`);
    expect(response.status).toBe(200);
    const docx = Buffer.from(await response.arrayBuffer());
    const text = documentText(docx);
    expect(text).toContain('党建联建工作简报第7期');
    expect(text).not.toContain('第1期');
    // Trimmed, under the masthead beside the date and before 印发 at the end, in place of the default.
    expect(text.split(JOINT_OFFICES)).toHaveLength(3);
    expect(text).toMatch(new RegExp(`第7期${JOINT_OFFICES}\\d{4}年\\d+月\\d+日`));
    expect(text).toMatch(new RegExp(`。${JOINT_OFFICES}\\d{4}年\\d+月\\d+日印发$`));
    // The file's own properties say them too (Word's 文件 › 信息).
    const core = zipMember(docx, 'docProps/core.xml');
    expect(core).toContain(`<dc:creator>${JOINT_OFFICES}</dc:creator>`);
    // Not docx's “Un-named”.
    expect(core).toContain(`<cp:lastModifiedBy>${JOINT_OFFICES}</cp:lastModifiedBy>`);
    expect(core).toContain('（第7期）</dc:title>');
    // Full-width digits, as a Chinese input method types them, are the same 期数.
    expect(documentText(Buffer.from(await (await briefing(`issue=${encodeURIComponent('１２')}`)).arrayBuffer()))).toMatch(/第12期遂潼联合办公室/);
  }, 120_000);

  test.skipIf(!soffice)('printed, the longest office allowed stays on one line beside the longest date, in the masthead and the closing rule', async () => {
    const { docx } = await writeBriefing({ period: '2021-01-01..2021-06-30', gatewayUrl: running.federation.gatewayUrl, issue: '7', office: JOINT_OFFICES, issuedOn: '2026-12-31' });
    const path = join(dir, 'masthead.docx');
    await writeFile(path, docx);
    const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', '-layout', await briefingPdf(path), '-']);
    const lines = stdout.split('\n').map((line) => line.replace(/\s+/g, ''));
    expect(lines.filter((line) => line.includes(JOINT_OFFICES))).toEqual([`${JOINT_OFFICES}2026年12月31日`, `${JOINT_OFFICES}2026年12月31日印发`]);
    expect(lines).toContain('第7期');
  }, 300_000);

  test('a bad 期数 or 印发单位 is refused in Chinese (400 BAD_REQUEST) before anything is read: no document, nothing changed', async () => {
    const snapshot = await federationSnapshot(running.federation.subgraphs);
    const refusals: [string, string][] = [
      ['issue=0', '期数“0”应为 1 至 9999 的整数，简报未生成。'],
      ['issue=7.5', '期数“7.5”应为 1 至 9999 的整数，简报未生成。'],
      ['issue=1e1', '期数“1e1”应为 1 至 9999 的整数，简报未生成。'],
      ['issue=', '期数“”应为 1 至 9999 的整数，简报未生成。'],
      [`issue=${encodeURIComponent('七')}`, '期数“七”应为 1 至 9999 的整数，简报未生成。'],
      ['issue=10000', '期数“10000”应为 1 至 9999 的整数，简报未生成。'],
      [`office=${encodeURIComponent('　 ')}`, '印发单位不能为空，简报未生成。'],
      [`office=${encodeURIComponent(`${JOINT_OFFICES}室`)}`, '印发单位至多 18 字（现有 19 字），请精简，简报未生成。'],
      [`office=${encodeURIComponent('遂潼联合\n办公室')}`, '印发单位含有换行或不可见的字符，请重新输入，简报未生成。'],
      [`office=${encodeURIComponent('遂潼联合\u200b办公室')}`, '印发单位含有换行或不可见的字符，请重新输入，简报未生成。'],
    ];
    for (const [query, message] of refusals) {
      for (const format of ['docx', 'pdf']) {
        const response = await running.call(`/documents/report?${H1_2021}&format=${format}&${query}`, { as: null });
        expect(response.status, query).toBe(400);
        const body = (await response.json()) as { code: string; message: string };
        expect(body.code, query).toBe('BAD_REQUEST');
        expect(body.message.split(' / ')[0], query).toBe(message);
      }
    }
    expect(await federationSnapshot(running.federation.subgraphs)).toEqual(snapshot);
    // Refused before any store is asked: with Sichuan's subgraph down it is still the 期数, where a good request is the outage.
    await running.federation.stopSubgraph('sichuan');
    expect((await briefing('issue=7')).status).toBe(503);
    expect(await (await briefing('issue=0')).json()).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/^期数“0”/) });
  }, 120_000);
});
