import { CARD_CATEGORIES, CARD_FIGURES, cardFigure, type CardFigure } from '../figures/cardFigures.ts';
import { cardValues, periodState, type PageReadings } from '../figures/cardValues.ts';
import { HEADLINE } from '../figures/headlineChoice.ts';
import { OVERLAPS_YEAR_BEFORE } from '@linju/contract/yearBefore';
import { overlapsYearBefore } from '../period/comparisonPeriods.ts';
import { figureCard, NO_RECORDS, NOT_REPORTED, type OpenRecords } from './figureCard.ts';
import { h } from './h.ts';

/** Which categories a person closed, kept across refreshes (a wall screen or a reload opens them all). */
const closed = new Set<string>();

/**
 * The figures: the joint office's key indicators first (重点指标, `HEADLINE`), then every other
 * figure in its category, each category a <details> one may close. A category with nothing in the
 * period says so: 无记录 when the stores answered 0, 未上报 when they answered no value. Each card: the joint total (or the one side chosen) with every shown side's
 * part beneath, 同比 and 环比, the target when one is set. A total is never made up from the sides
 * that did answer: while a side (or the joint office, which makes it) is down it reads 暂缺.
 */
export function renderFigures(container: HTMLElement, legend: HTMLElement, readings: PageReadings, openRecords?: OpenRecords): void {
  const { sides, side } = readings;
  const single = side ? (sides.find((s) => s.key === side) ?? null) : null;
  const partial = sides.some((s) => !s.figures);
  // The joint office makes the joint total (the overview): while it is down the sides' parts are shown, the total is not.
  const jointMissing = !single && sides.length > 0 && !readings.figures?.overview;
  const totalLabel = single ? `仅${single.name}` : partial ? '合计暂缺（一方数据不可用）' : jointMissing ? '合计暂缺（联合办公室数据不可用）' : null;
  const sources = sides.map((s) => `${s.name}库`).join('、') || '各辖区库';
  // A period longer than a year: why no card has 同比, said once, as the briefing says it.
  const overlapping = overlapsYearBefore(readings.period);
  legend.replaceChildren(
    single
      ? `大字为${single.name}的数字；联盟与协议为联合办公室的跨界记录。`
      : `大字为${sides.length > 2 ? '各方' : '双方'}合计（比率类指标为加权平均），其下为各方分项；联盟与协议为联合办公室的跨界记录，不分辖区。`,
    // What to press says nothing on paper: left out of a print (styles.css).
    overlapping ? `${OVERLAPS_YEAR_BEFORE}。` : '',
    h('span', { class: 'screen-only' }, '点 ⓘ 查看统计口径，点辖区名称查看记录明细。'),
  );
  const card = (figure: CardFigure) => figureCard(figure, cardValues(figure, readings), { totalLabel: figure.joint ? null : totalLabel, sources, single, overlapsYearBefore: overlapping, ...(openRecords && { openRecords }) });

  const headline = h('section', { class: 'group headline', 'aria-labelledby': 'group-headline', 'data-category': '重点指标' },
    h('h3', { id: 'group-headline' }, '重点指标'),
    h('div', { class: 'cards' }, HEADLINE.map((name) => card(cardFigure(name)))),
  );
  const categories = CARD_CATEGORIES.map((category, index) => {
    const figures = CARD_FIGURES.filter((f) => f.category === category && !HEADLINE.includes(f.name));
    const state = periodState(CARD_FIGURES.filter((f) => f.category === category).map((f) => cardValues(f, readings)));
    const details = h('details', { class: 'group', 'data-category': category, open: !closed.has(category), style: `--cards:${Math.max(figures.length, 1)}` },
      h('summary', { id: `group-${index}` }, h('span', { class: 'category-name' }, category), state !== 'some' && h('span', { class: 'not-reported' }, `本时间段${state === 'zero' ? NO_RECORDS : NOT_REPORTED}`), h('span', { class: 'count note' }, `${figures.length} 项`)),
      figures.length > 0 && h('div', { class: 'cards' }, figures.map(card)),
    );
    details.addEventListener('toggle', () => (details.open ? closed.delete(category) : closed.add(category)));
    return details;
  });
  container.replaceChildren(headline, ...categories);
}
