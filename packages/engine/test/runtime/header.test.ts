/**
 * header golden tests through a running runtime: SOAP header blocks in the envelope (set by
 * QName, as OM, inline, removed), the To header, and transport headers on the HTTP request to a
 * back end, on the response to the client and on a WebSocket client's handshake. Expectations
 * derived by hand from MI 4.4's HeaderMediator and HeaderMediatorFactory, named in each test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Runtime } from '../../src/runtime/index.js';
import { freePort, httpRuntime, until } from './harness.js';
import { send, startBackend, wsInboundXml, type Backend } from './http-helpers.js';

const NS = 'xmlns="http://ws.apache.org/ns/synapse"';
const SYN = 'http://ws.apache.org/ns/synapse';
const ENV_NS = 'xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"';
const SOAP = (body: string, header = '') =>
  `<soapenv:Envelope ${ENV_NS}>${header}<soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`;

const proxy = (name: string, inSequence: string, rootNs = '') =>
  `<proxy name="${name}" transports="http" startOnLoad="true" ${NS} ${rootNs}><target><inSequence>${inSequence}</inSequence></target></proxy>`;

let runtime: Runtime;
let base: string;
let backend: Backend;
let wsPort: number;

beforeAll(async () => {
  backend = await startBackend((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok": true}');
  });
  wsPort = await freePort();
  const files: Record<string, string> = {
    'artifacts/proxy-services/SoapSet.xml': proxy(
      'SoapSet',
      `<header name="t:Trace" value="on &amp; off" xmlns:t="urn:trace"/>
       <header name="m:Corr" expression="//id" />
       <header name="m:Order" type="OM" value="&lt;m:id xmlns:m=&quot;urn:m&quot;&gt;9&lt;/m:id&gt;"/>
       <respond/>`,
      'xmlns:m="urn:m"',
    ),
    'artifacts/proxy-services/SoapInline.xml': proxy(
      'SoapInline',
      `<header>
          <wsse:Security xmlns:wsse="urn:wsse"><wsse:User>admin</wsse:User></wsse:Security>
          <plain>text</plain>
       </header>
       <respond/>`,
    ),
    'artifacts/proxy-services/SoapRemove.xml': proxy(
      'SoapRemove',
      `<header name="a:Drop" action="remove" xmlns:a="urn:a"/>
       <respond/>`,
    ),
    'artifacts/proxy-services/To.xml': proxy(
      'To',
      `<header name="To" value="http://example.org/target"/>
       <payloadFactory media-type="text"><format>$1</format><args><arg expression="get-property('To')"/></args></payloadFactory>
       <respond/>`,
    ),
    // MI's setToHeaderTestProxy (SetHeaderToTestCase): To, then a send with no endpoint.
    'artifacts/proxy-services/setToHeaderTestProxy.xml': `<proxy ${NS} name="setToHeaderTestProxy" transports="https,http" startOnLoad="true">
    <target>
        <inSequence>
            <header name="To" value="${backend.url}/services/SimpleStockQuoteService" action="set"/>
            <send/>
        </inSequence>
        <outSequence>
            <send/>
        </outSequence>
    </target>
</proxy>`,
    'artifacts/proxy-services/TrpOut.xml': proxy(
      'TrpOut',
      `<header name="X-Added" scope="transport" value="added"/>
       <header name="X-Copied" scope="transport" expression="$trp:X-In"/>
       <header name="X-Secret" scope="transport" action="remove"/>
       <call><endpoint><address uri="${backend.url}/echo"/></endpoint></call>
       <header name="X-Back" scope="transport" value="from-mediation"/>
       <header name="x-json" scope="transport" expression="json-eval($.ok)"/>
       <respond/>`,
    ),
    'artifacts/proxy-services/NotSoap.xml': proxy(
      'NotSoap',
      `<header name="m:Trace" value="on" xmlns:m="urn:m"/>
       <respond/>`,
    ),
    'artifacts/inbound-endpoints/HdrWs.xml': wsInboundXml('HdrWs', 'hdrWs', wsPort),
    'artifacts/sequences/hdrWs.xml': `<sequence name="hdrWs" ${NS}>
  <filter xpath="get-property('source.handshake.present') = 'true'">
    <then>
      <header name="X-Secret" scope="transport" action="remove"/>
      <header name="X-Via" scope="transport" expression="concat('ws-', $trp:X-User)"/>
      <call><endpoint><address uri="${backend.url}/handshake"/></endpoint></call>
    </then>
  </filter>
  <drop/>
</sequence>`,
  };
  ({ runtime, base } = await httpRuntime(files));
});

afterAll(async () => {
  await runtime.stop();
  await backend.close();
});

describe('header scope="default": SOAP header blocks', () => {
  it('sets blocks named by a QName, from a value, an expression and as OM', async () => {
    // HeaderMediator.addCustomHeader: a header block in the name's namespace with the value as
    // text, or (type="OM") the value parsed as XML inside it, keeping the declarations it was
    // written with; the Header is created when missing.
    const r = await send(`${base}/services/SoapSet`, {
      body: SOAP('<req><id>5</id></req>'),
      type: 'text/xml',
    });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('text/xml');
    expect(r.body).toBe(
      SOAP(
        '<req><id>5</id></req>',
        '<soapenv:Header><t:Trace xmlns:t="urn:trace">on &amp; off</t:Trace><m:Corr xmlns:m="urn:m">5</m:Corr>' +
          '<m:Order xmlns:m="urn:m"><m:id xmlns:m="urn:m">9</m:id></m:Order></soapenv:Header>',
      ),
    );
  });

  it('adds inline XML blocks, unprefixed ones in the Synapse namespace', async () => {
    // HeaderMediator.addHeaderChildrenToMessageContext (ElementHelper.toSOAPHeaderBlock).
    const r = await send(`${base}/services/SoapInline`, {
      body: SOAP('<req/>', '<soapenv:Header><old xmlns="urn:o">1</old></soapenv:Header>'),
      type: 'text/xml',
    });
    expect(r.body).toBe(
      SOAP(
        '<req/>',
        '<soapenv:Header><old xmlns="urn:o">1</old>' +
          '<wsse:Security xmlns:wsse="urn:wsse"><wsse:User>admin</wsse:User></wsse:Security>' +
          `<plain xmlns="${SYN}">text</plain></soapenv:Header>`,
      ),
    );
  });

  it("removes every block with the name's namespace and local name", async () => {
    // HeaderMediator.removeFromHeaderList over getHeaderBlocksWithNSURI.
    const r = await send(`${base}/services/SoapRemove`, {
      body: SOAP(
        '<req/>',
        '<soapenv:Header><x:Drop xmlns:x="urn:a">1</x:Drop><Drop xmlns="urn:other">2</Drop><x:Drop xmlns:x="urn:a">3</x:Drop></soapenv:Header>',
      ),
      type: 'text/xml',
    });
    expect(r.body).toBe(SOAP('<req/>', '<soapenv:Header><Drop xmlns="urn:other">2</Drop></soapenv:Header>'));
  });

  it("To sets the message's To address", async () => {
    // HeaderMediator.mediate: the unprefixed "well known" To header is synCtx.setTo.
    const r = await send(`${base}/services/To`, { body: '{}', type: 'application/json' });
    expect(r.body).toBe('http://example.org/target');
  });

  it("To then <send/>: the message goes to the header's address (MI's SetHeaderToTestCase)", async () => {
    // HeaderMediator.mediate: setTo; SendMediator with no endpoint sends to the To address.
    const before = backend.received.length;
    const r = await send(`${base}/services/setToHeaderTestProxy`, {
      body: SOAP('<getQuote><symbol>IBM</symbol></getQuote>'),
      type: 'text/xml',
    });
    expect(r.status).toBe(200);
    expect(backend.received[before]).toMatchObject({ url: '/services/SimpleStockQuoteService' });
    expect(backend.received[before]!.body).toContain('IBM');
    expect(r.body).toBe('{"ok": true}');
  });

  it('leaves a payload that is not SOAP as it is', async () => {
    // The block goes into the envelope, which no formatter of application/json writes.
    const r = await send(`${base}/services/NotSoap`, { body: '{"a":1}', type: 'application/json' });
    expect(r.body).toBe('{"a":1}');
  });
});

describe('header scope="transport"', () => {
  it('sets, copies and removes HTTP headers of the request to a back end and of the response', async () => {
    // HeaderMediator.mediate, SCOPE_TRANSPORT: the TRANSPORT_HEADERS map, which the HTTP sender
    // writes on the request and the listener on the response.
    const before = backend.received.length;
    const r = await send(`${base}/services/TrpOut`, {
      body: '{"q": 1}',
      type: 'application/json',
      headers: { 'X-In': 'incoming', 'X-Secret': 's3cret' },
    });
    expect(r.status).toBe(200);
    const got = backend.received[before]!;
    expect(got.headers['x-added']).toBe('added');
    expect(got.headers['x-copied']).toBe('incoming');
    expect(got.headers['x-secret']).toBeUndefined();
    expect(r.headers['x-back']).toBe('from-mediation');
    expect(r.headers['x-json']).toBe('true');
    expect(r.body).toBe('{"ok": true}');
  });

  it("changes the headers of a WebSocket client's handshake", async () => {
    // The handshake message carries the client's HTTP headers as transport headers; header
    // removes and sets them before they go on (here, to an HTTP back end).
    const before = backend.received.length;
    const ws = new WebSocket(`ws://127.0.0.1:${wsPort}/chat`, {
      headers: { 'X-User': 'kim', 'X-Secret': 'no' },
    });
    ws.on('error', () => undefined);
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    await until(() => backend.received.length > before);
    const got = backend.received[before]!;
    expect(got.url).toBe('/handshake');
    expect(got.headers['x-via']).toBe('ws-kim');
    expect(got.headers['x-user']).toBe('kim');
    expect(got.headers['x-secret']).toBeUndefined();
    ws.close(1000);
  });
});
