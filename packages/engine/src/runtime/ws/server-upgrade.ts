/**
 * Server side of the subprotocol workaround: lets a `ws` `WebSocketServer` accept MI's
 * `synapse(contentType='…')` subprotocols, which it would otherwise answer with 400.
 *
 * How: before `wss.handleUpgrade` runs, the raw `Sec-WebSocket-Protocol` header is read and the
 * value to answer with is chosen here; the header is then hidden from `ws` (so it neither parses
 * nor selects a subprotocol), and the chosen value is added to the 101 response from the server's
 * `headers` event. Frames, masking and everything else stay with `ws`.
 *
 * ws internals relied on (ws 8.23.0, `lib/websocket-server.js`):
 * - `handleUpgrade` reads `req.headers['sec-websocket-protocol']` once, synchronously, before any
 *   asynchronous `verifyClient`; it never reads `req.rawHeaders`. That is why hiding the header
 *   only for the duration of the call is enough, and why it can be put back afterwards.
 * - `'headers'` is emitted with the mutable array of response lines and the request, just before
 *   the 101 is written (documented). Because it may come later than `handleUpgrade` returns (an
 *   asynchronous `verifyClient`), the choice is looked up by request in a WeakMap.
 * If a future `ws` read the header elsewhere, a synapse offer would get 400 again: the tests in
 * `test/runtime/ws-server-upgrade.test.ts` fail in that case.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocket, WebSocketServer } from 'ws';
import { parseProtocolHeader, selectSubprotocol, type SubprotocolPolicy } from './subprotocol.js';

/** Chosen subprotocol per pending upgrade request; entries die with the request. */
const chosenByRequest = new WeakMap<IncomingMessage, string>();
/** Servers whose `headers` listener is installed, so it is installed once per server. */
const patchedServers = new WeakSet<WebSocketServer>();

function onHeaders(headers: string[], req: IncomingMessage): void {
  const chosen = chosenByRequest.get(req);
  if (chosen !== undefined) {
    chosenByRequest.delete(req);
    headers.push(`Sec-WebSocket-Protocol: ${chosen}`);
  }
}

/**
 * Called with the open connection; `protocol` is the negotiated subprotocol (`ws.protocol` stays
 * empty because `ws` never saw the offer).
 */
export type UpgradeCallback = (ws: WebSocket, req: IncomingMessage, protocol: string | undefined) => void;

/**
 * Completes a WebSocket upgrade with subprotocol negotiation done here instead of by `ws`.
 *
 * Use it from an `http.Server` `'upgrade'` handler with `new WebSocketServer({ noServer: true })`.
 * It picks the first offered value that `policy` accepts (Netty's rule, see
 * {@link selectSubprotocol}); when nothing matches, the 101 has no `Sec-WebSocket-Protocol`, as
 * with Netty. Clients that offer valid tokens or nothing are served the same way. The request's
 * `headers` are left as they came (the header is hidden from `ws` only during the call), so
 * handshake code can still copy every request header, as MI does.
 *
 * @returns the chosen subprotocol, or `undefined` if none. The handshake may still fail
 *   afterwards for other reasons (bad key, version); then `cb` is not called.
 */
export function handleUpgradeWithSubprotocol(
  wss: WebSocketServer,
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  policy: SubprotocolPolicy,
  cb: UpgradeCallback,
): string | undefined {
  if (!patchedServers.has(wss)) {
    patchedServers.add(wss);
    wss.on('headers', onHeaders);
  }
  const raw = req.headers['sec-websocket-protocol'];
  const chosen = raw === undefined ? undefined : selectSubprotocol(parseProtocolHeader(raw), policy);
  if (chosen !== undefined) chosenByRequest.set(req, chosen);
  if (raw === undefined) {
    wss.handleUpgrade(req, socket, head, (ws, request) => cb(ws, request, chosen));
    return chosen;
  }
  delete req.headers['sec-websocket-protocol'];
  // Put back before the callback too: ws calls it synchronously, still inside handleUpgrade.
  const restore = (): void => {
    req.headers['sec-websocket-protocol'] = raw;
  };
  try {
    wss.handleUpgrade(req, socket, head, (ws, request) => {
      restore();
      cb(ws, request, chosen);
    });
  } finally {
    restore();
  }
  return chosen;
}
