import type { Distribution } from './types.js';
import { EMPTY_DISTRIBUTION } from './empty.js';

/**
 * Quartiles by linear interpolation between order statistics (Hyndman & Fan type 7), written
 * exactly as DuckDB's `quantile_cont` computes them, `lo·(1 − d) + hi·d`, so the two agree to the
 * last digit: h = (n − 1)·p, lo = x[floor h], hi = x[ceil h], d = h − floor h.
 */
export function quantileOfSorted(sorted: ArrayLike<number>, p: number): number {
  const h = (sorted.length - 1) * p;
  const below = Math.floor(h);
  const lo = sorted[below]!;
  const hi = sorted[Math.ceil(h)]!;
  const d = h - below;
  return lo * (1 - d) + hi * d;
}

/** The spread of `values` (which it does not change). */
export function distributionOf(values: ArrayLike<number>): Distribution {
  if (values.length === 0) return EMPTY_DISTRIBUTION;
  const sorted = Float64Array.from(values).sort();
  return {
    n: sorted.length,
    min: sorted[0]!,
    q1: quantileOfSorted(sorted, 0.25),
    median: quantileOfSorted(sorted, 0.5),
    q3: quantileOfSorted(sorted, 0.75),
    max: sorted[sorted.length - 1]!,
  };
}
