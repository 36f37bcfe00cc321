/**
 * Runtime events around the transports: `listener.started` per listener and `deployed` per
 * artifact on deploy; `client.connected` / `client.closed` for a WebSocket inbound client;
 * `backend.connected` / `backend.closed` for the sender's connection it owns; `listener.stopped`
 * on stop.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/runtime/index.js';
import { startSampleBackend, type SampleBackend } from '../../src/sample-backend/index.js';
import { Client, fixture, freePort, project, runtimeWith, until, type EventLog, tomlFor } from './harness.js';
import { apiXml, endpointXml, makeTlsFiles, proxyXml, type TlsFiles } from './http-helpers.js';

let runtime: Runtime;
let events: EventLog;
let backend: SampleBackend;
let tls: TlsFiles;
let http: number;
let https: number;
let wsPort: number;

beforeAll(async () => {
  backend = await startSampleBackend({ port: 0 });
  tls = makeTlsFiles();
  [http, https, wsPort] = [await freePort(), await freePort(), await freePort()];
  const p = project(
    {
      'artifacts/inbound-endpoints/WebSocketInbound.xml': fixture(
        'seed-example1/WebSocketInbound.xml',
      ).replace('>9092<', `>${wsPort}<`),
      'artifacts/sequences/dispatchSeq.xml': fixture('seed-example1/dispatchSeq.xml').replace(
        'ws://localhost:8082/websocket',
        backend.url,
      ),
      'artifacts/sequences/outDispatchSeq.xml': fixture('seed-example1/outDispatchSeq.xml'),
      'artifacts/proxy-services/Echo.xml': proxyXml('Echo', '<inSequence><respond/></inSequence>'),
      'artifacts/apis/Shop.xml': apiXml(
        'Shop',
        '/shop',
        '<resource methods="GET" uri-template="/x"><inSequence><respond/></inSequence></resource>',
      ),
      'artifacts/endpoints/BackEp.xml': endpointXml('BackEp', 'http://127.0.0.1:9/x'),
    },
    tomlFor(http, `[transport.https]\nkey_file = "${tls.keyFile}"\ncert_file = "${tls.certFile}"`, https),
  );
  ({ runtime, events } = await runtimeWith(p));
  await events.waitFor((e) => e.kind === 'deployed');
});

afterAll(async () => {
  await runtime.stop();
  await backend.close();
  tls.remove();
});

describe('transport events', () => {
  it('a deploy emits listener.started for each listener', () => {
    const started = events.all.filter((e) => e.kind === 'listener.started');
    expect(started.map((e) => [e.category, e.text])).toEqual([
      ['PassThroughHttpListener', `Pass-through HTTP Listener started on 127.0.0.1:${http}`],
      ['PassThroughHttpListener', `Pass-through HTTPS Listener started on 127.0.0.1:${https}`],
      ['InboundEndpoint', `Netty Listener starting on port ${wsPort} (inbound endpoint WebSocketInbound)`],
    ]);
    expect(started[2]?.artifact).toEqual({ type: 'inboundEndpoint', name: 'WebSocketInbound' });
  });

  it('a deploy emits deployed once per artifact, worded as MI’s deployers', () => {
    const deployed = events.all.filter((e) => e.kind === 'deployed');
    expect(deployed.map((e) => e.text).sort()).toEqual([
      "API named 'Shop' has been deployed",
      "Endpoint named 'BackEp' has been deployed",
      "Inbound Endpoint named 'WebSocketInbound' has been deployed",
      "ProxyService named 'Echo' has been deployed",
      "Sequence named 'dispatchSeq' has been deployed",
      "Sequence named 'outDispatchSeq' has been deployed",
    ]);
    expect(deployed.find((e) => e.text.startsWith('ProxyService'))?.artifact).toEqual({
      type: 'proxy',
      name: 'Echo',
    });
  });

  it('a client and its back-end connection emit connected and closed events', async () => {
    const c = new Client(`ws://127.0.0.1:${wsPort}/chat`);
    await c.opened;
    const connected = await events.waitFor((e) => e.kind === 'client.connected');
    const label = /^WebSocket (client 127\.0\.0\.1:\d+ on WebSocketInbound\/chat) connected$/.exec(
      connected.text,
    )?.[1];
    expect(label).toBeDefined();
    expect(connected.artifact).toEqual({ type: 'inboundEndpoint', name: 'WebSocketInbound' });
    const up = await events.waitFor((e) => e.kind === 'backend.connected');
    expect(up.text).toBe(`Connected to back end ${backend.url} for ${label}`);
    expect(runtime.status().backendConnections).toBe(1);

    c.send('hello');
    expect(await c.next()).toBe('hello');

    await c.close();
    const closed = await events.waitFor((e) => e.kind === 'client.closed');
    expect(closed.text).toBe(`WebSocket ${label} closed (1000)`);
    const down = await events.waitFor((e) => e.kind === 'backend.closed');
    // MI closes the back end with a Close frame without a status code, so 1005 comes back.
    expect(down.text).toBe(`Back-end connection ${backend.url} for ${label} closed (1005)`);
    await until(() => runtime.status().backendConnections === 0);
    expect(backend.connections()).toBe(0);
  });

  it('stopping the runtime emits listener.stopped for each listener', async () => {
    await runtime.stop();
    await events.waitFor((e) => e.kind === 'listener.stopped' && e.text.includes(`port ${wsPort}`));
    const stopped = events.all.filter((e) => e.kind === 'listener.stopped').map((e) => e.text);
    expect(stopped.sort()).toEqual(
      [
        `Inbound endpoint WebSocketInbound stopped listening on port ${wsPort}`,
        `Pass-through HTTP Listener on port ${http} stopped`,
        `Pass-through HTTPS Listener on port ${https} stopped`,
      ].sort(),
    );
  });
});
