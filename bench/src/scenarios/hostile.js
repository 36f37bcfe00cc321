// @ts-check
/**
 * Hostile client (issue 18, acceptance 2): 100 clients of Scenario A through Mediate, alone and
 * with one more client that never reads and writes as fast as it can (load/greedy-client.js, its
 * own process). Cells are interleaved, so both see the same machine; the ratio is the cell with
 * the greedy client over the cell without it, per round.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startMediateTarget } from '../targets/start-targets.js';
import { forkChild } from '../util/children.js';
import { request, waitReady } from '../util/ipc.js';
import { interleave } from './interleave.js';
import { runCellA } from './scenario-a.js';

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * @param {{ opts: import('../options.js').Options, ctx: import('../targets/start-targets.js').Ctx,
 *   loadgen: import('../util/children.js').Child, stopBy: number }} o
 */
export async function runHostile(o) {
  const { opts, ctx } = o;
  const mediate = await startMediateTarget(ctx, 'mediate-hostile', 'none', opts);
  const greedy = forkChild('greedy-client', path.join(here, '../load/greedy-client.js'));
  await waitReady(greedy);
  const loads = opts.loadsA.filter((l) => l.clients === 100);
  const targets = [
    { name: 'alone', greedy: false },
    { name: 'with greedy', greedy: true },
  ];
  ctx.log(`Hostile client: ${loads.length} loads × 2 × ${opts.rounds} rounds`);
  try {
    const cells = await interleave({
      rounds: opts.rounds,
      loads,
      targets,
      runCell: async (t, l) => {
        const cellA = () =>
          runCellA(
            {
              loadgen: o.loadgen,
              backendPid: ctx.backend.child.pid,
              warmupMs: opts.warmupMs,
              cellMs: opts.cellMs,
            },
            { name: t.name, url: mediate.url, pid: mediate.pid },
            l,
          );
        if (!t.greedy) return cellA();
        await request(greedy.proc, { cmd: 'start', url: mediate.url });
        /** @type {{ written: number } | undefined} */
        let stopped;
        try {
          const cell = await cellA();
          stopped = await request(greedy.proc, { cmd: 'stop' });
          // What the never-reading client got the server to take during the cell.
          return { ...cell, greedyWritten: stopped?.written };
        } finally {
          if (!stopped) await request(greedy.proc, { cmd: 'stop' }).catch(() => undefined);
        }
      },
      targetName: (t) => t.name,
      loadId: (l) => l.id,
      stopBy: o.stopBy,
      log: ctx.log,
    });
    return { loads: loads.map((l) => l.id), cells };
  } finally {
    await greedy.stop();
    await mediate.child.stop(5000);
  }
}

/**
 * Per load: the median over rounds of (rate with the greedy client ÷ rate alone), and the peak
 * RSS in each case.
 * @param {{ loads: string[], cells: any[] }} h
 */
export function summarizeHostile(h) {
  return h.loads.map((load) => {
    const of = (/** @type {string} */ name) =>
      h.cells.filter((c) => c.load === load && c.target === name && typeof c.rate === 'number');
    const alone = of('alone');
    const greedy = of('with greedy');
    const ratios = greedy
      .map((g) => {
        const a = alone.find((x) => x.round === g.round);
        return a && a.rate > 0 ? g.rate / a.rate : undefined;
      })
      .filter((x) => x !== undefined)
      .sort((a, b) => a - b);
    const mid = ratios.length ? /** @type {number} */ (ratios[Math.floor(ratios.length / 2)]) : NaN;
    const peak = (/** @type {any[]} */ l) => Math.max(...l.map((c) => c.peakRss));
    return { load, ratio: mid, ratios, peakRssAlone: peak(alone), peakRssGreedy: peak(greedy) };
  });
}
