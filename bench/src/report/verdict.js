// @ts-check
/**
 * The targets, checked against this run's medians. Each line says what was measured, the
 * target, and whether it was met, so a miss points straight at the load where it happened.
 */
import { pairedRatio } from './aggregate.js';
import { table } from './format.js';
import { median } from '../util/stats.js';

const GiB = 1024 ** 3;

/**
 * @typedef {{ criterion: string, measured: string, target: string, met: boolean | undefined }} Check
 */

/**
 * The worst value of f over the loads, with the load where it occurred.
 * @param {string[]} loads
 * @param {(load: string) => number} f
 * @param {'min' | 'max'} worst
 */
function worstOf(loads, f, worst) {
  let best = { load: '', v: NaN };
  for (const load of loads) {
    const v = f(load);
    if (!Number.isFinite(v)) continue;
    if (!Number.isFinite(best.v) || (worst === 'min' ? v < best.v : v > best.v)) best = { load, v };
  }
  return best;
}

/**
 * @param {{ a?: { cells: any[], loads: string[] }, b?: { cells: any[], loads: string[] },
 *   idle?: any[], starts?: any[], deploy?: { runs: any[], artifacts: number }, studio?: any, hostile?: any[] }} r
 * @returns {Check[]}
 */
export function checks(r) {
  /** @type {Check[]} */
  const out = [];
  const add = (
    /** @type {string} */ criterion,
    /** @type {number} */ v,
    /** @type {string} */ shown,
    /** @type {string} */ target,
    /** @type {(v: number) => boolean} */ ok,
  ) =>
    out.push({
      criterion,
      measured: Number.isFinite(v) ? shown : 'not measured',
      target,
      met: Number.isFinite(v) ? ok(v) : undefined,
    });
  if (r.a) {
    const { cells, loads } = r.a;
    let w = worstOf(loads, (l) => pairedRatio(cells, l, 'mediate', 'relay'), 'min');
    add(
      'A: Mediate msgs/s ÷ relay, every load',
      w.v,
      `${w.v.toFixed(2)}× (worst: ${w.load})`,
      '≥ 0.90×',
      (v) => v >= 0.9,
    );
    w = worstOf(loads, (l) => pairedRatio(cells, l, 'mediate', 'relay', 'p99'), 'max');
    add(
      'A: Mediate p99 ÷ relay, every load',
      w.v,
      `${w.v.toFixed(2)}× (worst: ${w.load})`,
      '≤ 1.20×',
      (v) => v <= 1.2,
    );
    w = worstOf(loads, (l) => pairedRatio(cells, l, 'mediate+log', 'relay'), 'min');
    add(
      'A with log simple + studio: msgs/s ÷ relay',
      w.v,
      `${w.v.toFixed(2)}× (worst: ${w.load})`,
      '≥ 0.75×',
      (v) => v >= 0.75,
    );
    w = worstOf(loads, (l) => pairedRatio(cells, l, 'mediate', 'node-red'), 'min');
    add('A: Mediate msgs/s ÷ Node-RED', w.v, `${w.v.toFixed(2)}× (worst: ${w.load})`, '≥ 3×', (v) => v >= 3);
  }
  if (r.b) {
    const { cells, loads } = r.b;
    let w = worstOf(loads, (l) => pairedRatio(cells, l, 'mediate', 'http-relay'), 'min');
    add(
      'B: Mediate req/s ÷ HTTP→WS relay, every load',
      w.v,
      `${w.v.toFixed(2)}× (worst: ${w.load})`,
      '≥ 0.90×',
      (v) => v >= 0.9,
    );
    w = worstOf(loads, (l) => pairedRatio(cells, l, 'mediate', 'node-red'), 'min');
    add('B: Mediate req/s ÷ Node-RED', w.v, `${w.v.toFixed(2)}× (worst: ${w.load})`, '≥ 3×', (v) => v >= 3);
    const lost = cells.filter((c) => c.target === 'mediate').reduce((s, c) => s + (c.lost ?? 0), 0);
    const accepted = cells.filter((c) => c.target === 'mediate').reduce((s, c) => s + (c.accepted ?? 0), 0);
    add(
      'B: Mediate messages accepted (202) but not at the back end',
      lost,
      `${lost} of ${accepted}`,
      '0',
      (v) => v === 0,
    );
  }
  const idle = r.idle?.find((x) => x.target === 'mediate' && !x.error);
  if (idle) {
    const v = idle.clients >= 10_000 ? idle.rss : idle.rssAt10k;
    const how = idle.clients >= 10_000 ? '' : ` (measured ${idle.clients}, scaled per client)`;
    add(
      'Idle: RSS with 10,000 clients',
      v,
      `${(v / 1048576).toFixed(0)} MiB${how}`,
      '< 1024 MiB',
      (x) => x < GiB,
    );
  } else if (r.idle)
    out.push({
      criterion: 'Idle: RSS with 10,000 clients',
      measured: 'failed',
      target: '< 1024 MiB',
      met: false,
    });
  if (r.starts?.length) {
    const h = median(r.starts.filter((s) => s.project === 'seed').map((s) => s.healthMs));
    add('Start → /api/health 200 (seed example)', h, `${h.toFixed(0)} ms`, '< 1000 ms', (v) => v < 1000);
  }
  if (r.deploy?.runs.length) {
    const all = r.deploy.runs
      .filter((x) => x.change !== 'none' && x.change !== 'one sequence')
      .map((x) => x.ms);
    const d = median(all);
    add(
      `Deploy of ${r.deploy.artifacts} artifacts, all changed (POST /api/deploy)`,
      d,
      `${d.toFixed(1)} ms`,
      '< 100 ms',
      (v) => v < 100,
    );
  }
  if (r.hostile?.length) {
    const worst = r.hostile.reduce((a, b) => (b.ratio < a.ratio ? b : a));
    add(
      '100 clients beside one that never reads: msgs/s ÷ alone',
      worst.ratio,
      `${worst.ratio.toFixed(2)}× (worst: ${worst.load})`,
      '≥ 0.80×',
      (v) => v >= 0.8,
    );
  }
  const wire = r.studio?.wire?.firstLoad;
  if (wire)
    add(
      'Studio first load over the wire (html, js, css; fresh profile)',
      wire.assetBytes,
      `${(wire.assetBytes / 1024).toFixed(1)} KiB (${wire.encodings.join(', ')})`,
      '≤ 250 KiB',
      (v) => v <= 250 * 1024,
    );
  return out;
}

/** @param {Check[]} list */
export function checksTable(list) {
  return table(
    ['criterion', 'measured', 'target', 'met'],
    list.map((c) => [c.criterion, c.measured, c.target, c.met === undefined ? 'n/a' : c.met ? 'yes' : 'NO']),
    [false, false, false, false],
  );
}
