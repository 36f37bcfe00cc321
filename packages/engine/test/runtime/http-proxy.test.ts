/**
 * Proxy services on the HTTP listener, as MI's pass-through answers them: `respond` echoes the
 * request, HTTP_SC / NO_ENTITY_BODY / messageType shape the response, a flow that writes nothing
 * gets 202, a proxy not exposed on http is rejected as Axis2 does, and anything no proxy claims
 * runs MI's default main sequence (404, no body, its custom log line).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/runtime/index.js';
import { freePort, project, runtimeWith, type EventLog, tomlFor } from './harness.js';
import { proxyXml, send } from './http-helpers.js';

let runtime: Runtime;
let events: EventLog;
let base: string;

const ORDER = '<order><id>7</id></order>';

beforeAll(async () => {
  const http = await freePort();
  base = `http://127.0.0.1:${http}`;
  const inSeq = (body: string) => `    <inSequence>\n${body}\n    </inSequence>`;
  const files: Record<string, string> = {
    Echo: proxyXml('Echo', inSeq('<respond/>')),
    Created: proxyXml('Created', inSeq('<property name="HTTP_SC" value="201" scope="axis2"/><respond/>')),
    NoBody: proxyXml(
      'NoBody',
      inSeq('<property name="NO_ENTITY_BODY" value="true" scope="axis2" type="BOOLEAN"/><respond/>'),
    ),
    AsXml: proxyXml(
      'AsXml',
      inSeq('<property name="messageType" value="application/xml" scope="axis2"/><respond/>'),
    ),
    LogOnly: proxyXml('LogOnly', inSeq('<log level="custom"><property name="seen" value="yes"/></log>')),
    Dropper: proxyXml('Dropper', inSeq('<drop/>')),
    Forced: proxyXml(
      'Forced',
      inSeq(
        '<property name="FORCE_SC_ACCEPTED" value="true" scope="axis2"/><log level="custom"><property name="forced" value="yes"/></log>',
      ),
    ),
    HttpOnly: proxyXml('HttpOnly', inSeq('<respond/>'), 'transports="http"'),
    HttpsOnly: proxyXml('HttpsOnly', inSeq('<respond/>'), 'transports="https"'),
    Stopped: proxyXml('Stopped', inSeq('<respond/>'), 'startOnLoad="false"'),
  };
  const p = project(
    Object.fromEntries(Object.entries(files).map(([n, xml]) => [`artifacts/proxy-services/${n}.xml`, xml])),
    tomlFor(http),
  );
  ({ runtime, events } = await runtimeWith(p));
});

afterAll(async () => {
  await runtime.stop();
});

describe('proxy services at /services/<name>', () => {
  it('respond returns the request payload with its content type and 200', async () => {
    const r = await send(`${base}/services/Echo`, { body: ORDER, type: 'application/xml' });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('application/xml');
    expect(r.headers['content-length']).toBe(String(ORDER.length));
    expect(r.body).toBe(ORDER);
  });

  it('echoes the request headers on a request-path respond, but not connection-level ones', async () => {
    const r = await send(`${base}/services/Echo`, {
      body: '{"a":1}',
      type: 'application/json',
      headers: { 'x-trace': 't-42' },
    });
    expect(r.body).toBe('{"a":1}');
    expect(r.headers['content-type']).toBe('application/json');
    expect(r.headers['x-trace']).toBe('t-42');
    expect(r.headers.host).toBeUndefined();
  });

  it('HTTP_SC (axis2) sets the status', async () => {
    const r = await send(`${base}/services/Created`, { body: ORDER, type: 'application/xml' });
    expect(r.status).toBe(201);
    expect(r.body).toBe(ORDER);
  });

  it('NO_ENTITY_BODY (axis2, BOOLEAN true) removes the body', async () => {
    const r = await send(`${base}/services/NoBody`, { body: ORDER, type: 'application/xml' });
    expect(r.status).toBe(200);
    expect(r.headers['content-length']).toBe('0');
    expect(r.body).toBe('');
  });

  it('messageType (axis2) changes the response Content-Type; an unread body passes through as is', async () => {
    // MI's pass-through does not build a message no mediator read, so only the header changes.
    const r = await send(`${base}/services/AsXml`, { body: '<ping/>', type: 'text/xml' });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('application/xml');
    expect(r.body).toBe('<ping/>');
  });

  it('a flow with only <log/> answers 202 with an empty body after the log line', async () => {
    const r = await send(`${base}/services/LogOnly`, { body: ORDER, type: 'application/xml' });
    expect(r.status).toBe(202);
    expect(r.body).toBe('');
    const line = await events.waitFor((e) => e.kind === 'log' && e.properties?.seen === 'yes');
    expect(line.text).toBe('{proxy:LogOnly} seen = yes');
  });

  it('a flow ending in <drop/> answers 202 with an empty body', async () => {
    const r = await send(`${base}/services/Dropper`, { body: ORDER, type: 'application/xml' });
    expect(r.status).toBe(202);
    expect(r.headers['content-length']).toBe('0');
    expect(r.body).toBe('');
  });

  it('FORCE_SC_ACCEPTED gives 202', async () => {
    const r = await send(`${base}/services/Forced`, { body: ORDER, type: 'application/xml' });
    expect(r.status).toBe(202);
    expect(r.body).toBe('');
    await events.waitFor((e) => e.kind === 'log' && e.text === '{proxy:Forced} forced = yes');
  });

  it('a proxy with transports="http" is served on http', async () => {
    const r = await send(`${base}/services/HttpOnly`, { body: 'x', type: 'text/plain' });
    expect(r.status).toBe(200);
    expect(r.body).toBe('x');
  });

  it('a proxy with transports="https" only is rejected on http as Axis2 does, without the main sequence', async () => {
    const r = await send(`${base}/services/HttpsOnly`, { body: ORDER, type: 'application/xml' });
    expect(r.status).toBe(500);
    expect(r.headers['content-type']).toBe('text/xml; charset=UTF-8');
    expect(r.body).toContain(
      '<faultstring>The service cannot be found for the endpoint reference (EPR) /services/HttpsOnly</faultstring>',
    );
    const error = await events.waitFor((e) => e.kind === 'error' && e.artifact?.name === 'HttpsOnly');
    expect(error.text).toBe(
      "Error processing POST request for : /services/HttpsOnly. The service cannot be found for the endpoint reference (EPR) /services/HttpsOnly (proxy 'HttpsOnly' is not exposed on the http transport)",
    );
    expect(events.logs().some((e) => e.text.endsWith('= /services/HttpsOnly'))).toBe(false);
  });

  it('a proxy with startOnLoad="false" is not served: the main sequence answers 404', async () => {
    const r = await send(`${base}/services/Stopped`, { body: ORDER, type: 'application/xml' });
    expect(r.status).toBe(404);
    expect(r.body).toBe('');
    await events.waitFor(
      (e) =>
        e.kind === 'log' && e.text === 'main sequence executed for call to non-existent = /services/Stopped',
    );
  });

  it('an unknown path gets 404 with no body from the default main sequence, which logs the path', async () => {
    const r = await send(`${base}/no/such/path`, { body: ORDER, type: 'application/xml' });
    expect(r.status).toBe(404);
    expect(r.headers['content-length']).toBe('0');
    expect(r.body).toBe('');
    const line = await events.waitFor(
      (e) => e.kind === 'log' && e.text === 'main sequence executed for call to non-existent = /no/such/path',
    );
    expect(line.properties).toEqual({ 'main sequence executed for call to non-existent': '/no/such/path' });
    expect(line.artifact).toBeUndefined();
  });

  it('a GET to an unknown path is also 404 from main', async () => {
    const r = await send(`${base}/services/Nobody`);
    expect(r.status).toBe(404);
    await events.waitFor(
      (e) =>
        e.kind === 'log' && e.text === 'main sequence executed for call to non-existent = /services/Nobody',
    );
  });
});
