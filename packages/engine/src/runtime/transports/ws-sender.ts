/**
 * The WebSocket sender (MI's WebsocketTransportSender): one persistent back-end connection per
 * (client, host+port+path), one shared set for HTTP-originated sends. Back-end frames are
 * injected into the outflow dispatch sequence, where `respond` writes to the originating client.
 */
import type WebSocket from 'ws';
import type { RetryInfo } from '../../model/api-types.js';
import type { RetrySettings } from '../../model/project/project-config.js';
import type { Dispatcher } from '../dispatch.js';
import type { EventBus } from '../log/event-bus.js';
import { MessageContext } from '../message/message-context.js';
import { Payload } from '../message/payload.js';
import { connectWebSocket, WebSocketConnectError, type ConnectWebSocketOptions } from '../ws/connect.js';
import { formatSynapseSubprotocol, parseSynapseSubprotocol } from '../ws/subprotocol.js';
import type { ConnectionBudget } from './connection-guard.js';
import { BackendConnection, type BackendOwner } from './backend-connection.js';
import { FlowSink, FlowSource, type FlowLimits } from './flow-control.js';
import { RetryBuffers, RetryingConnection, type RetryLine } from './ws-retry.js';

export { BackendConnection, type BackendOwner } from './backend-connection.js';

/** What the sender needs from the runtime. */
export interface WsSenderDeps {
  readonly bus: EventBus;
  /** Backpressure thresholds, the runtime's (updated by each deploy). */
  readonly flow: Readonly<FlowLimits>;
  /** The file descriptors all of the runtime's connections share: a back-end connection takes one. */
  readonly budget: ConnectionBudget;
  /** `[mediate.retry]`, the runtime's (updated by each deploy). */
  readonly retry: Readonly<RetrySettings>;
  /**
   * Runs back-end frames through their outflow sequence, and the fault path of a context whose
   * send failed (HTTP origin).
   */
  readonly dispatcher: Pick<Dispatcher, 'dispatchOutflow' | 'fault'>;
}

const CUSTOM_HEADER = 'websocket.custom.header.';

/** `host+port+path`, MI's pool key (no query string). */
export function poolKey(url: URL): string {
  const port = url.port || (url.protocol === 'wss:' ? '443' : '80');
  return `${url.hostname || '127.0.0.1'}${port}${url.pathname}`;
}

export class WsSender {
  /** Owner of HTTP-originated connections (MI's "universal.source.identifier"). */
  readonly universal: BackendOwner = {
    backends: new Map(),
    responder: undefined,
    outflow: 'transport',
    label: 'universal',
  };
  private openCount = 0;
  /** HTTP-originated frames the back end could not take, when `[mediate.retry]` is enabled. */
  private readonly retry: RetryBuffers;

  constructor(private readonly deps: WsSenderDeps) {
    this.retry = new RetryBuffers({
      bus: deps.bus,
      settings: deps.retry,
      flow: deps.flow,
      redial: (line) => this.redial(line),
    });
  }

  /** The retry buffers' counters, per back end. */
  retryStatus(): RetryInfo {
    return this.retry.status();
  }

  /** Open back-end connections, all owners. */
  get open(): number {
    return this.openCount;
  }

  /** Sends a context to a ws:// or wss:// URL (see synapse-semantics §4.3). */
  send(ctx: MessageContext, url: URL, key: string = poolKey(url)): void {
    const owner = ctx.client ?? this.universal;
    let conn = owner.backends.get(key);
    if (ctx.connectionTerminate) {
      if (conn) this.closeConnection(conn);
      return;
    }
    if (!conn) conn = this.connect(owner, key, url, ctx);
    if (ctx.sourceHandshake) {
      // The client's handshake opens the connection; if the back end refuses it, this message
      // takes the fault path (MI's sender waits on the handshake and the send throws).
      if (conn.state === 'connecting' && owner !== this.universal) conn.waiting.push(ctx);
      return;
    }
    const out = { data: ctx.payload.raw ?? '', binary: ctx.frame === 'binary' };
    if (!conn.write(out, ctx.source)) this.refuse(conn, ctx);
    if (conn.state === 'connecting') conn.waiting.push(ctx);
  }

  /**
   * The back end is a whole hard limit behind: this message cannot be taken. It goes down the
   * fault path; an HTTP client waiting on it gets 503 (the back end does not keep up) unless the
   * fault sequence answers.
   */
  private refuse(conn: BackendConnection, ctx: MessageContext): never {
    ctx.responsePending = true;
    ctx.failStatus = 503;
    throw new Error(
      `Unexpected error during sending message out. The back end ${conn.url} does not keep up: ${conn.buffered} bytes are waiting to be sent to it (limit ${this.deps.flow.hardLimit}).`,
    );
  }

  private connect(owner: BackendOwner, key: string, url: URL, ctx: MessageContext): BackendConnection {
    const options = this.handshakeOf(ctx);
    // Decided per connection, not per message: with the buffer off, writes take the plain path.
    const conn =
      owner === this.universal && this.deps.retry.enable
        ? this.retry.connection(owner, key, url, options)
        : new BackendConnection(key, url.href, owner, this.deps.flow);
    owner.backends.set(key, conn);
    this.dial(conn, url, options);
    return conn;
  }

  /** A new connection for a retry line whose back end was unreachable or dropped. */
  private redial(line: RetryLine): void {
    const conn = this.retry.connection(this.universal, line.key, line.url, line.options);
    this.universal.backends.set(line.key, conn);
    this.dial(conn, line.url, line.options);
  }

  private dial(conn: BackendConnection, url: URL, options: ConnectWebSocketOptions): void {
    if (!this.deps.budget.tryTake()) {
      // Failed after the caller has it, as a refused connection would be (1014 to a client).
      queueMicrotask(() =>
        this.failed(
          conn,
          new Error(
            'no file descriptor is left for a back-end connection: the runtime keeps [mediate.limits] reserve_connections free for the admin API',
          ),
        ),
      );
      return;
    }
    let held = true;
    conn.releaseBudget = () => {
      if (!held) return;
      held = false;
      this.deps.budget.release();
    };
    connectWebSocket(url, options).then(
      ({ ws, protocol }) => this.opened(conn, ws, protocol),
      (err: Error) => this.failed(conn, err),
    );
  }

  /** The handshake a send asks for: MI's accept content type and custom headers. */
  private handshakeOf(ctx: MessageContext): ConnectWebSocketOptions {
    // Only MI's spelling: WebsocketConstants.CONTENT_TYPE is `websocket.accept.contenType`
    // (validation warns about the corrected spelling, which MI never reads).
    const accept = ctx.property('axis2', 'websocket.accept.contenType');
    const headers: Record<string, string> = {};
    for (const [name, value] of ctx.axis2Properties()) {
      if (name.startsWith(CUSTOM_HEADER) && name.length > CUSTOM_HEADER.length)
        headers[name.slice(CUSTOM_HEADER.length)] = String(value);
    }
    const subprotocol = typeof accept === 'string' && accept ? formatSynapseSubprotocol(accept) : undefined;
    return { ...(subprotocol ? { subprotocol } : {}), headers };
  }

  private opened(conn: BackendConnection, ws: WebSocket, protocol: string | undefined): void {
    if (conn.state === 'closed') {
      // Closed while connecting: the descriptor is free once this socket is.
      ws.once('close', () => conn.releaseBudget?.());
      ws.close();
      return;
    }
    conn.ws = ws;
    conn.state = 'open';
    conn.contentType = protocol ? parseSynapseSubprotocol(protocol) : undefined;
    conn.sink = new FlowSink(ws, this.deps.flow);
    conn.source = FlowSource.ofWebSocket(ws);
    this.openCount++;
    ws.on('message', (data: Buffer, isBinary: boolean) => this.fromBackend(conn, data, isBinary));
    ws.on('error', () => undefined);
    ws.on('close', (code: number) => this.closed(conn, code));
    conn.waiting = [];
    this.deps.bus.emit({
      kind: 'backend.connected',
      level: 'INFO',
      category: 'WebsocketTransportSender',
      text: `Connected to back end ${conn.url} for ${conn.owner.label}${protocol ? ` (subprotocol ${protocol})` : ''}`,
    });
    // What waited in the retry buffer is older than what queued during this handshake.
    if (conn instanceof RetryingConnection) this.retry.opened(conn, ws);
    // The queue was bounded by the hard limit as it filled, so it all fits.
    for (const out of conn.takeQueue()) ws.send(out.data, { binary: out.binary });
    // MI's acknowledgeHandshake: an inbound client's outflow sequence sees the handshake once.
    if (conn.owner.responder) {
      const hs = this.contextFor(conn, Payload.empty());
      hs.targetHandshake = true;
      void this.deps.dispatcher.dispatchOutflow(hs, conn.owner.outflow);
    }
  }

  private failed(conn: BackendConnection, err: Error): void {
    conn.releaseBudget?.();
    conn.state = 'closed';
    if (conn instanceof RetryingConnection) {
      // Its frames wait in the buffer; the connection stays in the map, buffering, until the
      // next attempt replaces it. Nothing failed yet, so no fault sequence runs.
      conn.waiting = [];
      this.retry.failed(conn, err);
      return;
    }
    if (conn.owner.backends.get(conn.key) === conn) conn.owner.backends.delete(conn.key);
    const waiting = conn.waiting;
    conn.takeQueue();
    conn.waiting = [];
    this.deps.bus.emit({
      kind: 'error',
      level: 'ERROR',
      category: 'WebsocketTransportSender',
      text: `Error writing to the websocket channel: ${err.message}`,
    });
    // A back end that answered the upgrade with anything but a good 101 refused the handshake:
    // in MI the send throws into the message's fault handler (an inbound's onError) and the
    // client stays connected. One that could not be reached (ConnectException) closes an inbound
    // client with 1014 (handleClientConnectionError) and runs no fault sequence for it.
    const refused = err instanceof WebSocketConnectError && err.code === 'EHANDSHAKE';
    if (conn.owner.close && !refused) conn.owner.close(1014, err.message.slice(0, 120));
    for (const ctx of waiting)
      if (refused || conn.owner === this.universal)
        this.deps.dispatcher.fault(
          ctx,
          new Error(`Unexpected error during sending message out. ${err.message}`),
        );
  }

  private closed(conn: BackendConnection, code: number): void {
    conn.releaseBudget?.();
    if (conn.state === 'open') this.openCount--;
    conn.state = 'closed';
    // A retrying connection stays in the map: what is sent next is buffered, then sent on the
    // next connection (unless a redeploy turned the buffer off and nothing waits).
    const keep =
      conn instanceof RetryingConnection && (this.deps.retry.enable || conn.line.frames.length > 0);
    if (conn.owner.backends.get(conn.key) === conn && !keep) conn.owner.backends.delete(conn.key);
    this.deps.bus.emit({
      kind: 'backend.closed',
      level: 'INFO',
      category: 'WebsocketTransportSender',
      text: `Back-end connection ${conn.url} for ${conn.owner.label} closed (${code})`,
    });
    if (conn instanceof RetryingConnection) this.retry.closed(conn);
  }

  private contextFor(conn: BackendConnection, payload: Payload): MessageContext {
    const ctx = new MessageContext(payload, conn.owner.responder, undefined);
    ctx.client = conn.owner === this.universal ? undefined : conn.owner;
    ctx.source = conn.source;
    ctx.setProperty('default', 'websocket.subscriber.path', conn.url);
    return ctx;
  }

  private fromBackend(conn: BackendConnection, data: Buffer, isBinary: boolean): void {
    if (conn.contentType !== undefined) {
      // A synapse subprotocol: the frame is built with the negotiated content type (text only).
      if (isBinary) return;
      void this.deps.dispatcher.dispatchOutflow(
        this.contextFor(conn, new Payload(data, conn.contentType)),
        conn.owner.outflow,
      );
      return;
    }
    const ctx = this.contextFor(conn, new Payload(data, undefined, isBinary));
    ctx.frame = isBinary ? 'binary' : 'text';
    ctx.frameData = data;
    void this.deps.dispatcher.dispatchOutflow(ctx, conn.owner.outflow);
  }

  /** Closes one back-end connection (a Close frame without a status code, as MI sends). */
  closeConnection(conn: BackendConnection): void {
    if (conn.owner.backends.get(conn.key) === conn) conn.owner.backends.delete(conn.key);
    if (conn.state === 'open' && conn.ws) conn.ws.close();
    conn.state = conn.state === 'open' ? 'open' : 'closed';
    conn.takeQueue();
  }

  /** Closes every back-end connection of an owner (its client went away). */
  closeAll(owner: BackendOwner): void {
    for (const conn of [...owner.backends.values()]) this.closeConnection(conn);
  }

  /** Closes everything (runtime stop); frames in the retry buffers are dropped and counted. */
  stop(): void {
    this.retry.stop();
    this.closeAll(this.universal);
  }
}
