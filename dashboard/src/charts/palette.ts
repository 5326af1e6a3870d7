/** Each side's colour, the same in every card and chart; a side not listed gets the next spare one. */
const SIDE_COLOURS: Record<string, string> = { sichuan: '#c8372d', chongqing: '#1f6fb2' };
const SPARE = ['#2f8f5b', '#8a5cc2', '#c98a12'];

export function sideColour(key: string, index: number): string {
  return SIDE_COLOURS[key] ?? SPARE[index % SPARE.length]!;
}

/** Colours of the alliance kinds (the joint office's records, not a side's). */
export const KIND_COLOURS = ['#b8860b', '#c8372d', '#1f6fb2', '#2f8f5b', '#8a5cc2', '#6b7785'];

/** The page's font, for text ECharts draws itself. */
export const CHART_FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei", "PingFang SC", "Microsoft YaHei", sans-serif';
