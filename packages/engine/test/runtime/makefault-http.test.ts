/**
 * makefault through a running runtime, with real HTTP clients: SOAP 1.1, SOAP 1.2 and POX faults
 * as MI's FaultMediator builds them, the HTTP status the pass-through gives them, and the
 * response flag. Each case cites the MI class and method it pins.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/runtime/index.js';
import { httpRuntime } from './harness.js';
import { apiXml, proxyXml, send, sequenceXml } from './http-helpers.js';

const S11 = 'http://schemas.xmlsoap.org/soap/envelope/';
const S12 = 'http://www.w3.org/2003/05/soap-envelope';
const SYN = 'http://ws.apache.org/ns/synapse';

const REQUEST =
  `<soapenv:Envelope xmlns:soapenv="${S11}"><soapenv:Header><t:trace xmlns:t="urn:t">42</t:trace></soapenv:Header>` +
  '<soapenv:Body><order><id>7</id><item>pen</item></order></soapenv:Body></soapenv:Envelope>';

const inProxy = (name: string, inSeq: string, rest = '') =>
  proxyXml(name, `<inSequence>${inSeq}</inSequence>${rest}`, 'transports="http"');

const FILES: Record<string, string> = {
  'artifacts/proxy-services/S11.xml': inProxy(
    'S11',
    `<makefault version="soap11">
       <code xmlns:soap11Env="${S11}" value="soap11Env:Client"/>
       <reason value="Bad &amp; wrong"/>
       <role>urn:role</role>
       <detail>details here</detail>
     </makefault>
     <send/>`,
  ),
  'artifacts/proxy-services/S12.xml': inProxy(
    'S12',
    `<makefault version="soap12">
       <code xmlns:soap12Env="${S12}" value="soap12Env:VersionMismatch"/>
       <reason value="Custom ERROR Message"/>
       <role>automation</role>
       <detail>fault details by automation</detail>
       <node>automation-node</node>
     </makefault>
     <respond/>`,
  ),
  'artifacts/proxy-services/DetailXml.xml': inProxy(
    'DetailXml',
    `<makefault xmlns:soapenv="${S11}">
       <code value="soapenv:Server"/>
       <reason expression="concat('item ', //item)"/>
       <detail><StatusCode>1000</StatusCode><plain xmlns="">x</plain></detail>
     </makefault>
     <respond/>`,
  ),
  'artifacts/proxy-services/DetailExpr.xml': inProxy(
    'DetailExpr',
    `<property name="why" value="no stock"/>
     <makefault version="soap11">
       <code expression="get-property('why')"/>
       <reason expression="get-property('why')"/>
       <detail expression="//order/item"/>
     </makefault>
     <respond/>`,
  ),
  'artifacts/proxy-services/Pox.xml': inProxy(
    'Pox',
    `<makefault version="pox"><reason value="It broke"/></makefault><respond/>`,
  ),
  'artifacts/proxy-services/PoxDetail.xml': inProxy(
    'PoxDetail',
    `<makefault version="pox"><reason value="ignored"/><detail expression="//item"/></makefault><respond/>`,
  ),
  'artifacts/proxy-services/WithStatus.xml': inProxy(
    'WithStatus',
    `<makefault><code xmlns:s="${S11}" value="s:Server"/><reason value="r"/></makefault>
     <property name="HTTP_SC" value="418" scope="axis2"/><respond/>`,
  ),
  'artifacts/proxy-services/As200.xml': inProxy(
    'As200',
    `<makefault><code xmlns:s="${S11}" value="s:Server"/><reason value="r"/></makefault>
     <property name="FAULTS_AS_HTTP_200" value="true" scope="axis2"/><respond/>`,
  ),
  'artifacts/proxy-services/NotResponse.xml': inProxy(
    'NotResponse',
    `<makefault response="false"><code xmlns:s="${S11}" value="s:Server"/><reason value="r"/></makefault>
     <in><property name="HTTP_SC" value="299" scope="axis2"/></in><respond/>`,
  ),
  'artifacts/proxy-services/IsResponse.xml': inProxy(
    'IsResponse',
    `<makefault><code xmlns:s="${S11}" value="s:Server"/><reason value="r"/></makefault>
     <in><property name="HTTP_SC" value="299" scope="axis2"/></in><respond/>`,
  ),
  'artifacts/sequences/failing.xml': sequenceXml(
    'failing',
    `<property name="n" expression="//item" type="INTEGER"/>`,
  ).replace('<sequence name="failing"', '<sequence name="failing" onError="brokenHandler"'),
  'artifacts/sequences/brokenHandler.xml': sequenceXml(
    'brokenHandler',
    `<property name="m" expression="//item" type="LONG"/><log level="custom"><property name="ran" value="handler after its error (must not run)"/></log>`,
  ),
  'artifacts/proxy-services/FallThrough.xml': inProxy(
    'FallThrough',
    `<sequence key="failing"/>`,
    `<faultSequence>
       <makefault version="soap11">
         <code xmlns:soap11Env="${S11}" value="soap11Env:Server"/>
         <reason expression="get-property('ERROR_MESSAGE')"/>
       </makefault>
       <send/>
     </faultSequence>`,
  ),
  'artifacts/apis/Faults.xml': apiXml(
    'Faults',
    '/faults',
    `<resource methods="POST GET" uri-template="/soap">
       <inSequence><makefault><code xmlns:s="${S11}" value="s:Server"/><reason value="api fault"/></makefault><respond/></inSequence>
     </resource>
     <resource methods="POST" uri-template="/pox">
       <inSequence><makefault version="pox"><detail>json detail</detail></makefault><respond/></inSequence>
     </resource>`,
  ),
};

let runtime: Runtime;
let base: string;

beforeAll(async () => {
  ({ runtime, base } = await httpRuntime(FILES));
});
afterAll(() => runtime.stop());

const soap = (path: string, body = REQUEST) => send(`${base}${path}`, { body, type: 'text/xml' });

describe('SOAP faults (FaultMediator.makeSOAPFault)', () => {
  it('builds a SOAP 1.1 fault keeping the code prefix, copying the request headers, answered with 500', async () => {
    // FaultMediatorFactory keeps the QName as written; makeSOAPFault copies the header blocks,
    // setFaultCode/Reason/Role/Detail fill faultcode, faultstring, faultactor and detail; the
    // pass-through answers a body holding a Fault with 500 (determineHttpStatusCode).
    const r = await soap('/services/S11');
    expect(r.status).toBe(500);
    expect(r.headers['content-type']).toBe('text/xml');
    expect(r.body).toBe(
      `<soapenv:Envelope xmlns:soapenv="${S11}"><soapenv:Header><t:trace xmlns:t="urn:t">42</t:trace></soapenv:Header>` +
        `<soapenv:Body><soapenv:Fault><faultcode xmlns:soap11Env="${S11}">soap11Env:Client</faultcode>` +
        '<faultstring>Bad &amp; wrong</faultstring><faultactor>urn:role</faultactor><detail>details here</detail>' +
        '</soapenv:Fault></soapenv:Body></soapenv:Envelope>',
    );
  });

  it('builds a SOAP 1.2 fault with code value, reason text, node, role and detail', async () => {
    // FaultMediator.setFaultCode (SOAPFaultValue), setFaultReason (Text xml:lang="en"),
    // setFaultNode, setFaultRole, setFaultDetail; MI's own Soap12FaultFullTestCase config.
    const r = await soap('/services/S12');
    expect(r.status).toBe(500);
    expect(r.headers['content-type']).toBe('application/soap+xml');
    expect(r.body).toContain(
      `<soapenv:Envelope xmlns:soapenv="${S12}"><soapenv:Header><t:trace xmlns:t="urn:t">42</t:trace></soapenv:Header><soapenv:Body><soapenv:Fault>` +
        `<soapenv:Code><soapenv:Value xmlns:soap12Env="${S12}">soap12Env:VersionMismatch</soapenv:Value></soapenv:Code>` +
        '<soapenv:Reason><soapenv:Text xml:lang="en">Custom ERROR Message</soapenv:Text></soapenv:Reason>' +
        '<soapenv:Node>automation-node</soapenv:Node><soapenv:Role>automation</soapenv:Role>' +
        '<soapenv:Detail>fault details by automation</soapenv:Detail></soapenv:Fault></soapenv:Body></soapenv:Envelope>',
    );
  });

  it('puts inline detail elements in the Synapse namespace unless xmlns="" resets it; reason from an expression', async () => {
    // FaultMediatorFactory: the <detail> children are the configuration's own elements
    // (addFaultDetailElement), so unprefixed ones are in the Synapse namespace. A prefix
    // declared on the mediator (soapenv here) resolves the code.
    const r = await soap('/services/DetailXml');
    expect(r.status).toBe(500);
    expect(r.body).toContain(
      '<soapenv:Fault><faultcode>soapenv:Server</faultcode><faultstring>item pen</faultstring>' +
        `<detail><StatusCode xmlns="${SYN}">1000</StatusCode><plain xmlns="">x</plain></detail></soapenv:Fault>`,
    );
  });

  it('takes the detail from an expression (selected nodes) and a code from an expression', async () => {
    // setFaultDetail adds the nodes an expression selects; setFaultCode makes a QName in the
    // envelope namespace from an expression's string (Axiom declares a prefix for it).
    const r = await soap('/services/DetailExpr');
    expect(r.body).toContain(
      `<faultcode xmlns:axis2ns1="${S11}">axis2ns1:no stock</faultcode><faultstring>no stock</faultstring>` +
        '<detail><item>pen</item></detail>',
    );
  });

  it('writes only the Fault element for a POX (application/xml) request, as its formatter does', async () => {
    // ApplicationXMLFormatter writes the body's first element: the Fault; still a 500.
    const r = await send(`${base}/services/S11`, {
      body: '<order><item>pen</item></order>',
      type: 'application/xml',
    });
    expect(r.status).toBe(500);
    expect(r.headers['content-type']).toBe('application/xml');
    expect(r.body).toBe(
      `<soapenv:Fault xmlns:soapenv="${S11}"><faultcode xmlns:soap11Env="${S11}">soap11Env:Client</faultcode>` +
        '<faultstring>Bad &amp; wrong</faultstring><faultactor>urn:role</faultactor><detail>details here</detail></soapenv:Fault>',
    );
  });

  it('answers a GET on an API with the fault envelope and 500', async () => {
    const r = await send(`${base}/faults/soap`);
    expect(r.status).toBe(500);
    expect(r.body).toContain('<faultstring>api fault</faultstring>');
  });
});

describe('POX faults (FaultMediator.makePOXFault)', () => {
  it('replaces the body with <Exception>reason</Exception>, answered with 500 (processing fault)', async () => {
    const r = await soap('/services/Pox');
    expect(r.status).toBe(500);
    expect(r.body).toBe(
      `<soapenv:Envelope xmlns:soapenv="${S11}"><soapenv:Header><t:trace xmlns:t="urn:t">42</t:trace></soapenv:Header>` +
        '<soapenv:Body><Exception>It broke</Exception></soapenv:Body></soapenv:Envelope>',
    );
    const pox = await send(`${base}/services/Pox`, { body: '<a/>', type: 'application/xml' });
    expect([pox.status, pox.body]).toEqual([500, '<Exception>It broke</Exception>']);
  });

  it('prefers the detail (text or expression) over the reason', async () => {
    const r = await send(`${base}/services/PoxDetail`, {
      body: '<a><item>pen</item></a>',
      type: 'application/xml',
    });
    expect(r.body).toBe('<Exception>pen</Exception>');
  });

  it('writes the Exception as JSON for a JSON message', async () => {
    const r = await send(`${base}/faults/pox`, { body: '{"a":1}', type: 'application/json' });
    expect(r.status).toBe(500);
    expect(r.headers['content-type']).toBe('application/json');
    expect(JSON.parse(r.body)).toEqual({ Exception: 'json detail' });
  });
});

describe('status and response flag', () => {
  it('HTTP_SC wins over the fault status; FAULTS_AS_HTTP_200 gives 200', async () => {
    // PassThroughTransportUtils.determineHttpStatusCode.
    expect((await soap('/services/WithStatus')).status).toBe(418);
    expect((await soap('/services/As200')).status).toBe(200);
  });

  it('marks the message a response by default; response="false" keeps it a request', async () => {
    // FaultMediator.markAsResponse defaults to true (setResponse(true)); FaultMediatorFactory
    // reads response="false". <in> runs only on a request.
    expect((await soap('/services/IsResponse')).status).toBe(500);
    expect((await soap('/services/NotResponse')).status).toBe(299);
  });
});

describe('fault handlers', () => {
  it("an error inside an onError sequence falls through to the proxy's faultSequence", async () => {
    // FaultHandler.handleFault: a SynapseException from onFault pops the next handler on the
    // fault stack. ERROR_MESSAGE keeps the first error's text.
    const r = await soap('/services/FallThrough');
    expect(r.status).toBe(500);
    expect(r.body).toContain(
      '<faultstring>Unknown type : INTEGER for the property mediator or the property value cannot be converted into the specified type.</faultstring>',
    );
  });
});
