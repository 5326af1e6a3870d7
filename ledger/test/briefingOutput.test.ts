import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';
import { freePort } from '@linju/testing';
import { briefingOutput } from '../src/report/briefingOutput.ts';

const run = promisify(execFile);
const CLI = join(import.meta.dirname, '../src/reportCli.ts');

/**
 * `npm run report`'s --out: `简报.pdf --pdf` wrote the Word document as 简报.pdf (LibreOffice, asked to
 * convert it onto itself, left it so) and said 已生成 PDF：简报.pdf; `--out 简报` wrote a Word document
 * without its extension.
 */
describe('where the briefing is written', () => {
  test('a .docx is the Word document, the PDF beside it with --pdf', () => {
    expect(briefingOutput('/tmp/简报.docx', false)).toEqual({ docx: '/tmp/简报.docx' });
    expect(briefingOutput('/tmp/简报.docx', true)).toEqual({ docx: '/tmp/简报.docx', pdf: '/tmp/简报.pdf' });
    expect(briefingOutput('2021年上半年工作简报.docx', true)).toEqual({ docx: '2021年上半年工作简报.docx', pdf: '2021年上半年工作简报.pdf' });
  });

  test('a .pdf is the PDF asked for, --pdf or not, its Word document beside it: never a Word document named .pdf', () => {
    for (const pdf of [true, false]) expect(briefingOutput('/tmp/简报.pdf', pdf)).toEqual({ docx: '/tmp/简报.docx', pdf: '/tmp/简报.pdf' });
  });

  test.each(['简报', '简报.doc'])('%j is refused before anything is read, the gateway not asked (exit 1)', async (out) => {
    const gateway = `http://127.0.0.1:${await freePort()}/graphql`;
    const failed = await run('npx', ['tsx', CLI, '--period', '2021-01-01..2021-06-30', '--out', out, '--gateway', gateway], { cwd: import.meta.dirname }).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stderr.trim()).toBe(`简报生成失败：--out 须以 .docx（Word）或 .pdf 结尾（收到“${out}”）：如 --out 简报.docx，或 --out 简报.pdf（Word 文件写在其旁）。简报未生成。`);
  });
});
