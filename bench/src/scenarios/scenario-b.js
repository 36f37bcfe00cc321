// @ts-check
/**
 * Scenario B (seed Example 2): HTTP POST → 202 at once, body forwarded over WebSocket.
 * One cell: autocannon for the warm-up, then again for the measured part with the target's CPU
 * read around it, then a check that the back end received every request that got 202.
 */
import { cpuMicros, memory, resetPeak } from '../util/procstat.js';
import { pollUntil } from '../util/http.js';
import { request } from '../util/ipc.js';
import { monoMicros } from './scenario-a.js';

/**
 * @typedef {object} TargetB
 * @property {string} name
 * @property {string} url the URL to POST to
 * @property {number} pid
 */

/**
 * The back end's frame count once it has stopped moving.
 * @param {import('../util/children.js').Child} backend
 * @returns {Promise<number>}
 */
async function settledFrames(backend) {
  let last = -1;
  return pollUntil(
    async () => {
      const { frames } = await request(backend.proc, { cmd: 'count' });
      if (frames === last) return frames;
      last = frames;
      return undefined;
    },
    { timeoutMs: 10_000, intervalMs: 50, what: 'back-end frame count to settle' },
  );
}

/**
 * Frames received since `before`, waiting until they reach `expected` (bodies can still be on
 * their way after the 202s, more so on a busy machine) or stop growing for 2 s.
 * @param {import('../util/children.js').Child} backend
 * @param {number} before
 * @param {number} expected
 */
async function framesSince(backend, before, expected) {
  let last = -1;
  let stableSince = performance.now();
  const end = performance.now() + 15_000;
  for (;;) {
    const { frames } = await request(backend.proc, { cmd: 'count' });
    const got = frames - before;
    if (got >= expected || performance.now() > end) return got;
    if (got !== last) {
      last = got;
      stableSince = performance.now();
    } else if (performance.now() - stableSince > 2000) return got;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * @param {{ httpload: import('../util/children.js').Child, backend: import('../util/children.js').Child,
 *   warmupMs: number, cellMs: number }} ctx
 * @param {TargetB} target
 * @param {import('../options.js').LoadB} load
 */
export async function runCellB(ctx, target, load) {
  const hl = ctx.httpload.proc;
  const timeout = ctx.warmupMs + ctx.cellMs + 30_000;
  const before = await settledFrames(ctx.backend);
  const spec = { cmd: 'run', url: target.url, connections: load.clients, size: load.size };
  const warm = await request(hl, { ...spec, seconds: ctx.warmupMs / 1000 }, timeout);
  const cpu0 = cpuMicros(target.pid);
  const hl0 = cpuMicros(ctx.httpload.pid);
  resetPeak(target.pid);
  const mono0 = monoMicros();
  const wall0 = performance.now();
  const r = await request(hl, { ...spec, seconds: ctx.cellMs / 1000 }, timeout);
  const wall = performance.now() - wall0;
  const cpu1 = cpuMicros(target.pid);
  const hl1 = cpuMicros(ctx.httpload.pid);
  const mono1 = monoMicros();
  const peakRss = memory(target.pid).peak;
  const accepted = warm.accepted + r.accepted;
  const received = await framesSince(ctx.backend, before, accepted);
  // Connection errors with nothing completed mean the target is down: stop running it.
  if (r.completed === 0 && r.errors > 0)
    throw new Error(`no responses (errors ${r.errors}, timeouts ${r.timeouts})`);
  return {
    rate: r.completed / r.durationSec,
    p50: r.p50,
    p99: r.p99,
    completed: r.completed,
    accepted,
    received,
    // Requests answered 202 whose body never reached the back end.
    lost: Math.max(0, accepted - received),
    non202: warm.completed - warm.accepted + r.completed - r.accepted,
    errors: warm.errors + r.errors + warm.timeouts + r.timeouts,
    cpuUsPerMsg: r.completed ? (cpu1 - cpu0) / r.completed : NaN,
    peakRss,
    cpuShare: { target: (cpu1 - cpu0) / (wall * 1000), loadgen: (hl1 - hl0) / (wall * 1000) },
    window: [mono0, mono1],
  };
}
