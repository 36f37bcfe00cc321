/**
 * Each expression form used in property, log and filter, over real HTTP requests: XPath with
 * prefixes declared on the mediator, on a log property or on an ancestor; json-eval; ${…};
 * get-property('To'); $body; $trp:; filter xpath true/false, source+regex (whole match,
 * `(?i)`), implicit then, nesting, and ${…} conditions (Boolean.parseBoolean).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/runtime/index.js';
import { until, type EventLog, httpRuntime } from './harness.js';

const NS = 'xmlns="http://ws.apache.org/ns/synapse"';
const SOAP_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
const BODY = '<m:order xmlns:m="urn:m"><m:qty>3</m:qty><m:note>  spaced  </m:note></m:order>';
const ENVELOPE = `<soapenv:Envelope xmlns:soapenv="${SOAP_NS}"><soapenv:Body>${BODY}</soapenv:Body></soapenv:Envelope>`;

const mark = (name: string) => `<log level="custom"><property name="ran" value="${name}"/></log>`;

const XML_PROXY = `<proxy name="Expr" transports="http" startOnLoad="true" xmlns:anc="urn:m" ${NS}>
  <target><inSequence>
    <property name="q1" expression="//m:qty" xmlns:m="urn:m"/>
    <property name="q2" expression="//anc:qty"/>
    <property name="note" expression="//anc:note"/>
    <log level="custom">
      <property name="q1" expression="$ctx:q1"/>
      <property name="q2" expression="get-property('q2')"/>
      <property name="q3" expression="//anc:qty"/>
      <property name="q4" expression="//p:qty" xmlns:p="urn:m"/>
      <property name="count" expression="count(//anc:qty)"/>
      <property name="note" expression="$ctx:note"/>
      <property name="to" expression="get-property('To')"/>
      <property name="body" expression="$body"/>
      <property name="ct" expression="$trp:Content-Type"/>
      <property name="xpathFn" expression="\${xpath('//anc:qty')}"/>
    </log>
    <filter xpath="//anc:qty = 3"><then>${mark('xpath-true:then')}</then><else>${mark('xpath-true:else')}</else></filter>
    <filter xpath="//anc:qty = 4"><then>${mark('xpath-false:then')}</then><else>${mark('xpath-false:else')}</else></filter>
    <filter source="get-property('To')" regex="/services/.*"><then>${mark('regex-whole:then')}</then></filter>
    <filter source="get-property('To')" regex="services"><then>${mark('regex-part:then')}</then><else>${mark('regex-part:else')}</else></filter>
    <filter source="get-property('To')" regex="(?i)/SERVICES/EXPR"><then>${mark('regex-ci:then')}</then></filter>
    <filter source="$trp:Content-Type" regex="text/xml.*">${mark('implicit-then')}</filter>
    <filter xpath="false()">${mark('implicit-then:false')}</filter>
    <filter xpath="//anc:qty &gt; 1">
      <then>
        <filter source="//anc:qty" regex="\\d">
          <then>${mark('nested:then/then')}</then>
          <else>${mark('nested:then/else')}</else>
        </filter>
      </then>
      <else>${mark('nested:else')}</else>
    </filter>
    <variable name="flag" value="on"/>
    <filter xpath="\${vars.flag == 'on'}"><then>${mark('synapse:then')}</then></filter>
    <filter xpath="\${'TRUE'}"><then>${mark('synapse-TRUE:then')}</then></filter>
    <filter xpath="\${'yes'}"><then>${mark('synapse-yes:then')}</then><else>${mark('synapse-yes:else')}</else></filter>
    ${mark('end')}
  </inSequence></target>
</proxy>`;

const JSON_PROXY = `<proxy name="JExpr" transports="http" startOnLoad="true" ${NS}>
  <target><inSequence>
    <property name="jb" expression="json-eval($.a.b)"/>
    <property name="pb" expression="\${payload.a.b}"/>
    <log level="custom">
      <property name="je" expression="json-eval($.a.b)"/>
      <property name="jeObj" expression="json-eval($.a)"/>
      <property name="jeNum" expression="json-eval($.n[1])"/>
      <property name="pa" expression="\${payload.a}"/>
      <property name="pab" expression="\${payload.a.b}"/>
      <property name="dollar" expression="\${$.n[2]}"/>
      <property name="len" expression="\${payload.n.length()}"/>
      <property name="props" expression="concat(get-property('jb'), '/', $ctx:pb)"/>
      <property name="ct" expression="$trp:Content-Type"/>
    </log>
    <log><message>b is \${payload.a.b}, n has \${payload.n.length()} items</message></log>
    <filter xpath="json-eval($.flag)"><then>${mark('json-eval-true:then')}</then></filter>
    <filter xpath="json-eval($.a.b)"><then>${mark('json-eval-x:then')}</then><else>${mark('json-eval-x:else')}</else></filter>
    <filter source="json-eval($.a.b)" regex="x"><then>${mark('json-regex:then')}</then></filter>
    <filter xpath="\${payload.n[0] + 1 == 2}"><then>${mark('synapse-json:then')}</then></filter>
    ${mark('end')}
  </inSequence></target>
</proxy>`;

let runtime: Runtime;
let events: EventLog;
let base: string;

beforeAll(async () => {
  ({ runtime, events, base } = await httpRuntime({
    'artifacts/proxy-services/Expr.xml': XML_PROXY,
    'artifacts/proxy-services/JExpr.xml': JSON_PROXY,
  }));
});

afterAll(() => runtime.stop());

/** Posts and returns the texts of the request's log lines, up to the `ran = end` marker. */
async function texts(name: string, body: string, contentType: string): Promise<string[]> {
  const before = new Set(events.logs().map((e) => e.messageId));
  const res = await fetch(`${base}/services/${name}`, {
    method: 'POST',
    body,
    headers: { 'content-type': contentType },
  });
  expect(res.status).toBe(202);
  await res.text();
  const mine = () => events.logs().filter((e) => !before.has(e.messageId));
  await until(() => mine().some((e) => e.properties?.ran === 'end'));
  return mine().map((e) => e.text.replace(/^\{proxy:\w+\} /, ''));
}

describe('expressions over an XML (SOAP) body', () => {
  it('resolves prefixes from the mediator, the log property and an ancestor; $body, $trp:, To', async () => {
    const lines = await texts('Expr', ENVELOPE, 'text/xml; charset=UTF-8');
    expect(lines[0]?.split(', ')).toEqual([
      'q1 = 3',
      'q2 = 3',
      'q3 = 3',
      'q4 = 3',
      // A computed XPath number is a Double: Synapse prints 1.0.
      'count = 1.0',
      // A single element's text is trimmed (SynapseXPath.stringValueOf).
      'note = spaced',
      'to = /services/Expr',
      `body = <soapenv:Body xmlns:soapenv="${SOAP_NS}">${BODY}</soapenv:Body>`,
      'ct = text/xml; charset=UTF-8',
      'xpathFn = 3',
    ]);
  });

  it('takes the right filter branches', async () => {
    const lines = await texts('Expr', ENVELOPE, 'text/xml');
    expect(lines.slice(1)).toEqual(
      [
        'xpath-true:then',
        'xpath-false:else',
        'regex-whole:then',
        // Matcher.matches(): "services" is only part of the To, so no match.
        'regex-part:else',
        'regex-ci:then',
        // Without <then>, the children are the then-branch.
        'implicit-then',
        'nested:then/then',
        'synapse:then',
        // ${…} conditions use Boolean.parseBoolean: "TRUE" is true, "yes" is not.
        'synapse-TRUE:then',
        'synapse-yes:else',
        'end',
      ].map((r) => `ran = ${r}`),
    );
  });
});

describe('expressions over a JSON body', () => {
  it('reads json-eval, ${payload…}, ${$…} in property, log and filter', async () => {
    const lines = await texts('JExpr', '{"a":{"b":"x"},"n":[1,2,3],"flag":true}', 'application/json');
    expect(lines).toEqual([
      'je = x, jeObj = {"b":"x"}, jeNum = 2, pa = {"b":"x"}, pab = x, dollar = 3, len = 3, props = x/x, ct = application/json',
      'b is x, n has 3 items',
      // SynapseJsonPath.booleanValueOf is Boolean.parseBoolean of the string value: "x" is false.
      'ran = json-eval-true:then',
      'ran = json-eval-x:else',
      'ran = json-regex:then',
      'ran = synapse-json:then',
      'ran = end',
    ]);
  });
});
