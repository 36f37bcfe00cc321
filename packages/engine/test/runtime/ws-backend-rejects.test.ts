/**
 * Issue 14: a WebSocket back end that refuses the handshake (it answers the upgrade with 403).
 * In MI the handshake future fails (WebSocketClientHandler.exceptionCaught), getChannelHandler's
 * `handshakeFuture().sync()` rethrows, and the send fails into the message's fault handler: for an
 * inbound client's frame, the inbound endpoint's onError sequence. Real sockets on loopback.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/runtime/index.js';
import { startRawServer } from '../../src/testing/index.js';
import { Client, freePort, project, runtimeWith, tomlFor, until, type EventLog } from './harness.js';

const NS = 'xmlns="http://ws.apache.org/ns/synapse"';

let runtime: Runtime;
let events: EventLog;
let wsPort: number;
let refusing: { port: number; close(): Promise<void> };
let upgrades = 0;

beforeAll(async () => {
  refusing = await startRawServer((req) => {
    upgrades++;
    req.socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
  });
  wsPort = await freePort();
  ({ runtime, events } = await runtimeWith(
    project(
      {
        'artifacts/sequences/toRefusing.xml': `<sequence name="toRefusing" ${NS}>
  <filter xpath="get-property('connection.terminate') = 'true'"><then><drop/></then></filter>
  <property name="OUT_ONLY" value="true"/>
  <send><endpoint><address uri="ws://127.0.0.1:${refusing.port}/ws"/></endpoint></send>
</sequence>`,
        'artifacts/sequences/refusedError.xml': `<sequence name="refusedError" ${NS}>
  <log level="custom"><property name="onError" expression="get-property('ERROR_MESSAGE')"/></log>
</sequence>`,
        'artifacts/inbound-endpoints/Refused.xml': `<inboundEndpoint name="Refused" protocol="ws" sequence="toRefusing" onError="refusedError" suspend="false" ${NS}>
  <parameters><parameter name="inbound.ws.port">${wsPort}</parameter></parameters>
</inboundEndpoint>`,
      },
      tomlFor(0),
    ),
  ));
});

afterAll(async () => {
  await runtime.stop();
  await refusing.close();
});

describe('a WebSocket back end that refuses the handshake', () => {
  it("runs the inbound endpoint's onError sequence with the error (WebsocketConnectionFactory.getChannelHandler: handshakeFuture().sync())", async () => {
    const c = new Client(`ws://127.0.0.1:${wsPort}/chat`);
    await c.opened;
    await until(() => upgrades >= 1, 5000, 'the back end to be asked for an upgrade');
    const onError = () => events.logs().filter((e) => e.mediatorPath?.startsWith('refusedError') === true);
    await until(() => onError().length === 1, 5000, 'onError for the handshake message');
    expect(String(onError()[0]?.properties?.onError)).toContain('403');
    // The client stays connected (only an unreachable back end closes it, with 1014); its next
    // frame asks the back end again and takes the fault path again.
    expect(c.ws.readyState).toBe(c.ws.OPEN);
    c.ws.send('a frame');
    await until(() => onError().length === 2 && upgrades >= 2, 5000, 'onError for the frame');
    expect(String(onError()[1]?.properties?.onError)).toContain('403');
    expect(c.ws.readyState).toBe(c.ws.OPEN);
    c.ws.close();
  });
});
