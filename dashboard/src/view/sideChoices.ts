// DOM-free: the 辖区 selector's options, from what the page knows of the sides.
import { UNAVAILABLE } from '../compare/change.ts';

/** One option of the 辖区 selector: a side's key (its value), what it reads, and whether it is down. */
export interface SideChoice {
  readonly value: string;
  readonly text: string;
  readonly down: boolean;
}

/** The option for all sides, with the joint total. */
export const ALL_SIDES = '全部辖区（合计）';

/** A side's option while nothing has named it yet (the page opened on it, before the first answer): never its key. */
export const UNNAMED_SIDE = '所选辖区';

/**
 * The selector's options after 全部辖区: every side the page knows, in `order` (the sides the page's
 * own documents name, DashboardSideFigures's), then any other the gateway named, each by its
 * Chinese name, a side down marked （暂不可用） and kept (it can still be chosen: its banner says
 * why its numbers are missing). A side no answer has named yet is left out, unless it is the one
 * chosen: then it reads 所选辖区, never its key.
 */
export function sideChoices(order: readonly string[], names: ReadonlyMap<string, string>, down: ReadonlySet<string>, chosen: string): SideChoice[] {
  const keys = [...new Set([...order, ...names.keys(), ...(chosen ? [chosen] : [])])];
  return keys.flatMap((key) => {
    const name = names.get(key);
    if (!name && key !== chosen) return [];
    const text = name ?? UNNAMED_SIDE;
    return [{ value: key, text: down.has(key) ? `${text}（${UNAVAILABLE}）` : text, down: down.has(key) }];
  });
}

/** The name the page prints for a side: its Chinese name, or 所选辖区 while none has been given. */
export const sideName = (names: ReadonlyMap<string, string>, key: string): string => names.get(key) ?? UNNAMED_SIDE;

/**
 * What the banner says of a side down (`down`, its key): with every side shown, that its numbers and
 * the joint total are missing and the other sides' are shown; with that side alone chosen, that its
 * numbers are missing (nothing else is shown to be 照常), and where the others are; with another side
 * chosen (the alliances' members of the side down, say), that the chosen side's numbers stand.
 */
export function sideOutageText(down: string, name: string, side: string | null): string {
  if (!side) return `：${name}的数字与合计暂缺，其他辖区的数字照常显示，稍后自动重试。`;
  return side === down ? `：${name}的数字暂缺，稍后自动重试；其他辖区可在“辖区”中选择查看。` : `：${name}的部分暂缺，所选辖区的数字照常显示，稍后自动重试。`;
}
