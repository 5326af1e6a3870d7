/**
 * Each side's colour, the same in every card and chart. The two founding sides have theirs; any
 * other member (a third jurisdiction from federation.json) takes the next spare colour the first
 * time the page shows it and keeps it for the page's life, so filtering to it alone does not
 * repaint it, and two new sides never share one while spares remain.
 */
const SIDE_COLOURS = new Map<string, string>([['sichuan', '#c8372d'], ['chongqing', '#1f6fb2']]);
const SPARE = ['#2f8f5b', '#8a5cc2', '#c98a12', '#0f8b8d', '#b5477d', '#6b7785'];
let sparesTaken = 0;

export function sideColour(key: string): string {
  let colour = SIDE_COLOURS.get(key);
  if (!colour) {
    colour = SPARE[sparesTaken++ % SPARE.length]!;
    SIDE_COLOURS.set(key, colour);
  }
  return colour;
}

/** Colours of the alliance kinds (the joint office's records, not a side's). */
export const KIND_COLOURS = ['#b8860b', '#c8372d', '#1f6fb2', '#2f8f5b', '#8a5cc2', '#6b7785'];

/** The page's font, for text ECharts draws itself. */
export const CHART_FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei", "PingFang SC", "Microsoft YaHei", sans-serif';
