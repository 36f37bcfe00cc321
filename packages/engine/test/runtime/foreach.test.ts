/**
 * foreach through a running runtime, with real HTTP clients and back ends: the legacy form
 * (ForEachMediator) replacing each match in place, and MI 4.4's form (ForEachMediatorV2) over a
 * JSON array, in parallel and in order, results gathered back in the items' order into the
 * payload or a variable. Each test names the MI class and method whose behaviour it pins.
 */
import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RuntimeEvent } from '../../src/model/events.js';
import type { Runtime } from '../../src/runtime/index.js';
import { freePort, project, runtimeWith, tomlFor, until, type EventLog } from './harness.js';
import { proxyXml, send, startBackend, type Backend, type Received } from './http-helpers.js';

let runtime: Runtime;
let events: EventLog;
let base: string;
/** Answers {"v": n*10} for a body n; holds every answer until `hold` requests are in. */
let backend: Backend;
let hold = 0;
const waiting: (() => void)[] = [];
const trace: string[] = [];

const ep = (path: string) => `<endpoint><address uri="${backend.url}${path}"/></endpoint>`;
const logProps = (props: Record<string, string>) =>
  `<log level="custom">${Object.entries(props)
    .map(([n, x]) => `<property name="${n}" expression="${x}"/>`)
    .join('')}</log>`;

function answer(req: Received, res: ServerResponse): void {
  const n = Number(JSON.parse(req.body));
  trace.push(`in ${n}`);
  const reply = () => {
    trace.push(`out ${n}`);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ v: n * 10 }));
  };
  if (hold <= 1) return reply();
  // A barrier: the answers go out only once `hold` requests wait, last in first out, so
  // parallel copies come back in the reverse of their order.
  waiting.push(reply);
  if (waiting.length === hold) for (const r of waiting.splice(0).reverse()) r();
}

beforeAll(async () => {
  backend = await startBackend(answer);
  const http = await freePort();
  const down = await freePort(); // nothing listens there
  base = `http://127.0.0.1:${http}`;
  const proxies: Record<string, string> = {
    Legacy: proxyXml(
      'Legacy',
      `<inSequence>
         <foreach expression="//item">
           <sequence>
             <payloadFactory media-type="xml">
               <format><done xmlns="">$1</done></format>
               <args><arg evaluator="xml" expression="//item/text()"/></args>
             </payloadFactory>
           </sequence>
         </foreach>
         ${logProps({ count: "get-property('FOREACH_COUNTER')" })}
         <respond/>
       </inSequence>`,
    ),
    LegacyJson: proxyXml(
      'LegacyJson',
      `<inSequence>
         <foreach expression="json-eval($.items)" id="j">
           <sequence>
             <payloadFactory media-type="json">
               <format>{"name": "$1"}</format>
               <args><arg evaluator="json" expression="$.n"/></args>
             </payloadFactory>
           </sequence>
         </foreach>
         ${logProps({ count: "get-property('j_FOREACH_COUNTER')" })}
         <respond/>
       </inSequence>`,
    ),
    JsonByXPath: proxyXml(
      'JsonByXPath',
      `<inSequence>
         <foreach expression="//items">
           <sequence>
             <payloadFactory media-type="xml">
               <format><items xmlns=""><name>$1</name></items></format>
               <args><arg evaluator="xml" expression="//n"/></args>
             </payloadFactory>
           </sequence>
         </foreach>
         <respond/>
       </inSequence>`,
    ),
    Soap: proxyXml(
      'Soap',
      `<inSequence>
         <foreach expression="//ns:CheckPriceRequest" xmlns:ns="http://services.samples">
           <sequence>
             <payloadFactory media-type="xml">
               <format><ns:request xmlns:ns="http://services.samples"><ns:symbol>$1</ns:symbol></ns:request></format>
               <args><arg evaluator="xml" expression="//ns:Code"/></args>
             </payloadFactory>
             ${logProps({ body: '$body/*' })}
           </sequence>
         </foreach>
         <respond/>
       </inSequence>`,
    ),
    KeepsGoing: proxyXml(
      'KeepsGoing',
      `<inSequence>
         <foreach expression="json-eval($.items)" continueLoopOnFailure="true">
           <sequence><property name="n" expression="json-eval($.n)" type="INTEGER"/></sequence>
         </foreach>
         ${logProps({ count: "get-property('FOREACH_COUNTER')" })}
         <respond/>
       </inSequence>`,
    ),
    Parallel: proxyXml(
      'Parallel',
      `<inSequence>
         <foreach collection="\${payload.items}">
           <sequence><call>${ep('/p')}</call></sequence>
         </foreach>
         <respond/>
       </inSequence>`,
    ),
    CopyFails: proxyXml(
      'CopyFails',
      `<inSequence>
         <foreach collection="\${payload.items}" parallel-execution="false">
           <sequence><call><endpoint><address uri="http://127.0.0.1:${down}/down"/></endpoint></call></sequence>
         </foreach>
         ${logProps({ after: "'gathered'" })}
         <respond/>
       </inSequence>
       <faultSequence>
         <property name="HTTP_SC" value="500" scope="axis2"/>
         <payloadFactory media-type="json"><format>{"failed": "$1"}</format><args><arg expression="get-property('ERROR_CODE')"/></args></payloadFactory>
         <respond/>
       </faultSequence>`,
    ),
    InOrder: proxyXml(
      'InOrder',
      `<inSequence>
         <foreach collection="\${payload.items}" parallel-execution="false" counter-variable="i"
                  update-original="false" result-content-type="JSON" target-variable="res">
           <sequence>${logProps({ i: '${vars.i}' })}<call>${ep('/s')}</call></sequence>
         </foreach>
         ${logProps({ res: '${vars.res}' })}
         <respond/>
       </inSequence>`,
    ),
  };
  const files: Record<string, string> = {};
  for (const [name, xml] of Object.entries(proxies)) files[`artifacts/proxy-services/${name}.xml`] = xml;
  ({ runtime, events } = await runtimeWith(project(files, tomlFor(http))));
});

afterAll(async () => {
  await runtime.stop();
  await backend.close();
});

const logsOf = (name: string): RuntimeEvent[] => events.logsOf(name);

describe('foreach, legacy form', () => {
  it('replaces each //item by what the sequence made, appended to the parent in order; the flow goes on (ForEachMediator.mediate: detach, parent.addChild)', async () => {
    const r = await send(`${base}/services/Legacy`, {
      body: '<order><item>a</item><note>n</note><item>b</item></order>',
      type: 'application/xml',
    });
    expect(r.status).toBe(200);
    // MI detaches the matches and appends each result to their parent: after <note>.
    expect(r.body).toBe('<order><note>n</note><done>a</done><done>b</done></order>');
    expect(logsOf('Legacy').map((e) => e.properties)).toEqual([{ count: '2' }]);
  });

  it('over json-eval: each array item becomes the payload, the results replace the array; the counter is prefixed with the id (ForEachMediator.mediate, SynapseJsonPath branch)', async () => {
    const r = await send(`${base}/services/LegacyJson`, {
      body: JSON.stringify({ id: 7, items: [{ n: 'x' }, { n: 'y' }, { n: 'z' }] }),
      type: 'application/json',
    });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toEqual({ id: 7, items: [{ name: 'x' }, { name: 'y' }, { name: 'z' }] });
    expect(logsOf('LegacyJson').map((e) => e.properties)).toEqual([{ count: '3' }]);
  });

  it('a JSON message split by XPath: its <jsonObject> view is edited, and it goes on as JSON (ForEachMediator.mediate, XPath branch)', async () => {
    const r = await send(`${base}/services/JsonByXPath`, {
      body: JSON.stringify({ items: [{ n: 'x' }, { n: 'y' }] }),
      type: 'application/json',
    });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toContain('application/json');
    expect(JSON.parse(r.body)).toEqual({ items: [{ name: 'x' }, { name: 'y' }] });
  });

  it('a SOAP message: each match runs alone in a new envelope of the same version, results back under the parent (ForEachMediator.getIteratedMessage, createNewSoapEnvelope)', async () => {
    const quote = (code: string) => `<m0:CheckPriceRequest><m0:Code>${code}</m0:Code></m0:CheckPriceRequest>`;
    const r = await send(`${base}/services/Soap`, {
      body: `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><m0:getQuote xmlns:m0="http://services.samples">${quote('IBM')}${quote('WSO2')}</m0:getQuote></soapenv:Body></soapenv:Envelope>`,
      type: 'text/xml',
      headers: { SOAPAction: 'urn:getQuote' },
    });
    expect(r.status).toBe(200);
    expect(r.body).toContain('<soapenv:Envelope');
    expect(r.body).not.toContain('CheckPriceRequest');
    expect([...r.body.matchAll(/<ns:symbol>([^<]*)</g)].map((m) => m[1])).toEqual(['IBM', 'WSO2']);
    expect(r.body).toMatch(
      /<m0:getQuote[^>]*>(<ns:request[^>]*><ns:symbol>\w+<\/ns:symbol><\/ns:request>){2}<\/m0:getQuote>/,
    );
    // Inside the sequence the body held the one match (then its replacement) alone.
    const bodies = logsOf('Soap').map((e) => String(e.properties?.body));
    expect(bodies).toHaveLength(2);
    expect(bodies[0]).toContain('<ns:symbol>IBM</ns:symbol>');
  });

  it('continueLoopOnFailure: an item whose sequence fails is left out and the loop goes on (ForEachMediator.mediate, continueLoopOnFailure)', async () => {
    const r = await send(`${base}/services/KeepsGoing`, {
      body: JSON.stringify({ items: [{ n: 1 }, { n: 'x' }, { n: 3 }] }),
      type: 'application/json',
    });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toEqual({ items: [{ n: 1 }, { n: 3 }] });
    expect(logsOf('KeepsGoing').map((e) => e.properties)).toEqual([{ count: '2' }]);
  });
});

describe('foreach, MI 4.4 form', () => {
  it('parallel-execution (the default): every copy is out at once, results gathered back in the items’ order (ForEachMediatorV2.mediate, completeAggregate → updateOriginalPayload)', async () => {
    trace.length = 0;
    hold = 4; // the back end answers only once all four copies are waiting: they must be concurrent
    const r = await send(`${base}/services/Parallel`, {
      body: JSON.stringify({ order: 'o1', items: [1, 2, 3, 4] }),
      type: 'application/json',
    });
    hold = 0;
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toEqual({ order: 'o1', items: [{ v: 10 }, { v: 20 }, { v: 30 }, { v: 40 }] });
    // The answers came back last first; the order of the result is the items' order all the same.
    expect(trace.slice(4)).toEqual(['out 4', 'out 3', 'out 2', 'out 1']);
  });

  it('parallel-execution="false": one copy at a time with the counter variable, results in a JSON variable, payload untouched (ForEachMediatorV2.getIteratedMessage, setAggregatedMessageAsVariable)', async () => {
    trace.length = 0;
    const body = JSON.stringify({ items: [3, 1, 2] });
    const r = await send(`${base}/services/InOrder`, { body, type: 'application/json' });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toEqual({ items: [3, 1, 2] });
    expect(trace).toEqual(['in 3', 'out 3', 'in 1', 'out 1', 'in 2', 'out 2']);
    const lines = logsOf('InOrder').map((e) => e.properties);
    expect(lines.slice(0, 3)).toEqual([{ i: '0' }, { i: '1' }, { i: '2' }]);
    expect(JSON.parse(String(lines[3]?.res))).toEqual([{ v: 30 }, { v: 10 }, { v: 20 }]);
  });

  it('a copy whose flow fails never comes back: its fault sequence answers the client and the original does not go on (ForEachAggregate never completes; Mediate ends the flow instead of waiting)', async () => {
    const r = await send(`${base}/services/CopyFails`, {
      body: JSON.stringify({ items: [1, 2] }),
      type: 'application/json',
    });
    expect(r.status).toBe(500);
    expect(JSON.parse(r.body)).toMatchObject({ failed: expect.any(String) as unknown });
    // Both copies ran (sequentially) and failed; only then could the original have gone on.
    await until(
      () => events.all.filter((e) => e.kind === 'error' && e.artifact?.name === 'CopyFails').length === 2,
    );
    expect(logsOf('CopyFails')).toEqual([]);
  });
});
