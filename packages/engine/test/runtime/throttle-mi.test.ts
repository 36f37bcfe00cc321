/**
 * MI's own throttle integration-test configurations (micro-integrator, tests-mediator-1,
 * org.wso2.carbon.esb.mediator.test.throttle), deployed as written with the back-end address
 * replaced, driven by a real SOAP client: what each MI test expects, Mediate does.
 */
import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/runtime/index.js';
import { freePort, project, runtimeWith, tomlFor, until } from './harness.js';
import { send, startBackend, type Backend, type Reply } from './http-helpers.js';

let runtime: Runtime;
let base: string;
let stock: Backend;
/** Requests the back end holds while `holding` is true. */
let holding = false;
const held: ServerResponse[] = [];

const QUOTE = (symbol: string) =>
  `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><ns:getQuoteResponse xmlns:ns="http://services.samples"><ns:return><ns:symbol>${symbol}</ns:symbol></ns:return></ns:getQuoteResponse></soapenv:Body></soapenv:Envelope>`;
const REQUEST = `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><ser:getQuote xmlns:ser="http://services.samples"><ser:request><ser:symbol>WSO2</ser:symbol></ser:request></ser:getQuote></soapenv:Body></soapenv:Envelope>`;

const WSP = `xmlns:wsp="http://schemas.xmlsoap.org/ws/2004/09/policy"`;
const THROTTLE = (ns = 'http://www.wso2.org/products/wso2commons/throttle') => `xmlns:throttle="${ns}"`;
const otherRule = (max: number) => `<wsp:Policy>
    <throttle:ID throttle:type="IP">other</throttle:ID>
    <wsp:Policy><throttle:Control><wsp:Policy>
        <throttle:MaximumCount>${max}</throttle:MaximumCount>
        <throttle:UnitTime>800000</throttle:UnitTime>
        <throttle:ProhibitTimePeriod wsp:Optional="true">1000
        </throttle:ProhibitTimePeriod>
    </wsp:Policy></throttle:Control></wsp:Policy>
</wsp:Policy>`;
const ACCEPT = (uri: string) => `<onAccept>
    <log level="custom"><property name="text" value="**Access Accept**"/></log>
    <send><endpoint><address uri="${uri}"/></endpoint></send>
</onAccept>`;
const proxy = (name: string, inSequence: string) =>
  `<proxy xmlns="http://ws.apache.org/ns/synapse" name="${name}" transports="https http" startOnLoad="true" trace="disable">
    <description/>
    <target>
        <inSequence>${inSequence}</inSequence>
        <outSequence><throttle id="A"/><send/></outSequence>
    </target>
</proxy>`;

beforeAll(async () => {
  stock = await startBackend((req, res) => {
    if (holding) held.push(res);
    else res.writeHead(200, { 'content-type': 'text/xml' }).end(QUOTE('WSO2'));
  });
  const http = await freePort();
  base = `http://127.0.0.1:${http}`;
  const uri = `${stock.url}/services/SimpleStockQuoteService`;
  const files: Record<string, string> = {
    // ConcurrencyAndRequestBasedThrottlingConcurrencyProxy.xml
    'artifacts/proxy-services/ConcurrencyAndRequestBasedThrottlingConcurrencyProxy.xml': proxy(
      'ConcurrencyAndRequestBasedThrottlingConcurrencyProxy',
      `<throttle id="A">
        <policy>
            <!-- define throttle policy -->
            <wsp:Policy ${WSP} ${THROTTLE()}
                        xmlns:wsu="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd"
                        wsu:Id="WSO2MediatorThrottlingPolicy">
                <throttle:MediatorThrottleAssertion>
                    <throttle:MaximumConcurrentAccess>10</throttle:MaximumConcurrentAccess>
                    ${otherRule(6)}
                </throttle:MediatorThrottleAssertion>
            </wsp:Policy>
        </policy>
        ${ACCEPT(uri)}
        <onReject>
            <log level="custom"><property name="text" value="**Access Denied**"/></log>
            <makefault response="true">
                <code xmlns:tns="http://schemas.xmlsoap.org/soap/envelope/" value="tns:Server"/>
                <reason value="**Access Denied**"/>
            </makefault>
            <respond/>
            <drop/>
        </onReject>
    </throttle>`,
    ),
    // invalidThrottlingPolicyTestProxy.xml: the policy's namespace is wrong, so nothing is throttled.
    'artifacts/proxy-services/invalidThrottlingPolicyTestProxy.xml': proxy(
      'invalidThrottlingPolicyTestProxy',
      `<throttle id="A">
        <policy>
            <wsp:Policy ${WSP} ${THROTTLE('http://www.wso2.org/products/google/throttle')}>
                <throttle:MediatorThrottleAssertion>${otherRule(4)}</throttle:MediatorThrottleAssertion>
            </wsp:Policy>
        </policy>
        ${ACCEPT(uri)}
        <onReject>
            <makefault><code value="tns:Server" xmlns:tns="http://schemas.xmlsoap.org/soap/envelope/"/><reason value="**Access Denied**"/></makefault>
            <property name="RESPONSE" value="true"/>
            <header name="To" action="remove"/>
            <send/>
            <drop/>
        </onReject>
    </throttle>`,
    ),
    // throttlingMaxAccessOneProxy.xml: the older ThrottleAssertion with only a concurrency limit.
    'artifacts/proxy-services/throttlingMaxAccessOneProxy.xml': proxy(
      'throttlingMaxAccessOneProxy',
      `<throttle id="A">
        <policy>
            <wsp:Policy ${WSP} ${THROTTLE()}>
                <throttle:ThrottleAssertion>
                    <throttle:MaximumConcurrentAccess>1</throttle:MaximumConcurrentAccess>
                </throttle:ThrottleAssertion>
            </wsp:Policy>
        </policy>
        ${ACCEPT(uri)}
        <onReject>
            <makefault response="true">
                <code xmlns:tns="http://schemas.xmlsoap.org/soap/envelope/" value="tns:Server"/>
                <reason value="**Access Denied**"/>
            </makefault>
            <send/>
            <drop/>
        </onReject>
    </throttle>`,
    ),
  };
  ({ runtime } = await runtimeWith(project(files, tomlFor(http))));
});

afterAll(async () => {
  for (const res of held.splice(0)) res.end();
  await runtime.stop();
  await stock.close();
});

const quote = (name: string): Promise<Reply> =>
  send(`${base}/services/${name}`, {
    body: REQUEST,
    type: 'text/xml',
    headers: { SOAPAction: 'urn:getQuote' },
  });
const granted = (r: Reply) => r.status === 200 && r.body.includes('<ns:symbol>WSO2</ns:symbol>');
const denied = (r: Reply) => r.status === 500 && r.body.includes('**Access Denied**');

describe("MI's throttle integration tests", () => {
  it('ConcurrencyAndRequestThrottlingTestRequest: MaximumCount 6 grants six and denies the rest with a SOAP fault (ThrottleMediator)', async () => {
    const replies: Reply[] = [];
    for (let i = 0; i < 10; i++)
      replies.push(await quote('ConcurrencyAndRequestBasedThrottlingConcurrencyProxy'));
    expect(
      replies.map((r) => (granted(r) ? 'granted' : denied(r) ? 'denied' : `${r.status} ${r.body}`)),
    ).toEqual([...Array(6).fill('granted'), ...Array(4).fill('denied')]);
  });

  it('InvalidThrottlingPolicyTest: a policy in the wrong namespace throttles nothing (ThrottleFactory.createMediatorThrottle returns null)', async () => {
    for (let i = 0; i < 6; i++) expect(granted(await quote('invalidThrottlingPolicyTestProxy'))).toBe(true);
  });

  it('ConcurrencyThrottlingMaxAccessOneTest: with one request in flight the next is denied; once answered, the next is granted (ConcurrentAccessController)', async () => {
    holding = true;
    const first = quote('throttlingMaxAccessOneProxy');
    await until(() => held.length === 1, 10_000, 'the first request at the back end');
    expect(denied(await quote('throttlingMaxAccessOneProxy'))).toBe(true);
    holding = false;
    held.splice(0).forEach((res) => res.writeHead(200, { 'content-type': 'text/xml' }).end(QUOTE('WSO2')));
    expect(granted(await first)).toBe(true);
    expect(granted(await quote('throttlingMaxAccessOneProxy'))).toBe(true);
  });
});
