/**
 * Issue 18, F7: the per-listener limits of `[mediate.limits]` on real sockets, with short
 * configured values (README, "Reliability: limits and what a client sees"):
 *
 * - `ws_max_connections`: the connection past the limit on an inbound endpoint is refused before
 *   its handshake (the client never opens) and a WARN says so; once a client leaves, a new one
 *   gets in;
 * - `request_timeout_ms`: a request whose head arrived but whose body never completes gets 408
 *   and is closed;
 * - `keep_alive_timeout_ms`: a keep-alive connection left idle after its answer is closed.
 *
 * No timing is asserted beyond "eventually closed or answered" (the server sweeps every second).
 * The built CLI under `ulimit -n` is tested in apps/server/test/connection-limits.test.ts.
 */
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Runtime } from '../../src/runtime/index.js';
import { wsOpens } from '../../src/testing/index.js';
import { Client, freePort, project, runtimeWith, tomlFor, until, type EventLog } from './harness.js';

const NS = 'xmlns="http://ws.apache.org/ns/synapse"';

let runtime: Runtime | undefined;
const sockets: net.Socket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  await runtime?.stop();
  runtime = undefined;
});

/** A runtime with an echo proxy on `httpPort` and an inbound endpoint on `wsPort`, under `limits`. */
async function start(limits: string): Promise<{ httpPort: number; wsPort: number; events: EventLog }> {
  const [httpPort, wsPort] = [await freePort(), await freePort()];
  let events: EventLog;
  ({ runtime, events } = await runtimeWith(
    project(
      {
        'artifacts/proxy-services/Echo.xml': `<proxy name="Echo" transports="http" ${NS}><target><inSequence><respond/></inSequence></target></proxy>`,
        'artifacts/sequences/drop.xml': `<sequence name="drop" ${NS}><drop/></sequence>`,
        'artifacts/inbound-endpoints/In.xml': `<inboundEndpoint name="In" protocol="ws" sequence="drop" ${NS}><parameters><parameter name="inbound.ws.port">${wsPort}</parameter></parameters></inboundEndpoint>`,
      },
      tomlFor(httpPort, `[mediate.limits]\n${limits}\n`),
    ),
  ));
  return { httpPort, wsPort, events };
}

/** A raw connection that sends `text` and collects what comes back. */
async function rawSend(port: number, text: string): Promise<{ socket: net.Socket; received: () => string }> {
  const socket = net.connect(port, '127.0.0.1');
  sockets.push(socket);
  socket.on('error', () => undefined);
  let received = '';
  socket.on('data', (d: Buffer) => (received += d.toString('latin1')));
  await new Promise((resolve) => socket.once('connect', resolve));
  socket.write(text);
  return { socket, received: () => received };
}

/** True once the server has closed `socket` (its end arrived, or it was reset). */
const closedByServer = (socket: net.Socket) => socket.readableEnded || socket.destroyed;

describe('connection limits of the runtime', () => {
  it('refuses the WebSocket client past ws_max_connections, says so, and lets one in when another leaves', async () => {
    const { wsPort, events } = await start('ws_max_connections = 2');
    const url = `ws://127.0.0.1:${wsPort}/`;
    const first = new Client(url);
    const second = new Client(url);
    await Promise.all([first.opened, second.opened]);

    expect(await wsOpens(url)).toBe(false);
    const warning = await events.waitFor((e) => e.kind === 'warning' && e.category === 'ConnectionLimit');
    expect(warning.text).toBe(
      `Inbound endpoint In on port ${wsPort} refused connections: it has 2 open, its limit ([mediate.limits]) is 2 (1 refused so far)`,
    );
    // The two inside are untouched.
    expect(first.ws.readyState).toBe(WebSocket.OPEN);
    expect(second.ws.readyState).toBe(WebSocket.OPEN);

    await first.close();
    await until(() => wsOpens(url), 10_000, 'a new client to get in once one has left');
    await second.close();
  }, 30_000);

  it('answers a request whose body never completes with 408 after request_timeout_ms, and closes it', async () => {
    const { httpPort } = await start('headers_timeout_ms = 200\nrequest_timeout_ms = 400');
    // A whole head, then 3 of the 100 body bytes it announces, then nothing.
    const c = await rawSend(
      httpPort,
      `POST /services/Echo HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\nContent-Length: 100\r\n\r\nabc`,
    );
    await until(() => closedByServer(c.socket), 10_000, 'the server to close the unfinished request');
    expect(c.received()).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
  }, 30_000);

  it('closes a keep-alive connection left idle for keep_alive_timeout_ms after its answer', async () => {
    const { httpPort } = await start('headers_timeout_ms = 1000\nkeep_alive_timeout_ms = 200');
    const c = await rawSend(
      httpPort,
      `POST /services/Echo HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello`,
    );
    // Node's own default is 5 s: closed well before that, the configured 200 ms took effect.
    await until(() => closedByServer(c.socket), 4000, 'the server to close the idle keep-alive connection');
    // It was answered first, on a connection the server meant to keep (no "Connection: close").
    expect(c.received()).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(c.received()).toMatch(/\r\n\r\nhello$/);
    expect(c.received()).not.toMatch(/\r\nConnection: close\r\n/i);
  }, 30_000);
});
