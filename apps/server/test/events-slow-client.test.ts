/**
 * `/api/events` with a client that stops reading: the runtime keeps answering, other clients keep
 * getting every event, and the stalled client, once it reads again, is told how many events it
 * lost (a `dropped` notice) instead of the server buffering without bound.
 */
import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import path from 'node:path';
import type { EventsMessage } from '@mediate/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  Cleanup,
  NS,
  freePort,
  startServer,
  tempDir,
  tomlFor,
  until,
  writeFiles,
  type TestServer,
} from './helpers/server.js';

const cleanup = new Cleanup();
let server: TestServer;
let httpPort: number;

/** A proxy that logs the full message 101 times per request (full lines carry the payload), then answers. */
function noisyProxy(): string {
  const lines = Array.from(
    { length: 100 },
    (_, i) => `<log level="full"><property name="i" value="${i}"/></log>`,
  ).join('\n      ');
  return `<proxy name="Noisy" transports="http" startOnLoad="true" ${NS}>
  <target>
    <inSequence>
      ${lines}
      <log level="full"/>
      <respond/>
    </inSequence>
  </target>
</proxy>
`;
}

beforeAll(async () => {
  httpPort = await freePort();
  const project = path.join(tempDir('mediate-test-', cleanup), 'p');
  await writeFiles(project, {
    'deployment.toml': tomlFor(httpPort),
    'artifacts/proxy-services/Noisy.xml': noisyProxy(),
  });
  server = await startServer(cleanup, { project });
});
afterAll(() => cleanup.run());

/** Opens `/api/events` over a bare TCP socket, reads the 101, then stops reading. */
async function stalledClient(): Promise<{ socket: Socket; received: () => string }> {
  const socket = connect(server.port, '127.0.0.1');
  cleanup.add(() => socket.destroy());
  socket.on('error', () => undefined);
  let data = '';
  let upgraded = false;
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => {
      socket.write(
        `GET /api/events HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
      );
    });
    socket.on('data', (chunk: Buffer) => {
      data += chunk.toString('latin1');
      if (!upgraded && data.includes('\r\n\r\n')) {
        upgraded = true;
        if (!data.startsWith('HTTP/1.1 101')) reject(new Error(data));
        socket.pause();
        resolve();
      }
    });
  });
  // Server frames are unmasked, so each event's JSON is there verbatim between frame headers.
  return { socket, received: () => data };
}

async function post(body: string): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${httpPort}/services/Noisy`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'text/plain' },
  });
  await res.text();
  return res.status;
}

describe('a slow /api/events client', () => {
  it('never blocks the runtime or other clients, and is told what it missed', async () => {
    const stalled = await stalledClient();
    const normal = new WebSocket(`ws://127.0.0.1:${server.port}/api/events`, { perMessageDeflate: false });
    normal.on('error', () => undefined);
    cleanup.add(() => normal.terminate());
    let normalSaw = false;
    let normalDropped = 0;
    normal.on('message', (d) => {
      for (const e of (JSON.parse(String(d)) as EventsMessage).events) {
        if (e.kind === 'dropped') normalDropped++;
        if (e.text.includes('final-marker')) normalSaw = true;
      }
    });
    await new Promise((r) => normal.once('open', r));

    // Each full log event carries a copy of the payload, so two requests of 60 KB through 101 log
    // mediators make 12 MB of events: more than the socket buffers and the 1 MiB the server lets
    // queue on a socket. Then 150 small requests make 15,150 events: more than the 10,000 a
    // subscriber may have waiting. Every request is answered meanwhile: nothing waits for the
    // stalled client.
    const big = 'x'.repeat(60 * 1024);
    for (let i = 0; i < 152; i++) expect(await post(i < 2 ? big : 'small')).toBe(200);
    expect(await post('final-marker')).toBe(200);

    // The other client got everything, with nothing dropped.
    await until(() => normalSaw, 20_000, 'the normal client to see the last request');
    expect(normalDropped).toBe(0);
    expect(stalled.received()).not.toContain('final-marker');

    // The stalled client reads again: it gets a dropped notice with the number it missed.
    stalled.socket.resume();
    const missed = await until(
      () => /"kind":"dropped"[^}]*"missed":(\d+)/.exec(stalled.received())?.[1],
      20_000,
      'the dropped notice',
    );
    expect(Number(missed)).toBeGreaterThan(0);
  }, 60_000);
});
