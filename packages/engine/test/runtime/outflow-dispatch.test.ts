/**
 * Where a back end's frames go (the dispatcher's `dispatchOutflow`): the inbound endpoint's own
 * outflow sequence with its own fault sequence, else main (the transport's `[transport.ws]
 * sender.outflow_dispatch_sequence` is for HTTP-originated sends only, as in MI). Real sockets
 * on loopback; the sample back end answers every frame.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/runtime/index.js';
import { startSampleBackend, type SampleBackend } from '../../src/sample-backend/index.js';
import { Client, freePort, project, runtimeWith, tomlFor, until, type EventLog } from './harness.js';

let backend: SampleBackend;
let runtime: Runtime | undefined;
let events: EventLog;

beforeEach(async () => {
  backend = await startSampleBackend({ port: 0 });
});

afterEach(async () => {
  await runtime?.stop();
  runtime = undefined;
  await backend.close();
});

const seq = (name: string, body: string) =>
  `<sequence name="${name}" xmlns="http://ws.apache.org/ns/synapse">${body}</sequence>`;
/** Logs which sequence ran, then fails (a dynamic key naming no sequence), so its fault path runs. */
const marking = (name: string) =>
  seq(name, `<log level="custom"><property name="via" value="${name}"/></log><sequence key="{'missing'}"/>`);
const faultSeq = (name: string) =>
  seq(name, `<log level="custom"><property name="fault" value="${name}"/></log>`);

function inbound(name: string, port: number, outflow: boolean): string {
  const params = outflow
    ? '<parameter name="ws.outflow.dispatch.sequence">ownOut</parameter><parameter name="ws.outflow.dispatch.fault.sequence">ownFault</parameter>'
    : '';
  return `<inboundEndpoint name="${name}" protocol="ws" sequence="toBackend" onError="fault" suspend="false" xmlns="http://ws.apache.org/ns/synapse"><parameters><parameter name="inbound.ws.port">${port}</parameter>${params}</parameters></inboundEndpoint>`;
}

async function deploy(ports: { own: number; plain: number }, transportLevel: boolean): Promise<void> {
  const http = await freePort();
  const toml = transportLevel
    ? tomlFor(
        http,
        "[transport.ws]\nsender.outflow_dispatch_sequence = 'transportOut'\nsender.outflow_dispatch_fault_sequence = 'transportFault'",
      )
    : tomlFor(http);
  ({ runtime, events } = await runtimeWith(
    project(
      {
        'artifacts/sequences/toBackend.xml': seq(
          'toBackend',
          `<property name="OUT_ONLY" value="true"/><send><endpoint><address uri="${backend.url}"/></endpoint></send>`,
        ),
        'artifacts/sequences/ownOut.xml': marking('ownOut'),
        'artifacts/sequences/ownFault.xml': faultSeq('ownFault'),
        'artifacts/sequences/transportOut.xml': marking('transportOut'),
        'artifacts/sequences/transportFault.xml': faultSeq('transportFault'),
        'artifacts/sequences/main.xml': seq(
          'main',
          '<log level="custom"><property name="via" value="main"/></log>',
        ),
        'artifacts/inbound-endpoints/Own.xml': inbound('Own', ports.own, true),
        'artifacts/inbound-endpoints/Plain.xml': inbound('Plain', ports.plain, false),
      },
      toml,
    ),
  ));
}

/** Sends one frame through an inbound endpoint; resolves with the client once its back end replied. */
async function frameThrough(port: number): Promise<Client> {
  const received = backend.received.length;
  const c = new Client(`ws://127.0.0.1:${port}/`);
  await c.opened;
  c.send('hello');
  await until(() => backend.received.length > received, 5000, 'the back end to receive the frame');
  return c;
}

const ran = (key: 'via' | 'fault', name: string) => (e: { kind: string; properties?: object }) =>
  e.kind === 'log' && (e.properties as Record<string, string> | undefined)?.[key] === name;

describe('outflow dispatch', () => {
  it("runs the inbound endpoint's own outflow sequence, and its own fault sequence when it fails", async () => {
    const ports = { own: await freePort(), plain: await freePort() };
    await deploy(ports, true);
    const c = await frameThrough(ports.own);
    await events.waitFor(ran('via', 'ownOut'));
    await events.waitFor(ran('fault', 'ownFault'));
    await c.close();
    expect(events.all.some(ran('via', 'transportOut'))).toBe(false);
    expect(events.all.some(ran('fault', 'transportFault'))).toBe(false);
  });

  it("runs main, not the transport's outflow sequence, for an inbound endpoint that names none", async () => {
    // WebsocketConnectionFactory.cacheNewConnection reads the transport-level parameters only
    // for the universal (HTTP-originated) source; an inbound client's handler gets the inbound's
    // names, null here, and WebSocketClientHandler.injectToSequence then injects into main.
    const ports = { own: await freePort(), plain: await freePort() };
    await deploy(ports, true);
    const c = await frameThrough(ports.plain);
    await events.waitFor(ran('via', 'main'));
    await c.close();
    expect(events.all.some(ran('via', 'transportOut'))).toBe(false);
    expect(events.all.some(ran('via', 'ownOut'))).toBe(false);
  });

  it('runs main for an inbound endpoint that names none when no transport-level sequence is set either', async () => {
    const ports = { own: await freePort(), plain: await freePort() };
    await deploy(ports, false);
    const c = await frameThrough(ports.plain);
    await events.waitFor(ran('via', 'main'));
    await c.close();
    expect(events.all.some(ran('via', 'transportOut'))).toBe(false);
  });
});
