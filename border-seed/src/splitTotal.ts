import type { Rng } from './random.ts';

/**
 * Splits `total` into integer parts proportional to `weights` (largest remainder), so the parts
 * add up to `total` exactly; each part gets at least `min`.
 */
export function splitByWeights(total: number, weights: readonly number[], min = 0): number[] {
  if (!Number.isInteger(total) || total < 0) throw new Error(`splitByWeights: total ${total} is not a natural number`);
  const n = weights.length;
  if (n === 0) {
    if (total !== 0) throw new Error(`splitByWeights: cannot split ${total} into no parts`);
    return [];
  }
  const rest = total - min * n;
  if (rest < 0) throw new Error(`splitByWeights: ${total} is too small for ${n} parts of at least ${min}`);
  const sumW = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (sumW > 0 ? (rest * w) / sumW : rest / n));
  const parts = exact.map((x) => Math.floor(x));
  let left = rest - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (let k = 0; left > 0; k = (k + 1) % n, left--) parts[order[k]!.i]! += 1;
  return parts.map((p) => p + min);
}

/** Splits `total` into `parts` integers that differ by at most one (larger ones first); exact. */
export function splitTotal(total: number, parts: number): number[] {
  return splitByWeights(total, Array.from({ length: parts }, () => 1));
}

export interface VariedOptions {
  /** Smallest part (default 1). */
  min?: number;
  /** How far the parts stray from even, 0…1 (default 0.6). */
  spread?: number;
}

/** Splits `total` into `parts` varied integers (deterministic from `rng`) that add up to `total` exactly. */
export function splitVaried(total: number, parts: number, rng: Rng, options: VariedOptions = {}): number[] {
  const spread = options.spread ?? 0.6;
  const weights = Array.from({ length: parts }, () => 1 + spread * (2 * rng.next() - 1));
  return splitByWeights(total, weights, options.min ?? 1);
}

/** Like splitVaried for an amount with two decimals (km, 万元): the parts add up to it to the cent. */
export function splitDecimal(total: number, parts: number, rng: Rng, options: VariedOptions = {}): number[] {
  const cents = Math.round(total * 100);
  const min = Math.round((options.min ?? 0.01) * 100);
  return splitVaried(cents, parts, rng, { ...options, min }).map((c) => c / 100);
}

/** Sum of two-decimal amounts, computed in cents so it is exact. */
export function sumDecimal(values: Iterable<number>): number {
  let cents = 0;
  for (const v of values) cents += Math.round(v * 100);
  return cents / 100;
}
