// @ts-check
/**
 * Scenario A (seed Example 1): WebSocket clients → target → WebSocket back end → the same client.
 * One cell: open C clients, keep `window` frames in flight each, warm up, then measure msgs/s,
 * latency, the target's CPU time per message and its peak RSS over the measured window.
 */
import { cpuMicros, memory, resetPeak } from '../util/procstat.js';
import { request } from '../util/ipc.js';
import { sleep } from '../util/stats.js';

/**
 * @typedef {object} TargetA
 * @property {string} name
 * @property {string} url WebSocket URL clients connect to
 * @property {number | undefined} pid the process under test (undefined for "direct")
 */

/** Monotonic clock in µs, the clock V8's CPU profiles use, so profiles can be cut per cell. */
export const monoMicros = () => Number(process.hrtime.bigint() / 1000n);

/**
 * @param {{ loadgen: import('../util/children.js').Child, backendPid: number,
 *   warmupMs: number, cellMs: number }} ctx
 * @param {TargetA} target
 * @param {import('../options.js').LoadA} load
 */
export async function runCellA(ctx, target, load) {
  const lg = ctx.loadgen.proc;
  await request(lg, { cmd: 'open', url: target.url, clients: load.clients, window: load.window });
  try {
    await request(lg, { cmd: 'start', size: load.size, window: load.window });
    await sleep(ctx.warmupMs);
    const pids = { target: target.pid, loadgen: ctx.loadgen.pid, backend: ctx.backendPid };
    const cpu0 = readCpu(pids);
    if (target.pid) resetPeak(target.pid);
    const mono0 = monoMicros();
    const wall0 = performance.now();
    await request(lg, { cmd: 'mark' });
    await sleep(ctx.cellMs);
    const cpu1 = readCpu(pids);
    const wall = performance.now() - wall0;
    const mono1 = monoMicros();
    const peakRss = target.pid ? memory(target.pid).peak : NaN;
    const r = await request(lg, { cmd: 'stop', drainMs: 1500 });
    // No reply at all in the window is a result (a target far behind its backlog), not a failure:
    // the rate is 0 and `missing` says how many frames were still unanswered after the drain.
    const busy = (/** @type {'target' | 'loadgen' | 'backend'} */ k) => (cpu1[k] - cpu0[k]) / (wall * 1000);
    return {
      rate: r.msgsPerSec,
      p50: r.p50,
      p99: r.p99,
      max: r.max,
      received: r.received,
      missing: r.missing,
      unexpected: r.unexpected,
      cpuUsPerMsg: target.pid && r.received ? (cpu1.target - cpu0.target) / r.received : NaN,
      peakRss,
      // Share of one core each process used: shows which process was the bottleneck.
      cpuShare: { target: busy('target'), loadgen: busy('loadgen'), backend: busy('backend') },
      window: [mono0, mono1],
    };
  } finally {
    await request(lg, { cmd: 'close' }).catch(() => undefined);
  }
}

/**
 * @param {{ target: number | undefined, loadgen: number, backend: number }} pids
 */
function readCpu(pids) {
  return {
    target: pids.target ? cpuMicros(pids.target) : NaN,
    loadgen: cpuMicros(pids.loadgen),
    backend: cpuMicros(pids.backend),
  };
}
