import './allianceList.css';
import { VOCABULARY } from '@linju/contract/vocabulary';
import { provinceName } from '../figures/provinceName.ts';
import { formatDate, formatNumber } from '../format/formatNumber.ts';
import type { AllianceRow } from '../graphql/answers.ts';
import type { Period } from '../period/periodChoices.ts';
import { foundedWithin } from '../period/standingAlliances.ts';
import { h } from './h.ts';

/** Jurisdictions by code, for naming each side's column: `510000` → 四川省. */
export type SideNames = ReadonlyMap<string, { key: string; name: string }>;

/** What the reader narrowed the list to: kept per container, so a refresh of the page keeps it. */
interface ListChoice {
  search: string;
  kind: string;
  order: 'NEWEST' | 'OLDEST' | 'NAME';
}

const ORDERS: [ListChoice['order'], string][] = [['NEWEST', '成立日期（新→旧）'], ['OLDEST', '成立日期（旧→新）'], ['NAME', '名称']];

/** The controls above the list and the part they redraw, made once per container. */
const lists = new WeakMap<HTMLElement, { choice: ListChoice; controls: HTMLElement; table: HTMLElement; redraw: () => void }>();

const byName = new Intl.Collator('zh-CN');

/** The alliances the choice keeps, in its order. */
function chosen(alliances: readonly AllianceRow[], choice: ListChoice): AllianceRow[] {
  const search = choice.search.trim();
  const kept = alliances.filter((a) => (!search || a.name.includes(search)) && (!choice.kind || a.kind === choice.kind));
  const date = (a: AllianceRow, b: AllianceRow) => a.foundedOn.localeCompare(b.foundedOn) || a.id.localeCompare(b.id);
  if (choice.order === 'NAME') return kept.sort((a, b) => byName.compare(a.name, b.name) || a.id.localeCompare(b.id));
  return kept.sort((a, b) => (choice.order === 'OLDEST' ? date(a, b) : date(b, a)));
}

/** The search box, kind filter and order of a container's list; built once, so typing survives a refresh. */
function listControls(container: HTMLElement) {
  let list = lists.get(container);
  if (list) return list;
  const choice: ListChoice = { search: '', kind: '', order: 'NEWEST' };
  const search = h('input', { type: 'search', name: 'alliance-search', placeholder: '按名称搜索联盟', 'aria-label': '按名称搜索联盟', maxlength: '100' });
  const kind = h('select', { name: 'alliance-kind', 'aria-label': '联盟类别' }, h('option', { value: '' }, '全部类别'), VOCABULARY.allianceKind.map((k) => h('option', { value: k }, k)));
  const order = h('select', { name: 'alliance-order', 'aria-label': '联盟排序' }, ORDERS.map(([value, label]) => h('option', { value }, label)));
  const controls = h('form', { class: 'alliance-controls', role: 'search', onsubmit: (event: Event) => event.preventDefault() },
    h('label', {}, '搜索 ', search), h('label', {}, '类别 ', kind), h('label', {}, '排序 ', order));
  const table = h('div', { class: 'alliance-table' });
  const created = { choice, controls, table, redraw: () => undefined as void };
  search.addEventListener('input', () => { choice.search = search.value; created.redraw(); });
  kind.addEventListener('change', () => { choice.kind = kind.value; created.redraw(); });
  order.addEventListener('change', () => { choice.order = order.value as ListChoice['order']; created.redraw(); });
  lists.set(container, created);
  return created;
}

/**
 * The alliances standing in the period (founded by its end, `standingAlliancesPeriod`; those founded
 * within it marked 本期新成立, closed ones 已结束 with the day), one row each: the name is a button, so
 * Tab reaches every alliance and Enter (or a click) opens its drill-down. A column per side with members, in `order`
 * (the sides' names as the gateway lists them). Above it a search by name, a filter by kind and an
 * order (founding date either way, or name) narrow and order the alliances loaded, and stay as
 * chosen when the page refreshes.
 */
export function renderAllianceList(
  container: HTMLElement,
  alliances: readonly AllianceRow[],
  totalCount: number,
  sides: SideNames,
  order: readonly string[],
  open: (alliance: AllianceRow, opener: HTMLElement) => void,
  /** The period shown (null: none, as on a test page): the count says by when, the rows which are new in it. */
  period: Period | null = null,
): void {
  if (alliances.length === 0) {
    container.replaceChildren(h('p', { class: 'empty' }, period ? `截至${period.to ? formatDate(period.to) : '今日'}尚无党建联盟。` : '没有联盟。'));
    return;
  }
  const list = listControls(container);
  list.redraw = () => {
    // The page redraws the list on every refresh: a person tabbing through it keeps their place.
    const focused = list.table.contains(document.activeElement) ? (document.activeElement as HTMLElement).dataset.alliance : undefined;
    renderTable(list.table, alliances, chosen(alliances, list.choice), { totalCount, sides, order, open, period });
    if (focused) list.table.querySelector<HTMLElement>(`[data-alliance="${CSS.escape(focused)}"]`)?.focus();
  };
  list.redraw();
  if (list.controls.parentElement !== container) container.replaceChildren(list.controls, list.table);
}

/** By when the list counts, and how many of them are new in the period (counted among those loaded: the newest come first). */
function standing(period: Period | null, newInPeriod: number): string {
  if (!period) return '';
  const by = period.to ? `截至${formatDate(period.to)}已成立` : '至今已成立';
  return `（${by}${period.from ? `，其中本期新成立 ${formatNumber(newInPeriod)} 个` : ''}）`;
}

/** The table of the alliances `shown` (of those `loaded`), with what renderAllianceList was given. */
function renderTable(
  container: HTMLElement,
  loaded: readonly AllianceRow[],
  alliances: readonly AllianceRow[],
  { totalCount, sides, order, open, period }: { totalCount: number; sides: SideNames; order: readonly string[]; open: (alliance: AllianceRow, opener: HTMLElement) => void; period: Period | null },
): void {
  // New in the period: only a period with a start has any (全部时间's are all of them).
  const isNew = (alliance: AllianceRow) => !!period?.from && foundedWithin(alliance.foundedOn, period);
  if (alliances.length === 0) {
    container.replaceChildren(h('p', { class: 'empty count' }, `共 ${formatNumber(totalCount)} 个联盟，没有符合条件的。`));
    return;
  }
  // Every side with members, named even while its subgraph is down: the joint office knows the codes.
  const nameOf = (code: string) => sides.get(code)?.name ?? provinceName(code);
  const place = (code: string) => (order.includes(nameOf(code)) ? order.indexOf(nameOf(code)) : order.length);
  const codes = [...new Set([...sides.keys(), ...alliances.flatMap((a) => a.members.flatMap((m) => (m.jurisdiction ? [m.jurisdiction.code] : [])))])].sort((a, b) => place(a) - place(b));
  const header = h('tr', {},
    h('th', { scope: 'col' }, '联盟'),
    h('th', { scope: 'col' }, '类别'),
    h('th', { scope: 'col' }, '成立日期'),
    codes.map((code) => h('th', { scope: 'col', class: 'number' }, `${nameOf(code)}成员`)),
    h('th', { scope: 'col', class: 'number' }, '框架协议'),
  );
  const rows = alliances.map((alliance) => {
    const button = h('button', { type: 'button', class: 'link', 'data-alliance': alliance.id, 'aria-haspopup': 'dialog' }, alliance.name);
    button.addEventListener('click', () => open(alliance, button));
    const members = (code: string) => alliance.members.filter((m) => m.jurisdiction?.code === code).length;
    return h('tr', { 'data-alliance-row': alliance.id },
      h('th', { scope: 'row' }, button, isNew(alliance) && h('span', { class: 'badge' }, '本期新成立'), alliance.closedOn && h('span', { class: 'badge muted' }, `已结束（${formatDate(alliance.closedOn)}）`)),
      h('td', {}, alliance.kind),
      h('td', { class: 'date' }, formatDate(alliance.foundedOn)),
      codes.map((code) => h('td', { class: 'number' }, formatNumber(members(code)))),
      h('td', { class: 'number' }, formatNumber(alliance.agreements.length)),
    );
  });
  container.replaceChildren(
    h('p', { class: 'count' }, `共 ${formatNumber(totalCount)} 个联盟${standing(period, loaded.filter(isNew).length)}${totalCount > loaded.length ? `，已载入前 ${formatNumber(loaded.length)} 个` : ''}${alliances.length < loaded.length ? `，符合条件 ${formatNumber(alliances.length)} 个` : ''}。`, h('span', { class: 'screen-only' }, '按 Tab 键逐个选择，回车查看成员、职务与协议。')),
    h('div', { class: 'table-scroll' }, h('table', { class: 'alliances' }, h('caption', { class: 'visually-hidden' }, '党建联盟名单'), h('thead', {}, header), h('tbody', {}, rows))),
  );
}
