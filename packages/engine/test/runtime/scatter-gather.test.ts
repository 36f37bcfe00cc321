/**
 * scatter-gather through a running runtime, with real HTTP clients and back ends: each
 * sequence calls its own back end on its own copy, the answers are gathered into a JSON array
 * in the body (or an XML element, or a variable), and a gather whose back end never answers
 * completes at its timeout with what it has. Each test names the MI class and method it pins.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RuntimeEvent } from '../../src/model/events.js';
import type { Runtime } from '../../src/runtime/index.js';
import { freePort, project, runtimeWith, tomlFor, until, type EventLog } from './harness.js';
import { proxyXml, send, startBackend, type Backend } from './http-helpers.js';

let runtime: Runtime;
let events: EventLog;
let base: string;
let a: Backend;
let b: Backend;
/** Accepts requests and never answers them. */
let deaf: Backend;

const call = (be: () => Backend, path: string) =>
  `<call><endpoint><address uri="${be().url}${path}"/></endpoint></call>`;
const logProps = (props: Record<string, string>) =>
  `<log level="custom">${Object.entries(props)
    .map(([n, x]) => `<property name="${n}" expression="${x}"/>`)
    .join('')}</log>`;

beforeAll(async () => {
  const named = (name: string) =>
    startBackend((req, res) => {
      const xml = req.url.endsWith('/xml');
      res
        .writeHead(200, { 'content-type': xml ? 'application/xml' : 'application/json' })
        .end(xml ? `<q>${name}</q>` : JSON.stringify({ from: name, got: JSON.parse(req.body || 'null') }));
    });
  [a, b] = [await named('A'), await named('B')];
  deaf = await startBackend(() => undefined);
  const http = await freePort();
  base = `http://127.0.0.1:${http}`;
  const proxies: Record<string, string> = {
    Json: proxyXml(
      'Json',
      `<inSequence>
         <scatter-gather parallel-execution="true" target="body" result-content-type="JSON">
           <aggregation expression="\${payload}"/>
           <sequence>${call(() => a, '/json')}</sequence>
           <sequence>${call(() => b, '/json')}</sequence>
         </scatter-gather>
         <respond/>
       </inSequence>`,
    ),
    TimesOut: proxyXml(
      'TimesOut',
      `<inSequence>
         <scatter-gather target="body" result-content-type="JSON">
           <aggregation expression="\${payload}" timeout="500"/>
           <sequence>${call(() => deaf, '/never')}</sequence>
           <sequence>${call(() => b, '/json')}</sequence>
         </scatter-gather>
         ${logProps({ after: "'gathered'" })}
         <respond/>
       </inSequence>`,
    ),
    Xml: proxyXml(
      'Xml',
      `<inSequence>
         <scatter-gather parallel-execution="false" target="body" result-content-type="XML" result-enclosing-element="Quotes">
           <aggregation expression="$body/*"/>
           <sequence>${call(() => a, '/xml')}</sequence>
           <sequence>${call(() => b, '/xml')}</sequence>
         </scatter-gather>
         <respond/>
       </inSequence>`,
    ),
    ToVariable: proxyXml(
      'ToVariable',
      `<inSequence>
         <scatter-gather target="variable" target-variable="quotes" result-content-type="JSON">
           <aggregation expression="\${payload.from}"/>
           <sequence>${call(() => a, '/json')}</sequence>
           <sequence>${call(() => b, '/json')}</sequence>
         </scatter-gather>
         ${logProps({ quotes: '${vars.quotes}' })}
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
  for (const be of [a, b, deaf]) await be.close();
});

const logsOf = (name: string): RuntimeEvent[] => events.logsOf(name);
const sorted = (list: { from: string }[]) => [...list].sort((x, y) => x.from.localeCompare(y.from));

describe('scatter-gather', () => {
  it('each sequence calls its back end on its own copy; the answers are one JSON array in the body (ScatterGather.mediate, getAggregatedMessage JSON)', async () => {
    const r = await send(`${base}/services/Json`, { body: '{"q":1}', type: 'application/json' });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toContain('application/json');
    const got = JSON.parse(r.body) as { from: string }[];
    // Gathered in the order the copies came back, so either order.
    expect(sorted(got)).toEqual([
      { from: 'A', got: { q: 1 } },
      { from: 'B', got: { q: 1 } },
    ]);
  });

  it('a back end that never answers: the gather completes at its timeout with what it has, and the flow goes on (Aggregate timer → ScatterGather.completeAggregate)', async () => {
    const r = await send(`${base}/services/TimesOut`, { body: '{"q":2}', type: 'application/json' });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toEqual([{ from: 'B', got: { q: 2 } }]);
    expect(deaf.received.map((x) => x.url)).toEqual(['/never']);
    await until(() => logsOf('TimesOut').length > 0);
    expect(logsOf('TimesOut').map((e) => e.properties)).toEqual([{ after: 'gathered' }]);
  });

  it('result-content-type XML: each copy’s expression result under result-enclosing-element, in order when sequential (ScatterGather.setXMLResultToRootOMElement)', async () => {
    const r = await send(`${base}/services/Xml`, { body: '<q/>', type: 'application/xml' });
    expect(r.status).toBe(200);
    expect(r.body).toBe('<Quotes><q>A</q><q>B</q></Quotes>');
  });

  it('target="variable": the array goes into the variable and the payload stays the original (ScatterGather.setAggregatedMessageAsVariable)', async () => {
    const r = await send(`${base}/services/ToVariable`, { body: '{"keep":true}', type: 'application/json' });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toEqual({ keep: true });
    await until(() => logsOf('ToVariable').length === 1);
    const quotes = JSON.parse(String(logsOf('ToVariable')[0]?.properties?.quotes)) as string[];
    expect([...quotes].sort()).toEqual(['A', 'B']);
  });
});
