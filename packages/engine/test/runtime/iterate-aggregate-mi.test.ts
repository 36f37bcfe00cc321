/**
 * MI's own integration test configs for iterate and aggregate (micro-integrator,
 * tests-mediator-1: aggregateMediatorTestProxy, aggregateMediatorOnCompleteErrorTestProxy,
 * aggregateEmptyJsonPayloadTestProxy, CloneAndAggregateTestProxy) through a running runtime, with real HTTP clients and back
 * ends standing in for MI's sample services. Each test names the MI class it pins.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/runtime/index.js';
import { openGathers } from '../../src/runtime/mediation/handlers/aggregate.js';
import { freePort, project, runtimeWith, tomlFor, type EventLog } from './harness.js';
import { proxyXml, send, sequenceXml, startBackend, type Backend } from './http-helpers.js';

let runtime: Runtime;
let events: EventLog;
let base: string;
/** A SimpleStockQuoteService stand-in: a SOAP getQuoteResponse for the symbol asked. */
let quotes: Backend;
/** Answers 204 with no body (MI's AggregateEmptyJsonPayloadTestCase back end). */
let noContent: Backend;

const SOAP = 'http://schemas.xmlsoap.org/soap/envelope/';
const envelope = (body: string) =>
  `<soapenv:Envelope xmlns:soapenv="${SOAP}"><soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`;

beforeAll(async () => {
  quotes = await startBackend((req, res) => {
    const symbol = /<m0:symbol>([^<]*)</.exec(req.body)?.[1] ?? '?';
    res
      .writeHead(200, { 'content-type': 'text/xml' })
      .end(
        envelope(
          `<ns:getQuoteResponse xmlns:ns="http://services.samples"><ns:return><ns:symbol>${symbol}</ns:symbol></ns:return></ns:getQuoteResponse>`,
        ),
      );
  });
  noContent = await startBackend((_req, res) => res.writeHead(204).end());
  const http = await freePort();
  base = `http://127.0.0.1:${http}`;
  const ep = (uri: string) => `<endpoint><address uri="${uri}"/></endpoint>`;
  const proxies: Record<string, string> = {
    // The shape of MI's aggregateMediatorTestProxy: split, send each to the quote service,
    // gather the responses in the out sequence inside the element of the ROOT property.
    MiShape: proxyXml(
      'MiShape',
      `<inSequence>
         <property name="ROOT" scope="default"><root:rootelement xmlns:root="www.wso2esb.com"/></property>
         <iterate xmlns:m0="http://services.samples" preservePayload="true" attachPath="//m0:getQuote" expression="//m0:getQuote/m0:request">
           <target><sequence><send>${ep(`${quotes.url}/services/SimpleStockQuoteService/mishape`)}</send></sequence></target>
         </iterate>
       </inSequence>
       <outSequence>
         <aggregate>
           <completeCondition><messageCount min="-1" max="-1"/></completeCondition>
           <onComplete xmlns:m0="http://services.samples" expression="//m0:getQuoteResponse" enclosingElementProperty="ROOT"><send/></onComplete>
         </aggregate>
       </outSequence>`,
    ),
    // MI's aggregateMediatorOnCompleteErrorTestProxy: expression="." selects the envelope itself.
    OnCompleteError: proxyXml(
      'OnCompleteError',
      `<inSequence>
         <property name="ROOT" scope="default"><root:rootelement xmlns:root="www.wso2esb.com"/></property>
         <iterate xmlns:m0="http://services.samples" expression="//m0:getQuote">
           <target><sequence><send>${ep(`${quotes.url}/services/SimpleStockQuoteService`)}</send></sequence></target>
         </iterate>
       </inSequence>
       <outSequence>
         <aggregate>
           <completeCondition><messageCount min="-1" max="-1"/></completeCondition>
           <onComplete xmlns:m0="http://services.samples" expression="." enclosingElementProperty="ROOT"><send/></onComplete>
         </aggregate>
       </outSequence>
       <faultSequence>
         <makefault version="soap11">
           <code xmlns:soap11Env="http://schemas.xmlsoap.org/soap/envelope/" value="soap11Env:Server"/>
           <reason expression="get-property('ERROR_MESSAGE')"/>
         </makefault>
         <send/>
       </faultSequence>`,
    ),
    // MI's aggregateEmptyJsonPayloadTestProxy: 204 answers, each replaced by {} and gathered.
    EmptyJson: proxyXml(
      'EmptyJson',
      `<inSequence>
         <property name="ROOT_ELEMENT" scope="default"><OverallResponse/></property>
         <iterate xmlns:m0="http://services.samples" id="restoreIterator" expression="//m0:getQuote/m0:request">
           <target><sequence><send>${ep(`${noContent.url}/no-content-response`)}</send></sequence></target>
         </iterate>
       </inSequence>
       <outSequence>
         <payloadFactory media-type="json"><format>{}</format><args/></payloadFactory>
         <aggregate id="restoreIterator">
           <completeCondition><messageCount min="-1" max="-1"/></completeCondition>
           <onComplete expression="$body/*" enclosingElementProperty="ROOT_ELEMENT">
             <log level="full"><property name="AGG_ENV" value="aggregated envelope"/></log>
             <respond/>
           </onComplete>
         </aggregate>
       </outSequence>`,
    ),
  };
  // MI's CloneAndAggregateTestProxy with its cloningMessagesSeq and aggregateMessagesSeq.
  proxies.CloneAndAggregateTestProxy = proxyXml(
    'CloneAndAggregateTestProxy',
    `<inSequence><sequence key="cloningMessagesSeq"/></inSequence>
     <outSequence><sequence key="aggregateMessagesSeq"/></outSequence>`,
  );
  const files: Record<string, string> = {
    'artifacts/sequences/cloningMessagesSeq.xml': sequenceXml(
      'cloningMessagesSeq',
      `<clone id="clone3" sequential="true"><log level="full"/>
         <target><sequence><send>${ep(`${quotes.url}/services/one`)}</send></sequence></target>
         <target><sequence><send><endpoint name="ep2"><address uri="${quotes.url}/services/two"/></endpoint></send></sequence></target>
       </clone>`,
    ),
    'artifacts/sequences/aggregateMessagesSeq.xml': sequenceXml(
      'aggregateMessagesSeq',
      `<aggregate id="clone3">
         <completeCondition><messageCount min="-1" max="-1"/></completeCondition>
         <onComplete xmlns:m0="http://services.samples" expression="//m0:getQuoteResponse"><send/></onComplete>
       </aggregate>`,
    ),
  };
  for (const [name, xml] of Object.entries(proxies)) files[`artifacts/proxy-services/${name}.xml`] = xml;
  ({ runtime, events } = await runtimeWith(project(files, tomlFor(http))));
});

afterAll(async () => {
  await runtime.stop();
  await quotes.close();
  await noContent.close();
});

describe('iterate + aggregate: MI integration configs', () => {
  it('MI’s aggregateMediatorTestProxy shape: iterate → send, aggregate in the out sequence inside ROOT, send back (AggregateMediator, EIPUtils.enrichEnvelope)', async () => {
    const request = envelope(
      '<m0:getQuote xmlns:m0="http://services.samples"><m0:request><m0:symbol>IBM</m0:symbol></m0:request><m0:request><m0:symbol>WSO2</m0:symbol></m0:request></m0:getQuote>',
    );
    const r = await send(`${base}/services/MiShape`, {
      body: request,
      type: 'text/xml',
      headers: { SOAPAction: 'urn:getQuote' },
    });
    expect(r.status).toBe(200);
    expect(r.body).toContain('<root:rootelement xmlns:root="www.wso2esb.com">');
    expect(r.body.split('getQuoteResponse xmlns').length - 1).toBe(2);
    expect(r.body).toContain('<ns:symbol>IBM</ns:symbol>');
    expect(r.body).toContain('<ns:symbol>WSO2</ns:symbol>');
    // Each split message carried the rest of the request with its one request element.
    const got = quotes.received
      .filter((x) => x.url === '/services/SimpleStockQuoteService/mishape')
      .map((x) => x.body);
    expect(got).toHaveLength(2);
    expect(got.every((b) => b.split('<m0:request>').length - 1 === 1)).toBe(true);
  });

  it('MI’s aggregateMediatorOnCompleteErrorTestProxy: an aggregation expression selecting the envelope fails the gather into the fault sequence with MI’s message (EIPUtils.enrichEnvelope, AggregateMediator.getAggregatedMessage)', async () => {
    const request = envelope(
      '<ser:getQuotes xmlns:ser="http://services.samples"><ser:getQuote><ser:request><ser:symbol>IBM</ser:symbol></ser:request></ser:getQuote><ser:getQuote><ser:request><ser:symbol>WSO2</ser:symbol></ser:request></ser:getQuote></ser:getQuotes>',
    );
    const r = await send(`${base}/services/OnCompleteError`, {
      body: request,
      type: 'text/xml',
      headers: { SOAPAction: 'urn:getQuote' },
    });
    // A SOAP fault sent back on the response path; MI's client sees it as an AxisFault.
    expect(r.body).toContain('<faultstring>Error evaluating expression: .</faultstring>');
    expect(openGathers.count).toBe(0);
  });

  it('MI’s aggregateEmptyJsonPayloadTestProxy: 204 answers replaced by {} are gathered as two jsonObject elements in OverallResponse (AggregateEmptyJsonPayloadTestCase)', async () => {
    const request = envelope(
      '<m0:getQuote xmlns:m0="http://services.samples"><m0:request>IBM</m0:request><m0:request>WSO2</m0:request></m0:getQuote>',
    );
    await send(`${base}/services/EmptyJson`, {
      body: request,
      type: 'text/xml',
      headers: { SOAPAction: 'urn:mediate' },
    });
    const line = await events.waitFor((e) => e.kind === 'log' && e.artifact?.name === 'EmptyJson');
    // MI prints <OverallResponse xmlns="http://ws.apache.org/ns/synapse"><jsonObject xmlns=""/>…: its
    // property mediator keeps the Synapse default namespace on inline XML; Mediate's does not.
    expect(line.text).toContain(
      '<soapenv:Body><OverallResponse><jsonObject/><jsonObject/></OverallResponse></soapenv:Body>',
    );
    expect(noContent.received).toHaveLength(2);
  });

  it('MI’s CloneAndAggregateTestProxy: 20 requests, each cloned to two services and gathered from both responses in the out sequence (CloneSmallMessageTestCase; CloneMediator, AggregateMediator)', async () => {
    const request = envelope(
      '<m0:getQuote xmlns:m0="http://services.samples"><m0:request><m0:symbol>WSO2</m0:symbol></m0:request></m0:getQuote>',
    );
    for (let i = 0; i < 20; i++) {
      const r = await send(`${base}/services/CloneAndAggregateTestProxy`, {
        body: request,
        type: 'text/xml',
        headers: { SOAPAction: 'urn:getQuote' },
      });
      expect(r.status).toBe(200);
      expect(r.body.split('<ns:symbol>WSO2</ns:symbol>').length - 1).toBe(2);
    }
    expect(quotes.received.filter((x) => x.url === '/services/one')).toHaveLength(20);
    expect(quotes.received.filter((x) => x.url === '/services/two')).toHaveLength(20);
    expect(openGathers.count).toBe(0);
  });
});
