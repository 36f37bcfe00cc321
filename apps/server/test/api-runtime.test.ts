/**
 * `/api/runtime` and `/api/try/http` on the bundled example (ports rewritten to free ones, the
 * sample back end on a free port): listeners, clients, back-end connections and counters after
 * real traffic; the try-it client to loopback only.
 */
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { startSampleBackend } from '@mediate/engine/sample-backend';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  Cleanup,
  call,
  freePort,
  isApiError,
  seedProject,
  startServer,
  tempDir,
  until,
  type TestServer,
} from './helpers/server.js';

const cleanup = new Cleanup();
let server: TestServer;
let wsPort: number;
let httpPort: number;
let echo: Server;
let echoPort: number;

beforeAll(async () => {
  const backend = await startSampleBackend({ port: 0 });
  cleanup.add(() => backend.close());
  wsPort = await freePort();
  httpPort = await freePort();
  const project = await seedProject(path.join(tempDir('mediate-test-', cleanup), 'seed'), {
    wsPort,
    httpPort,
    backendUrl: backend.url,
  });
  server = await startServer(cleanup, { project });
  // A loopback HTTP server for the try-it client: echoes method, a header and the body.
  echo = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8').on('data', (c: string) => (body += c));
    req.on('end', () => {
      res.writeHead(201, {
        'content-type': 'application/json',
        'x-echo': String(req.headers['x-test'] ?? ''),
      });
      res.end(JSON.stringify({ method: req.method, body }));
    });
  });
  await new Promise<void>((r) => echo.listen(0, '127.0.0.1', () => r()));
  echoPort = (echo.address() as { port: number }).port;
  cleanup.add(() => new Promise((r) => echo.close(r)));
});
afterAll(() => cleanup.run());

const api = (method: string, p: string, body?: unknown) => call(server.base, method, p, body);

/** Opens a client on the inbound endpoint; resolves once open. */
async function client(): Promise<{ ws: WebSocket; replies: string[] }> {
  const ws = new WebSocket(`ws://127.0.0.1:${wsPort}/websocket`);
  ws.on('error', () => undefined);
  cleanup.add(() => ws.terminate());
  const replies: string[] = [];
  ws.on('message', (d) => replies.push(String(d)));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return { ws, replies };
}

describe('GET /api/runtime', () => {
  it('lists the listeners with their kind, port and artifact', async () => {
    const r = await api('GET', '/api/runtime');
    expect(r.status).toBe(200);
    expect(r.json.deployed).toBe(true);
    expect(r.json.deploymentId).toMatch(/^000001-/);
    expect(r.json.listeners).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'ws', port: wsPort, artifact: 'WebSocketInbound', clients: 0 }),
        expect.objectContaining({ kind: 'http', port: httpPort }),
      ]),
    );
    expect(r.json.backendConnections).toBe(0);
    // The retry buffer is off unless deployment.toml turns it on.
    expect(r.json.retry).toEqual({ enabled: false, backends: [] });
  });

  it('counts clients, back-end connections and messages per artifact', async () => {
    const a = await client();
    const b = await client();
    for (let i = 0; i < 3; i++) a.ws.send(`a${i}`);
    b.ws.send('b0');
    await until(() => a.replies.length === 3 && b.replies.length === 1, 5000, 'the four replies');
    expect(a.replies).toHaveLength(3); // the back end's echoes of the three frames

    const r = (await api('GET', '/api/runtime')).json;
    expect(r.listeners.find((l: { kind: string }) => l.kind === 'ws').clients).toBe(2);
    // One back-end connection per inbound client (seed Example 1).
    expect(r.backendConnections).toBe(2);
    const inboundCount = (info: { artifacts: { name: string; messages: number; errors: number }[] }) =>
      info.artifacts.find((c) => c.name === 'WebSocketInbound');
    // Four frames, plus each client's handshake, which runs through the sequence as in MI.
    expect(inboundCount(r)).toMatchObject({ messages: 6, errors: 0 });
    // Three more frames on an open connection count exactly three.
    for (let i = 3; i < 6; i++) a.ws.send(`a${i}`);
    await until(() => a.replies.length === 6, 5000, 'three more replies');
    expect(inboundCount((await api('GET', '/api/runtime')).json)?.messages).toBe(9);

    // An HTTP request through the proxy is counted against the proxy.
    const res = await fetch(`http://127.0.0.1:${httpPort}/services/websocketProxy1`, {
      method: 'POST',
      body: '{"x":1}',
      headers: { 'content-type': 'application/json' },
    });
    await res.text();
    const after = (await api('GET', '/api/runtime')).json;
    expect(after.artifacts.find((c: { name: string }) => c.name === 'websocketProxy1')).toMatchObject({
      messages: 1,
    });

    a.ws.close();
    b.ws.close();
    await until(
      async () =>
        (await api('GET', '/api/runtime')).json.listeners.find((l: { kind: string }) => l.kind === 'ws')
          .clients === 0,
      5000,
      'clients to close',
    );
  });

  it('counts messages per mediator, keyed like the deploy changes', async () => {
    type M = { artifact: string; path: string; messages: number; errors: number };
    // All of an artifact's mediator counts together (paths are the engine's to format).
    const count = (ms: M[], artifact: string) =>
      ms.filter((m) => m.artifact === artifact).reduce((n, m) => n + m.messages, 0);
    const before = (await api('GET', '/api/runtime')).json;
    const a = await client();
    a.ws.send('m');
    await until(() => a.replies.length === 1, 5000, 'the reply');
    const r = (await api('GET', '/api/runtime')).json;
    for (const m of r.mediators as M[])
      expect(m).toEqual({
        artifact: expect.any(String),
        path: expect.any(String),
        messages: expect.any(Number),
        errors: 0,
      });
    // inboundDispatchSeq's mediators ran for the frame, outDispatchSeq's for the reply.
    expect(count(r.mediators, 'inboundDispatchSeq')).toBeGreaterThan(
      count(before.mediators, 'inboundDispatchSeq'),
    );
    expect(count(r.mediators, 'outDispatchSeq')).toBeGreaterThan(count(before.mediators, 'outDispatchSeq'));
    // The artifact counters use the model's type names, as the deploy changes do ('inboundEndpoint:WebSocketInbound').
    const deployed = (await api('GET', '/api/deployments')).json[0].changes.added as string[];
    for (const c of r.artifacts as { type: string; name: string }[])
      expect(deployed).toContain(`${c.type}:${c.name}`);
    a.ws.close();
  });
});

describe('POST /api/try/http', () => {
  it('sends to a loopback URL and returns status, headers, body and ms', async () => {
    const r = await api('POST', '/api/try/http', {
      method: 'post',
      url: `http://127.0.0.1:${echoPort}/x`,
      headers: { 'x-test': 'hi' },
      body: 'payload',
    });
    expect(r.status).toBe(200);
    expect(r.json).toEqual({
      status: 201,
      headers: expect.objectContaining({ 'x-echo': 'hi', 'content-type': 'application/json' }),
      body: '{"method":"POST","body":"payload"}',
      ms: expect.any(Number),
    });
    expect(r.json.ms).toBeGreaterThanOrEqual(0);
    const viaName = await api('POST', '/api/try/http', {
      method: 'GET',
      url: `http://localhost:${echoPort}/`,
    });
    expect(viaName.json).toMatchObject({ status: 201, body: '{"method":"GET","body":""}' });
  });

  it('reaches the runtime\u2019s own proxy', async () => {
    const r = await api('POST', '/api/try/http', {
      method: 'POST',
      url: `http://127.0.0.1:${httpPort}/services/websocketProxy1`,
      headers: { 'content-type': 'application/json' },
      body: '{"x":1}',
    });
    expect(r.status).toBe(200);
    expect(r.json.status).toBe(202);
  });

  it.each([
    ['http://example.com/'],
    ['http://10.1.2.3:8080/'],
    ['http://169.254.169.254/latest/meta-data'],
    ['http://127.0.0.1.nip.io/'],
  ])('refuses the non-loopback %s with 400 NOT_LOOPBACK', async (url) => {
    const r = await api('POST', '/api/try/http', { method: 'GET', url });
    expect(r.status).toBe(400);
    expect(r.json.code).toBe('NOT_LOOPBACK');
    expect(isApiError(r.json)).toBe(true);
  });

  it('502s when nothing listens on the port', async () => {
    const r = await api('POST', '/api/try/http', {
      method: 'GET',
      url: `http://127.0.0.1:${await freePort()}/`,
    });
    expect(r.status).toBe(502);
    expect(r.json.code).toBe('TRY_FAILED');
    expect(r.json.message).toMatch(/nothing is listening/);
  });

  it('400s a bad request body', async () => {
    for (const body of [
      { url: `http://127.0.0.1:${echoPort}/` },
      { method: 'GET', url: 'not a url' },
      { method: 'GET', url: 'ftp://127.0.0.1/' },
      { method: 'GE T', url: `http://127.0.0.1:${echoPort}/` },
    ]) {
      const r = await api('POST', '/api/try/http', body);
      expect({ body, status: r.status, code: r.json.code }).toEqual({
        body,
        status: 400,
        code: 'BAD_REQUEST',
      });
    }
  });
});
