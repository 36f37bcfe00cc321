/**
 * FlowSink writes the frames of one event-loop turn together (issue 15): a lone frame goes out at
 * once; after the first frame of a turn the socket is corked and uncorked before any I/O, so a
 * read that carried ten frames is relayed with two writes instead of ten, and no frame waits longer.
 */
import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { DEFAULT_FLOW_LIMITS, FlowSink } from '../../src/runtime/transports/flow-control.js';
import { until } from './harness.js';

let close: (() => void) | undefined;
afterEach(() => close?.());

/** A loopback server and a client; resolves with the server's side of the connection. */
async function pair(): Promise<{ server: WebSocket; client: WebSocket }> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise((r) => wss.once('listening', r));
  const port = (wss.address() as { port: number }).port;
  const client = new WebSocket(`ws://127.0.0.1:${port}`);
  const server = await new Promise<WebSocket>((r) => wss.once('connection', r));
  await new Promise((r) => (client.readyState === client.OPEN ? r(undefined) : client.once('open', r)));
  close = () => {
    client.terminate();
    wss.close();
  };
  return { server, client };
}

const socketOf = (ws: WebSocket) => (ws as unknown as { _socket: Socket })._socket;

describe('FlowSink', () => {
  it("sends a lone frame at once, and the rest of a turn's frames together, in order, before any I/O", async () => {
    const { server, client } = await pair();
    const received: string[] = [];
    client.on('message', (d) => received.push(String(d)));
    const sink = new FlowSink(server, DEFAULT_FLOW_LIMITS);
    const socket = socketOf(server);
    // Counts what reaches the socket's handle, one write or one writev each.
    let writes = 0;
    const write = socket._write.bind(socket);
    const writev = socket._writev!.bind(socket);
    socket._write = (chunk, encoding, cb) => {
      writes++;
      write(chunk, encoding, cb);
    };
    socket._writev = (chunks, cb) => {
      writes++;
      writev(chunks, cb);
    };
    // A lone frame in its turn: written at once, nothing corked.
    expect(sink.write('alone', false)).toBe(true);
    expect(socket.writableCorked).toBe(0);
    expect(writes).toBe(1);
    await new Promise((r) => setImmediate(r));
    // Ten frames in one turn (a read that carried ten): the first at once, nine in one writev.
    const ten = Array.from({ length: 10 }, (_, i) => `frame ${i}`);
    for (const f of ten) sink.write(f, false);
    expect(socket.writableCorked).toBe(1);
    expect(writes).toBe(2);
    await Promise.resolve(); // the turn's microtasks: uncorked before any I/O
    expect(socket.writableCorked).toBe(0);
    expect(writes).toBe(3);
    await until(async () => received.length === 11, 5000, 'every frame received');
    expect(received).toEqual(['alone', ...ten]);
  });

  it('does not cork a socket that is gone, and still refuses a frame past the hard limit', async () => {
    const { server } = await pair();
    const sink = new FlowSink(server, { highWater: 10, hardLimit: 20 });
    expect(sink.write('x'.repeat(21), false)).toBe(false);
    socketOf(server).destroy();
    expect(() => sink.write('late', false)).not.toThrow();
    expect(socketOf(server).writableCorked).toBe(0);
  });
});
