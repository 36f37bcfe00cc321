// @ts-check
/** One table per scenario, each target's numbers next to its ratio to the hand-written relay. */
import { median } from '../util/stats.js';
import { mib, ms, rate, ratio, table, us } from './format.js';

/**
 * @param {import('./aggregate.js').Row[]} rows
 * @param {string} baseline
 */
export function tableA(rows, baseline) {
  return table(
    [
      'load',
      'target',
      'msgs/s',
      `× ${baseline}`,
      'p50 ms',
      'p99 ms',
      `p99 × ${baseline}`,
      'CPU µs/msg',
      'min',
      `CPU × ${baseline}`,
      'peak RSS MiB',
      'unanswered',
    ],
    rows.map((r) => [
      r.load,
      r.target,
      r.errors.length && !r.n ? `failed: ${r.errors[0]?.split('\n')[0]?.slice(0, 60)}` : rate(r.rate),
      ratio(r.rateRatio),
      ms(r.p50),
      ms(r.p99),
      ratio(r.p99Ratio),
      us(r.cpu),
      us(r.cpuMin),
      ratio(r.cpuRatio),
      mib(r.rss),
      String(r.missing),
    ]),
  );
}

/**
 * @param {import('./aggregate.js').Row[]} rows
 * @param {string} baseline
 */
export function tableB(rows, baseline) {
  return table(
    [
      'load',
      'target',
      'req/s',
      `× ${baseline}`,
      'p50 ms',
      'p99 ms',
      'CPU µs/req',
      'min',
      `CPU × ${baseline}`,
      'peak RSS MiB',
      '202s',
      'at back end',
      'lost',
    ],
    rows.map((r) => {
      const accepted = r.cells.reduce((s, c) => s + (c.accepted ?? 0), 0);
      const received = r.cells.reduce((s, c) => s + (c.received ?? 0), 0);
      return [
        r.load,
        r.target,
        r.errors.length && !r.n ? `failed: ${r.errors[0]?.split('\n')[0]?.slice(0, 60)}` : rate(r.rate),
        ratio(r.rateRatio),
        ms(r.p50, 0),
        ms(r.p99, 0),
        us(r.cpu),
        us(r.cpuMin),
        ratio(r.cpuRatio),
        mib(r.rss),
        String(accepted),
        String(received),
        String(r.lost),
      ];
    }),
  );
}

/**
 * @param {Record<string, any>[]} idle
 */
export function tableIdle(idle) {
  return table(
    [
      'target',
      'clients',
      'failed',
      'connect + 1 round trip each, s',
      'RSS before MiB',
      'RSS idle MiB',
      'KiB per client',
      'RSS at 10k MiB',
      'back-end conns',
    ],
    idle.map((r) =>
      r.error
        ? [r.target, 'failed', r.error.split('\n')[0].slice(0, 60), '', '', '', '', '', '']
        : [
            r.target,
            String(r.clients),
            String(r.failed),
            (r.connectMs / 1000).toFixed(1),
            mib(r.rssBefore),
            mib(r.rss),
            (r.rssPerClient / 1024).toFixed(1),
            mib(r.rssAt10k),
            String(r.backendConnections),
          ],
    ),
    [false, true, true, true, true, true, true, true, true],
  );
}

/**
 * @param {Record<string, any>[]} starts
 * @param {{ artifacts: number, runs: Record<string, any>[] } | undefined} deploy
 */
export function tableLife(starts, deploy) {
  /** @type {string[][]} */
  const rows = [];
  for (const project of ['seed', 'p50']) {
    const mine = starts.filter((s) => s.project === project);
    if (!mine.length) continue;
    const label =
      project === 'seed' ? 'seed example (5 artifacts)' : `${deploy?.artifacts ?? 50}-artifact project`;
    const h = mine.map((s) => s.healthMs);
    const d = mine.map((s) => s.deployedMs);
    rows.push([`start → /api/health 200, ${label}`, ms(median(h), 0), ms(Math.max(...h), 0)]);
    const a = mine.map((s) => s.artifactsMs).filter((x) => typeof x === 'number');
    if (a.length)
      rows.push([`start → /api/artifacts 200, ${label}`, ms(median(a), 0), ms(Math.max(...a), 0)]);
    rows.push([`start → deployed, ${label}`, ms(median(d), 0), ms(Math.max(...d), 0)]);
  }
  for (const change of [...new Set((deploy?.runs ?? []).map((r) => r.change))]) {
    const t = (deploy?.runs ?? []).filter((r) => r.change === change).map((r) => r.ms);
    rows.push([
      `POST /api/deploy, ${deploy?.artifacts}-artifact project, changed: ${change}`,
      ms(median(t), 1),
      ms(Math.max(...t), 1),
    ]);
  }
  return table(['measurement', 'median ms', 'max ms'], rows, [false, true, true]);
}
