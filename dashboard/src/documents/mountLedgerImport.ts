import './documents.css';
import { IMPORT_OPTION_WORDS as WORDS, LEDGER_FILE_ACCEPT, LEDGER_FILES_SAID } from '@linju/contract/importOptionWords';
import { h } from '../view/h.ts';
import { DocumentsFailure, documentsUrl, download, downloadedLine, getJson, postFile } from './documentsClient.ts';
import { chosenFile as fileKept, sameFile, type ChosenFile, type ImportAnswer, type ImportDraft } from './ImportDraft.ts';
import { afterWithdrawal, IMPORT_OUTCOME_ADVICE, importOutcome, WITHDRAWN_OUTCOME_ADVICE } from './importOutcome.ts';
import { base64Blob, mountWithdrawImport, type WithdrawnRow } from './withdrawImport.ts';

/** What the panel needs: the operator's side (where the rows go) and the current token. */
export interface LedgerImportOptions {
  readonly side: string;
  readonly token: () => string | null;
  /** Told after an import that wrote rows, or a withdrawal of one that withdrew records (the page redraws its figures). */
  readonly onImported?: () => void;
  /**
   * Where the panel's choices and preview are kept for the operator (`ImportDraft`, under the token's
   * subject and side) while a lapsed token is renewed; without it nothing is kept.
   */
  readonly draft?: ImportDraft;
}

const MODE_LABELS: Readonly<Record<string, string>> = {
  'row-by-row': `${WORDS.rowByRow}（正确的行写入，错误的行跳过）`,
  'all-or-nothing': `${WORDS.allOrNothing}（任何一行有误则整份不写入）`,
};

/** A status as the table says it: in a preview nothing is written yet, so 已导入 reads 将导入 and 已更正 将更正. */
const shownStatus = (status: string, preview: boolean) => (preview && status === '已导入' ? '将导入' : preview && status === '已更正' ? '将更正' : status);

/** The kind whose rows may correct registered records (a 人员台账's persons, by 公民身份号码): the option is offered for it only. */
const CORRECTABLE_KIND = 'people';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Said instead of 撤销本次导入 under an import of people or posts, which the store never withdraws
 * (`not-withdrawable`), when the server names no note of the kind's own (`withdrawNote`: an older server).
 */
export const NOT_WITHDRAWABLE_NOTE = '人员与任职不能撤销登记：人员一经新建即留存，任职请用“离任”结束。';

/** The notes of the server's answer said under the counts (in this order), and the class of each one's paragraph. */
const NOTES: readonly (readonly ['uncheckedNote' | 'absentColumnsNote' | 'remarkColumnsNote' | 'monthDayDatesNote' | 'chosenNamesakesNote' | 'unappliedNote', string])[] = [
  ['uncheckedNote', 'ledger-unchecked'],
  ['unappliedNote', 'ledger-unapplied'],
  ['absentColumnsNote', 'ledger-absent-columns'],
  ['remarkColumnsNote', 'ledger-remark-columns'],
  ['monthDayDatesNote', 'ledger-month-day-dates'],
  ['chosenNamesakesNote', 'ledger-chosen-namesakes'],
];

/** A link that saves a workbook the documents server answered as base64 (the import's report, a withdrawal's result). */
const fileLink = (file: { name: string; base64: string }, text: string, className: string) =>
  h('a', { href: URL.createObjectURL(base64Blob(file.base64, XLSX)), download: file.name, class: className }, text);

/**
 * Mounts the 台账导入 panel for a jurisdiction operator: choose the kind and download its template,
 * choose a filled ledger, 预览 (the owner checks every row, nothing is written: a table of each row's
 * status, with the column and reason of each error), then 确认导入 in the chosen mode, and the result
 * with its report workbook (<name>.导入结果.xlsx); under an import that wrote rows, 撤销本次导入 (asking
 * for the reason) withdraws exactly those rows again (withdrawImport.ts). Every row is written, and
 * withdrawn, under the operator's own token.
 */
export function mountLedgerImport(container: HTMLElement, options: LedgerImportOptions): { unmount(): void } {
  const kindSelect = h('select', { id: 'ledger-kind', name: 'kind' }, h('option', { value: 'activities' }, '活动'));
  const modeSelect = h('select', { id: 'ledger-mode', name: 'mode' }, Object.entries(MODE_LABELS).map(([mode, label]) => h('option', { value: mode }, label)));
  const fileInput = h('input', { type: 'file', id: 'ledger-file', name: 'file', accept: LEDGER_FILE_ACCEPT });
  // A 人员台账's rows that are persons registered before and differ from them: corrected only when asked (updateRegistered).
  const updateCheckbox = h('input', { type: 'checkbox', id: 'ledger-update-registered', name: 'updateRegistered' });
  const updateField = h('div', { class: 'ledger-field', hidden: true },
    h('label', { for: 'ledger-update-registered' }, updateCheckbox, ` ${WORDS.updateRegistered}`),
    h('p', { class: 'note' }, `身份证号已登记的人员，按本台账更正与已登记内容不同的列（仅${WORDS.rowByRow}）；不勾选时只列出不同之处，不作更改。`),
  );
  const templateButton = h('button', { type: 'button', class: 'secondary' }, '下载模板');
  const previewButton = h('button', { type: 'button', disabled: true }, '预览');
  const confirmButton = h('button', { type: 'button', disabled: true }, '确认导入');
  const outcome = h('div', { class: 'ledger-outcome', 'aria-live': 'polite' });
  const restored = h('div', { class: 'ledger-restored-note', 'aria-live': 'polite' });
  // 撤销以前的导入: a report saved earlier (after a reload, the next day) withdraws its import as 撤销本次导入 does.
  const savedInput = h('input', { type: 'file', id: 'ledger-saved-report', name: 'report', accept: '.xlsx' });
  const savedSlot = h('div', {});
  const savedReport = h('details', { class: 'ledger-saved-report' },
    h('summary', {}, '撤销以前的导入'),
    h('p', { class: 'note' }, '选择那次导入生成的导入结果工作簿（台账文件名.导入结果.xlsx），撤销其中状态为“已导入”的记录；已撤销的不会重复撤销。'),
    h('div', { class: 'ledger-field' }, h('label', { for: 'ledger-saved-report' }, '导入结果工作簿'), savedInput),
    savedSlot,
  );
  savedInput.addEventListener('change', () => {
    const file = savedInput.files?.[0];
    savedSlot.replaceChildren();
    if (file) mountWithdrawImport(savedSlot, { report: { name: file.name, blob: file }, imported: null, token: options.token, onWithdrawn: options.onImported, fileLink });
  });
  const section = h('section', { class: 'panel ledger-import', 'aria-labelledby': 'ledger-import-heading' },
    h('h2', { id: 'ledger-import-heading' }, '台账导入'),
    h('p', { class: 'note' }, `按模板填写台账（${LEDGER_FILES_SAID}），先预览检查，再确认导入。每行以您本人的身份经网关写入，只能写入本区划内的记录；同一文件重复导入不会重复写入。`),
    h('div', { class: 'ledger-fields' },
      h('div', { class: 'ledger-field' }, h('label', { for: 'ledger-kind' }, WORDS.kind), h('div', { class: 'ledger-inline' }, kindSelect, templateButton)),
      h('div', { class: 'ledger-field' }, h('label', { for: 'ledger-file' }, '选择文件'), fileInput),
      h('div', { class: 'ledger-field' }, h('label', { for: 'ledger-mode' }, '导入方式'), modeSelect),
      updateField,
    ),
    restored,
    h('div', { class: 'ledger-actions' }, previewButton, confirmButton),
    outcome,
    savedReport,
  );
  container.append(section);
  /** The preview shown is of this file, kind and mode: 确认导入 sends exactly that (the file chosen again, after a lapsed sign-in). */
  let previewed: { file: ChosenFile; kind: string; mode: string; answer: ImportAnswer } | null = null;
  /** The file chosen, or, put back from the draft, the one chosen before (the browser keeps no File). */
  let kept: ChosenFile | null = null;
  /** The kinds whose imports 撤销本次导入 can withdraw, as the server says (`withdrawable`, from the contract's withdrawable types). */
  let withdrawable = new Set<string>();
  /** What to say instead under an import of a kind that cannot be withdrawn (people and posts; organizations), as the server says. */
  let withdrawNotes = new Map<string, string>();
  /**
   * The kinds whose rows carry no personal data, as the server says (`personal: false`): only their
   * previews are kept in the tab. A 人员台账's ID numbers and phones are not, nor anything of a kind
   * the server says nothing of (an older documents server).
   */
  let withoutPersonalData = new Set<string>();
  let busy = false;

  // The correction is row by row only (the server refuses it with 全部或不导入): offered with that mode alone.
  const updating = () => kindSelect.value === CORRECTABLE_KIND && updateCheckbox.checked && modeSelect.value === 'row-by-row';
  /** The mode as a preview is of it: with the correction of registered people or without. */
  const modeChosen = () => (updating() ? `${modeSelect.value}+updateRegistered` : modeSelect.value);
  const params = (file: File) => ({ kind: kindSelect.value, side: options.side, mode: modeSelect.value, name: file.name, ...(updating() && { updateRegistered: '1' }) });
  const chosenFile = () => fileInput.files?.[0] ?? null;
  const sync = () => {
    const file = chosenFile();
    previewButton.disabled = busy || !file;
    confirmButton.disabled = busy || !file || !previewed || !sameFile(previewed.file, fileKept(file)) || previewed.kind !== kindSelect.value || previewed.mode !== modeChosen();
    updateField.hidden = kindSelect.value !== CORRECTABLE_KIND;
    updateCheckbox.disabled = modeSelect.value !== 'row-by-row';
  };
  /** Keeps the choices and the preview for the operator (a lapsed sign-in loses none of them). */
  const keep = () => {
    if (!alive || !options.draft) return;
    if (!kept && !previewed) return options.draft.drop();
    const shown = previewed && sameFile(previewed.file, kept) && previewed.kind === kindSelect.value && previewed.mode === modeChosen();
    const choices = { kind: kindSelect.value, mode: modeSelect.value, file: kept };
    // A preview too large for the tab's storage (thousands of rows), or of personal data, which stays
    // out of the tab's storage (a shared office laptop): the choices at least are kept.
    const keepPreview = shown && withoutPersonalData.has(kindSelect.value);
    if (!(keepPreview && options.draft.save({ ...choices, preview: previewed!.answer }))) options.draft.save({ ...choices, preview: null });
  };
  let alive = true;
  const showFailure = (error: unknown) => {
    const message = error instanceof DocumentsFailure ? error.message : '出错了，请稍后重试。';
    outcome.replaceChildren(h('div', { class: 'ledger-failure', role: 'alert', 'data-outcome': 'refused' }, h('p', {}, message)));
  };
  const run = async (work: () => Promise<void>) => {
    busy = true;
    sync();
    section.setAttribute('aria-busy', 'true');
    try {
      await work();
    } catch (error) {
      showFailure(error);
    } finally {
      busy = false;
      section.removeAttribute('aria-busy');
      sync();
    }
  };

  function rowsTable(answer: ImportAnswer, preview: boolean): HTMLElement {
    const body = answer.rows.flatMap((row) => {
      const problems = row.problems.length ? row.problems : [null];
      return problems.map((problem, i) =>
        h('tr', { 'data-status': row.status, 'data-line': row.line },
          h('td', {}, i === 0 ? String(row.line) : ''),
          h('td', { class: 'ledger-status' }, i === 0 ? shownStatus(row.status, preview) : ''),
          h('td', {}, i === 0 ? row.content : ''),
          h('td', {}, problem?.column ?? ''),
          h('td', {}, problem?.reason ?? ''),
        ),
      );
    });
    return h('div', { class: 'ledger-table-wrap' },
      h('table', { class: 'ledger-rows' },
        h('caption', { class: 'visually-hidden' }, preview ? '预览：各行状态' : '导入结果：各行状态'),
        h('thead', {}, h('tr', {}, ['行号', '状态', '内容', '出错列', '原因'].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, body),
      ),
    );
  }

  /**
   * What the panel says under the counts, each in its own paragraph (its class names it), as the server
   * says it: a preview's rows it could not check, below rows of the file it does not write (第3–500行（共
   * 498 行）的上级在本文件中，预检不写入…: the counts alone read as hundreds of rows not to be imported);
   * and what the file was read as without the clerk's word: the optional columns it does not have, read
   * as blank on every row (文件中没有“所属联盟ID”列…), and its date cells shown as 月日 only, read with the
   * year the cell holds (第3、5行的“举办日期”单元格只显示月日，按单元格中保存的年份（2025年）导入，请核对).
   */
  function readNotes(answer: ImportAnswer): HTMLElement[] {
    return NOTES.flatMap(([key, className]) => (answer[key] ? [h('p', { class: `note ${className}` }, `${answer[key]}。`)] : []));
  }

  function summary(answer: ImportAnswer, preview: boolean): HTMLElement {
    const parts = Object.entries(answer.counts).filter(([, n]) => n > 0 || !preview).map(([status, n]) => `${shownStatus(status, preview)} ${n} 行`);
    return h('p', { class: 'ledger-summary' }, `${answer.name}（${answer.label}台账）：`, parts.join('，'), preview ? '。以上为预览，尚未写入任何内容。' : '。');
  }

  templateButton.addEventListener('click', () =>
    void run(async () => {
      const template = await download(documentsUrl('import/template', { kind: kindSelect.value }), options.token(), '台账模板.xlsx');
      outcome.replaceChildren(h('p', { class: 'note' }, downloadedLine('已下载模板：', template)));
    }),
  );
  previewButton.addEventListener('click', () =>
    void run(async () => {
      const file = chosenFile();
      if (!file) return;
      previewed = null;
      outcome.replaceChildren(h('p', { role: 'status' }, '正在检查各行…'));
      const answer = await postFile<ImportAnswer>(documentsUrl('import/preview', params(file)), file, options.token());
      previewed = { file: fileKept(file), kind: kindSelect.value, mode: modeChosen(), answer };
      restored.replaceChildren();
      showPreview(answer);
      keep();
    }),
  );
  confirmButton.addEventListener('click', () =>
    void run(async () => {
      const file = chosenFile();
      if (!previewed || !file) return;
      const { kind } = previewed;
      outcome.replaceChildren(h('p', { role: 'status' }, '正在导入…'));
      let answer: ImportAnswer;
      /** A store that went down partway: the server's words, above what was written before it (503 with the rows and the report). */
      let stopped: string | null = null;
      try {
        answer = await postFile<ImportAnswer>(documentsUrl('import/confirm', params(file)), file, options.token());
      } catch (error) {
        if (!(error instanceof DocumentsFailure) || !isStoppedImport(error.body)) throw error;
        answer = error.body;
        stopped = error.message;
      }
      // Imported (whatever the rows' outcome): nothing is left to keep; chosen again, the file is previewed anew.
      previewed = null;
      restored.replaceChildren();
      options.draft?.drop();
      const report = answer.report;
      const reportLink = report ? fileLink(report, `下载导入结果：${report.name}`, 'ledger-report') : null;
      const result = importOutcome(answer.counts);
      const advice = IMPORT_OUTCOME_ADVICE[result] ? h('p', { class: 'ledger-advice' }, IMPORT_OUTCOME_ADVICE[result]) : null;
      const written = answer.counts['已导入'] ?? 0;
      // 撤销本次导入: only under an import that wrote rows, with its report (the rows it wrote and their IDs),
      // and only of a kind whose records can be withdrawn (the server's `withdrawable`); people, posts and organizations get the server's note instead.
      const withdrawSlot = h('div', {});
      /** The parts of the result a withdrawal changes. */
      const shown: Record<'summary' | 'advice' | 'rows', HTMLElement> = { summary: summary(answer, false), advice: advice ?? h('p', { class: 'ledger-advice', hidden: true }), rows: rowsTable(answer, false) };
      const box = h('div', { class: `ledger-done ledger-${result}`, 'data-outcome': 'imported', 'data-result': result }, shown.summary, ...readNotes(answer), shown.advice, reportLink, withdrawSlot, shown.rows);
      /**
       * The import's own result once its withdrawal answered: the rows withdrawn read 已撤销, the counts
       * with them, and the box is no longer the green of a file imported (grey when every row it wrote
       * is withdrawn, amber while some remain), the withdrawal's result beside it saying why.
       */
      const showWithdrawn = (withdrawal: readonly WithdrawnRow[]) => {
        const after = afterWithdrawal(answer.rows, answer.counts, withdrawal);
        const now = { ...answer, rows: after.rows, counts: after.counts };
        const replaced = { summary: summary(now, false), advice: h('p', { class: 'ledger-advice' }, WITHDRAWN_OUTCOME_ADVICE[after.outcome]), rows: rowsTable(now, false) };
        for (const part of ['summary', 'advice', 'rows'] as const) {
          shown[part].replaceWith(replaced[part]);
          shown[part] = replaced[part];
        }
        box.className = `ledger-done ledger-${after.outcome === 'withdrawn' ? 'withdrawn-import' : 'partial'}`;
        box.dataset.result = after.outcome;
      };
      if (report && written > 0) {
        if (withdrawable.has(kind)) {
          mountWithdrawImport(withdrawSlot, { report: { name: report.name, blob: base64Blob(report.base64, XLSX) }, imported: written, token: options.token, onWithdrawn: options.onImported, onAnswered: showWithdrawn, fileLink });
        } else {
          withdrawSlot.append(h('p', { class: 'note ledger-not-withdrawable' }, withdrawNotes.get(kind) ?? NOT_WITHDRAWABLE_NOTE));
        }
      }
      outcome.replaceChildren(
        ...(stopped ? [h('div', { class: 'ledger-failure', role: 'alert', 'data-outcome': 'import-stopped' }, h('p', {}, stopped))] : []),
        box,
      );
      if (written > 0) options.onImported?.();
    }),
  );
  /** The preview of the file chosen, as the server answered it (now, or before a lapsed sign-in). */
  function showPreview(answer: ImportAnswer): void {
    outcome.replaceChildren(h('div', { 'data-outcome': 'previewed' }, summary(answer, true), ...readNotes(answer), rowsTable(answer, true)));
  }

  /**
   * Puts back what the operator had chosen and previewed before the token lapsed, saying that the
   * browser kept no file: the same one chosen again is imported with 确认导入 without a new preview.
   */
  function restore(draft: NonNullable<ReturnType<ImportDraft['load']>>): void {
    if ([...kindSelect.options].some((o) => o.value === draft.kind)) kindSelect.value = draft.kind;
    if ([...modeSelect.options].some((o) => o.value === draft.mode)) modeSelect.value = draft.mode;
    kept = draft.file;
    // A preview kept before the tab stopped keeping personal data is neither shown nor kept again.
    const preview = draft.preview && withoutPersonalData.has(draft.kind) ? draft.preview : null;
    if (draft.file && preview) {
      previewed = { file: draft.file, kind: draft.kind, mode: draft.mode, answer: preview };
      showPreview(preview);
    }
    const clear = h('button', { type: 'button', class: 'secondary' }, '清空重选');
    clear.addEventListener('click', () => {
      previewed = null;
      kept = null;
      fileInput.value = '';
      kindSelect.selectedIndex = 0;
      modeSelect.selectedIndex = 0;
      restored.replaceChildren();
      outcome.replaceChildren();
      options.draft?.drop();
      sync();
    });
    const name = draft.file ? `“${draft.file.name}”` : '';
    const said = preview
      ? `已恢复登录过期前的预览。浏览器不保留所选文件：请在“选择文件”中再次选择${name}，即可确认导入，无需重新预览。`
      : `已恢复登录过期前的选择。浏览器不保留所选文件：请在“选择文件”中再次选择${name}后预览。`;
    restored.replaceChildren(h('div', { class: 'ledger-restored', role: 'status', 'data-outcome': 'restored' }, h('p', {}, said), clear));
    sync();
    if (draft.preview && !preview) keep();
  }

  for (const control of [kindSelect, modeSelect, updateCheckbox]) control.addEventListener('change', () => {
    sync();
    keep();
  });
  fileInput.addEventListener('change', () => {
    const file = chosenFile();
    kept = file ? fileKept(file) : null;
    sync();
    keep();
  });

  // The kinds the server can import (its own table of kinds), once.
  void getJson<{ kinds: { kind: string; label: string; withdrawable: boolean; withdrawNote?: string | null; personal: boolean }[] }>(documentsUrl('import/kinds'), options.token())
    .then(({ kinds }) => {
      kindSelect.replaceChildren(...kinds.map((k) => h('option', { value: k.kind }, k.label)));
      withdrawable = new Set(kinds.filter((k) => k.withdrawable).map((k) => k.kind));
      withdrawNotes = new Map(kinds.flatMap((k) => (k.withdrawNote ? [[k.kind, k.withdrawNote] as const] : [])));
      withoutPersonalData = new Set(kinds.filter((k) => k.personal === false).map((k) => k.kind));
      // The kinds offered, the operator's earlier choices and preview can be put back.
      const draft = alive ? options.draft?.load() : null;
      if (draft) restore(draft);
      section.dataset.ready = 'true';
    })
    .catch((error: unknown) => {
      showFailure(error);
      section.dataset.ready = 'true';
    });

  return {
    unmount: () => {
      alive = false;
      section.remove();
    },
  };
}

/** A 503's body that is an import stopped partway (the rows written, its report), not the bare refusal of one stopped before it wrote. */
function isStoppedImport(body: unknown): body is ImportAnswer {
  const answer = body as Partial<ImportAnswer> & { stopped?: unknown } | null;
  return Array.isArray(answer?.rows) && typeof answer?.counts === 'object' && typeof answer?.report?.base64 === 'string' && typeof answer.stopped === 'string';
}
