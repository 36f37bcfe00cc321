/**
 * FlowSink writes frames that come together in one write (issue 15, write-batching.ts): a lone
 * frame goes out at once; more frames in the same callback (a read that carried ten) leave together
 * when it ends; frames from later callbacks of the same event-loop iteration (ten HTTP requests for
 * one back end) leave together at the iteration's end.
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
  it("sends a lone frame at once, and the rest of an iteration's frames together, in order, at its end", async () => {
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
    // Ten frames in one callback (a read that carried ten): the first at once, nine when the
    // callback ends (its microtasks), in one writev.
    const ten = Array.from({ length: 10 }, (_, i) => `frame ${i}`);
    for (const f of ten) sink.write(f, false);
    expect(socket.writableCorked).toBe(1);
    expect(writes).toBe(2);
    await Promise.resolve();
    expect(socket.writableCorked).toBe(0);
    expect(writes).toBe(3);
    // Frames from later callbacks of the same loop iteration (other HTTP requests for this back
    // end) wait together for the iteration's check phase.
    sink.write('late 1', false);
    await Promise.resolve();
    sink.write('late 2', false);
    expect(socket.writableCorked).toBe(1);
    expect(writes).toBe(3);
    await new Promise((r) => setImmediate(r));
    expect(socket.writableCorked).toBe(0);
    expect(writes).toBe(4);
    await until(async () => received.length === 13, 5000, 'every frame received');
    expect(received).toEqual(['alone', ...ten, 'late 1', 'late 2']);
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
