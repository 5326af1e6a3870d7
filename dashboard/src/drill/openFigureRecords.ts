import './drill.css';
import recordsOperation from '../../operations/DashboardFigureRecords.graphql';
import { columnOf, FIGURES, figureList, recordProperty, type FigureName } from '@linju/contract/figures';
import { formatDate, formatExact, formatNumber } from '../format/formatNumber.ts';
import type { DashboardFigureRecordsQuery, DashboardFigureRecordsQueryVariables, RecordOrder } from '../graphql/operations.generated.ts';
import { TOKEN_REFUSED_TEXT, tokenRefusalOf } from '../graphql/errorText.ts';
import { isRateLimited, rateLimitedText, retryAfterSeconds } from '../graphql/rateLimit.ts';
import { sendOperation, type GraphQLAnswer } from '../graphql/sendOperation.ts';
import { h } from '../view/h.ts';
import { returnFocus } from '../view/returnFocus.ts';
import { recordViews, UNNAMED_LISTS, type RecordList, type RecordPage, type RecordView } from './recordRows.ts';

/** What to drill into: a figure of one side for a period (optionally of one alliance). */
export interface FigureRecordsRequest {
  /** The figure, by its name in the catalogue (`jointSeminarSessions`). */
  figure: FigureName;
  /** The jurisdiction's key (`sichuan`, `chongqing`): its store holds the records. */
  side: string;
  /** The period shown; either end may be open. */
  period: { from?: string | null; to?: string | null };
  /** Only the records of this alliance. */
  allianceId?: string | null;
  /** The viewer's token: records are not public (anonymous callers get a sign-in hint). */
  token: string | null;
  /** Focus goes back here when the dialog closes (the card's button). */
  opener?: HTMLElement | null;
  /**
   * The page's way to a token for an anonymous caller (登录 through the identity provider, or
   * 输入访问令牌 without one): offered in the dialog, which closes first.
   */
  signIn?: { readonly label: string; readonly start: () => void } | null;
  /**
   * The page's answer to the gateway's refusal of `token` (401, `UNAUTHENTICATED`, its own), as it
   * takes a refusal of its figures' token (`learnOfToken` in main.ts: a sign-in's renewed once, then
   * signed out; a linked or pasted one forgotten, the banner saying so): the token to send the
   * request again with (renewed, or the page's since), or null. The dialog asks again once with it; a
   * page still refused says so (请重新登录, with `signIn`).
   */
  tokenRefused?: (token: string, answer: GraphQLAnswer<unknown>) => Promise<string | null>;
}

/** What the dialog says to a caller without a token. */
export const SIGN_IN_NEEDED = '记录明细需要登录（查看者或以上）。公开指标无需登录。';

const PAGE_SIZE = 20;
const ORDERS: [RecordOrder, string][] = [['NEWEST', '日期（新→旧）'], ['OLDEST', '日期（旧→新）'], ['NAME', '名称']];

let dialog: HTMLDialogElement | null = null;

/**
 * Opens the records behind a figure: a dialog listing the side's records that the figure counts
 * (the list of its source with `filter: { figure, period }`: nothing here is written per figure),
 * a page at a time, with 共N条, a search box and a sort choice where the records have names, and
 * 上一页/下一页. Each row opens the record's fields in the same dialog; 返回列表 goes back. Esc or
 * 关闭 closes it and focus returns to `opener`. Resolves once the first page is shown (or its
 * failure explained in the dialog); never rejects.
 */
export async function openFigureRecords(request: FigureRecordsRequest): Promise<void> {
  const figure = FIGURES[request.figure];
  const { list } = figureList(request.figure);
  const named = !UNNAMED_LISTS.includes(list);
  // A figure that adds up a column (场次, 人次, 面积 …) shows each record's value beside it, so the rows reconcile with the card.
  const column = columnOf(request.figure);
  const measured = column && { field: recordProperty(column.name), header: column.label === figure.unit ? column.label : `${column.label}（${figure.unit}）` };
  const state = { search: '', order: 'NEWEST' as RecordOrder, cursors: [null] as (string | null)[], page: 0, token: request.token };

  const box = dialogElement();
  const title = h('h2', { id: 'figure-records-title' }, `${figure.label}：记录明细`);
  const subtitle = h('p', { class: 'muted' }, '');
  const search = h('input', { type: 'search', name: 'search', placeholder: '按名称搜索', 'aria-label': '按名称搜索', maxlength: '100' });
  const order = h('select', { name: 'order', 'aria-label': '排序' }, ORDERS.filter(([value]) => named || value !== 'NAME').map(([value, label]) => h('option', { value }, label)));
  const count = h('p', { class: 'records-count', 'aria-live': 'polite' }, '');
  const body = h('div', { class: 'records-body' });
  const previous = h('button', { type: 'button', class: 'secondary', 'data-page': 'previous' }, '上一页');
  const next = h('button', { type: 'button', class: 'secondary', 'data-page': 'next' }, '下一页');
  const close = h('button', { type: 'button', class: 'secondary', 'data-close': '' }, '关闭');
  const controls = h('form', { class: 'records-controls', role: 'search', onsubmit: (event: Event) => event.preventDefault() },
    named && h('label', {}, '搜索 ', search),
    h('label', {}, '排序 ', order),
  );
  box.replaceChildren(
    h('header', {}, title, close),
    subtitle,
    controls,
    count,
    body,
    h('nav', { class: 'records-pages', 'aria-label': '翻页' }, previous, next),
  );

  // The page's way to a token (登录, or 输入访问令牌), closing the dialog first.
  const signInButton = () => {
    const signIn = request.signIn && h('button', { type: 'button', 'data-sign-in': '' }, request.signIn.label);
    signIn?.addEventListener('click', () => {
      box.close();
      request.signIn!.start();
    });
    return signIn;
  };

  let run = 0;
  const read = () => fetchPage(request, state.token, list, state.search, state.order, state.cursors[state.page] ?? null).catch((): PageRead => ({ error: '无法连接网关，请检查网络后再试。' }));
  const load = async () => {
    const mine = ++run;
    box.setAttribute('aria-busy', 'true');
    let answer = await read();
    // The token refused: the page learns it as from its figures (renewed once, or signed out or
    // forgotten), and the page is asked again once with the token it then holds.
    if ('refused' in answer && state.token && request.tokenRefused) {
      const again = await request.tokenRefused(state.token, answer.refused);
      if (again) {
        state.token = again;
        answer = await read();
        if ('refused' in answer) await request.tokenRefused(again, answer.refused);
      }
    }
    if (mine !== run) return;
    box.removeAttribute('aria-busy');
    if ('error' in answer) {
      count.textContent = '';
      const signIn = 'refused' in answer ? signInButton() : null;
      body.replaceChildren(h('p', { class: 'empty' }, answer.error), ...(signIn ? [signIn] : []));
      previous.disabled = state.page === 0;
      next.disabled = true;
      return;
    }
    const { side, page } = answer;
    subtitle.textContent = `${side} · ${periodText(request.period)} · ${figure.label}（${figure.unit}）统计的记录`;
    count.textContent = `共 ${formatNumber(page.totalCount)} 条${page.totalCount > PAGE_SIZE ? `，第 ${state.page + 1} 页` : ''}`;
    state.cursors[state.page + 1] = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    previous.disabled = state.page === 0;
    next.disabled = !page.pageInfo.hasNextPage;
    showRows(body, recordViews(list, page as never, measured?.field));
  };
  // A row opens its record; 返回列表 shows the same page again and puts focus back on that row.
  const showRows = (target: HTMLElement, rows: RecordView[], focusId?: string) => {
    if (rows.length === 0) {
      target.replaceChildren(h('p', { class: 'empty' }, state.search ? `没有名称含“${state.search}”的记录。` : '这一时间段没有记录。'));
      return;
    }
    const items = rows.map((record) => {
      const button = h('button', { type: 'button', class: 'link', 'data-record': record.id }, record.name);
      button.addEventListener('click', () => showRecord(target, record, () => showRows(target, rows, record.id)));
      return h('tr', { 'data-record-row': record.id },
        h('th', { scope: 'row' }, button),
        h('td', { class: 'record-date' }, formatDate(record.date)),
        measured && h('td', { class: 'record-measure' }, record.measure === null || record.measure === undefined ? '—' : formatExact(record.measure)),
      );
    });
    const headers = ['记录', '日期', ...(measured ? [measured.header] : [])];
    target.replaceChildren(
      h('table', { class: 'records' }, h('thead', {}, h('tr', {}, headers.map((text) => h('th', { scope: 'col' }, text)))), h('tbody', {}, items)),
    );
    if (focusId) [...target.querySelectorAll<HTMLElement>('[data-record]')].find((element) => element.dataset.record === focusId)?.focus();
  };

  let typing: ReturnType<typeof setTimeout> | undefined;
  search.addEventListener('input', () => {
    clearTimeout(typing);
    typing = setTimeout(() => {
      state.search = search.value.trim();
      state.cursors = [null];
      state.page = 0;
      void load();
    }, 300);
  });
  order.addEventListener('change', () => {
    state.order = order.value as RecordOrder;
    state.cursors = [null];
    state.page = 0;
    void load();
  });
  previous.addEventListener('click', () => {
    if (state.page === 0) return;
    state.page--;
    void load();
  });
  next.addEventListener('click', () => {
    if (!state.cursors[state.page + 1]) return;
    state.page++;
    void load();
  });
  close.addEventListener('click', () => box.close());
  const sameButton = () => document.querySelector<HTMLElement>(`[data-field="${CSS.escape(request.figure)}"] [data-drill="${CSS.escape(request.side)}"]`);
  box.addEventListener('close', () => returnFocus(request.opener, sameButton), { once: true });

  if (!box.open) box.showModal();
  if (!request.token) {
    // Nothing to search, sort or page: the sentence and the way to sign in (the page's own), focus on it.
    controls.hidden = true;
    box.querySelector<HTMLElement>('.records-pages')!.hidden = true;
    subtitle.textContent = `${periodText(request.period)} · ${figure.label}（${figure.unit}）统计的记录`;
    const signIn = signInButton();
    body.replaceChildren(h('p', { class: 'empty' }, SIGN_IN_NEEDED), ...(signIn ? [signIn] : []));
    (signIn ?? close).focus();
    return;
  }
  (named ? search : order).focus();
  await load();
}

/** One record's fields, with a way back to the page it came from. */
function showRecord(target: HTMLElement, record: RecordView, back: () => void): void {
  const backButton = h('button', { type: 'button', class: 'secondary', 'data-back': '' }, '返回列表');
  backButton.addEventListener('click', back);
  target.replaceChildren(
    h('article', { class: 'record-detail', 'data-record-detail': record.id },
      h('h3', {}, record.name),
      h('dl', {}, record.details.flatMap(([label, value]) => [h('dt', {}, label), h('dd', {}, value)])),
      backButton,
    ),
  );
  backButton.focus();
}

function dialogElement(): HTMLDialogElement {
  if (!dialog || !dialog.isConnected) {
    dialog = h('dialog', { class: 'figure-records', id: 'figure-records', 'aria-labelledby': 'figure-records-title' });
    document.body.append(dialog);
  }
  return dialog;
}

const periodText = (period: FigureRecordsRequest['period']) =>
  period.from || period.to ? `${period.from ? formatDate(period.from) : '最早'} 至 ${period.to ? formatDate(period.to) : '今'}` : '全部时间';

/**
 * A page of the list, or what went wrong in words a clerk reads; the gateway's refusal of the token
 * with its answer (`refused`), for the page to learn of it.
 */
type PageRead = { side: string; page: RecordPage } | { error: string } | { error: string; refused: GraphQLAnswer<unknown> };

/** A page of the list read with `token`. */
async function fetchPage(
  request: FigureRecordsRequest,
  token: string | null,
  list: RecordList,
  search: string,
  orderBy: RecordOrder,
  after: string | null,
): Promise<PageRead> {
  if (!token) return { error: SIGN_IN_NEEDED };
  const variables: DashboardFigureRecordsQueryVariables = {
    keys: [request.side],
    filter: { figure: request.figure, period: { from: request.period.from ?? null, to: request.period.to ?? null }, allianceId: request.allianceId ?? null, search: search || null },
    first: PAGE_SIZE,
    after,
    orderBy,
    [list]: true,
  };
  const answer = await sendOperation<DashboardFigureRecordsQuery>(recordsOperation, variables as Record<string, unknown>, token);
  const side = answer.data?.jurisdictions?.[0];
  const page = side?.[list];
  if (!side || !page) {
    // Refused for its token (expired, revoked): read as the rest of the page reads it, not as a store down.
    if (tokenRefusalOf(answer.errors)) return { error: TOKEN_REFUSED_TEXT, refused: answer };
    // The public proxy's limit: nothing was read, and the person asks again (as for the 登记 panel's reads).
    if (isRateLimited(answer.errors)) return { error: rateLimitedText(retryAfterSeconds(answer.errors), 'by-hand') };
    const forbidden = answer.errors.some((e) => e.extensions?.code === 'FORBIDDEN');
    return { error: forbidden ? '没有查看这些记录的权限（需要查看者或以上）。' : `${side?.name ?? '该辖区'}的记录暂不可用，请稍后再试。` };
  }
  return { side: side.name, page };
}
