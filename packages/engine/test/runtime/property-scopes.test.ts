/**
 * Property mediator scopes (default, axis2, transport, operation) set, read back in a later log
 * through get-property(scope, name), $ctx:/$axis2:/$trp:/$operation: and ${props…}/${headers…},
 * and removed; dynamic names; messageType's side effects; RESPONSE making <out> run; the
 * variable mediator. Real HTTP requests to proxies; expected values derived by hand (§1.7, §2.4).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RuntimeEvent } from '../../src/model/events.js';
import type { Runtime } from '../../src/runtime/index.js';
import { until, type EventLog, httpRuntime } from './harness.js';

const NS = 'xmlns="http://ws.apache.org/ns/synapse"';
const SOAP = (body: string) =>
  `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`;

const proxy = (name: string, inSequence: string) =>
  `<proxy name="${name}" transports="http" startOnLoad="true" ${NS}><target><inSequence>${inSequence}</inSequence></target></proxy>`;

const READ_ALL = `<log level="custom">
    <property name="d" expression="get-property('d1')"/>
    <property name="dDefault" expression="get-property('default','d1')"/>
    <property name="dCtx" expression="$ctx:d1"/>
    <property name="dSyn" expression="\${props.synapse.d1}"/>
    <property name="a" expression="get-property('axis2','a1')"/>
    <property name="aVar" expression="$axis2:a1"/>
    <property name="aSyn" expression="\${props.axis2.a1}"/>
    <property name="t" expression="get-property('transport','t1')"/>
    <property name="tVar" expression="$trp:T1"/>
    <property name="tSyn" expression="\${headers.t1}"/>
    <property name="o" expression="get-property('operation','o1')"/>
    <property name="oVar" expression="$operation:o1"/>
  </log>`;

const SCOPES = proxy(
  'Scopes',
  `<property name="d1" value="dv"/>
  <property name="a1" value="av" scope="axis2"/>
  <property name="t1" value="tv" scope="transport"/>
  <property name="t2" value="kept" scope="transport"/>
  <property name="o1" value="ov" scope="operation"/>
  ${READ_ALL}
  <log level="custom">
    <property name="crossed" expression="concat('[', get-property('axis2','d1'), $ctx:a1, $trp:o1, get-property('transport','d1'), ']')"/>
  </log>
  <property name="d1" action="remove"/>
  <property name="a1" scope="axis2" action="remove"/>
  <property name="T1" scope="transport" action="remove"/>
  <property name="o1" scope="operation" action="remove"/>
  ${READ_ALL}
  <respond/>`,
);

const DYNAMIC = proxy(
  'Dynamic',
  `<property name="which" value="realName"/>
  <property name="{get-property('which')}" value="by-xpath"/>
  <variable name="n" value="fromVar"/>
  <property name="{\${vars.n}}" value="by-synapse" scope="axis2"/>
  <log level="custom">
    <property name="realName" expression="get-property('realName')"/>
    <property name="fromVar" expression="$axis2:fromVar"/>
  </log>`,
);

const MESSAGE_TYPE = proxy(
  'MessageType',
  `<property name="messageType" value="application/xml" scope="axis2"/>
  <log level="custom">
    <property name="ContentType" expression="get-property('axis2','ContentType')"/>
    <property name="trp" expression="$trp:Content-Type"/>
    <property name="messageType" expression="$axis2:messageType"/>
  </log>
  <respond/>`,
);

const RESPONSE = proxy(
  'Resp',
  `<in><log level="custom"><property name="phase" value="in-1"/></log></in>
  <out><log level="custom"><property name="phase" value="out-1 (must not run)"/></log></out>
  <property name="RESPONSE" value="true"/>
  <in><log level="custom"><property name="phase" value="in-2 (must not run)"/></log></in>
  <out><log><property name="phase" value="out-2"/></log></out>
  <respond/>`,
);

const VARIABLES = proxy(
  'Vars',
  `<variable name="s" value="hello"/>
  <variable name="i" value="41" type="INTEGER"/>
  <variable name="j" type="JSON" value='{"a":{"b":[1,2]}}'/>
  <variable name="fromPayload" expression="\${payload.order.id}"/>
  <log level="custom">
    <property name="s" expression="\${vars.s}"/>
    <property name="i1" expression="\${vars.i + 1}"/>
    <property name="jb" expression="\${vars.j.a.b[1]}"/>
    <property name="p" expression="\${vars.fromPayload}"/>
    <property name="xp" expression="$var:s"/>
  </log>
  <variable name="s" action="remove"/>
  <log level="custom"><property name="s" expression="\${vars.s}"/><property name="xp" expression="$var:s"/></log>
  <log><message>i is \${vars.i}, j is \${vars.j}</message></log>`,
);

let runtime: Runtime;
let events: EventLog;
let base: string;

beforeAll(async () => {
  const files: Record<string, string> = {};
  for (const [name, xml] of Object.entries({
    Scopes: SCOPES,
    Dynamic: DYNAMIC,
    MessageType: MESSAGE_TYPE,
    Resp: RESPONSE,
    Vars: VARIABLES,
  }))
    files[`artifacts/proxy-services/${name}.xml`] = xml;
  ({ runtime, events, base } = await httpRuntime(files));
});

afterAll(() => runtime.stop());

interface Exchange {
  status: number;
  headers: Headers;
  body: string;
  logs: RuntimeEvent[];
}

async function call(name: string, body: string, contentType: string, logCount: number): Promise<Exchange> {
  const before = new Set(events.logs().map((e) => e.messageId));
  const res = await fetch(`${base}/services/${name}`, {
    method: 'POST',
    body,
    headers: { 'content-type': contentType, activityid: `corr-${name}` },
  });
  const text = await res.text();
  const mine = () => events.logs().filter((e) => !before.has(e.messageId));
  await until(() => mine().length >= logCount);
  return { status: res.status, headers: res.headers, body: text, logs: mine() };
}

describe('property scopes', () => {
  it('reads each scope back by every form, keeps scopes apart, and removes from each', async () => {
    const r = await call('Scopes', SOAP('<a/>'), 'text/xml', 3);
    expect(r.logs.map((e) => e.text)).toEqual([
      '{proxy:Scopes} d = dv, dDefault = dv, dCtx = dv, dSyn = dv, a = av, aVar = av, aSyn = av, t = tv, tVar = tv, tSyn = tv, o = ov, oVar = ov',
      '{proxy:Scopes} crossed = []',
      '{proxy:Scopes} d = , dDefault = , dCtx = , dSyn = , a = , aVar = , aSyn = , t = , tVar = , tSyn = , o = , oVar = ',
    ]);
    // Transport-scope properties are headers: what is left goes out on the response.
    expect(r.status).toBe(200);
    expect(r.headers.get('t2')).toBe('kept');
    expect(r.headers.get('t1')).toBeNull();
  });

  it('evaluates a dynamic name {…} (XPath or ${}) at run time', async () => {
    const r = await call('Dynamic', SOAP('<a/>'), 'text/xml', 1);
    expect(r.logs[0]?.text).toBe('{proxy:Dynamic} realName = by-xpath, fromVar = by-synapse');
  });
});

describe('messageType (axis2)', () => {
  it('also sets ContentType and the Content-Type header; the response is the POX body', async () => {
    const r = await call('MessageType', SOAP('<test>Value</test>'), 'text/xml', 1);
    expect(r.logs[0]?.properties).toEqual({
      ContentType: 'application/xml',
      trp: 'application/xml',
      messageType: 'application/xml',
    });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/xml');
    // ApplicationXMLFormatter writes the first child of the SOAP body.
    expect(r.body).toBe('<test>Value</test>');
  });

  it('turns a JSON payload into its XML form', async () => {
    const r = await call('MessageType', '{"a":1,"b":{"c":"x"}}', 'application/json', 1);
    expect(r.headers.get('content-type')).toBe('application/xml');
    expect(r.body).toBe('<jsonObject><a>1</a><b><c>x</c></b></jsonObject>');
  });
});

describe('RESPONSE', () => {
  it('set to "true" makes <out> run and <in> skip, and logs Direction: response', async () => {
    const r = await call('Resp', SOAP('<a/>'), 'text/xml', 2);
    const id = r.logs[0]?.messageId ?? '';
    expect(r.logs.map((e) => e.text)).toEqual([
      '{proxy:Resp} phase = in-1',
      `{proxy:Resp} To: /services/Resp, MessageID: ${id}, correlation_id: corr-Resp, Direction: response, phase = out-2`,
    ]);
    expect(r.logs[1]?.direction).toBe('response');
    expect(r.status).toBe(200);
  });
});

describe('variable mediator', () => {
  it('sets typed variables read by ${vars.x} and $var:x, and removes them', async () => {
    const r = await call('Vars', '{"order":{"id":"A-7"}}', 'application/json', 3);
    expect(r.logs.map((e) => e.text)).toEqual([
      '{proxy:Vars} s = hello, i1 = 42, jb = 2, p = A-7, xp = hello',
      '{proxy:Vars} s = , xp = ',
      '{proxy:Vars} i is 41, j is {"a":{"b":[1,2]}}',
    ]);
  });
});
