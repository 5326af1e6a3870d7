// DOM-free: which of the activity trend's steps are labelled, and how, and their unit tests in Node.
import { labelWidth } from './categoryNames.ts';

/** The trend's axis labels' type, in pixels. */
export const STEP_LABEL_FONT = 13;
/** The least room between two labels drawn side by side, in pixels. */
const LABEL_GAP = 8;

/** A step's place in time, counted in its own unit from year 0: 2021-03 → 2021 × 12 + 2, 2021-Q2 → 2021 × 4 + 1. */
function ordinalOf(step: string): { ordinal: number; perYear: number } {
  const [year, part] = step.split('-') as [string, string];
  const perYear = part.startsWith('Q') ? 4 : 12;
  return { ordinal: Number(year) * perYear + Number(part.replace('Q', '')) - 1, perYear };
}

/** A step's label: 3月 or 2季度, with its year under it (3月\n2021年) when `withYear`. */
function stepLabel(step: string, withYear: boolean): string {
  const [year, part] = step.split('-') as [string, string];
  const name = part.startsWith('Q') ? `${part.slice(1)}季度` : `${Number(part)}月`;
  return withYear ? `${name}\n${year}年` : name;
}

/**
 * The steps' labels for shown `indices` (in order): each with its year when it is the first shown
 * of its year, or the first shown at all, so that a reader always knows which year a month is in.
 */
function labelsFor(steps: readonly string[], indices: readonly number[]): Map<number, string> {
  const labels = new Map<number, string>();
  let year = '';
  for (const i of indices) {
    const stepYear = steps[i]!.slice(0, 4);
    labels.set(i, stepLabel(steps[i]!, stepYear !== year));
    year = stepYear;
  }
  return labels;
}

const widthOf = (label: string) => Math.max(...label.split('\n').map((line) => labelWidth(line, STEP_LABEL_FONT)));

/** Whether every two neighbouring labels, `perStep` pixels a step apart, stand clear of each other. */
function clear(labels: Map<number, string>, perStep: number): boolean {
  const shown = [...labels];
  return shown.every(([i, label], k) => {
    const next = shown[k + 1];
    return !next || (next[0] - i) * perStep >= (widthOf(label) + widthOf(next[1])) / 2 + LABEL_GAP;
  });
}

/**
 * The trend's axis labels, one per step (null: not labelled), for a plot `plotWidth` pixels wide
 * whose first and last steps are at its two ends. The axis decides itself which steps to label,
 * rather than ECharts thinning its labels by their width (which on a 360 px phone left 1月 2017年,
 * 10月, 7月, 4月: the Januaries that carried the years hidden): every step when they fit, else every
 * 2nd, 3rd or 6th month (2nd quarter), or every January (first quarter) of every year or every 2nd,
 * 3rd… year, whichever is the closest that leaves room between the labels. They fall on the same
 * months every year (1月, 4月, 7月, 10月), counted from the period's first January; the first step
 * is labelled too when there is room for it. Every label that is the first shown of its year names
 * the year (10月\n2021年, 1月\n2022年), so none is read in the wrong year whatever the width.
 */
export function stepAxisLabels(steps: readonly string[], plotWidth: number): (string | null)[] {
  if (steps.length === 0) return [];
  const { ordinal: first, perYear } = ordinalOf(steps[0]!);
  const ordinals = steps.map((step) => ordinalOf(step).ordinal);
  const january = Math.ceil(first / perYear) * perYear;
  const perStep = steps.length > 1 ? plotWidth / (steps.length - 1) : Infinity;
  const strides = [...(perYear === 12 ? [1, 2, 3, 6] : [1, 2])];
  while (strides.at(-1)! < steps.length) strides.push(perYear * Math.ceil((strides.at(-1)! + 1) / perYear));
  for (const stride of strides) {
    const aligned = steps.map((_, i) => i).filter((i) => (((ordinals[i]! - january) % stride) + stride) % stride === 0);
    const withFirst = aligned[0] === 0 ? aligned : [0, ...aligned];
    // The widest stride labels one step at most: it always fits.
    const labels = [withFirst, aligned].map((shown) => labelsFor(steps, shown)).find((l) => l.size > 0 && clear(l, perStep));
    if (labels) return steps.map((_, i) => labels.get(i) ?? null);
  }
  return steps.map((step, i) => (i === 0 ? stepLabel(step, true) : null));
}
