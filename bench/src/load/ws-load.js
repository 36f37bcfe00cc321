// @ts-check
/**
 * Scenario A's load generator, in its own process: C WebSocket clients, each keeping `window`
 * text frames in flight (send one more on every reply), timing each reply against its request.
 *
 * Driven by the bench over IPC so the bench alone decides the measured window:
 *   open {url, clients} → start {size, window} → mark (measuring from now) → stop → close
 * Replies are matched to requests first in, first out per client: every target keeps each
 * client's frames in order, and the back end answers every frame.
 */
import { WebSocket } from 'ws';
import { serve } from '../util/ipc.js';
import { percentile } from '../util/stats.js';
import { jsonPayload } from './payload.js';

/**
 * @typedef {object} Client
 * @property {WebSocket} ws
 * @property {Float64Array} sentAt ring of send times of the frames in flight
 * @property {number} head index of the oldest frame in flight
 * @property {number} inFlight
 */

/** @type {Client[]} */
let clients = [];
/** @type {Buffer} */
let payload = Buffer.alloc(0);
let running = false;
let measuring = false;
let received = 0;
let sent = 0;
let markAt = 0;
/** Latency samples of the measured window, in ms; grown by doubling. */
let samples = new Float64Array(1 << 16);
let count = 0;
let unexpected = 0;
/** @type {(() => void) | undefined} */
let onDrained;

/** @param {Client} c */
function sendOne(c) {
  c.sentAt[(c.head + c.inFlight) % c.sentAt.length] = performance.now();
  c.inFlight++;
  if (measuring) sent++;
  c.ws.send(payload, { binary: false });
}

/**
 * @param {Client} c
 */
function onReply(c) {
  const now = performance.now();
  if (c.inFlight === 0) {
    unexpected++; // a reply nobody asked for (e.g. a broadcast): counted, never timed
    return;
  }
  const t = /** @type {number} */ (c.sentAt[c.head]);
  c.head = (c.head + 1) % c.sentAt.length;
  c.inFlight--;
  if (measuring) {
    received++;
    if (count === samples.length) {
      const bigger = new Float64Array(samples.length * 2);
      bigger.set(samples);
      samples = bigger;
    }
    samples[count++] = now - t;
  }
  if (running) sendOne(c);
  else if (onDrained && clients.every((x) => x.inFlight === 0)) onDrained();
}

/**
 * @param {string} url
 * @param {number} window
 * @returns {Promise<Client>}
 */
function connect(url, window) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    /** @type {Client} */
    const c = { ws, sentAt: new Float64Array(window), head: 0, inFlight: 0 };
    ws.once('open', () => resolve(c));
    ws.once('error', reject);
    ws.on('error', () => undefined); // after open, an error just ends in 'close'
    ws.on('message', () => onReply(c));
  });
}

serve({
  /** Opens the clients, a bounded number of handshakes at a time. */
  open: async (/** @type {{ url: string, clients: number, window: number }} */ m) => {
    const t0 = performance.now();
    clients = [];
    for (let i = 0; i < m.clients; i += 50) {
      const batch = Math.min(50, m.clients - i);
      clients.push(...(await Promise.all(Array.from({ length: batch }, () => connect(m.url, m.window)))));
    }
    return { openMs: performance.now() - t0 };
  },
  start: (/** @type {{ size: number, window: number }} */ m) => {
    payload = jsonPayload(m.size);
    running = true;
    unexpected = 0;
    for (const c of clients) for (let i = 0; i < m.window; i++) sendOne(c);
    return {};
  },
  mark: () => {
    measuring = true;
    received = 0;
    sent = 0;
    count = 0;
    markAt = performance.now();
    return {};
  },
  /** Ends the measured window, then waits (bounded) for the frames still in flight. */
  stop: async (/** @type {{ drainMs: number }} */ m) => {
    const durationMs = performance.now() - markAt;
    measuring = false;
    running = false;
    const got = received;
    const sorted = samples.slice(0, count).sort();
    const inFlight = () => clients.reduce((n, c) => n + c.inFlight, 0);
    if (inFlight() > 0)
      await new Promise((resolve) => {
        onDrained = () => resolve(undefined);
        setTimeout(resolve, m.drainMs);
      });
    onDrained = undefined;
    return {
      durationMs,
      received: got,
      sent,
      msgsPerSec: (got * 1000) / durationMs,
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      max: sorted.length ? sorted[sorted.length - 1] : NaN,
      // Frames never answered within drainMs after the window: lost or stuck in the target.
      missing: inFlight(),
      unexpected,
    };
  },
  close: async () => {
    await Promise.all(
      clients.map(
        (c) =>
          new Promise((resolve) => {
            if (c.ws.readyState === WebSocket.CLOSED) return resolve(undefined);
            c.ws.once('close', resolve);
            c.ws.close();
            setTimeout(() => {
              c.ws.terminate();
              resolve(undefined);
            }, 2000).unref();
          }),
      ),
    );
    clients = [];
    return {};
  },
});
