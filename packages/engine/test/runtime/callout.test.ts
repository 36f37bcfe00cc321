/**
 * callout through a running runtime, with real HTTP clients and a real SOAP back end: the source
 * goes out as SOAP with its SOAPAction, the flow waits, the answer replaces the target (a node,
 * a property or the envelope); serviceURL, endpointKey and the To address; failures go to the
 * fault sequence with ERROR_CODE and ERROR_MESSAGE. Each test names the MI class it pins.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RuntimeEvent } from '../../src/model/events.js';
import type { Runtime } from '../../src/runtime/index.js';
import { freePort, project, runtimeWith, tomlFor, until, type EventLog } from './harness.js';
import { endpointXml, proxyXml, send, startBackend, type Backend } from './http-helpers.js';
import { quoteEnvelope, soapBackend } from './soap-backend.js';

let runtime: Runtime;
let events: EventLog;
let base: string;
let backend: Backend;
let down: string;

const NS =
  'xmlns:s11="http://schemas.xmlsoap.org/soap/envelope/" xmlns:s12="http://www.w3.org/2003/05/soap-envelope"';
// The source and target MI's samples and integration tests write (fn: is the XPath 2 prefix).
const FIRST = `${NS} xpath="s11:Body/child::*[fn:position()=1] | s12:Body/child::*[fn:position()=1]"`;
const logProps = (props: Record<string, string>) =>
  `<log level="custom">${Object.entries(props)
    .map(([n, x]) => `<property name="${n}" expression="${x}"/>`)
    .join('')}</log>`;
const faultSeq = `<faultSequence>${logProps({
  code: "get-property('ERROR_CODE')",
  message: "get-property('ERROR_MESSAGE')",
  sc: "get-property('axis2', 'HTTP_SC')",
})}<respond/></faultSequence>`;
// What MI's callout samples do after the callout: send the message back to the client.
const reply = `<property name="RESPONSE" value="true"/><header name="To" action="remove"/><send/>`;

beforeAll(async () => {
  backend = await startBackend(soapBackend);
  down = `http://127.0.0.1:${await freePort()}/services/Down`;
  const http = await freePort();
  base = `http://127.0.0.1:${http}`;
  const svc = `${backend.url}/services/SimpleStockQuoteService`;
  const proxies: Record<string, string> = {
    Quote: `<inSequence>
        <callout serviceURL="${svc}" action="urn:getQuote">
          <source ${FIRST}/>
          <target ${FIRST}/>
        </callout>${reply}</inSequence>`,
    Inner: `<inSequence>
        <callout serviceURL="${svc}" action="urn:getQuote">
          <source xmlns:m="http://services.samples" xpath="//m:getQuote"/>
          <target xmlns:m="http://services.samples" xpath="//m:getQuote"/>
        </callout><respond/></inSequence>`,
    ToKey: `<inSequence>
        <callout serviceURL="${svc}" action="urn:getQuote">
          <source ${FIRST}/>
          <target key="quote"/>
        </callout>
        ${logProps({ last: "$ctx:quote//*[local-name()='last']" })}
        <payloadFactory media-type="xml">
          <format><kept xmlns="">$1</kept></format>
          <args><arg expression="$ctx:quote//*[local-name()='symbol']"/></args>
        </payloadFactory><respond/></inSequence>`,
    Envelope: `<inSequence>
        <callout serviceURL="${svc}"><source type="envelope"/></callout>${reply}</inSequence>`,
    ByKeySource: `<inSequence>
        <property name="req" type="OM"><m:getQuote xmlns:m="http://services.samples"><m:request><m:symbol>KEY</m:symbol></m:request></m:getQuote></property>
        <callout endpointKey="QuoteEp" action="urn:getQuote"><source key="req"/><target key="answer"/></callout>
        ${logProps({ symbol: "$ctx:answer//*[local-name()='symbol']" })}<respond/></inSequence>`,
    ByTo: `<inSequence>
        <header name="To" value="${svc}"/>
        <callout action="urn:getQuote"><source ${FIRST}/><target ${FIRST}/></callout><respond/></inSequence>`,
    Unreachable: `<inSequence>
        <callout serviceURL="${down}" action="urn:getQuote"><source ${FIRST}/><target ${FIRST}/></callout>
        ${logProps({ after: "'continued'" })}<respond/></inSequence>${faultSeq}`,
    Faulty: `<inSequence>
        <callout serviceURL="${backend.url}/services/Fault" action="urn:getQuote"><source ${FIRST}/><target ${FIRST}/></callout>
        ${logProps({ after: "'continued'" })}<respond/></inSequence>${faultSeq}`,
    // MI's TransportHeaderTestCase (transport_headers.xml).
    Headers: `<inSequence>
        <property name="Authorization" value="Basic cHVubmFkaTpwYXNzd29yZA==" scope="transport" type="STRING"/>
        <callout serviceURL="${svc}" action="urn:getQuote"><source ${FIRST}/><target ${FIRST}/></callout><respond/></inSequence>`,
    // MI's CalloutStatusCodeTestCase (CalloutStatusCodeTest.xml).
    Status: `<inSequence>
        <callout serviceURL="${svc}" action="urn:getQuote"><source ${FIRST}/><target ${FIRST}/></callout>
        <payloadFactory media-type="xml"><format><response xmlns="">$1</response></format>
          <args><arg evaluator="xml" expression="$axis2:HTTP_SC"/></args></payloadFactory><respond/></inSequence>`,
    // MI's CallOutMediatorWithOutOnlyPropertyTest (CallOutMediatorOutOnlyTestProxy.xml), shortened.
    OutOnly: `<inSequence>
        <property name="OUT_ONLY" value="true"/>
        <callout serviceURL="${svc}" action="urn:placeOrder"><source ${FIRST}/><target ${FIRST}/></callout>
        <payloadFactory media-type="xml"><format><r xmlns="">[$1]</r></format>
          <args><arg expression="$ctx:ERROR_CODE"/></args></payloadFactory><respond/></inSequence>${faultSeq}`,
    // MI's CalloutMediatorHandlingEmptySuccessResponseTestCase (ESBJAVA4452TestAPI.xml) and
    // CallOutSC204WithNoContentTest (CallOutMediatorNoContentTestAPI.xml).
    Empty: `<inSequence><callout serviceURL="${backend.url}/services/Empty"><source type="envelope"/></callout><respond/></inSequence>`,
    NoContent: `<inSequence><callout serviceURL="${backend.url}/services/NoContent"><source type="envelope"/></callout><respond/></inSequence>`,
    // MI's TranportCleanupOnFaultTest (TranportCleanupOnFaultTest.xml): a callout to a proxy
    // of the same server that answers with a SOAP fault, then one that answers.
    Cleanup: `<inSequence>
        <callout serviceURL="${base}/services/MakeFault" action="urn:mediate"><source ${FIRST}/><target ${FIRST}/></callout>
        ${reply}</inSequence>
      <faultSequence>
        <property name="RESPONSE" value="true"/><header name="To" action="remove"/>
        <makefault version="soap11">
          <code xmlns:soap11Env="http://schemas.xmlsoap.org/soap/envelope/" value="soap11Env:Server"/>
          <reason expression="get-property('ERROR_MESSAGE')"/>
        </makefault><send/>
      </faultSequence>`,
    MakeFault: `<inSequence>
        <switch source="//m0:getQuote/m0:request/m0:symbol" xmlns:m0="http://services.samples">
          <case regex="IBM"><send><endpoint><address uri="${svc}"/></endpoint></send></case>
          <case regex="SUN">
            <makefault version="soap11">
              <code value="tns:Server" xmlns:tns="http://schemas.xmlsoap.org/soap/envelope/"/>
              <reason value="Invalid Symbol..!"/>
            </makefault>${reply}
          </case>
        </switch></inSequence><outSequence><send/></outSequence>`,
  };
  const files: Record<string, string> = {
    'artifacts/endpoints/QuoteEp.xml': endpointXml('QuoteEp', svc),
  };
  for (const [name, body] of Object.entries(proxies))
    files[`artifacts/proxy-services/${name}.xml`] = proxyXml(name, body);
  ({ runtime, events } = await runtimeWith(project(files, tomlFor(http))));
});

afterAll(async () => {
  await runtime.stop();
  await backend.close();
});

const logsOf = (name: string): RuntimeEvent[] => events.logsOf(name);
const at = (path: string) => backend.received.filter((r) => r.url === path);
const soap11 = (symbol: string, header = '') =>
  `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">${header}<soapenv:Body>${quoteEnvelope.request(symbol)}</soapenv:Body></soapenv:Envelope>`;

describe('callout', () => {
  it('golden: the source goes out as SOAP 1.1 with the SOAPAction, the answer replaces the target, and the client gets it (CalloutMediator.mediate, BlockingMsgSender.send)', async () => {
    const before = at('/services/SimpleStockQuoteService').length;
    const r = await send(`${base}/services/Quote`, {
      body: soap11('IBM', '<soapenv:Header><h:trace xmlns:h="urn:h">t1</h:trace></soapenv:Header>'),
      type: 'text/xml',
      headers: { SOAPAction: '"urn:inbound"' },
    });
    const got = at('/services/SimpleStockQuoteService').slice(before);
    expect(got).toHaveLength(1);
    expect(got[0]!.method).toBe('POST');
    expect(got[0]!.headers['content-type']).toMatch(/^text\/xml/);
    // The callout's action, not the one the client sent.
    expect(got[0]!.headers.soapaction).toBe('"urn:getQuote"');
    // The request is the envelope with the source as its body; its header blocks go along.
    expect(got[0]!.body).toContain('<m:symbol>IBM</m:symbol>');
    expect(got[0]!.body).toContain('<h:trace xmlns:h="urn:h">t1</h:trace>');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/xml/);
    expect(r.body).toContain('getQuoteResponse');
    expect(r.body).toContain('<ns:symbol>IBM</ns:symbol>');
    expect(r.body).not.toContain('<m:getQuote ');
  });

  it('the source and target are the nodes their XPaths select: only that node is sent and only it is replaced (CalloutMediator.getRequestPayload, mediate: targetXPath)', async () => {
    const before = at('/services/SimpleStockQuoteService').length;
    const r = await send(`${base}/services/Inner`, {
      body: `<order xmlns="urn:o"><id>7</id>${quoteEnvelope.request('WSO2')}<tail/></order>`,
      type: 'application/xml',
    });
    const sent = at('/services/SimpleStockQuoteService').slice(before)[0]!.body;
    expect(sent).toMatch(/<soapenv:Body><m:getQuote [^>]*>.*<\/m:getQuote><\/soapenv:Body>/);
    expect(sent).not.toContain('<id>');
    expect(r.status).toBe(200);
    expect(r.body).toMatch(
      /^<order xmlns="urn:o"><id>7<\/id><ns:getQuoteResponse .*<\/ns:getQuoteResponse><tail\/><\/order>$/,
    );
  });

  it('target key: the answer body’s first element becomes a property that later mediators read (CalloutMediator.mediate: targetKey)', async () => {
    const r = await send(`${base}/services/ToKey`, { body: soap11('MSFT'), type: 'text/xml' });
    expect(r.status).toBe(200);
    expect(r.body).toContain('<kept>MSFT</kept>');
    expect(logsOf('ToKey').map((e) => e.properties)).toEqual([{ last: '42.5' }]);
  });

  it('source type="envelope" and no target: the whole envelope is sent and the answer’s envelope becomes the message (CalloutMediatorFactory: useEnvelopeAsSource; mediate: setEnvelope)', async () => {
    const before = at('/services/SimpleStockQuoteService').length;
    const r = await send(`${base}/services/Envelope`, { body: soap11('ENV'), type: 'text/xml' });
    const sent = at('/services/SimpleStockQuoteService').slice(before)[0]!;
    expect(sent.body).toContain('<m:symbol>ENV</m:symbol>');
    // No action: the SOAPAction the message arrived with (none here) goes out, empty.
    expect(sent.headers.soapaction).toBe('""');
    expect(r.body).toMatch(/^<soapenv:Envelope[^>]*><soapenv:Body><ns:getQuoteResponse/);
  });

  it('SOAP 1.2: sent as application/soap+xml with the action in the content type (BlockingMsgSender through Axis2’s SOAP 1.2 formatter)', async () => {
    const before = at('/services/SimpleStockQuoteService').length;
    const env12 = `<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body>${quoteEnvelope.request('S12')}</s:Body></s:Envelope>`;
    const r = await send(`${base}/services/Quote`, { body: env12, type: 'application/soap+xml' });
    const sent = at('/services/SimpleStockQuoteService').slice(before)[0]!;
    expect(sent.headers['content-type']).toMatch(/^application\/soap\+xml.*action="urn:getQuote"/);
    expect(sent.headers.soapaction).toBeUndefined();
    expect(sent.body).toContain('http://www.w3.org/2003/05/soap-envelope');
    expect(r.body).toContain('<ns:symbol>S12</ns:symbol>');
  });

  it('source key (an OM property) to the endpoint named by endpointKey, target key (CalloutMediator.getRequestPayload: requestKey; mediate: synCtx.getEndpoint)', async () => {
    const r = await send(`${base}/services/ByKeySource`, { body: '<x/>', type: 'application/xml' });
    expect(r.status).toBe(200);
    expect(r.body).toBe('<x/>');
    expect(logsOf('ByKeySource').map((e) => e.properties)).toEqual([{ symbol: 'KEY' }]);
  });

  it('no serviceURL nor endpointKey: the message goes to its To address (CalloutMediator.init: DefaultEndpoint)', async () => {
    const r = await send(`${base}/services/ByTo`, { body: soap11('TO'), type: 'text/xml' });
    expect(r.status).toBe(200);
    expect(r.body).toContain('<ns:symbol>TO</ns:symbol>');
  });

  it('an unreachable serviceURL goes to the fault sequence with ERROR_CODE 401002 and a clear ERROR_MESSAGE; the flow does not go on (BlockingMsgSender.send: BLOCKING_SENDER_OPERATION_FAILED)', async () => {
    const r = await send(`${base}/services/Unreachable`, { body: soap11('X'), type: 'text/xml' });
    expect(r.status).toBe(200);
    const lines = logsOf('Unreachable').map((e) => e.properties!);
    expect(lines).toHaveLength(1);
    expect(lines[0]!.code).toBe('401002');
    expect(lines[0]!.message).toContain(`Error invoking service : ${down} with action : urn:getQuote`);
    expect(lines[0]!.message).toMatch(/connection refused/i);
  });

  it('transport headers of the message go along, e.g. an Authorization set in transport scope (BlockingMsgSenderUtils.fillMessageContext; MI TransportHeaderTestCase)', async () => {
    const before = at('/services/SimpleStockQuoteService').length;
    await send(`${base}/services/Headers`, { body: soap11('transport_header_test'), type: 'text/xml' });
    const sent = at('/services/SimpleStockQuoteService').slice(before)[0]!;
    expect(sent.headers.authorization).toBe('Basic cHVubmFkaTpwYXNzd29yZA==');
  });

  it('HTTP_SC holds the status of the answer after the callout (CalloutMediator.mediate: HTTP_SC; MI CalloutStatusCodeTestCase)', async () => {
    const r = await send(`${base}/services/Status`, { body: soap11('IBM'), type: 'text/xml' });
    expect(r.body).toContain('<response>200</response>');
  });

  it('OUT_ONLY="true": the request goes out, no answer is waited for, and no error is raised (BlockingMsgSender.send: sendRobust; MI CallOutMediatorWithOutOnlyPropertyTest)', async () => {
    const before = at('/services/SimpleStockQuoteService').length;
    const r = await send(`${base}/services/OutOnly`, { body: soap11('WSO2'), type: 'text/xml' });
    expect(r.body).toContain('<r>[]</r>');
    await until(() => at('/services/SimpleStockQuoteService').length > before);
    expect(at('/services/SimpleStockQuoteService').slice(before)[0]!.headers.soapaction).toBe(
      '"urn:placeOrder"',
    );
  });

  it('an empty 200 answer leaves a JSON message as it was; a 204 answers the client 204 without a body (MI CalloutMediatorHandlingEmptySuccessResponseTestCase, CallOutSC204WithNoContentTest)', async () => {
    const json = '{"hello":"world"}';
    const r = await send(`${base}/services/Empty`, { body: json, type: 'application/json;charset=UTF-8' });
    expect(r.status).toBe(200);
    expect(r.body).toBe(json);
    // The JSON message goes out as it is (CalloutMediator ignores the source for JSON).
    expect(at('/services/Empty').at(-1)!.body).toBe(json);
    const n = await send(`${base}/services/NoContent`, {
      body: json,
      type: 'application/json;charset=UTF-8',
    });
    expect(n.status).toBe(204);
    expect(n.body).toBe('');
  });

  it('a callout answered with a SOAP fault by a proxy of the same runtime, four times, then answered (MI TranportCleanupOnFaultTest)', async () => {
    for (let i = 0; i < 4; i++) {
      const r = await send(`${base}/services/Cleanup`, { body: soap11('SUN'), type: 'text/xml' });
      expect(r.status).toBe(500);
      expect(r.body).toContain('<faultstring>Invalid Symbol..!</faultstring>');
    }
    const ok = await send(`${base}/services/Cleanup`, { body: soap11('IBM'), type: 'text/xml' });
    expect(ok.status).toBe(200);
    expect(ok.body).toContain('<ns:symbol>IBM</ns:symbol>');
  });

  it('a SOAP fault from the service: the fault sequence runs with the fault envelope, its faultstring as ERROR_MESSAGE and HTTP_SC 500 (BlockingMsgSender.send: AxisFault)', async () => {
    const r = await send(`${base}/services/Faulty`, { body: soap11('F'), type: 'text/xml' });
    expect(logsOf('Faulty').map((e) => e.properties)).toEqual([
      { code: '401002', message: 'No such symbol: F', sc: '500' },
    ]);
    expect(r.body).toContain('<faultstring>No such symbol: F</faultstring>');
  });
});
