import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';
import { briefingDocx } from '../src/report/briefingDocument.ts';
import { findSoffice } from '../src/report/briefingPdf.ts';
import { periodOf } from './periodFigures.ts';
import { zipMember } from './zipMember.ts';

/**
 * The briefing's page numbers as GB/T 9704-2012 (7.5) sets them: — 1 —, 4号 (14 pt) 半角宋体 between two
 * 一字线, an odd page's at the right and an even page's at the left, one 字 in from the text's edge,
 * the 一字线 7 mm under the text. It centred them on every page.
 */

const run = promisify(execFile);
const SOFFICE = await findSoffice();

/** A briefing of some pages: a section of `lines` body lines before the 附表. */
function briefingOf(lines: number): Promise<Buffer> {
  const sections = [{ heading: '一、组织联建，构建党建共同体', parts: Array.from({ length: lines }, () => ({ heading: '填充', sentences: ['这一行正文用于让简报多占几页，以便看单页与双页的页码。'] })) }];
  return briefingDocx({ title: '遂潼川渝毗邻地区一体化发展 党建联建工作简报', issue: 1, office: '遂潼联合办公室', issuedOn: '2021-07-08', figures: periodOf(7), comparisons: [], sections, charts: [], gatewayUrl: '' });
}

/** A footer part's paragraph properties and its runs' fonts and sizes. */
function footerOf(docx: Buffer, type: 'default' | 'even'): string {
  const document = zipMember(docx, 'word/document.xml');
  const id = document.match(new RegExp(`<w:footerReference w:type="${type}" r:id="([^"]+)"/>`))?.[1];
  expect(id, `a ${type} footer`).toBeDefined();
  const target = zipMember(docx, 'word/_rels/document.xml.rels').match(new RegExp(`Id="${id}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="${id}"`))!;
  return zipMember(docx, `word/${target[1] ?? target[2]}`);
}

describe('the page numbers', () => {
  test('odd pages’ at the right, even pages’ at the left, one 字 (280 twips) in; — N — in 4号 宋体', async () => {
    const docx = await briefingOf(10);
    expect(zipMember(docx, 'word/settings.xml')).toContain('<w:evenAndOddHeaders/>');
    const odd = footerOf(docx, 'default');
    const even = footerOf(docx, 'even');
    expect(odd).toMatch(/<w:ind w:right="280"\/><w:jc w:val="right"\/>/);
    expect(even).toMatch(/<w:ind w:left="280"\/><w:jc w:val="left"\/>/);
    for (const footer of [odd, even]) {
      expect(footer).toContain('<w:rFonts w:eastAsia="宋体" w:ascii="宋体" w:hAnsi="宋体"/><w:sz w:val="28"/>');
      expect(footer).toMatch(/<w:t xml:space="preserve">— <\/w:t>.*PAGE.*<w:t xml:space="preserve"> —<\/w:t>/s);
    }
  });

  // Printed by LibreOffice: each page's number where the standard puts it (A4, 28 mm left and 26 mm
  // right margins, the text's lower edge 35 mm above the page's foot).
  test.skipIf(!SOFFICE && process.env.CI !== 'true')('printed by LibreOffice, page 1 and 3 number at the right, page 2 and 4 at the left, 7 mm under the text', async () => {
    expect(SOFFICE, 'soffice is required in CI (.ci/run installs LibreOffice)').toBeDefined();
    const dir = await mkdtemp(join(tmpdir(), 'ledger-briefing-pages-'));
    try {
      const docx = join(dir, 'pages.docx');
      await writeFile(docx, await briefingOf(60));
      await run(SOFFICE!, [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', dir, docx], { timeout: 300_000 });
      const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', '-bbox-layout', join(dir, 'pages.pdf'), '-']);
      const mm = 72 / 25.4;
      const pages = stdout.split('<page ').slice(1);
      expect(pages.length).toBeGreaterThanOrEqual(4);
      const numbers = pages.map((page, i) => {
        const height = Number(page.match(/height="([\d.]+)"/)![1]);
        const width = Number(page.match(/width="([\d.]+)"/)![1]);
        const line = [...page.matchAll(/<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([\s\S]*?)<\/line>/g)]
          .map(([, xMin, yMin, xMax, yMax, words]) => ({ xMin: Number(xMin), yMin: Number(yMin), xMax: Number(xMax), yMax: Number(yMax), text: [...words!.matchAll(/<word[^>]*>([^<]*)<\/word>/g)].map((w) => w[1]).join('') }))
          .find((l) => l.text === `—${i + 1}—`);
        expect(line, `page ${i + 1}'s number`).toBeDefined();
        const side = (i + 1) % 2 === 1 ? 'right' : 'left';
        // How far in from the text's edge, on its side, and how far under the text its middle is, in points and mm.
        const inset = side === 'right' ? width - 26 * mm - line!.xMax : line!.xMin - 28 * mm;
        const under = ((line!.yMin + line!.yMax) / 2 - (height - 35 * mm)) / mm;
        return { page: i + 1, side, inset: Math.round(inset), under: Math.round(under) };
      });
      // One 字 of 4号 is 14 pt; the 一字线 7 mm under the text (its line's middle, to the millimetre).
      expect(numbers).toEqual(numbers.map(({ page, side }) => ({ page, side, inset: 14, under: 7 })));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 480_000);
});
