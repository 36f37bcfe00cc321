/**
 * connectWebSocket over TLS (`wss://`), with the subprotocol workaround, against a `ws` server
 * using handleUpgradeWithSubprotocol on an `https` server.
 */
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { connectWebSocket, handleUpgradeWithSubprotocol } from '../../src/runtime/ws/index.js';
import { TEST_TLS_PAIR } from '../../src/testing/index.js';

// The fixed self-signed test-only pair for localhost / 127.0.0.1 (src/testing/tls-files.ts).
const { key: KEY, cert: CERT } = TEST_TLS_PAIR;
const SP = "synapse(contentType='text/plain')";

let server: https.Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  server = undefined;
});

async function startTlsEcho(): Promise<number> {
  const wss = new WebSocketServer({ noServer: true });
  server = https.createServer({ key: KEY, cert: CERT });
  server.on('upgrade', (req, socket, head) =>
    handleUpgradeWithSubprotocol(wss, req, socket, head, {}, (ws) =>
      ws.on('message', (d) => ws.send(d, { binary: false })),
    ),
  );
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return (server.address() as AddressInfo).port;
}

it('negotiates a synapse subprotocol over wss:// with a trusted CA', async () => {
  const port = await startTlsEcho();
  const { ws, protocol } = await connectWebSocket(`wss://localhost:${port}/ws`, {
    subprotocol: SP,
    tls: { ca: CERT },
  });
  expect(protocol).toBe(SP);
  const reply = new Promise<string>((r) => ws.once('message', (d) => r(d.toString())));
  ws.send('over tls');
  expect(await reply).toBe('over tls');
  ws.terminate();
});

it('names host:port when the certificate is not trusted', async () => {
  const port = await startTlsEcho();
  await expect(connectWebSocket(`wss://localhost:${port}/ws`, { subprotocol: SP })).rejects.toThrow(
    `(localhost:${port})`,
  );
});
