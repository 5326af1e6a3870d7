import { sideColour } from '../charts/palette.ts';
import { OVERLAPS_YEAR_BEFORE } from '@linju/contract/yearBefore';
import { changeFrom, comparisonText, comparisonWords, type ComparisonKind, UNAVAILABLE } from '../compare/change.ts';
import type { CardFigure } from '../figures/cardFigures.ts';
import { cardLargest, type CardValues, type Reading } from '../figures/cardValues.ts';
import { unitNote } from '@linju/contract/shownUnit';
import { formatDate, formatExact, formatFigure, formatWithUnit } from '../format/formatNumber.ts';
import { h } from './h.ts';

/** The words for a value the store did not give: 未上报 (answered, nothing there) or 暂不可用 (no answer). */
export const NOT_REPORTED = '未上报';

/** What a category of the period holds when every store answered 0: no records, not 未上报. */
export const NO_RECORDS = '无记录';

/**
 * A value with its unit, its exact number in `data[value]`; 未上报 and 暂不可用 told apart. `largest`
 * is the largest value of its card (`cardLargest`), so that the card reads in one unit.
 */
export function readingView(amount: Reading, unit: string, className: string, unavailable = UNAVAILABLE, largest?: number): HTMLElement {
  if (amount === undefined) return h('span', { class: `${className} missing`, 'data-state': 'unavailable' }, h('data', { value: '' }, unavailable));
  if (amount === null) return h('span', { class: `${className} missing`, 'data-state': 'not-reported' }, h('data', { value: '' }, NOT_REPORTED));
  const { value: text, unit: shown } = formatWithUnit(amount, unit, largest);
  return h('span', { class: className }, h('data', { value: String(amount), title: `${formatExact(amount)} ${unit}` }, text), h('span', { class: 'unit' }, shown));
}

/**
 * 同比 and 环比: ▲/▼ percent; 无可比数据 when the earlier period has nothing (a base of 0 or not
 * reported, or no comparison period); 暂不可用 when a value could not be read (a store down). Each
 * with its base in a title. A standing figure (新增) says the bases themselves, 上年同期新增 56人 ·
 * 上期新增 27人: fewer set up than before is no fall of what stands. A card with 累计 says 新增同比;
 * a period longer than a year says why it has no 同比 (`comparisonWords`).
 */
function comparisonLine(figure: CardFigure, values: CardValues, largest: number, overlapsYearBefore: boolean): HTMLElement {
  const showsStock = values.cumulative !== null;
  const item = (kind: ComparisonKind, base: Reading, compared: boolean, dataKind: string, standingLabel: string) => {
    const { label, uncompared } = comparisonWords(kind, { showsStock, overlapsYearBefore });
    const change = changeFrom(values.total, base);
    const direction = change === null || figure.standing ? 'none' : change > 0 ? 'up' : change < 0 ? 'down' : 'flat';
    const baseText = !compared ? uncompared : base === undefined ? UNAVAILABLE : base === null ? NOT_REPORTED : formatFigure(base, figure.unit, largest);
    const title = kind === '同比' && !compared && overlapsYearBefore ? `${OVERLAPS_YEAR_BEFORE}。` : `${label}基数：${baseText}`;
    const attributes = { class: `change ${direction}`, 'data-compare': dataKind, 'data-change': change === null ? '' : String(change), title };
    if (figure.standing) return h('span', attributes, `${standingLabel} `, h('strong', {}, baseText.replace(' ', '')));
    return h('span', attributes, `${label} `, h('strong', {}, comparisonText(values.total, base, compared, uncompared)));
  };
  return h('p', { class: 'compare' },
    item('同比', values.yearBefore, values.compared.yearBefore, 'year-before', '上年同期新增'),
    item('环比', values.before, values.compared.before, 'before', '上期新增'),
  );
}

/** Progress against the joint office's target: a bar and 完成 x%. */
function targetView(figure: CardFigure, values: CardValues, largest: number): HTMLElement | null {
  const target = values.target;
  if (!target || target.value <= 0) return null;
  const done = typeof values.total === 'number' ? values.total / target.value : 0;
  const percent = Math.round(done * 1000) / 10;
  const to = target.period.to ? formatDate(target.period.to) : '';
  return h('div', { class: 'target', 'data-target': String(target.value), 'data-done': String(done) },
    h('progress', { max: '1', value: String(Math.min(done, 1)), 'aria-label': `${figure.label}目标完成情况` }),
    h('p', {}, `完成 ${percent.toLocaleString('zh-CN')}%`, h('span', { class: 'note' }, ` · 目标 ${formatFigure(target.value, figure.unit, largest)}${to ? `（至${to}）` : ''}${target.note ? ` · ${target.note}` : ''}`)),
  );
}

/**
 * What a figure means, in a popover its ⓘ button opens (a click, a tap, Enter or Space; Esc or a
 * tap elsewhere closes it): name, unit, 统计口径, the store it comes from and how a total is made.
 */
function meaningView(figure: CardFigure, id: string, sources: string): [HTMLElement, HTMLElement] {
  const button = h('button', { type: 'button', class: 'info', popovertarget: id, 'aria-label': `${figure.label}：统计口径` }, 'ⓘ');
  const total = figure.joint
    ? '联合办公室的跨界记录，不分辖区'
    : figure.weightedBy
      ? `比率：合计为各方按${figure.weightedBy}加权的平均数，不是各方之和`
      : '合计为各方之和';
  const panel = h('div', { class: 'meaning', id, popover: 'auto', role: 'dialog', 'aria-label': `${figure.label}的统计口径` },
    h('dl', {},
      h('dt', {}, '指标'), h('dd', {}, figure.label),
      h('dt', {}, '单位'), h('dd', {}, unitNote(figure.unit)),
      h('dt', {}, '统计口径'), h('dd', { class: 'basis' }, figure.basis),
      h('dt', {}, '数据来源'), h('dd', {}, figure.joint ? '联合办公室库' : sources),
      h('dt', {}, '合计方式'), h('dd', {}, total),
    ),
  );
  return [button, panel];
}

/** Opens the records behind a figure of one side (the drill-through), focus returning to `opener`. */
export type OpenRecords = (figure: CardFigure, side: { key: string; name: string }, opener: HTMLElement) => void;

/** A side's name as a button to its records, for a figure of the sides' stores the side answered. */
function sideName(figure: CardFigure, part: { key: string; name: string; value: Reading }, openRecords: OpenRecords | undefined, text = part.name): HTMLElement {
  if (!openRecords || figure.joint || part.value === undefined) return h('span', { class: 'side-name' }, text);
  const button = h('button', { type: 'button', class: 'link side-name drill', 'data-drill': part.key, 'aria-label': `${part.name}的${figure.label}：查看记录明细` }, text);
  button.addEventListener('click', () => openRecords(figure, part, button));
  return button;
}

/** One figure's card: label and ⓘ, the big number (and 累计), each side's part, 同比/环比, the target. */
export function figureCard(figure: CardFigure, values: CardValues, options: { totalLabel: string | null; sources: string; single?: { key: string; name: string } | null; openRecords?: OpenRecords; overlapsYearBefore?: boolean }): HTMLElement {
  const [info, meaning] = meaningView(figure, `meaning-${figure.name}`, options.sources);
  const alliance = values.cumulative !== null;
  const ratioNote = figure.weightedBy && values.parts ? `加权平均（按${figure.weightedBy}），非合计` : null;
  const largest = cardLargest(values);
  return h('article', { class: 'figure', 'data-field': figure.name, 'data-group': figure.category, ...(figure.weightedBy && { 'data-ratio': 'true' }) },
    h('p', { class: 'tag' }, figure.category),
    h('h4', {}, figure.label, info),
    h('p', { class: 'total' }, (alliance || figure.standing) && h('span', { class: 'count-kind' }, '新增 '), readingView(values.total, figure.unit, 'total-value', '暂缺', largest)),
    alliance && h('p', { class: 'cumulative' }, '累计 ', readingView(values.cumulative, figure.unit, 'cumulative-value', '暂缺', largest), h('span', { class: 'note' }, '（截至期末）')),
    (options.totalLabel ?? ratioNote) && h('p', { class: 'total-label' }, options.totalLabel ?? ratioNote),
    values.parts && h('ul', { class: 'parts' },
      values.parts.map((part) =>
        h('li', { 'data-side': part.key },
          h('span', { class: 'dot', style: `background:${sideColour(part.key)}`, 'aria-hidden': 'true' }),
          sideName(figure, part, options.openRecords),
          readingView(part.value, figure.unit, 'part-value', UNAVAILABLE, largest),
        ),
      ),
    ),
    options.single && options.openRecords && !figure.joint && values.total !== undefined && h('p', { class: 'records-link' }, sideName(figure, { ...options.single, value: values.total }, options.openRecords, '查看记录明细')),
    comparisonLine(figure, values, largest, options.overlapsYearBefore ?? false),
    targetView(figure, values, largest),
    meaning,
  );
}
