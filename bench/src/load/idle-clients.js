// @ts-check
/**
 * Idle capacity: opens N WebSocket clients through a target, each sending one small frame and
 * waiting for its reply (which makes the target open that client's back-end connection), then
 * holds them all open, silent, until told to close.
 */
import { WebSocket } from 'ws';
import { serve } from '../util/ipc.js';
import { jsonPayload } from './payload.js';

/** @type {WebSocket[]} */
let open = [];
const hello = jsonPayload(64);

/**
 * @param {string} url
 * @returns {Promise<WebSocket>}
 */
function connectAndPing(url) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    const timer = setTimeout(() => {
      ws.terminate();
      reject(new Error('no reply within 30 s'));
    }, 30_000);
    ws.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    ws.on('error', () => undefined);
    ws.once('open', () => ws.send(hello, { binary: false }));
    ws.once('message', () => {
      clearTimeout(timer);
      resolve(ws);
    });
  });
}

serve({
  /**
   * @param {{ url: string, clients: number, concurrency: number }} m
   *   concurrency: handshakes in progress at once (a real fleet of clients does not all arrive
   *   in the same millisecond, and an unbounded burst would only measure the accept backlog).
   */
  open: async (m) => {
    const t0 = performance.now();
    let next = 0;
    let failed = 0;
    /** @type {string | undefined} */
    let firstError;
    const worker = async () => {
      while (next < m.clients) {
        next++;
        try {
          open.push(await connectAndPing(m.url));
        } catch (e) {
          failed++;
          firstError ??= /** @type {Error} */ (e).message;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(m.concurrency, m.clients) }, worker));
    return { connected: open.length, failed, firstError, connectMs: performance.now() - t0 };
  },
  close: async () => {
    for (const ws of open) ws.terminate();
    open = [];
    return {};
  },
});
