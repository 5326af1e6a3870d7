import { execFile } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join } from 'node:path';
import { promisify } from 'node:util';
import { LedgerError } from '../LedgerError.ts';

const run = promisify(execFile);

/** LibreOffice's command, or undefined when it is not installed. */
export async function findSoffice(): Promise<string | undefined> {
  for (const command of ['soffice', 'libreoffice']) {
    try {
      await run(command, ['--version'], { timeout: 60_000 });
      return command;
    } catch {
      // Not this one.
    }
  }
  return undefined;
}

/**
 * Converts a briefing's docx to PDF beside it (same name, .pdf) with LibreOffice, headless, in a
 * profile of its own so that conversions running at once do not share one. Returns the PDF's path.
 */
export async function briefingPdf(docxPath: string): Promise<string> {
  const soffice = await findSoffice();
  if (!soffice) throw new LedgerError('未找到 LibreOffice（soffice），无法生成 PDF；请先安装：sudo apt-get install --no-install-recommends libreoffice-writer-nogui');
  const profile = await mkdtemp(join(tmpdir(), 'linju-soffice-'));
  const outDir = dirname(docxPath);
  try {
    await run(soffice, [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', outDir, docxPath], { timeout: 180_000 });
  } catch (error) {
    throw new LedgerError(`LibreOffice 转换 PDF 失败：${(error as { stderr?: string }).stderr?.trim() || (error as Error).message}`);
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
  const pdf = join(outDir, `${basename(docxPath, extname(docxPath))}.pdf`);
  await stat(pdf).catch(() => {
    throw new LedgerError(`LibreOffice 未生成 ${pdf}。`);
  });
  return pdf;
}
