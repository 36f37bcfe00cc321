// @ts-check
/**
 * The hand-written WebSocket relay: the ceiling for one hop in Node. One `ws` server; for each
 * client one upstream `ws` connection to the back end, opened when the client connects; frames
 * forwarded both ways with their type kept; a close on either side closes the other.
 *
 * Usage (forked by the bench): node ws-relay.js <upstream ws:// URL>
 */
import { WebSocket, WebSocketServer } from 'ws';
import { ready, serve } from '../util/ipc.js';

// Exit normally on SIGTERM so that, under --cpu-prof (bench --profile), the profile gets written.
process.on('SIGTERM', () => process.exit(0));

const upstreamUrl = process.argv[2] ?? '';
// No permessage-deflate anywhere, as in the other targets' configurations.
const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: false });

wss.on('connection', (client) => {
  const upstream = new WebSocket(upstreamUrl, { perMessageDeflate: false });
  /** Frames that arrive before the upstream handshake completes, in order. */
  /** @type {{ data: Buffer, binary: boolean }[] | undefined} */
  let early = [];
  upstream.on('open', () => {
    for (const f of early ?? []) upstream.send(f.data, { binary: f.binary });
    early = undefined;
  });
  client.on('message', (data, isBinary) => {
    const buf = /** @type {Buffer} */ (data);
    if (early) early.push({ data: buf, binary: isBinary });
    else upstream.send(buf, { binary: isBinary });
  });
  upstream.on('message', (data, isBinary) => {
    if (client.readyState === WebSocket.OPEN) client.send(/** @type {Buffer} */ (data), { binary: isBinary });
  });
  client.on('close', () => upstream.close());
  upstream.on('close', () => client.close());
  // Errors end in 'close'; without these listeners they would crash the relay.
  client.on('error', () => undefined);
  upstream.on('error', () => undefined);
});

wss.on('listening', () => {
  const addr = /** @type {import('node:net').AddressInfo} */ (wss.address());
  serve({ clients: () => wss.clients.size });
  ready({ port: addr.port });
});
