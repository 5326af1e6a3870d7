import { LENGTH } from '@linju/contract/writeLimits';
import { WITHDRAWN_STATUSES, type WithdrawStatus } from '@linju/contract/withdrawStatuses';
import { checkWithdrawReason, REASON_LABEL } from '../record/withdrawReason.ts';
import { h } from '../view/h.ts';
import { DocumentsFailure, documentsUrl, postFile } from './documentsClient.ts';

/** One 已导入 row of the import as its withdrawal left it (the documents server's `WithdrawOutcome`). */
export interface WithdrawnRow {
  line: number;
  /** The row in a few words (类别 · 名称), from the report's ledger cells. */
  content: string;
  recordId: string;
  status: WithdrawStatus;
  reason: string | null;
}

/** The documents server's answer to `POST /documents/import/withdraw` (ledger/src/server/importRoutes.ts). */
interface WithdrawAnswer {
  name: string;
  counts: Record<WithdrawnRow['status'], number>;
  summary: string;
  rows: WithdrawnRow[];
  result: { name: string; base64: string };
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface WithdrawImportOptions {
  /** The import's report workbook, as the import answered it (its 已导入 rows and their record IDs). */
  readonly report: { name: string; blob: Blob };
  /**
   * How many rows the import wrote (已导入): what 撤销本次导入 would withdraw; null for a report
   * uploaded later (a saved <name>.导入结果.xlsx), whose rows the documents server reads.
   */
  readonly imported: number | null;
  readonly token: () => string | null;
  /** Told after a withdrawal that withdrew records (the page redraws its figures). */
  readonly onWithdrawn?: () => void;
  /**
   * Told each time a withdrawal answers with its rows (done, or stopped partway by an outage), before
   * `onWithdrawn`: the import's own result shows which of its rows are now withdrawn.
   */
  readonly onAnswered?: (rows: readonly WithdrawnRow[]) => void;
  /** A link to a workbook made from base64 (the panel's own, shared with the import's report). */
  readonly fileLink: (file: { name: string; base64: string }, text: string, className: string) => HTMLElement;
}

/**
 * 撤销本次导入, under a confirmed import that wrote rows: the button opens a short form asking for
 * the reason (kept with each withdrawn record); 确认撤销 sends the import's report workbook to the
 * documents server, which withdraws every row it says 已导入 by the command's own code
 * (`npm run import -- --withdraw`), and the result shows each row (已撤销, 此前已撤销 with when and
 * why, 错误 with the reason) with the result workbook (<name>.撤销结果.xlsx). Sent again (a retry after
 * an outage, a second click), nothing is withdrawn twice: the rows say 此前已撤销.
 */
export function mountWithdrawImport(container: HTMLElement, options: WithdrawImportOptions): void {
  // Two forms may be on the page (under this import, and for a report uploaded later): ids of their own.
  const id = (name: string) => `ledger-withdraw-${name}-${mounts}`;
  mounts++;
  const openButton = h('button', { type: 'button', class: 'secondary ledger-withdraw-open' }, options.imported === null ? `撤销“${options.report.name}”所记的导入` : '撤销本次导入');
  // No maxlength: it counts UTF-16 units and silently cuts a pasted reason; the record panel's check says what is wrong.
  const reasonInput = h('input', { type: 'text', id: id('reason'), name: 'reason', required: true, placeholder: '如：导入了错误的文件', autocomplete: 'off', enterkeyhint: 'send', 'aria-describedby': id('problem') });
  const problem = h('div', { id: id('problem'), class: 'ledger-withdraw-problem' });
  const confirmButton = h('button', { type: 'submit', disabled: true }, '确认撤销');
  const cancelButton = h('button', { type: 'button', class: 'secondary' }, '取消');
  const outcome = h('div', { class: 'ledger-withdraw-outcome', 'aria-live': 'polite' });
  const form = h('form', { class: 'ledger-withdraw-form', novalidate: true, 'aria-labelledby': id('heading'), hidden: true },
    h('p', { id: id('heading'), class: 'ledger-withdraw-heading' }, options.imported === null ? `撤销导入结果工作簿“${options.report.name}”中状态为“已导入”的记录` : `撤销本次导入写入的 ${options.imported} 条记录`),
    h('p', { class: 'note' }, `撤销后这些记录移出列表与统计，原记录与撤销原因留档；本次导入中“已存在”的行是此前导入的，不受影响。撤销原因至多 ${LENGTH.reason} 字。`),
    h('div', { class: 'ledger-field' }, h('label', { for: id('reason') }, `${REASON_LABEL}（必填）`), reasonInput, problem),
    h('div', { class: 'ledger-actions' }, confirmButton, cancelButton),
  );
  const section = h('div', { class: 'ledger-withdraw' }, openButton, form, outcome);
  container.append(section);
  let busy = false;
  const sync = () => {
    confirmButton.disabled = busy || !reasonInput.value.trim();
    cancelButton.disabled = busy;
  };
  const close = () => {
    form.hidden = true;
    openButton.hidden = false;
    problem.replaceChildren();
    outcome.replaceChildren();
    openButton.focus();
  };

  async function confirmWithdrawal(): Promise<void> {
    if (busy) return;
    problem.replaceChildren();
    // The record panel's check (the store's count of characters, not UTF-16 units), before anything is sent.
    const check = checkWithdrawReason(reasonInput.value);
    if (!check.ok) {
      problem.replaceChildren(h('p', { role: 'alert', class: 'ledger-failure' }, check.message));
      reasonInput.focus();
      return;
    }
    busy = true;
    sync();
    section.setAttribute('aria-busy', 'true');
    outcome.replaceChildren(h('p', { role: 'status' }, '正在撤销…'));
    let answer: WithdrawAnswer | null = null;
    let failure = '';
    /** A store down partway: what was done before it stopped (503 with the rows), shown under the form kept for a retry. */
    let partial: WithdrawAnswer | null = null;
    try {
      answer = await postFile<WithdrawAnswer>(documentsUrl('import/withdraw', { name: options.report.name, reason: check.reason }), options.report.blob, options.token());
    } catch (error) {
      failure = error instanceof DocumentsFailure ? error.message : '出错了，请稍后重试。';
      if (error instanceof DocumentsFailure && isWithdrawAnswer(error.body)) partial = error.body;
    } finally {
      busy = false;
      section.removeAttribute('aria-busy');
      sync();
    }
    if (!answer) {
      // Refused or an outage: the form stays for a retry (nothing is withdrawn twice), the focus on 确认撤销
      // (disabled while sending, it had dropped the focus to the page).
      outcome.replaceChildren(
        h('div', { class: 'ledger-failure', role: 'alert', 'data-outcome': 'withdraw-refused' }, h('p', {}, failure)),
        ...(partial ? [resultBox(partial, 'stopped')] : []),
      );
      confirmButton.focus();
      if (partial) options.onAnswered?.(partial.rows);
      if (partial && withdrewAny(partial)) options.onWithdrawn?.();
      return;
    }
    form.hidden = true;
    const box = resultBox(answer, 'withdrawn');
    outcome.replaceChildren(box);
    box.focus();
    options.onAnswered?.(answer.rows);
    // Withdrawn now, or before (by a run an outage stopped, whose answer may not have redrawn them): the figures are read again.
    if (withdrewAny(answer)) options.onWithdrawn?.();
  }

  /** The rows a withdrawal answered: done (`withdrawn`), or stopped partway by an outage (`stopped`: the rest 未撤销, to retry). */
  function resultBox(answer: WithdrawAnswer, how: 'withdrawn' | 'stopped'): HTMLElement {
    const refused = how === 'stopped' || answer.counts['错误'] > 0;
    return h('div', { class: `ledger-withdrawn${refused ? ' ledger-withdrawn-refused' : ''}`, 'data-outcome': how, 'data-result': refused ? 'partial' : 'all', tabindex: '-1' },
      h('p', { class: 'ledger-summary' }, how === 'stopped' ? `撤销中途停止：${answer.summary}。` : `${options.imported === null ? '已撤销该次导入' : '已撤销本次导入'}：${answer.summary}。`),
      how === 'stopped' ? h('p', { class: 'ledger-advice' }, '“未撤销”的行请稍后点“确认撤销”重试；已撤销的行不会重复撤销。') : refused ? h('p', { class: 'ledger-advice' }, '部分记录未能撤销：原因见下表。') : null,
      options.fileLink(answer.result, `下载撤销结果：${answer.result.name}`, 'ledger-report'),
      withdrawnTable(answer.rows),
    );
  }

  openButton.addEventListener('click', () => {
    openButton.hidden = true;
    form.hidden = false;
    reasonInput.focus();
  });
  cancelButton.addEventListener('click', close);
  form.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape' || busy) return;
    event.preventDefault();
    close();
  });
  reasonInput.addEventListener('input', sync);
  // Enter in 撤销原因 submits, as 确认撤销 does.
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void confirmWithdrawal();
  });
}

let mounts = 0;

const withdrewAny = (answer: WithdrawAnswer) => WITHDRAWN_STATUSES.some((status) => answer.counts[status] > 0);

/** A 503's body that is a withdrawal's answer (stopped partway), not the bare refusal of one stopped before it began. */
function isWithdrawAnswer(body: unknown): body is WithdrawAnswer {
  const answer = body as Partial<WithdrawAnswer> | null;
  return Array.isArray(answer?.rows) && typeof answer?.summary === 'string' && typeof answer.result?.base64 === 'string' && typeof answer.counts === 'object';
}

function withdrawnTable(rows: readonly WithdrawnRow[]): HTMLElement {
  return h('div', { class: 'ledger-table-wrap' },
    h('table', { class: 'ledger-rows ledger-withdrawn-rows' },
      h('caption', { class: 'visually-hidden' }, '撤销结果：各行状态'),
      h('thead', {}, h('tr', {}, ['行号', '状态', '内容', '原因'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, rows.map((row) =>
        h('tr', { 'data-status': row.status, 'data-line': row.line, 'data-record': row.recordId },
          h('td', {}, String(row.line)),
          h('td', { class: 'ledger-status' }, row.status),
          h('td', { class: 'ledger-content' }, row.content),
          h('td', {}, row.reason ?? ''),
        ),
      )),
    ),
  );
}

/** The report's bytes, from the import's answer (base64), to send back for its withdrawal. */
export function base64Blob(base64: string, type = XLSX): Blob {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return new Blob([bytes], { type });
}
