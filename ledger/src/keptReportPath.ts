import { access } from 'node:fs/promises';
import type { RowOutcome } from './importLedger.ts';
import { reportPath } from './importReport.ts';
import { readImportReport } from './withdrawImport.ts';

/** Where an import's report is written, and the report it would have replaced, kept (null when none is). */
export interface ReportPlace {
  path: string;
  kept: string | null;
}

const exists = (path: string) => access(path).then(() => true, () => false);

/** The records of the 已导入 rows of a report already on disk (none when there is none, or it is not a report: it may be replaced). */
async function importedRecords(path: string): Promise<string[]> {
  if (!(await exists(path))) return [];
  try {
    return (await readImportReport(path)).rows.filter((row) => row.status === '已导入').map((row) => row.recordId ?? '');
  } catch {
    return [];
  }
}

/**
 * Where the command writes an import's report: `<name>.导入结果.xlsx`, unless that file holds 已导入
 * rows this import did not write (a second run of the same file, all 已存在; a refused one; the run
 * that resumes an import a store's outage stopped, whose written rows are now 已存在): the earlier
 * report is the only one that can withdraw what its import wrote (撤销本次导入), so it is kept, and
 * this one is written as `<name>.导入结果(2).xlsx` (or the first free number).
 */
export async function keptReportPath(file: string, outcomes: readonly RowOutcome[]): Promise<ReportPlace> {
  const path = reportPath(file);
  const written = new Set(outcomes.flatMap((o) => (o.status === '已导入' && o.recordId ? [o.recordId] : [])));
  if ((await importedRecords(path)).every((id) => written.has(id))) return { path, kept: null };
  return { path: await numbered(path), kept: path };
}

/** `<name>(2).xlsx`, or the first free number: the one rule for a result kept beside the new one. */
async function numbered(path: string): Promise<string> {
  for (let n = 2; ; n++) {
    const next = path.replace(/\.xlsx$/, `(${n}).xlsx`);
    if (!(await exists(next))) return next;
  }
}

/**
 * Where a withdrawal's result is written (`path`: `<name>.撤销结果.xlsx`, `withdrawalPath`): an earlier result there is
 * kept, as an import's report is ({@link keptReportPath}), and this one written as `<name>.撤销结果(2).xlsx` (or the first
 * free number). It was overwritten by every run: the run that resumed one Ctrl-C stopped replaced what the first had withdrawn.
 */
export async function keptResultPath(path: string): Promise<ReportPlace> {
  return (await exists(path)) ? { path: await numbered(path), kept: path } : { path, kept: null };
}
