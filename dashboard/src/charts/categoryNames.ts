// DOM-free: the charts' category names as drawn, and their unit tests in Node.

/**
 * A text's width as a chart draws it, in pixels of a `fontSize` font, on the safe side: a CJK or
 * full-width character is a font size wide, any other at most 0.6 of it.
 */
export function labelWidth(text: string, fontSize: number): number {
  let width = 0;
  for (const character of text) width += /[\u2E80-\uFFEF]/u.test(character) ? fontSize : 0.6 * fontSize;
  return width;
}

/** Where a line may not end (an opening bracket) or start (closing punctuation), after or before it. */
const NO_END = /[（《“‘「『【(]$/u;
const NO_START = /^[）》”’」』】)、，。；：！？,.;:!?]/u;

/**
 * The places a name may break, best first: between its words (a browser's or Node's Intl.Segmenter),
 * then between any characters, each keeping a bracket with what it encloses and a line from starting
 * with closing punctuation; then anywhere.
 */
function breaksOf(name: string): number[][] {
  const characters = [...name];
  const anywhere = characters.map((_, i) => i).filter((i) => i > 0);
  const fitting = (places: number[]) => places.filter((i) => !NO_END.test(characters.slice(0, i).join('')) && !NO_START.test(characters.slice(i).join('')));
  if (typeof Intl === 'undefined' || !('Segmenter' in Intl)) return [fitting(anywhere), anywhere];
  // Code-unit offsets to character offsets: the name's characters are counted as drawn.
  const at = new Map<number, number>();
  let units = 0;
  characters.forEach((character, i) => {
    at.set(units, i);
    units += character.length;
  });
  const words = [...new Intl.Segmenter('zh', { granularity: 'word' }).segment(name)].map((s) => at.get(s.index)!).filter((i) => i > 0);
  return [fitting(words), fitting(anywhere), anywhere];
}

/**
 * A category's name in lines no wider than `width` (pixels, in a `fontSize` font), broken between
 * its words and as evenly as it can: 新增跨省异地就医定点医院 → 新增跨省异地 / 就医定点医院, never
 * 新增跨省异地就 / 医定点医院 or a last character alone (养老保险关系转 / 移), as a chart breaking at its label
 * width drew them on a phone. A name that fits is one line. Lines of the name (`\n`) are wrapped each.
 * Only a word wider than `width` is broken inside (between its characters, still evenly).
 */
export function wrapCategoryName(name: string, width: number, fontSize: number): string {
  return name
    .split('\n')
    .map((part) => wrapPart(part, width, fontSize).join('\n'))
    .join('\n');
}

/** How good a set of lines is, less being better in this order: how many lines, how many of one character, the widest. */
type Score = readonly [lines: number, single: number, widest: number];
const better = (a: Score, b: Score) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

function wrapPart(name: string, width: number, fontSize: number): string[] {
  if (labelWidth(name, fontSize) <= width) return [name];
  const characters = [...name];
  const n = characters.length;
  for (const places of breaksOf(name)) {
    // best[i]: the best lines for the characters from i on, each no wider than `width` (undefined: none fit).
    const starts = [0, ...places];
    const best = new Map<number, { lines: string[]; score: Score }>([[n, { lines: [], score: [0, 0, 0] }]]);
    for (const start of [...starts].reverse()) {
      for (const end of [...places.filter((p) => p > start), n]) {
        const line = characters.slice(start, end).join('');
        const lineWidth = labelWidth(line, fontSize);
        if (lineWidth > width) break;
        const rest = best.get(end);
        if (!rest) continue;
        const score: Score = [rest.score[0] + 1, rest.score[1] + (end - start === 1 ? 1 : 0), Math.max(rest.score[2], lineWidth)];
        const current = best.get(start);
        // As good: the longer first line (甲甲甲甲 / 甲甲甲, not 甲甲 / …), ends coming in order.
        if (!current || better(score, current.score) <= 0) best.set(start, { lines: [line, ...rest.lines], score });
      }
    }
    const whole = best.get(0);
    if (whole) return whole.lines;
  }
  // Not even one character fits: the name as it is (the chart cuts it, the tooltip names it).
  return [name];
}
