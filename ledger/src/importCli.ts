#!/usr/bin/env -S npx tsx
import { commandFailure, commandGateway, GATEWAY_USAGE, parseCommandLine } from './commandLine.ts';
import { fromWhereTyped } from './fromWhereTyped.ts';
import { importLedger, previewLedger, type ImportOutcomes } from './importLedger.ts';
import { countedStatuses, IMPORT_MODES, ImportOutage, type ImportMode } from './importBatches.ts';
import { interruptedOutcomes, interruptible } from './interruption.ts';
import { importReport, passedOverSummary, previewReportPath, previewStatus, problemLine, stoppedSentence } from './importReport.ts';
import { unappliedSentence } from './registeredPeople.ts';
import { UPDATE_REGISTERED_FLAG } from './importOptions.ts';
import { keptReportPath, keptResultPath } from './keptReportPath.ts';
import { operatorTemplate } from './operatorTemplate.ts';
import { sideOfToken } from './sideOfToken.ts';
import { LedgerError } from './LedgerError.ts';
import { remarkColumnsSentence } from './readLedgerFile.ts';
import { ledgerKind, LEDGER_KINDS, type LedgerKind } from './kinds/index.ts';
import { absentColumnsSentence } from './kinds/mayBeAbsent.ts';
import { monthDayDates, monthDayDatesSentence } from './monthDayDates.ts';
import { chosenNamesakesSentence } from './chosenNamesakes.ts';
import { uncheckedSentence } from './importWaves.ts';
import { withdrawalPath, withdrawImport, withdrawSummary } from './withdrawImport.ts';
import { withdrawalReport } from './withdrawalReport.ts';
import { tokenRefusal, writerRefusal } from './writerRefusal.ts';

const USAGE = `用法 / usage:
  npm run import -- --template <kind> [--out <file.xlsx>] [--gateway URL] [--token <token>]
  npm run import -- --file <file.xlsx|file.csv|file.txt> --kind <kind> [--side <sichuan|chongqing>] [--mode row-by-row|all-or-nothing] [--update-registered] [--preview] [--gateway URL] --token <token>
  npm run import -- --withdraw <file.导入结果.xlsx> --reason <撤销原因> [--gateway URL] --token <token>
kinds: ${Object.keys(LEDGER_KINDS).join(', ')}; the token may also come from LINJU_TOKEN (signed in).
--side defaults to the side of the operator's token; --mode defaults to row-by-row; --preview checks every row and writes nothing to the stores: it names each refused row and writes <file>.预检结果.xlsx (which --withdraw refuses).
${UPDATE_REGISTERED_FLAG} (people only, row by row): a row whose 公民身份号码 is a person registered before in your region and whose cells differ corrects that person (已更正, the columns named); without it such a row is 已存在, the differences named and not written.
A template made with a token has drop-downs of the operator's own organizations (and other referenced records) in the reference columns.
A store that goes down after rows were written stops the import (exit code 3) and still writes the report: the rows written 已导入 with their IDs, the rest 未导入; import the same file again once it is back.
Ctrl-C (or SIGTERM) during an import stops it the same way: no row is sent after it, the writes in flight are awaited, the report is written and the command exits 130 (143); a second Ctrl-C exits at once, without the report.
--withdraw undoes an import (撤销本次导入): every row its report says 已导入 is withdrawn (撤销登记) with the reason; the result is written beside the report as <file>.撤销结果.xlsx. Run again, it withdraws nothing twice. Ctrl-C stops it as it stops an import: the record in flight awaited, the rest 未撤销, the result written, exit 130.
${GATEWAY_USAGE}`;

async function main(): Promise<void> {
  const { values } = parseCommandLine({
    options: {
      template: { type: 'string' },
      out: { type: 'string' },
      file: { type: 'string' },
      kind: { type: 'string', default: 'activities' },
      side: { type: 'string' },
      mode: { type: 'string', default: 'row-by-row' },
      preview: { type: 'boolean' },
      'update-registered': { type: 'boolean' },
      withdraw: { type: 'string' },
      reason: { type: 'string' },
      gateway: { type: 'string' },
      token: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help || (!values.template && !values.file && !values.withdraw)) {
    console.log(USAGE);
    return;
  }
  const gateway = commandGateway(values.gateway);
  const token = values.token ?? process.env.LINJU_TOKEN;
  const side = values.side ?? (token && sideOfToken(token));
  if (values.template) {
    const kind = ledgerKind(values.template);
    const out = fromWhereTyped(values.out ?? `${kind.label}台账模板.xlsx`);
    const { workbook, own } = await operatorTemplate(kind, { gatewayUrl: gateway, token, side });
    await workbook.xlsx.writeFile(out);
    console.log(`已生成${kind.label}台账模板：${out}${own ? `（含本区划的 ${Object.values(own).map((names) => names.length).join('、')} 个可选记录）` : ''}`);
    return;
  }
  if (values.withdraw) {
    if (values.file || values.template) throw new LedgerError('--withdraw 不能与 --file 或 --template 同用：撤销只读取导入结果工作簿。');
    await withdraw(values.withdraw, values.reason, gateway, token);
    return;
  }
  if (!token) throw new LedgerError('请用 --token（或环境变量 LINJU_TOKEN）提供操作员令牌。');
  // Who the token is decides before the side is asked for: a token that is none, or a viewer's, is told so, not to name a side.
  const refusal = tokenRefusal(token, 'import') ?? writerRefusal(token, 'import', values.side);
  if (refusal) throw refusal;
  if (!side) throw new LedgerError('请用 --side 指明写入哪一方的库（sichuan 或 chongqing）。');
  if (!IMPORT_MODES.includes(values.mode as ImportMode)) throw new LedgerError(`--mode 只能是 ${IMPORT_MODES.join(' 或 ')}（逐行导入，或全部或不导入）。`);
  const kind = ledgerKind(values.kind!);
  const file = fromWhereTyped(values.file!);
  const options = { file, kind, side, gatewayUrl: gateway, token, mode: values.mode as ImportMode, updateRegistered: values['update-registered'] ?? false };
  if (values.preview) return tell(file, kind, await previewLedger(options), { preview: true });
  // Ctrl-C stops sending and waits for the writes in flight, so that the report of what was written is still written (and,
  // listened for until it is, a Ctrl-C while it is being written does not cut it off).
  const interruption = interruptible();
  try {
    let outcomes: ImportOutcomes;
    try {
      outcomes = await importLedger(options);
    } catch (error) {
      const reason = interruption.reason;
      if (reason === undefined || !(error instanceof ImportOutage && error.outage === reason)) throw error;
      // Stopped before this run wrote any row: nothing to withdraw, no report.
      console.log(`${file}：${reason}，本次没有写入任何行（无需撤销），没有写出结果工作簿；要导入请重新运行。`);
      process.exitCode = interruption.exitCode;
      return;
    }
    const reason = interruption.reason;
    const interrupted = reason !== undefined && outcomes.stopped === reason;
    await tell(file, kind, interrupted ? interruptedOutcomes(outcomes, reason) : outcomes, { interrupted });
    if (interrupted) process.exitCode = interruption.exitCode;
    // The signal came as the last call was on its way: it was awaited, and nothing was left to stop.
    else if (reason !== undefined) console.log(`（${reason}时最后的写入已在进行，已等待其完成：导入已全部完成。）`);
  } finally {
    interruption.dispose();
  }
}

/** The command's line of an import or a preview, its report written, and its exit code. */
async function tell(file: string, kind: LedgerKind, outcomes: ImportOutcomes, { preview = false, interrupted = false } = {}): Promise<void> {
  const counts = countedStatuses(outcomes).map((status) => [status, outcomes.filter((o) => o.status === status).length] as const).filter(([s, n]) => n || s !== '未导入');
  const summary = counts.map(([status, n]) => `${preview ? previewStatus(status) : status} ${n} 行`).join('，');
  // Rows read as no record (a title, a 合计 row) are said, never passed over in silence.
  const passed = passedOverSummary(outcomes.passedOver);
  // So are optional columns the file does not have, read as blank: nothing is assumed in silence.
  const absent = `${outcomes.absent.length ? `${absentColumnsSentence(outcomes.absent, kind)}。` : ''}${outcomes.remarks.length ? `${remarkColumnsSentence(outcomes.remarks)}。` : ''}`;
  // And dates shown without their year (3月12日), read with the year the cell holds: said with it, to be checked.
  const monthDay = monthDayDatesSentence(monthDayDates(kind, outcomes));
  // And registered people whose rows differ, not corrected: said beside the counts, as 已存在 alone reads as nothing to do.
  const unapplied = unappliedSentence(outcomes, 'command');
  // And names taken among the region's records though the side has namesakes elsewhere: said, to be checked.
  const chosen = chosenNamesakesSentence(outcomes);
  const checked = `${monthDay ? `${monthDay}。` : ''}${chosen ? `${chosen}。` : ''}${unapplied ? `${unapplied}。` : ''}`;
  if (preview) {
    // Rows a preview cannot check (below rows of the file it does not write), said once beside the counts.
    const unchecked = uncheckedSentence(outcomes);
    // The refused rows are named, each problem a line, and written to a report named as a preview's (预检结果), which --withdraw refuses.
    const report = previewReportPath(file);
    await importReport(kind, outcomes, { preview: true }).xlsx.writeFile(report);
    console.log(`${file}：预检（未写入任何内容）——${summary}。${unchecked ? `${unchecked}。` : ''}${passed}${absent}${checked}预检结果见 ${report}`);
    const refused = outcomes.filter((o) => o.status === '错误').flatMap((o) => o.problems.map((p) => problemLine(o.line, p)));
    if (refused.length) console.log(`出错的行（改正后再导入）：\n${refused.map((line) => `  ${line}`).join('\n')}`);
  } else {
    // A report whose import wrote rows is kept: it is what withdraws them (--withdraw).
    const { path: report, kept } = await keptReportPath(file, outcomes);
    await importReport(kind, outcomes, { interrupted }).xlsx.writeFile(report);
    // Stopped partway by a store's outage: the report is written all the same, and said first (it withdraws what was written).
    const stopped = outcomes.stopped !== undefined ? `${stoppedSentence(outcomes, `结果工作簿 ${report} 中`)}。` : '';
    console.log(`${file}：${stopped}${summary}。${passed}${absent}${checked}结果见 ${report}${kept ? `（${kept} 记有此前导入写入的行，撤销那次导入要用它，未覆盖）` : ''}`);
  }
  // Stopped partway: the run is not done (import the file again), as a withdrawal stopped partway.
  if (outcomes.stopped !== undefined) process.exitCode = 3;
  else if (outcomes.some((o) => o.status === '错误' || o.status === '未导入')) process.exitCode = 2;
}

/** `--withdraw <report> --reason …`: the import's 已导入 rows withdrawn, the result workbook beside the report, one line said. */
async function withdraw(typed: string, reason: string | undefined, gatewayUrl: string, token: string | undefined): Promise<void> {
  if (!reason?.trim()) throw new LedgerError('请用 --reason 写明撤销原因（不能为空），如 --reason "导入了错误的文件"；撤销原因随被撤销的记录留档。未撤销任何记录。');
  if (!token) throw new LedgerError('请用 --token（或环境变量 LINJU_TOKEN）提供操作员令牌。未撤销任何记录。');
  const refusal = tokenRefusal(token, 'withdraw');
  if (refusal) throw refusal;
  const report = fromWhereTyped(typed);
  // Ctrl-C stops as an import's does: the record in flight awaited, none withdrawn after it, the result workbook still written (exit 130).
  const interruption = interruptible('withdraw');
  try {
    const result = await withdrawImport({ report, reason, gatewayUrl, token, interruption });
    // An earlier result is kept: the new one is written beside it, numbered.
    const { path: out, kept } = await keptResultPath(withdrawalPath(report));
    await withdrawalReport(result, { report, reason }).xlsx.writeFile(out);
    console.log(`${report}：撤销${result.kind ? `${result.kind.label}台账的` : ''}导入——${withdrawSummary(result)}。结果见 ${out}${kept ? `（此前的撤销结果 ${kept} 未覆盖）` : ''}`);
    // Stopped partway by Ctrl-C (130) or an outage (3): the result is written, and the run is not done (run it again).
    if (result.interrupted) process.exitCode = interruption.exitCode;
    else if (result.stopped) process.exitCode = 3;
    else if (result.outcomes.some((o) => o.status === '错误')) process.exitCode = 2;
    // The signal came as the last record was being withdrawn: it was awaited, and nothing was left to stop.
    if (interruption.reason !== undefined && !result.interrupted) console.log(`（${interruption.reason}时最后的撤销已在进行，已等待其完成：撤销已全部完成。）`);
  } finally {
    interruption.dispose();
  }
}

main().catch((error: unknown) => {
  if (error instanceof LedgerError) {
    console.error(commandFailure(process.argv.includes('--withdraw') ? '撤销失败' : '导入失败', error));
    process.exitCode = 1;
  } else throw error;
});
