/**
 * Issue 14: what `respond` sends to a WebSocket inbound client, as InboundWebsocketResponseSender.
 * sendBack (micro-integrator, MI 4.4) decides it: a pass-through frame is relayed as received
 * whatever the payload became, unless a sequence set `websocket.text.frame.present` to something
 * other than BOOLEAN true (then the payload is written); a close code with a reason closes the
 * client, the code as an INTEGER or (Mediate also) a STRING. Real clients through a running runtime.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/runtime/index.js';
import { Client, freePort, project, runtimeWith, tomlFor } from './harness.js';
import { wsInboundXml } from './http-helpers.js';

const NS = 'xmlns="http://ws.apache.org/ns/synapse"';
const CHANGE = '<payloadFactory media-type="json"><format>{"changed":true}</format><args/></payloadFactory>';

/** One sequence, chosen by the client's path (dispatch.custom.sequence is not needed: a switch). */
const SEQUENCE = `<sequence name="replies" ${NS}>
  <filter xpath="get-property('source.handshake.present') = 'true' or get-property('connection.terminate') = 'true'"><then><drop/></then></filter>
  <switch source="get-property('websocket.subscriber.path')">
    <case regex="/relay">${CHANGE}</case>
    <case regex="/message-type"><property name="messageType" value="application/json" scope="axis2"/></case>
    <case regex="/built-boolean">${CHANGE}<property name="websocket.text.frame.present" value="false" type="BOOLEAN"/></case>
    <case regex="/built-string">${CHANGE}<property name="websocket.text.frame.present" value="true"/></case>
    <case regex="/close-int">
      <property name="websocket.text.frame.present" value="false" type="BOOLEAN"/>
      <property name="websocket.close.frame.status.code" value="4001" type="INTEGER"/>
      <property name="websocket.close.frame.reason.text" value="bye as int"/>
    </case>
    <case regex="/close-string">
      <property name="websocket.text.frame.present" value="false" type="BOOLEAN"/>
      <property name="websocket.close.frame.status.code" value="4002"/>
      <property name="websocket.close.frame.reason.text" value="bye as string"/>
    </case>
    <case regex="/close-no-reason">
      <property name="websocket.text.frame.present" value="false" type="BOOLEAN"/>
      <property name="websocket.close.frame.status.code" value="4003" type="INTEGER"/>
    </case>
  </switch>
  <respond/>
</sequence>`;

let runtime: Runtime;
let port: number;

beforeAll(async () => {
  port = await freePort();
  ({ runtime } = await runtimeWith(
    project(
      {
        'artifacts/sequences/replies.xml': SEQUENCE,
        'artifacts/inbound-endpoints/Replies.xml': wsInboundXml('Replies', 'replies', port),
      },
      tomlFor(0),
    ),
  ));
});

afterAll(() => runtime.stop());

/** Connects to `path`, sends `text`, and returns the first reply. */
async function reply(path: string, text: string): Promise<string> {
  const c = new Client(`ws://127.0.0.1:${port}${path}`);
  await c.opened;
  c.ws.send(text);
  const got = await c.next();
  c.ws.close();
  return got;
}

describe('respond to a WebSocket inbound client (InboundWebsocketResponseSender.sendBack)', () => {
  it('relays a pass-through text frame as received, even after the payload changed (WEBSOCKET_TEXT_FRAME)', async () => {
    expect(await reply('/relay', 'as sent')).toBe('as sent');
  });

  it('relays the frame as received after a messageType change too (the frame, not a formatter, is written)', async () => {
    expect(await reply('/message-type', 'plain text')).toBe('plain text');
  });

  it('writes the payload once a sequence set websocket.text.frame.present to BOOLEAN false', async () => {
    expect(JSON.parse(await reply('/built-boolean', 'as sent'))).toEqual({ changed: true });
  });

  it('a STRING "true" is not BOOLEAN true (MI compares with equals(true)): the payload is written', async () => {
    expect(JSON.parse(await reply('/built-string', 'as sent'))).toEqual({ changed: true });
  });

  it('closes the client with a close code and reason: INTEGER, and a STRING code too (Mediate; MI casts to int)', async () => {
    for (const [path, code, reason] of [
      ['/close-int', 4001, 'bye as int'],
      ['/close-string', 4002, 'bye as string'],
    ] as const) {
      const c = new Client(`ws://127.0.0.1:${port}${path}`);
      await c.opened;
      c.ws.send('close me');
      expect(await c.closed).toEqual({ code, reason });
    }
  });

  it('a close code without a reason text does not close: the payload is written (sendBack needs both)', async () => {
    expect(await reply('/close-no-reason', 'still open')).toBe('still open');
  });
});
