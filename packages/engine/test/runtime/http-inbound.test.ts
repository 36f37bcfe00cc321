/**
 * HTTP and HTTPS inbound endpoints through a running runtime with real HTTP(S) clients: the
 * endpoint's sequence answers (respond, 202 without one), onError takes its faults, APIs bound
 * to it with `binds-to` take their paths there (and only there), `dispatch.filter.pattern`
 * routes matching URIs to the project's APIs and proxies and the rest to main, and an https
 * endpoint serves TLS from PEM files.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/runtime/index.js';
import { freePort, project, runtimeWith, tomlFor } from './harness.js';
import {
  apiXml,
  makeTlsFiles,
  proxyXml,
  send,
  sequenceXml,
  startBackend,
  type Backend,
  type TlsFiles,
} from './http-helpers.js';

const NS = 'xmlns="http://ws.apache.org/ns/synapse"';

function inboundXml(name: string, protocol: string, attrs: string, params: Record<string, string>): string {
  const rows = Object.entries(params)
    .map(([n, v]) => `    <parameter name="${n}">${v}</parameter>`)
    .join('\n');
  return `<inboundEndpoint name="${name}" protocol="${protocol}" ${attrs} ${NS}>\n  <parameters>\n${rows}\n  </parameters>\n</inboundEndpoint>\n`;
}

const header = (name: string, value: string) =>
  `<property name="${name}" value="${value}" scope="transport"/>`;

let runtime: Runtime;
let tls: TlsFiles;
let http: number;
let plain: number;
let filtered: number;
let secure: number;
let failing: number;
let relay: number;
let backend: Backend;

beforeAll(async () => {
  tls = makeTlsFiles();
  backend = await startBackend((req, res) => {
    res.writeHead(201, { 'content-type': 'text/plain', 'x-backend': 'yes' }).end(`got ${req.body}`);
  });
  [http, plain, filtered, secure, failing, relay] = await Promise.all([
    freePort(),
    freePort(),
    freePort(),
    freePort(),
    freePort(),
    freePort(),
  ]);
  const files = {
    'artifacts/inbound-endpoints/Plain.xml': inboundXml(
      'Plain',
      'http',
      'sequence="inSeq" onError="inError"',
      {
        'inbound.http.port': String(plain),
      },
    ),
    'artifacts/inbound-endpoints/Filtered.xml': inboundXml('Filtered', 'http', 'sequence="inSeq"', {
      'inbound.http.port': String(filtered),
      // COMMENTS mode: the blanks and the comment are not part of the pattern.
      'dispatch.filter.pattern': '/(services|shop) /.*   # APIs and proxies',
    }),
    'artifacts/inbound-endpoints/Secure.xml': inboundXml('Secure', 'https', 'sequence="inSeq"', {
      'inbound.http.port': String(secure),
      'https.ssl.key.file': tls.keyFile,
      'https.ssl.cert.file': tls.certFile,
    }),
    'artifacts/inbound-endpoints/Failing.xml': inboundXml(
      'Failing',
      'http',
      'sequence="failSeq" onError="inError"',
      {
        'inbound.http.port': String(failing),
      },
    ),
    'artifacts/inbound-endpoints/Relay.xml': inboundXml('Relay', 'http', 'sequence="relaySeq"', {
      'inbound.http.port': String(relay),
    }),
    'artifacts/sequences/relaySeq.xml': sequenceXml(
      'relaySeq',
      `<send><endpoint><address uri="${backend.url}/back"/></endpoint></send>`,
    ),
    'artifacts/sequences/inSeq.xml': sequenceXml(
      'inSeq',
      `<filter source="$trp:X-Drop" regex="yes"><then><drop/></then></filter>
${header('X-Seq', 'inSeq')}<property name="X-Inbound" expression="get-property('inbound.endpoint.name')" scope="transport"/><respond/>`,
    ),
    'artifacts/sequences/failSeq.xml': sequenceXml(
      'failSeq',
      '<call><endpoint><address uri="http://127.0.0.1:1/refused"/></endpoint></call><respond/>',
    ),
    'artifacts/sequences/inError.xml': sequenceXml(
      'inError',
      `<property name="HTTP_SC" value="500" scope="axis2"/>${header('X-Error', 'inError')}<respond/>`,
    ),
    'artifacts/sequences/main.xml': sequenceXml('main', `${header('X-Seq', 'main')}<respond/>`),
    'artifacts/apis/Bound.xml': apiXml(
      'Bound',
      '/bound',
      `<resource methods="GET" uri-template="/x"><inSequence>${header('X-Api', 'Bound')}<respond/></inSequence></resource>`,
      'binds-to="Plain, Filtered"',
    ),
    'artifacts/apis/Shop.xml': apiXml(
      'Shop',
      '/shop',
      `<resource methods="GET" uri-template="/x"><inSequence>${header('X-Api', 'Shop')}<respond/></inSequence></resource>`,
    ),
    'artifacts/proxy-services/P.xml': proxyXml(
      'P',
      `<inSequence>${header('X-Proxy', 'P')}<respond/></inSequence>`,
    ),
  };
  ({ runtime } = await runtimeWith(project(files, tomlFor(http))));
});

afterAll(async () => {
  await runtime.stop();
  await backend.close();
  tls.remove();
});

describe('HTTP inbound endpoint (InboundHttpListener, InboundHttpServerWorker)', () => {
  it("runs the endpoint's sequence and answers what it responds, with the request's body", async () => {
    const r = await send(`http://127.0.0.1:${plain}/any/path?q=1`, {
      body: '<hello/>',
      type: 'application/xml',
    });
    // InboundHttpServerWorker.injectToSequence: the endpoint's sequence, INBOUND_ENDPOINT_NAME set;
    // InboundHttpResponseSender writes the respond back.
    expect(r.status).toBe(200);
    expect(r.headers['x-seq']).toBe('inSeq');
    expect(r.headers['x-inbound']).toBe('Plain');
    expect(r.body).toBe('<hello/>');
  });

  it("answers with the back end's response when the sequence sends the message on", async () => {
    const r = await send(`http://127.0.0.1:${relay}/x`, { body: 'ping', type: 'text/plain' });
    // InboundHttpResponseSender: the back end's response goes back to the inbound client.
    expect(backend.received.at(-1)?.body).toBe('ping');
    expect(r.status).toBe(201);
    expect(r.headers['x-backend']).toBe('yes');
    expect(r.body).toBe('got ping');
  });

  it('answers 202 with an empty body when the sequence drops the message', async () => {
    const r = await send(`http://127.0.0.1:${plain}/`, { headers: { 'X-Drop': 'yes' } });
    // ServerWorker's ack (sendAck): no response was written.
    expect(r.status).toBe(202);
    expect(r.body).toBe('');
  });

  it("takes a fault to the endpoint's onError", async () => {
    const r = await send(`http://127.0.0.1:${failing}/`);
    // InboundHttpServerWorker.getFaultSequence: onError, pushed as a MediatorFaultHandler.
    expect(r.status).toBe(500);
    expect(r.headers['x-error']).toBe('inError');
  });

  it('gives a path of an API bound to it (binds-to) to that API, and the API is not on the HTTP listener', async () => {
    const r = await send(`http://127.0.0.1:${plain}/bound/x`);
    // InboundApiHandler.dispatchToAPI: the APIs bound to the endpoint that API_CALLER names.
    expect(r.headers['x-api']).toBe('Bound');
    const onListener = await send(`http://127.0.0.1:${http}/bound/x`);
    // ApiUtils.isBound: on the pass-through listener only APIs bound to "default" serve.
    expect(onListener.headers['x-api']).toBeUndefined();
    expect(onListener.headers['x-seq']).toBe('main');
  });

  it('does not serve unbound APIs or proxies without a dispatch pattern', async () => {
    const api = await send(`http://127.0.0.1:${plain}/shop/x`);
    expect(api.headers['x-seq']).toBe('inSeq');
    const proxy = await send(`http://127.0.0.1:${plain}/services/P`);
    expect(proxy.headers['x-seq']).toBe('inSeq');
  });
});

describe('dispatch.filter.pattern (HTTPEndpointManager.compilePattern, InboundHttpServerWorker)', () => {
  it('routes a matching URI to an API of the project or a proxy service', async () => {
    // RESTRequestHandler.process, then isAllowedAxis2Path for a deployed proxy.
    expect((await send(`http://127.0.0.1:${filtered}/shop/x`)).headers['x-api']).toBe('Shop');
    expect((await send(`http://127.0.0.1:${filtered}/services/P`)).headers['x-proxy']).toBe('P');
  });

  it('still gives bound APIs their paths first', async () => {
    expect((await send(`http://127.0.0.1:${filtered}/bound/x`)).headers['x-api']).toBe('Bound');
  });

  it('routes a matching URI that no API or proxy takes, and any URI that does not match, to main', async () => {
    // injectToMainSequence in both cases: never the endpoint's own sequence.
    expect((await send(`http://127.0.0.1:${filtered}/services/Nope`)).headers['x-seq']).toBe('main');
    expect((await send(`http://127.0.0.1:${filtered}/other`)).headers['x-seq']).toBe('main');
  });
});

describe('HTTPS inbound endpoint (InboundHttpsListener)', () => {
  it('serves TLS with the PEM key and certificate, and runs the sequence', async () => {
    const r = await send(`https://localhost:${secure}/x`, { body: 'hi', type: 'text/plain', ca: tls.cert });
    expect(r.status).toBe(200);
    expect(r.headers['x-inbound']).toBe('Secure');
    expect(r.body).toBe('hi');
  });

  it('reports each endpoint as a listener of its own', () => {
    const listeners = runtime.status().listeners;
    expect(listeners).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'http', port: plain, artifact: 'Plain' }),
        expect.objectContaining({ kind: 'https', port: secure, artifact: 'Secure' }),
      ]),
    );
  });
});

describe('redeploying HTTP inbound endpoints', () => {
  it('moves an endpoint to its new port, keeps an unchanged one, and stops a removed one', async () => {
    const [main, a, b] = await Promise.all([freePort(), freePort(), freePort()]);
    const files = (port: number | undefined, marker: string) => ({
      'artifacts/sequences/s.xml': sequenceXml('s', `${header('X-Marker', marker)}<respond/>`),
      ...(port === undefined
        ? {}
        : {
            'artifacts/inbound-endpoints/In.xml': inboundXml('In', 'http', 'sequence="s"', {
              'inbound.http.port': String(port),
            }),
          }),
    });
    const { runtime: rt } = await runtimeWith(project(files(a, 'one'), tomlFor(main)));
    try {
      expect((await send(`http://127.0.0.1:${a}/`)).headers['x-marker']).toBe('one');
      // Same port: the listener stays and runs the new sequence.
      expect((await rt.deploy(project(files(a, 'two'), tomlFor(main)))).ok).toBe(true);
      expect((await send(`http://127.0.0.1:${a}/`)).headers['x-marker']).toBe('two');
      expect((await rt.deploy(project(files(b, 'three'), tomlFor(main)))).ok).toBe(true);
      expect((await send(`http://127.0.0.1:${b}/`)).headers['x-marker']).toBe('three');
      await expect(send(`http://127.0.0.1:${a}/`)).rejects.toThrow(/ECONNREFUSED/);
      expect((await rt.deploy(project(files(undefined, 'four'), tomlFor(main)))).ok).toBe(true);
      await expect(send(`http://127.0.0.1:${b}/`)).rejects.toThrow(/ECONNREFUSED/);
    } finally {
      await rt.stop();
    }
  });
});
