import { UNAVAILABLE } from '../compare/change.ts';
import { formatChinaTime } from '../format/formatDateTime.ts';
import { h } from './h.ts';

/** A store and when it last changed (its `dataAsOf`), or undefined while it does not say. */
export interface StoreAsOf {
  readonly name: string;
  readonly asOf: string | null | undefined;
}

/** 四川省 → 四川, 重庆市 → 重庆: a store named short, as a status line names it. */
export const shortName = (name: string): string => name.replace(/(省|市|自治区|特别行政区)$/, '') || name;

/**
 * 数据截至 per store, from what each store says of itself (never the browser's clock):
 * `数据截至：四川 12月4日 09:12 · 重庆 12月4日 08:30 · 联合办公室 12月3日 17:02`; a store that did
 * not answer reads 暂不可用, one that does not say reads 未提供.
 */
export function renderDataAsOf(line: HTMLElement, stores: readonly StoreAsOf[], today: string): void {
  const year = today.slice(0, 4);
  const items = stores.map((store, index) => {
    const at = store.asOf ? formatChinaTime(store.asOf, year) : null;
    return [index > 0 ? ' · ' : '', h('span', { class: 'as-of', 'data-store': store.name, ...(store.asOf && { 'data-as-of': store.asOf }) }, `${shortName(store.name)} ${at ?? (store.asOf === null ? UNAVAILABLE : '未提供')}`)];
  });
  line.replaceChildren('数据截至：', ...items.flat());
}
