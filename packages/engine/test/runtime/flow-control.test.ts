/**
 * Backpressure past the high-water mark and the hard limit (transports/flow-control.ts), on real
 * sockets with small limits from `[mediate.limits]`:
 *
 * - a broadcast peer that never reads is closed with 1008 once a hard limit waits for it, and
 *   said so; the sender and its back end go on;
 * - HTTP requests whose back end never reads: first accepted (202), then refused with 503 once a
 *   hard limit waits for that back end, with the back end named; nothing hangs.
 * - a limit that makes no sense is a located configuration error.
 *
 * The limits are Mediate's (MI has no such keys); README "Reliability" lists them.
 */
import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { parseProjectConfig } from '../../src/model/index.js';
import type { Runtime } from '../../src/runtime/index.js';
import { startSampleBackend, type SampleBackend } from '../../src/sample-backend/index.js';
import { relayToDeafBackend, SMALL_FLOW_LIMITS } from './flow-helpers.js';
import {
  Client,
  freePort,
  project,
  runtimeWith,
  tomlFor,
  until,
  type EventLog,
  example1Files,
} from './harness.js';

const NS = 'xmlns="http://ws.apache.org/ns/synapse"';

let runtime: Runtime | undefined;
const closers: (() => unknown)[] = [];
afterEach(async () => {
  await runtime?.stop();
  runtime = undefined;
  for (const c of closers.splice(0)) await c();
});

/** A POST on a connection of its own (no keep-alive): resolves with the status and body. */
function postOnce(url: string, body: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: 'POST', agent: false, headers: { 'content-type': 'text/plain' } },
      (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.setTimeout(5000, () => req.destroy(new Error('no answer within 5 s')));
    req.end(body);
  });
}

describe('flow control', () => {
  it('closes a broadcast peer that does not read once a hard limit waits for it; the others go on', async () => {
    const backend: SampleBackend = await startSampleBackend({ port: 0, receivedLimit: 0 });
    closers.push(() => backend.close());
    const wsPort = await freePort();
    let events: EventLog;
    ({ runtime, events } = await runtimeWith(
      project(
        example1Files({
          wsPort,
          backendUrl: backend.url,
          level: '1',
          outDispatchSeq: `<sequence name="outDispatchSeq" ${NS}><respond/></sequence>`,
        }),
        tomlFor(0, SMALL_FLOW_LIMITS),
      ),
    ));
    const reader = new Client(`ws://127.0.0.1:${wsPort}/room`);
    const deaf = new Client(`ws://127.0.0.1:${wsPort}/room`);
    await Promise.all([reader.opened, deaf.opened]);
    deaf.ws.pause();
    let received = 0;
    reader.ws.on('message', () => received++);
    const frame = 'b'.repeat(16 * 1024);
    const frames = 600; // 9.4 MiB: more than loopback's buffers and the hard limit together
    // At most 8 frames in flight: the reader reads as fast as it is sent, so only the deaf
    // client falls behind.
    for (let i = 0; i < frames; i++) {
      reader.send(frame);
      if (i - received >= 8) await until(() => i - received < 8, 10_000, 'the reader to catch up');
    }
    const warning = await events.waitFor(
      (e) => e.kind === 'warning' && e.text.includes('does not read what it is sent'),
      10_000,
    );
    expect(warning.text).toMatch(
      /^WebSocket client \S+ on WebSocketInbound\/room does not read what it is sent: \d+ bytes are waiting \(limit 262144\); closed with 1008$/,
    );
    // The deaf client, reading at last, finds its connection closed (the close frame may be cut
    // off with the backlog: 1008 or 1006).
    deaf.ws.resume();
    expect([1008, 1006]).toContain((await deaf.closed).code);
    // The reader got every broadcast of its own frames: the slow peer held nobody up.
    await until(
      () => received === frames,
      10_000,
      `all ${frames} broadcasts at the reader (got ${received})`,
    );
    await reader.close();
  }, 30_000);

  it('answers 503 naming the back end once a hard limit waits for a WebSocket back end that does not read', async () => {
    const relay = await relayToDeafBackend();
    closers.push(() => relay.deaf.close());
    runtime = relay.runtime;
    const { deaf, httpPort } = relay;
    const url = `http://127.0.0.1:${httpPort}/services/relay`;
    const body = 'h'.repeat(32 * 1024);
    const statuses: number[] = [];
    let refused: { status: number; body: string } | undefined;
    // Loopback takes a few MB before the back end's window is full; then 256 KiB more at most.
    for (let i = 0; i < 1000 && !refused; i++) {
      const r = await postOnce(url, body);
      statuses.push(r.status);
      if (r.status !== 202) refused = r;
    }
    expect(refused, 'a refusal after the back end stopped reading').toBeDefined();
    expect(refused!.status).toBe(503);
    expect(refused!.body).toContain(`The back end ${deaf.url} does not keep up`);
    expect(refused!.body).toMatch(/\d+ bytes are waiting to be sent to it \(limit 262144\)/);
    // Everything before the refusal was accepted.
    expect(statuses.slice(0, -1).every((s) => s === 202)).toBe(true);
    expect(statuses.length).toBeGreaterThan(1);
  }, 60_000);
});

describe('[mediate.limits]', () => {
  it('reads the send buffer limits, and refuses a hard limit at or below the high-water mark', () => {
    expect(parseProjectConfig(SMALL_FLOW_LIMITS).config.limits).toMatchObject({
      sendBufferHighWater: 65536,
      sendBufferHardLimit: 262144,
    });
    const bad = parseProjectConfig(
      '[mediate.limits]\nsend_buffer_high_water = 2000000\nsend_buffer_hard_limit = 1000000\n',
    );
    expect(bad.diagnostics).toEqual([
      expect.objectContaining({
        severity: 'error',
        code: 'CONFIG_VALUE',
        message:
          '[mediate.limits] send_buffer_hard_limit (1000000) must be above send_buffer_high_water (2000000).',
      }),
    ]);
    expect(
      parseProjectConfig('[mediate.limits]\nsend_buffer_high_water = 12\n').diagnostics[0]?.message,
    ).toBe(
      '[mediate.limits] send_buffer_high_water must be a whole number from 1024 to 1073741824, not "12".',
    );
  });
});
