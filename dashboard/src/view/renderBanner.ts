import { JOINT_SUBGRAPH, type Outage } from '../graphql/outages.ts';
import { h } from './h.ts';
import { sideOutageText } from './sideChoices.ts';

/**
 * A message for the person that stays until it no longer holds or they close it (a sign-in that
 * expired, a refused token): the periodic refresh redraws the banner, and it is drawn again each time.
 */
export interface StandingNotice {
  readonly text: string;
  /** 关闭提示: the person has read it; the banner goes if nothing else is in it. */
  readonly dismiss: () => void;
}

/**
 * The outage banner: which stores could not answer, and what that leaves of the selection (`side`:
 * the one side chosen, or null for all of them); first the standing notice, if any, with 关闭提示.
 * Empty (and hidden) when there is nothing to say.
 */
export function renderBanner(banner: HTMLElement, outages: readonly Outage[], problems: readonly string[], notice: StandingNotice | null = null, side: string | null = null): void {
  const lines = [
    ...(notice ? [standing(banner, notice)] : []),
    ...outages.map((outage) =>
      h('p', { 'data-subgraph': outage.subgraph },
        h('strong', {}, `${outage.name}数据暂不可用`),
        outage.subgraph === JOINT_SUBGRAPH ? '：联合办公室的联盟、协议与总览暂时无法读取，稍后自动重试。' : sideOutageText(outage.subgraph, outage.name, side),
      ),
    ),
    ...problems.map((problem) => h('p', {}, problem)),
  ];
  banner.replaceChildren(...lines);
  banner.hidden = lines.length === 0;
}

function standing(banner: HTMLElement, notice: StandingNotice): HTMLElement {
  const close = h('button', { type: 'button', class: 'secondary small banner-dismiss' }, '关闭提示');
  const line = h('p', { class: 'banner-notice' }, h('span', {}, notice.text), close);
  close.addEventListener('click', () => {
    notice.dismiss();
    line.remove();
    banner.hidden = banner.childElementCount === 0;
  });
  return line;
}
