import { basename } from 'node:path';
import type { WithdrawStatus } from '@linju/contract/withdrawStatuses';
import { countedStatuses, IMPORT_MODES, type ImportMode } from '../importBatches.ts';
import { unappliedSentence } from '../registeredPeople.ts';
import type { Reader } from '../importOptions.ts';
import { importLedger, previewLedger, type ImportOutcomes, type RowOutcome } from '../importLedger.ts';
import { importReport, PASSED_OVER_STATUS, passedOverCount, passedOverSummary, stoppedSentence } from '../importReport.ts';
import { passedOverSentence, remarkColumnsSentence } from '../readLedgerFile.ts';
import { kindWithdrawable, LEDGER_KINDS, ledgerKind, notWithdrawableNote, type LedgerKind } from '../kinds/index.ts';
import { kindHoldsPersonalData } from '../kinds/kindHoldsPersonalData.ts';
import { absentColumnsSentence } from '../kinds/mayBeAbsent.ts';
import { monthDayDates, monthDayDatesSentence, type MonthDayDates } from '../monthDayDates.ts';
import { chosenNamesakesSentence } from '../chosenNamesakes.ts';
import { uncheckedSentence } from '../importWaves.ts';
import { asciiFileName } from '../asciiFileName.ts';
import { operatorTemplate } from '../operatorTemplate.ts';
import { cellText, rowContent } from '../rowContent.ts';
import { sideParam, signedInCaller, writingCaller } from './callerOf.ts';
import type { DocumentsRequest, DocumentsRoute } from './documentsServer.ts';
import { DocumentsError } from './DocumentsError.ts';
import { reportName, uploadName } from './ledgerUpload.ts';
import { readUpload } from './readUpload.ts';
import { sendJson, startDownload } from './respond.ts';
import { withdrawalPath, withdrawCounts, withdrawImport, withdrawSummary, type WithdrawOutcome } from '../withdrawImport.ts';
import { withdrawalReport } from '../withdrawalReport.ts';

/** One row as the page shows it: its line, status, the problems, its cells as text and what it is (none for a row passed over, 略过). */
export interface ShownRow {
  line: number;
  status: RowOutcome['status'] | typeof PASSED_OVER_STATUS;
  problems: RowOutcome['problems'];
  cells: Record<string, string>;
  /** The row in a few words (`rowContent`: 类别 · 名称), the page's 内容. */
  content: string;
}

/** The answer to a preview or an import: the counts, every row, and (after an import) the report workbook. */
export interface ImportAnswer {
  kind: string;
  label: string;
  name: string;
  /** By status; 已更正 only when registered people were corrected (or would be), 略过 only when rows were passed over. */
  counts: Partial<Record<RowOutcome['status'], number>> & { [PASSED_OVER_STATUS]?: number };
  /** Every row in the file's order, those passed over among them (略过, why as the problem's reason). */
  rows: ShownRow[];
  /** The rows read as no record, each run with the sentence said of it (第 37 行为合计行，未导入), and all of them in one (the command's words). */
  passedOver: { line: number; lastLine: number; reason: string }[];
  passedOverSummary: string;
  /** The optional columns the file does not have, each row read as if blank, and the sentence said of them ('' when none). */
  absentColumns: string[];
  absentColumnsNote: string;
  /** The file's remarks columns (备注), read as nothing, and the sentence said of them (本文件的“备注”列不导入; '' when none). */
  remarkColumns: string[];
  remarkColumnsNote: string;
  /** The date cells shown as 月日 only (3月12日), read with the year they hold, by column, and the sentence said of them ('' when none). */
  monthDayDates: MonthDayDates[];
  monthDayDatesNote: string;
  /** Names taken among the region's records though the side has namesakes elsewhere (任职人 王建华), the sentence said of them ('' when none). */
  chosenNamesakesNote: string;
  /** A preview's rows below rows of the file it does not write, unchecked, said once ('' when none). */
  uncheckedNote: string;
  /** The rows of registered people that differ and were not corrected, said once ('' when none). */
  unappliedNote: string;
  report?: { name: string; base64: string };
  /** An import a store's outage stopped partway (answered 503 with this answer): why, in Chinese; its rows not written 未导入. */
  stopped?: string;
}

/**
 * The dashboard's clerk reads what this server answers (refusals, notes, the report workbook): the options are named by the
 * page's words, never the command line's flags (`optionFor`).
 */
const PAGE: Reader = 'page';

const kindParam = (query: URLSearchParams): LedgerKind => ledgerKind(query.get('kind') ?? 'activities');

function modeParam(query: URLSearchParams): ImportMode {
  const mode = query.get('mode') ?? 'row-by-row';
  if (!(IMPORT_MODES as readonly string[]).includes(mode)) throw new DocumentsError(400, 'BAD_REQUEST', `导入方式须为“逐行导入”（row-by-row）或“全部或不导入”（all-or-nothing）。 / mode must be ${IMPORT_MODES.join(' or ')}.`);
  return mode as ImportMode;
}

function answerOf(kind: LedgerKind, name: string, outcomes: ImportOutcomes): ImportAnswer {
  const counts: ImportAnswer['counts'] = Object.fromEntries(countedStatuses(outcomes).map((s) => [s, 0]));
  for (const o of outcomes) counts[o.status] = (counts[o.status] ?? 0) + 1;
  if (outcomes.passedOver.length) counts[PASSED_OVER_STATUS] = passedOverCount(outcomes.passedOver);
  const passedOver = outcomes.passedOver.map((p) => ({ line: p.line, lastLine: p.lastLine, reason: passedOverSentence(p) }));
  const dates = monthDayDates(kind, outcomes);
  const rows: ShownRow[] = [
    ...outcomes.map((o) => ({
      line: o.line,
      status: o.status,
      problems: o.problems,
      cells: Object.fromEntries(kind.columns.map((c) => [c.header, cellText(o.cells[c.header])])),
      content: rowContent(kind.columns.map((c) => o.cells[c.header])),
    })),
    // Shown as rows too, so a page that lists the rows lists these with their reason.
    ...passedOver.map((p): ShownRow => ({ line: p.line, status: PASSED_OVER_STATUS, problems: [{ column: null, reason: p.reason }], cells: {}, content: '' })),
  ].sort((a, b) => a.line - b.line);
  return {
    kind: kind.kind, label: kind.label, name, counts, rows, passedOver, passedOverSummary: passedOverSummary(outcomes.passedOver),
    absentColumns: outcomes.absent, absentColumnsNote: absentColumnsSentence(outcomes.absent, kind),
    remarkColumns: outcomes.remarks, remarkColumnsNote: remarkColumnsSentence(outcomes.remarks),
    monthDayDates: dates, monthDayDatesNote: monthDayDatesSentence(dates),
    chosenNamesakesNote: chosenNamesakesSentence(outcomes),
    uncheckedNote: uncheckedSentence(outcomes),
    unappliedNote: unappliedSentence(outcomes, PAGE),
  };
}

/** Reads the upload and the parameters every import route shares. */
async function upload({ query, caller, request }: DocumentsRequest) {
  signedInCaller(caller, 'import'); // 401 before the parameters are read
  const kind = kindParam(query);
  const side = sideParam(query);
  const gateway = writingCaller(caller, 'import', side);
  const name = uploadName(query);
  return { gateway, kind, side, file: { name, bytes: await readUpload(request, 'import', { name }) } };
}

/** `updateRegistered=1`: a people ledger's rows that are registered persons and differ correct them (`--update-registered`). */
const updateRegisteredParam = (query: URLSearchParams): boolean => ['1', 'true'].includes(query.get('updateRegistered') ?? '');

/** `POST /documents/import/preview?kind=&side=&name=&mode=&updateRegistered=`: the dry run (the owner checks every row), nothing written. */
const preview: DocumentsRoute = async (request) => {
  const mode = modeParam(request.query);
  const { gateway, kind, side, file } = await upload(request);
  const outcomes = await previewLedger({ ...gateway, file, kind, side, mode, updateRegistered: updateRegisteredParam(request.query), reader: PAGE });
  sendJson(request.response, 200, answerOf(kind, file.name, outcomes));
};

/**
 * `POST /documents/import/confirm?kind=&side=&name=&mode=&updateRegistered=`: the import, with the
 * report workbook. A store down before anything was written is 503, the message alone; one that went
 * down after rows were written is 503 with the answer and its report (the rows written 已导入 with their
 * IDs, the rest 未导入), as a withdrawal stopped partway: the report withdraws what was written.
 */
const confirm: DocumentsRoute = async (request) => {
  const mode = modeParam(request.query);
  const { gateway, kind, side, file } = await upload(request);
  const outcomes = await importLedger({ ...gateway, file, kind, side, mode, updateRegistered: updateRegisteredParam(request.query), reader: PAGE });
  const report = { name: reportName(file.name), base64: Buffer.from(await importReport(kind, outcomes).xlsx.writeBuffer()).toString('base64') };
  const answer: ImportAnswer = { ...answerOf(kind, file.name, outcomes), report };
  if (outcomes.stopped !== undefined) {
    sendJson(request.response, 503, { code: 'STORE_UNAVAILABLE', message: `${stoppedSentence(outcomes, `随本回答返回的结果工作簿“${report.name}”中`)}。`, ...answer, stopped: outcomes.stopped });
  } else sendJson(request.response, 200, answer);
};

/** The answer to a withdrawal of an import: the counts, the line the command prints, every 已导入 row's outcome and the result workbook. */
export interface WithdrawAnswer {
  name: string;
  counts: Record<WithdrawStatus, number>;
  /** 已存在 rows left alone (written by an earlier import), and those repeating a row the import wrote. */
  existing: number;
  repeats: number;
  summary: string;
  rows: WithdrawOutcome[];
  result: { name: string; base64: string };
}

/**
 * `POST /documents/import/withdraw?name=<report>.导入结果.xlsx&reason=…`, the body the report
 * workbook of an import (撤销本次导入): every row it says 已导入 withdrawn under the caller's token,
 * with the reason, by the command's own code (`withdrawImport`), and the result workbook
 * (`<name>.撤销结果.xlsx`). Refused for who asks as preview and confirm are (no token 401; a viewer,
 * the joint office, the other side's operator 403 FORBIDDEN: `writerRefusal`, nothing sent).
 * A refused report or reason is 400 BAD_LEDGER, a store down 503: before
 * anything was sent, the message alone; partway, the message with the answer (the rows not reached 未撤销).
 */
const withdraw: DocumentsRoute = async ({ query, caller, request, response }) => {
  const gateway = writingCaller(caller, 'withdraw');
  const chosen = basename((query.get('name') ?? '').replace(/\\/g, '/')).trim();
  const name = chosen || '导入结果.xlsx';
  const reason = query.get('reason') ?? '';
  const result = await withdrawImport({ ...gateway, report: { name, bytes: await readUpload(request, 'withdraw', chosen ? { name: chosen } : {}) }, reason });
  const workbook = Buffer.from(await withdrawalReport(result, { report: name, reason }).xlsx.writeBuffer());
  const answer: WithdrawAnswer = {
    name,
    counts: withdrawCounts(result.outcomes),
    existing: result.existing,
    repeats: result.repeats,
    summary: withdrawSummary(result),
    rows: result.outcomes,
    result: { name: withdrawalPath(name), base64: workbook.toString('base64') },
  };
  // A store down partway: an outage to retry (503), with what was done so far and the result workbook.
  if (result.stopped) sendJson(response, 503, { code: 'STORE_UNAVAILABLE', message: result.stopped, ...answer });
  else sendJson(response, 200, answer);
};

/**
 * `GET /documents/import/template?kind=[&side=]`: the kind's empty ledger, streamed; signed in as an
 * operator, with drop-downs of the operator's own records, as the command makes it.
 */
const template: DocumentsRoute = async ({ query, caller, response }) => {
  const kind = kindParam(query);
  const { workbook } = await operatorTemplate(kind, { ...caller, side: query.has('side') ? sideParam(query) : null });
  startDownload(response, { fileName: `${kind.label}台账模板.xlsx`, asciiName: asciiFileName(['template', kind.kind], 'xlsx') }, 'xlsx');
  await workbook.xlsx.write(response);
  response.end();
};

/**
 * `GET /documents/import/kinds`: the kinds a ledger can be imported for, with their Chinese names,
 * whether an import of the kind can be withdrawn (撤销本次导入, `kindWithdrawable`) and if not what to say
 * instead (`withdrawNote`: people and posts, organizations, each its own), whether its rows carry
 * personal data (`kindHoldsPersonalData`: the page keeps no preview of them), and the modes (for
 * the page's choices).
 */
const kinds: DocumentsRoute = async ({ response }) => {
  sendJson(response, 200, {
    kinds: Object.values(LEDGER_KINDS).map((k) => ({ kind: k.kind, label: k.label, withdrawable: kindWithdrawable(k), withdrawNote: notWithdrawableNote(k) ?? null, personal: kindHoldsPersonalData(k) })),
    modes: IMPORT_MODES,
  });
};

export const IMPORT_ROUTES: Readonly<Record<string, DocumentsRoute>> = {
  'POST /documents/import/preview': preview,
  'POST /documents/import/confirm': confirm,
  'POST /documents/import/withdraw': withdraw,
  'GET /documents/import/template': template,
  'GET /documents/import/kinds': kinds,
};
