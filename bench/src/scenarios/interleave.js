// @ts-check
/**
 * Runs cells interleaved: for each round, for each load, every target in turn, starting with a
 * different target each round. Machine noise on a shared box comes in waves lasting seconds;
 * running the targets back to back for the same load, and rotating who goes first, spreads those
 * waves over all of them instead of over whichever target happened to run during one.
 */
import { sleep } from '../util/stats.js';

/**
 * @template T, L
 * @param {{
 *   rounds: number,
 *   loads: L[],
 *   targets: T[],
 *   runCell: (target: T, load: L, round: number) => Promise<Record<string, unknown>>,
 *   targetName: (target: T) => string,
 *   loadId: (load: L) => string,
 *   pauseMs?: number,
 *   stopBy: number,
 *   log: (line: string) => void,
 * }} o stopBy: a Date.now() after which no new cell starts (the run's soft deadline)
 * @returns {Promise<Record<string, unknown>[]>}
 */
export async function interleave(o) {
  /** @type {Record<string, unknown>[]} */
  const records = [];
  /** Targets that failed a cell are not run again: their process is likely gone. */
  const broken = new Set();
  for (let round = 0; round < o.rounds; round++) {
    for (const load of o.loads) {
      const n = o.targets.length;
      for (let k = 0; k < n; k++) {
        const target = /** @type {T} */ (o.targets[(k + round) % n]);
        const name = o.targetName(target);
        const base = { round, load: o.loadId(load), target: name };
        if (broken.has(name)) continue;
        if (Date.now() > o.stopBy) {
          records.push({ ...base, skipped: 'deadline' });
          continue;
        }
        try {
          const rec = await o.runCell(target, load, round);
          records.push({ ...base, ...rec });
          o.log(`  round ${round + 1} ${base.load.padEnd(16)} ${name.padEnd(12)} ${summary(rec)}`);
        } catch (e) {
          broken.add(name);
          const error = /** @type {Error} */ (e).message;
          records.push({ ...base, error });
          o.log(
            `  round ${round + 1} ${base.load.padEnd(16)} ${name.padEnd(12)} FAILED: ${error.split('\n')[0]}`,
          );
        }
        await sleep(o.pauseMs ?? 250);
      }
    }
  }
  return records;
}

/** @param {Record<string, unknown>} r */
function summary(r) {
  const rate = Number(r.rate);
  const cpu = Number(r.cpuUsPerMsg);
  const p99 = Number(r.p99);
  return `${Math.round(rate)}/s  p99 ${p99.toFixed(2)} ms${Number.isFinite(cpu) ? `  ${cpu.toFixed(0)} µs/msg` : ''}`;
}
