import { provinceName } from '../figures/provinceName.ts';
import { formatDate, formatNumber } from '../format/formatNumber.ts';
import type { AllianceRow } from '../graphql/answers.ts';
import { h } from './h.ts';

/** Jurisdictions by code, for naming each side's column: `510000` → 四川省. */
export type SideNames = ReadonlyMap<string, { key: string; name: string }>;

/**
 * The alliances founded in the period, one row each: the name is a button, so Tab reaches every
 * alliance and Enter (or a click) opens its drill-down. A column per side with members, in `order`
 * (the sides' names as the gateway lists them).
 */
export function renderAllianceList(
  container: HTMLElement,
  alliances: readonly AllianceRow[],
  totalCount: number,
  sides: SideNames,
  order: readonly string[],
  open: (alliance: AllianceRow, opener: HTMLElement) => void,
): void {
  if (alliances.length === 0) {
    container.replaceChildren(h('p', { class: 'empty' }, '这一时间段没有新成立的联盟。'));
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
      h('th', { scope: 'row' }, button, alliance.closedOn && h('span', { class: 'badge muted' }, '已结束')),
      h('td', {}, alliance.kind),
      h('td', {}, formatDate(alliance.foundedOn)),
      codes.map((code) => h('td', { class: 'number' }, formatNumber(members(code)))),
      h('td', { class: 'number' }, formatNumber(alliance.agreements.length)),
    );
  });
  container.replaceChildren(
    h('p', { class: 'count' }, `共 ${formatNumber(totalCount)} 个联盟${totalCount > alliances.length ? `，显示前 ${formatNumber(alliances.length)} 个` : ''}。按 Tab 键逐个选择，回车查看成员、职务与协议。`),
    h('div', { class: 'table-scroll' }, h('table', { class: 'alliances' }, h('caption', { class: 'visually-hidden' }, '党建联盟名单'), h('thead', {}, header), h('tbody', {}, rows))),
  );
}
