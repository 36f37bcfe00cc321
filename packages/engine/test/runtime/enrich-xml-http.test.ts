/**
 * enrich on XML messages through a running runtime, with real HTTP clients: every source type
 * (custom, body, envelope, property, inline XML/text/key) into every XML target (custom
 * element, text and attribute, body, envelope, property) with replace, child and sibling. Each
 * case cites the MI class and method it pins.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/runtime/index.js';
import { httpRuntime } from './harness.js';
import { proxyXml, send } from './http-helpers.js';

const S11 = 'http://schemas.xmlsoap.org/soap/envelope/';
const SYN = 'http://ws.apache.org/ns/synapse';
const env = (body: string, header = '') =>
  `<soapenv:Envelope xmlns:soapenv="${S11}">${header ? `<soapenv:Header>${header}</soapenv:Header>` : ''}<soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`;
const ORDER = '<order status="new"><id>7</id><item>pen</item></order>';

const proxy = (name: string, inSeq: string) =>
  proxyXml(name, `<inSequence>${inSeq}<respond/></inSequence>`, 'transports="http"');
const e = (source: string, target: string) => `<enrich>${source}${target}</enrich>`;

const FILES: Record<string, string> = {
  'artifacts/local-entries/extraEntry.xml': `<localEntry key="extraEntry" xmlns="${SYN}"><extra xmlns="urn:x">from entry</extra></localEntry>`,
  'artifacts/proxy-services/Replace.xml': proxy(
    'Replace',
    e('<source xpath="//order/item"/>', '<target xpath="//order/id"/>'),
  ),
  'artifacts/proxy-services/Child.xml': proxy(
    'Child',
    e('<source xpath="//order/id"/>', '<target xpath="//order/item" action="child"/>'),
  ),
  'artifacts/proxy-services/Sibling.xml': proxy(
    'Sibling',
    e('<source xpath="//order/*"/>', '<target xpath="//order/item" action="sibling"/>'),
  ),
  'artifacts/proxy-services/Move.xml': proxy(
    'Move',
    e('<source xpath="//order/id" clone="false"/>', '<target xpath="//order/item" action="child"/>'),
  ),
  'artifacts/proxy-services/Text.xml': proxy(
    'Text',
    e('<source type="inline">99</source>', '<target xpath="//order/id/text()"/>'),
  ),
  'artifacts/proxy-services/Attr.xml': proxy(
    'Attr',
    e(`<source xpath="string(//item)"/>`, '<target xpath="//order/@status"/>'),
  ),
  'artifacts/proxy-services/BodyChild.xml': proxy(
    'BodyChild',
    e('<source type="inline"><extra>1</extra></source>', '<target type="body" action="child"/>') +
      e('<source type="inline"><plain xmlns="">2</plain></source>', '<target type="body" action="sibling"/>'),
  ),
  'artifacts/proxy-services/RoundTrip.xml': proxy(
    'RoundTrip',
    e('<source type="body"/>', '<target type="property" property="saved"/>') +
      e('<source type="inline"><temp/></source>', '<target type="body"/>') +
      `<log level="custom"><property name="between" expression="local-name($body/*)"/></log>` +
      e('<source type="property" property="saved"/>', '<target type="body"/>'),
  ),
  'artifacts/proxy-services/Envelope.xml': proxy(
    'Envelope',
    e('<source type="envelope"/>', '<target type="property" property="whole"/>') +
      e(
        `<source type="inline"><soapenv:Envelope xmlns:soapenv="${S11}"><soapenv:Body><fresh/></soapenv:Body></soapenv:Envelope></source>`,
        '<target type="envelope"/>',
      ),
  ),
  'artifacts/proxy-services/Key.xml': proxy(
    'Key',
    e('<source type="inline" key="extraEntry"/>', '<target xpath="//order" action="child"/>'),
  ),
  'artifacts/proxy-services/PropTarget.xml': proxy(
    'PropTarget',
    e('<source xpath="//item"/>', `<target xpath="get-property('picked')"/>`) +
      e('<source type="property" property="picked"/>', '<target xpath="//order/id" action="sibling"/>'),
  ),
  'artifacts/proxy-services/Header.xml': proxy(
    'Header',
    e(
      '<source type="inline"><h:trace xmlns:h="urn:h">1</h:trace></source>',
      `<target xmlns:s="${S11}" xpath="//s:Header" action="child"/>`,
    ),
  ),
  'artifacts/proxy-services/Missing.xml': proxy(
    'Missing',
    e('<source xpath="//nothing"/>', '<target xpath="//order/id"/>'),
  ),
  'artifacts/proxy-services/BadTarget.xml': proxyXml(
    'BadTarget',
    `<inSequence>${e('<source xpath="//item"/>', '<target xpath="//nothing"/>')}<respond/></inSequence>
     <faultSequence><property name="HTTP_SC" value="500" scope="axis2"/><respond/></faultSequence>`,
    'transports="http"',
  ),
};

let runtime: Runtime;
let base: string;

beforeAll(async () => {
  ({ runtime, base } = await httpRuntime(FILES));
});
afterAll(() => runtime.stop());

const call = (name: string, body = env(ORDER), type = 'text/xml') =>
  send(`${base}/services/${name}`, { body, type });

describe('custom source and target (Source.evaluate, Target.insertElement)', () => {
  it('replace puts a copy of the source where the target was', async () => {
    expect((await call('Replace')).body).toBe(
      env('<order status="new"><item>pen</item><item>pen</item></order>'),
    );
  });

  it('child appends under the target; sibling inserts after it (several in reverse order, as insertSiblingAfter does)', async () => {
    expect((await call('Child')).body).toBe(
      env('<order status="new"><id>7</id><item>pen<id>7</id></item></order>'),
    );
    expect((await call('Sibling')).body).toBe(
      env('<order status="new"><id>7</id><item>pen</item><item>pen</item><id>7</id></order>'),
    );
  });

  it('clone="false" moves the node itself', async () => {
    expect((await call('Move')).body).toBe(env('<order status="new"><item>pen<id>7</id></item></order>'));
  });

  it('sets a text node target from text, and an attribute from a string XPath result', async () => {
    // Target.insert: OMText target -> parent.setText; OMAttribute -> setAttributeValue.
    expect((await call('Text')).body).toBe(env('<order status="new"><id>99</id><item>pen</item></order>'));
    expect((await call('Attr')).body).toBe(env('<order status="pen"><id>7</id><item>pen</item></order>'));
  });

  it('adds header blocks under the SOAP Header', async () => {
    const r = await call('Header', env(ORDER, '<a:x xmlns:a="urn:a"/>'));
    expect(r.body).toBe(env(ORDER, '<a:x xmlns:a="urn:a"/><h:trace xmlns:h="urn:h">1</h:trace>'));
  });

  it('a source that selects nothing leaves the message as it was (logged, not a fault)', async () => {
    const r = await call('Missing');
    expect([r.status, r.body]).toEqual([200, env(ORDER)]);
  });

  it('a target that selects nothing faults the message', async () => {
    const r = await call('BadTarget');
    expect(r.status).toBe(500);
  });
});

describe('body, envelope, property and inline (Source.evaluate, Target.insert)', () => {
  it('type="body" action="child" adds under the body\'s first element; inline XML is in the Synapse namespace unless xmlns=""', async () => {
    // Target.insertElementToBody with the body's first element; EnrichMediatorFactory keeps the
    // inline element as configured, so an unprefixed one is in the Synapse namespace.
    expect((await call('BodyChild')).body).toBe(
      env(
        `<order status="new"><id>7</id><item>pen</item><extra xmlns="${SYN}">1</extra></order><plain xmlns="">2</plain>`,
      ),
    );
  });

  it('body into a property and back restores the message', async () => {
    const r = await call('RoundTrip');
    expect(r.body).toBe(env(ORDER));
  });

  it('an inline Envelope replaces the envelope', async () => {
    const r = await call('Envelope', env(ORDER, '<a:x xmlns:a="urn:a"/>'));
    expect(r.body).toBe(
      `<soapenv:Envelope xmlns:soapenv="${S11}"><soapenv:Body><fresh xmlns="${SYN}"/></soapenv:Body></soapenv:Envelope>`,
    );
  });

  it('an inline source by key reads the local entry', async () => {
    expect((await call('Key')).body).toBe(
      env('<order status="new"><id>7</id><item>pen</item><extra xmlns="urn:x">from entry</extra></order>'),
    );
  });

  it("a custom target get-property('name') sets the property (Target.handleProperty)", async () => {
    expect((await call('PropTarget')).body).toBe(
      env('<order status="new"><id>7</id><item>pen</item><item>pen</item></order>'),
    );
  });

  it('on a POX (application/xml) message the body is the new payload, typed as before', async () => {
    const r = await call('BodyChild', ORDER, 'application/xml');
    expect(r.headers['content-type']).toBe('application/xml');
    expect(r.body).toBe(
      `<order status="new"><id>7</id><item>pen</item><extra xmlns="${SYN}">1</extra></order>`,
    );
  });
});
