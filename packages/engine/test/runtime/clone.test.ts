/**
 * clone through a running runtime, with real HTTP clients and back ends: every target gets its
 * own copy, in parallel or in order; the original stops or goes on; targets by inline sequence,
 * sequence key, inline endpoint and endpoint key; a failing target leaves the others alone.
 * Each test names the MI class and method whose behaviour it pins.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RuntimeEvent } from '../../src/model/events.js';
import type { Runtime } from '../../src/runtime/index.js';
import { freePort, project, runtimeWith, tomlFor, until, type EventLog } from './harness.js';
import { endpointXml, proxyXml, send, sequenceXml, startBackend, type Backend } from './http-helpers.js';

let runtime: Runtime;
let events: EventLog;
let base: string;
let downPort: number;
/** Three back ends answering with their own name; `slow` answers A only after B and C could have run. */
const backends: Record<'A' | 'B' | 'C', Backend> = {} as Record<'A' | 'B' | 'C', Backend>;
/** What the back ends saw, in order: `in A`, `out A`, … */
const trace: string[] = [];

const ep = (uri: string) => `<endpoint><address uri="${uri}"/></endpoint>`;
const logProps = (props: Record<string, string>) =>
  `<log level="custom">${Object.entries(props)
    .map(([n, x]) => `<property name="${n}" expression="${x}"/>`)
    .join('')}</log>`;

beforeAll(async () => {
  for (const name of ['A', 'B', 'C'] as const) {
    backends[name] = await startBackend((req, res) => {
      trace.push(`in ${name}`);
      const answer = () => {
        trace.push(`out ${name}`);
        res.writeHead(201, { 'content-type': 'text/plain' }).end(`${name}:${req.body}`);
      };
      // A answers late, so a target after it that did not wait would be seen first.
      if (name === 'A') setTimeout(answer, 30);
      else answer();
    });
  }
  downPort = await freePort(); // nothing listens there
  const http = await freePort();
  base = `http://127.0.0.1:${http}`;
  const [a, b, c] = [`${backends.A.url}/a`, `${backends.B.url}/b`, `${backends.C.url}/c`];
  const down = `http://127.0.0.1:${downPort}/down`;
  const faultLog = logProps({ fault: "get-property('ERROR_CODE')", seq: "get-property('messageSequence')" });
  const proxies: Record<string, string> = {
    // Issue 13, acceptance 2: one request, three back ends.
    ThreeWay: proxyXml(
      'ThreeWay',
      `<inSequence><clone>
         <target>${ep(a)}</target><target>${ep(b)}</target><target>${ep(c)}</target>
       </clone></inSequence>`,
    ),
    Ordered: proxyXml(
      'Ordered',
      `<inSequence>
         <clone sequential="true" continueParent="true">
           <target><sequence><call>${ep(a)}</call>${logProps({ got: '$body/*' })}</sequence></target>
           <target><sequence><call>${ep(b)}</call>${logProps({ got: '$body/*' })}</sequence></target>
           <target><sequence><call>${ep(c)}</call>${logProps({ got: '$body/*' })}</sequence></target>
         </clone>
         ${logProps({ parent: "'after the targets'" })}
         <respond/>
       </inSequence>`,
    ),
    Stops: proxyXml(
      'Stops',
      `<inSequence>
         <clone><target><sequence>${logProps({ copy: "get-property('messageSequence')" })}<respond/></sequence></target></clone>
         ${logProps({ parent: "'continued'" })}
         <respond/>
       </inSequence>`,
    ),
    GoesOn: proxyXml(
      'GoesOn',
      `<inSequence>
         <property name="mark" value="parent"/>
         <clone continueParent="true">
           <target><sequence><property name="mark" value="copy 0"/>${logProps({ seq: "get-property('messageSequence')", mark: "get-property('mark')" })}<drop/></sequence></target>
           <target><sequence>${logProps({ seq: "get-property('messageSequence')", mark: "get-property('mark')" })}<drop/></sequence></target>
         </clone>
         ${logProps({ parent: "get-property('mark')", seq: "get-property('messageSequence')" })}
         <respond/>
       </inSequence>`,
    ),
    ByKey: proxyXml(
      'ByKey',
      `<inSequence>
         ${logProps({ parentId: "get-property('MessageID')" })}
         <clone id="grp">
           <target sequence="CopySeq"/>
           <target endpoint="EpB"/>
         </clone>
       </inSequence>`,
    ),
    OneFails: proxyXml(
      'OneFails',
      `<inSequence><clone>
         <target><sequence><call>${ep(down)}</call><respond/></sequence></target>
         <target><sequence><call>${ep(c)}</call><respond/></sequence></target>
       </clone></inSequence>
       <faultSequence>${faultLog}</faultSequence>`,
    ),
    SeqFails: proxyXml(
      'SeqFails',
      `<inSequence><clone sequential="true" continueParent="true">
         <target><sequence><call>${ep(down)}</call></sequence></target>
         <target><sequence>${logProps({ second: "get-property('messageSequence')" })}</sequence></target>
       </clone><respond/></inSequence>
       <faultSequence>${faultLog}</faultSequence>`,
    ),
    SeqStops: proxyXml(
      'SeqStops',
      `<inSequence>
         <property name="STOP_TARGET_EXECUTION_ON_FAILURE" value="true"/>
         <clone sequential="true" continueParent="true">
           <target><sequence><call>${ep(down)}</call></sequence></target>
           <target><sequence>${logProps({ second: "get-property('messageSequence')" })}</sequence></target>
         </clone>
         ${logProps({ parent: "'done'" })}
         <respond/>
       </inSequence>
       <faultSequence>${faultLog}</faultSequence>`,
    ),
    Addressed: proxyXml(
      'Addressed',
      `<inSequence><clone>
         <target to="${backends.B.url}/to-b" soapAction="urn:clone"><sequence><send/></sequence></target>
       </clone></inSequence>`,
    ),
    Times: proxyXml(
      'Times',
      `<inSequence><clone iterations="3" continueParent="true">
         <target><sequence>${logProps({ index: "get-property('CLONED_ITERATION_INDEX')", seq: "get-property('messageSequence')" })}<drop/></sequence></target>
       </clone><respond/></inSequence>`,
    ),
  };
  const files: Record<string, string> = {
    'artifacts/endpoints/EpB.xml': endpointXml('EpB', `${backends.B.url}/by-key`),
    'artifacts/sequences/CopySeq.xml': sequenceXml(
      'CopySeq',
      logProps({
        seq: "get-property('messageSequence.grp')",
        corr: "get-property('aggregateCorelation.grp')",
        id: "get-property('MessageID')",
      }) + '<drop/>',
    ),
  };
  for (const [name, xml] of Object.entries(proxies)) files[`artifacts/proxy-services/${name}.xml`] = xml;
  ({ runtime, events } = await runtimeWith(project(files, tomlFor(http))));
});

afterAll(async () => {
  await runtime.stop();
  for (const b of Object.values(backends)) await b.close();
});

const logsOf = (name: string): RuntimeEvent[] => events.logsOf(name);
const received = (name: 'A' | 'B' | 'C', path: string) =>
  backends[name].received.filter((r) => r.url === path).map((r) => r.body);

describe('clone', () => {
  it('clones to three back ends: each gets the message once, and the client gets a back end’s answer, not 202 (CloneMediator.mediate, Target.mediate: endpoint.send)', async () => {
    const r = await send(`${base}/services/ThreeWay`, { body: 'fan', type: 'text/plain' });
    // With continueParent false the original writes nothing (RESPONSE_WRITTEN = SKIP): the
    // first response of a copy is the client's.
    expect(r.status).toBe(201);
    expect(['A:fan', 'B:fan', 'C:fan']).toContain(r.body);
    await until(
      () => received('A', '/a').length + received('B', '/b').length + received('C', '/c').length === 3,
    );
    expect([received('A', '/a'), received('B', '/b'), received('C', '/c')]).toEqual([
      ['fan'],
      ['fan'],
      ['fan'],
    ]);
    // The late answer of A is written to nobody (the client has its answer): wait for it.
    await until(() => trace.includes('out A'));
  });

  it('sequential="true" runs each target to its end before the next starts, then the original goes on (CloneMediatorFactory: sequential; CloneMediator.mediate)', async () => {
    trace.length = 0;
    const r = await send(`${base}/services/Ordered`, { body: 'seq', type: 'text/plain' });
    expect(trace).toEqual(['in A', 'out A', 'in B', 'out B', 'in C', 'out C']);
    // The original's payload is its own: the copies' responses did not replace it.
    expect(r.status).toBe(200);
    expect(r.body).toBe('seq');
    const lines = logsOf('Ordered').map((e) => e.properties);
    expect(lines).toEqual([
      { got: 'A:seq' },
      { got: 'B:seq' },
      { got: 'C:seq' },
      { parent: 'after the targets' },
    ]);
  });

  it('continueParent false (the default): the original stops at the clone and a target answers (CloneMediator.mediate returns continueParent)', async () => {
    const r = await send(`${base}/services/Stops`, { body: 'stop', type: 'text/plain' });
    expect(r.status).toBe(200);
    expect(r.body).toBe('stop');
    expect(logsOf('Stops').map((e) => e.properties)).toEqual([{ copy: '0/1' }]);
  });

  it('continueParent true: the original goes on unchanged; each copy carries messageSequence i/n and its own properties (MessageHelper.cloneMessageContext, CloneMediator.getClonedMessageContext)', async () => {
    const r = await send(`${base}/services/GoesOn`, { body: 'on', type: 'text/plain' });
    expect(r.status).toBe(200);
    expect(r.body).toBe('on');
    const lines = logsOf('GoesOn').map((e) => e.properties);
    expect(lines).toEqual([
      { seq: '0/2', mark: 'copy 0' },
      // Target 0's change to the property is its own: target 1 and the original see theirs.
      { seq: '1/2', mark: 'parent' },
      { parent: 'parent', seq: '' },
    ]);
  });

  it('a target by sequence key and one by endpoint key; with an id, the copy carries messageSequence.ID and aggregateCorelation.ID (Target.mediate: sequenceRef, endpointRef)', async () => {
    const r = await send(`${base}/services/ByKey`, { body: 'keyed', type: 'text/plain' });
    expect(r.status).toBe(201);
    expect(r.body).toBe('B:keyed');
    expect(received('B', '/by-key')).toEqual(['keyed']);
    // CopySeq's line is logged for the proxy the copy runs in.
    const [parent, copyLine] = logsOf('ByKey');
    const parentId = parent!.properties!.parentId;
    expect(parentId).toMatch(/^urn:uuid:/);
    const copy = copyLine!.properties!;
    expect(copy).toMatchObject({ seq: '0/2', corr: parentId });
    // The copy is a new message (a new MessageID), correlated to the original by it.
    expect(copy.id).toMatch(/^urn:uuid:/);
    expect(copy.id).not.toBe(parentId);
  });

  it('a target whose flow faults runs its fault sequence alone; the other target still answers the client (MediatorWorker.run: the copy’s fault stack)', async () => {
    const r = await send(`${base}/services/OneFails`, { body: 'half', type: 'text/plain' });
    expect(r.status).toBe(201);
    expect(r.body).toBe('C:half');
    const fault = await events.waitFor((e) => e.kind === 'log' && e.artifact?.name === 'OneFails');
    expect(fault.properties).toEqual({ fault: '101503', seq: '0/2' });
  });

  it('sequential: a failing target does not stop the next one, unless STOP_TARGET_EXECUTION_ON_FAILURE is "true" (Target.mediateMessage, CloneMediator.mediate)', async () => {
    const r = await send(`${base}/services/SeqFails`, { body: 'go', type: 'text/plain' });
    expect(r.body).toBe('go');
    expect(logsOf('SeqFails').map((e) => e.properties)).toEqual([
      { fault: '101503', seq: '0/2' },
      { second: '1/2' },
    ]);
    const s = await send(`${base}/services/SeqStops`, { body: 'halt', type: 'text/plain' });
    expect(s.body).toBe('halt');
    expect(logsOf('SeqStops').map((e) => e.properties)).toEqual([
      { fault: '101503', seq: '0/2' },
      { parent: 'done' },
    ]);
  });

  it('a target’s to and soapAction are set on its copy before it runs (Target.mediate)', async () => {
    const r = await send(`${base}/services/Addressed`, { body: '<a/>', type: 'application/xml' });
    expect(r.status).toBe(201);
    const got = backends.B.received.find((x) => x.url.startsWith('/to-b'));
    expect(got?.body).toBe('<a/>');
    expect(got?.headers.soapaction).toBe('urn:clone');
  });

  it('iterations clones into the one target that many times, with CLONED_ITERATION_INDEX (CloneMediator.executeTargetIterations)', async () => {
    const r = await send(`${base}/services/Times`, { body: 'x', type: 'text/plain' });
    expect(r.body).toBe('x');
    expect(logsOf('Times').map((e) => e.properties)).toEqual([
      { index: '1', seq: '0/3' },
      { index: '2', seq: '1/3' },
      { index: '3', seq: '2/3' },
    ]);
  });
});
