import { figureShown } from '../figures/headlineFigures.ts';
import { provinceName } from '../figures/provinceName.ts';
import { formatDate, formatNumber } from '../format/formatNumber.ts';
import type { AllianceAnswer, MemberPost } from '../graphql/answers.ts';
import type { Outage } from '../graphql/outages.ts';
import type { SideNames } from './renderAllianceList.ts';
import { h } from './h.ts';

type Alliance = NonNullable<AllianceAnswer['alliance']>;
type Member = Alliance['members'][number];

/** The figures of one alliance the drill-down shows per side (labels and units from the catalogue). */
const ALLIANCE_FIGURES = (['crossAppointments', 'jointSeminarSessions', 'studyExchangePersonTimes', 'trainingPersonTimes', 'policyTalks', 'patrols', 'problemsSolved'] as const).map(figureShown);

function postsTable(posts: readonly MemberPost[]): HTMLElement {
  if (posts.length === 0) return h('p', { class: 'muted' }, '暂无职务记录。');
  const sorted = [...posts].sort((a, b) => Number(b.crossBorder) - Number(a.crossBorder));
  return h('table', { class: 'posts' },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, '职务'), h('th', { scope: 'col' }, '任职人'), h('th', { scope: 'col' }, '任职人所属'), h('th', { scope: 'col' }, '任职日期'))),
    h('tbody', {},
      sorted.map((post) =>
        h('tr', { class: post.crossBorder ? 'cross' : '', 'data-cross-border': String(post.crossBorder) },
          h('td', {}, post.title, post.crossBorder && h('span', { class: 'badge' }, '交叉任职'), post.endedOn && h('span', { class: 'badge muted' }, `${formatDate(post.endedOn)}离任`)),
          h('td', {}, post.holder?.name ?? '（记录不可用）'),
          // Named on every row (四川省, 重庆市): on the joint office's page there is no 本方.
          h('td', {}, post.holder?.jurisdiction?.name ?? '—'),
          h('td', {}, formatDate(post.startedOn)),
        ),
      ),
    ),
  );
}

function memberItem(member: Member, sideName: string): HTMLElement {
  const org = member.organization;
  if (!org) return h('li', { class: 'member missing' }, `${sideName}的成员组织暂不可读（其数据暂不可用或记录已不存在）`);
  const cross = org.posts.filter((p) => p.crossBorder && !p.endedOn).length;
  return h('li', { class: 'member' },
    h('h5', {}, org.name),
    h('p', { class: 'meta' }, [org.kind, org.region?.name, `${formatDate(member.joinedOn)}加入`, cross > 0 && `交叉任职 ${formatNumber(cross)} 人`].filter(Boolean).join(' · ')),
    postsTable(org.posts),
  );
}

/**
 * One alliance's drill-down: its figures per side for the period, its members grouped by side (each
 * resolved by its own side's subgraph) with their posts, cross-appointments first, and its
 * agreements with their cooperation items by category.
 */
export function renderAllianceDetail(container: HTMLElement, answer: AllianceAnswer, outages: readonly Outage[], periodText: string, known: SideNames): void {
  const alliance = answer.alliance;
  if (!alliance) {
    container.replaceChildren(h('p', {}, outages.length ? '联合办公室数据暂不可用，无法读取该联盟。' : '找不到该联盟。'));
    return;
  }
  const sides = (answer.jurisdictions ?? []).filter((s): s is NonNullable<typeof s> => s !== null);
  const sideNames = new Map(sides.map((s) => [s.code, s.name]));
  const memberCodes = [...new Set(alliance.members.map((m) => m.jurisdiction?.code ?? '?'))];
  const nameOf = (code: string) => sideNames.get(code) ?? known.get(code)?.name ?? (code === '?' ? '未知辖区' : provinceName(code));

  const figures = h('table', { class: 'alliance-figures' },
    h('caption', {}, `本联盟指标（${periodText}）`),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, '指标'), sides.map((s) => h('th', { scope: 'col', class: 'number' }, s.name)))),
    h('tbody', {},
      ALLIANCE_FIGURES.map(({ field, label, unit }) =>
        h('tr', {}, h('th', { scope: 'row' }, label), sides.map((s) => h('td', { class: 'number' }, `${formatNumber(Number(s.figures[field] ?? 0))} ${unit}`))),
      ),
    ),
  );

  const members = memberCodes.map((code) =>
    h('section', { class: 'side-members', 'data-side-code': code },
      h('h4', {}, `${nameOf(code)}成员（${formatNumber(alliance.members.filter((m) => (m.jurisdiction?.code ?? '?') === code).length)} 个）`),
      h('ul', { class: 'members' }, alliance.members.filter((m) => (m.jurisdiction?.code ?? '?') === code).map((m) => memberItem(m, nameOf(code)))),
    ),
  );

  const agreements = alliance.agreements.length === 0
    ? [h('p', { class: 'muted' }, '尚无框架协议。')]
    : alliance.agreements.map((agreement) => {
        const byCategory = new Map<string, string[]>();
        for (const item of agreement.items) byCategory.set(item.category, [...(byCategory.get(item.category) ?? []), item.title]);
        return h('article', { class: 'agreement' },
          h('h5', {}, agreement.title),
          h('p', { class: 'meta' }, `${formatDate(agreement.signedOn)}签署 · 签署方：${agreement.signatories.map((s) => s?.name ?? '（暂不可读）').join('、')}`),
          h('p', { class: 'meta' }, `${formatNumber(byCategory.size)} 类 ${formatNumber(agreement.items.length)} 项合作事项`),
          h('dl', { class: 'items' }, [...byCategory].flatMap(([category, titles]) => [h('dt', {}, category), h('dd', {}, titles.join('；'))])),
        );
      });

  container.replaceChildren(
    h('p', { class: 'meta' }, [alliance.kind, `${formatDate(alliance.foundedOn)}成立`, alliance.closedOn && `${formatDate(alliance.closedOn)}结束`, alliance.illustrative && '名称为示意数据'].filter(Boolean).join(' · ')),
    figures,
    h('h3', {}, '成员、职务与交叉任职'),
    h('div', { class: 'side-columns' }, members),
    h('h3', {}, `框架协议（${formatNumber(alliance.agreements.length)} 份）`),
    ...agreements,
  );
}
