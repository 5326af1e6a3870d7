import type { Outage } from '../graphql/outages.ts';
import { h } from './h.ts';

/**
 * The outage banner: which stores could not answer, and that what is shown comes from the others.
 * Empty (and hidden) when every store answered.
 */
export function renderBanner(banner: HTMLElement, outages: readonly Outage[], problems: readonly string[]): void {
  const lines = [
    ...outages.map((outage) =>
      h('p', { 'data-subgraph': outage.subgraph },
        h('strong', {}, `${outage.name}数据暂不可用`),
        outage.subgraph === 'joint'
          ? '：联合办公室的联盟、协议与总览暂时无法读取，稍后自动重试。'
          : `：${outage.name}的数字与合计暂缺，其他辖区的数字照常显示，稍后自动重试。`,
      ),
    ),
    ...problems.map((problem) => h('p', {}, problem)),
  ];
  banner.replaceChildren(...lines);
  banner.hidden = lines.length === 0;
}
