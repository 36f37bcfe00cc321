/**
 * MI's own scatter-gather integration cases (micro-integrator ScatterGatherTestCase with its
 * TestScatterGatherMediator API, MI 4.4's pre-release attribute names), rebuilt here: the
 * branches answer from payloadFactory or from a mock back end (a real one here), and the runtime
 * must give the answers MI's test expects. Arrays are compared ignoring order, as that test does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RuntimeEvent } from '../../src/model/events.js';
import type { Runtime } from '../../src/runtime/index.js';
import { freePort, project, runtimeWith, tomlFor, until, type EventLog } from './harness.js';
import { apiXml, send, startBackend, type Backend } from './http-helpers.js';

let runtime: Runtime;
let events: EventLog;
let base: string;
let mock: Backend;

const pet = (name: string, type: string, json: boolean) =>
  json
    ? `<payloadFactory media-type="json"><format>{"pet": {"name": "${name}", "type": "${type}", "requestId": \${payload.requestId}}}</format></payloadFactory>`
    : `<payloadFactory media-type="xml"><format><pet xmlns=""><name>${name}</name><type>${type}</type><requestId>\${xpath('//requestId')}</requestId></pet></format></payloadFactory>`;
const seq = (inner: string) => `<sequence>${inner}</sequence>`;
const resource = (path: string, body: string) =>
  `<resource methods="POST" uri-template="${path}"><inSequence>${body}</inSequence></resource>`;

beforeAll(async () => {
  const http = await freePort();
  const down = await freePort(); // nothing listens there
  base = `http://127.0.0.1:${http}/scatter-gather`;
  // MI's mock back ends (resources of the same API there) as real back ends here.
  mock = await startBackend((req, res) => {
    const xml = req.url.startsWith('/mock-backend-xml');
    const id = xml
      ? /<requestId>([^<]*)</.exec(req.body)?.[1]
      : (JSON.parse(req.body) as typeof json).requestId;
    res
      .writeHead(200, { 'content-type': xml ? 'application/xml' : 'application/json' })
      .end(
        xml
          ? `<pet><name>pet2</name><type>mock-backend</type><requestId>${id}</requestId></pet>`
          : JSON.stringify({ pet: { name: 'pet3', type: 'mock-backend', requestId: id } }),
      );
  });
  const callMock = (kind: string) =>
    `<call><endpoint><http method="post" uri-template="${mock.url}/mock-backend-${kind}"/></endpoint></call>`;
  const resources = [
    resource(
      '/json-body-replace',
      `<scatter-gather parallel-execution="false" result-target="body" content-type="JSON">
         <aggregation expression="\${payload.pet}"/>
         ${seq(pet('pet1', 'dog', true))}${seq(pet('pet2', 'cat', false))}${seq(callMock('json'))}
       </scatter-gather><respond/>`,
    ),
    resource(
      '/json-variable-output',
      `<scatter-gather parallel-execution="true" result-target="output_var" content-type="JSON">
         <aggregation expression="\${payload.pet}"/>
         ${seq(pet('pet1', 'dog', true))}${seq(pet('pet2', 'cat', false))}${seq(callMock('json'))}
       </scatter-gather>
       <payloadFactory media-type="json"><format>{"response": {"requestData": \${payload}, "scatterGatherOutput": \${var.output_var}}}</format></payloadFactory>
       <respond/>`,
    ),
    resource(
      '/xml-body-replace',
      `<scatter-gather parallel-execution="true" result-target="body" root-element="scatter_response" content-type="XML">
         <aggregation expression="\${xpath('$body/node()')}"/>
         ${seq(pet('pet1', 'cat', false))}${seq(callMock('xml'))}
       </scatter-gather><respond/>`,
    ),
    resource(
      '/xml-variable-output',
      `<scatter-gather parallel-execution="false" result-target="output_var" root-element="scatter_response" content-type="XML">
         <aggregation expression="\${xpath('$body/node()')}"/>
         ${seq(pet('pet1', 'cat', false))}${seq(pet('pet2', 'dog', false))}
       </scatter-gather>
       <log><message>Scatter Gather XML output = \${var.output_var}</message></log>
       <respond/>`,
    ),
    resource(
      '/aggregate-condition',
      `<scatter-gather parallel-execution="true" result-target="body" content-type="JSON">
         <aggregation expression="\${payload.pet}" condition="\${payload.pet.type == 'dog'}" timeout="1000"/>
         ${seq(pet('pet1', 'dog', true))}${seq(pet('pet2', 'cat', true))}${seq(pet('pet3', 'dog', true))}
       </scatter-gather><respond/>`,
    ),
    resource(
      '/not-found-ep',
      `<scatter-gather parallel-execution="false" result-target="body" content-type="JSON">
         <aggregation expression="\${payload.pet}" timeout="1000"/>
         ${seq(pet('pet1', 'dog', true))}
         ${seq(`<call><endpoint><http method="post" uri-template="http://127.0.0.1:${down}/not-found"/></endpoint></call>`)}
         ${seq(pet('pet3', 'dog', true))}
       </scatter-gather><respond/>`,
    ),
  ];
  const files = {
    'artifacts/apis/ScatterGatherPI.xml': apiXml('ScatterGatherPI', '/scatter-gather', resources.join('')),
  };
  ({ runtime, events } = await runtimeWith(project(files, tomlFor(http))));
});

afterAll(async () => {
  await runtime.stop();
  await mock.close();
});

const post = (path: string, body: string, type: string) => send(`${base}${path}`, { body, type });
const sortJson = (v: unknown) => (Array.isArray(v) ? [...v].map((x) => JSON.stringify(x)).sort() : v);
const json = { requestId: 1114567 };
const dog = (name: string, type = 'dog') => ({ name, type, requestId: 1114567 });
const noSpace = (s: string) => s.replace(/>\s+</g, '><').trim();

describe('MI ScatterGatherTestCase (ScatterGather, ScatterGatherMediatorFactory pre-release names)', () => {
  it('testScatterGatherJSONBodyReplace: JSON and XML branch payloads and a back end, one JSON array in the body', async () => {
    const r = await post('/json-body-replace', JSON.stringify(json), 'application/json');
    expect(r.status).toBe(200);
    expect(sortJson(JSON.parse(r.body))).toEqual(
      sortJson([dog('pet1'), dog('pet2', 'cat'), dog('pet3', 'mock-backend')]),
    );
  });

  it('testScatterGatherJSONVariableOutput: the array goes to the variable named by result-target', async () => {
    const r = await post('/json-variable-output', JSON.stringify(json), 'application/json');
    expect(r.status).toBe(200);
    const got = JSON.parse(r.body) as { response: { requestData: unknown; scatterGatherOutput: unknown } };
    expect(got.response.requestData).toEqual(json);
    expect(sortJson(got.response.scatterGatherOutput)).toEqual(
      sortJson([dog('pet1'), dog('pet2', 'cat'), dog('pet3', 'mock-backend')]),
    );
  });

  it('testScatterGatherXMLBodyReplace: each branch’s body under root-element', async () => {
    const r = await post(
      '/xml-body-replace',
      '<root>\n    <requestId>78658</requestId>\n</root>',
      'application/xml',
    );
    expect(r.status).toBe(200);
    const pets = [
      '<pet><name>pet1</name><type>cat</type><requestId>78658</requestId></pet>',
      '<pet><name>pet2</name><type>mock-backend</type><requestId>78658</requestId></pet>',
    ];
    const body = noSpace(r.body);
    expect([
      `<scatter_response>${pets.join('')}</scatter_response>`,
      `<scatter_response>${pets[1]}${pets[0]}</scatter_response>`,
    ]).toContain(body);
  });

  it('testScatterGatherXMLVariableOutput: the XML result in the variable, the payload unchanged', async () => {
    const request = '<root>\n    <requestId>78658</requestId>\n</root>';
    const r = await post('/xml-variable-output', request, 'application/xml');
    expect(r.status).toBe(200);
    expect(noSpace(r.body)).toBe(noSpace(request));
    const line = (e: RuntimeEvent) => e.kind === 'log' && e.text.includes('Scatter Gather XML output');
    await until(() => events.all.some(line));
    expect(noSpace(String(events.all.find(line)?.text))).toContain(
      'Scatter Gather XML output = <scatter_response><pet><name>pet1</name><type>cat</type><requestId>78658</requestId></pet><pet><name>pet2</name><type>dog</type><requestId>78658</requestId></pet></scatter_response>',
    );
  });

  it('testScatterGatherJSONCondition: only copies meeting the condition are gathered; the rest time out', async () => {
    const r = await post('/aggregate-condition', JSON.stringify(json), 'application/json');
    expect(r.status).toBe(200);
    expect(sortJson(JSON.parse(r.body))).toEqual(sortJson([dog('pet1'), dog('pet3')]));
  });

  it('testScatterGatherJSON404EPClone: a branch whose back end is down is left out at the timeout', async () => {
    const r = await post('/not-found-ep', JSON.stringify(json), 'application/json');
    expect(sortJson(JSON.parse(r.body))).toEqual(sortJson([dog('pet1'), dog('pet3')]));
    expect(r.status).toBe(200);
  });
});
