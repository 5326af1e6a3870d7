import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import ExcelJS from 'exceljs';
import { homeJurisdiction, jurisdictionByKey, parseGlobalId, recordTypeLabel, WITHDRAWABLE_TYPES } from '@linju/contract';
import { LENGTH } from '@linju/contract/writeLimits';
import { todayInChina } from '@linju/contract/todayInChina';
import { WITHDRAW_STATUSES, type WithdrawStatus } from '@linju/contract/withdrawStatuses';
import { errorsOfPart, isOutage, type GatewayError } from './answerParts.ts';
import { post, type GatewayAdvice, type GatewayCaller } from './gatewayClient.ts';
import { gatewayReason } from './gatewayReason.ts';
import { idsRead } from './listReads.ts';
import { readByIds } from './readByIds.ts';
import { IMPORT_REPORT_SHEET, PREVIEW_REPORT_SHEET, REPORT_COLUMNS } from './importReport.ts';
import { LEDGER_KINDS, type LedgerKind } from './kinds/index.ts';
import { LedgerError } from './LedgerError.ts';
import { dataAsOfDocument, withdrawDocument } from './withdrawDocuments.ts';
import { plainValue } from './readCell.ts';
import { rowContent } from './rowContent.ts';
import { MAX_FILE_BYTES, sourceName, type LedgerSource } from './readLedgerFile.ts';
import { sideOfToken } from './sideOfToken.ts';
import { otherSideRefusal, uploadWords, writerRefusal } from './writerRefusal.ts';
import { checkWorkbook, notAWorkbook } from './workbookPackage.ts';

/**
 * Undoing an import (撤销本次导入): the rows an import wrote (状态 已导入 in its report workbook,
 * `<name>.导入结果.xlsx`) are withdrawn through the gateway, each record by `<side>WithdrawRecord`
 * (撤销登记, docs/api.md) under the caller's token, the side from the record ID's home. Each
 * withdrawal carries a key made from the record's ID, so a second run, or a run resumed after an
 * interruption, withdraws each record once; a record withdrawn before this run (by an earlier run,
 * or by hand) is 此前已撤销, not an error. The rows the import found written before (已存在) were
 * written by an earlier import and are left alone, as are its refused rows.
 */

export interface WithdrawOutcome {
  /** The row's 行号 in the report (its line in the imported ledger). */
  line: number;
  recordId: string;
  /** The row in a few words, from the report's ledger cells (`rowContent`: 类别 · 名称); '' when it has none. */
  content: string;
  status: WithdrawStatus;
  /** Why, in Chinese: a refusal's reason, or when and why a record was withdrawn before; null for one withdrawn now. */
  reason: string | null;
}

export interface WithdrawResult {
  /** One outcome for each 已导入 row of the report, in the report's order. */
  outcomes: WithdrawOutcome[];
  /** 已存在 rows: written by an earlier import (or another file), left alone. */
  existing: number;
  /** 已存在 rows that repeat a 已导入 row of the same file (the same record, withdrawn with it). */
  repeats: number;
  /** The kind of ledger the report is of, when its headers say. */
  kind: LedgerKind | undefined;
  /**
   * Why the run stopped partway, when a store went down after it had begun (the store's outage, in
   * Chinese): the rows from there on are 未撤销 (`NOT_REACHED`), the ones before it as they went. Run
   * again with the same report once the store is back: the rows withdrawn already are 此前已撤销.
   */
  stopped?: string;
  /**
   * Why the run was stopped by the clerk (Ctrl-C) or the system (`interruption`): the record in flight was awaited, the
   * rows from there on are 未撤销 ({@link notReachedInterrupted}). Run again with the same report: the rows withdrawn already are 此前已撤销.
   */
  interrupted?: string;
}

/** The reason of a row a run did not reach, stopped by an outage (状态 未撤销). */
export const NOT_REACHED = '服务中断，请重试';

/** The reason of a row a run did not reach, stopped by a signal (撤销被中断（按下了 Ctrl-C）). */
export const notReachedInterrupted = (reason: string): string => `${reason}，本行未撤销；请用同一导入结果工作簿重新撤销（已撤销的行不会重复撤销）`;

/** The reason of a row a run stopped by a signal did not reach, whose record has left its list: withdrawn before (when and why not asked). */
export const notReachedWithdrawn = (reason: string): string => `此前已撤销（${reason}后查得该记录已不在列表中），本次未重复撤销`;

/**
 * The rows a run stopped by a signal did not reach (未撤销), those whose record has left the kind's list said 此前已撤销
 * ({@link notReachedWithdrawn}): 40 rows withdrawn by an earlier run, Ctrl-C before the first record, and every row was said
 * 未撤销, the 40 too. Read, not written (a signal stops writes only), by their IDs (`readByIds`, 100 a page), for the
 * report's kind (its headers say it); a side whose list does not answer leaves its rows as they are.
 */
async function withdrawnOfNotReached(caller: GatewayCaller, kind: LedgerKind | undefined, outcomes: WithdrawOutcome[], interrupted: string): Promise<void> {
  const notReached = outcomes.filter((o) => o.status === '未撤销' && o.reason === notReachedInterrupted(interrupted));
  if (!kind || !notReached.length) return;
  for (const side of new Set(notReached.map((o) => homeJurisdiction(o.recordId)!.key))) {
    const ids = notReached.filter((o) => homeJurisdiction(o.recordId)!.key === side).map((o) => o.recordId);
    const live = await readByIds<{ id: string }>(caller, side, idsRead(kind.list), ids, `${jurisdictionByKey(side)?.name ?? side}的${kind.label}`).then(
      (nodes) => new Set(nodes.map((n) => n.id)),
      () => undefined,
    );
    if (!live) continue;
    for (const o of notReached) {
      if (homeJurisdiction(o.recordId)!.key === side && !live.has(o.recordId)) Object.assign(o, { status: '此前已撤销', reason: notReachedWithdrawn(interrupted) });
    }
  }
}

export interface WithdrawOptions extends GatewayCaller {
  /** The import's report workbook (`<name>.导入结果.xlsx`): a path, or an upload's bytes and name. */
  report: LedgerSource;
  /** 撤销原因: kept with each withdrawn record. */
  reason: string;
  /** The command's Ctrl-C (`interruptible('withdraw')`): once it has a reason, no record is withdrawn any more. */
  interruption?: { readonly reason: string | undefined };
}

/** A row of an import report as the withdrawal reads it. */
export interface ReportRow {
  line: number;
  status: string;
  recordId: string | null;
  /** The row's ledger cells (the columns before 行号) in a few words: `rowContent`. */
  content: string;
}

const NOTHING = uploadWords('withdraw').nothing;
const ADVICE: GatewayAdvice = {
  unreachable: '已撤销的记录不受影响，稍后用同一导入结果工作簿重新撤销即可继续。',
  refused: '请重新登录获取令牌后再撤销。',
};

/** The key of a record's withdrawal: the same on every run, so the store withdraws it once and answers a replay with its first answer. */
export const withdrawKey = (recordId: string): string => `ledger:withdraw:${recordId}`;

/** `<name>.撤销结果.xlsx` beside the report `<name>.导入结果.xlsx` (any other name: `<name>.撤销结果.xlsx` of its own stem). */
export function withdrawalPath(report: string): string {
  const stem = report.endsWith('.导入结果.xlsx') ? report.slice(0, -'.导入结果.xlsx'.length) : report.slice(0, report.length - extname(report).length);
  return `${stem}.撤销结果.xlsx`;
}

/** A message of the refusals shared with the import (size, not a workbook), said of a withdrawal. */
const saidOfWithdrawal = (error: LedgerError) => new LedgerError(error.message.replace(/未导入任何内容[^。]*。.*$/, `${NOTHING}。`), error.kind);

const text = (value: unknown): string => {
  const plain = plainValue(value);
  if (plain === null || plain === undefined) return '';
  return (typeof plain === 'string' ? plain : String(plain)).trim();
};

/**
 * The rows of an import report, refusing as a whole (nothing sent) a file that is not one: not an
 * .xlsx workbook, without the sheet 导入结果, or without the report's columns (行号 状态 出错列 原因
 * 记录ID). A ledger itself (the file that was imported) is told apart, with the report's name.
 */
export async function readImportReport(source: LedgerSource): Promise<{ rows: ReportRow[]; kind: LedgerKind | undefined }> {
  const name = sourceName(source);
  const size = typeof source === 'string'
    ? (await stat(source).catch(() => {
      throw new LedgerError(`找不到文件：${source}`);
    })).size
    : source.bytes.byteLength;
  if (size === 0) throw new LedgerError(`文件是空的，不是导入结果工作簿，${NOTHING}。`);
  if (size > MAX_FILE_BYTES) throw new LedgerError(`文件过大（${(size / 1024 / 1024).toFixed(1)} MB，上限 ${MAX_FILE_BYTES / 1024 / 1024} MB），不是导入结果工作簿，${NOTHING}。`);
  const expected = `请指定导入时生成的结果工作簿（台账文件名.导入结果.xlsx）`;
  if (extname(name).toLowerCase() !== '.xlsx') throw new LedgerError(`“${name}”不是导入结果工作簿：${expected}。${NOTHING}。`);
  const bytes = typeof source === 'string' ? await readFile(source) : Buffer.from(source.bytes.buffer, source.bytes.byteOffset, source.bytes.byteLength);
  const workbook = new ExcelJS.Workbook();
  try {
    checkWorkbook(bytes);
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    throw saidOfWithdrawal(error instanceof LedgerError ? error : notAWorkbook());
  }
  const sheet = workbook.getWorksheet(IMPORT_REPORT_SHEET);
  // A preview's report (--preview) wrote nothing: there is nothing to withdraw.
  if (!sheet && workbook.getWorksheet(PREVIEW_REPORT_SHEET)) {
    throw new LedgerError(`“${name}”是预检结果工作簿，不是导入结果：预检没有写入任何记录，无需撤销。要撤销一次导入，${expected}。${NOTHING}。`);
  }
  if (!sheet) {
    const ledger = Object.values(LEDGER_KINDS).find((k) => workbook.getWorksheet(k.sheet));
    const what = ledger ? `这是${ledger.label}台账本身，不是它的导入结果` : `工作簿中没有名为“${IMPORT_REPORT_SHEET}”的工作表`;
    throw new LedgerError(`“${name}”不是导入结果工作簿（${what}）：${expected}。${NOTHING}。`);
  }
  const headers = ((sheet.getRow(1).values ?? []) as unknown[]).map(text);
  const missing = REPORT_COLUMNS.filter((h) => !headers.includes(h));
  if (missing.length) {
    throw new LedgerError(`“${name}”不是导入结果工作簿（工作表“${IMPORT_REPORT_SHEET}”缺少列：${missing.map((h) => `“${h}”`).join('、')}）：${expected}，不要改动其表头。${NOTHING}。`);
  }
  const column = (header: string) => headers.indexOf(header);
  const rows: ReportRow[] = [];
  sheet.eachRow((row, at) => {
    if (at === 1) return;
    const status = text(row.getCell(column('状态')).value);
    const typed = text(row.getCell(column('行号')).value);
    if (!status && !typed) return;
    const line = Number(typed);
    const ledgerCells = Array.from({ length: column('行号') - 1 }, (_, i) => row.getCell(i + 1).value);
    rows.push({ line: typed && Number.isInteger(line) ? line : at, status, recordId: text(row.getCell(column('记录ID')).value) || null, content: rowContent(ledgerCells) });
  });
  // The ledger's own columns, before the report's, say which kind it was (for the clerk's summary).
  const ledgerHeaders = new Set(headers.slice(1, column('行号')).filter(Boolean));
  const kind = Object.values(LEDGER_KINDS).find((k) => k.columns.length === ledgerHeaders.size && k.columns.every((c) => ledgerHeaders.has(c.header)));
  return { rows, kind };
}

/** The Chinese of a message written "中文 / English", with the API's `id` named as the report names it (记录ID). */
const chineseOf = (message: string): string => message.split(' / ')[0]!.trim().replace(/^id\s*/, '记录ID ');

/** A record withdrawn before this run: when (the clerk's day, China's, not UTC's) and why, from its first answer or the store's `withdrawn` refusal. */
export const withdrawnBefore = (at: string, reason: string): string => `已于 ${todayInChina(new Date(at))} 撤销（原因：${reason}），本次未重复撤销`;

interface WithdrawAnswer {
  id: string;
  reason: string;
  withdrawnAt: string;
}

/** A refusal of one record's withdrawal as the report says it (never the store's English). */
function refusalReason(error: GatewayError | undefined, side: string): string {
  const code = String(error?.extensions?.code ?? '');
  const chinese = error ? chineseOf(error.message) : '';
  if (/^[\u4e00-\u9fff（“记]/.test(chinese)) return chinese;
  const into = jurisdictionByKey(side)?.name ?? side;
  const byCode: Record<string, string> = {
    FORBIDDEN: `无权撤销${into}的记录；请以该记录所在区划的${into}操作员身份登录`,
    NOT_FOUND: '记录ID 所指的记录不存在',
    BAD_USER_INPUT: '该记录不能撤销',
  };
  return byCode[code] ?? gatewayReason(error, '撤销失败，请联系管理员');
}

/**
 * When each side's store last changed, read before anything is withdrawn: a record whose withdrawal
 * answers a time no later than it was withdrawn before this run (the store's own clock, to the
 * millisecond: a replay of its key answers the first withdrawal), one later was withdrawn now. A
 * store down here stops the run before anything is sent.
 */
async function changedAt(caller: GatewayCaller, side: string): Promise<string> {
  const answer = await post(caller, dataAsOfDocument(side), {}, ADVICE);
  const at = (answer.data?.[side] as { dataAsOf?: string } | null | undefined)?.dataAsOf;
  if (at) return at;
  const errors = errorsOfPart(answer.errors ?? [], { stores: [side], path: [side] });
  const name = jurisdictionByKey(side)?.name ?? side;
  if (errors.some(isOutage) || !errors.length) {
    throw new LedgerError(`${gatewayReason(errors.find(isOutage), `${name}的数据暂时无法读取`)}；${NOTHING}，请稍后重试。`, 'store-unavailable');
  }
  throw new LedgerError(`无法读取${name}的数据：${gatewayReason(errors[0], '网关没有返回数据')}；${NOTHING}。`);
}

/** One record's withdrawal, with its key; a key used before with another reason is asked again without it (the store then says when and why). */
async function withdrawOne(caller: GatewayCaller, side: string, recordId: string, reason: string, before: string, withKey = true): Promise<Omit<WithdrawOutcome, 'line' | 'content'>> {
  const write = `${side}WithdrawRecord`;
  const answer = await post(caller, withdrawDocument(side), { id: recordId, reason, key: withKey ? withdrawKey(recordId) : null }, ADVICE);
  const done = answer.data?.[write] as WithdrawAnswer | null | undefined;
  if (done) {
    return done.withdrawnAt <= before
      ? { recordId, status: '此前已撤销', reason: withdrawnBefore(done.withdrawnAt, done.reason) }
      : { recordId, status: '已撤销', reason: null };
  }
  const errors = errorsOfPart(answer.errors ?? [], { stores: [side], path: [write] });
  const outage = errors.find(isOutage);
  if (outage || !errors.length) {
    throw new LedgerError(`${gatewayReason(outage, `${jurisdictionByKey(side)?.name ?? side}的数据暂时无法写入`)}；已撤销的记录不受影响，请稍后用同一导入结果工作簿重新撤销（已撤销的行不会重复撤销）。`, 'store-unavailable');
  }
  const error = errors[0]!;
  const { code, rule, field } = error.extensions ?? {};
  // The key is kept only with a withdrawal that was made: it was withdrawn before, with another reason (or by another clerk with this key).
  if (code === 'IDEMPOTENCY_KEY_REUSED' && withKey) return withdrawOne(caller, side, recordId, reason, before, false);
  if (code === 'BAD_USER_INPUT' && rule === 'withdrawn') {
    const { withdrawnAt, reason: why } = error.extensions ?? {};
    const said = typeof withdrawnAt === 'string' && !Number.isNaN(Date.parse(withdrawnAt)) && typeof why === 'string';
    return { recordId, status: '此前已撤销', reason: said ? withdrawnBefore(withdrawnAt, why) : chineseOf(error.message) };
  }
  // The reason is every row's: refused on one, it would be on all. Nothing was withdrawn by this call.
  if (field === 'reason') throw new LedgerError(`撤销原因不符合要求：${chineseOf(error.message).replace(/^reason\s*/, '')}。本条未撤销，请改正撤销原因后重新撤销。`);
  return { recordId, status: '错误', reason: refusalReason(error, side) };
}

/** Why a row is refused before anything is sent (`home`: a record of another side than the operator's own), or the side its record belongs to. */
function sideOf(recordId: string | null, own: string | undefined): { side: string } | { problem: string; home?: string } {
  if (!recordId) return { problem: '记录ID 为空，无法撤销' };
  const parsed = parseGlobalId(recordId);
  const home = homeJurisdiction(recordId);
  if (!parsed || !home) return { problem: `记录ID“${recordId}”格式不正确，应为导入写入的记录的全局 ID` };
  if (!WITHDRAWABLE_TYPES.includes(parsed.type)) return { problem: `记录ID 所指的是${recordTypeLabel(parsed.type)}，${recordTypeLabel(parsed.type)}不能撤销登记（只能撤销${WITHDRAWABLE_TYPES.map(recordTypeLabel).join('、')}记录）` };
  if (own && own !== home.key) return { problem: `记录属于${home.name}，只能撤销本方（${jurisdictionByKey(own)?.name ?? own}）的记录`, home: home.key };
  return { side: home.key };
}

/**
 * Withdraws the records an import wrote, as its report lists them (状态 已导入 and their 记录ID),
 * in the report's order. Refused as a whole, nothing sent: an account that writes no side's records
 * (a viewer, the joint office's operator) or the report of the other side's import, as its import
 * would be (`writerRefusal`, 403 from the documents server); a blank or too long reason, a file that
 * is not an import report, a report without a 已导入 row. A store down before anything is sent stops
 * the run (store-unavailable, 503 from the documents server); one that goes down partway stops it
 * too, but answers what was done (`stopped`, the rows not reached 未撤销), so the result workbook
 * still says which rows were withdrawn. Run again, the records withdrawn already are 此前已撤销.
 */
export async function withdrawImport(options: WithdrawOptions): Promise<WithdrawResult> {
  // An account that writes no side's records is refused before anything is read, as its import would be.
  const refusal = writerRefusal(options.token, 'withdraw');
  if (refusal) throw refusal;
  const reason = options.reason.trim();
  if (!reason) throw new LedgerError(`请填写撤销原因（不能为空），如“导入了错误的文件”；撤销原因随被撤销的记录留档。${NOTHING}。`);
  if ([...reason].length > LENGTH.reason) throw new LedgerError(`撤销原因过长（${[...reason].length} 字，至多 ${LENGTH.reason} 字），请删减。${NOTHING}。`);
  const { rows, kind } = await readImportReport(options.report);
  const imported = rows.filter((r) => r.status === '已导入');
  const importedIds = new Set(imported.map((r) => r.recordId));
  const existingRows = rows.filter((r) => r.status === '已存在');
  const repeats = existingRows.filter((r) => importedIds.has(r.recordId)).length;
  const existing = existingRows.length - repeats;
  if (!imported.length) {
    const earlier = existing ? `；其中已存在的 ${existing} 行是此前已登记的记录（此前的导入或看板登记），请用那次导入的结果工作簿撤销，或按记录ID撤销登记` : '';
    throw new LedgerError(`“${sourceName(options.report)}”中没有状态为“已导入”的行，本次导入没有写入任何记录${earlier}。${NOTHING}。`);
  }
  const own = sideOfToken(options.token);
  const placed = imported.map((row) => ({ row, placed: sideOf(row.recordId, own) }));
  if (placed.every(({ placed }) => 'problem' in placed)) {
    const first = placed[0]!.placed as { problem: string; home?: string };
    // The report of the other side's import: refused for who asks (403), as an import into that side's store is.
    const foreign = placed.map(({ placed }) => ('home' in placed ? placed.home : undefined)).find(Boolean);
    if (own && foreign) throw otherSideRefusal(own, 'withdraw', foreign);
    throw new LedgerError(`没有可撤销的行：${first.problem}。${NOTHING}。`);
  }
  // Each side's clock before anything is withdrawn (a store down stops here, nothing sent).
  const sides = [...new Set(placed.flatMap(({ placed }) => ('side' in placed ? [placed.side] : [])))];
  const before = new Map<string, string>();
  for (const side of sides) before.set(side, await changedAt(options, side));
  const done = new Map<string, Omit<WithdrawOutcome, 'line' | 'content'>>();
  const outcomes: WithdrawOutcome[] = [];
  let stopped: string | undefined;
  let interrupted: string | undefined;
  const notReached = () => (interrupted ? notReachedInterrupted(interrupted) : NOT_REACHED);
  for (const { row, placed: where } of placed) {
    if ('problem' in where) {
      outcomes.push({ line: row.line, content: row.content, recordId: row.recordId ?? '', status: '错误', reason: where.problem });
      continue;
    }
    const id = row.recordId!;
    // Ctrl-C: no record is withdrawn after it (the one in flight was awaited).
    interrupted ??= options.interruption?.reason;
    if (stopped || interrupted) {
      outcomes.push({ line: row.line, content: row.content, recordId: id, status: '未撤销', reason: notReached() });
      continue;
    }
    // A record listed twice (a report edited by hand) is withdrawn once and said of both rows.
    let outcome = done.get(id);
    try {
      outcome ??= await withdrawOne(options, where.side, id, reason, before.get(where.side)!);
    } catch (error) {
      // An outage partway, or a withdrawal asked again (another reason) refused before it was sent after Ctrl-C: what was
      // done so far is kept and answered, not lost with a throw.
      if (!(error instanceof LedgerError && error.kind === 'store-unavailable')) throw error;
      if ((interrupted = options.interruption?.reason) === undefined) stopped = error.message;
      outcomes.push({ line: row.line, content: row.content, recordId: id, status: '未撤销', reason: notReached() });
      continue;
    }
    done.set(id, outcome);
    outcomes.push({ line: row.line, content: row.content, ...outcome });
  }
  if (interrupted) await withdrawnOfNotReached(options, kind, outcomes, interrupted);
  return { outcomes, existing, repeats, kind, ...(stopped && { stopped }), ...(interrupted && { interrupted }) };
}

/** The counts of a withdrawal, by status. */
export function withdrawCounts(outcomes: readonly WithdrawOutcome[]): Record<WithdrawStatus, number> {
  const counts = Object.fromEntries(WITHDRAW_STATUSES.map((s) => [s, 0])) as Record<WithdrawStatus, number>;
  for (const o of outcomes) counts[o.status]++;
  return counts;
}

/**
 * The one line a clerk reads (the command prints it, the page shows it): the counts, and what was
 * left alone (`已撤销 200 行，此前已撤销 0 行，错误 0 行；已存在的 3 行是此前已登记的记录（此前的导入或看板登记），未撤销`).
 */
export function withdrawSummary(result: WithdrawResult): string {
  const counts = withdrawCounts(result.outcomes);
  // 未撤销 only when a run stopped partway (the line then says so).
  const parts = [WITHDRAW_STATUSES.filter((s) => s !== '未撤销' || counts[s]).map((s) => `${s} ${counts[s]} 行`).join('，')];
  if (result.stopped) parts.push(`服务中断，撤销中途停止：${result.stopped.replace(/。$/, '')}`);
  if (result.interrupted) parts.push(`撤销中途停止：${result.interrupted}，未撤销的行请用同一导入结果工作簿重新撤销（已撤销的行不会重复撤销）`);
  if (result.repeats) parts.push(`另有 ${result.repeats} 行与本文件中已导入的行重复，是同一条记录，随之撤销`);
  // An 已存在 row is a record registered before this import: by another import, or on the dashboard (the same record under another key).
  if (result.existing) parts.push(`已存在的 ${result.existing} 行是此前已登记的记录（此前的导入或看板登记），未撤销（如需撤销，请用写入它们的那次导入的结果工作簿，或按记录ID撤销登记）`);
  return parts.join('；');
}
