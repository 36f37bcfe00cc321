/**
 * APIs on the HTTP listener: context + uri-template variables (`$url:id`, `uri.var.id`), query
 * parameters, url-mapping, methods (405), versions, transports, and MI's answer when the
 * context matches but no resource does (404 without the main sequence, or
 * `_resource_mismatch_handler_`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/runtime/index.js';
import { freePort, project, runtimeWith, type EventLog, tomlFor } from './harness.js';
import { apiXml, send, sequenceXml } from './http-helpers.js';

let runtime: Runtime;
let events: EventLog;
let base: string;
let http: number;

const SHOP = apiXml(
  'Shop',
  '/shop',
  `  <resource methods="GET" uri-template="/orders/{id}">
    <inSequence>
      <log level="custom">
        <property name="id" expression="$url:id"/>
        <property name="uriVar" expression="get-property('uri.var.id')"/>
        <property name="q" expression="$url:q"/>
        <property name="queryParam" expression="get-property('query.param.q')"/>
        <property name="method" expression="$axis2:HTTP_METHOD"/>
      </log>
      <respond/>
    </inSequence>
  </resource>
  <resource methods="POST" uri-template="/orders">
    <inSequence><respond/></inSequence>
  </resource>
  <resource methods="GET POST" url-mapping="/files/*">
    <inSequence>
      <log level="custom"><property name="file" expression="get-property('To')"/></log>
      <respond/>
    </inSequence>
  </resource>`,
);

const VERSIONED = apiXml(
  'Versioned',
  '/v',
  `  <resource methods="GET" uri-template="/ping">
    <inSequence><property name="HTTP_SC" value="204" scope="axis2"/><respond/></inSequence>
  </resource>`,
  'version="1.0.0" version-type="url"',
);

const IN_CONTEXT = apiXml(
  'InContext',
  '/c/{version}',
  `  <resource methods="GET" uri-template="/ping">
    <inSequence><property name="HTTP_SC" value="204" scope="axis2"/><respond/></inSequence>
  </resource>`,
  'version="2" version-type="context"',
);

const SECURE = apiXml(
  'Secure',
  '/secure',
  '  <resource methods="GET" uri-template="/x"><inSequence><respond/></inSequence></resource>',
  'transports="https"',
);

const files = (extra: Record<string, string> = {}) => ({
  'artifacts/apis/Shop.xml': SHOP,
  'artifacts/apis/Versioned.xml': VERSIONED,
  'artifacts/apis/InContext.xml': IN_CONTEXT,
  'artifacts/apis/Secure.xml': SECURE,
  ...extra,
});

beforeAll(async () => {
  http = await freePort();
  base = `http://127.0.0.1:${http}`;
  ({ runtime, events } = await runtimeWith(project(files(), tomlFor(http))));
});

afterAll(async () => {
  await runtime.stop();
});

const mainLine = (path: string) => `main sequence executed for call to non-existent = ${path}`;

describe('APIs', () => {
  it('puts the uri-template variable in $url:id and uri.var.id, the query in $url:q and query.param.q', async () => {
    const r = await send(`${base}/shop/orders/42?q=red`);
    expect(r.status).toBe(200);
    expect(r.body).toBe('');
    const line = await events.waitFor((e) => e.kind === 'log' && e.properties?.id === '42');
    expect(line.properties).toEqual({ id: '42', uriVar: '42', q: 'red', queryParam: 'red', method: 'GET' });
    expect(line.text).toBe('{api:Shop} id = 42, uriVar = 42, q = red, queryParam = red, method = GET');
  });

  it('decodes a percent-encoded template variable', async () => {
    expect((await send(`${base}/shop/orders/a%20b`)).status).toBe(200);
    await events.waitFor((e) => e.kind === 'log' && e.properties?.id === 'a b');
  });

  it('runs the POST resource for a POST', async () => {
    const r = await send(`${base}/shop/orders`, { body: '{"item":"pen"}', type: 'application/json' });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('application/json');
    expect(r.body).toBe('{"item":"pen"}');
  });

  it('answers a GET to the POST-only resource with 405 and an Allow header (MI: 405, no Allow)', async () => {
    const r = await send(`${base}/shop/orders`);
    expect(r.status).toBe(405);
    expect(r.headers.allow).toBe('POST');
    expect(r.body).toBe('');
    expect(events.logs().some((e) => e.text === mainLine('/shop/orders'))).toBe(false);
  });

  it('url-mapping /files/* takes any path under it', async () => {
    const r = await send(`${base}/shop/files/a/b.txt`, { body: 'text', type: 'text/plain' });
    expect(r.status).toBe(200);
    expect(r.body).toBe('text');
    const line = await events.waitFor((e) => e.kind === 'log' && e.properties?.file !== undefined);
    expect(line.text).toBe('{api:Shop} file = /shop/files/a/b.txt');
  });

  it('a version-type="url" API lives at context/version only', async () => {
    expect((await send(`${base}/v/1.0.0/ping`)).status).toBe(204);
    expect((await send(`${base}/v/ping`)).status).toBe(404);
    await events.waitFor((e) => e.kind === 'log' && e.text === mainLine('/v/ping'));
  });

  it('a version-type="context" API replaces {version} in its context', async () => {
    expect((await send(`${base}/c/2/ping`)).status).toBe(204);
  });

  it('an API with transports="https" is not on the http listener: the main sequence answers 404', async () => {
    expect((await send(`${base}/secure/x`)).status).toBe(404);
    await events.waitFor((e) => e.kind === 'log' && e.text === mainLine('/secure/x'));
  });

  it('a path in the context that no resource matches gets 404 from the API, not the main sequence', async () => {
    const r = await send(`${base}/shop/nothing/here`);
    expect(r.status).toBe(404);
    expect(r.body).toBe('');
    expect(events.logs().some((e) => e.text === mainLine('/shop/nothing/here'))).toBe(false);
  });

  it('runs _resource_mismatch_handler_ for such a path when the project defines it', async () => {
    const handler = sequenceXml(
      '_resource_mismatch_handler_',
      `  <log level="custom"><property name="mismatch" expression="get-property('To')"/></log>
  <property name="HTTP_SC" value="418" scope="axis2"/>
  <respond/>`,
    );
    const result = await runtime.deploy(
      project(files({ 'artifacts/sequences/_resource_mismatch_handler_.xml': handler }), tomlFor(http)),
    );
    expect(result.ok).toBe(true);
    const r = await send(`${base}/shop/unknown`, { body: 'x', type: 'text/plain' });
    expect(r.status).toBe(418);
    expect(r.body).toBe('x');
    const line = await events.waitFor((e) => e.kind === 'log' && e.properties?.mismatch !== undefined);
    expect(line.text).toBe('{api:Shop} mismatch = /shop/unknown');
  });
});
