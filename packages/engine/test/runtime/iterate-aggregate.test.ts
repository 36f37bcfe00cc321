/**
 * iterate and aggregate through a running runtime with real HTTP clients and back ends: 100 split
 * and gathered, timeouts, late parts, JSON, preserved payloads, sequential splits (MI's own configs:
 * iterate-aggregate-mi.test.ts). Each test names the MI class and method whose behaviour it pins.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RuntimeEvent } from '../../src/model/events.js';
import type { Runtime } from '../../src/runtime/index.js';
import { openGathers } from '../../src/runtime/mediation/handlers/aggregate.js';
import { freePort, project, runtimeWith, tomlFor, until, type EventLog } from './harness.js';
import { proxyXml, send, startBackend, type Backend } from './http-helpers.js';

let runtime: Runtime;
let events: EventLog;
let base: string;
/** Echoes what it gets, with its content type. */
let echo: Backend;

const SOAP = 'http://schemas.xmlsoap.org/soap/envelope/';
const envelope = (body: string) =>
  `<soapenv:Envelope xmlns:soapenv="${SOAP}"><soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`;
const items = (n: number) => Array.from({ length: n }, (_, i) => `<item>${i}</item>`).join('');
const logProps = (props: Record<string, string>) =>
  `<log level="custom">${Object.entries(props)
    .map(([n, x]) => `<property name="${n}" expression="${x}"/>`)
    .join('')}</log>`;
const gatherAll = (inner: string) =>
  `<aggregate><completeCondition><messageCount min="-1" max="-1"/></completeCondition>${inner}</aggregate>`;

beforeAll(async () => {
  echo = await startBackend();
  const http = await freePort();
  base = `http://127.0.0.1:${http}`;
  const ep = (uri: string) => `<endpoint><address uri="${uri}"/></endpoint>`;
  const proxies: Record<string, string> = {
    // Issue 13, acceptance 2: 100 parts, each through a real back end, gathered into one.
    Hundred: proxyXml(
      'Hundred',
      `<inSequence>
         <iterate expression="//item">
           <target><sequence>
             <call>${ep(`${echo.url}/part`)}</call>
             ${gatherAll('<onComplete expression="//item"><respond/></onComplete>')}
           </sequence></target>
         </iterate>
       </inSequence>`,
    ),
    // MI's documented pattern: the aggregate after the iterate, in the same list. A part that a
    // call resumed goes on after the iterate (its ReliantContinuationState), reaching the aggregate.
    AfterIterate: proxyXml(
      'AfterIterate',
      `<inSequence>
         <iterate expression="//item">
           <target><sequence><call>${ep(`${echo.url}/after`)}</call></sequence></target>
         </iterate>
         ${gatherAll('<onComplete expression="//item"><respond/></onComplete>')}
       </inSequence>`,
    ),
    Enclosed: proxyXml(
      'Enclosed',
      `<inSequence>
         <property name="WRAP"><items xmlns=""/></property>
         <iterate expression="//item">
           <target><sequence>
             ${gatherAll('<onComplete expression="//item" enclosingElementProperty="WRAP"><respond/></onComplete>')}
           </sequence></target>
         </iterate>
       </inSequence>`,
    ),
    // Odd parts are dropped: the gather never has all ten and ends at its 1 s timeout.
    Partial: proxyXml(
      'Partial',
      `<inSequence>
         <iterate expression="//item">
           <target><sequence>
             <filter xpath="number(//item) mod 2 = 1"><then><drop/></then></filter>
             <aggregate><completeCondition timeout="1"><messageCount min="-1" max="-1"/></completeCondition>
               <onComplete expression="//item">${logProps({ gathered: 'count(//item)' })}<respond/></onComplete>
             </aggregate>
           </sequence></target>
         </iterate>
       </inSequence>`,
    ),
    // Completes at max="3"; parts 4 and 5 come after and are dropped.
    Late: proxyXml(
      'Late',
      `<inSequence>
         <iterate expression="//item">
           <target><sequence>
             ${logProps({ arrives: '//item' })}
             <aggregate><completeCondition><messageCount min="-1" max="3"/></completeCondition>
               <onComplete expression="//item">${logProps({ gathered: 'count(//item)' })}<respond/></onComplete>
             </aggregate>
             ${logProps({ past: '//item' })}
           </sequence></target>
         </iterate>
       </inSequence>`,
    ),
    // onComplete ends without stopping the flow: the completing part goes on with the gathered payload.
    After: proxyXml(
      'After',
      `<inSequence>
         <iterate expression="//item">
           <target><sequence>
             ${gatherAll(`<onComplete expression="//item">${logProps({ inside: 'count(//item)' })}</onComplete>`)}
             ${logProps({ after: 'count(//item)' })}
             <respond/>
           </sequence></target>
         </iterate>
       </inSequence>`,
    ),
    JsonRoot: proxyXml(
      'JsonRoot',
      `<inSequence>
         <iterate expression="json-eval($.items)">
           <target><sequence>
             ${gatherAll('<onComplete expression="json-eval($)"><respond/></onComplete>')}
           </sequence></target>
         </iterate>
       </inSequence>`,
    ),
    JsonChild: proxyXml(
      'JsonChild',
      `<inSequence>
         <property name="WRAP"><result xmlns=""/></property>
         <iterate expression="json-eval($.items)">
           <target><sequence>
             ${gatherAll('<onComplete expression="json-eval($)" aggregateElementType="child" enclosingElementProperty="WRAP"><respond/></onComplete>')}
           </sequence></target>
         </iterate>
       </inSequence>`,
    ),
    Preserve: proxyXml(
      'Preserve',
      `<inSequence>
         <iterate expression="//line" preservePayload="true" attachPath="//lines" continueParent="true">
           <target><sequence><call>${ep(`${echo.url}/preserved`)}</call><drop/></sequence></target>
         </iterate>
         <respond/>
       </inSequence>`,
    ),
    PreserveJson: proxyXml(
      'PreserveJson',
      `<inSequence>
         <iterate expression="json-eval($.lines)" preservePayload="true" attachPath="json-eval($.lines)" continueParent="true">
           <target><sequence><call>${ep(`${echo.url}/preserved-json`)}</call><drop/></sequence></target>
         </iterate>
         <respond/>
       </inSequence>`,
    ),
    Ordered: proxyXml(
      'Ordered',
      `<inSequence>
         ${logProps({ parentId: "get-property('MessageID')" })}
         <iterate id="it" sequential="true" continueParent="true" expression="//item">
           <target><sequence>
             <call>${ep(`${echo.url}/ordered`)}</call>
             ${logProps({ seq: "get-property('messageSequence.it')", corr: "get-property('aggregateCorelation.it')", item: '//item' })}
           </sequence></target>
         </iterate>
         ${logProps({ parent: "'after'" })}
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
  await echo.close();
});

const logsOf = (name: string): RuntimeEvent[] => events.logsOf(name);
const countOf = (s: string, tag: string) => s.split(`<${tag}>`).length - 1;
const at = (path: string) => echo.received.filter((x) => x.url === path);

describe('iterate + aggregate', () => {
  it('100 elements split, each through a back end, return as 100 in one message (IterateMediator.mediate, AggregateMediator.mediate, Aggregate.isComplete: messageSequence i/n)', async () => {
    const r = await send(`${base}/services/Hundred`, {
      body: envelope(`<items>${items(100)}</items>`),
      type: 'text/xml',
    });
    expect(r.status).toBe(200);
    expect(countOf(r.body, 'item')).toBe(100);
    for (let i = 0; i < 100; i++) expect(r.body).toContain(`<item>${i}</item>`);
    expect(r.body).toContain(`<soapenv:Envelope xmlns:soapenv="${SOAP}">`);
    const parts = at('/part');
    expect(parts).toHaveLength(100);
    expect(parts.every((p) => countOf(p.body, 'item') === 1)).toBe(true);
    expect(openGathers.count).toBe(0);
  });

  it('a part a call resumed goes on after the iterate: an aggregate after it in the same list gathers all (IterateMediator: ContinuationStackManager.addReliantContinuationState)', async () => {
    const r = await send(`${base}/services/AfterIterate`, {
      body: envelope(`<items>${items(5)}</items>`),
      type: 'text/xml',
    });
    expect(r.status).toBe(200);
    expect(countOf(r.body, 'item')).toBe(5);
    for (let i = 0; i < 5; i++) expect(r.body).toContain(`<item>${i}</item>`);
    expect(at('/after')).toHaveLength(5);
    expect(openGathers.count).toBe(0);
  });

  it('enclosingElementProperty puts the gathered parts in the element a property holds (AggregateMediator.getAggregatedMessage, EIPUtils.encloseWithElement)', async () => {
    const r = await send(`${base}/services/Enclosed`, {
      body: `<order>${items(5)}</order>`,
      type: 'application/xml',
    });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toContain('application/xml');
    // The property's element keeps the xmlns="" it was written with.
    expect(r.body).toBe(`<items xmlns="">${items(5)}</items>`);
  });

  it('a gather whose parts never all arrive completes at its timeout with the parts it has (Aggregate.run, AggregateTimeout, AggregateMediator.completeAggregate)', async () => {
    const r = await send(`${base}/services/Partial`, {
      body: envelope(`<items>${items(10)}</items>`),
      type: 'text/xml',
    });
    expect(r.status).toBe(200);
    expect(countOf(r.body, 'item')).toBe(5);
    for (const i of [0, 2, 4, 6, 8]) expect(r.body).toContain(`<item>${i}</item>`);
    await until(() => logsOf('Partial').length > 0);
    // count() is a number: Synapse's XPath prints it as a Java double.
    expect(logsOf('Partial').map((e) => e.properties)).toEqual([{ gathered: '5.0' }]);
    expect(openGathers.count).toBe(0);
  });

  it('completes at max; later parts find the group completed and are dropped, and nothing is kept (Aggregate.addMessage, AggregateMediator.isAggregationCompleted)', async () => {
    const r = await send(`${base}/services/Late`, {
      body: envelope(`<items>${items(5)}</items>`),
      type: 'text/xml',
    });
    expect(r.status).toBe(200);
    expect(countOf(r.body, 'item')).toBe(3);
    await until(
      () =>
        logsOf('Late').filter((e) => e.properties?.arrives !== undefined).length === 5 &&
        logsOf('Late').some((e) => e.properties?.gathered !== undefined),
    );
    const lines = logsOf('Late').map((e) => e.properties);
    expect(lines.filter((p) => p?.gathered !== undefined)).toEqual([{ gathered: '3.0' }]);
    // Parts held or dropped at the aggregate never go past it.
    expect(lines.filter((p) => p?.past !== undefined)).toEqual([]);
    expect(openGathers.count).toBe(0);
  });

  it('an onComplete that does not end the flow lets the completing part go on past the aggregate with the gathered payload (AggregateMediator.mediate returns the onComplete result; completeAggregate sets the last message’s envelope)', async () => {
    const r = await send(`${base}/services/After`, {
      body: envelope(`<items>${items(4)}</items>`),
      type: 'text/xml',
    });
    expect(r.status).toBe(200);
    expect(countOf(r.body, 'item')).toBe(4);
    await until(() => logsOf('After').length === 2);
    expect(logsOf('After').map((e) => e.properties)).toEqual([{ inside: '4.0' }, { after: '4.0' }]);
  });

  it('JSON: iterate over json-eval($.items) and aggregate json-eval($) returns a JSON array (IterateMediator: SynapseJsonPath; EIPUtils.getJSONElement)', async () => {
    const body = JSON.stringify({ items: [{ id: 1 }, { id: 2 }, 'three', 4, null] });
    const r = await send(`${base}/services/JsonRoot`, { body, type: 'application/json' });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toContain('application/json');
    expect(JSON.parse(r.body)).toEqual([{ id: 1 }, { id: 2 }, 'three', 4, null]);
  });

  it('JSON, aggregateElementType child: the objects merged, clashing keys into arrays, inside the enclosing element’s name (JSONMergeUtils MERGE_INTO_ARRAY)', async () => {
    const body = JSON.stringify({ items: [{ id: 1, a: 'x' }, { id: 2 }, { id: 3, b: true }] });
    const r = await send(`${base}/services/JsonChild`, { body, type: 'application/json' });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toEqual({ result: { id: [1, 2, 3], a: 'x', b: true } });
  });

  it('preservePayload: each part is the original with only its own element at attachPath (IterateMediator.getIteratedMessage)', async () => {
    const r = await send(`${base}/services/Preserve`, {
      body: '<order><id>7</id><lines><line>a</line><line>b</line></lines></order>',
      type: 'application/xml',
    });
    expect(r.status).toBe(200);
    await until(() => at('/preserved').length === 2);
    expect(at('/preserved').map((x) => x.body)).toEqual([
      '<order><id>7</id><lines><line>a</line></lines></order>',
      '<order><id>7</id><lines><line>b</line></lines></order>',
    ]);
  });

  it('preservePayload with JSON: each part is the original with its item set at the attach path (SynapseJsonPath.replace)', async () => {
    const r = await send(`${base}/services/PreserveJson`, {
      body: JSON.stringify({ id: 7, lines: ['a', 'b'] }),
      type: 'application/json',
    });
    expect(r.status).toBe(200);
    await until(() => at('/preserved-json').length === 2);
    expect(at('/preserved-json').map((x) => JSON.parse(x.body) as unknown)).toEqual([
      { id: 7, lines: 'a' },
      { id: 7, lines: 'b' },
    ]);
  });

  it('sequential with an id: parts run one after another inside the original’s flow, carrying messageSequence.ID and aggregateCorelation.ID; then the original goes on (IterateMediator.mediate: target not asynchronous)', async () => {
    const r = await send(`${base}/services/Ordered`, {
      body: `<list>${items(3)}</list>`,
      type: 'application/xml',
    });
    expect(r.status).toBe(200);
    expect(r.body).toBe(`<list>${items(3)}</list>`);
    const lines = logsOf('Ordered').map((e) => e.properties ?? {});
    const parentId = lines[0]?.parentId;
    expect(parentId).toMatch(/^urn:uuid:/);
    expect(lines.slice(1)).toEqual([
      { seq: '0/3', corr: parentId, item: '0' },
      { seq: '1/3', corr: parentId, item: '1' },
      { seq: '2/3', corr: parentId, item: '2' },
      { parent: 'after' },
    ]);
  });
});
