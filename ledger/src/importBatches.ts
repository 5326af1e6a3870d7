import { ALREADY_RECORDED, IMPORTS, MAX_IMPORT_ROWS, type ImportResult } from '@linju/contract';
import { errorsOfPart, isOutage } from './answerParts.ts';
import { post, type GatewayCaller } from './gatewayClient.ts';
import { gatewayReason } from './gatewayReason.ts';
import { callRefusal, IMPORTED_BY_ANOTHER, problemOf } from './importProblem.ts';
import { LedgerError, refusalKind } from './LedgerError.ts';
import type { RowProblem } from './parseLedgerRows.ts';
import type { LedgerKind } from './kinds/index.ts';
import { operationName } from './operationName.ts';

/** How a file is written: each row on its own (a refused row does not stop the others), or the whole file in one transaction. */
export const IMPORT_MODES = ['row-by-row', 'all-or-nothing'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

/**
 * What became of a row: written now, written before (a replay of its key, or a registered record the row is), refused, or
 * not written because another row was refused (all-or-nothing); and a registered person corrected by the row (已更正, with
 * `updateRegistered`, `registeredPeople.ts`), counted only when there are any.
 */
export const ROW_STATUSES = ['已导入', '已存在', '错误', '未导入', '已更正'] as const;
export type RowStatus = (typeof ROW_STATUSES)[number];

/** The statuses a count is said of: every one but 已更正, which only an import that corrected someone says. */
export const countedStatuses = (outcomes: readonly { status: RowStatus }[]): RowStatus[] => ROW_STATUSES.filter((s) => s !== '已更正' || outcomes.some((o) => o.status === s));

/** Where the rows go: the caller, the kind and the side whose store owns the records. */
export interface ImportTarget extends GatewayCaller {
  kind: LedgerKind;
  /** The side whose store owns the records (`sichuan`, `chongqing`). */
  side: string;
}

/** A valid row as sent: the write's input and the row's idempotency key. */
export interface RowWrite {
  input: Record<string, string | number>;
  key: string;
}

export interface WriteResult {
  status: RowStatus;
  recordId: string | null;
  problems: RowProblem[];
  /** A row refused as a record the store holds that a row may correct (a person by 公民身份号码: the kind's `update`): its ID, answered by `answerRegistered`. */
  registeredId?: string;
  /** The columns in which a row that is a registered record differs from it, not written (已存在 without `updateRegistered`). */
  unapplied?: readonly string[];
  /** A row refused as written before by another operator (the store's `another-sender`): asked again by `reaskAnotherSender`. */
  anotherSender?: true;
  /** A row the store refuses as the correction of a record of its identity (ALREADY_RECORDED, `same-identity`): said in the ledger's columns by `refuseCorrections`. */
  sameIdentity?: true;
}

/** The bulk write of a kind, e.g. `ImportActivities` with rows of `ActivityImportRow` (the contract's `IMPORTS`). */
export function bulkWriteOf(kind: LedgerKind): (typeof IMPORTS)[number] {
  const found = IMPORTS.find((i) => i.write === kind.write);
  if (!found) throw new Error(`${kind.write} has no bulk form in the contract's IMPORTS`);
  return found;
}

/** Why a good row of a refused all-or-nothing import was not written. */
export const NOT_WRITTEN: RowProblem = { column: null, reason: '本行无误，但文件中其他行有错误；按“全部或不导入”方式，整个文件未写入' };

/** Why a row refused as the namesake of a registered record is that record (已存在), in the store's words. */
export const registeredReason = (reason: string): string =>
  `已登记：本行就是已登记的组织，按已登记的组织处理，未重复登记，本行与已登记内容的不同之处也未写入；本文件中以它为上级的行导入在已登记的组织之下（${reason}）`;

/**
 * Why a row is 已存在 that the store found registered with its identity and values under another key
 * (the dashboard's 登记 of the same activity, another import): the store's Chinese words (该活动已登记（…），内容相同，未重复登记).
 */
const sameRecordReason = (message: string): string => message.split(' / ')[0]!;

/** The field of a kind's bulk write on a side, e.g. `sichuanImportActivities`. */
const bulkWriteField = (kind: LedgerKind, side: string): string => `${side}${bulkWriteOf(kind).name}`;

/** The bulk write of a kind on a side, as registered: `LedgerSichuanImportActivities`. */
export function bulkImportDocument(kind: LedgerKind, side: string): string {
  const write = bulkWriteField(kind, side);
  return `mutation ${operationName(write)}($rows: [${bulkWriteOf(kind).rowType}!]!, $mode: ImportMode!, $dryRun: Boolean) { ${write}(rows: $rows, mode: $mode, dryRun: $dryRun) { committed refused rows { index status id code field rule message } } }`;
}

/** One call of the bulk write: the rows' results in their order. */
async function sendBatch(target: ImportTarget, writes: readonly RowWrite[], mode: ImportMode, dryRun: boolean): Promise<WriteResult[]> {
  const { kind, side } = target;
  const write = bulkWriteField(kind, side);
  const answer = await post(target, bulkImportDocument(kind, side), {
    rows: writes.map((w) => ({ input: w.input, idempotencyKey: w.key })),
    mode: mode === 'all-or-nothing' ? 'ALL_OR_NOTHING' : 'ROW_BY_ROW',
    dryRun,
  });
  const result = answer.data?.[write] as ImportResult | null | undefined;
  if (!result) {
    // The call's own errors (its side's store), never another store's; its store down is an outage to retry, not a file to correct.
    const errors = errorsOfPart(answer.errors ?? [], { stores: [side], path: [write] });
    if (errors.some(isOutage)) throw new ImportOutage(gatewayReason(errors.find(isOutage), '其子图暂时无法连接'), dryRun);
    // Refused for who asks (a role the gateway reads where this import did not: `writerRefusal` lets such a token
    // through), every call of the import is: nothing was written, and correcting the file would not help.
    const kind = refusalKind(errors[0]);
    if (kind !== 'refused') throw new LedgerError(`${callRefusal(target, errors[0])}。未导入任何内容。`, kind);
    throw new LedgerError(`${callRefusal(target, errors[0])}；${dryRun ? '未写入任何内容' : '已写入的行不受影响，改正后重新导入同一文件即可继续'}。`, kind);
  }
  const byIndex = new Map(result.rows.map((r) => [r.index, r]));
  // A valid row is NOT_WRITTEN in a dry run (written, then rolled back) and when an all-or-nothing call refused another row.
  const wouldWrite = dryRun && (mode === 'row-by-row' || result.refused === 0);
  return writes.map((_, i): WriteResult => {
    const row = byIndex.get(i);
    if (!row) return { status: '错误', recordId: null, problems: [{ column: null, reason: '网关没有返回本行的结果' }] };
    switch (row.status) {
      case 'CREATED':
        return { status: '已导入', recordId: row.id, problems: [] };
      case 'EXISTING':
        // A record of the row's identity and values registered otherwise (the dashboard's 登记, another import): the store says which.
        return { status: '已存在', recordId: row.id, problems: row.rule === 'same-record' && row.message ? [{ column: null, reason: sameRecordReason(row.message) }] : [] };
      case 'NOT_WRITTEN':
        return wouldWrite ? { status: '已导入', recordId: null, problems: [] } : { status: '未导入', recordId: null, problems: [NOT_WRITTEN] };
      case 'REFUSED': {
        const problem = problemOf({ message: row.message ?? '写入失败', code: row.code, field: row.field, rule: row.rule }, kind, writes[i]!.input);
        if (row.code === 'IDEMPOTENCY_KEY_REUSED' && row.rule === 'another-sender') return { status: '错误', recordId: null, problems: [problem], anotherSender: true };
        if (row.code === ALREADY_RECORDED && row.rule === 'same-identity') return { status: '错误', recordId: null, problems: [problem], sameIdentity: true };
        // A row that is a person the store holds (its 公民身份号码, within the clerk's region): compared with that person (`answerRegistered`).
        if (row.rule === 'duplicate' && row.id && kind.update) return { status: '错误', recordId: null, problems: [problem], registeredId: row.id };
        // A row that is an organization the store holds live in the same place (a clerk's ledger listing the town's committee): that organization, its rows below put under it.
        if (row.rule === 'duplicate' && row.id && mode === 'row-by-row') return { status: '已存在', recordId: row.id, problems: [{ column: problem.column, reason: registeredReason(problem.reason) }] };
        return { status: '错误', recordId: null, problems: [problem] };
      }
    }
  });
}

/** A side's store that went down during a write: the outage in the gateway's words (四川省的数据暂不可用…), and the import stopped. */
export class ImportOutage extends LedgerError {
  constructor(
    readonly outage: string,
    dryRun: boolean,
  ) {
    super(`${outage}；${dryRun ? '未写入任何内容' : '已写入的行不受影响'}，请稍后重新导入同一文件。`, 'store-unavailable');
  }
}

/**
 * An import's run, shared by its waves: once a store went down (`stopped`, the outage), no row is
 * sent any more, and the rows not written are 未导入 saying so (`importLedger` answers what was done).
 */
export interface ImportRun {
  stopped?: string;
}

/** Why a row was not written when a store went down: in the call the outage cut (written or not, unknown), or never sent. */
export function notReached(outage: string, inFlight: boolean): WriteResult {
  const reason = inFlight
    ? `服务中断（${outage}），未能确认本行是否写入；请稍后重新导入同一文件（已写入的不会重复写入，记为已存在）`
    : `服务中断（${outage}），本行未发送、未写入；请稍后重新导入同一文件`;
  return { status: '未导入', recordId: null, problems: [{ column: null, reason }] };
}

/**
 * The bulk path: the rows sent through `<side>Import<Records>` in calls of the owner's limit,
 * `MAX_IMPORT_ROWS` (row by row), or all in one call (all-or-nothing; the caller has checked that they fit). With
 * `dryRun` the owner checks every row and writes none. Given a `run` (an import that writes), a store
 * that goes down partway stops it without losing what was written: the earlier calls' rows keep their
 * results (已导入 with their IDs), the rest are 未导入 (`notReached`), and `run.stopped` says why.
 */
export async function writeInBatches(target: ImportTarget, writes: readonly RowWrite[], mode: ImportMode, dryRun: boolean, run?: ImportRun): Promise<WriteResult[]> {
  const size = mode === 'all-or-nothing' ? writes.length : MAX_IMPORT_ROWS;
  const results: WriteResult[] = [];
  for (let from = 0; from < writes.length; from += size) {
    const batch = writes.slice(from, from + size);
    if (run?.stopped !== undefined) {
      results.push(...batch.map(() => notReached(run.stopped!, false)));
      continue;
    }
    try {
      results.push(...(await sendBatch(target, batch, mode, dryRun)));
    } catch (error) {
      if (!run || dryRun || !(error instanceof ImportOutage)) throw error;
      run.stopped = error.outage;
      results.push(...batch.map(() => notReached(error.outage, true)));
    }
  }
  return results;
}

/**
 * The rows the store refused as imported by another operator (`another-sender`: the key, which hashes
 * its sender in, is looked up before the row's region is checked), asked again: a dry run of them,
 * row by row, each under a key of its own that no write uses, so the store checks each as a row
 * never sent. One it refuses (outside the caller's region, most often: a 磨溪镇 clerk importing the
 * district's ledger) is 错误 with that reason; one it would write is the caller's own row, written
 * already by the other operator: 已存在 (its record's ID when `recordOf` knows it: the record of the
 * same identity and values, `sameRecords.ts`), or in 全部或不导入, where the file is refused for it,
 * 错误 still. One dry-run call for each `MAX_IMPORT_ROWS` such rows.
 */
export async function reaskAnotherSender(
  target: ImportTarget,
  writes: readonly RowWrite[],
  results: readonly WriteResult[],
  mode: ImportMode,
  recordOf: ReadonlyMap<string, string>,
): Promise<WriteResult[]> {
  const asked = results.flatMap((r, i) => (r.anotherSender ? [i] : []));
  if (!asked.length) return [...results];
  let again: WriteResult[];
  try {
    again = await writeInBatches(target, asked.map((i) => ({ input: writes[i]!.input, key: `${writes[i]!.key}:recheck` })), 'row-by-row', true);
  } catch (error) {
    // The store gone down since it answered: the rows keep its first answer (错误, imported by another operator); the import goes on.
    if (error instanceof ImportOutage) return [...results];
    throw error;
  }
  const out = [...results];
  asked.forEach((index, at) => {
    const answer = again[at]!;
    if (answer.status === '错误') out[index] = { status: '错误', recordId: null, problems: answer.problems };
    else if (mode === 'row-by-row') out[index] = { status: '已存在', recordId: recordOf.get(writes[index]!.key) ?? answer.recordId ?? null, problems: [{ column: null, reason: IMPORTED_BY_ANOTHER }] };
  });
  return out;
}
