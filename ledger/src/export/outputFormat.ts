import { extname } from 'node:path';
import { LedgerError } from '../LedgerError.ts';
import { WRITERS, type ExportFormat } from './tableWriters.ts';

const isFormat = (text: string): text is ExportFormat => Object.hasOwn(WRITERS, text);

/**
 * The format `npm run export` writes, from `--format` and `--out`: the one named, or the one `--out`'s
 * extension names (`--out 指标.csv` is a CSV), else xlsx; a name whose extension is no format's, or
 * another format's than the one named, is refused before anything is read. `--out 指标.csv` wrote a
 * workbook named .csv (Excel: the file format and extension don't match), `--format csv --out 指标.xlsx`
 * a CSV named .xlsx, and `--out 指标` a workbook without an extension. A `--format` no writer has is
 * left to the export's own refusal.
 */
export function exportFormatOf(format: string | undefined, out: string | undefined): ExportFormat | string {
  const named = extname(out ?? '').slice(1).toLowerCase();
  if (out !== undefined && !isFormat(named)) {
    throw new LedgerError(`--out 须以 ${Object.keys(WRITERS).map((f) => `.${f}`).join(' 或 ')} 结尾（收到“${out}”），如 --out 指标.xlsx，未生成导出文件。`);
  }
  if (format === undefined) return out === undefined ? 'xlsx' : named;
  if (out !== undefined && isFormat(format) && named !== format) {
    throw new LedgerError(`--out “${out}”是 .${named} 文件，与 --format ${format} 不符：请改为 --out ${out.slice(0, -named.length)}${format}，或去掉 --format（按文件名的扩展名导出）。未生成导出文件。`);
  }
  return format;
}
