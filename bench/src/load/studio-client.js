// @ts-check
/**
 * A stand-in for the studio's event view: subscribes to Mediate's /api/events and decodes every
 * batch as the studio does (JSON.parse), counting events and reported losses. In its own process
 * so its work is not charged to the load generator or to Mediate.
 *
 * Usage (forked by the bench): node studio-client.js ws://127.0.0.1:PORT/api/events
 */
import { WebSocket } from 'ws';
import { ready, serve } from '../util/ipc.js';

let events = 0;
let batches = 0;
let lost = 0;
const ws = new WebSocket(process.argv[2] ?? '', { perMessageDeflate: false });
ws.on('message', (data) => {
  const msg = JSON.parse(data.toString());
  batches++;
  for (const e of msg.events ?? []) {
    // A slow subscriber is sent one `dropped` event saying how many it missed.
    if (e.kind === 'dropped') lost += Number(e.missed) || 0;
    else events++;
  }
});
ws.on('error', (e) => {
  process.stderr.write(`studio client: ${e.message}\n`);
  process.exit(1);
});
ws.once('open', () => {
  serve({ count: () => ({ events, batches, lost }) });
  ready({});
});
