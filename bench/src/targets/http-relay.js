// @ts-check
/**
 * The hand-written HTTP→WebSocket relay: answers every request 202 and forwards its body as one
 * text frame over a single pooled `ws` connection to the back end (what Mediate does for
 * HTTP-originated sends, which share one back-end connection per address). Back-end replies are
 * read and dropped.
 *
 * Usage (forked by the bench): node http-relay.js <upstream ws:// URL>
 */
import http from 'node:http';
import { WebSocket } from 'ws';
import { ready, serve } from '../util/ipc.js';

// Exit normally on SIGTERM so that, under --cpu-prof (bench --profile), the profile gets written.
process.on('SIGTERM', () => process.exit(0));

const upstreamUrl = process.argv[2] ?? '';

/** @returns {Promise<WebSocket>} */
function connect() {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(upstreamUrl, { perMessageDeflate: false });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

let upstream = await connect();
upstream.on('error', () => undefined);
// A dropped pool connection is reopened; requests in between are still answered 202 and their
// bodies lost, which the bench's received-count check would show.
upstream.on('close', function reopen() {
  connect().then(
    (ws) => {
      upstream = ws;
      ws.on('error', () => undefined);
      ws.on('close', reopen);
    },
    () => undefined,
  );
});

const server = http.createServer((req, res) => {
  /** @type {Buffer[]} */
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = chunks.length === 1 ? /** @type {Buffer} */ (chunks[0]) : Buffer.concat(chunks);
    if (upstream.readyState === WebSocket.OPEN) upstream.send(body, { binary: false });
    res.writeHead(202, { 'Content-Length': '0' });
    res.end();
  });
});

server.listen(0, '127.0.0.1', () => {
  const addr = /** @type {import('node:net').AddressInfo} */ (server.address());
  serve({});
  ready({ port: addr.port });
});
