/**
 * Hand-written HTTP side of the independent test WebSocket (see `raw-websocket.ts`): a client
 * that writes the upgrade request itself and parses the answer, and a server that parses the
 * request and lets the test write the answer, so handshake details can be checked or broken
 * on purpose.
 */
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { acceptKey, RawPeer } from './raw-websocket.js';

/** Parsed HTTP head: the first line and the header fields (names lower-cased, repeats joined by `, `). */
export interface HttpHead {
  firstLine: string;
  headers: Record<string, string>;
}

function parseHead(text: string): HttpHead {
  const [firstLine = '', ...lines] = text.split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const i = line.indexOf(':');
    if (i <= 0) continue;
    const name = line.slice(0, i).trim().toLowerCase();
    const value = line.slice(i + 1).trim();
    headers[name] = name in headers ? `${headers[name]}, ${value}` : value;
  }
  return { firstLine, headers };
}

/** Reads from `socket` up to the end of an HTTP head; returns the head and what followed it. */
export function readHttpHead(socket: net.Socket, timeoutMs = 5000): Promise<HttpHead & { rest: Buffer }> {
  return new Promise((resolve, reject) => {
    let buf = Buffer.alloc(0);
    const done = (err?: Error, value?: HttpHead & { rest: Buffer }): void => {
      clearTimeout(timer);
      socket.off('data', onData);
      socket.off('end', onEnd);
      socket.off('error', onEnd);
      if (err) reject(err);
      else resolve(value!);
    };
    const onData = (chunk: Buffer): void => {
      buf = Buffer.concat([buf, chunk]);
      const i = buf.indexOf('\r\n\r\n');
      if (i < 0) return;
      socket.pause(); // keep any bytes after the head for the next reader
      done(undefined, { ...parseHead(buf.subarray(0, i).toString('latin1')), rest: buf.subarray(i + 4) });
    };
    const onEnd = (e?: Error): void =>
      done(e ?? new Error(`connection ended in the HTTP head: ${buf.toString('latin1')}`));
    const timer = setTimeout(() => done(new Error('timed out reading the HTTP head')), timeoutMs);
    socket.on('data', onData);
    socket.on('end', onEnd);
    socket.on('error', onEnd);
  });
}

/** Result of {@link rawConnect}: the response head, and a peer when the answer was 101. */
export interface RawClientHandshake extends HttpHead {
  status: number;
  /** Bytes read after the head (the start of a body, when the answer was not 101). */
  rest: Buffer;
  /** Present when the server answered 101 and the accept key was right. */
  peer?: RawPeer;
  socket: net.Socket;
}

/**
 * Opens a TCP connection and performs the client handshake by hand. `protocol` is sent as written.
 * Rejects if a 101 carries a wrong `Sec-WebSocket-Accept`.
 */
export async function rawConnect(opts: {
  port: number;
  host?: string;
  path?: string;
  protocol?: string;
  headers?: Record<string, string>;
}): Promise<RawClientHandshake> {
  const host = opts.host ?? '127.0.0.1';
  const socket = net.connect(opts.port, host);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  const key = randomBytes(16).toString('base64');
  const lines = [
    `GET ${opts.path ?? '/websocket'} HTTP/1.1`,
    `Host: ${host}:${opts.port}`,
    'Upgrade: websocket',
    'Connection: Upgrade',
    `Sec-WebSocket-Key: ${key}`,
    'Sec-WebSocket-Version: 13',
  ];
  if (opts.protocol !== undefined) lines.push(`Sec-WebSocket-Protocol: ${opts.protocol}`);
  for (const [k, v] of Object.entries(opts.headers ?? {})) lines.push(`${k}: ${v}`);
  socket.write(lines.join('\r\n') + '\r\n\r\n');
  const head = await readHttpHead(socket);
  const status = Number(head.firstLine.split(' ')[1]);
  if (status !== 101) return { ...head, status, socket };
  if (head.headers['sec-websocket-accept'] !== acceptKey(key)) {
    socket.destroy();
    throw new Error(`bad Sec-WebSocket-Accept: ${head.headers['sec-websocket-accept']}`);
  }
  const peer = new RawPeer(socket, true, head.rest);
  socket.resume();
  return { ...head, status, socket, peer };
}

/** An upgrade request as seen by {@link startRawServer}, and how to answer it. */
export interface RawServerRequest extends HttpHead {
  socket: net.Socket;
  /** Writes a 101 with the right accept key plus `headers`, and returns the server-side peer. */
  accept(headers?: Record<string, string>): RawPeer;
}

/**
 * A TCP server on 127.0.0.1 (free port) that hands each request's parsed head to `onRequest`,
 * which answers by hand: `req.accept({...})` for a 101, or anything written to `req.socket`.
 */
export async function startRawServer(
  onRequest: (req: RawServerRequest) => void,
): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    readHttpHead(socket).then(
      (head) =>
        onRequest({
          ...head,
          socket,
          accept(headers = {}) {
            const key = head.headers['sec-websocket-key'] ?? '';
            const lines = ['HTTP/1.1 101 Switching Protocols', 'Upgrade: websocket', 'Connection: Upgrade'];
            lines.push(`Sec-WebSocket-Accept: ${acceptKey(key)}`);
            for (const [k, v] of Object.entries(headers)) lines.push(`${k}: ${v}`);
            socket.write(lines.join('\r\n') + '\r\n\r\n');
            const peer = new RawPeer(socket, false, head.rest);
            socket.resume();
            return peer;
          },
        }),
      () => socket.destroy(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
