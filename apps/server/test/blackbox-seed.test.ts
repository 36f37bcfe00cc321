/**
 * The seed's two scenarios as a black box (issue 6, acceptance 3): the built CLI runs as a child
 * process (`mediate start` on a copy of the bundled example, with its own sample back end), and
 * the test talks to it only over its ports: a WebSocket client, an HTTP client and /api/events.
 */
import type { EventsMessage, RuntimeEvent } from '@mediate/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { buildServer, startSeedCli, type Child } from './helpers/child.js';
import { Cleanup, until } from './helpers/server.js';

const cleanup = new Cleanup();
afterAll(() => cleanup.run());

let child: Child;
let base: string;
let wsPort: number;
let httpPort: number;
const events: RuntimeEvent[] = [];

beforeAll(async () => {
  // The test runs what `pnpm start` runs: the built CLI.
  buildServer();
  const seed = await startSeedCli(cleanup);
  ({ child, wsPort, httpPort } = seed);
  base = seed.admin;
  const adminPort = seed.adminPort;
  const stream = new WebSocket(`ws://127.0.0.1:${adminPort}/api/events`);
  stream.on('message', (d) => events.push(...(JSON.parse(String(d)) as EventsMessage).events));
  cleanup.add(() => stream.terminate());
  await new Promise((r, j) => stream.once('open', r).once('error', j));
}, 60_000);

const logLine = (test: (e: RuntimeEvent) => boolean) =>
  until(() => events.find((e) => e.kind === 'log' && test(e)), 10_000, 'the log line on /api/events');

describe('the seed scenarios through the built CLI', () => {
  it('Example 1: a WebSocket client gets the back end reply, and the outflow log line streams', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${wsPort}/websocket`);
    cleanup.add(() => ws.terminate());
    await new Promise((r, j) => ws.once('open', r).once('error', j));
    const reply = new Promise<string>((r) => ws.once('message', (d) => r(String(d))));
    ws.send('hello');
    // inboundDispatchSeq forwards the frame unchanged (no content type asked for, as in the seed's
    // "not transformed"), the sample back end echoes it, outDispatchSeq logs it and responds.
    expect(await reply).toBe('hello');
    const line = await logLine(
      (e) => e.mediatorPath === 'outDispatchSeq:sequence/0' && e.text.endsWith('Payload: hello'),
    );
    expect(line.text).toMatch(/^To: , MessageID: urn:uuid:\S+, Direction: request, Payload: hello$/);
    ws.close();
  });

  it('Example 2: a POST to the proxy gets 202 and the back end reply is logged', async () => {
    const before = events.length;
    const res = await fetch(`http://127.0.0.1:${httpPort}/services/websocketProxy1`, {
      method: 'POST',
      headers: { 'content-type': 'text/xml' },
      body: '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><test>Value</test></soapenv:Body></soapenv:Envelope>',
    });
    expect(res.status).toBe(202);
    expect(await res.text()).toBe('');
    await until(
      () =>
        events
          .slice(before)
          .find((e) => e.kind === 'log' && e.text.includes('Payload: {"websocketResponse":"dummy"}')),
      10_000,
      'the back-end reply log line',
    );
  });

  it('reports both scenarios in /api/runtime counters', async () => {
    const info = (await (await fetch(`${base}/api/runtime`)).json()) as {
      artifacts: { name: string; messages: number }[];
    };
    const count = (name: string) => info.artifacts.find((a) => a.name === name)?.messages ?? 0;
    expect(count('WebSocketInbound')).toBeGreaterThanOrEqual(2); // handshake and frame (close may still be in flight)
    expect(count('websocketProxy1')).toBe(1);
  });

  it('stops cleanly on SIGTERM', async () => {
    expect(await child.kill('SIGTERM')).toBe(0);
    expect(child.stdout()).toContain('Sample WebSocket back end');
  });
});
