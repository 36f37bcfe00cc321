/**
 * Client side of the subprotocol workaround: opens a `ws` client connection that can ask for
 * MI's `synapse(contentType='…')` subprotocol and checks the answer the way Netty's client
 * handshaker (and therefore MI's WebSocket sender) does.
 *
 * How, with documented `ws` options and events only:
 * - the offer is sent as a plain header (`headers` option) rather than through the `protocols`
 *   argument, which `ws` validates as RFC 6455 tokens and would refuse;
 * - the documented `'upgrade'` event hands over the 101 response before `ws` looks at it; there
 *   the answer is checked against the offer (Netty's rule) and, when accepted, the
 *   `Sec-WebSocket-Protocol` header is removed from `res.headers`, because `ws`, having offered
 *   nothing itself, would fail with "Server sent a subprotocol but none was requested".
 * Framing and masking stay entirely with `ws`.
 *
 * ws internals relied on (ws 8.23.0, `lib/websocket.js` `initAsClient`): `'upgrade'` is emitted
 * before the subprotocol check, and the check reads `res.headers` afterwards (Node caches that
 * object, so the deletion is seen). If a future `ws` reordered this, accepted handshakes would
 * fail with ws's message; `test/runtime/ws-connect.test.ts` covers it.
 */
import type { ConnectionOptions } from 'node:tls';
import WebSocket from 'ws';

/** TLS settings passed through to `tls.connect` for `wss://` URLs. */
export type WebSocketTlsOptions = Pick<
  ConnectionOptions,
  | 'ca'
  | 'cert'
  | 'key'
  | 'pfx'
  | 'passphrase'
  | 'rejectUnauthorized'
  | 'servername'
  | 'checkServerIdentity'
  | 'minVersion'
  | 'maxVersion'
  | 'ciphers'
>;

/** Options of {@link connectWebSocket}. */
export interface ConnectWebSocketOptions {
  /**
   * Subprotocol to request, sent exactly as written, e.g. `synapse(contentType='application/json')`.
   * Like Netty, a comma-separated list is accepted: the server must then echo one of its entries.
   */
  subprotocol?: string;
  /** Extra handshake headers (MI's `websocket.custom.header.*`). */
  headers?: Record<string, string>;
  /** TLS settings for `wss://`. */
  tls?: WebSocketTlsOptions;
  /** Time allowed for connect + handshake. Default 10000 ms (Netty's handshake timeout). */
  handshakeTimeoutMs?: number;
  /** Largest accepted message; larger ones close with 1009. Default 65536 (Netty's, so MI's). */
  maxPayload?: number;
}

/** The open connection and the negotiated subprotocol (`ws.protocol` is not set by this route). */
export interface ConnectedWebSocket {
  ws: WebSocket;
  protocol?: string;
}

/** Why a connection could not be opened; `message` names the target as `host:port`. */
export class WebSocketConnectError extends Error {
  override readonly name = 'WebSocketConnectError';
  constructor(
    message: string,
    /** Node's error code when there was one (`ECONNREFUSED`…), or `EHANDSHAKE` / `ETIMEDOUT`. */
    readonly code: string,
    readonly host: string,
    readonly port: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * Netty's client-side subprotocol rule (`WebSocketClientHandshaker.finishHandshake`): asked for
 * nothing, the server must answer nothing; asked for something, the server must answer one of it.
 * Returns the error message, or `undefined` when the answer is acceptable.
 */
export function checkSubprotocolAnswer(
  expected: string | undefined,
  received: string | undefined,
): string | undefined {
  const actual = received === undefined ? null : received.trim();
  const ok =
    expected === undefined || expected === ''
      ? actual === null
      : actual !== null && actual !== '' && expected.split(',').some((p) => p.trim() === actual);
  return ok ? undefined : `Invalid subprotocol. Actual: ${actual}. Expected one of: ${expected ?? null}`;
}

function describeError(err: NodeJS.ErrnoException, target: string, timeoutMs: number): [string, string] {
  switch (err.code) {
    case 'ECONNREFUSED':
      return ['ECONNREFUSED', `Connection refused: ${target}`];
    case 'ECONNRESET':
      return ['ECONNRESET', `Connection reset: ${target}`];
    case 'ETIMEDOUT':
      return ['ETIMEDOUT', `Connection timed out: ${target}`];
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return [err.code, `Unknown host: ${target}`];
  }
  // ws words its own handshake failures; keep them but say where.
  if (err.message === 'Opening handshake has timed out') {
    return ['ETIMEDOUT', `WebSocket handshake timed out after ${timeoutMs} ms: ${target}`];
  }
  return [err.code ?? 'EHANDSHAKE', `WebSocket handshake failed: ${err.message} (${target})`];
}

/**
 * Opens a client connection to a `ws://` or `wss://` URL, optionally requesting a subprotocol
 * that need not be an RFC 6455 token. Resolves once the connection is open; rejects with a
 * {@link WebSocketConnectError} whose message names `host:port` (e.g.
 * `Connection refused: 127.0.0.1:8082`) or, for a wrong subprotocol answer, reads like Netty's
 * (`Invalid subprotocol. Actual: null. Expected one of: synapse(contentType='application/json')`).
 *
 * Compression is not offered, as MI's sender does not offer it. After resolving, the caller owns
 * the socket and should attach an `'error'` listener.
 */
export function connectWebSocket(
  url: string | URL,
  options: ConnectWebSocketOptions = {},
): Promise<ConnectedWebSocket> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return Promise.reject(new WebSocketConnectError(`Invalid WebSocket URL: ${String(url)}`, 'EURL', '', 0));
  }
  const secure = parsed.protocol === 'wss:';
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = parsed.port ? Number(parsed.port) : secure ? 443 : 80;
  const target = `${parsed.hostname}:${port}`;
  if (parsed.protocol !== 'ws:' && !secure) {
    return Promise.reject(
      new WebSocketConnectError(
        `Unsupported WebSocket URL scheme: ${parsed.protocol} (${url})`,
        'EURL',
        host,
        port,
      ),
    );
  }
  const timeoutMs = options.handshakeTimeoutMs ?? 10000;
  const expected = options.subprotocol || undefined; // '' means none, as in Netty

  // Our offer replaces any the caller put in `headers`; header names are case-insensitive.
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(options.headers ?? {})) {
    if (expected === undefined || k.toLowerCase() !== 'sec-websocket-protocol') headers[k] = v;
  }
  if (expected !== undefined) headers['Sec-WebSocket-Protocol'] = expected;

  return new Promise<ConnectedWebSocket>((resolve, reject) => {
    let settled = false;
    let protocol: string | undefined;
    const fail = (err: WebSocketConnectError): void => {
      if (settled) return;
      settled = true;
      reject(err);
    };

    let ws: WebSocket;
    try {
      ws = new WebSocket(parsed, {
        ...options.tls,
        headers,
        handshakeTimeout: timeoutMs,
        maxPayload: options.maxPayload ?? 65536,
        perMessageDeflate: false,
      });
    } catch (err) {
      // e.g. a header value with a control character, refused by Node before anything is sent
      fail(
        new WebSocketConnectError(
          `Invalid handshake request: ${(err as Error).message} (${target})`,
          'EHANDSHAKE',
          host,
          port,
          { cause: err },
        ),
      );
      return;
    }

    // Stays attached after a failure, because ws reports the abort as an error too; removed once
    // open, so that later errors reach the caller's own listener (or crash loudly without one).
    const onError = (err: Error): void => {
      const [code, message] = describeError(err, target, timeoutMs);
      fail(new WebSocketConnectError(message, code, host, port, { cause: err }));
    };
    ws.on('error', onError);
    ws.once('unexpected-response', (_req, res) => {
      const status = `${res.statusCode ?? ''} ${res.statusMessage ?? ''}`.trim();
      fail(
        new WebSocketConnectError(
          `Invalid handshake response status: ${status} (${target})`,
          'EHANDSHAKE',
          host,
          port,
        ),
      );
      ws.terminate();
    });
    ws.once('upgrade', (res) => {
      const received = res.headers['sec-websocket-protocol'];
      const problem = checkSubprotocolAnswer(expected, received);
      if (problem !== undefined) {
        fail(new WebSocketConnectError(problem, 'EHANDSHAKE', host, port));
        res.socket.destroy();
        ws.terminate();
        return;
      }
      if (received !== undefined) {
        protocol = received.trim();
        delete res.headers['sec-websocket-protocol'];
      }
    });
    ws.once('open', () => {
      ws.off('error', onError);
      settled = true;
      resolve(protocol === undefined ? { ws } : { ws, protocol });
    });
  });
}
