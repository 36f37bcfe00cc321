/**
 * handleUpgradeWithSubprotocol: a `ws` server that accepts MI's non-token subprotocols (checked
 * with a hand-written client) and still serves ordinary `ws` clients as before.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer, type ServerOptions } from 'ws';
import { handleUpgradeWithSubprotocol, type SubprotocolPolicy } from '../../src/runtime/ws/index.js';
import { rawConnect } from '../../src/testing/index.js';

const JSON_SP = "synapse(contentType='application/json')";

interface Harness {
  port: number;
  /** What each connection saw: the negotiated protocol and the request header as the caller sees it. */
  seen: Array<{ protocol: string | undefined; header: string | undefined }>;
  close(): Promise<void>;
}

const open: Harness[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((h) => h.close()));
});

/** A server whose connections answer every text with `<protocol>|<text>`. */
async function startServer(policy: SubprotocolPolicy, wssOptions: ServerOptions = {}): Promise<Harness> {
  const wss = new WebSocketServer({ noServer: true, ...wssOptions });
  const seen: Harness['seen'] = [];
  const server = http.createServer();
  server.on('upgrade', (req, socket, head) => {
    handleUpgradeWithSubprotocol(wss, req, socket, head, policy, (ws, request, protocol) => {
      seen.push({ protocol, header: request.headers['sec-websocket-protocol'] });
      ws.on('message', (data) => ws.send(`${protocol ?? 'none'}|${data.toString()}`));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const h: Harness = {
    port: (server.address() as AddressInfo).port,
    seen,
    close: () =>
      new Promise<void>((r) => {
        for (const c of wss.clients) c.terminate();
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
  open.push(h);
  return h;
}

/** A stock `ws` client; resolves with its negotiated protocol and one reply, or rejects. */
function wsClient(port: number, protocols?: string[]): Promise<{ protocol: string; reply: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/x`, protocols);
    ws.on('error', reject);
    ws.on('open', () => ws.send('hi'));
    ws.on('message', (d) => {
      resolve({ protocol: ws.protocol, reply: d.toString() });
      ws.close();
    });
  });
}

describe('handleUpgradeWithSubprotocol', () => {
  it('accepts a synapse subprotocol from a hand-written client and echoes it in the 101', async () => {
    const h = await startServer({});
    const hs = await rawConnect({ port: h.port, protocol: JSON_SP });
    expect(hs.status).toBe(101);
    expect(hs.headers['sec-websocket-protocol']).toBe(JSON_SP);
    hs.peer!.sendText('x');
    expect((await hs.peer!.nextFrame()).payload.toString()).toBe(`${JSON_SP}|x`);
    hs.peer!.destroy();
    // The caller still sees the request header as the client sent it (MI copies all of them).
    expect(h.seen).toEqual([{ protocol: JSON_SP, header: JSON_SP }]);
  });

  it('chooses the first offered value the policy supports', async () => {
    const h = await startServer({ synapseContentTypes: ['application/json'], tokens: ['chat'] });
    const a = await rawConnect({
      port: h.port,
      protocol: `synapse(contentType='application/xml'), chat, ${JSON_SP}`,
    });
    expect(a.headers['sec-websocket-protocol']).toBe('chat');
    a.socket.destroy();
    const b = await rawConnect({ port: h.port, protocol: `nope,${JSON_SP},chat,` });
    expect(b.headers['sec-websocket-protocol']).toBe(JSON_SP);
    b.socket.destroy();
  });

  it('answers without Sec-WebSocket-Protocol when nothing offered is supported (Netty)', async () => {
    const h = await startServer({ synapseContentTypes: [] });
    const hs = await rawConnect({ port: h.port, protocol: JSON_SP });
    expect(hs.status).toBe(101);
    expect(hs.headers['sec-websocket-protocol']).toBeUndefined();
    hs.socket.destroy();
  });

  it('still serves stock ws clients offering valid tokens or nothing', async () => {
    const h = await startServer({ tokens: ['chat', 'superchat'] });
    expect(await wsClient(h.port, ['superchat', 'chat'])).toEqual({
      protocol: 'superchat',
      reply: 'superchat|hi',
    });
    expect(await wsClient(h.port, ['other', 'chat'])).toEqual({ protocol: 'chat', reply: 'chat|hi' });
    expect(await wsClient(h.port)).toEqual({ protocol: '', reply: 'none|hi' });
    // No match: no header, which a stock client rejects, exactly as against Netty.
    await expect(wsClient(h.port, ['other'])).rejects.toThrow('Server sent no subprotocol');
  });

  it('works when ws emits the headers event later (asynchronous verifyClient)', async () => {
    const h = await startServer({}, { verifyClient: (_info, done) => setTimeout(() => done(true), 10) });
    const hs = await rawConnect({ port: h.port, protocol: JSON_SP });
    expect(hs.headers['sec-websocket-protocol']).toBe(JSON_SP);
    hs.socket.destroy();
  });

  it('leaves other handshake checks to ws (bad version gets 400, no connection)', async () => {
    const h = await startServer({});
    const hs = await rawConnect({
      port: h.port,
      protocol: JSON_SP,
      headers: { 'Sec-WebSocket-Version': '99' },
    });
    expect(hs.status).toBe(400);
    hs.socket.destroy();
    expect(h.seen).toEqual([]);
  });

  it('is needed: a stock ws server answers the same offer with 400 (premise; ws 8.23.0)', async () => {
    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise<void>((r) => wss.once('listening', r));
    const { port } = wss.address() as AddressInfo;
    try {
      const hs = await rawConnect({ port, protocol: JSON_SP });
      expect(hs.status).toBe(400);
      hs.socket.destroy();
    } finally {
      await new Promise<void>((r) => wss.close(() => r()));
    }
  });
});
