import './recordActivity.css';
import { DATE_RANGE } from '@linju/contract/dateRange';
import { unknownOperatorRegionText } from '@linju/contract/operatorRegionText';
import { todayInChina } from '@linju/contract/todayInChina';
import { VOCABULARY } from '@linju/contract/vocabulary';
import { LENGTH } from '@linju/contract/writeLimits';
import type { RegisteredDocument } from '../../vite/registeredOperations.ts';
import { h } from '../view/h.ts';
import { ACTIVITY_DEFAULTS, ACTIVITY_FIELD_LABELS, checkActivityForm, isRequired, type ActivityField, type ActivityFormValues } from './activityForm.ts';
import { findOperatorRegion, type OperatorRegion } from './findOperatorRegion.ts';
import { formField, type FormField } from './formField.ts';
import { allianceChoices, organizerChoices } from './recordChoices.ts';
import type { GraphQLAnswer } from '../graphql/sendOperation.ts';
import { describeReadFailure, describeRecordFailure, describeWithdrawFailure, failureHeading, refusesToken, UNREACHABLE, type RecordFailure, type WithdrawFailure } from './recordFailure.ts';
import {
  alliancesOperation,
  organizersOperation,
  RECORD_ACTIVITY,
  recordActivityField,
  WITHDRAW_RECORD,
  withdrawRecordField,
  type AlliancesAnswer,
  type Organizer,
  type OrganizersAnswer,
  type RecordActivityAnswer,
  type RecordedActivity,
  type SendOperation,
  type WithdrawRecordAnswer,
} from './recordOperations.ts';
import type { ActivityDraft, RecordDraft } from './RecordDraft.ts';
import { recordingOperator, type RecordingOperator } from './recordingOperator.ts';
import { searchableChoice, type Found } from './searchableChoice.ts';
import { SubmissionKey } from './SubmissionKey.ts';
import { checkWithdrawReason, REASON_LABEL } from './withdrawReason.ts';

export type { RecordedActivity, RecordingOperator, SendOperation };

/**
 * Whether a token's holder may use the panel, and as whom: a jurisdiction operator with a region, of
 * a side the panel can write to (`recordingOperator` with the sides of `RECORD_ACTIVITY`); else null.
 */
export const recordingOperatorOf = (claims: { readonly role?: string; readonly region?: string } | null | undefined): RecordingOperator | null =>
  recordingOperator(claims, Object.keys(RECORD_ACTIVITY));

/** What the panel needs: who records (from the token) and how to reach the gateway. */
export interface RecordActivityOptions extends RecordingOperator {
  /** Sends a registered operation with the current token (the page's `sendOperation`, token bound). */
  readonly send: SendOperation;
  /** Offered as 重新登录 when the gateway no longer accepts the token; without it the panel only says so. */
  readonly signIn?: () => void;
  /**
   * A write (登记, 确认撤销) the gateway answered by refusing the token (`UNAUTHENTICATED`: it expired
   * early on the gateway's clock, a laptop woke): the page's session renews the token once (its
   * `renewAfterRefusal`, with the token that write went with: `renewingWrites`), and the same write goes again, with the same idempotency key, when this
   * answers true. Without it, or when it answers false, the panel says the refusal (重新登录).
   */
  readonly renew?: (answer: GraphQLAnswer<unknown>) => Promise<boolean>;
  /** Told of each activity recorded (the page redraws its figures, which now count it). */
  readonly onRecorded?: (activity: RecordedActivity) => void;
  /**
   * Told of each activity the panel withdrew (撤销这条记录), or found withdrawn already when it tried:
   * the page redraws its figures, which no longer count it.
   */
  readonly onWithdrawn?: (activity: RecordedActivity) => void;
  /**
   * Finds the operator's region (the page's `OperatorRegions`, which the header's name of the region
   * shares); without it, `findOperatorRegion` through `send`.
   */
  readonly findRegion?: (operator: RecordingOperator) => Promise<OperatorRegion>;
  /**
   * Where what the person types and has not yet sent is kept (the page's `RecordDraft`, under the
   * token's subject and side): put back in the form when the panel is made for them again, after
   * their token expired, say; forgotten once recorded or cleared. Without it nothing is kept.
   */
  readonly draft?: RecordDraft;
}

/** A mounted panel: whom it was mounted for, and how to take it away (at sign-out, or for another person). */
export interface RecordActivityPanel {
  readonly operator: RecordingOperator;
  unmount(): void;
}

/**
 * Mounts the 登记活动 panel (record an activity) at the end of `container`, for a jurisdiction
 * operator: the form (类别, 名称, 举办日期, 主办组织 within the operator's region, 场次, 人次, 引进人才,
 * 所属联盟), sent as the side's `<key>RecordActivity` with an idempotency key, and the outcome in
 * Chinese: the recorded activity, or why not (the regions named when it lies outside the operator's).
 * The recorded activity's box offers 撤销这条记录: with a reason (撤销原因), the side's
 * `<key>WithdrawRecord` withdraws it, registered in error, and the box says 已撤销.
 * The owner's store decides; the form only helps.
 */
export function mountRecordActivity(container: HTMLElement, options: RecordActivityOptions): RecordActivityPanel {
  const { side, region, send } = options;
  const operator: RecordingOperator = { side, region };
  const mutation = RECORD_ACTIVITY[side];
  if (!mutation) throw new Error(`No RecordActivity operation for jurisdiction ${side}`);
  /** The side's withdrawal; a side without one is offered no 撤销这条记录. */
  const withdrawal = WITHDRAW_RECORD[side];
  let alive = true;
  let sending = false;
  /** The jurisdiction's name and the operator's region, once found. */
  let scope: { sideName: string; regionId: string; regionName: string } | null = null;
  const submissionKey = new SubmissionKey();

  const today = todayInChina();
  const kind = formField(ACTIVITY_FIELD_LABELS.kind, h('select', { name: 'kind' }, h('option', { value: '' }, '请选择类别'), VOCABULARY.activityKind.map((k) => h('option', { value: k }, k))));
  const title = formField(ACTIVITY_FIELD_LABELS.title, h('input', { type: 'text', name: 'title', autocomplete: 'off' }));
  const heldOn = formField(ACTIVITY_FIELD_LABELS.heldOn, h('input', { type: 'date', name: 'heldOn', min: DATE_RANGE.min, max: today, value: today }));
  const widen = h('input', { type: 'checkbox', name: 'widen' });
  const organizer = searchableChoice('organizerId', ACTIVITY_FIELD_LABELS.organizerId, '请选择主办组织', findOrganizers);
  /** The organizers last offered, by ID: the chosen one's name and the organizations above it. */
  const offered = new Map<string, Organizer>();
  organizer.element.append(
    h('label', { class: 'record-widen' }, widen, '也列出本区划以外的组织'),
    h('p', { class: 'note' }, '本区划以外组织主办的活动，登记时将被拒绝。'),
  );
  const count = (name: ActivityField) =>
    formField(ACTIVITY_FIELD_LABELS[name], h('input', { type: 'text', name, inputmode: 'numeric', autocomplete: 'off', value: ACTIVITY_DEFAULTS[name] ?? '' }), { optional: !isRequired(name) });
  const sessions = count('sessions');
  const personTimes = count('personTimes');
  const talentsRecruited = count('talentsRecruited');
  const alliance = searchableChoice('allianceId', ACTIVITY_FIELD_LABELS.allianceId, '不属于任何联盟', findAlliances, { optional: true });
  const fields: Record<ActivityField, FormField<HTMLInputElement | HTMLSelectElement>> = {
    kind, title, heldOn, organizerId: organizer, sessions, personTimes, talentsRecruited, allianceId: alliance,
  };
  const FIELD_NAMES = Object.keys(fields) as ActivityField[];

  const submit = h('button', { type: 'submit' }, '登记');
  const fieldset = h('fieldset', { class: 'record-fields', disabled: true },
    h('legend', { class: 'visually-hidden' }, '活动信息'),
    kind.element, title.element, heldOn.element, organizer.element,
    h('div', { class: 'record-counts' }, sessions.element, personTimes.element, talentsRecruited.element),
    alliance.element,
    h('div', { class: 'record-actions' }, submit),
  );
  const form = h('form', { class: 'record-form', novalidate: true, 'aria-label': '登记活动' }, fieldset);
  const intro = h('p', { class: 'note record-intro' }, '正在读取本人区划…');
  const outcome = h('div', { class: 'record-outcome', 'aria-live': 'polite' });
  /** Above the form, where it is seen first: the note that the form holds what was typed before. */
  const restored = h('div', { class: 'record-restored-note', 'aria-live': 'polite' });
  const section = h('section', { class: 'panel record-activity', 'aria-labelledby': 'record-activity-heading' },
    h('h2', { id: 'record-activity-heading' }, '登记活动'), intro, restored, form, outcome);
  container.append(section);

  function values(): ActivityFormValues {
    return Object.fromEntries(Object.entries(fields).map(([name, field]) => [name, field.control.value])) as unknown as ActivityFormValues;
  }
  /** The form as it starts: what typed values are compared with (nothing typed, nothing kept). */
  const blank = values();

  /** Keeps what is typed and not yet recorded, with the key of a submission still unanswered (`options.draft`). */
  function keepDraft(): void {
    if (!alive || !options.draft) return;
    const typed = values();
    const pending = submissionKey.pending;
    if (!pending && !widen.checked && FIELD_NAMES.every((name) => typed[name] === blank[name])) return options.draft.drop();
    options.draft.save({ values: typed, widen: widen.checked, organizerSearch: organizer.search.value, allianceSearch: alliance.search.value, pending });
  }

  /** Puts a kept draft's typed values back (the lists' choices wait for the lists: `restoreChoices`). */
  function restoreTyped(draft: ActivityDraft): void {
    for (const name of FIELD_NAMES) if (name !== 'organizerId' && name !== 'allianceId') fields[name].control.value = draft.values[name];
    widen.checked = draft.widen;
    organizer.search.value = draft.organizerSearch;
    alliance.search.value = draft.allianceSearch;
    submissionKey.resume(draft.pending);
  }

  /** Chooses the draft's organizer and alliance again, if still offered and nothing else was chosen meanwhile. */
  async function restoreChoices(draft: ActivityDraft): Promise<void> {
    const offers = (select: HTMLSelectElement, value: string) => !!value && !select.value && [...select.options].some((option) => option.value === value);
    if (offers(organizer.control, draft.values.organizerId)) {
      organizer.control.value = draft.values.organizerId;
      await organizerChosen();
    }
    if (alive && offers(alliance.control, draft.values.allianceId)) alliance.control.value = draft.values.allianceId;
  }

  /** Says the form holds what was typed before (a lapsed sign-in, a page opened anew), with 清空重填 to start afresh. */
  function showRestored(): void {
    const clear = h('button', { type: 'button', class: 'secondary' }, '清空重填');
    clear.addEventListener('click', () => void clearForm());
    restored.replaceChildren(h('div', { class: 'record-restored', role: 'status', 'data-outcome': 'restored' },
      h('p', {}, '已恢复此前填写但未提交的内容（如登录过期前所填），请核对后再登记。'), clear));
  }

  /** 清空重填: the form as it started, and the draft forgotten. */
  async function clearForm(): Promise<void> {
    for (const name of FIELD_NAMES) {
      fields[name].control.value = blank[name];
      fields[name].problem(null);
    }
    widen.checked = false;
    organizer.search.value = '';
    alliance.search.value = '';
    submissionKey.settle();
    options.draft?.drop();
    restored.replaceChildren();
    outcome.replaceChildren();
    kind.control.focus();
    await organizer.reload();
    if (alive) await organizerChosen();
  }

  /**
   * Sends one of the panel's writes; a refusal of the token is renewed once (`options.renew`) and
   * the same write (its variables, its idempotency key among them) sent again with the new token.
   */
  async function sendWrite<TData>(operation: RegisteredDocument, variables: Record<string, unknown>): Promise<GraphQLAnswer<TData>> {
    const answer = await send<TData>(operation, variables);
    if (!options.renew || !alive || !refusesToken(answer.errors)) return answer;
    return (await options.renew(answer)) && alive ? send<TData>(operation, variables) : answer;
  }

  /** A refusal in a box of its own: `heading` (未登记, 未撤销) and why; 重新登录 when the token is refused. */
  function failureBox(heading: string, failure: RecordFailure | WithdrawFailure, outcomeName = 'refused'): HTMLElement {
    const box = h('div', { class: `record-failure ${failure.kind}`, role: 'alert', 'data-outcome': failure.kind === 'outcome-unknown' ? 'unknown' : outcomeName });
    heading = failureHeading(failure, heading);
    if (failure.kind === 'outside-region') {
      box.append(
        h('h3', {}, `${heading}：超出本人区划`),
        h('p', { class: 'record-message' }, failure.message),
        h('p', { class: 'note' }, `你只能登记和撤销${failure.operatorRegionName}及其下级区划内组织主办的活动。`),
      );
    } else {
      box.append(h('p', {}, h('strong', {}, `${heading}：`), failure.message));
      if (failure.kind === 'signed-out' && options.signIn) {
        const again = h('button', { type: 'button', class: 'secondary' }, '重新登录');
        again.addEventListener('click', () => options.signIn?.());
        box.append(again);
      }
    }
    return box;
  }

  function showFailure(heading: string, failure: RecordFailure): void {
    outcome.replaceChildren(failureBox(heading, failure));
  }

  function showRecorded(activity: RecordedActivity): void {
    const box = h('div', { class: 'record-success', 'data-outcome': 'recorded', tabindex: '-1' },
      h('div', { role: 'status' },
        h('p', {}, h('strong', {}, '已登记：'), `《${activity.title}》`),
        h('p', { class: 'note' }, `${activity.kind} · ${activity.heldOn} · 主办：${activity.organizer.name}（${activity.organizer.region.name}）`),
      ),
    );
    if (withdrawal) box.append(withdrawControls(activity, withdrawal, box));
    outcome.replaceChildren(box);
    // 登记 was disabled while sending, which dropped the focus to the page's body: the outcome takes it
    // (read out, and Tab goes on to 撤销这条记录).
    box.focus();
  }

  /**
   * Puts a withdrawn activity's box in place of `box` (the recorded one) and moves the focus to it:
   * 已撤销：《名称》（原因：…） when the panel withdrew it, or what the owner said when it was withdrawn already.
   */
  function showWithdrawn(box: HTMLElement, activity: RecordedActivity, outcome: { readonly reason: string } | { readonly before: string }): void {
    const withdrawn = h('div', { class: 'record-withdrawn', role: 'status', 'data-outcome': 'withdrawn', tabindex: '-1' },
      h('p', {}, h('strong', {}, '已撤销：'), `《${activity.title}》`, 'reason' in outcome ? `（原因：${outcome.reason}）` : null),
      'before' in outcome ? h('p', { class: 'record-message' }, outcome.before) : null,
      h('p', { class: 'note' }, '已移出活动列表与统计数字；原记录与撤销原因留档。如需更正，请重新登记。'),
    );
    box.replaceWith(withdrawn);
    withdrawn.focus();
  }

  /**
   * 撤销这条记录 under a recorded activity: a button that opens a small form (撤销原因, 确认撤销, 取消).
   * A confirmation sends the side's `<key>WithdrawRecord` with one idempotency key for its activity
   * and reason, so a double click, or a resend after a lost answer, withdraws once.
   */
  function withdrawControls(activity: RecordedActivity, operation: RegisteredDocument, box: HTMLElement): HTMLElement {
    const key = new SubmissionKey();
    let withdrawing = false;
    const open = h('button', { type: 'button', class: 'secondary record-withdraw-open' }, '撤销这条记录');
    const reason = formField(REASON_LABEL, h('input', { type: 'text', name: 'reason', autocomplete: 'off', enterkeyhint: 'send' }));
    reason.note(`写明登记错在哪里（如重复登记、填错），至多 ${LENGTH.reason} 字。撤销后这条记录移出列表与统计，原记录与原因留档。`);
    const confirm = h('button', { type: 'submit' }, '确认撤销');
    const cancel = h('button', { type: 'button', class: 'secondary' }, '取消');
    const said = h('div', { class: 'record-withdraw-said' });
    const form = h('form', { class: 'record-withdraw-form', novalidate: true, 'aria-label': `撤销《${activity.title}》`, hidden: true },
      reason.element, said, h('div', { class: 'record-withdraw-actions' }, confirm, cancel));
    /** Where a problem the form finds is read out (it is shown beside the field). */
    const announce = h('div', { class: 'visually-hidden' });
    // The form's controls are not news to announce (the focus goes to them); its refusals are alerts of their own.
    const area = h('div', { class: 'record-withdraw', 'aria-live': 'off' }, open, form, announce);

    function close(): void {
      form.hidden = true;
      open.hidden = false;
      reason.control.value = '';
      reason.problem(null);
      said.replaceChildren();
      announce.replaceChildren();
      open.focus();
    }

    async function confirmWithdrawal(): Promise<void> {
      if (withdrawing) return;
      reason.problem(null);
      said.replaceChildren();
      announce.replaceChildren();
      const check = checkWithdrawReason(reason.control.value);
      if (!check.ok) {
        reason.problem(check.message);
        // The focus is often in the field already: the problem is read out as well.
        announce.replaceChildren(h('p', { role: 'alert' }, check.message));
        reason.control.focus();
        return;
      }
      withdrawing = true;
      confirm.disabled = true;
      cancel.disabled = true;
      confirm.textContent = '正在撤销…';
      const variables = { id: activity.id, reason: check.reason };
      let failure: WithdrawFailure;
      try {
        const answer = await sendWrite<WithdrawRecordAnswer>(operation, { ...variables, idempotencyKey: key.for(variables) });
        const withdrawn = answer.data?.[withdrawRecordField(side)];
        if (withdrawn) {
          key.settle();
          if (!alive) return;
          if (box.isConnected) showWithdrawn(box, activity, { reason: withdrawn.reason });
          options.onWithdrawn?.(activity);
          return;
        }
        if (answer.errors.some((error) => error.extensions?.code === 'IDEMPOTENCY_KEY_REUSED')) key.settle();
        failure = describeWithdrawFailure(answer.errors, scope?.sideName ?? side);
      } catch {
        // No answer: whether it was withdrawn is unknown; confirming again with the same reason sends the same key.
        failure = UNREACHABLE;
      } finally {
        withdrawing = false;
        confirm.disabled = false;
        cancel.disabled = false;
        confirm.textContent = '确认撤销';
      }
      if (!alive || !box.isConnected) return;
      if (failure.kind === 'withdrawn') {
        // Nothing left to withdraw (another tab did, or a lost answer's first send): the box says so, and the page redraws.
        showWithdrawn(box, activity, { before: failure.message });
        options.onWithdrawn?.(activity);
        return;
      }
      said.replaceChildren(failureBox('未撤销', failure, 'withdraw-refused'));
      if (failure.kind === 'reason') {
        reason.problem(failure.message);
        reason.control.focus();
      } else {
        // Ready to try again (an outage says 请稍后再试): the focus stays on 确认撤销.
        confirm.focus();
      }
    }

    open.addEventListener('click', () => {
      form.hidden = false;
      open.hidden = true;
      reason.control.focus();
    });
    cancel.addEventListener('click', close);
    form.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape' || withdrawing) return;
      event.preventDefault();
      close();
    });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void confirmWithdrawal();
    });
    return area;
  }

  async function findOrganizers(search: string): Promise<Found> {
    if (!scope || !alive) return { choices: [], note: '' };
    const wide = widen.checked;
    let answer;
    try {
      answer = await send<OrganizersAnswer>(organizersOperation, { side, regionId: wide ? null : scope.regionId, search: search || null });
    } catch {
      return { choices: [], note: `无法读取主办组织：${UNREACHABLE.message}` };
    }
    const page = answer.data?.jurisdictions?.[0]?.organizations;
    if (!page) return { choices: [], note: `无法读取主办组织：${describeReadFailure(answer.errors, scope.sideName).message}` };
    for (const edge of page.edges) offered.set(edge.node.id, edge.node);
    return organizerChoices(page, search, wide ? scope.sideName : scope.regionName);
  }

  async function findAlliances(search: string): Promise<Found> {
    // A search typed just before the panel went (a sign-out) asks nothing.
    if (!alive) return { choices: [], note: '' };
    let answer;
    try {
      answer = await send<AlliancesAnswer>(alliancesOperation, { search: search || null });
    } catch {
      return { choices: [], note: `无法读取联盟：${UNREACHABLE.message}` };
    }
    if (!answer.data?.alliances) return { choices: [], note: `无法读取联盟：${describeReadFailure(answer.errors, scope?.sideName ?? side).message}` };
    const chosen = offered.get(organizer.control.value);
    return allianceChoices(answer.data.alliances, search, chosen && { node: chosen, on: heldOn.control.value });
  }

  /** Another organizer (or none) chosen: the date picker and the alliances follow it. */
  function organizerChosen(): Promise<void> {
    // The date picker offers no day before the organizer was founded (the form and the store refuse one).
    heldOn.control.min = offered.get(organizer.control.value)?.foundedOn ?? DATE_RANGE.min;
    return alliance.reload();
  }

  async function record(): Promise<void> {
    if (sending || !scope) return;
    for (const field of Object.values(fields)) field.problem(null);
    const check = checkActivityForm(values(), todayInChina(), offered.get(organizer.control.value)?.foundedOn);
    if (!check.ok) {
      for (const problem of check.problems) fields[problem.field].problem(problem.message);
      outcome.replaceChildren(h('p', { class: 'record-failure', role: 'alert' }, `请先更正标出的 ${check.problems.length} 处。`));
      fields[check.problems[0]!.field].control.focus();
      return;
    }
    sending = true;
    // Checked and sent: the note about the restored draft has said what it had to.
    restored.replaceChildren();
    let retryFrom: HTMLElement = submit;
    submit.disabled = true;
    submit.textContent = '正在登记…';
    outcome.replaceChildren();
    const idempotencyKey = submissionKey.for(check.input);
    // Kept with its key: sent again after a lost answer, even once signed in anew, it is written once.
    keepDraft();
    try {
      const answer = await sendWrite<RecordActivityAnswer>(mutation!, { input: check.input, idempotencyKey });
      const recorded = answer.data?.[recordActivityField(side)];
      if (recorded) {
        // Recorded, even if the panel went meanwhile (the token lapsed): nothing is left to send again.
        submissionKey.settle();
        options.draft?.drop();
        if (!alive) return;
        showRecorded(recorded);
        options.onRecorded?.(recorded);
        // The next activity is another one: its title is typed anew (the rest often stays the same).
        title.control.value = '';
        return;
      }
      const failure = describeRecordFailure(answer.errors, scope.sideName);
      if (failure.kind === 'already-recorded') {
        // The store holds this very record (same-record): for the draft it is recorded, nothing left to
        // send; the box says 已登记 with the store's words naming the record.
        submissionKey.settle();
        options.draft?.drop();
        if (!alive) return;
        showFailure('未登记', failure);
        title.control.value = '';
        return;
      }
      if (!alive) return;
      if (answer.errors.some((error) => error.extensions?.code === 'IDEMPOTENCY_KEY_REUSED')) submissionKey.settle();
      showFailure('未登记', failure);
      if (failure.kind === 'input') {
        fields[failure.field].problem(failure.message);
        retryFrom = fields[failure.field].control;
      }
    } catch {
      // No answer: whether it was written is unknown; sending again with the same key writes it at most once.
      if (alive) showFailure('未登记', UNREACHABLE);
    } finally {
      sending = false;
      submit.disabled = false;
      submit.textContent = '登记';
    }
    // Not recorded: still kept (a settled key no longer with it).
    keepDraft();
    // Refused: the focus (dropped to the body while 登记 was disabled) goes to the field to correct, else
    // back to 登记 to try again (an outage says 请稍后再试).
    if (alive) retryFrom.focus();
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void record();
  });
  // Whatever is typed or chosen is kept at once: a token may lapse, or the tab be reloaded, at any moment.
  form.addEventListener('input', keepDraft);
  form.addEventListener('change', keepDraft);
  widen.addEventListener('change', () => void organizer.reload());
  // Another organizer, or another day, counts for other alliances: the list follows both.
  organizer.control.addEventListener('change', () => void organizerChosen());
  heldOn.control.addEventListener('change', () => void alliance.reload());

  void (async () => {
    let found;
    try {
      found = await (options.findRegion ?? ((o: RecordingOperator) => findOperatorRegion(send, o)))(operator);
    } catch {
      found = null;
    }
    if (!alive) return;
    if (!found || !found.ok) {
      intro.textContent = '';
      showFailure('无法读取本人区划', found ? describeReadFailure(found.errors, side) : UNREACHABLE);
      return;
    }
    if (!found.region) {
      intro.textContent = '';
      showFailure('无法登记', { kind: 'other', message: `${unknownOperatorRegionText(found.sideName, region)}。` });
      return;
    }
    scope = { sideName: found.sideName, regionId: found.region.id, regionName: found.region.name };
    const place = found.region.name === found.sideName ? found.sideName : `${found.sideName}${found.region.name}`;
    intro.textContent = `登记${place}（${region}）及其下级区划内组织主办的活动；由${found.sideName}的数据库核对权限后写入。`;
    const draft = options.draft?.load() ?? null;
    if (draft) restoreTyped(draft);
    fieldset.disabled = false;
    await Promise.all([organizer.reload(), alliance.reload()]);
    if (draft && alive) {
      await restoreChoices(draft);
      if (alive) showRestored();
    }
    if (alive) section.dataset.ready = 'true';
  })();

  return {
    operator,
    unmount() {
      alive = false;
      section.remove();
    },
  };
}
