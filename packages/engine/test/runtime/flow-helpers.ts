/**
 * For the flow-control tests: small send-buffer limits, a WebSocket back end that completes the
 * handshake and then never reads a byte (the sender's buffer towards it fills, as with a back end
 * that hangs), and a proxy that relays HTTP requests to such a back end.
 */
import net, { type AddressInfo } from 'node:net';
import type { Runtime } from '../../src/runtime/index.js';
import { acceptKey } from '../../src/testing/index.js';
import { freePort, project, runtimeWith, tomlFor } from './harness.js';

const NS = 'xmlns="http://ws.apache.org/ns/synapse"';

/** `[mediate.limits]` with a 64 KiB high-water mark and a 256 KiB hard limit. */
export const SMALL_FLOW_LIMITS =
  '[mediate.limits]\nsend_buffer_high_water = 65536\nsend_buffer_hard_limit = 262144\n';

/** Proxy `relay`: accepts each HTTP request at once (202) and sends it to `backendUrl`. */
export function relayProxyXml(backendUrl: string): string {
  return `<proxy name="relay" transports="http" ${NS}><target><inSequence>
  <property name="OUT_ONLY" value="true"/>
  <property name="FORCE_SC_ACCEPTED" value="true" scope="axis2"/>
  <send><endpoint><address uri="${backendUrl}"/></endpoint></send>
</inSequence></target></proxy>`;
}

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

/**
 * A runtime on a free HTTP port whose proxy `relay` sends every request to a new deaf back end,
 * under {@link SMALL_FLOW_LIMITS}. The caller stops the runtime and closes the back end.
 */
export async function relayToDeafBackend(): Promise<{
  deaf: DeafBackend;
  httpPort: number;
  runtime: Runtime;
}> {
  const deaf = await deafBackend();
  const httpPort = await freePort();
  const { runtime } = await runtimeWith(
    project(
      { 'artifacts/proxy-services/relay.xml': relayProxyXml(deaf.url) },
      tomlFor(httpPort, SMALL_FLOW_LIMITS),
    ),
  );
  return { deaf, httpPort, runtime };
}
