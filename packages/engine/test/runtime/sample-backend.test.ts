/**
 * The sample back end, driven by a hand-written client (raw `net` socket, handshake and frames
 * written by hand), so that it is checked against something that is not `ws`.
 */
import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { startSampleBackend, type SampleBackend } from '../../src/sample-backend/index.js';
import { Opcode, rawConnect } from '../../src/testing/index.js';

const JSON_SP = "synapse(contentType='application/json')";
const XML_SP = "synapse(contentType='application/xml')";

let backend: SampleBackend | undefined;
afterEach(async () => {
  await backend?.close();
  backend = undefined;
});

async function start(opts: Parameters<typeof startSampleBackend>[0] = {}): Promise<SampleBackend> {
  backend = await startSampleBackend(opts);
  return backend;
}

/** Handshake by hand, send one masked text frame, return the echoed protocol and the reply text. */
async function roundTrip(b: SampleBackend, text: string, protocol?: string) {
  const hs = await rawConnect(protocol === undefined ? { port: b.port } : { port: b.port, protocol });
  expect(hs.status).toBe(101);
  const peer = hs.peer!;
  peer.sendText(text);
  const frame = await peer.nextFrame();
  peer.destroy();
  expect(frame.masked).toBe(false); // servers must not mask
  expect(frame.opcode).toBe(Opcode.text);
  return { protocol: hs.headers['sec-websocket-protocol'], reply: frame.payload.toString() };
}

function httpGet(port: number, path: string): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body }),
        );
      })
      .on('error', reject);
  });
}

describe('sample back end (dummy mode, WSO2-modified Netty example)', () => {
  it("answers JSON text with the dummy JSON under synapse(contentType='application/json')", async () => {
    const b = await start();
    const r = await roundTrip(b, '{"hello":"world"}', JSON_SP);
    expect(r).toEqual({ protocol: JSON_SP, reply: '{"websocketResponse":"dummy"}' });
  });

  it('answers with the dummy XML under the XML subprotocol', async () => {
    const b = await start();
    const r = await roundTrip(b, '<a/>', XML_SP);
    expect(r).toEqual({ protocol: XML_SP, reply: '<websocketResponse>dummy</websocketResponse>' });
  });

  it('echoes text unchanged without a subprotocol', async () => {
    const b = await start();
    const r = await roundTrip(b, 'Hello Mediate');
    expect(r).toEqual({ protocol: undefined, reply: 'Hello Mediate' });
  });

  it('picks the first supported offer and ignores unsupported ones, as Netty does', async () => {
    const b = await start();
    expect((await roundTrip(b, 'x', `chat, ${XML_SP}, ${JSON_SP}`)).protocol).toBe(XML_SP);
    // only unsupported offers: no Sec-WebSocket-Protocol at all, and plain echo
    expect(await roundTrip(b, 'x', 'chat')).toEqual({ protocol: undefined, reply: 'x' });
    expect(await roundTrip(b, 'x', "synapse(contentType='text/plain')")).toEqual({
      protocol: undefined,
      reply: 'x',
    });
  });

  it('echoes binary frames and 16-bit / 64-bit length frames', async () => {
    const b = await start({ maxPayload: 1 << 20 });
    const hs = await rawConnect({ port: b.port });
    const peer = hs.peer!;
    const bin = Buffer.from([0, 1, 2, 255]);
    peer.send(Opcode.binary, bin);
    const f1 = await peer.nextFrame();
    expect(f1.opcode).toBe(Opcode.binary);
    expect(f1.payload.equals(bin)).toBe(true);
    for (const size of [200, 70000]) {
      const text = 'a'.repeat(size);
      peer.sendText(text);
      expect((await peer.nextFrame()).payload.toString()).toBe(text);
    }
    peer.destroy();
  });

  it('answers ping with pong and echoes a close frame with its code', async () => {
    const b = await start();
    const peer = (await rawConnect({ port: b.port })).peer!;
    peer.send(Opcode.ping, Buffer.from([8, 1, 8, 1]));
    const pong = await peer.nextFrame();
    expect(pong.opcode).toBe(Opcode.pong);
    expect([...pong.payload]).toEqual([8, 1, 8, 1]);
    peer.sendClose(1000, 'bye');
    const close = await peer.nextFrame();
    expect(close.opcode).toBe(Opcode.close);
    expect(close.payload.readUInt16BE(0)).toBe(1000);
    await peer.waitForEnd();
  });

  it('closes with 1009 above 65536 bytes by default, like Netty', async () => {
    const b = await start();
    const peer = (await rawConnect({ port: b.port })).peer!;
    peer.sendText('a'.repeat(65537));
    const close = await peer.nextFrame();
    expect(close.opcode).toBe(Opcode.close);
    expect(close.payload.readUInt16BE(0)).toBe(1009);
    peer.destroy();
  });

  it('can close the TCP connection on binary, like the Netty examples', async () => {
    const b = await start({ binary: 'close' });
    const peer = (await rawConnect({ port: b.port })).peer!;
    peer.send(Opcode.binary, Buffer.from([1]));
    await peer.waitForEnd();
  });

  it('upgrades any path but serves / and /favicon.ico over HTTP', async () => {
    const b = await start();
    expect((await rawConnect({ port: b.port, path: '/any/path?x=1' })).status).toBe(101);
    const root = await rawConnect({ port: b.port, path: '/' });
    expect(root.status).toBe(200);
    expect(root.headers['content-type']).toContain('text/html');
    root.socket.destroy();
    const fav = await rawConnect({ port: b.port, path: '/favicon.ico' });
    expect(fav.status).toBe(404);
    fav.socket.destroy();
    const page = await httpGet(b.port, '/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<html>');
    expect((await httpGet(b.port, '/favicon.ico')).status).toBe(404);
    expect((await httpGet(b.port, '/websocket')).status).toBe(400);
  });

  it('counts connections and records the last text frames (bounded)', async () => {
    const b = await start({ receivedLimit: 3 });
    const peers = [(await rawConnect({ port: b.port })).peer!, (await rawConnect({ port: b.port })).peer!];
    expect(b.connections()).toBe(2);
    expect(b.totalConnections()).toBe(2);
    for (const t of ['1', '2', '3', '4']) {
      peers[0]!.sendText(t);
      await peers[0]!.nextFrame();
    }
    expect(b.received).toEqual(['2', '3', '4']);
    peers[0]!.sendClose(1000);
    await peers[0]!.waitForEnd();
    await expect.poll(() => b.connections()).toBe(1);
    expect(b.totalConnections()).toBe(2);
    peers[1]!.destroy();
    await expect.poll(() => b.connections()).toBe(0);
  });

  it('lets a hook replace or suppress the reply', async () => {
    const b = await start();
    const seen: string[] = [];
    b.onMessage = (data, _bin, conn) => {
      seen.push(`${conn.path}:${conn.protocol}:${data.toString()}`);
      return data.toString() === 'quiet' ? null : data.toString() === 'swap' ? 'swapped' : undefined;
    };
    const peer = (await rawConnect({ port: b.port, path: '/p', protocol: JSON_SP })).peer!;
    peer.sendText('quiet');
    peer.sendText('swap');
    expect((await peer.nextFrame()).payload.toString()).toBe('swapped');
    peer.sendText('plain');
    expect((await peer.nextFrame()).payload.toString()).toBe('{"websocketResponse":"dummy"}');
    expect(seen).toEqual([`/p:${JSON_SP}:quiet`, `/p:${JSON_SP}:swap`, `/p:${JSON_SP}:plain`]);
    peer.destroy();
  });
});

describe('sample back end (uppercase mode, upstream Netty example)', () => {
  it('upper-cases text and supports no subprotocol', async () => {
    const b = await start({ mode: 'uppercase' });
    expect(await roundTrip(b, 'Hello Mediate')).toEqual({ protocol: undefined, reply: 'HELLO MEDIATE' });
    expect(await roundTrip(b, 'abc', JSON_SP)).toEqual({ protocol: undefined, reply: 'ABC' });
  });
});
