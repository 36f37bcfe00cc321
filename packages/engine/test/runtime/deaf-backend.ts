/**
 * A WebSocket back end that completes the handshake and then never reads a byte: the sender's
 * buffer towards it fills, as with a back end that hangs. For the flow-control tests.
 */
import net, { type AddressInfo } from 'node:net';
import { acceptKey } from '../../src/testing/index.js';

export interface DeafBackend {
  /** `ws://127.0.0.1:<port>/websocket`. */
  readonly url: string;
  /** The connections it accepted (paused once upgraded; `resume()` one to let it read). */
  readonly sockets: net.Socket[];
  close(): Promise<void>;
}

/** Starts one on a free loopback port. */
export async function deafBackend(): Promise<DeafBackend> {
  const sockets: net.Socket[] = [];
  const server = net.createServer((socket) => {
    sockets.push(socket);
    socket.on('error', () => undefined);
    let head = '';
    const onData = (d: Buffer) => {
      head += d.toString('latin1');
      const end = head.indexOf('\r\n\r\n');
      if (end === -1) return;
      socket.off('data', onData);
      socket.pause(); // from here on, nothing is read: the sender's buffer fills
      const key = /sec-websocket-key:\s*(\S+)/i.exec(head.slice(0, end))?.[1] ?? '';
      socket.write(
        `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${acceptKey(key)}\r\n\r\n`,
      );
    };
    socket.on('data', onData);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/websocket`,
    sockets,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise((r) => server.close(() => r()));
    },
  };
}
