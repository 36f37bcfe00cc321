/**
 * Issue 18, F1 on the HTTP listener, the mirror of flow-control.test.ts's WebSocket cases: one
 * keep-alive connection pipelines requests as fast as its socket takes them.
 *
 * - A client that does not read its responses: once the answers waiting for it pass the
 *   socket's high-water mark, its connection is not read any more, so its own writes stall and
 *   the server holds a bounded amount for it; when it reads, every request is answered.
 * - A WebSocket back end that does not read: once its buffer passes `send_buffer_high_water`, the
 *   HTTP connection its messages come from is paused, before the hard limit refuses any (no 503);
 *   when the back end reads again, every request is accepted (202).
 *
 * "Stalled" is a write that has waited 2 s for 'drain'; a slow machine can only make the
 * writer stop early, never make a test fail for want of time.
 */
import { once } from 'node:events';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/runtime/index.js';
import { relayToDeafBackend } from './flow-helpers.js';
import { freePort, project, runtimeWith, tomlFor, until } from './harness.js';

const NS = 'xmlns="http://ws.apache.org/ns/synapse"';

let runtime: Runtime | undefined;
const closers: (() => unknown)[] = [];
afterEach(async () => {
  await runtime?.stop();
  runtime = undefined;
  for (const c of closers.splice(0)) await c();
});

/** A keep-alive connection to `port`; the statuses of the responses it has read so far. */
async function connection(port: number): Promise<{ socket: net.Socket; statuses: number[] }> {
  const socket = net.connect(port, '127.0.0.1');
  closers.push(() => socket.destroy());
  socket.on('error', () => undefined);
  await once(socket, 'connect');
  const statuses: number[] = [];
  // Status lines, found across chunk boundaries; bodies of 'x' never look like one.
  let pending = '';
  socket.on('data', (d: Buffer) => {
    pending += d.toString('latin1');
    const re = /HTTP\/1\.1 (\d{3}) /g;
    let end = 0;
    for (let m; (m = re.exec(pending)); end = re.lastIndex) statuses.push(Number(m[1]));
    pending = pending.slice(Math.max(end, pending.length - 16));
  });
  socket.pause(); // nothing is read until the test says so
  return { socket, statuses };
}

/** A POST of `bodyBytes` to `path`, as raw bytes. */
function postRequest(path: string, bodyBytes: number): Buffer {
  return Buffer.from(
    `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\nContent-Length: ${bodyBytes}\r\n\r\n${'x'.repeat(bodyBytes)}`,
    'latin1',
  );
}

/**
 * Writes `request` up to `count` times, waiting for 'drain' when the socket asks to; stops when a
 * wait lasts 2 s (stalled). Resolves with how many were written.
 */
async function pipeline(
  socket: net.Socket,
  request: Buffer,
  count: number,
): Promise<{ written: number; stalled: boolean }> {
  for (let i = 1; i <= count; i++) {
    if (socket.write(request)) continue;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const drained = await Promise.race([
      once(socket, 'drain').then(() => true),
      new Promise<boolean>((r) => (timer = setTimeout(() => r(false), 2000))),
    ]);
    clearTimeout(timer);
    if (!drained) return { written: i, stalled: true };
  }
  return { written: count, stalled: false };
}

describe('flow control on the HTTP listener', () => {
  it('stops reading a connection whose client does not read its responses; all are answered once it reads', async () => {
    const httpPort = await freePort();
    ({ runtime } = await runtimeWith(
      project(
        {
          'artifacts/proxy-services/Echo.xml': `<proxy name="Echo" transports="http" ${NS}><target><inSequence><respond/></inSequence></target></proxy>`,
        },
        tomlFor(httpPort),
      ),
    ));
    const c = await connection(httpPort);
    const request = postRequest('/services/Echo', 64 * 1024);
    const tries = 1024; // 64 MiB: far more than loopback's buffers both ways
    const sent = await pipeline(c.socket, request, tries);
    expect(sent.stalled, `the writer stalled (it wrote ${sent.written} of ${tries})`).toBe(true);
    expect(sent.written).toBeLessThan(tries);

    c.socket.resume();
    await until(
      () => c.statuses.length === sent.written,
      30_000,
      `answers to all ${sent.written} requests (got ${c.statuses.length})`,
    );
    expect(c.statuses.every((s) => s === 200)).toBe(true);
  }, 60_000);

  it('pauses an HTTP connection whose WebSocket back end does not read, before the hard limit refuses any', async () => {
    const relay = await relayToDeafBackend();
    closers.push(() => relay.deaf.close());
    runtime = relay.runtime;
    const { deaf, httpPort } = relay;
    const c = await connection(httpPort);
    c.socket.resume(); // this client reads its 202s; only the back end is deaf
    const request = postRequest('/services/relay', 32 * 1024);
    const tries = 2048; // 64 MiB: far more than loopback's buffers and the hard limit together
    const sent = await pipeline(c.socket, request, tries);
    expect(sent.stalled, `the writer stalled (it wrote ${sent.written} of ${tries})`).toBe(true);
    expect(c.statuses.filter((s) => s !== 202)).toEqual([]);

    // The back end reads again: the held requests go through, none refused.
    for (const s of deaf.sockets) s.resume();
    await until(
      () => c.statuses.length === sent.written,
      30_000,
      `answers to all ${sent.written} requests (got ${c.statuses.length})`,
    );
    expect(c.statuses.filter((s) => s !== 202)).toEqual([]);
  }, 60_000);
});
