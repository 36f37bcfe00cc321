// @ts-check
/**
 * A hostile WebSocket client, in its own process: it never reads what it is sent and writes
 * 16 KiB text frames as fast as its socket takes them (issue 18, F1). Driven over IPC:
 *   start {url} → (runs) → stop → { bytes written }
 */
import { WebSocket } from 'ws';
import { ready, serve } from '../util/ipc.js';

const FRAME = Buffer.alloc(16 * 1024, 'g');
/** @type {WebSocket | undefined} */
let ws;
let sent = 0;
/** @type {NodeJS.Timeout | undefined} */
let timer;

function pump() {
  if (!ws || ws.readyState !== ws.OPEN) return;
  // Keep a megabyte queued in our own socket: a producer that writes whenever it can.
  while (ws.bufferedAmount < 1024 * 1024) {
    ws.send(FRAME, { binary: false });
    sent += FRAME.length;
  }
}

serve({
  async start(/** @type {{ url: string }} */ msg) {
    sent = 0;
    ws = new WebSocket(msg.url, { perMessageDeflate: false });
    ws.on('error', () => undefined);
    await new Promise((resolve, reject) => ws?.once('open', resolve).once('error', reject));
    ws.pause(); // never reads
    timer = setInterval(pump, 5);
    return { started: true };
  },
  stop() {
    clearInterval(timer);
    const written = sent - (ws?.bufferedAmount ?? 0);
    ws?.terminate();
    ws = undefined;
    return { written };
  },
});
ready({});
