/**
 * `[transport.ws] sender.enable = false` (MI's default): a send to a ws:// endpoint fails as
 * Axis2 does when no transport sender is registered for the scheme, the fault sequence runs with
 * ERROR_MESSAGE "The system cannot infer the transport information from the ws://… URL.", and
 * nothing reaches the back end. Turning the sender on in a redeploy makes the same flow work.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/runtime/index.js';
import { startSampleBackend, type SampleBackend } from '../../src/sample-backend/index.js';
import { Client, freePort, project, runtimeWith, until, type EventLog, tomlFor } from './harness.js';
import { proxyXml, send, sequenceXml } from './http-helpers.js';

let runtime: Runtime;
let events: EventLog;
let backend: SampleBackend;
let http: number;
let wsPort: number;
/** The endpoint address as written, host in capitals: MI's message quotes it unchanged. */
let uri: string;

const faultLog = `<log level="custom">
    <property name="code" expression="get-property('ERROR_CODE')"/>
    <property name="message" expression="get-property('ERROR_MESSAGE')"/>
  </log>`;

function files() {
  const sendTo = `<send><endpoint><address uri="${uri}"/></endpoint></send>`;
  return {
    'artifacts/proxy-services/ToWs.xml': proxyXml(
      'ToWs',
      `<inSequence>${sendTo}</inSequence><faultSequence>${faultLog}</faultSequence>`,
    ),
    'artifacts/sequences/relay.xml': sequenceXml('relay', sendTo),
    'artifacts/sequences/relayFault.xml': sequenceXml('relayFault', faultLog),
    'artifacts/inbound-endpoints/Relay.xml': `<inboundEndpoint name="Relay" protocol="ws" sequence="relay" onError="relayFault" xmlns="http://ws.apache.org/ns/synapse">
  <parameters><parameter name="inbound.ws.port">${wsPort}</parameter></parameters>
</inboundEndpoint>`,
  };
}

const config = (enable: boolean) => tomlFor(http, `[transport.ws]\nsender.enable = ${enable}`);

beforeAll(async () => {
  backend = await startSampleBackend({ port: 0 });
  http = await freePort();
  wsPort = await freePort();
  uri = `ws://LOCALHOST:${backend.port}/websocket`;
  ({ runtime, events } = await runtimeWith(project(files(), config(false))));
});

afterAll(async () => {
  await runtime.stop();
  await backend.close();
});

const expected = () => `The system cannot infer the transport information from the ${uri} URL.`;

describe('[transport.ws] sender.enable = false', () => {
  it('an HTTP-originated send runs the proxy fault sequence with MI’s error; the client gets 202', async () => {
    const r = await send(`http://127.0.0.1:${http}/services/ToWs`, { body: '<a/>', type: 'application/xml' });
    expect(r.status).toBe(202);
    expect(r.body).toBe('');
    const line = await events.waitFor((e) => e.kind === 'log' && e.artifact?.name === 'ToWs');
    expect(line.properties).toEqual({ code: '0', message: expected() });
    expect(line.text).toBe(`{proxy:ToWs} code = 0, message = ${expected()}`);
    const error = await events.waitFor((e) => e.kind === 'error' && e.category === 'FaultHandler');
    expect(error.text).toBe(`ERROR_CODE : 0 ERROR_MESSAGE : ${expected()}`);
    // FaultHandler.handleFault: synCtx.getServiceLog().warn(msg).
    expect(error.level).toBe('WARN');
    expect(backend.totalConnections()).toBe(0);
  });

  it('a WebSocket inbound client’s send runs the inbound onError sequence with the same error', async () => {
    const c = new Client(`ws://127.0.0.1:${wsPort}/chat`);
    await c.opened;
    // The handshake itself is injected into `relay` and already fails once.
    await until(() => events.logs().filter((e) => e.mediatorPath?.startsWith('relayFault')).length === 1);
    c.send('frame');
    await until(() => events.logs().filter((e) => e.mediatorPath?.startsWith('relayFault')).length === 2);
    const lines = events.logs().filter((e) => e.mediatorPath?.startsWith('relayFault'));
    expect(lines.map((e) => e.properties)).toEqual([
      { code: '0', message: expected() },
      { code: '0', message: expected() },
    ]);
    expect(lines.map((e) => e.text)).toEqual([
      `code = 0, message = ${expected()}`,
      `code = 0, message = ${expected()}`,
    ]);
    expect(backend.totalConnections()).toBe(0);
    await c.close();
  });

  it('turning the sender on in a redeploy lets the same proxy reach the back end', async () => {
    const result = await runtime.deploy(project(files(), config(true)));
    expect(result.ok).toBe(true);
    const r = await send(`http://127.0.0.1:${http}/services/ToWs`, { body: '<b/>', type: 'application/xml' });
    expect(r.status).toBe(202);
    await until(() => backend.received.length === 1, 5000, 'the back end to get the frame');
    expect(backend.received).toEqual(['<b/>']);
  });
});
