/**
 * Golden log texts for WebSocket-originated messages: frames from a client of an inbound
 * endpoint, every level, derived by hand from synapse-semantics §2.2/§2.3. MI's WS inbound sets
 * no ARTIFACT_NAME (no prefix) and no correlation_id; To is null (`To: `); the message ID is
 * UIDGenerator's `urn:uuid:<HEX><millis>`, checked by regex and then substituted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatEventLine, type RuntimeEvent } from '../../src/model/events.js';
import type WebSocket from 'ws';
import type { Runtime } from '../../src/runtime/index.js';
import { connectWebSocket } from '../../src/runtime/ws/index.js';
import { wsInboundXml } from './http-helpers.js';
import {
  Client,
  expectLogTexts,
  freePort,
  project,
  runtimeWith,
  tomlFor,
  until,
  type EventLog,
} from './harness.js';

const NS = 'xmlns="http://ws.apache.org/ns/synapse"';
const WS_ID = /^urn:uuid:[0-9A-F]+\d{13}$/;
const JSON_SP = "synapse(contentType='application/json')";
const EMPTY_ENVELOPE =
  "<?xml version='1.0' encoding='utf-8'?><soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Body/></soapenv:Envelope>";

const SEQUENCE = `<sequence name="wsLogs" ${NS}>
  <filter xpath="get-property('source.handshake.present') = 'true' or get-property('connection.terminate') = 'true'">
    <then><drop/></then>
  </filter>
  <log/>
  <log level="simple"><property name="p" value="v"/></log>
  <log level="headers"/>
  <log level="headers"><property name="p" value="v"/></log>
  <log level="full"/>
  <log level="full"><property name="p" value="v"/></log>
  <log level="custom"><property name="a" value="1"/><property name="to" expression="get-property('To')"/></log>
  <log level="custom" logMessageID="true"><property name="a" value="1"/></log>
  <log><message>frame on \${vars.where}</message><property name="a" value="1"/></log>
  <log logMessageID="true"><message>frame</message></log>
  <log level="custom" separator="|" category="WARN"><property name="a" value="1"/><property name="b" value="2"/></log>
  <log level="custom" separator="\\n" category="ERROR"><property name="a" value="1"/><property name="b" value="2"/></log>
  <log level="custom">
    <property name="jsonEval" expression="json-eval($.a.b)"/>
    <property name="synapse" expression="\${payload.a.b}"/>
    <property name="whole" expression="\${payload.a}"/>
  </log>
</sequence>`;

const INBOUND = (port: number) => wsInboundXml('WsLogIn', 'wsLogs', port);

const COUNT = 13;
let runtime: Runtime;
let events: EventLog;
let wsPort: number;

beforeAll(async () => {
  wsPort = await freePort();
  const seq = SEQUENCE.replace('<log/>', '<variable name="where" value="WsLogIn"/>\n  <log/>');
  ({ runtime, events } = await runtimeWith(
    project(
      {
        'artifacts/sequences/wsLogs.xml': seq,
        'artifacts/inbound-endpoints/WsLogIn.xml': INBOUND(wsPort),
      },
      tomlFor(0),
    ),
  ));
});

afterAll(() => runtime.stop());

/**
 * Sends one frame from a fresh client and returns the log lines of that frame's message. The
 * `ws` client refuses MI's `synapse(contentType=…)` values, so those connect through the
 * engine's own client (`connectWebSocket`, which sends the value as written).
 */
async function frameLogs(data: string | Buffer, subprotocol?: string): Promise<RuntimeEvent[]> {
  const before = new Set(events.logs().map((e) => e.messageId));
  const url = `ws://127.0.0.1:${wsPort}/chat`;
  let ws: WebSocket;
  if (subprotocol) {
    const c = await connectWebSocket(url, { subprotocol });
    expect(c.protocol).toBe(subprotocol);
    ws = c.ws;
  } else {
    const c = new Client(url);
    await c.opened;
    ws = c.ws;
  }
  ws.on('error', () => undefined);
  ws.send(data, { binary: typeof data !== 'string' });
  let id: string | undefined;
  await until(() => {
    id ??= events.logs().find((e) => !before.has(e.messageId))?.messageId;
    return id !== undefined && events.logs().filter((e) => e.messageId === id).length >= COUNT;
  });
  const closed = new Promise((resolve) => ws.once('close', resolve));
  ws.close(1000);
  await closed;
  return events.logs().filter((e) => e.messageId === id);
}

describe('log texts of a WebSocket frame through an inbound endpoint', () => {
  it('pass-through text frame: no prefix, To: empty, no correlation_id, Payload: <text>', async () => {
    const lines = await frameLogs('hello there');
    const simple = 'To: , MessageID: «id», Direction: request';
    expectLogTexts(
      lines,
      [
        simple,
        `${simple}, p = v`,
        // headers: no correlation_id and the default envelope has no header blocks: empty text.
        '',
        'p = v',
        // Deliberate deviation (README): MI shows the empty envelope for a pass-through frame.
        `${simple}, Payload: hello there`,
        `${simple}, p = v, Payload: hello there`,
        'a = 1, to = ',
        // MI's getCustomLogMessage: ID block, separator, empty template, then ", a = 1".
        'MessageID: «id», , a = 1',
        'frame on WsLogIn, a = 1',
        'MessageID: «id», frame',
        'a = 1|b = 2',
        'a = 1\nb = 2',
        // Not JSON: json-eval and ${payload…} find nothing and read as ''.
        'jsonEval = , synapse = , whole = ',
      ],
      WS_ID,
    );
    expect(lines.map((e) => e.level)).toEqual([...Array(10).fill('INFO'), 'WARN', 'ERROR', 'INFO']);
    expect(lines.every((e) => e.artifact?.type === 'inboundEndpoint' && e.direction === 'request')).toBe(
      true,
    );
    expect(formatEventLine(lines[0] as RuntimeEvent)).toMatch(
      /^\[\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},\d{3}\] {2}INFO \{LogMediator\} - To: , MessageID: urn:uuid:[0-9A-F]+\d{13}, Direction: request$/,
    );
    expect(formatEventLine(lines[2] as RuntimeEvent)).toMatch(/\] {2}INFO \{LogMediator\} - $/);
    expect(formatEventLine(lines[10] as RuntimeEvent)).toMatch(/\] {2}WARN \{LogMediator\} - a = 1\|b = 2$/);
    expect(formatEventLine(lines[11] as RuntimeEvent)).toMatch(/\] ERROR \{LogMediator\} - a = 1\nb = 2$/);
  });

  it(`built JSON under ${JSON_SP}: Payload: {json} and JSON expressions`, async () => {
    const json = '{"a":{"b":"x"},"list":[1,2]}';
    const lines = await frameLogs(json, JSON_SP);
    const simple = 'To: , MessageID: «id», Direction: request';
    expectLogTexts(
      lines,
      [
        simple,
        `${simple}, p = v`,
        '',
        'p = v',
        `${simple}, Payload: ${json}`,
        `${simple}, p = v, Payload: ${json}`,
        'a = 1, to = ',
        'MessageID: «id», , a = 1',
        'frame on WsLogIn, a = 1',
        'MessageID: «id», frame',
        'a = 1|b = 2',
        'a = 1\nb = 2',
        'jsonEval = x, synapse = x, whole = {"b":"x"}',
      ],
      WS_ID,
    );
  });

  it('a frame under a synapse text/xml subprotocol is built: the envelope holds the XML', async () => {
    // text/xml is one of the three types MI's inbound offers (InboundWebsocketSourceHandler).
    const lines = await frameLogs('<a>b &lt; c</a>', "synapse(contentType='text/xml')");
    expect(lines[4]?.text).toBe(
      `To: , MessageID: ${lines[0]?.messageId}, Direction: request, Envelope: <?xml version='1.0' encoding='utf-8'?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><a>b &lt; c</a></soapenv:Body></soapenv:Envelope>`,
    );
  });

  it('a pass-through binary frame shows the empty default envelope, as MI does', async () => {
    const lines = await frameLogs(Buffer.from([1, 2, 3]));
    expect(lines[4]?.text).toBe(
      `To: , MessageID: ${lines[0]?.messageId}, Direction: request, Envelope: ${EMPTY_ENVELOPE}`,
    );
  });
});
