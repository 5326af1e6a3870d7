import { MAX_IMPORT_ROWS } from '@linju/contract';
import { parseLedgerRows, rowKey, type ParsedRow } from './parseLedgerRows.ts';
import { checkAlliances } from './checkAlliances.ts';
import { resolveReferences } from './resolveReferences.ts';
import { readLedgerFile, type LedgerSource, type PassedOverRows } from './readLedgerFile.ts';
import { ImportOutage, notReached, NOT_WRITTEN, reaskAnotherSender, writeInBatches, type ImportMode, type ImportRun, type ImportTarget, type RowStatus, type RowWrite, type WriteResult } from './importBatches.ts';
import { writeOneByOne } from './importOneByOne.ts';
import { namingEarlierLines, refuseParentsRegisteredElsewhere, refuseWavesAllOrNothing, sameFileReferences, sendInWaves, type SameFileRows } from './importWaves.ts';
import { LedgerError } from './LedgerError.ts';
import { answerRegistered, refuseRepeatedNumbers } from './registeredPeople.ts';
import { writerRefusal } from './writerRefusal.ts';
import { refuseCorrections } from './sameRecords.ts';
import { kindOption, optionFor, ROW_BY_ROW, UPDATE_REGISTERED, type ImportOption, type Reader } from './importOptions.ts';
import { PEOPLE } from './kinds/people.ts';

export type { RowStatus } from './importBatches.ts';

export interface RowOutcome extends ParsedRow {
  status: RowStatus;
  /** The record written (or written before), when there is one. */
  recordId: string | null;
  /** A registered person's row: the columns that differ from what is registered, not written (without `updateRegistered`). */
  unapplied?: readonly string[];
  /** Refused by the store as the correction of a record of its identity (`same-identity`): `refuseCorrections` says it in the ledger's columns. */
  sameIdentity?: true;
}

/**
 * Every data row's outcome, in the file's order, and the filled rows read as no record (a title, a
 * 合计 row, rows of only a 序号): never imported, and told to the clerk (the report, the command's
 * line, the documents server's answer) rather than passed over in silence; and the optional columns
 * the file does not have (所属联盟ID in a clerk's own ledger), every row read as if they were blank,
 * told once (`absentColumnsSentence`); and its remarks columns (备注), read as nothing, told once (`remarkColumnsSentence`).
 */
export type ImportOutcomes = RowOutcome[] & {
  passedOver: PassedOverRows[];
  absent: string[];
  remarks: string[];
  /**
   * Why an import stopped partway (a store that went down after rows were written: the outage, in
   * Chinese): the rows written before it are 已导入 with their IDs, the rest 未导入 saying so, so that
   * its report still withdraws what it wrote. Run the file again once the store is back.
   */
  stopped?: string;
};

export interface ImportOptions extends ImportTarget {
  /** The filled ledger: a path, or an upload's bytes and file name. */
  file: LedgerSource;
  /** Row by row (the default) or all-or-nothing. */
  mode?: ImportMode;
  /**
   * `bulk` (the default): the owner's bulk write, many rows a call. `single`: one single-record
   * write per row, the path before the bulk write existed (the bench's baseline; row by row only).
   */
  via?: 'bulk' | 'single';
  /**
   * A people ledger's rows that are persons registered before (by 公民身份号码, within the caller's region)
   * and differ from them correct them (`<side>UpdatePerson`, 已更正); without it they are 已存在, the
   * differences named and not written (`registeredPeople.ts`). Row by row only.
   */
  updateRegistered?: boolean;
  /**
   * Who is told the options to choose (`importOptions.ts`): the command's user with their flags (the default), or the dashboard's
   * clerk (`page`, the documents server) by the page's words alone, in refusals, notes and the report alike.
   */
  reader?: Reader;
}

/**
 * Reads, parses and resolves a ledger: every data row with its input (names made IDs, its alliance
 * checked) or its problems, and the rows that name another row of the file (an organization's
 * 上级党组织 listed above it), which wait for it to be written (`importWaves.ts`).
 */
async function prepare(options: ImportOptions): Promise<{ rows: ParsedRow[]; waiting: SameFileRows['waiting']; recordOf: ReadonlyMap<string, string>; passedOver: PassedOverRows[]; absent: string[]; remarks: string[] }> {
  const { kind, side, mode = 'row-by-row', reader = 'command' } = options;
  // An account that writes no side's records, or an operator of the other side, is refused for the
  // whole file before it is read and any name is looked up (on the wrong side every organization would be unknown).
  const refusal = writerRefusal(options.token, 'import', side);
  if (refusal) throw refusal;
  const say = (option: ImportOption) => optionFor(reader, option);
  if (options.updateRegistered && !kind.update) throw new LedgerError(`${say(UPDATE_REGISTERED)}只用于${say(kindOption(PEOPLE))}：其他台账的行不能更正已登记的记录。未导入任何内容。`);
  // A correction is its own write, outside the file's one transaction: a file written whole or not at all corrects no one.
  if (options.updateRegistered && mode === 'all-or-nothing') throw new LedgerError(`${say(UPDATE_REGISTERED)}只能与${say(ROW_BY_ROW)}同用：更正不在“全部或不导入”的同一事务中。未导入任何内容。`);
  const { rows, passedOver, absent, remarks } = await readLedgerFile(options.file, kind, reader);
  if (mode === 'all-or-nothing' && rows.length > MAX_IMPORT_ROWS) {
    throw new LedgerError(`“全部或不导入”方式一次最多导入 ${MAX_IMPORT_ROWS} 行，本文件有 ${rows.length} 行。请拆分文件，或改用${say(ROW_BY_ROW)}。未导入任何内容。`);
  }
  const inFile = sameFileReferences(kind, parseLedgerRows(rows, kind));
  refuseWavesAllOrNothing(kind, inFile.rows, inFile.waiting, mode, reader);
  // A second row with an earlier row's 公民身份号码 is refused before anything is compared or written (`registeredPeople.ts`).
  const resolved = refuseRepeatedNumbers(kind, side, await checkAlliances(options, kind, await resolveReferences(options, kind, side, inFile.rows)));
  // A parent of the file registered elsewhere under its name is refused before anything is written (checked by a dry run of it).
  const placed = await refuseParentsRegisteredElsewhere(options, kind, side, { rows: resolved, waiting: inFile.waiting }, (parents) => send({ ...options, via: 'bulk' }, parents, true));
  // A corrected row (人次 12 made 13) of a record the side holds is refused, not written as a second record (`sameRecords.ts`): the store checks, in a dry run, only those it would write.
  // So are two rows of the file with one identity no record has and other values, both.
  const { rows: same, recordOf } = await refuseCorrections(options, kind, side, placed, (differing) => send({ ...options, via: 'bulk', mode: 'row-by-row' }, differing, true));
  return { rows: same, waiting: inFile.waiting, recordOf, passedOver, absent, remarks };
}

/** Why a row repeated within the file is not written again: the line of its first copy, as Excel shows it. */
export const repeatedRow = (line: number): string => `与第 ${line} 行相同，未重复写入`;

/**
 * Sends the valid rows and gives every row its outcome. A row repeated within the file is one
 * write: it is sent once and the repeat is 已存在 naming the line of the first (or refused with the
 * first). All-or-nothing with a row the parser refused sends the others as a dry run: each is
 * checked, none written. Rows another operator imported are asked again (`reaskAnotherSender`), each
 * of the caller's region then 已存在 with the record of the same identity and values (`recordOf`).
 */
async function send(options: ImportOptions, rows: readonly ParsedRow[], dryRun: boolean, run?: ImportRun, recordOf: ReadonlyMap<string, string> = new Map()): Promise<RowOutcome[]> {
  const { kind, side, mode = 'row-by-row', via = 'bulk' } = options;
  const firstOfKey = new Map<string, { index: number; line: number }>();
  const writes: RowWrite[] = [];
  const writeOf = rows.map((row) => {
    if (!row.input) return null;
    const key = rowKey(kind, side, row.input);
    const first = firstOfKey.get(key);
    if (first !== undefined) return { index: first.index, repeatOf: first.line };
    firstOfKey.set(key, { index: writes.push({ input: row.input, key }) - 1, line: row.line });
    return { index: writes.length - 1, repeatOf: null };
  });
  const refusedBeforeSending = rows.some((r) => !r.input);
  let results: WriteResult[];
  if (via === 'single') {
    if (mode === 'all-or-nothing' || dryRun) throw new LedgerError('逐条写入方式只支持逐行导入。');
    results = await writeOneByOne(options, writes);
  } else if (mode === 'all-or-nothing' && refusedBeforeSending) {
    results = (await writeInBatches(options, writes, mode, true)).map((r) => (r.status === '已导入' ? { ...r, status: '未导入', recordId: null, problems: [NOT_WRITTEN] } : r));
  } else results = await writeInBatches(options, writes, mode, dryRun, run);
  results = await reaskAnotherSender(options, writes, results, mode, recordOf);
  // Rows that are persons registered before: answered as them, corrected on request.
  if (kind.update) results = await answeringRegistered(options, writes, results, dryRun, run);
  return namingEarlierLines(kind, rows.map((row, i): RowOutcome => {
    const write = writeOf[i];
    if (!write) return { ...row, status: '错误', recordId: null };
    const result = results[write.index]!;
    if (write.repeatOf !== null && (result.status === '已导入' || result.status === '已存在' || result.status === '已更正')) {
      return { ...row, status: '已存在', recordId: result.recordId, problems: [{ column: null, reason: repeatedRow(write.repeatOf) }] };
    }
    return { ...row, status: result.status, recordId: result.recordId, problems: result.problems, ...(result.unapplied ? { unapplied: result.unapplied } : {}), ...(result.sameIdentity ? { sameIdentity: true as const } : {}) };
  }));
}

/**
 * Registered people answered (`answerRegistered`); a store that goes down while they are read or
 * corrected stops the import as a write's outage does: the rows not answered are 未导入, the rows
 * written kept (those corrected before the outage 已更正: `answerRegistered` keeps them).
 */
async function answeringRegistered(options: ImportOptions, writes: readonly RowWrite[], results: WriteResult[], dryRun: boolean, run: ImportRun | undefined): Promise<WriteResult[]> {
  const { mode = 'row-by-row' } = options;
  try {
    return await answerRegistered(options, writes, results, { mode, dryRun, updateRegistered: options.updateRegistered ?? false, reader: options.reader ?? 'command', ...(dryRun ? {} : { run }) });
  } catch (error) {
    if (!run || dryRun || !(error instanceof LedgerError && error.kind === 'store-unavailable')) throw error;
    run.stopped ??= error instanceof ImportOutage ? error.outage : error.message.replace(/[；。]\s*请稍后重试。?$/, '');
    return results.map((r) => (r.registeredId ? notReached(run.stopped!, false) : r));
  }
}

/**
 * Imports a filled ledger through the gateway under the caller's token, each row with its
 * idempotency key (so a file imported twice, or an interrupted import resumed, writes each row
 * once). A file that is not a ledger of the kind is refused as a whole before anything is sent.
 * Rows naming a row of the same file (an organization's 上级党组织) are written after it, in waves.
 * A store that goes down before this run wrote anything stops it (store-unavailable, nothing to
 * withdraw); one that goes down after it wrote rows stops it too, but answers what was done
 * (`stopped`: the rows written 已导入 with their IDs, the rest 未导入), so its report is written.
 */
export async function importLedger(options: ImportOptions): Promise<ImportOutcomes> {
  const { rows, waiting, recordOf, passedOver, absent, remarks } = await prepare(options);
  const run: ImportRun = {};
  const outcomes = await sendInWaves(rows, waiting, false, (wave) => send(options, wave, false, run, recordOf));
  if (run.stopped !== undefined && !outcomes.some((o) => o.status === '已导入' || o.status === '已更正')) throw new ImportOutage(run.stopped, false);
  return Object.assign(outcomes, { passedOver, absent, remarks }, run.stopped !== undefined ? { stopped: run.stopped } : {});
}

/**
 * What importing the ledger would do, written nowhere: the owner checks every row as the import
 * would (a dry run of the bulk write), so 已导入 means "would be imported". For the dashboard's
 * upload, preview and confirm. A row whose parent the file would write first cannot be checked by the
 * store: it is 未导入, saying so (`sendInWaves`).
 */
export async function previewLedger(options: ImportOptions): Promise<ImportOutcomes> {
  const { rows, waiting, recordOf, passedOver, absent, remarks } = await prepare(options);
  return Object.assign(await sendInWaves(rows, waiting, true, (wave) => send(options, wave, true, undefined, recordOf)), { passedOver, absent, remarks });
}
