// @ts-check
/**
 * Turns the per-cell records of an interleaved scenario into one row per (load, target): medians
 * across rounds, and ratios to the baseline target. A ratio is taken within each round (the two
 * cells ran seconds apart, under the same machine conditions) and the median of those is shown.
 */
import { median } from '../util/stats.js';

/**
 * @typedef {Record<string, any>} Cell
 * @typedef {{ load: string, target: string, n: number, rate: number, p50: number, p99: number,
 *   cpu: number, cpuMin: number, rss: number, rateRatio: number, p99Ratio: number, cpuRatio: number,
 *   missing: number, lost: number, errors: string[], cells: Cell[] }} Row
 */

/**
 * @param {Cell[]} cells
 * @param {string[]} loads in display order
 * @param {string[]} targets in display order
 * @param {string} baseline target name the ratios are taken against
 * @returns {Row[]}
 */
export function aggregate(cells, loads, targets, baseline) {
  /** @type {Row[]} */
  const rows = [];
  for (const load of loads) {
    for (const target of targets) {
      const mine = cells.filter((c) => c.load === load && c.target === target && c.rate !== undefined);
      const errors = cells
        .filter((c) => c.load === load && c.target === target && c.error)
        .map((c) => String(c.error));
      if (mine.length === 0 && errors.length === 0) continue;
      const ratio = (/** @type {string} */ key) => pairedRatio(cells, load, target, baseline, key);
      rows.push({
        load,
        target,
        n: mine.length,
        rate: median(mine.map((c) => c.rate)),
        p50: median(mine.map((c) => c.p50)),
        p99: median(mine.map((c) => c.p99)),
        cpu: median(mine.map((c) => c.cpuUsPerMsg)),
        // Interference from other load on the machine only ever adds CPU time: the smallest value
        // over the rounds is the one least disturbed.
        cpuMin: Math.min(...mine.map((c) => (Number.isFinite(c.cpuUsPerMsg) ? c.cpuUsPerMsg : Infinity))),
        rss: median(mine.map((c) => c.peakRss)),
        rateRatio: ratio('rate'),
        p99Ratio: ratio('p99'),
        cpuRatio: ratio('cpuUsPerMsg'),
        missing: mine.reduce((s, c) => s + (c.missing ?? 0), 0),
        lost: mine.reduce((s, c) => s + (c.lost ?? 0), 0),
        errors,
        cells: mine,
      });
    }
  }
  return rows;
}

/**
 * Median over rounds of `a[key] / b[key]` for one load, each ratio taken within one round.
 * @param {Cell[]} cells
 * @param {string} load
 * @param {string} a
 * @param {string} b
 * @param {string} [key]
 */
export function pairedRatio(cells, load, a, b, key = 'rate') {
  return median(
    cells
      .filter((c) => c.load === load && c.target === a && c.rate !== undefined)
      .map((c) => {
        const other = cells.find(
          (x) => x.load === load && x.target === b && x.round === c.round && x.rate !== undefined,
        );
        return other ? c[key] / other[key] : NaN;
      }),
  );
}
