/**
 * FlowSink writes the frames of one event-loop turn in one system call (issue 15): the socket is
 * corked at the turn's first frame and uncorked before any I/O, so a read that carried several
 * frames is relayed with one write instead of one per frame, and no frame waits longer.
 */
import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { DEFAULT_FLOW_LIMITS, FlowSink } from '../../src/runtime/transports/flow-control.js';

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
  it('holds the frames of one turn in the socket and lets them go together, in order, before any I/O', async () => {
    const { server, client } = await pair();
    const received: string[] = [];
    client.on('message', (d) => received.push(String(d)));
    const sink = new FlowSink(server, DEFAULT_FLOW_LIMITS);
    const socket = socketOf(server);
    let writes = 0;
    const write = socket._writev!.bind(socket);
    // Counts what reaches the socket's handle: one writev for the turn's frames.
    socket._writev = (chunks, cb) => {
      writes++;
      write(chunks, cb);
    };
    for (const f of ['one', 'two', 'three']) expect(sink.write(f, false)).toBe(true);
    expect(socket.writableCorked).toBe(1);
    await new Promise((r) => setImmediate(r));
    expect(socket.writableCorked).toBe(0);
    expect(writes).toBe(1);
    await new Promise((r) => setTimeout(r, 50));
    expect(received).toEqual(['one', 'two', 'three']);
    // The next turn corks again: one more write for its frames.
    sink.write('four', false);
    sink.write('five', true);
    await new Promise((r) => setImmediate(r));
    expect(writes).toBe(2);
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
