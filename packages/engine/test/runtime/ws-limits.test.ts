/**
 * WebSocket limits and lifecycle: oversize frames, invalid UTF-8, /health, ping, and many
 * connect/disconnect cycles leaving no back-end connection behind.
 */
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Runtime } from '../../src/runtime/index.js';
import { Client, example1PerTest, runtimeWith, until } from './harness.js';

const example1 = example1PerTest();
let runtime: Runtime | undefined;

afterEach(async () => {
  await runtime?.stop();
  runtime = undefined;
});

describe('WebSocket inbound limits', () => {
  it('closes with 1009 on a frame over 64 KiB by default', async () => {
    ({ runtime } = await runtimeWith(example1.project()));
    const c = new Client(`ws://127.0.0.1:${example1.wsPort}/`);
    await c.opened;
    c.send('x'.repeat(65537));
    expect((await c.closed).code).toBe(1009);
  });

  it('honours ws.max.frame.size', async () => {
    ({ runtime } = await runtimeWith(
      example1.project({ extraParams: '<parameter name="ws.max.frame.size">100</parameter>' }),
    ));
    const ok = new Client(`ws://127.0.0.1:${example1.wsPort}/`);
    await ok.opened;
    ok.send('y'.repeat(100));
    expect(await ok.next()).toBe('y'.repeat(100));
    ok.send('y'.repeat(101));
    expect((await ok.closed).code).toBe(1009);
  });

  it('closes with 1007 on invalid UTF-8 in a text frame', async () => {
    ({ runtime } = await runtimeWith(example1.project()));
    const c = new Client(`ws://127.0.0.1:${example1.wsPort}/`);
    await c.opened;
    c.ws.send(Buffer.from([0xc3, 0x28]), { binary: false });
    expect((await c.closed).code).toBe(1007);
  });

  it('answers GET /health with 200 and no body, and ping with pong', async () => {
    ({ runtime } = await runtimeWith(example1.project()));
    const res = await fetch(`http://127.0.0.1:${example1.wsPort}/health`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    const c = new Client(`ws://127.0.0.1:${example1.wsPort}/`);
    await c.opened;
    const pong = new Promise<Buffer>((r) => c.ws.once('pong', (d: Buffer) => r(d)));
    c.ws.ping('are you there');
    expect((await pong).toString()).toBe('are you there');
    await c.close();
  });

  it('leaves zero back-end connections after 1000 connect/disconnect cycles', async () => {
    ({ runtime } = await runtimeWith(example1.project()));
    for (let round = 0; round < 20; round++) {
      const batch = Array.from({ length: 50 }, () => new WebSocket(`ws://127.0.0.1:${example1.wsPort}/`));
      await Promise.all(batch.map((ws) => new Promise((r, j) => ws.once('open', r).once('error', j))));
      batch.forEach((ws, i) => (i % 2 ? ws.close() : ws.terminate()));
      await Promise.all(
        batch.map((ws) => new Promise((r) => (ws.readyState === ws.CLOSED ? r(null) : ws.once('close', r)))),
      );
    }
    await until(
      () => runtime!.status().backendConnections === 0 && example1.backend.connections() === 0,
      10000,
      'back-end connections to drain',
    );
    expect(example1.backend.totalConnections()).toBeGreaterThan(900);
    expect(runtime.status().listeners.find((l) => l.kind === 'ws')?.clients).toBe(0);
  });
});
