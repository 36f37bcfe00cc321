/**
 * makefault and enrich on WebSocket frames: a JSON frame from a client of an inbound endpoint
 * is enriched natively as JSON (EnrichMediator with native JSON support), or made a POX fault
 * (FaultMediator.makePOXFault), and `respond` writes the result back on the same connection.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/runtime/index.js';
import { connectWebSocket } from '../../src/runtime/ws/index.js';
import { freePort, project, runtimeWith, tomlFor } from './harness.js';
import { wsInboundXml } from './http-helpers.js';

const NS = 'xmlns="http://ws.apache.org/ns/synapse"';
const JSON_SP = "synapse(contentType='application/json')";

const SEQUENCE = `<sequence name="wsShape" ${NS}>
  <filter xpath="get-property('source.handshake.present') = 'true' or get-property('connection.terminate') = 'true'">
    <then><drop/></then>
  </filter>
  <filter source="json-eval($.kind)" regex="fault">
    <then>
      <makefault version="pox"><reason expression="json-eval($.why)"/></makefault>
      <respond/>
    </then>
    <else>
      <enrich>
        <source type="inline">{"enriched": true}</source>
        <target action="child" xpath="json-eval($)"/>
      </enrich>
      <enrich>
        <source xpath="json-eval($.kind)"/>
        <target type="key" xpath="json-eval($.kind)"/>
      </enrich>
      <respond/>
    </else>
  </filter>
</sequence>`;

const inbound = (port: number) => wsInboundXml('WsShape', 'wsShape', port);

let runtime: Runtime;
let wsPort: number;

beforeAll(async () => {
  wsPort = await freePort();
  const http = await freePort();
  ({ runtime } = await runtimeWith(
    project(
      {
        'artifacts/sequences/wsShape.xml': SEQUENCE,
        'artifacts/inbound-endpoints/WsShape.xml': inbound(wsPort),
      },
      tomlFor(http),
    ),
  ));
});
afterAll(() => runtime.stop());

describe('over a WebSocket inbound endpoint', () => {
  it('enriches a JSON frame (child merge, key rename) and makes a POX fault of another, on one connection', async () => {
    // The `ws` client refuses MI's synapse(contentType=…) values; the engine's own client sends them.
    const { ws } = await connectWebSocket(`ws://127.0.0.1:${wsPort}/`, { subprotocol: JSON_SP });
    ws.on('error', () => undefined);
    // One reply per frame, each awaited before the next frame is sent.
    const next = () =>
      new Promise<string>((resolve) => ws.once('message', (d: Buffer) => resolve(d.toString())));
    const first = next();
    ws.send(JSON.stringify({ kind: 'order', id: 7 }));
    // Target.getNewJSONString merges the inline object; Target.renameKey moves the key last.
    expect(JSON.parse(await first)).toEqual({ id: 7, enriched: true, order: 'order' });
    const second = next();
    ws.send(JSON.stringify({ kind: 'fault', why: 'no stock' }));
    // makePOXFault on a JSON message: the <Exception> element, written as JSON.
    expect(JSON.parse(await second)).toEqual({ Exception: 'no stock' });
    const closed = new Promise((resolve) => ws.once('close', resolve));
    ws.close(1000);
    await closed;
  });
});
