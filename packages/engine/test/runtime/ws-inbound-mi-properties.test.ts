/**
 * Issue 14: what MI's WebSocket inbound endpoint puts on a client's messages and how it groups
 * and negotiates, through a running runtime with real WebSocket clients. Each test names the
 * part of InboundWebsocketSourceHandler (micro-integrator, MI 4.4) it follows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RuntimeEvent } from '../../src/model/events.js';
import type { Runtime } from '../../src/runtime/index.js';
import { rawConnect } from '../../src/testing/index.js';
import { Client, freePort, project, runtimeWith, tomlFor, type EventLog } from './harness.js';

const NS = 'xmlns="http://ws.apache.org/ns/synapse"';

/** Logs named properties of every handshake and frame, then answers each frame by broadcast. */
const SEQUENCE = `<sequence name="props" ${NS}>
  <filter xpath="get-property('connection.terminate') = 'true'"><then><drop/></then></filter>
  <filter xpath="get-property('source.handshake.present') = 'true'">
    <then>
      <log level="custom" separator="|">
        <property name="hs.default" expression="get-property('X-Test')"/>
        <property name="hs.axis2" expression="get-property('axis2', 'X-Test')"/>
        <property name="hs.path" expression="get-property('websocket.subscriber.path')"/>
      </log>
      <drop/>
    </then>
  </filter>
  <log level="custom" separator="|">
    <property name="path" expression="get-property('websocket.subscriber.path')"/>
    <property name="endpoint" expression="get-property('inbound.endpoint.name')"/>
    <property name="channel" expression="get-property('websocket.source.channel.identifier')"/>
    <property name="channel.axis2" expression="get-property('axis2', 'websocket.source.channel.identifier')"/>
    <property name="clientId" expression="get-property('axis2', 'clientId')"/>
    <property name="inbound" expression="get-property('IS_INBOUND')"/>
    <property name="outflow" expression="get-property('ws.outflow.dispatch.sequence')"/>
    <property name="frameHeader" expression="get-property('X-Test')"/>
  </log>
  <respond/>
</sequence>`;

const OUT = `<sequence name="outSeq" ${NS}><respond/></sequence>`;

const INBOUND = (
  port: number,
) => `<inboundEndpoint name="PropsIn" protocol="ws" sequence="props" onError="fault" suspend="false" ${NS}>
  <parameters>
    <parameter name="inbound.ws.port">${port}</parameter>
    <parameter name="ws.client.side.broadcast.level">1</parameter>
    <parameter name="ws.outflow.dispatch.sequence">outSeq</parameter>
  </parameters>
</inboundEndpoint>`;

let runtime: Runtime;
let events: EventLog;
let port: number;

beforeAll(async () => {
  port = await freePort();
  ({ runtime, events } = await runtimeWith(
    project(
      {
        'artifacts/sequences/props.xml': SEQUENCE,
        'artifacts/sequences/outSeq.xml': OUT,
        'artifacts/inbound-endpoints/PropsIn.xml': INBOUND(port),
      },
      tomlFor(0),
    ),
  ));
});

afterAll(() => runtime.stop());

/** The custom log line (separator `|`: a channel identifier holds commas) starting with `marker`, as pairs. */
async function logged(marker: string): Promise<Record<string, string>> {
  const line = await events.waitFor((e: RuntimeEvent) => e.kind === 'log' && e.text.startsWith(marker));
  return Object.fromEntries(
    line.text.split('|').map((pair) => {
      const i = pair.indexOf(' = ');
      return [pair.slice(0, i), pair.slice(i + 3)];
    }),
  );
}

describe('WebSocket inbound: properties, groups and subprotocols as MI', () => {
  it('handshake headers become default- and axis2-scope properties of the handshake message (handleHandshake)', async () => {
    const c = await rawConnect({ port, path: '/hs?x=1', headers: { 'X-Test': 'from-the-upgrade' } });
    expect(c.status).toBe(101);
    const line = await logged('hs.default = from-the-upgrade');
    expect(line['hs.axis2']).toBe('from-the-upgrade');
    expect(line['hs.path']).toBe('/hs?x=1');
    c.socket.destroy();
  });

  it('every frame carries the client path, endpoint name, channel identifier, clientId, IS_INBOUND and the outflow sequence (getSynapseMessageContext, injectForMediation)', async () => {
    const a = new Client(`ws://127.0.0.1:${port}/chat?user=ada`);
    await a.opened;
    a.ws.send('first');
    const line = await logged('path = /chat?user=ada');
    expect(line.endpoint).toBe('PropsIn');
    // Netty's Channel.toString() for an accepted channel.
    expect(line.channel).toMatch(/^\[id: 0x[0-9a-f]{8}, L:\/127\.0\.0\.1:\d+ - R:\/127\.0\.0\.1:\d+\]$/);
    expect(line['channel.axis2']).toBe(line.channel);
    expect(line.clientId).toMatch(/^\d+$/);
    expect(line.inbound).toBe('true');
    expect(line.outflow).toBe('outSeq');
    // Handshake headers are properties of the handshake message only, not of later frames.
    expect(line.frameHeader).toBe('');
    a.ws.close();
  });

  it('two clients of one path keep distinct channel identifiers and client ids', async () => {
    const a = new Client(`ws://127.0.0.1:${port}/ids?n=1`);
    const b = new Client(`ws://127.0.0.1:${port}/ids?n=2`);
    await Promise.all([a.opened, b.opened]);
    a.ws.send('a');
    const la = await logged('path = /ids?n=1');
    b.ws.send('b');
    const lb = await logged('path = /ids?n=2');
    expect(la.channel).not.toBe(lb.channel);
    expect(la.clientId).not.toBe(lb.clientId);
    a.ws.close();
    b.ws.close();
  });

  it('a broadcast reaches the clients of the same path whatever their query, and no other path (WebsocketSubscriberPathManager keys by getPath())', async () => {
    const a = new Client(`ws://127.0.0.1:${port}/room?u=a`);
    const b = new Client(`ws://127.0.0.1:${port}/room?u=b`);
    const other = new Client(`ws://127.0.0.1:${port}/hall?u=c`);
    await Promise.all([a.opened, b.opened, other.opened]);
    let otherGot = 0;
    other.ws.on('message', () => otherGot++);
    a.ws.send('hello room');
    expect(await a.next()).toBe('hello room');
    expect(await b.next()).toBe('hello room');
    // The other path's client is sent nothing: a frame of its own reaches it first.
    other.ws.send('hall only');
    expect(await other.next()).toBe('hall only');
    expect(otherGot).toBe(1);
    for (const c of [a, b, other]) c.ws.close();
  });

  it("offers synapse(contentType=…) only for application/xml, application/json and text/xml (SubprotocolBuilderUtil, the handler's contentTypes)", async () => {
    for (const type of ['application/xml', 'application/json', 'text/xml']) {
      const offer = `synapse(contentType='${type}')`;
      const c = await rawConnect({ port, path: '/sp', protocol: offer });
      expect(c.status).toBe(101);
      expect(c.headers['sec-websocket-protocol']).toBe(offer);
      c.socket.destroy();
    }
    for (const type of ['text/plain', 'application/octet-stream']) {
      const c = await rawConnect({ port, path: '/sp', protocol: `synapse(contentType='${type}')` });
      // Netty answers without a subprotocol when none of the offered ones is supported.
      expect(c.status).toBe(101);
      expect(c.headers['sec-websocket-protocol']).toBeUndefined();
      c.socket.destroy();
    }
  });
});
