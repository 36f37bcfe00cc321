/**
 * The switch mediator through a running runtime, over HTTP and WebSocket: the source (XPath,
 * json-eval, ${…}) against each case's Java regex as a whole, the first match only, the default,
 * a source that evaluates to nothing, and how a case's end of flow ends the sequence.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/runtime/index.js';
import { connectWebSocket } from '../../src/runtime/ws/index.js';
import { freePort, project, runtimeWith, tomlFor, until, type EventLog } from './harness.js';
import { apiXml, send, wsInboundXml } from './http-helpers.js';

const NS = 'xmlns="http://ws.apache.org/ns/synapse"';
/** A case body: answers with `status` (HTTP_SC) and names the branch in a log line. */
const answer = (status: number, branch: string) =>
  `<log level="custom"><property name="branch" value="${branch}"/></log>` +
  `<property name="HTTP_SC" value="${status}" scope="axis2"/><respond/>`;

const resource = (path: string, body: string, methods = 'POST') =>
  `<resource methods="${methods}" uri-template="${path}"><inSequence>${body}</inSequence></resource>`;

const API = apiXml(
  'Sw',
  '/sw',
  [
    // XPath over the SOAP body; two cases match "abc": only the first runs.
    resource(
      '/xpath',
      `<switch xmlns:o="urn:o" source="//o:kind">
         <case regex="a.*">${answer(201, 'first')}</case>
         <case regex="abc">${answer(202, 'second (must not run)')}</case>
         <case regex="(?i)BOOK">${answer(203, 'book')}</case>
         <case regex="ab">${answer(204, 'ab')}</case>
         <default>${answer(299, 'default')}</default>
       </switch>`,
    ),
    // No default: nothing matches, the flow goes on after the switch.
    resource(
      '/nodefault',
      `<switch source="//kind"><case regex="x">${answer(201, 'x')}</case></switch>
       <log level="custom"><property name="branch" value="after"/></log>
       <property name="HTTP_SC" value="250" scope="axis2"/><respond/>`,
    ),
    // A case that does not end the flow: the sequence continues after the switch.
    resource(
      '/continue',
      `<switch source="//kind">
         <case regex="go"><property name="picked" value="go"/></case>
         <default><property name="picked" value="default"/></default>
       </switch>
       <log level="custom"><property name="branch" expression="get-property('picked')"/></log>
       <filter source="get-property('picked')" regex="go"><then><property name="HTTP_SC" value="260" scope="axis2"/></then></filter>
       <respond/>`,
    ),
    resource(
      '/json',
      `<switch source="json-eval($.order.kind)">
         <case regex="[0-9]+">${answer(210, 'number')}</case>
         <case regex="book">${answer(211, 'book')}</case>
         <default>${answer(219, 'default')}</default>
       </switch>`,
    ),
    resource(
      '/synapse',
      `<switch source="\${payload.order.kind}">
         <case regex="book">${answer(221, 'book')}</case>
         <default>${answer(229, 'default')}</default>
       </switch>`,
    ),
    // A property variable that is not set is null: the default runs, and ".*" is not tested.
    resource(
      '/nullsource',
      `<filter source="//set" regex="yes"><then><property name="p" value=""/></then></filter>
       <switch source="$ctx:p">
         <case regex=".*">${answer(231, 'any')}</case>
         <default>${answer(239, 'default')}</default>
       </switch>`,
    ),
    // An element that is not there is "" (not null): a case matching "" runs.
    resource(
      '/missing',
      `<switch source="//nowhere">
         <case regex="x*">${answer(241, 'empty')}</case>
         <default>${answer(249, 'default')}</default>
       </switch>`,
    ),
    // Only the cases' and default's children run; an empty switch changes nothing.
    resource(
      '/empty',
      `<switch source="//kind"/><switch source="//kind"><default/></switch>
       <property name="HTTP_SC" value="251" scope="axis2"/><respond/>`,
    ),
  ].join('\n'),
);

const WS_SEQ = `<sequence name="wsSwitch" ${NS}>
  <filter xpath="get-property('source.handshake.present') = 'true' or get-property('connection.terminate') = 'true'">
    <then><drop/></then>
  </filter>
  <switch source="json-eval($.kind)">
    <case regex="echo"><log level="custom"><property name="ws" value="echo"/></log></case>
    <default><log level="custom"><property name="ws" value="default"/></log><drop/></default>
  </switch>
</sequence>`;

const wsInbound = (port: number) => wsInboundXml('WsSw', 'wsSwitch', port);

let runtime: Runtime;
let events: EventLog;
let base: string;
let wsPort: number;

beforeAll(async () => {
  const http = await freePort();
  wsPort = await freePort();
  ({ runtime, events } = await runtimeWith(
    project(
      {
        'artifacts/apis/Sw.xml': API,
        'artifacts/sequences/wsSwitch.xml': WS_SEQ,
        'artifacts/inbound-endpoints/WsSw.xml': wsInbound(wsPort),
      },
      tomlFor(http),
    ),
  ));
  base = `http://127.0.0.1:${http}/sw`;
});

afterAll(() => runtime.stop());

const soap = (inner: string) =>
  `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>${inner}</soapenv:Body></soapenv:Envelope>`;
const kind = (k: string) => soap(`<o:order xmlns:o="urn:o"><o:kind>${k}</o:kind></o:order>`);

/** Posts and returns the status and the branches the message logged, in order. */
async function run(path: string, body: string, type = 'text/xml') {
  const before = new Set(events.logs().map((e) => e.messageId));
  const r = await send(`${base}${path}`, { body, type });
  const mine = events.logs().filter((e) => !before.has(e.messageId));
  return { status: r.status, body: r.body, branches: mine.map((e) => e.properties?.branch) };
}

describe('switch over HTTP', () => {
  it('runs only the first case whose regex matches (SwitchMediator.mediate returns after it)', async () => {
    const r = await run('/xpath', kind('abc'));
    expect(r.status).toBe(201);
    expect(r.branches).toEqual(['first']);
    expect(r.body).toContain('<o:kind>abc</o:kind>');
  });

  it('matches the whole value, not a part (SwitchCase.matches uses Matcher.matches)', async () => {
    // "xab" contains "ab" and "a.*" would find "ab…" inside, but neither matches the whole.
    expect((await run('/xpath', kind('xab'))).status).toBe(299);
    expect((await run('/xpath', kind('ab'))).status).toBe(201); // a.* comes first
  });

  it('honours Java inline flags such as (?i) (Pattern.compile in SwitchMediatorFactory)', async () => {
    const r = await run('/xpath', kind('Book'));
    expect(r.status).toBe(203);
    expect(r.branches).toEqual(['book']);
  });

  it('runs the default when no case matches', async () => {
    const r = await run('/xpath', kind('zzz'));
    expect(r.status).toBe(299);
    expect(r.branches).toEqual(['default']);
  });

  it('goes on after the switch when nothing matches and there is no default (SwitchMediator returns true)', async () => {
    const r = await run('/nodefault', soap('<kind>y</kind>'));
    expect(r.status).toBe(250);
    expect(r.branches).toEqual(['after']);
  });

  it('continues after the switch when the case does not end the flow', async () => {
    const go = await run('/continue', soap('<kind>go</kind>'));
    expect(go.status).toBe(260);
    expect(go.branches).toEqual(['go']);
    const other = await run('/continue', soap('<kind>stop</kind>'));
    expect(other.status).toBe(200);
    expect(other.branches).toEqual(['default']);
  });

  it('switches on json-eval over a JSON body (SynapseJsonPath.stringValueOf)', async () => {
    expect((await run('/json', '{"order":{"kind":"book"}}', 'application/json')).status).toBe(211);
    // A number's string value is its digits.
    expect((await run('/json', '{"order":{"kind":42}}', 'application/json')).status).toBe(210);
    expect((await run('/json', '{"order":{"kind":"pen"}}', 'application/json')).status).toBe(219);
  });

  it('switches on a ${…} expression (SynapseExpression.stringValueOf)', async () => {
    expect((await run('/synapse', '{"order":{"kind":"book"}}', 'application/json')).status).toBe(221);
    expect((await run('/synapse', '{"order":{"kind":"cd"}}', 'application/json')).status).toBe(229);
  });

  it('runs the default for a property variable that is not set (stringValueOf gives null), a case once it is', async () => {
    // SwitchMediator.mediate: a null source runs the default without testing any case.
    expect((await run('/nullsource', soap('<set>no</set>'))).status).toBe(239);
    // Set to "": ".*" matches.
    expect((await run('/nullsource', soap('<set>yes</set>'))).status).toBe(231);
  });

  it('tests the cases against "" for an element that is not there', async () => {
    expect((await run('/missing', soap('<a/>'))).status).toBe(241);
  });

  it('passes through a switch with no case, and one with an empty default', async () => {
    expect((await run('/empty', soap('<kind>k</kind>'))).status).toBe(251);
  });
});

describe('switch over WebSocket', () => {
  it("switches each client frame on its JSON body (the inbound endpoint's sequence)", async () => {
    // MI's subprotocol for JSON frames; the `ws` client refuses it, the engine's client sends it.
    const c = await connectWebSocket(`ws://127.0.0.1:${wsPort}/`, {
      subprotocol: "synapse(contentType='application/json')",
    });
    c.ws.on('error', () => undefined);
    const before = events.logs().length;
    const seen = () =>
      events
        .logs()
        .slice(before)
        .flatMap((e) => (e.properties?.ws ? [e.properties.ws] : []));
    for (const frame of ['{"kind":"other"}', '{"kind":"echo"}', '{"not":"kind"}']) {
      const n = seen().length;
      c.ws.send(frame);
      await until(() => seen().length > n);
    }
    expect(seen()).toEqual(['default', 'echo', 'default']);
    const closed = new Promise((resolve) => c.ws.once('close', resolve));
    c.ws.close(1000);
    await closed;
  });
});
