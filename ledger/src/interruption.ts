import { constants } from 'node:os';
import { checkBeforeSending } from './gatewayClient.ts';
import { ImportOutage } from './importBatches.ts';
import type { ImportOutcomes } from './importLedger.ts';

/**
 * An import stopped by the clerk (Ctrl-C, SIGINT), by the system (SIGTERM) or by the terminal going away (SIGHUP: its
 * window closed, an SSH connection dropped) stops as a store's outage stops it
 * (`ImportRun`'s `stopped`): no write is sent after the signal, the calls in flight are awaited, and the command writes
 * the report of what was written (已导入 with the 记录ID, the rest 未导入), so that the import can still be withdrawn. Before,
 * the process died at once: 2000 rows of 6000 written and no report, and the resumed import called them 已存在, written by
 * an import whose report does not exist. Reads and dry runs still go (the rows written are answered in full); a second
 * signal exits at once, without the report.
 */
export interface Interruption {
  /** Why the import stopped (导入被中断（Ctrl-C）), once a signal came; undefined before. */
  readonly reason: string | undefined;
  /** The exit code of a process the signal stopped: 128 + its number (130 for SIGINT, 143 for SIGTERM, 129 for SIGHUP). */
  readonly exitCode: number | undefined;
  /** Stops listening (the default of a signal again: the process ends at once). */
  dispose(): void;
}

/** What a signal stops: an import, or a withdrawal (`--withdraw`, 撤销本次导入), which stops the same way. */
export type Interrupted = 'import' | 'withdraw';

/** What the command's words call what it stops. */
const VERB: Readonly<Record<Interrupted, string>> = { import: '导入', withdraw: '撤销' };

/** The signals that stop an import or a withdrawal, its report still written. */
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
type StopSignal = (typeof SIGNALS)[number];

/** Why an import or a withdrawal stopped, by signal: what the command's line, the result workbook's 汇总 and its rows say. */
const reasonOf = (what: Interrupted, signal: StopSignal): string => ({
  SIGINT: `${VERB[what]}被中断（按下了 Ctrl-C）`,
  SIGTERM: `${VERB[what]}被终止（收到终止信号 SIGTERM）`,
  SIGHUP: `${VERB[what]}被中断（终端已关闭或连接已断开，收到信号 SIGHUP）`,
})[signal];

/**
 * After a hangup the terminal is gone: a write to stdout or stderr fails (EIO on a terminal, EPIPE on a pipe whose reader
 * died), which as an unhandled stream error would end the process before the report is written. Those are passed over.
 */
const goneTerminal = (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE' && error.code !== 'EIO') throw error;
};

/**
 * A signal within this long of the first is the same one, passed on again (`npm run` forwards the terminal's Ctrl-C to the
 * command, which the terminal has already sent it, and tsx passes it on to its child once more): only a later one is a
 * second Ctrl-C.
 */
const SAME_SIGNAL_MS = 1000;

/** What the command says at once when the signal comes (on stderr), and when a second one ends it. */
export const WAITING_NOTICE: Readonly<Record<Interrupted, string>> = {
  import: '正在停止导入：不再发送新的行，等待已发出的写入完成后写出结果工作簿，请稍候（再按一次 Ctrl-C 立即退出，但不会写出结果工作簿，已写入的行将无法用它撤销）。',
  withdraw: '正在停止撤销：不再撤销新的记录，等待正在进行的撤销完成后写出撤销结果工作簿，请稍候（再按一次 Ctrl-C 立即退出，但不会写出撤销结果工作簿）。',
};
const AT_ONCE = '再次中断，立即退出：未写出结果工作簿。';

/** Whether an operation writes: a mutation that is no dry run. */
const writes = (query: string, variables: Record<string, unknown>) => /^\s*mutation\b/.test(query) && variables.dryRun !== true;

/**
 * Listens for SIGINT, SIGTERM and SIGHUP for an import that writes, or a withdrawal (`what`); from the first on, every write is refused
 * before it is sent. A withdrawal, one record at a time, also asks `reason` before each record (`withdrawImport`): the record
 * in flight is awaited, the rest are 未撤销 saying why, and its result workbook is written.
 */
export function interruptible(what: Interrupted = 'import'): Interruption {
  let reason: string | undefined;
  let exitCode: number | undefined;
  let at = 0;
  const onSignal = (signal: StopSignal) => {
    if (reason !== undefined) {
      if (Date.now() - at < SAME_SIGNAL_MS) return;
      console.error(AT_ONCE);
      process.exit(exitCode);
    }
    reason = reasonOf(what, signal);
    exitCode = 128 + constants.signals[signal];
    at = Date.now();
    console.error(`${reason}。${WAITING_NOTICE[what]}`);
  };
  for (const signal of SIGNALS) process.on(signal, onSignal);
  // Kept after `dispose`: the report's line is said after it, to a terminal that may be gone.
  process.stdout.on('error', goneTerminal);
  process.stderr.on('error', goneTerminal);
  checkBeforeSending((query, variables) => {
    if (reason !== undefined && writes(query, variables)) throw new ImportOutage(reason, false);
  });
  return {
    get reason() {
      return reason;
    },
    get exitCode() {
      return exitCode;
    },
    dispose() {
      for (const signal of SIGNALS) process.off(signal, onSignal);
      checkBeforeSending(undefined);
    },
  };
}

/**
 * The outcomes of an import a signal stopped, its rows not written said as such: `notReached` words them as an outage's
 * (服务中断（…）), and the first call not sent as one whose answer was lost (未能确认本行是否写入), while a write refused
 * before it is sent was never sent and the calls in flight were awaited.
 */
export function interruptedOutcomes(outcomes: ImportOutcomes, reason: string): ImportOutcomes {
  const notSent = `${reason}，本行未发送、未写入；请重新导入同一文件（已写入的行不会重复写入）`;
  const rows = outcomes.map((o) =>
    o.status === '未导入' && o.problems.some((p) => p.reason.includes(reason)) ? { ...o, problems: [{ column: null, reason: notSent }] } : o,
  );
  return Object.assign(rows, { passedOver: outcomes.passedOver, absent: outcomes.absent, remarks: outcomes.remarks, stopped: reason });
}
