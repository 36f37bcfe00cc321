/**
 * connectWebSocket: the sender's client handshake, checked against a hand-written server (which
 * reads the raw request and the masked frames by hand) and against the sample back end.
 */
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { connectWebSocket, WebSocketConnectError } from '../../src/runtime/ws/index.js';
import { startSampleBackend } from '../../src/sample-backend/index.js';
import {
  Opcode,
  freePort,
  startRawServer,
  type RawPeer,
  type RawServerRequest,
} from '../../src/testing/index.js';

const JSON_SP = "synapse(contentType='application/json')";
const XML_SP = "synapse(contentType='application/xml')";

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A raw server that answers each handshake with `answer(req)`; collects requests and peers. */
async function rawServer(answer: (req: RawServerRequest) => RawPeer | void) {
  const requests: RawServerRequest[] = [];
  const peers: RawPeer[] = [];
  const s = await startRawServer((req) => {
    requests.push(req);
    const peer = answer(req);
    if (peer) peers.push(peer);
  });
  cleanups.push(() => s.close());
  return { url: `ws://127.0.0.1:${s.port}/websocket`, port: s.port, requests, peers };
}

function nextMessage(ws: WebSocket): Promise<string> {
  return new Promise((resolve) => ws.once('message', (d) => resolve(d.toString())));
}

function track(ws: WebSocket): WebSocket {
  ws.on('error', () => {});
  cleanups.push(() => ws.terminate());
  return ws;
}

describe('connectWebSocket against a hand-written server', () => {
  it('sends the synapse subprotocol as written, accepts its echo, and masks its frames', async () => {
    const s = await rawServer((req) =>
      req.accept({ 'Sec-WebSocket-Protocol': req.headers['sec-websocket-protocol'] ?? '' }),
    );
    const { ws, protocol } = await connectWebSocket(s.url, {
      subprotocol: JSON_SP,
      headers: { Authorization: 'Bearer t', 'sec-websocket-protocol': 'overridden' },
    });
    track(ws);
    expect(protocol).toBe(JSON_SP);
    const req = s.requests[0]!;
    expect(req.firstLine).toBe('GET /websocket HTTP/1.1');
    expect(req.headers['sec-websocket-protocol']).toBe(JSON_SP);
    expect(req.headers['authorization']).toBe('Bearer t');
    expect(req.headers['sec-websocket-extensions']).toBeUndefined(); // MI's sender offers none

    ws.send('{"a":1}');
    const frame = await s.peers[0]!.nextFrame();
    expect(frame).toMatchObject({ opcode: Opcode.text, masked: true });
    expect(frame.payload.toString()).toBe('{"a":1}');
    const reply = nextMessage(ws);
    s.peers[0]!.sendText('back');
    expect(await reply).toBe('back');
  });

  it('fails like Netty when the server does not echo the subprotocol', async () => {
    const s = await rawServer((req) => req.accept());
    const err = await connectWebSocket(s.url, { subprotocol: JSON_SP }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WebSocketConnectError);
    expect((err as Error).message).toBe(`Invalid subprotocol. Actual: null. Expected one of: ${JSON_SP}`);
  });

  it('fails when the server answers another subprotocol', async () => {
    const s = await rawServer((req) => req.accept({ 'Sec-WebSocket-Protocol': XML_SP }));
    await expect(connectWebSocket(s.url, { subprotocol: JSON_SP })).rejects.toThrow(
      `Invalid subprotocol. Actual: ${XML_SP}. Expected one of: ${JSON_SP}`,
    );
  });

  it('fails when none was requested but the server sends one', async () => {
    const s = await rawServer((req) => req.accept({ 'Sec-WebSocket-Protocol': 'chat' }));
    await expect(connectWebSocket(s.url)).rejects.toThrow(
      'Invalid subprotocol. Actual: chat. Expected one of: null',
    );
  });

  it('connects without a subprotocol when none is requested or answered', async () => {
    const s = await rawServer((req) => req.accept());
    const { ws, protocol } = await connectWebSocket(s.url);
    track(ws);
    expect(protocol).toBeUndefined();
    expect(s.requests[0]!.headers['sec-websocket-protocol']).toBeUndefined();
  });

  it('names host:port when the answer is not 101', async () => {
    const s = await rawServer((req) => {
      req.socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
    });
    await expect(connectWebSocket(s.url)).rejects.toThrow(
      `Invalid handshake response status: 404 Not Found (127.0.0.1:${s.port})`,
    );
  });

  it('reports a wrong Sec-WebSocket-Accept with host:port', async () => {
    const s = await rawServer((req) => {
      req.socket.write(
        'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: nope\r\n\r\n',
      );
    });
    await expect(connectWebSocket(s.url)).rejects.toThrow(
      `Invalid Sec-WebSocket-Accept header (127.0.0.1:${s.port})`,
    );
  });

  it('times out a server that never answers', async () => {
    const s = await rawServer(() => undefined);
    await expect(connectWebSocket(s.url, { handshakeTimeoutMs: 200 })).rejects.toThrow(
      `WebSocket handshake timed out after 200 ms: 127.0.0.1:${s.port}`,
    );
  });
});

describe('connectWebSocket errors', () => {
  it('says "Connection refused: host:port"', async () => {
    const port = await freePort();
    const err = await connectWebSocket(`ws://127.0.0.1:${port}/websocket`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WebSocketConnectError);
    expect((err as WebSocketConnectError).message).toBe(`Connection refused: 127.0.0.1:${port}`);
    expect(err).toMatchObject({ code: 'ECONNREFUSED', host: '127.0.0.1', port });
  });

  it('also for localhost (several addresses tried)', async () => {
    const port = await freePort();
    await expect(connectWebSocket(`ws://localhost:${port}/`)).rejects.toThrow(
      `Connection refused: localhost:${port}`,
    );
  });

  it('rejects other URL schemes', async () => {
    await expect(connectWebSocket('http2://127.0.0.1:1/')).rejects.toThrow(
      'Unsupported WebSocket URL scheme',
    );
    await expect(connectWebSocket('not a url')).rejects.toThrow('Invalid WebSocket URL: not a url');
  });
});

describe('connectWebSocket against the sample back end', () => {
  it('negotiates the JSON subprotocol and gets the dummy reply', async () => {
    const b = await startSampleBackend();
    cleanups.push(() => b.close());
    const { ws, protocol } = await connectWebSocket(b.url, { subprotocol: JSON_SP });
    track(ws);
    expect(protocol).toBe(JSON_SP);
    const reply = nextMessage(ws);
    ws.send('{"hello":"world"}');
    expect(await reply).toBe('{"websocketResponse":"dummy"}');
    expect(b.received).toEqual(['{"hello":"world"}']);
  });

  it('gets an echo without a subprotocol', async () => {
    const b = await startSampleBackend();
    cleanups.push(() => b.close());
    const { ws, protocol } = await connectWebSocket(b.url);
    track(ws);
    expect(protocol).toBeUndefined();
    const reply = nextMessage(ws);
    ws.send('plain');
    expect(await reply).toBe('plain');
  });

  it('fails against the upstream-style back end, which supports no subprotocol (as MI does)', async () => {
    const b = await startSampleBackend({ mode: 'uppercase' });
    cleanups.push(() => b.close());
    await expect(connectWebSocket(b.url, { subprotocol: JSON_SP })).rejects.toThrow(
      `Invalid subprotocol. Actual: null. Expected one of: ${JSON_SP}`,
    );
    await expect.poll(() => b.connections()).toBe(0);
  });
});

describe('why connectWebSocket exists (premise; ws 8.23.0)', () => {
  it('a stock ws client refuses the synapse subprotocol', () => {
    expect(() => new WebSocket('ws://127.0.0.1:1/', [JSON_SP])).toThrow(
      'An invalid or duplicated subprotocol was specified',
    );
  });

  it('sent as a plain header, a stock ws client rejects the echo', async () => {
    const s = await rawServer((req) => req.accept({ 'Sec-WebSocket-Protocol': JSON_SP }));
    const ws = new WebSocket(s.url, { headers: { 'Sec-WebSocket-Protocol': JSON_SP } });
    const err = await new Promise<Error>((resolve) => ws.once('error', resolve));
    expect(err.message).toBe('Server sent a subprotocol but none was requested');
  });
});
