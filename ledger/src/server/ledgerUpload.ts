import { basename, extname } from 'node:path';
import { LEDGER_FILE_EXTENSIONS, unsupportedLedgerFile } from '@linju/contract/importOptionWords';
import { DocumentsError } from './DocumentsError.ts';

/** The uploaded ledger's own name (`?name=安居区活动台账.xlsx`): its extension says how to read it, its stem names the report. */
export function uploadName(query: URLSearchParams): string {
  const name = basename((query.get('name') ?? '').replace(/\\/g, '/')).trim();
  const ext = extname(name).toLowerCase();
  if (!(LEDGER_FILE_EXTENSIONS as readonly string[]).includes(ext)) {
    throw new DocumentsError(400, 'UNSUPPORTED_FILE', `${unsupportedLedgerFile(ext, '选择')} / Upload an ${LEDGER_FILE_EXTENSIONS.join(', ')} file.`);
  }
  return name;
}

/** `安居区活动台账.xlsx` → `安居区活动台账.导入结果.xlsx`, the report's name as the CLI writes it beside the input. */
export const reportName = (name: string) => `${basename(name, extname(name))}.导入结果.xlsx`;
