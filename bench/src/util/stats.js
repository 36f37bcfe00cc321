// @ts-check
/** Small statistics helpers: percentiles of latency samples, medians across rounds. */

/**
 * Percentile by nearest rank of a sorted array.
 * @param {ArrayLike<number>} sorted ascending
 * @param {number} p 0..100
 */
export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))] ?? NaN;
}

/**
 * Median of the finite values (NaN when there are none). Medians, not means, because one
 * disturbed cell on a shared machine should not move the summary.
 * @param {number[]} values
 */
export function median(values) {
  const v = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (v.length === 0) return NaN;
  const hi = v[v.length >> 1] ?? NaN;
  const lo = v[(v.length - 1) >> 1] ?? NaN;
  return (lo + hi) / 2;
}

/** @param {number} ms */
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
