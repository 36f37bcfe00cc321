/**
 * `/api/events` (acceptance 4): a client sees the log line of a message sent through seed
 * Example 1 within 200 ms of the reply; a client connecting later gets the replay, and
 * `?since=<seq>` resumes after that event. The bundled example runs on free ports with the
 * sample back end on a free port.
 */
import path from 'node:path';
import type { EventsMessage, RuntimeEvent } from '@mediate/engine';
import { startSampleBackend } from '@mediate/engine/sample-backend';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  Cleanup,
  freePort,
  seedProject,
  startServer,
  tempDir,
  until,
  type TestServer,
} from './helpers/server.js';

const cleanup = new Cleanup();
let server: TestServer;
let wsPort: number;

beforeAll(async () => {
  const backend = await startSampleBackend({ port: 0 });
  cleanup.add(() => backend.close());
  wsPort = await freePort();
  const project = await seedProject(path.join(tempDir('mediate-test-', cleanup), 'seed'), {
    wsPort,
    httpPort: await freePort(),
    backendUrl: backend.url,
  });
  server = await startServer(cleanup, { project });
});
afterAll(() => cleanup.run());

/** An `/api/events` client that records every event with the time it arrived. */
class EventsClient {
  readonly ws: WebSocket;
  readonly events: { e: RuntimeEvent; at: number }[] = [];
  readonly opened: Promise<void>;

  constructor(query = '') {
    this.ws = new WebSocket(`ws://127.0.0.1:${server.port}/api/events${query}`);
    this.ws.on('error', () => undefined); // a terminate() in cleanup must not throw
    cleanup.add(() => this.ws.terminate());
    this.ws.on('message', (data) => {
      const at = performance.now();
      for (const e of (JSON.parse(String(data)) as EventsMessage).events) this.events.push({ e, at });
    });
    this.opened = new Promise((resolve, reject) => {
      this.ws.once('open', () => resolve());
      this.ws.once('error', reject);
    });
  }

  find(pred: (e: RuntimeEvent) => boolean): { e: RuntimeEvent; at: number } | undefined {
    return this.events.find((x) => pred(x.e));
  }

  waitFor(pred: (e: RuntimeEvent) => boolean, what: string): Promise<{ e: RuntimeEvent; at: number }> {
    return until(() => this.find(pred), 5000, what);
  }
}

/** Sends one text frame through Example 1's inbound endpoint; resolves with the reply's arrival time. */
async function sendThroughExample1(text: string): Promise<{ reply: string; at: number }> {
  const ws = new WebSocket(`ws://127.0.0.1:${wsPort}/websocket`);
  ws.on('error', () => undefined);
  cleanup.add(() => ws.terminate());
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const reply = new Promise<{ reply: string; at: number }>((resolve) =>
    ws.once('message', (d) => resolve({ reply: String(d), at: performance.now() })),
  );
  ws.send(text);
  const r = await reply;
  ws.close();
  return r;
}

const logOf = (marker: string) => (e: RuntimeEvent) => e.kind === 'log' && e.text.includes(marker);

describe('/api/events', () => {
  let helloSeq = 0;

  it('shows the log line of a message through seed Example 1 within 200 ms of the reply', async () => {
    const c = new EventsClient();
    await c.opened;
    // The replay comes first: the deploy of the example is in it.
    await c.waitFor((e) => e.kind === 'deployed', 'the replayed deploy events');

    const sent = await sendThroughExample1('{"hello":"mediate"}');
    // Example 1 relays the frame unchanged and the sample back end echoes it.
    const line = await c.waitFor(logOf('{"hello":"mediate"}'), 'the log line of the reply');
    expect(sent.reply).toBe('{"hello":"mediate"}');
    expect(line.e).toMatchObject({
      level: 'INFO',
      category: 'LogMediator',
      seq: expect.any(Number),
      time: expect.any(Number),
    });
    expect(line.e.text).toContain('Direction: request');
    // The acceptance: the line is on the stream within 200 ms of the reply reaching the client.
    expect(line.at - sent.at).toBeLessThan(200);
    helloSeq = line.e.seq;
  });

  it('replays recent events, in order, to a client that connects later', async () => {
    const late = new EventsClient();
    await late.opened;
    const line = await late.waitFor((e) => e.seq === helloSeq, 'the replayed log line');
    expect(line.e.text).toContain('{"hello":"mediate"}');
    const seqs = late.events.map((x) => x.e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(seqs[0]).toBe(1);
  });

  it('resumes after ?since=<seq> without repeating that event', async () => {
    await sendThroughExample1('{"second":1}');
    const resumed = new EventsClient(`?since=${helloSeq}`);
    await resumed.opened;
    // The second message's events come after helloSeq, so they are replayed.
    await resumed.waitFor(
      (e) => e.kind === 'client.closed' && e.seq > helloSeq + 1,
      'the replayed events of the second message',
    );
    const seqs = resumed.events.map((x) => x.e.seq);
    expect(Math.min(...seqs)).toBe(helloSeq + 1);
    expect(resumed.find((e) => e.seq <= helloSeq)).toBeUndefined();
    // And live events keep coming on the same socket.
    await sendThroughExample1('{"third":1}');
    await resumed.waitFor(
      (e) => e.kind === 'log' && e.seq > Math.max(...seqs),
      'a live event after the replay',
    );
  });

  it('ignores a malformed since and replays everything', async () => {
    const c = new EventsClient('?since=abc');
    await c.opened;
    await c.waitFor((e) => e.seq === 1, 'the first event');
  });

  it('refuses other paths and a cross-origin upgrade', async () => {
    const other = new WebSocket(`ws://127.0.0.1:${server.port}/api/nope`);
    other.on('error', () => undefined);
    cleanup.add(() => other.terminate());
    await expect(
      new Promise((resolve, reject) => (other.once('open', resolve), other.once('error', reject))),
    ).rejects.toThrow();
    const evil = new WebSocket(`ws://127.0.0.1:${server.port}/api/events`, { origin: 'http://evil.example' });
    evil.on('error', () => undefined);
    cleanup.add(() => evil.terminate());
    const status = await new Promise<number>((resolve) => {
      evil.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      evil.once('open', () => resolve(101));
    });
    expect(status).toBe(403);
    // Its own origin is fine.
    const own = new EventsClient();
    await own.opened;
  });
});
