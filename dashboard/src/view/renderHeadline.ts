import { AGREEMENT_FIGURES, ALLIANCE_KIND_FIGURES } from '@linju/contract/figures';
import { sideColour } from '../charts/palette.ts';
import { FIGURE_GROUPS, type JurisdictionFigures } from '../figures/headlineFigures.ts';
import { formatExact, formatWithUnit } from '../format/formatNumber.ts';
import type { FiguresAnswer, SideFigures } from '../graphql/answers.ts';
import { h } from './h.ts';

/** The joint office's cards, first on the page (labels and units from the contract). */
const JOINT_ALLIANCE_CARDS = ['townshipAlliances', 'jointVillageOrganizations', 'industryChainOrganizations'] as const;
const JOINT_AGREEMENT_CARDS = ['agreements', 'cooperationItems'] as const;

/** A side the page shows: answered (with figures) or unavailable (named by the outage). */
export interface ShownSide {
  readonly key: string;
  readonly name: string;
  readonly figures: SideFigures | null;
}

function value(amount: number | null | undefined, unit: string, className: string): HTMLElement {
  const { value: text, unit: shown } = formatWithUnit(amount, unit);
  const known = amount !== null && amount !== undefined;
  return h('span', { class: className },
    h('data', { value: known ? String(amount) : '', title: known ? `${formatExact(amount)} ${unit}` : '暂缺' }, text),
    known && h('span', { class: 'unit' }, shown),
  );
}

function card(group: string, label: string, field: string, unit: string, total: number | null | undefined, totalLabel: string | null, parts: HTMLElement | null): HTMLElement {
  return h('article', { class: 'figure', 'data-field': field, 'data-group': group },
    h('p', { class: 'tag' }, group),
    h('h4', {}, label),
    h('p', { class: 'total' }, value(total, unit, 'total-value')),
    totalLabel && h('p', { class: 'total-label' }, totalLabel),
    parts,
  );
}

/** Each shown side's part of a figure, or 暂不可用 for a side that did not answer. */
function partsOf(sides: readonly ShownSide[], field: keyof JurisdictionFigures, unit: string): HTMLElement {
  return h('ul', { class: 'parts' },
    sides.map((side) =>
      h('li', { 'data-side': side.key },
        h('span', { class: 'dot', style: `background:${sideColour(side.key)}`, 'aria-hidden': 'true' }),
        h('span', { class: 'side-name' }, side.name),
        side.figures ? value(side.figures.figures[field], unit, 'part-value') : h('span', { class: 'part-value missing' }, '暂不可用'),
      ),
    ),
  );
}

/**
 * The headline figures of the seed table: for each, the joint total (all sides) or the one side
 * chosen, with every shown side's part beneath. A total is never made up from the sides that did
 * answer: while a side is down it reads 暂缺.
 */
export function renderHeadline(container: HTMLElement, legend: HTMLElement, overview: FiguresAnswer['overview'], sides: readonly ShownSide[], allSides: boolean): void {
  const single = !allSides && sides.length === 1 ? sides[0]! : null;
  const partial = sides.some((side) => !side.figures);
  // The usual case needs no label on each card: the legend says what the big number is.
  const totalLabel = single ? `仅${single.name}` : partial ? '合计暂缺（一方数据不可用）' : null;
  legend.textContent = single
    ? `大字为${single.name}的数字；联盟与协议为联合办公室的跨界记录。`
    : `大字为${sides.length > 2 ? '各方' : '双方'}合计，其下为各方分项；联盟与协议为联合办公室的跨界记录，不分辖区。`;
  const totalOf = (field: keyof JurisdictionFigures) => (single ? single.figures?.figures[field] : overview?.total?.[field]);

  const alliances = overview?.alliances;
  const agreements = overview?.agreements;
  const jointSource = () => h('p', { class: 'source' }, '联合办公室');
  const jointTitle = '联盟与协议';
  const joint = (label: string, field: string, unit: string, amount: number | undefined) => card(jointTitle, label, field, unit, amount, null, jointSource());
  const groups: HTMLElement[] = [
    h('section', { class: 'group joint', 'aria-labelledby': 'group-alliances' },
      h('h3', { id: 'group-alliances', class: 'visually-hidden' }, jointTitle),
      h('div', { class: 'cards' },
        JOINT_ALLIANCE_CARDS.map((field) => joint(ALLIANCE_KIND_FIGURES[field].kind, field, ALLIANCE_KIND_FIGURES[field].unit, alliances?.[field])),
        JOINT_AGREEMENT_CARDS.map((field) => joint(AGREEMENT_FIGURES[field].label, field, AGREEMENT_FIGURES[field].unit, agreements?.[field])),
      ),
    ),
    ...FIGURE_GROUPS.map((group, index) =>
      h('section', { class: 'group', 'aria-labelledby': `group-${index}` },
        h('h3', { id: `group-${index}`, class: 'visually-hidden' }, group.title),
        h('div', { class: 'cards' }, group.figures.map(({ field, label, unit }) => card(group.title, label, field, unit, totalOf(field), totalLabel, single ? null : partsOf(sides, field, unit)))),
      ),
    ),
  ];
  container.replaceChildren(...groups);
}
