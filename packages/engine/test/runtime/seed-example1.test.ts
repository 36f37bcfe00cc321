/**
 * Seed Example 1: WebSocket client → inbound endpoint → WebSocket back end, and back through
 * the outflow dispatch sequence. Real sockets on loopback; the sample back end answers.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/runtime/index.js';
import type { EventLog } from './harness.js';
import { Client, example1PerTest, runtimeWith, until } from './harness.js';

const example1 = example1PerTest();
let runtime: Runtime | undefined;
let events: EventLog;

afterEach(async () => {
  await runtime?.stop();
  runtime = undefined;
});

async function start(level = '0') {
  ({ runtime, events } = await runtimeWith(example1.project({ level })));
}

describe('seed Example 1', () => {
  it('relays hello to the back end and its reply back, with one back-end connection per client', async () => {
    await start();
    const c = new Client(`ws://127.0.0.1:${example1.wsPort}/websocket`);
    await c.opened;
    c.send('hello');
    expect(await c.next()).toBe('hello');
    expect(example1.backend.received).toContain('hello');
    expect(example1.backend.connections()).toBe(1);
    // The outflow sequence logged the reply; a pass-through frame shows its text (documented deviation).
    const line = await events.waitFor((e) => e.kind === 'log' && e.text.includes('Payload: hello'));
    expect(line.text).toMatch(
      /^To: , MessageID: urn:uuid:[0-9A-F]+\d{13}, Direction: request, Payload: hello$/,
    );
    expect(line.category).toBe('LogMediator');
    expect(line.mediatorPath).toBe('outDispatchSeq:sequence/0');
    await c.close();
    await until(() => example1.backend.connections() === 0, 5000, 'the back-end connection to close');
    expect(runtime!.status().backendConnections).toBe(0);
  });

  it('logs the back-end handshake in the outflow sequence with the empty envelope, as MI does', async () => {
    await start();
    const c = new Client(`ws://127.0.0.1:${example1.wsPort}/websocket`);
    await c.opened;
    const line = await events.waitFor((e) => e.kind === 'log');
    expect(line.text).toMatch(
      /^To: , MessageID: urn:uuid:\S+, Direction: request, Envelope: <\?xml version='1.0' encoding='utf-8'\?><soapenv:Envelope xmlns:soapenv="http:\/\/schemas.xmlsoap.org\/soap\/envelope\/"><soapenv:Body\/><\/soapenv:Envelope>$/,
    );
    await c.close();
  });

  it('gives 50 concurrent clients only their own replies (broadcast level 0)', async () => {
    await start();
    const clients = Array.from(
      { length: 50 },
      () => new Client(`ws://127.0.0.1:${example1.wsPort}/websocket`),
    );
    await Promise.all(clients.map((c) => c.opened));
    clients.forEach((c, i) => {
      c.send(`m${i}-a`);
      c.send(`m${i}-b`);
    });
    for (const [i, c] of clients.entries()) {
      expect([await c.next(), await c.next()]).toEqual([`m${i}-a`, `m${i}-b`]);
    }
    await new Promise((r) => setTimeout(r, 100));
    for (const c of clients) expect(c.pending()).toEqual([]);
    expect(example1.backend.totalConnections()).toBe(50);
    expect(example1.backend.connections()).toBe(50);
    await Promise.all(clients.map((c) => c.close()));
    await until(() => example1.backend.connections() === 0, 5000, 'all back-end connections to close');
  });

  it('broadcast level 1 delivers to every client on the same path, level 2 to all but the sender', async () => {
    for (const level of ['1', '2']) {
      await start(level);
      const a = new Client(`ws://127.0.0.1:${example1.wsPort}/chat`);
      const b = new Client(`ws://127.0.0.1:${example1.wsPort}/chat`);
      const other = new Client(`ws://127.0.0.1:${example1.wsPort}/elsewhere`);
      await Promise.all([a.opened, b.opened, other.opened]);
      a.send(`from-a-${level}`);
      expect(await b.next()).toBe(`from-a-${level}`);
      if (level === '1') expect(await a.next()).toBe(`from-a-${level}`);
      await new Promise((r) => setTimeout(r, 150));
      expect(a.pending()).toEqual([]);
      expect(other.pending()).toEqual([]);
      await Promise.all([a.close(), b.close(), other.close()]);
      await runtime!.stop();
      runtime = undefined;
    }
  });
});
