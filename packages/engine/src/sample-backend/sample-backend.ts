/**
 * A WebSocket back end that behaves like the Netty example servers used in WSO2's docs
 * (synapse-semantics.md §6.2, §6.4), for tests and benchmarks.
 *
 * - Any path except `/` and `/favicon.ico` is upgraded; `/` serves a small HTML page, the favicon
 *   is 404, a non-GET request is 403.
 * - `mode: 'dummy'` (default, the WSO2-modified jar): accepts
 *   `synapse(contentType='application/xml')` and `synapse(contentType='application/json')`; with one
 *   of them every text frame is answered `<websocketResponse>dummy</websocketResponse>` or
 *   `{"websocketResponse":"dummy"}`, otherwise text is echoed unchanged.
 * - `mode: 'uppercase'` (upstream Netty 4.0.30): no subprotocols, text answered upper-cased.
 * - Binary frames are echoed (`binary: 'close'` gives the Netty examples' abrupt TCP close).
 *   Ping is answered with pong and close is echoed, by `ws`.
 * - A peer that sends faster than it reads its replies is read more slowly (the replies waiting
 *   for it pause its connection, as Mediate's own connections do), and is cut when a whole
 *   hard limit of replies waits: the back end's memory stays bounded whoever its peer is.
 *
 * The per-frame path only hands buffers back to `ws`: replies are prebuilt per connection, echoes
 * reuse the received buffer. Recording text frames (`received`) decodes each one to a string; pass
 * `receivedLimit: 0` in benchmarks to skip that.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { DEFAULT_FLOW_LIMITS, FlowSink, FlowSource } from '../runtime/transports/flow-control.js';
import { handleUpgradeWithSubprotocol } from '../runtime/ws/server-upgrade.js';
import { formatSynapseSubprotocol } from '../runtime/ws/subprotocol.js';

/**
 * Called for every data frame before the reply. Return `undefined` for the normal reply, a
 * string (sent as text) or Buffer (sent as the same kind as the received frame) to answer that
 * instead, or `null` to send nothing.
 */
export type SampleBackendHook = (
  data: Buffer,
  isBinary: boolean,
  connection: { protocol: string | undefined; path: string },
) => string | Buffer | null | undefined | void;

/** Options of {@link startSampleBackend}. */
export interface SampleBackendOptions {
  /** Port to listen on; 0 (default) picks a free one. The docs' server uses 8082. */
  port?: number;
  /** Address to bind; default 127.0.0.1. */
  host?: string;
  /** `dummy` (WSO2-modified Netty example, default) or `uppercase` (upstream Netty example). */
  mode?: 'dummy' | 'uppercase';
  /** What a binary frame gets: `echo` (default) or `close` (TCP close, like the Netty examples). */
  binary?: 'echo' | 'close';
  /** How many text frames `received` keeps (latest first out); default 10000, 0 records none. */
  receivedLimit?: number;
  /** Largest accepted message; larger close with 1009. Default 65536, as Netty's. */
  maxPayload?: number;
  /** Initial {@link SampleBackend.onMessage}. */
  onMessage?: SampleBackendHook;
}

/** A running sample back end. */
export interface SampleBackend {
  port: number;
  host: string;
  /** `ws://host:port/websocket`, the docs' back-end URL. */
  url: string;
  /** Closes every connection (TCP close) and the listener. */
  close(): Promise<void>;
  /** Connections currently open. */
  connections(): number;
  /** Connections accepted since start. */
  totalConnections(): number;
  /** The last `receivedLimit` text frames, oldest first (a fresh array on each read). */
  readonly received: string[];
  /** Hook run on every data frame; may be replaced at any time. */
  onMessage: SampleBackendHook | undefined;
}

const TEXT = { binary: false } as const;
const BINARY = { binary: true } as const;
const XML_SUBPROTOCOL = formatSynapseSubprotocol('application/xml');
const JSON_SUBPROTOCOL = formatSynapseSubprotocol('application/json');
const DUMMY_XML = Buffer.from('<websocketResponse>dummy</websocketResponse>');
const DUMMY_JSON = Buffer.from('{"websocketResponse":"dummy"}');
const INDEX_HTML =
  '<html><head><title>Web Socket Test</title></head><body>' +
  '<p>Mediate sample WebSocket back end. Connect to ws://HOST/websocket.</p></body></html>\r\n';

function rawHttp(socket: Duplex, status: string, type: string, body: string): void {
  const len = Buffer.byteLength(body);
  socket.end(
    `HTTP/1.1 ${status}\r\nContent-Type: ${type}\r\nContent-Length: ${len}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/** Starts the back end; resolves once it listens. */
export async function startSampleBackend(options: SampleBackendOptions = {}): Promise<SampleBackend> {
  const host = options.host ?? '127.0.0.1';
  const mode = options.mode ?? 'dummy';
  const binaryMode = options.binary ?? 'echo';
  const limit = Math.max(0, options.receivedLimit ?? 10000);
  // Netty compares offered and supported values with equals(), so exact strings, no parsing.
  const policy = {
    synapseContentTypes: [],
    tokens: mode === 'dummy' ? [XML_SUBPROTOCOL, JSON_SUBPROTOCOL] : [],
  };

  // Ring buffer, so recording stays O(1) per frame at any fill level.
  const ring: string[] = new Array<string>(limit);
  let ringNext = 0;
  let ringCount = 0;
  let total = 0;

  const wss = new WebSocketServer({
    noServer: true,
    perMessageDeflate: false,
    maxPayload: options.maxPayload ?? 65536,
  });

  const backend: SampleBackend = {
    port: 0,
    host,
    url: '',
    onMessage: options.onMessage,
    close,
    connections: () => wss.clients.size,
    totalConnections: () => total,
    get received(): string[] {
      const start = (ringNext - ringCount + limit) % Math.max(limit, 1);
      const out: string[] = [];
      for (let i = 0; i < ringCount; i++) out.push(ring[(start + i) % limit]!);
      return out;
    },
  };

  function onConnection(ws: WebSocket, req: http.IncomingMessage, protocol: string | undefined): void {
    total++;
    const path = req.url ?? '/';
    // Decided once per connection, as the reply depends only on the negotiated subprotocol.
    const fixedReply =
      protocol === XML_SUBPROTOCOL ? DUMMY_XML : protocol === JSON_SUBPROTOCOL ? DUMMY_JSON : undefined;
    const info = { protocol, path };
    const sink = new FlowSink(ws, DEFAULT_FLOW_LIMITS);
    const source = FlowSource.ofWebSocket(ws);
    const send = (data: string | Buffer, options: typeof TEXT | typeof BINARY) => {
      if (!sink.write(data, options.binary, source)) ws.terminate();
    };
    ws.on('error', ignore); // e.g. invalid UTF-8: ws closes with 1007 itself
    ws.on('message', (raw: RawData, isBinary: boolean) => {
      const data = raw as Buffer; // binaryType 'nodebuffer' always gives one Buffer
      if (!isBinary && limit > 0) {
        ring[ringNext] = data.toString();
        ringNext = (ringNext + 1) % limit;
        if (ringCount < limit) ringCount++;
      }
      const hook = backend.onMessage;
      if (hook !== undefined) {
        const r = hook(data, isBinary, info);
        if (r === null) return;
        if (r !== undefined) {
          send(r, typeof r === 'string' || !isBinary ? TEXT : BINARY);
          return;
        }
      }
      if (isBinary) {
        if (binaryMode === 'echo') send(data, BINARY);
        else ws.terminate();
      } else if (fixedReply !== undefined) {
        send(fixedReply, TEXT);
      } else if (mode === 'uppercase') {
        send(data.toString().toUpperCase(), TEXT);
      } else {
        send(data, TEXT);
      }
    });
  }

  const server = http.createServer((req, res) => {
    if (req.method !== 'GET') {
      res.writeHead(403, { 'Content-Type': 'text/plain; charset=UTF-8', Connection: 'close' });
      res.end('403 Forbidden');
    } else if (req.url === '/') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=UTF-8' });
      res.end(INDEX_HTML);
    } else if (req.url === '/favicon.ico') {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=UTF-8' });
      res.end('404 Not Found');
    } else {
      res.writeHead(400, { 'Content-Type': 'text/plain; charset=UTF-8' });
      res.end('not a WebSocket handshake request');
    }
  });

  server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', ignore);
    if (req.method !== 'GET')
      return rawHttp(socket, '403 Forbidden', 'text/plain; charset=UTF-8', '403 Forbidden');
    // Netty's example checks these paths before it ever looks at the Upgrade header.
    if (req.url === '/') return rawHttp(socket, '200 OK', 'text/html; charset=UTF-8', INDEX_HTML);
    if (req.url === '/favicon.ico')
      return rawHttp(socket, '404 Not Found', 'text/plain; charset=UTF-8', '404 Not Found');
    handleUpgradeWithSubprotocol(wss, req, socket, head, policy, onConnection);
  });

  function close(): Promise<void> {
    for (const ws of wss.clients) ws.terminate();
    wss.close();
    server.closeAllConnections();
    return new Promise((resolve) => server.close(() => resolve()));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  backend.port = (server.address() as AddressInfo).port;
  const hostInUrl = host.includes(':') ? `[${host}]` : host;
  backend.url = `ws://${hostInUrl}:${backend.port}/websocket`;
  return backend;
}

function ignore(): void {}
