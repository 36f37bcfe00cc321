/**
 * `call blocking="true"` and `call` without an endpoint through a running runtime, with real
 * HTTP clients and a real SOAP back end. Each test names the MI class it pins.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RuntimeEvent } from '../../src/model/events.js';
import type { Runtime } from '../../src/runtime/index.js';
import { freePort, project, runtimeWith, tomlFor, type EventLog } from './harness.js';
import { proxyXml, send, startBackend, type Backend } from './http-helpers.js';
import { quoteEnvelope, soapBackend } from './soap-backend.js';

let runtime: Runtime;
let events: EventLog;
let base: string;
let backend: Backend;

const logProps = (props: Record<string, string>) =>
  `<log level="custom">${Object.entries(props)
    .map(([n, x]) => `<property name="${n}" expression="${x}"/>`)
    .join('')}</log>`;
const faultSeq = `<faultSequence>${logProps({
  code: "get-property('ERROR_CODE')",
  message: "get-property('ERROR_MESSAGE')",
  sc: "get-property('axis2', 'HTTP_SC')",
})}<respond/></faultSequence>`;
const ep = (uri: string) => `<endpoint><address uri="${uri}"/></endpoint>`;
const after = logProps({ after: "'continued'", sc: "get-property('axis2', 'HTTP_SC')" });
const soap11 = (symbol: string) =>
  `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>${quoteEnvelope.request(symbol)}</soapenv:Body></soapenv:Envelope>`;

beforeAll(async () => {
  backend = await startBackend(soapBackend);
  const http = await freePort();
  base = `http://127.0.0.1:${http}`;
  const svc = `${backend.url}/services/SimpleStockQuoteService`;
  const proxies: Record<string, string> = {
    Blocking: `<inSequence><call blocking="true">${ep(svc)}</call>${after}<respond/></inSequence>${faultSeq}`,
    BlockingFault: `<inSequence><call blocking="true">${ep(`${backend.url}/services/Fault`)}</call>${after}<respond/></inSequence>${faultSeq}`,
    Blocking404: `<inSequence><call blocking="true">${ep(`${backend.url}/services/NotFound`)}</call>${after}<respond/></inSequence>${faultSeq}`,
    Blocking404Ok: `<inSequence>
        <property name="NON_ERROR_HTTP_STATUS_CODES" value="404" scope="axis2"/>
        <call blocking="true">${ep(`${backend.url}/services/NotFound`)}</call>${after}<respond/></inSequence>${faultSeq}`,
    ToCall: `<inSequence><header name="To" value="${svc}"/><call/>${after}<respond/></inSequence>${faultSeq}`,
    ToBlocking: `<inSequence><header name="To" value="${svc}"/><call blocking="true"/>${after}<respond/></inSequence>${faultSeq}`,
  };
  const files: Record<string, string> = {};
  for (const [name, body] of Object.entries(proxies))
    files[`artifacts/proxy-services/${name}.xml`] = proxyXml(name, body);
  ({ runtime, events } = await runtimeWith(project(files, tomlFor(http))));
});

afterAll(async () => {
  await runtime.stop();
  await backend.close();
});

const logsOf = (name: string): RuntimeEvent[] => events.logsOf(name);

describe('call blocking="true"', () => {
  it('the answer replaces the payload and the flow goes on with HTTP_SC (CallMediator.handleBlockingCall, BlockingMsgSender.send)', async () => {
    const r = await send(`${base}/services/Blocking`, { body: soap11('BLK'), type: 'text/xml' });
    expect(r.status).toBe(200);
    expect(r.body).toContain('<ns:symbol>BLK</ns:symbol>');
    expect(logsOf('Blocking').map((e) => e.properties)).toEqual([{ after: 'continued', sc: '200' }]);
  });

  it('a SOAP fault answer goes to the fault sequence with the fault envelope, its faultstring and HTTP_SC (BlockingMsgSender.send: AxisFault, faultMC envelope)', async () => {
    const r = await send(`${base}/services/BlockingFault`, { body: soap11('BAD'), type: 'text/xml' });
    expect(logsOf('BlockingFault').map((e) => e.properties)).toEqual([
      { code: '401002', message: 'No such symbol: BAD', sc: '500' },
    ]);
    expect(r.body).toContain('<faultstring>No such symbol: BAD</faultstring>');
  });

  it('an error status without a SOAP fault goes to the fault sequence as Axis2’s transport error (BlockingMsgSender.send, extractStatusCodeFromException)', async () => {
    const r = await send(`${base}/services/Blocking404`, { body: soap11('NF'), type: 'text/xml' });
    expect(logsOf('Blocking404').map((e) => e.properties)).toEqual([
      { code: '401002', message: 'Transport error: 404 Error: Not Found', sc: '404' },
    ]);
    // No fault envelope: the message is left as it was.
    expect(r.body).toContain('<m:symbol>NF</m:symbol>');
  });

  it('a status listed in NON_ERROR_HTTP_STATUS_CODES is an ordinary answer: the flow goes on with it (BlockingMsgSender.send: NON_ERROR_HTTP_STATUS_CODES)', async () => {
    const r = await send(`${base}/services/Blocking404Ok`, { body: soap11('OK'), type: 'text/xml' });
    expect(r.body).toBe('nothing here');
    expect(logsOf('Blocking404Ok').map((e) => e.properties)).toEqual([{ after: 'continued', sc: '404' }]);
  });
});

describe('call without an endpoint', () => {
  it('sends to the To address a header mediator set, and goes on with the answer (CallMediator.mediate with a null endpoint: the To address)', async () => {
    const before = backend.received.length;
    const r = await send(`${base}/services/ToCall`, { body: soap11('TO'), type: 'text/xml' });
    expect(backend.received[before]).toMatchObject({ url: '/services/SimpleStockQuoteService' });
    expect(r.body).toContain('<ns:symbol>TO</ns:symbol>');
    expect(logsOf('ToCall').map((e) => e.properties)).toEqual([{ after: 'continued', sc: '200' }]);
  });

  it('blocking too (CallMediator.handleBlockingCall: endpoint null, an empty EndpointDefinition, the To address)', async () => {
    const r = await send(`${base}/services/ToBlocking`, { body: soap11('TOB'), type: 'text/xml' });
    expect(r.body).toContain('<ns:symbol>TOB</ns:symbol>');
    expect(logsOf('ToBlocking').map((e) => e.properties)).toEqual([{ after: 'continued', sc: '200' }]);
  });
});
