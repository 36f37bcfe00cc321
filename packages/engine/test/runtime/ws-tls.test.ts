/**
 * connectWebSocket over TLS (`wss://`), with the subprotocol workaround, against a `ws` server
 * using handleUpgradeWithSubprotocol on an `https` server.
 */
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { connectWebSocket, handleUpgradeWithSubprotocol } from '../../src/runtime/ws/index.js';

// Self-signed test-only pair for localhost / 127.0.0.1, valid 2020-01-01 to 2120-01-01.
const KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg/d5MDF3rNrCjsuuz
z5IzMH3MrKrGmTNVjOYFdtS/BlChRANCAAQe+Zae0ALpnKpzJQFIGVeHQcr43fwz
KS7idsSCm14ma/P0/y2XUVGFm6JVzXTBSysYcj4jy/5VMYp3AG0Ed4BY
-----END PRIVATE KEY-----`;
const CERT = `-----BEGIN CERTIFICATE-----
MIIBaDCCAQ2gAwIBAgIBATAKBggqhkjOPQQDAjAUMRIwEAYDVQQDDAlsb2NhbGhv
c3QwIBcNMjAwMTAxMDAwMDAwWhgPMjEyMDAxMDEwMDAwMDBaMBQxEjAQBgNVBAMM
CWxvY2FsaG9zdDBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABB75lp7QAumcqnMl
AUgZV4dByvjd/DMpLuJ2xIKbXiZr8/T/LZdRUYWbolXNdMFLKxhyPiPL/lUxincA
bQR3gFijTjBMMBoGA1UdEQQTMBGCCWxvY2FsaG9zdIcEfwAAATAPBgNVHRMBAf8E
BTADAQH/MB0GA1UdDgQWBBSxlTaihjxGymtrRHpNOqfs0fRXDjAKBggqhkjOPQQD
AgNJADBGAiEA8XMBKiRnthYZTkoqha6mGgvlJdc0nA44ydh0c2x7gM4CIQD34hGD
85XIWqOC7oRopYcngCuEUnJEqGrITHhjPSrgWQ==
-----END CERTIFICATE-----`;
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
