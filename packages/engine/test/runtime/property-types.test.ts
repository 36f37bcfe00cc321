/**
 * Property mediator types (PropertyMediator.convertValue), pattern/group (Matcher.matches(),
 * applied to String results only), and conversion failures: a bad value from an expression
 * takes the fault path with MI's ERROR_MESSAGE; a bad literal fails the deploy. Real HTTP
 * requests; expected values derived by hand from synapse-semantics §1.7 and §5.1.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RuntimeEvent } from '../../src/model/events.js';
import { createRuntime, type Runtime } from '../../src/runtime/index.js';
import { project, until, type EventLog, httpRuntime } from './harness.js';

const NS = 'xmlns="http://ws.apache.org/ns/synapse"';
const SOAP = (body: string) =>
  `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`;

const TYPES = `<proxy name="Types" transports="http" startOnLoad="true" ${NS}><target><inSequence>
  <property name="s" value="text" type="STRING"/>
  <property name="b1" value="yes" type="BOOLEAN"/>
  <property name="b2" value="1" type="BOOLEAN"/>
  <property name="b3" value="TRUE" type="BOOLEAN"/>
  <property name="b4" value="no" type="BOOLEAN"/>
  <property name="b5" value=" true" type="BOOLEAN"/>
  <property name="i" value="-42" type="INTEGER"/>
  <property name="iExpr" expression="//qty" type="INTEGER"/>
  <property name="iSum" expression="//qty + 1" type="INTEGER"/>
  <property name="sh" expression="//qty" type="SHORT"/>
  <property name="l" value="3000000000" type="LONG"/>
  <property name="lExpr" expression="//big" type="LONG"/>
  <property name="dbl" value="2.5" type="DOUBLE"/>
  <property name="f" value="1.25" type="FLOAT"/>
  <property name="om" type="OM"><x:a xmlns:x="urn:x"><x:b>1</x:b></x:a></property>
  <property name="omValue" type="OM" value="&lt;c&gt;2&lt;/c&gt;"/>
  <property name="j" type="JSON" value='{"k":[1,2]}'/>
  <log level="custom" separator=";">
    <property name="s" expression="get-property('s')"/>
    <property name="b" expression="concat(get-property('b1'), get-property('b2'), get-property('b3'), get-property('b4'), get-property('b5'))"/>
    <property name="i" expression="get-property('i')"/>
    <property name="iExpr" expression="get-property('iExpr')"/>
    <property name="iSum" expression="get-property('iSum')"/>
    <property name="sh" expression="get-property('sh')"/>
    <property name="l" expression="get-property('l')"/>
    <property name="lExpr" expression="get-property('lExpr')"/>
    <property name="dbl" expression="get-property('dbl')"/>
    <property name="f" expression="get-property('f')"/>
    <property name="om" expression="get-property('om')"/>
    <property name="omPath" expression="$ctx:om/x:b" xmlns:x="urn:x"/>
    <property name="omValue" expression="get-property('omValue')"/>
    <property name="j" expression="get-property('j')"/>
    <property name="jSyn" expression="\${props.synapse.j}"/>
  </log>
  <filter xpath="get-property('b1') and not(get-property('b4'))">
    <log level="custom"><property name="booleans" value="are booleans"/></log>
  </filter>
</inSequence></target></proxy>`;

const PATTERNS = `<proxy name="Patterns" transports="http" startOnLoad="true" ${NS}><target><inSequence>
  <property name="pg1" value="order-123-x" pattern="order-(\\d+)-(.*)" group="1"/>
  <property name="pg2" value="order-123-x" pattern="order-(\\d+)-(.*)" group="2"/>
  <property name="pg0" value="order-123-x" pattern="order-(\\d+)-(.*)"/>
  <property name="partial" value="abc12" pattern="\\d+"/>
  <property name="noGroup" value="abc12" pattern="abc(\\d+)" group="3"/>
  <property name="fromExpr" expression="get-property('To')" pattern="/services/(\\w+)" group="1"/>
  <property name="notString" value="77" type="INTEGER" pattern="(7)7" group="1"/>
  <log level="custom">
    <property name="pg1" expression="$ctx:pg1"/><property name="pg2" expression="$ctx:pg2"/>
    <property name="pg0" expression="$ctx:pg0"/><property name="partial" expression="$ctx:partial"/>
    <property name="noGroup" expression="$ctx:noGroup"/><property name="fromExpr" expression="$ctx:fromExpr"/>
    <property name="notString" expression="$ctx:notString"/>
  </log>
</inSequence></target></proxy>`;

const FAULT_LOG = `<log level="custom">
    <property name="ERROR_CODE" expression="get-property('ERROR_CODE')"/>
    <property name="ERROR_MESSAGE" expression="get-property('ERROR_MESSAGE')"/>
    <property name="ERROR_DETAIL" expression="get-property('ERROR_DETAIL')"/>
  </log>`;

const badProxy = (
  name: string,
  type: string,
) => `<proxy name="${name}" transports="http" startOnLoad="true" ${NS}>
  <target>
    <inSequence>
      <log level="custom"><property name="step" value="before"/></log>
      <property name="n" expression="//qty" type="${type}"/>
      <log level="custom"><property name="step" value="after (must not run)"/></log>
    </inSequence>
    <faultSequence>${FAULT_LOG}</faultSequence>
  </target>
</proxy>`;

let runtime: Runtime;
let events: EventLog;
let base: string;

beforeAll(async () => {
  ({ runtime, events, base } = await httpRuntime({
    'artifacts/proxy-services/Types.xml': TYPES,
    'artifacts/proxy-services/Patterns.xml': PATTERNS,
    'artifacts/proxy-services/BadInt.xml': badProxy('BadInt', 'INTEGER'),
    'artifacts/proxy-services/BadLong.xml': badProxy('BadLong', 'LONG'),
  }));
});

afterAll(() => runtime.stop());

async function call(
  name: string,
  body: string,
  logCount: number,
): Promise<{ status: number; logs: RuntimeEvent[] }> {
  const before = new Set(events.logs().map((e) => e.messageId));
  const res = await fetch(`${base}/services/${name}`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'text/xml' },
  });
  await res.text();
  const mine = () => events.logs().filter((e) => !before.has(e.messageId));
  await until(() => mine().length >= logCount);
  return { status: res.status, logs: mine() };
}

describe('property types', () => {
  it('converts every type as Synapse does and reads each back', async () => {
    const r = await call('Types', SOAP('<qty>3.7</qty><big>9000000000</big>'), 2);
    expect(r.logs[0]?.text).toBe(
      [
        '{proxy:Types} s = text',
        // isTrueExplicitly: "yes", "1", "TRUE" are true; "no" and " true" (not trimmed) are false.
        'b = truetruetruefalsefalse',
        'i = -42',
        // INTEGER and SHORT from an expression truncate decimals: "3.7" → 3, 4.7 → 4.
        'iExpr = 3',
        'iSum = 4',
        'sh = 3',
        'l = 3000000000',
        'lExpr = 9000000000',
        'dbl = 2.5',
        'f = 1.25',
        // An OM property is an element: printed as XML, navigable by XPath.
        'om = <x:a xmlns:x="urn:x"><x:b>1</x:b></x:a>',
        'omPath = 1',
        // A single element with text prints its text (SynapseXPath.stringValueOf).
        'omValue = 2',
        'j = {"k":[1,2]}',
        'jSyn = {"k":[1,2]}',
      ].join(';'),
    );
    expect(r.logs[1]?.text).toBe('{proxy:Types} booleans = are booleans');
  });

  it('applies pattern as a whole match, picks group (default 0), and gives "" on no match', async () => {
    const r = await call('Patterns', SOAP('<a/>'), 1);
    expect(r.logs[0]?.text).toBe(
      '{proxy:Patterns} pg1 = 123, pg2 = x, pg0 = order-123-x, partial = , noGroup = , fromExpr = Patterns, notString = 77',
    );
  });
});

describe('conversion failures', () => {
  it('an INTEGER from an expression that is not a number takes the fault path with ERROR_MESSAGE', async () => {
    const r = await call('BadInt', SOAP('<qty>abc</qty>'), 2);
    expect(r.status).toBe(202);
    expect(r.logs.map((e) => e.properties?.step ?? 'fault')).toEqual(['before', 'fault']);
    const fault = r.logs[1] as RuntimeEvent;
    expect(fault.properties?.ERROR_CODE).toBe('0');
    // MI's text (PropertyMediator.convertValue); the reason is in ERROR_DETAIL.
    expect(fault.properties?.ERROR_MESSAGE).toBe(
      'Unknown type : INTEGER for the property mediator or the property value cannot be converted into the specified type.',
    );
    expect(fault.properties?.ERROR_DETAIL).toContain("'abc' is not a whole number.");
    const error = await events.waitFor((e) => e.kind === 'error' && e.messageId === fault.messageId);
    expect(error.text).toBe(
      'ERROR_CODE : 0 ERROR_MESSAGE : Unknown type : INTEGER for the property mediator or the property value cannot be converted into the specified type.',
    );
  });

  it('LONG does not truncate a decimal from an expression (Long.parseLong)', async () => {
    const r = await call('BadLong', SOAP('<qty>3.7</qty>'), 2);
    expect(r.logs[1]?.properties?.ERROR_MESSAGE).toBe(
      'Unknown type : LONG for the property mediator or the property value cannot be converted into the specified type.',
    );
    expect(r.logs[1]?.properties?.ERROR_DETAIL).toContain("'3.7' is not a whole number.");
  });

  it('a literal that does not convert fails the deploy with the reason (found by validation)', async () => {
    const rt = createRuntime();
    try {
      const result = await rt.deploy(
        project({
          'artifacts/sequences/bad.xml': `<sequence name="bad" ${NS}><property name="n" value="12x" type="INTEGER"/><property name="d" value="" type="DOUBLE"/></sequence>`,
        }),
      );
      expect(result.ok).toBe(false);
      expect(result.diagnostics.map((d) => [d.code, d.message])).toEqual([
        // Validation uses the runtime's conversions, so the deploy stops before compiling.
        ['PROPERTY_VALUE_TYPE', "Property 'n' has type INTEGER, but '12x' is not a whole number."],
        ['PROPERTY_VALUE_TYPE', "Property 'd' has type DOUBLE, but '' is not a number."],
      ]);
    } finally {
      await rt.stop();
    }
  });
});
