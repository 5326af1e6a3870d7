import { extname } from 'node:path';
import { LedgerError } from '../LedgerError.ts';

/** Where `npm run report` writes: the Word document, and the PDF when one is asked for. */
export interface BriefingOutput {
  readonly docx: string;
  /** The PDF LibreOffice writes beside the Word document (its name, .pdf), when asked for. */
  readonly pdf?: string;
}

/**
 * The files of `--out` (the briefing's own name, 2021年上半年工作简报.docx, without it) and `--pdf`:
 * `简报.docx` the Word document (and `简报.pdf` beside it with --pdf); `简报.pdf` the PDF, its Word
 * document `简报.docx` beside it, --pdf or not, since that is what the clerk asked for. Any other name
 * is refused before anything is read: `--out 简报.pdf --pdf` wrote the Word document as 简报.pdf, and
 * LibreOffice, asked to convert it onto itself, left it so while the command said 已生成 PDF; `--out 简报`
 * wrote a Word document without its extension, which no program opens by a double click.
 */
export function briefingOutput(path: string, pdf: boolean): BriefingOutput {
  const extension = extname(path).toLowerCase();
  if (extension === '.docx') return pdf ? { docx: path, pdf: `${path.slice(0, -extension.length)}.pdf` } : { docx: path };
  if (extension === '.pdf') return { docx: `${path.slice(0, -extension.length)}.docx`, pdf: path };
  throw new LedgerError(`--out 须以 .docx（Word）或 .pdf 结尾（收到“${path}”）：如 --out 简报.docx，或 --out 简报.pdf（Word 文件写在其旁）。简报未生成。`);
}
