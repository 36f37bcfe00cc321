/**
 * send and call to http:// address endpoints, against a real local back end: the response path
 * (outSequence or straight back), call continuing with the response, a named endpoint, methods,
 * REST_URL_POSTFIX, FORCE_SC_ACCEPTED, and the fault path when the back end is down (101503).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/runtime/index.js';
import { freePort, project, runtimeWith, type EventLog, tomlFor } from './harness.js';
import {
  apiXml,
  endpointXml,
  proxyXml,
  send,
  startBackend,
  type Backend,
  type Received,
} from './http-helpers.js';

let runtime: Runtime;
let events: EventLog;
let backend: Backend;
let base: string;
let downPort: number;

/** What the back end answers: 201, its own type and header, and what it received as JSON. */
const answerOf = (r: Pick<Received, 'method' | 'url' | 'body'>) =>
  JSON.stringify({ method: r.method, url: r.url, body: r.body });

const BODY = '<order><id>7</id></order>';

beforeAll(async () => {
  backend = await startBackend((req, res) => {
    res
      .writeHead(201, { 'content-type': 'application/vnd.test+json', 'x-backend': 'yes' })
      .end(answerOf(req));
  });
  downPort = await freePort(); // nothing listens there
  const http = await freePort();
  base = `http://127.0.0.1:${http}`;
  const be = `${backend.url}/echo`;
  const down = `http://127.0.0.1:${downPort}/echo`;
  const ep = (uri: string) => `<endpoint><address uri="${uri}"/></endpoint>`;
  const faultLog = `<log level="custom">
        <property name="code" expression="get-property('ERROR_CODE')"/>
        <property name="message" expression="get-property('ERROR_MESSAGE')"/>
      </log>`;
  const proxies: Record<string, string> = {
    WithOut: proxyXml(
      'WithOut',
      `<inSequence><send>${ep(be)}</send></inSequence>
       <outSequence><log level="custom"><property name="status" expression="$axis2:HTTP_SC"/></log><respond/></outSequence>`,
    ),
    Straight: proxyXml('Straight', `<inSequence><send>${ep(be)}</send></inSequence>`),
    BareSend: proxyXml(
      'BareSend',
      `<inSequence><send>${ep(be)}</send></inSequence><outSequence><send/></outSequence>`,
    ),
    Caller: proxyXml(
      'Caller',
      `<inSequence>
        <call>${ep(be)}</call>
        <log level="custom"><property name="afterCall" expression="json-eval($.method)"/></log>
        <respond/>
      </inSequence>`,
    ),
    Named: proxyXml('Named', '<inSequence><send><endpoint key="BackEp"/></send></inSequence>'),
    TargetEp: proxyXml('TargetEp', '', '').replace('<target>', '<target endpoint="BackEp">'),
    Put: proxyXml(
      'Put',
      `<inSequence><property name="HTTP_METHOD" value="PUT" scope="axis2"/><send>${ep(be)}</send></inSequence>`,
    ),
    Forced: proxyXml(
      'Forced',
      `<inSequence><property name="FORCE_SC_ACCEPTED" value="true" scope="axis2"/><send>${ep(be)}</send></inSequence>`,
    ),
    DownSend: proxyXml(
      'DownSend',
      `<inSequence><send>${ep(down)}</send></inSequence>
       <faultSequence>${faultLog}<property name="HTTP_SC" value="503" scope="axis2"/><respond/></faultSequence>`,
    ),
    DownSilent: proxyXml(
      'DownSilent',
      `<inSequence><send>${ep(down)}</send></inSequence><faultSequence>${faultLog}</faultSequence>`,
    ),
    DownCall: proxyXml(
      'DownCall',
      `<inSequence><call>${ep(down)}</call><respond/></inSequence><faultSequence>${faultLog}</faultSequence>`,
    ),
  };
  const files: Record<string, string> = {
    'artifacts/endpoints/BackEp.xml': endpointXml('BackEp', backend.url),
    'artifacts/apis/Shop.xml': apiXml(
      'Shop',
      '/shop',
      `<resource methods="GET" uri-template="/orders/{id}"><inSequence><send>${ep(backend.url)}</send></inSequence></resource>`,
    ),
  };
  for (const [name, xml] of Object.entries(proxies)) files[`artifacts/proxy-services/${name}.xml`] = xml;
  ({ runtime, events } = await runtimeWith(project(files, tomlFor(http))));
});

afterAll(async () => {
  await runtime.stop(); // again, if the last test did not get there
  await backend.close();
});

const faultLine = (proxy: string) =>
  events.waitFor((e) => e.kind === 'log' && e.artifact?.name === proxy && e.properties?.code !== undefined);

describe('send and call to an http back end', () => {
  it('send with an outSequence: the response runs it, then reaches the client as the back end wrote it', async () => {
    const r = await send(`${base}/services/WithOut`, { body: BODY, type: 'application/xml' });
    expect(r.status).toBe(201);
    expect(r.headers['content-type']).toBe('application/vnd.test+json');
    expect(r.headers['x-backend']).toBe('yes');
    expect(r.body).toBe(answerOf({ method: 'POST', url: '/echo', body: BODY }));
    const line = await events.waitFor((e) => e.kind === 'log' && e.artifact?.name === 'WithOut');
    expect(line.text).toBe('{proxy:WithOut} status = 201');
    expect(line.direction).toBe('response');
  });

  it('send without an outSequence: the response goes straight back to the client', async () => {
    const r = await send(`${base}/services/Straight`, { body: BODY, type: 'application/xml' });
    expect(r.status).toBe(201);
    expect(r.headers['content-type']).toBe('application/vnd.test+json');
    expect(r.body).toBe(answerOf({ method: 'POST', url: '/echo', body: BODY }));
  });

  it('a bare <send/> in the outSequence returns the response to the client, as in MI', async () => {
    const r = await send(`${base}/services/BareSend`, { body: BODY, type: 'application/xml' });
    expect(r.status).toBe(201);
    expect(r.body).toBe(answerOf({ method: 'POST', url: '/echo', body: BODY }));
  });

  it('passes a GET on as a GET without a body', async () => {
    const r = await send(`${base}/services/Straight`);
    expect(r.body).toBe(answerOf({ method: 'GET', url: '/echo', body: '' }));
  });

  it('HTTP_METHOD (axis2) changes the method sent to the back end', async () => {
    const r = await send(`${base}/services/Put`, { body: BODY, type: 'application/xml' });
    expect(r.body).toBe(answerOf({ method: 'PUT', url: '/echo', body: BODY }));
  });

  it('call continues the flow with the response as the payload', async () => {
    const r = await send(`${base}/services/Caller`, { body: '{"q":1}', type: 'application/json' });
    expect(r.status).toBe(201);
    expect(r.body).toBe(answerOf({ method: 'POST', url: '/echo', body: '{"q":1}' }));
    const line = await events.waitFor((e) => e.kind === 'log' && e.artifact?.name === 'Caller');
    expect(line.text).toBe('{proxy:Caller} afterCall = POST');
  });

  it('a named endpoint artifact is reached through <endpoint key="…"/> and <target endpoint="…">', async () => {
    const a = await send(`${base}/services/Named`, { body: 'n', type: 'text/plain' });
    expect(a.body).toBe(answerOf({ method: 'POST', url: '/', body: 'n' }));
    const b = await send(`${base}/services/TargetEp`, { body: 't', type: 'text/plain' });
    expect(b.body).toBe(answerOf({ method: 'POST', url: '/', body: 't' }));
  });

  it('an API appends the path after its context and the query to the address (REST_URL_POSTFIX)', async () => {
    const r = await send(`${base}/shop/orders/9?full=1`);
    expect(r.body).toBe(answerOf({ method: 'GET', url: '/orders/9?full=1', body: '' }));
  });

  it('FORCE_SC_ACCEPTED answers 202 at once; the back end still gets the message', async () => {
    const before = backend.received.length;
    const r = await send(`${base}/services/Forced`, { body: 'forced', type: 'text/plain' });
    expect(r.status).toBe(202);
    expect(r.body).toBe('');
    await events.waitFor((e) => e.kind === 'warning' && e.text.includes('already responded'));
    expect(backend.received.slice(before).map((x) => x.body)).toEqual(['forced']);
  });

  it('back end down with send: the fault sequence runs with ERROR_CODE 101503 and its response reaches the client', async () => {
    const r = await send(`${base}/services/DownSend`, { body: BODY, type: 'application/xml' });
    expect(r.status).toBe(503);
    expect(r.body).toBe(BODY);
    const line = await faultLine('DownSend');
    expect(line.properties).toEqual({
      code: '101503',
      message: `Error connecting to the back end: connection refused by 127.0.0.1:${downPort}`,
    });
  });

  it('back end down with send and a fault sequence that writes nothing: the client gets 502', async () => {
    const r = await send(`${base}/services/DownSilent`, { body: BODY, type: 'application/xml' });
    expect(r.status).toBe(502);
    expect(r.headers['content-type']).toBe('text/plain');
    expect(r.body).toBe(`Error connecting to the back end: connection refused by 127.0.0.1:${downPort}`);
    expect((await faultLine('DownSilent')).properties?.code).toBe('101503');
  });

  it('back end down with call: the fault sequence runs with ERROR_CODE 101503 and ERROR_MESSAGE, the client gets 502', async () => {
    const r = await send(`${base}/services/DownCall`, { body: BODY, type: 'application/xml' });
    expect(r.status).toBe(502);
    expect(r.body).toBe(`Error connecting to the back end: connection refused by 127.0.0.1:${downPort}`);
    const line = await faultLine('DownCall');
    expect(line.properties).toEqual({
      code: '101503',
      message: `Error connecting to the back end: connection refused by 127.0.0.1:${downPort}`,
    });
  });

  it('keeps back-end connections alive between messages and closes them when the runtime stops', async () => {
    expect(await backend.connections()).toBeGreaterThan(0);
    await runtime.stop();
    let open = await backend.connections();
    for (let i = 0; i < 100 && open > 0; i++) {
      await new Promise((r) => setTimeout(r, 20));
      open = await backend.connections();
    }
    expect(open).toBe(0);
  });
});
