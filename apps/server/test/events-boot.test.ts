/**
 * The server process's id (`boot`) on `/api/health` and as the first message of `/api/events`,
 * and resuming across a restart: a client that resumes with the old process's `since` and `boot`
 * gets the new process's events from its first one, not only those numbered past the old `since`.
 */
import type { EventsMessage, RuntimeEvent } from '@mediate/engine';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  call,
  Cleanup,
  freePort,
  sequenceXml,
  smallProject,
  startServer,
  tempDir,
  until,
  type TestServer,
} from './helpers/server.js';

const cleanup = new Cleanup();
afterAll(() => cleanup.run());

/** Every message a `/api/events` client receives, in order. */
class Stream {
  readonly messages: EventsMessage[] = [];
  readonly opened: Promise<void>;
  private readonly ws: WebSocket;

  constructor(server: TestServer, query = '') {
    this.ws = new WebSocket(`ws://127.0.0.1:${server.port}/api/events${query}`);
    this.ws.on('error', () => undefined);
    cleanup.add(() => this.ws.terminate());
    this.ws.on('message', (d) => this.messages.push(JSON.parse(String(d)) as EventsMessage));
    this.opened = new Promise((resolve, reject) => {
      this.ws.once('open', () => resolve());
      this.ws.once('error', reject);
    });
  }

  get events(): RuntimeEvent[] {
    return this.messages.flatMap((m) => m.events);
  }

  close(): void {
    this.ws.close();
  }
}

const deployedLines = (s: Stream) => s.events.filter((e) => e.kind === 'deployed');

describe('/api/events across a server restart', () => {
  it('names the process on /api/health and first on the stream, and replays the new process from its start', async () => {
    const project = await smallProject(tempDir('mediate-test-', cleanup), await freePort());
    const first = await startServer(cleanup, { project });
    const health = await call(first.base, 'GET', '/api/health');
    expect(health.status).toBe(200);
    const boot = health.json.boot as string;
    expect(boot).toMatch(/^[0-9a-f-]{36}$/);

    const a = new Stream(first);
    await a.opened;
    // The start deployed the proxy and the sequence: two `deployed` events, after the hello.
    await until(() => deployedLines(a).length === 2, 5000, 'the first server’s deploy events');
    expect(a.messages[0]).toEqual({ events: [], boot });
    const oldLast = Math.max(...a.events.map((e) => e.seq));
    a.close();

    // Same process, same boot: resuming replays nothing already seen. Events come in order, so
    // once a new one is in, any replay would have come before it.
    const same = new Stream(first, `?since=${oldLast}&boot=${boot}`);
    await same.opened;
    const put = await call(first.base, 'PUT', '/api/artifacts/sequences/helper', {
      xml: sequenceXml('helper', '<log level="full"/>'),
    });
    expect(put.status).toBe(200);
    expect((await call(first.base, 'POST', '/api/deploy')).status).toBe(200);
    await until(() => deployedLines(same).length === 1, 5000, 'the redeploy of helper');
    expect(same.messages[0]).toEqual({ events: [], boot });
    expect(same.events[0]?.seq).toBe(oldLast + 1);
    same.close();
    await first.stop();

    const second = await startServer(cleanup, { project, home: first.home });
    const again = await call(second.base, 'GET', '/api/health');
    expect(again.json.boot).toMatch(/^[0-9a-f-]{36}$/);
    expect(again.json.boot).not.toBe(boot);

    // The new process numbers from 1 again; its start's events are at or below the old `since`.
    const resumed = new Stream(second, `?since=${oldLast}&boot=${boot}`);
    await resumed.opened;
    await until(() => deployedLines(resumed).length === 2, 5000, 'the second server’s deploy events');
    expect(resumed.messages[0]).toEqual({ events: [], boot: again.json.boot });
    expect(resumed.events[0]?.seq).toBe(1);
    expect(Math.min(...deployedLines(resumed).map((e) => e.seq))).toBeLessThanOrEqual(oldLast);
  });
});
