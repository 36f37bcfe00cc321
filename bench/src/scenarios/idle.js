// @ts-check
/**
 * Idle capacity: N WebSocket clients held open through a freshly started target, each with its
 * own back-end connection (every client sends one frame first, which is when Mediate opens it).
 * Reports the target's resident memory and how long it took to connect and answer them all.
 *
 * The hop holds two sockets per client (client side and back-end side), so N is capped by the
 * open-file limit every child inherits from the bench.
 */
import { fileLimit, memory, openFiles } from '../util/procstat.js';
import { request } from '../util/ipc.js';
import { sleep } from '../util/stats.js';

/**
 * Descriptors a target needs besides its two per client: listeners, stdio, epoll, pipes (200),
 * and the 256 Mediate keeps free by default (`[mediate.limits] reserve_connections`, so the
 * admin API stays reachable), past which it refuses connections on purpose.
 */
const RESERVE_FDS = 200 + 256;

/**
 * The largest client count a hop can hold under the current open-file limit.
 * @param {number} wanted
 */
export function idleCapacity(wanted) {
  const { soft } = fileLimit();
  return { clients: Math.min(wanted, Math.floor((soft - RESERVE_FDS) / 2)), fdLimit: soft };
}

/**
 * @param {{ idle: import('../util/children.js').Child, backend: import('../util/children.js').Child }} ctx
 * @param {{ name: string, url: string, pid: number }} target freshly started, not yet used
 * @param {number} clients
 */
export async function runIdle(ctx, target, clients) {
  // The start-up probe's connections close asynchronously; let them go before the baseline.
  await sleep(500);
  const before = memory(target.pid);
  const backendBefore = await request(ctx.backend.proc, { cmd: 'count' });
  const r = await request(
    ctx.idle.proc,
    { cmd: 'open', url: target.url, clients, concurrency: 500 },
    300_000,
  );
  // Let connection setup garbage be collected and buffers settle before reading "idle" memory.
  await sleep(2000);
  const after = memory(target.pid);
  const fds = openFiles(target.pid);
  const backendAfter = await request(ctx.backend.proc, { cmd: 'count' });
  await request(ctx.idle.proc, { cmd: 'close' }, 60_000);
  const perClient = (after.rss - before.rss) / Math.max(1, r.connected);
  return {
    target: target.name,
    clients: r.connected,
    failed: r.failed,
    firstError: r.firstError,
    connectMs: r.connectMs,
    rssBefore: before.rss,
    rss: after.rss,
    peakRss: after.peak,
    rssPerClient: perClient,
    // What 10,000 clients would take at the same cost per client, when the fd limit forced fewer.
    rssAt10k: before.rss + perClient * 10_000,
    openFiles: fds,
    backendConnections: backendAfter.connections - backendBefore.connections,
  };
}
