import { basename, extname } from 'node:path';
import { DocumentsError } from './DocumentsError.ts';

/** The uploaded ledger's own name (`?name=安居区活动台账.xlsx`): its extension says how to read it, its stem names the report. */
export function uploadName(query: URLSearchParams): string {
  const name = basename((query.get('name') ?? '').replace(/\\/g, '/')).trim();
  const ext = extname(name).toLowerCase();
  if (ext !== '.xlsx' && ext !== '.csv') {
    throw new DocumentsError(400, 'UNSUPPORTED_FILE', `不支持的文件类型“${ext || '（无扩展名）'}”：请选择 .xlsx 工作簿或 .csv 文件（.xls 请先另存为 .xlsx）。 / Upload an .xlsx or .csv file.`);
  }
  return name;
}

/** `安居区活动台账.xlsx` → `安居区活动台账.导入结果.xlsx`, the report's name as the CLI writes it beside the input. */
export const reportName = (name: string) => `${basename(name, extname(name))}.导入结果.xlsx`;
